"""`python cli.py import KIND FILE --map FIELD=COLUMN ...` for the data-entry importers."""

from __future__ import annotations

import sys

from core.importing import mappings, pipeline
from core.importing.kinds import IMPORTERS
from core.tabular import apply_mapping, parse_map_args, read_path
from queries.actor import SYSTEM
from queries.db import Database, resolve_path
from queries.errors import DataError


def run_import(db: Database, kind: str, path: str, map_args: list[str] | None, saved_name: str | None = None,
               check_only: bool = False, out=None) -> int:
    """Returns the rows imported (0 when only checked); raises DataError on refusal."""
    out = out or sys.stdout
    spec = IMPORTERS[kind]
    frame = read_path(path)
    mapping = mappings.guess(spec, list(frame.columns))
    if saved_name:
        stored = mappings.saved(db, kind)
        if saved_name not in stored:
            raise DataError(f"There is no saved {kind} mapping named {saved_name!r}.")
        mapping.update(stored[saved_name])
    mapping.update(parse_map_args(map_args))
    mapped = apply_mapping(frame, mapping, set(spec.required), set(spec.fields))
    repeated = pipeline.repeated_rows(mapped, spec)
    repeats = f" {repeated} rows repeated an earlier row exactly; kept once." if repeated else ""
    if check_only:
        checked = pipeline.check(db, SYSTEM, spec, mapped, mapping)
        if not checked.ok:
            raise pipeline.ImportRefused(checked.problems)
        print(f"All {len(mapped)} rows of {path} are fine; nothing written (--check).{repeats}", file=out)
        return 0
    count = pipeline.write(db, SYSTEM, spec, mapped, mapping, detail=str(path))
    print(f"Imported {count} {spec.title.lower()} from {path}.{repeats}", file=out)
    return count


def _command(args) -> None:
    db = Database(resolve_path(args.db))
    try:
        run_import(db, args.kind, args.file, args.map, args.mapping, args.check)
    except pipeline.ImportRefused as refused:
        print(refused.problems.to_string(index=False), file=sys.stderr)
        raise
    finally:
        db.close()


def add_import_command(kinds) -> None:
    for kind, spec in IMPORTERS.items():
        parser = kinds.add_parser(kind, help=f"import {spec.title.lower()} from a CSV or XLSX file",
                                  description="Fields: " + "; ".join(spec.describe(f) for f in spec.fields))
        parser.add_argument("file", help="the .csv or .xlsx file")
        parser.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                            help="which file column holds a field (repeat; columns named like the field map themselves)")
        parser.add_argument("--mapping", help="use a mapping saved in the app under this name")
        parser.add_argument("--check", action="store_true", help="check every row, write nothing")
        parser.set_defaults(run=_command)
