"""Backups as the administrator's page takes and lists them (the copy itself: queries/backup.py)."""

from __future__ import annotations

import os
from pathlib import Path

from queries.actor import Actor
from queries.backup import backup
from queries.db import DEFAULT_PATH, AnyDatabase, is_server_url
from queries.postgresql_backup import SUFFIX as PGDUMP_SUFFIX


def backup_folder(target: Path | str) -> Path:
    """Where backups of the database `target` (a DuckDB file or a postgresql:// URL) go, for the
    page and `cli.py backup` alike: $COMMUNITY_BACKUP_DIR, else `backups/` beside a DuckDB file,
    else `data/backups` under the project for a server database, which has no file to sit beside."""
    chosen = os.environ.get("COMMUNITY_BACKUP_DIR")
    if chosen:
        return Path(chosen).expanduser().resolve()
    home = DEFAULT_PATH.parent if is_server_url(target) else Path(target).parent
    return home / "backups"


def is_server_database(db: AnyDatabase) -> bool:
    """Whether `db` is PostgreSQL: its backups are pg_dump files, restored with the command line."""
    return getattr(db, "engine", "duckdb") == "postgresql"


def take_backup(db: AnyDatabase, actor: Actor) -> Path:
    """A consistent copy of the database, taken by the running app, in `backup_folder`."""
    return backup(db, actor, backup_folder(_target(db)))


def backups_on_server(db: AnyDatabase) -> list[Path]:
    """The backups in `backup_folder` of this database's engine, newest first."""
    folder = backup_folder(_target(db))
    suffix = PGDUMP_SUFFIX if is_server_database(db) else ".duckdb"
    # by time written: a kept "before-restore" dump sorts by name apart from the others
    found = folder.glob(f"community-*{suffix}") if folder.exists() else []
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def _target(db: AnyDatabase) -> Path | str:
    return db.url if is_server_database(db) else db.path
