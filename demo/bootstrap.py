"""What the app takes from the demo: the first start and the sign-in page's list of accounts.

A database file that does not exist yet is created with the demo town (Millbrook), so the first
page a new user sees is the sign-in form with accounts to try. `cli.py init --demo-if-new` (run by
./run.sh before the server starts) and app.py (when the server is started on a new file) call
`ensure_database`; app.py hands it and DEMO_ACCOUNTS to the components, which import nothing from
the demo. Loading this module loads no builder: the town is imported only when one is built.
An empty PostgreSQL database is not filled: the app says which command fills it (deploy/README.md).
"""

from __future__ import annotations

import os
from pathlib import Path

from demo.accounts import DEMO_ACCOUNTS
from queries.db import Database, is_server_url, open_database
from queries.errors import DatabaseBusy

__all__ = ["DEMO_ACCOUNTS", "EmptyServerDatabase", "ensure_database"]


class EmptyServerDatabase(DatabaseBusy):
    """The PostgreSQL database holds nothing yet; says what to run. Shown where DatabaseBusy is
    (components/database.py), and the next page visit looks again."""


def ensure_database(path: str | os.PathLike) -> Database:
    """The database at `path`; one that does not exist yet is created and filled with the demo town.

    A PostgreSQL database (a postgresql:// URL) is never filled by the app: IT creates it for a
    department, often to receive a move from a DuckDB file (which only an empty database accepts),
    and the demo's accounts, whose passwords the sign-in page shows, do not belong on a shared
    server unless an administrator asks for them. An empty one is refused (EmptyServerDatabase)
    with the commands that fill it; its schema is brought up to date, no row is written."""
    if is_server_url(path):
        return _filled_server_database(path)
    path = Path(path)
    if path.exists():
        return Database(path)
    from demo.town import build_demo

    db = Database(path)
    try:
        build_demo(db)
    except BaseException:
        # a half-built demo must not pass for a real database on the next start
        db.close()
        for leftover in (path, path.with_name(path.name + ".wal")):
            leftover.unlink(missing_ok=True)
        raise
    return db


def _filled_server_database(url: str):
    from demo.postgresql import rows_held

    db = open_database(url)             # migrated: the schema is there, whatever happens next
    try:
        with db.cursor() as cur:
            held = rows_held(cur)
    except BaseException:
        db.close()
        raise
    if held:
        return db
    db.close()
    shown = db.path                     # the URL without its password
    raise EmptyServerDatabase(
        f"The database {shown} is empty. To fill it, on the command line: for the demo town, "
        f"python cli.py --db {shown} demo; to move a department's DuckDB file into it, "
        f"python cli.py --db FILE move-to-postgresql --to {shown}; to start with the department's own "
        f"data, add the first administrator with python cli.py --db {shown} user add USERNAME --role admin "
        "--password-stdin. Then reload this page.")
