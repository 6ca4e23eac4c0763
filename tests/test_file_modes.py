"""The database, its WAL and backups are for the owner only: files 0600, folders 0700.

The server's own files (the database and its WAL while it runs) are checked in
tests/test_browser_hardening.py; here the command line, the backup function and an older,
world-readable database file.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import duckdb

from queries.actor import SYSTEM
from queries.backup import backup
from queries.db import Database
from tests.apptest_support import ROOT


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def umask(value: int):
    """A process that sets no umask of its own (a login shell's usual 022)."""
    before = os.umask(value)
    try:
        yield
    finally:
        os.umask(before)


def cli(*args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=ROOT, check=True,
                   capture_output=True, preexec_fn=lambda: os.umask(0o022))


def test_the_command_line_makes_an_owner_only_database_folder_and_backup(tmp_path):
    db_path = tmp_path / "data" / "community.duckdb"
    cli("--db", str(db_path), "init")
    cli("--db", str(db_path), "backup", "--out-dir", str(tmp_path / "backups"))

    made = list((tmp_path / "backups").iterdir())
    assert len(made) == 1
    assert mode(db_path.parent) == 0o700 and mode(db_path) == 0o600
    assert mode(tmp_path / "backups") == 0o700 and mode(made[0]) == 0o600


def test_the_backup_function_writes_an_owner_only_file_whatever_the_umask(db, tmp_path):
    with umask(0o022):
        made = backup(db, SYSTEM, tmp_path / "backups")
    assert mode(tmp_path / "backups") == 0o700
    assert mode(made) == 0o600


def test_opening_a_world_readable_database_makes_it_and_its_wal_owner_only(tmp_path):
    path = tmp_path / "older.duckdb"
    with umask(0o022):
        con = duckdb.connect(str(path))
        con.execute("set checkpoint_threshold = '1GB'")    # the insert stays in the WAL
        con.execute("create table t (x integer)")
        con.execute("insert into t values (1)")
        # left open: its WAL is still there when the app opens the file (same process: shared)
        wal = path.with_name(path.name + ".wal")
        assert mode(path) == 0o644 and mode(wal) == 0o644
        db = Database(path)
    assert mode(path) == 0o600 and mode(wal) == 0o600
    db.close()
    con.close()
