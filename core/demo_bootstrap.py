"""First start: a database that does not exist yet is created with the demo town."""

from __future__ import annotations

import os
from pathlib import Path

from queries.db import Database


def ensure_database(path: str | os.PathLike) -> Database:
    path = Path(path)
    if path.exists():
        return Database(path)
    from core.demo import build_demo

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


def is_demo(db: Database) -> bool:
    return db.scalar("setting_value", key="demo") == "true"
