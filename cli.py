"""The administrator's command line: python cli.py --help

The database path comes from --db, else $COMMUNITY_DB, else data/community.duckdb
(the app uses the same rule). DuckDB lets one process write a file at a time:
while the app runs, commands that open the database say so and change nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core import business_import, district_import, district_mapping, incident_import, offense_mapping
from core.importing import mappings, pipeline
from core.importing.kinds import IMPORTERS
from core.tabular import FileRefused, apply_mapping, parse_map_args, read_path
from queries.actor import SYSTEM
from queries.db import Database, resolve_path
from queries.errors import DataError
from queries.private_files import owner_only


def cmd_init(args) -> None:
    path = resolve_path(args.db)
    existed = path.exists()
    if args.demo_if_new and not existed:
        from demo.bootstrap import ensure_database

        print("Building the demo town (first start only, about half a minute) ...", flush=True)
        ensure_database(path).close()
        print(f"Created with the demo town: {path}")
        return
    Database(path).close()
    print(f"{'Up to date' if existed else 'Created'}: {path}")


def cmd_migrate(args) -> None:
    from queries.migrate import apply_migrations

    db = Database(resolve_path(args.db), migrate=False)
    with db.write_lock:
        applied = apply_migrations(db.cursor())
    print("Applied: " + ", ".join(applied) if applied else "Nothing to apply: the schema is up to date.")


def cmd_demo(args) -> None:
    from demo.large import build_large_demo, parse_scale
    from demo.town import build_demo

    try:
        scale = parse_scale(args.scale)
    except ValueError as error:
        raise DataError(str(error)) from None
    path = resolve_path(args.db)
    if path.exists():
        if not args.replace:
            raise DataError(f"{path} already exists; add --replace to overwrite it with demo data.")
        from queries.db import connect

        connect(path).close()  # refuses while another process holds it
        path.unlink()
        path.with_name(path.name + ".wal").unlink(missing_ok=True)
    db = Database(path)
    if scale is None:
        counts = build_demo(db, seed=args.seed)
    else:   # the large city (Lakeport): minutes at scale 1, so say what it is doing
        print(f"Building the large city at scale {scale:g}:", flush=True)
        counts = build_large_demo(db, scale=scale, seed=args.seed,
                                  progress=lambda section: print(f"  {section} ...", flush=True))
    db.close()
    print(f"Demo database written to {path}:")
    for table, count in counts.items():
        print(f"  {table:<28} {count:>8,}")


def cmd_backup(args) -> None:
    from queries.backup import backup

    path = resolve_path(args.db)
    if not path.exists():
        raise DataError(f"There is no database at {path}.")
    db = Database(path)
    out_dir = Path(args.out_dir) if args.out_dir else path.parent / "backups"
    made = backup(db, SYSTEM, out_dir)
    db.close()
    print(f"Backup written: {made}")


def cmd_restore(args) -> None:
    from queries.backup import restore

    path = resolve_path(args.db)
    kept = restore(Path(args.file), path)   # migrates, ends every session, audits the restore
    print(f"Restored {args.file} to {path}." + (f" The previous file is kept as {kept}." if kept else ""))


def cmd_report(args) -> None:
    from core.periods import PeriodError, parse_period
    from reports.documents import render
    from reports.monthly import assemble_report
    from reports.submission import snapshot, stored_report

    try:
        period = parse_period(args.period)
    except PeriodError as error:
        raise DataError(str(error)) from None
    path = resolve_path(args.db)
    if not path.exists():
        raise DataError(f"There is no database at {path}.")
    db = Database(path)
    stored = stored_report(db, period)
    if stored is not None and stored["status"] == "submitted" and not args.live:
        report = snapshot(stored)
        print(f"The report for {period.label} was submitted; writing the submitted copy "
              "(add --live for today's figures).", file=sys.stderr)
    else:
        report = assemble_report(db, period, SYSTEM, args.prepared_by, stored=stored)
    db.close()
    data = render(report, args.format)
    if args.out in (None, "-"):
        if args.format != "json":
            raise DataError(f"Give --out FILE for a {args.format.upper()} file.")
        sys.stdout.write(data.decode("utf-8") + "\n")
        return
    Path(args.out).write_bytes(data)
    print(f"Report for {period.label} written to {args.out} ({len(data):,} bytes).", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cli.py", description="Community Relations Dashboard administration.")
    parser.add_argument("--db", help="database file (default: $COMMUNITY_DB or data/community.duckdb)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = sub.add_parser("init", help="create the database (empty) or bring it up to date")
    init.add_argument("--demo-if-new", action="store_true",
                      help="a database that does not exist yet is created with the demo town")
    init.set_defaults(run=cmd_init)
    sub.add_parser("migrate", help="apply pending schema migrations").set_defaults(run=cmd_migrate)

    demo = sub.add_parser("demo", help="build the fictional demo town")
    demo.add_argument("--seed", type=int, default=2026, help="random seed (same seed, same data)")
    demo.add_argument("--replace", action="store_true", help="overwrite an existing database file")
    demo.add_argument("--scale", default="demo", metavar="SCALE",
                      help="'demo' (the small town, default), 'large' (a Chicago-sized city: 50 districts, "
                           "280 beats, 2.5 million incidents) or a factor of the large city, e.g. 0.1")
    demo.set_defaults(run=cmd_demo)

    backup = sub.add_parser("backup", help="write a consistent backup (app must be stopped; "
                                           "while it runs use its Backup page)")
    backup.add_argument("--out-dir", help="folder for the backup (default: data/backups)")
    backup.set_defaults(run=cmd_backup)

    restore = sub.add_parser("restore", help="replace the database with a backup (app must be stopped)")
    restore.add_argument("file", help="backup file written by `backup`")
    restore.set_defaults(run=cmd_restore)

    report = sub.add_parser("report", help="write the report of programs and services for a period")
    report.add_argument("--period", required=True,
                        help="2026-10 (month), 2026-Q3 (quarter), 2026 (year) or 2026-01-01..2026-03-31")
    report.add_argument("--format", default="pdf", choices=("pdf", "docx", "xlsx", "json"))
    report.add_argument("--out", help="file to write (JSON may go to standard output: omit or -)")
    report.add_argument("--prepared-by", default="Crime Prevention Unit", help="name in the report header")
    report.add_argument("--live", action="store_true",
                        help="today's figures even when the period's report was submitted")
    report.set_defaults(run=cmd_report)

    _user_commands(sub)
    _import_commands(sub)
    return parser


# -- imports -----------------------------------------------------------------
# `import KIND FILE ...`: each kind of file has its command here; the importers in core/ read,
# check and write, and know nothing of the command line.

def run_entry_import(db: Database, kind: str, path: str, map_args: list[str] | None, saved_name: str | None = None,
                     check_only: bool = False, out=None) -> int:
    """A data-entry importer's file (programs, events, ...). Returns the rows imported (0 when only
    checked); raises DataError on refusal."""
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


def cmd_import_entries(args) -> None:
    db = Database(resolve_path(args.db))
    try:
        run_entry_import(db, args.kind, args.file, args.map, args.mapping, args.check)
    except pipeline.ImportRefused as refused:
        print(refused.problems.to_string(index=False), file=sys.stderr)
        raise
    finally:
        db.close()


def cmd_import_businesses(args) -> None:
    mapping = parse_map_args(args.map)
    db = Database(resolve_path(args.db))
    try:
        if args.dry_run:
            mapped = business_import.with_column_names(
                apply_mapping(read_path(args.file), mapping, business_import.REQUIRED, business_import.FIELDS),
                mapping)
            plan = business_import.plan_import(db, mapped, crs=args.crs)
        else:
            plan = business_import.import_file(db, SYSTEM, args.file, mapping, crs=args.crs)
    finally:
        db.close()
    print(("Would import (nothing written): " if args.dry_run else "Imported: ") + plan.sentence())
    print("  " + plan.coordinates_sentence())
    for reason, count in plan.flags.most_common():
        print(f"  flagged  {count:>6,}  {reason}")
    for reason, count in plan.refusals.most_common():
        print(f"  refused  {count:>6,}  {reason}")


def cmd_import_districts(args) -> None:
    population = None
    if args.population_csv:
        population_path = Path(args.population_csv)
        population = district_import.parse_population_csv(population_path.read_bytes(), population_path.name)
    db = Database(resolve_path(args.db))
    try:
        summary = district_import.import_districts_file(
            db, SYSTEM, args.file, id_field=args.id_field, name_field=args.name_field,
            parent_field=args.parent_field, child_kind=args.child_kind, population=population)
    finally:
        db.close()
    print(f"Imported districts from {args.file}:")
    for line in summary.lines():
        print("  " + line)


def cmd_import_incidents(args) -> None:
    path = Path(args.file)
    if not path.exists():
        raise FileRefused(f"There is no file at {path}.")
    mapping = parse_map_args(args.map) or incident_import.default_mapping(incident_import.file_columns(path))
    district_map = district_mapping.read_mapping_file(args.district_map) if args.district_map else None
    db = Database(resolve_path(args.db))
    try:
        def show(fraction: float, text: str) -> None:
            if not args.quiet:
                print(f"  [{fraction:4.0%}] {text}", flush=True)
        summary = incident_import.import_incidents(db, SYSTEM, path, mapping, progress=show,
                                                   district_map=district_map, crs=args.crs,
                                                   offsets_are_local=args.offsets_are_local)
    finally:
        db.close()
    print(f"Imported incidents from {path.name}:")
    for line in summary.lines():
        print("  " + line)
    for warning in summary.warnings:
        print("  Warning: " + warning)
    for problem in summary.problems[:10]:
        value = f" ('{problem['value']}')" if problem["value"] else ""
        print(f"  line {problem['line']}: {problem['problem']}{value}")


def cmd_import_offense_mappings(args) -> None:
    mapping = offense_mapping.read_mapping_file(args.file)
    db = Database(resolve_path(args.db))
    try:
        counts = offense_mapping.save_mappings(db, SYSTEM, mapping)
    finally:
        db.close()
    print(f"Offense mapping from {args.file}: {counts['added']} added, {counts['changed']} changed; "
          f"crime type re-derived for {counts['incidents_retyped']:,} stored incidents.")


def _import_commands(sub) -> None:
    kinds = sub.add_parser("import", help="import a CSV/XLSX/GeoJSON file").add_subparsers(
        dest="kind", required=True, metavar="KIND")

    # programs, events, participants, organizations, concerns: one command each, from their spec
    for kind, spec in IMPORTERS.items():
        parser = kinds.add_parser(kind, help=f"import {spec.title.lower()} from a CSV or XLSX file",
                                  description="Fields: " + "; ".join(spec.describe(f) for f in spec.fields))
        parser.add_argument("file", help="the .csv or .xlsx file")
        parser.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                            help="which file column holds a field "
                                 "(repeat; columns named like the field map themselves)")
        parser.add_argument("--mapping", help="use a mapping saved in the app under this name")
        parser.add_argument("--check", action="store_true", help="check every row, write nothing")
        parser.set_defaults(run=cmd_import_entries)

    command = kinds.add_parser("businesses", help="import a city business list (CSV/XLSX)")
    command.add_argument("file", help="CSV or XLSX file")
    command.add_argument("--map", action="append", metavar="FIELD=COLUMN", required=True,
                         help=f"map a field to a column; fields: {', '.join(sorted(business_import.FIELDS))} "
                              "(name and address required)")
    command.add_argument("--crs", metavar="EPSG:CODE",
                         help="the coordinate system of the x/y columns when they are projected, e.g. "
                              "EPSG:2263 (New York State Plane, feet) or EPSG:26985 (Maryland State Plane, "
                              "metres); without it projected x/y are refused")
    command.add_argument("--dry-run", action="store_true", help="show the summary without writing")
    command.set_defaults(run=cmd_import_businesses)

    cmd = kinds.add_parser("districts", help="district / sector / beat boundaries from GeoJSON (lon/lat)")
    cmd.add_argument("file", help="GeoJSON FeatureCollection of Polygon / MultiPolygon features")
    cmd.add_argument("--id-field", required=True, metavar="PROP", help="property holding the district code")
    cmd.add_argument("--name-field", metavar="PROP", help="property holding the name (default: the code)")
    cmd.add_argument("--parent-field", metavar="PROP",
                     help="property holding the parent district's code (for sectors or beats)")
    cmd.add_argument("--child-kind", choices=district_import.KINDS[1:], default="beat",
                     help="what a feature with a parent is (default: beat)")
    cmd.add_argument("--population-csv", metavar="FILE", help="CSV with columns code,population")
    cmd.set_defaults(run=cmd_import_districts)

    cmd = kinds.add_parser("incidents", help="crime incidents from a CSV/XLSX export of the records system")
    cmd.add_argument("file", help="CSV or XLSX file with a header row")
    cmd.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                     help=f"which column holds a field (repeatable); fields: {', '.join(incident_import.FIELDS)}. "
                          "Without --map, common column names are recognised.")
    cmd.add_argument("--district-map", metavar="FILE",
                     help="CSV/XLSX with the columns district_text,district_code: district texts of the export "
                          "that name no district, mapped to one once and for all (saved before this import "
                          "uses them; nothing is saved when the import is refused)")
    cmd.add_argument("--crs", metavar="EPSG:CODE",
                     help="the coordinate system of the columns mapped as x and y when they are projected, "
                          "e.g. EPSG:2263 (New York State Plane, feet) or EPSG:26985 (Maryland State Plane, "
                          "metres); without it projected coordinates refuse the file")
    cmd.add_argument("--offsets-are-local", action="store_true",
                     help="the file's UTC offsets are wrong (such as +00 written on local times; a sign: an "
                          "hour column that matches the written hour): read every time as the department's "
                          "wall-clock time as written. Without it a time with an offset is converted to the "
                          "department's time zone")
    cmd.add_argument("--quiet", action="store_true", help="no progress lines")
    cmd.set_defaults(run=cmd_import_incidents)

    cmd = kinds.add_parser("offense-mappings",
                           help="offense description -> crime type mapping (CSV/XLSX: offense_description,"
                                "crime_type_code)")
    cmd.add_argument("file")
    cmd.set_defaults(run=cmd_import_offense_mappings)


# -- user accounts -----------------------------------------------------------

def _read_password(args) -> str:
    if not args.password_stdin:
        raise DataError("Give the password on standard input with --password-stdin "
                        "(so it stays out of the shell history).")
    return sys.stdin.readline().rstrip("\r\n")


def cmd_user_add(args) -> None:
    from core.users import add_user

    db = Database(resolve_path(args.db))
    add_user(db, SYSTEM, args.username, args.name or args.username, args.role, _read_password(args),
             args.district or [], args.email, temporary=not args.permanent)
    print(f"User {args.username.lower()} added as {args.role}.")


def cmd_user_list(args) -> None:
    from queries.unit_of_work import utc_now

    table = Database(resolve_path(args.db)).df("users_list", now=utc_now())
    print(table.drop(columns=["version"]).to_string(index=False))


def _existing(db: Database, username: str) -> dict:
    user = db.one("user_by_username", username=username)
    if user is None:
        raise DataError(f"There is no user {username!r}.")
    return user


def cmd_user_disable(args) -> None:
    from core.users import set_active

    db = Database(resolve_path(args.db))
    user = _existing(db, args.username)
    set_active(db, SYSTEM, user["username"], user["version"], active=args.enable)
    print(f"User {user['username']} {'enabled' if args.enable else 'disabled'}.")


def cmd_user_reset_password(args) -> None:
    from core.accounts import set_password

    db = Database(resolve_path(args.db))
    _existing(db, args.username)
    set_password(db, SYSTEM, args.username, _read_password(args), temporary=not args.permanent)
    print(f"Password of {args.username} reset" + ("." if args.permanent else "; it must be changed at next sign-in."))


def cmd_user_unlock(args) -> None:
    from core.accounts import unlock

    db = Database(resolve_path(args.db))
    unlock(db, SYSTEM, args.username)
    print(f"{args.username} unlocked.")


def _user_commands(sub) -> None:
    from queries.access import ROLES

    user = sub.add_parser("user", help="manage accounts").add_subparsers(dest="user_command", required=True,
                                                                       metavar="ACTION")
    add = user.add_parser("add", help="add an account (password read from standard input)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--name", help="full name shown in the app (default: the username)")
    add.add_argument("--district", action="append", metavar="CODE", help="assigned district (repeatable)")
    add.add_argument("--email")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("--permanent", action="store_true", help="do not require a change at first sign-in")
    add.set_defaults(run=cmd_user_add)

    user.add_parser("list", help="list accounts").set_defaults(run=cmd_user_list)

    disable = user.add_parser("disable", help="deactivate an account and end its sessions")
    disable.add_argument("username")
    disable.set_defaults(run=cmd_user_disable, enable=False)
    enable = user.add_parser("enable", help="reactivate an account")
    enable.add_argument("username")
    enable.set_defaults(run=cmd_user_disable, enable=True)

    reset = user.add_parser("reset-password", help="set a temporary password (read from standard input)")
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true")
    reset.add_argument("--permanent", action="store_true")
    reset.set_defaults(run=cmd_user_reset_password)

    unlock = user.add_parser("unlock", help="lift a sign-in lock")
    unlock.add_argument("username")
    unlock.set_defaults(run=cmd_user_unlock)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    owner_only()            # the database, its WAL and backups are the owner's alone
    try:
        args.run(args)
    except DataError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
