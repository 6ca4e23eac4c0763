"""What the app takes from the demo: the first start and the sign-in page's list of accounts.

A database file that does not exist yet is created with the demo town (Millbrook), so the first
page a new user sees is the sign-in form with accounts to try. `cli.py init --demo-if-new` (run by
./run.sh before the server starts) and app.py (when the server is started on a new file) call
`ensure_database`; app.py hands it and DEMO_ACCOUNTS to the components, which import nothing from
the demo. Loading this module loads no builder: the town is imported only when one is built.
"""

from __future__ import annotations

import os
from pathlib import Path

from demo.accounts import DEMO_ACCOUNTS
from queries.db import Database, is_server_url, open_database

__all__ = ["DEMO_ACCOUNTS", "ensure_database"]


def ensure_database(path: str | os.PathLike) -> Database:
    """The database at `path`; one that does not exist yet is created and filled with the demo town.
    A PostgreSQL database (a postgresql:// URL) is opened as it is: the app never fills a server's."""
    if is_server_url(path):
        return open_database(path)
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
