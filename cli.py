"""The administrator's command line: python cli.py --help

The database comes from --db, else $COMMUNITY_DB, else data/community.duckdb (the app uses the
same rule): a file path is DuckDB, a postgresql:// URL is PostgreSQL (server mode). DuckDB lets
one process write a file at a time: while the app runs, commands that open the database say so
and change nothing. A PostgreSQL database is shared: commands run while the app servers do.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.importing.registry import IMPORTERS
from core.importing.shape import Outcome, Refused, Upload
from core.tabular import parse_map_args
from queries.actor import SYSTEM
from queries.db import Database, is_server_url, open_database, resolve_path
from queries.errors import DataError
from queries.private_files import owner_only


def cmd_init(args) -> None:
    path = resolve_path(args.db)
    if is_server_url(path):       # the server holds the database: bring it up to date, never fill it
        db = open_database(path)
        db.close()
        print(f"Up to date: {db.path}")
        return
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
    db = open_database(args.db, migrate=False)
    applied = db.migrate()
    print("Applied: " + ", ".join(applied) if applied else "Nothing to apply: the schema is up to date.")


def cmd_demo(args) -> None:
    from demo.large import build_large_demo, parse_scale
    from demo.town import build_demo

    try:
        scale = parse_scale(args.scale)
    except ValueError as error:
        raise DataError(str(error)) from None

    def build(db: Database) -> dict[str, int]:
        if scale is None:
            return build_demo(db, seed=args.seed)
        # the large city (Lakeport): minutes at scale 1, so say what it is doing
        print(f"Building the large city at scale {scale:g}:", flush=True)
        return build_large_demo(db, scale=scale, seed=args.seed,
                                progress=lambda section: print(f"  {section} ...", flush=True))

    path = resolve_path(args.db)
    if is_server_url(path):
        from demo.postgresql import build_on_postgresql
        from queries.postgresql_db import shown_url

        # built in a temporary DuckDB file, then copied; refuses a database that holds data
        counts = build_on_postgresql(path, build)
        path = shown_url(path)
    else:
        if path.exists():
            if not args.replace:
                raise DataError(f"{path} already exists; add --replace to overwrite it with demo data.")
            from queries.db import connect

            connect(path).close()  # refuses while another process holds it
            path.unlink()
            path.with_name(path.name + ".wal").unlink(missing_ok=True)
        db = Database(path)
        counts = build(db)
        db.close()
    print(f"Demo database written to {path}:")
    for table, count in counts.items():
        print(f"  {table:<28} {count:>8,}")


def cmd_backup(args) -> None:
    from core.backups import backup_folder
    from queries.backup import backup

    path = resolve_path(args.db)
    if not is_server_url(path) and not path.exists():
        raise DataError(f"There is no database at {path}.")
    db = open_database(path)        # PostgreSQL: pg_dump, while the app servers run
    out_dir = Path(args.out_dir) if args.out_dir else backup_folder(path)   # the Backup page's folder
    made = backup(db, SYSTEM, out_dir)
    db.close()
    print(f"Backup written: {made}")


def cmd_restore(args) -> None:
    from queries.backup import restore

    path = resolve_path(args.db)
    # migrates, ends every session, audits the restore; PostgreSQL: pg_restore, app servers stopped
    kept = restore(Path(args.file), path, replace=args.replace)
    before = "previous content is kept as a backup in" if is_server_url(path) else "previous file is kept as"
    print(f"Restored {args.file} to {path}." + (f" The {before} {kept}." if kept else ""))


def cmd_move_to_postgresql(args) -> None:
    from queries.move_to_postgresql import move
    from queries.postgresql_db import shown_url

    path = resolve_path(args.db)
    if is_server_url(path) or not is_server_url(args.to):
        raise DataError("Give the DuckDB file as --db and the PostgreSQL database as --to postgresql://...")
    copied = move(path, args.to)     # refuses a database that already holds data
    print(f"Moved {path} to {shown_url(args.to)}:")
    for table, count in copied.items():
        print(f"  {table:<28} {count:>8,}")


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
    if not is_server_url(path) and not path.exists():
        raise DataError(f"There is no database at {path}.")
    if args.format in ("pdf", "docx"):
        from reports.chart_images import start_drawing

        start_drawing()        # the drawing processes load matplotlib while the report is assembled
    db = open_database(path)
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
    parser.add_argument("--db", help="database file, or a postgresql:// URL "
                                      "(default: $COMMUNITY_DB or data/community.duckdb)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = sub.add_parser("init", help="create the database (empty) or bring it up to date")
    init.add_argument("--demo-if-new", action="store_true",
                      help="a database that does not exist yet is created with the demo town")
    init.set_defaults(run=cmd_init)
    sub.add_parser("migrate", help="apply pending schema migrations").set_defaults(run=cmd_migrate)

    demo = sub.add_parser("demo", help="build the fictional demo town (PostgreSQL: into an empty database)")
    demo.add_argument("--seed", type=int, default=2026, help="random seed (same seed, same data)")
    demo.add_argument("--replace", action="store_true",
                      help="overwrite an existing database file (a PostgreSQL database is never overwritten)")
    demo.add_argument("--scale", default="demo", metavar="SCALE",
                      help="'demo' (the small town, default), 'large' (a Chicago-sized city: 50 districts, "
                           "280 beats, 2.5 million incidents) or a factor of the large city, e.g. 0.1")
    demo.set_defaults(run=cmd_demo)

    backup = sub.add_parser("backup", help="write a consistent backup (DuckDB: app must be stopped, "
                                           "while it runs use its Backup page; PostgreSQL: pg_dump, any time)")
    backup.add_argument("--out-dir", help="folder for the backup (default: $COMMUNITY_BACKUP_DIR, else backups/ "
                                           "beside the DuckDB file, else data/backups)")
    backup.set_defaults(run=cmd_backup)

    restore = sub.add_parser("restore", help="replace the database with a backup (app must be stopped)")
    restore.add_argument("file", help="backup file written by `backup`")
    restore.add_argument("--replace", action="store_true",
                         help="PostgreSQL: replace a database that is not empty (its content is backed up first)")
    restore.set_defaults(run=cmd_restore)

    move = sub.add_parser("move-to-postgresql", help="copy the department in the DuckDB file (--db) into an "
                                                     "empty PostgreSQL database (the app must be stopped)")
    move.add_argument("--to", required=True, metavar="URL", help="the PostgreSQL database, postgresql://...")
    move.set_defaults(run=cmd_move_to_postgresql)

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
# `import KIND FILE --map field=column ...`: one command for every importer of the registry
# (core/importing/registry.py), with the options each declares; the importers in core/ read,
# check and write, and know nothing of the command line.

def run_import(db: Database, kind: str, path: str, map_args: list[str] | None = None, saved_name: str | None = None,
               check_only: bool = False, options: dict | None = None, out=None, quiet: bool = True) -> Outcome:
    """Check or write one file through its importer; prints the summary to `out`. Returns the
    outcome; raises DataError on refusal (a file with wrong rows: shape.Refused, its problems)."""
    out = out or sys.stdout
    importer = IMPORTERS[kind]
    upload = Upload.of_path(path)
    given = parse_map_args(map_args)
    mapping = importer.guess(importer.columns(upload)) if importer.fills_unmapped or not given else {}
    if saved_name:
        stored = importer.saved(db)
        if saved_name not in stored:
            raise DataError(f"There is no saved {kind} mapping named {saved_name!r}.")
        mapping.update(stored[saved_name])
    mapping.update(given)
    choices = {name: (Upload.of_path(value) if value is not None and _option(importer, name).kind == "file"
                      else value) for name, value in (options or {}).items()}
    progress = None if quiet else _progress_lines(out)
    if check_only:
        outcome = importer.check(db, SYSTEM, upload, mapping, progress=progress, **choices)
        if outcome.refused:
            raise Refused(outcome.problems)
    else:
        outcome = importer.write(db, SYSTEM, upload, mapping, progress=progress, **choices)
    print(outcome.heading, file=out)
    for line in outcome.lines:
        print("  " + line, file=out)
    for warning in outcome.warnings:
        print("  Warning: " + warning, file=out)
    for problem in outcome.problems.head(10).to_dict("records"):
        print(f"  line {problem['row']}: {problem['reason']}", file=out)
    return outcome


def _option(importer, name: str):
    return next(option for option in importer.options if option.name == name)


def _progress_lines(out):
    """Progress as lines: one when the step changes (its first word) or passes a tenth."""
    last = {"step": None, "tenth": -1}

    def show(fraction: float, text: str) -> None:
        step, tenth = (text.split() or [""])[0], int(fraction * 10)
        if step != last["step"] or tenth > last["tenth"]:
            last.update(step=step, tenth=tenth)
            print(f"  [{fraction:4.0%}] {text}", file=out, flush=True)
    return show


def cmd_import(args) -> None:
    importer = IMPORTERS[args.kind]
    options = {option.name: getattr(args, option.name) for option in importer.options}
    db = open_database(args.db)
    try:
        run_import(db, args.kind, args.file, args.map, args.mapping, args.check, options, quiet=args.quiet)
    except Refused as refused:
        print(refused.problems.to_string(index=False), file=sys.stderr)
        raise
    finally:
        db.close()


def _import_commands(sub) -> None:
    kinds = sub.add_parser("import", help="import a CSV/XLSX/GeoJSON file").add_subparsers(
        dest="kind", required=True, metavar="KIND")
    for kind, importer in IMPORTERS.items():
        files = " or ".join("GeoJSON" if suffix == "geojson" else suffix.upper() for suffix in importer.suffixes)
        fields = "Fields: " + "; ".join(importer.describe(f) for f in importer.fields) if importer.fields else None
        parser = kinds.add_parser(kind, help=f"import {importer.title.lower()} from a {files} file",
                                  description=fields)
        parser.add_argument("file", help=f"the {files} file")
        if importer.fields:     # a survey's columns are named by its question map instead
            parser.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                                help="which file column holds a field (repeat); without --map the usual column "
                                     "names map themselves")
        parser.set_defaults(map=None)
        parser.add_argument("--mapping", help="use a mapping saved in the app under this name")
        parser.add_argument("--check", "--dry-run", dest="check", action="store_true",
                            help="check every row, write nothing")
        parser.add_argument("--quiet", action="store_true", help="no progress lines")
        for option in importer.options:
            if option.kind == "flag":
                parser.add_argument(option.flag, dest=option.name, action="store_true", help=option.help)
            elif option.kind == "choice":
                parser.add_argument(option.flag, dest=option.name, choices=option.choices, default=option.default,
                                    help=option.help)
            else:
                parser.add_argument(option.flag, dest=option.name, metavar=option.metavar, default=option.default,
                                    help=option.help)
        parser.set_defaults(run=cmd_import)


# -- user accounts -----------------------------------------------------------

def _read_password(args) -> str:
    if not args.password_stdin:
        raise DataError("Give the password on standard input with --password-stdin "
                        "(so it stays out of the shell history).")
    return sys.stdin.readline().rstrip("\r\n")


def cmd_user_add(args) -> None:
    from core.users import add_user

    db = open_database(args.db)
    add_user(db, SYSTEM, args.username, args.name or args.username, args.role, _read_password(args),
             args.district or [], args.email, temporary=not args.permanent)
    print(f"User {args.username.lower()} added as {args.role}.")


def cmd_user_list(args) -> None:
    from queries.unit_of_work import utc_now

    table = open_database(args.db).df("users_list", now=utc_now())
    print(table.drop(columns=["version"]).to_string(index=False))


def _existing(db: Database, username: str) -> dict:
    user = db.one("user_by_username", username=username)
    if user is None:
        raise DataError(f"There is no user {username!r}.")
    return user


def cmd_user_disable(args) -> None:
    from core.users import set_active

    db = open_database(args.db)
    user = _existing(db, args.username)
    set_active(db, SYSTEM, user["username"], user["version"], active=args.enable)
    print(f"User {user['username']} {'enabled' if args.enable else 'disabled'}.")


def cmd_user_reset_password(args) -> None:
    from core.accounts import set_password

    db = open_database(args.db)
    _existing(db, args.username)
    set_password(db, SYSTEM, args.username, _read_password(args), temporary=not args.permanent)
    print(f"Password of {args.username} reset" + ("." if args.permanent else "; it must be changed at next sign-in."))


def cmd_user_unlock(args) -> None:
    from core.accounts import unlock

    db = open_database(args.db)
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
