"""The import pipeline: check every row of a mapped file, then write all rows in one
transaction or none. Checking is a dry run of the real write inside a unit of work
that is always rolled back, so a row is judged exactly as it would be written
(including clashes with rows earlier in the same file)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

import duckdb
import pandas as pd

from core.exports import FORMULA_PREFIXES
from core.importing.shape import Refused
from core.importing.spec import ImporterSpec
from queries import access
from queries.actor import Actor
from queries.db import Database
from queries.errors import ValidationError

PROBLEM_COLUMNS = ["row", "column", "reason"]


class ImportRefused(Refused):
    """Some rows are wrong: nothing was written; `problems` says where and why."""


class _DryRun(Exception):
    pass


@dataclass
class Checked:
    rows: list[dict]              # the mapped rows that passed, with their file row number under "_row"
    problems: pd.DataFrame        # row, column, reason
    repeated: int = 0             # rows that repeated an earlier row exactly: kept once (merge_repeats)

    @property
    def ok(self) -> bool:
        return self.problems.empty


def _formula(value) -> bool:
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return False
    if value.startswith(("-", "+")):   # -5 or +1 203 ... are numbers and phone numbers, not formulas
        rest = value[1:].strip().replace(" ", "").replace(".", "").replace(",", "").replace("(", "").replace(")", "")
        return not rest.replace("-", "").isdigit()
    return True


def _records(frame: pd.DataFrame) -> list[dict]:
    out = []
    for number, record in enumerate(frame.to_dict("records"), start=2):   # row 1 is the header
        out.append({"_row": number, **{k: (None if v is None or (isinstance(v, float) and pd.isna(v)) else v)
                                       for k, v in record.items()}})
    return out


def _same(value) -> str:
    return " ".join(str(value).split()).lower() if value is not None else ""


def _merge_repeats(records: list[dict], spec: ImporterSpec) -> tuple[list[dict], int]:
    """Keep the first of rows equal in every field (ignoring case and runs of spaces), for the kinds
    whose spec merges repeats; returns the rows kept and how many repeated an earlier row."""
    if not spec.merge_repeats:
        return records, 0
    kept, seen = [], set()
    for record in records:
        key = tuple(_same(record[k]) for k in sorted(record) if k != "_row")
        if key not in seen:
            seen.add(key)
            kept.append(record)
    return kept, len(records) - len(kept)


def repeated_rows(frame: pd.DataFrame, spec: ImporterSpec) -> int:
    """How many rows of a mapped file repeat an earlier row exactly (kept once when the spec merges them)."""
    return _merge_repeats(_records(frame), spec)[1]


def _column(field: str, mapping: dict[str, str], spec: ImporterSpec) -> str:
    """The file column a problem is about: the form names problems by label, files by field."""
    if field in spec.problem_fields and spec.problem_fields[field] in mapping:
        return mapping[spec.problem_fields[field]]
    lowered = field.lower().split(" (")[0]
    for name, column in mapping.items():
        if name == lowered or name.replace("_", " ") == lowered or name == field:
            return column
    return field


def _static_problems(records: list[dict], spec: ImporterSpec, mapping: dict[str, str]) -> list[dict]:
    problems, seen = [], {}
    for record in records:
        for name, value in record.items():
            if name != "_row" and _formula(value):
                problems.append({"row": record["_row"], "column": mapping.get(name, name),
                                 "reason": f"'{value[:40]}' looks like a spreadsheet formula; "
                                           "type the value itself, without the leading sign."})
        key_fields = tuple(k for k in spec.key_fields if k in record) or tuple(k for k in record if k != "_row")
        key = tuple(str(record.get(k) or "").strip().lower() for k in key_fields)
        if any(key):
            if key in seen:
                problems.append({"row": record["_row"], "column": ", ".join(mapping.get(k, k) for k in key_fields),
                                 "reason": f"duplicates row {seen[key]} of the file."})
            else:
                seen[key] = record["_row"]
    return problems


def _run(db: Database, actor: Actor, spec: ImporterSpec, records: list[dict], mapping: dict[str, str],
         commit: bool, progress: Callable[[int, int], None] | None, detail: str | None,
         repeated: int = 0) -> tuple[list[dict], list[dict]]:
    problems, passed = [], []
    try:
        with db.unit_of_work(actor) as uow:
            access.authorize_import(actor, spec.table)
            for index, record in enumerate(records, start=1):
                fields = {k: v for k, v in record.items() if k != "_row"}
                try:
                    spec.write_row(uow, fields)
                    passed.append(record)
                except ValidationError as error:
                    for field, reason in error.problems.items():
                        problems.append({"row": record["_row"], "column": _column(field, mapping, spec),
                                         "reason": f"{field}: {reason}"})
                except duckdb.Error as error:   # a constraint the checks missed: the transaction is spent
                    problems.append({"row": record["_row"], "column": "", "reason": f"refused by the database ({error})"})
                    break
                if progress:
                    progress(index, len(records))
            if not commit or problems:
                raise _DryRun
            summary = {"kind": spec.kind, "rows": len(records), "detail": detail}
            if repeated:
                summary["repeated_rows_kept_once"] = repeated
            uow.audit("import", spec.table, None, None, None, json.dumps(summary))
    except _DryRun:
        pass
    return passed, problems


def check(db: Database, actor: Actor, spec: ImporterSpec, frame: pd.DataFrame, mapping: dict[str, str],
          progress: Callable[[int, int], None] | None = None) -> Checked:
    """Every row checked, nothing written. `frame` has field names as columns (after apply_mapping)."""
    records, repeated = _merge_repeats(_records(frame), spec)
    problems = _static_problems(records, spec, mapping)
    passed, row_problems = _run(db, actor, spec, records, mapping, False, progress, None)
    problems += row_problems
    bad_rows = {p["row"] for p in problems}
    table = pd.DataFrame(problems, columns=PROBLEM_COLUMNS).sort_values(["row", "column"], kind="stable")
    return Checked([r for r in passed if r["_row"] not in bad_rows], table.reset_index(drop=True), repeated)


def write(db: Database, actor: Actor, spec: ImporterSpec, frame: pd.DataFrame, mapping: dict[str, str],
          detail: str | None = None, progress: Callable[[int, int], None] | None = None) -> int:
    """All rows in one transaction, or none (ImportRefused carries the problem table); returns the
    rows written (a file's exact repeats, for a spec that merges them, are written once)."""
    records, repeated = _merge_repeats(_records(frame), spec)
    problems = _static_problems(records, spec, mapping)
    if not problems:
        _, problems = _run(db, actor, spec, records, mapping, True, progress, detail, repeated)
    if problems:
        raise ImportRefused(pd.DataFrame(problems, columns=PROBLEM_COLUMNS))
    return len(records)
