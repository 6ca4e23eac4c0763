"""Backups as the administrator's page takes and lists them (the copy itself: queries/backup.py)."""

from __future__ import annotations

from pathlib import Path

from queries.actor import Actor
from queries.backup import backup
from queries.db import Database


def backup_folder(db: Database) -> Path:
    """Where the running app writes its backups: `backups/` beside the database file."""
    return db.path.parent / "backups"


def take_backup(db: Database, actor: Actor) -> Path:
    """A consistent copy of the database, taken by the running app, in `backup_folder`."""
    return backup(db, actor, backup_folder(db))


def backups_on_server(db: Database) -> list[Path]:
    """The backups in `backup_folder`, newest first."""
    folder = backup_folder(db)
    return sorted(folder.glob("community-*.duckdb"), reverse=True) if folder.exists() else []
