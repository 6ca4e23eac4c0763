"""Backups taken from inside the process that owns the database, and restores.

A live DuckDB file is never copied byte for byte: a backup is a new database
file filled by `COPY FROM DATABASE` while the write lock is held, so it is
one consistent snapshot with every table, view and sequence.

A PostgreSQL database (server mode) is backed up and restored with PostgreSQL's own pg_dump and
pg_restore (queries/postgresql_backup.py): the same audit rows, owner-only files, and after a
restore the same sessions ended and lockouts cleared.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from queries.actor import SYSTEM, Actor
from queries.db import Database, connect, is_server_url, open_database
from queries.errors import DataError
from queries.private_files import tighten


def _literal(path: Path) -> str:
    # ATTACH takes no bound parameters; the path is ours, quoted as an SQL string
    return "'" + str(path).replace("'", "''") + "'"


def backup(db: Database, actor: Actor, directory: Path) -> Path:
    """Write a consistent copy of the database to `directory`; return its path."""
    if getattr(db, "engine", "duckdb") == "postgresql":
        from queries import postgresql_backup

        target = postgresql_backup.dump(db.url, directory)
        with db.unit_of_work(actor) as uow:
            uow.audit("backup", detail=str(target))
        return target
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = directory / f"community-{stamp}.duckdb"
    with db.write_lock, db.cursor() as cur:
        source = cur.execute("select current_database()").fetchone()[0]
        cur.execute(f"attach {_literal(target)} as backup_target")
        try:
            cur.execute(f'copy from database "{source}" to backup_target')
        finally:
            cur.execute("detach backup_target")
    tighten(target)          # owner-only, whatever the process's umask (private_files.py)
    with db.unit_of_work(actor) as uow:
        uow.audit("backup", detail=str(target))
    return target


def verify(path: Path) -> int:
    """Open a backup read-only; return its number of applied migrations, or refuse."""
    if not path.exists():
        raise DataError(f"There is no backup file at {path}.")
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise DataError(f"{path} is not a readable database backup ({error}).") from None
    try:
        return con.execute("select count(*) from schema_migrations").fetchone()[0]
    except duckdb.Error:
        raise DataError(f"{path} is a DuckDB file but not a backup of this app.") from None
    finally:
        con.close()


def restore(backup_file: Path, target: Path | str, actor: Actor = SYSTEM, replace: bool = False) -> Path | None:
    """Replace `target` with a backup. The app must be stopped (DuckDB's lock tells).

    A postgresql:// `target` takes a .pgdump written by `backup` (queries/postgresql_backup.py): an
    empty database as it is, one holding the app's schema only with `replace`, its content first
    kept as a backup beside `backup_file` (that path is returned). Stop every app process first.

    The file being replaced is kept beside it as `<name>.before-restore-<time>`;
    its path is returned (None when there was no file). The restored database is brought up to
    the current schema, every sign-in session the backup held open is ended (its cookies no longer
    sign anyone in), the failed attempts and lockouts of the backup's time are cleared, and the
    restore is audited in the restored database (`_after_restore`).
    """
    if is_server_url(target):
        from queries import postgresql_backup

        kept = postgresql_backup.load(backup_file, target, replace)
        _after_restore(target, backup_file, actor)
        return kept
    verify(backup_file)
    kept = None
    if target.exists():
        connect(target).close()  # raises DatabaseBusy while the app holds it
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        kept = target.with_name(f"{target.name}.before-restore-{stamp}")
        shutil.move(target, kept)
        wal = target.with_name(target.name + ".wal")
        if wal.exists():
            shutil.move(wal, kept.with_name(kept.name + ".wal"))
    partial = target.with_name(target.name + ".restoring")
    shutil.copyfile(backup_file, partial)
    partial.replace(target)
    _after_restore(target, backup_file, actor)
    return kept


def _after_restore(target: Path | str, backup_file: Path, actor: Actor) -> None:
    db = open_database(target)     # migrates an older backup to the current schema
    try:
        with db.unit_of_work(actor, figures=False) as uow:
            sessions = db.scalar("auth_sessions_open_count")
            uow.execute("auth_sessions_end_every", now=uow.now, reason="restore")
            uow.execute("login_failures_clear_all")
            uow.execute("login_locks_lift_all", now=uow.now, by="restore")
            uow.audit("restore_backup", detail=f"restored from {backup_file}; {sessions} session"
                                               f"{'' if sessions == 1 else 's'} ended, sign-in lockouts cleared")
    finally:
        db.close()
