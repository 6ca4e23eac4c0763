"""The administrator's command line: init, migrate, demo, backup, restore, users."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import cli
from queries.db import Database, resolve_path
from tests.process_support import held_by_another_process

TABLES_COMPARED = ("districts", "users", "programs", "events", "event_officers", "businesses",
                   "business_contacts", "concerns", "incidents", "audit_log")


def run(capsys, *args: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def rows_of(path: Path, table: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(f"select * from {table} order by all").fetchall()
    finally:
        con.close()


def test_database_path_rule(monkeypatch, tmp_path):
    monkeypatch.delenv("COMMUNITY_DB", raising=False)
    assert resolve_path() == Path(cli.__file__).resolve().parent / "data" / "community.duckdb"
    monkeypatch.setenv("COMMUNITY_DB", str(tmp_path / "env.duckdb"))
    assert resolve_path() == tmp_path / "env.duckdb"
    assert resolve_path(tmp_path / "flag.duckdb") == tmp_path / "flag.duckdb"


def test_init_then_migrate_is_a_no_op(capsys, tmp_path):
    path = tmp_path / "new.duckdb"
    assert run(capsys, "--db", str(path), "init")[1].startswith("Created")
    code, out, _ = run(capsys, "--db", str(path), "migrate")
    assert code == 0 and "Nothing to apply" in out


def test_init_demo_if_new_builds_the_demo_town_only_when_there_is_no_database(capsys, tmp_path, demo_path):
    """./run.sh builds the demo before the server starts, so a new user's first page is the sign-in."""
    path = tmp_path / "first.duckdb"
    code, out, _ = run(capsys, "--db", str(path), "init", "--demo-if-new")
    assert code == 0 and "demo" in out.lower()
    assert rows_of(path, "programs") and any(r for r in rows_of(path, "settings") if r[0] == "demo")
    before = rows_of(demo_path, "audit_log")
    with duckdb.connect(str(demo_path)) as con:
        con.execute("update programs set name = 'Renamed by hand' where id = 1")
    code, out, _ = run(capsys, "--db", str(demo_path), "init", "--demo-if-new")
    assert code == 0 and out.startswith("Up to date")
    assert ("Renamed by hand",) in [(r[1],) for r in rows_of(demo_path, "programs")]
    assert rows_of(demo_path, "audit_log") == before


def test_demo_refuses_to_overwrite_without_replace(capsys, demo_path):
    code, _, err = run(capsys, "--db", str(demo_path), "demo")
    assert code == 2 and "--replace" in err


def test_a_second_process_gets_one_clear_sentence_and_nothing_is_written(capsys, demo_path):
    before = rows_of(demo_path, "users")
    with held_by_another_process(demo_path) as pid:
        code, out, err = run(capsys, "--db", str(demo_path), "user", "unlock", "officer1")
        assert code == 2
        assert err.startswith("Error: The database ") and f"process {pid}" in err
        assert "Traceback" not in err and err.count("\n") == 1
        code, _, err = run(capsys, "--db", str(demo_path), "backup")
        assert code == 2 and "in use by another program" in err
    assert rows_of(demo_path, "users") == before


def test_backup_and_restore_round_trip(capsys, demo_path, tmp_path):
    from queries.actor import SYSTEM

    db = Database(demo_path)
    with db.unit_of_work(SYSTEM) as uow:  # a beat under a district: a row referring to its own table
        parent = db.one("districts_list")
        uow.insert("districts", {"code": "B1", "name": "Beat 1", "kind": "beat",
                                 "parent_id": db.scalar("districts_id_by_code", code=parent["code"])})
    db.close()
    original = {t: rows_of(demo_path, t) for t in TABLES_COMPARED}
    code, out, _ = run(capsys, "--db", str(demo_path), "backup", "--out-dir", str(tmp_path / "bk"))
    assert code == 0
    backup_file = Path(out.split("Backup written: ")[1].strip())

    db = Database(demo_path)  # change the live database after the backup
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("districts", {"code": "ZZ", "name": "Added after backup"})
    db.close()

    code, out, _ = run(capsys, "--db", str(demo_path), "restore", str(backup_file))
    assert code == 0 and "before-restore" in out
    for table in TABLES_COMPARED:
        restored = rows_of(demo_path, table)
        if table == "audit_log":  # the restore itself is audited on top of the backup's rows
            assert restored[:-1] == original[table]
            assert restored[-1][4] == "restore_backup"
        else:
            assert restored == original[table], table
    # sequences continue after the restored ids
    db = Database(demo_path)
    with db.unit_of_work(SYSTEM) as uow:
        new = uow.insert("districts", {"code": "ZZ", "name": "After restore"})
    assert new["id"] == max(r[0] for r in original["districts"]) + 1


def test_restore_refuses_a_file_that_is_not_a_backup(capsys, tmp_path, demo_path):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database")
    code, _, err = run(capsys, "--db", str(demo_path), "restore", str(junk))
    assert code == 2 and "not a readable database backup" in err
    code, _, err = run(capsys, "--db", str(demo_path), "restore", str(tmp_path / "missing.duckdb"))
    assert code == 2 and "no backup file" in err


def test_user_commands(capsys, monkeypatch, demo_path):
    db_args = ("--db", str(demo_path))
    code, out, err = run(capsys, *db_args, "user", "add", "jdoe", "--role", "officer", "--district", "D2",
                         "--name", "Jo Doe", "--password-stdin", stdin="a long passphrase here\n",
                         monkeypatch=monkeypatch)
    assert code == 0, err
    db = Database(demo_path)
    user = db.one("user_by_username", username="jdoe")
    assert user["role"] == "officer" and user["district_codes"] == ["D2"] and user["must_change_password"]

    code, _, err = run(capsys, *db_args, "user", "add", "weak", "--role", "officer", "--password-stdin",
                       stdin="password123\n", monkeypatch=monkeypatch)
    assert code == 2 and "at least 12" in err and db.one("user_by_username", username="weak") is None

    code, _, err = run(capsys, *db_args, "user", "add", "x1", "--role", "officer", "--district", "NOPE",
                       "--password-stdin", stdin="a long passphrase here\n", monkeypatch=monkeypatch)
    assert code == 2 and "unknown district" in err

    assert run(capsys, *db_args, "user", "disable", "jdoe")[0] == 0
    assert not db.one("user_by_username", username="jdoe")["active"]
    code, out, _ = run(capsys, *db_args, "user", "list")
    assert "jdoe" in out and "officer1" in out

    from core import accounts

    for attempt in range(5):
        accounts.check_sign_in(db, "officer1", f"wrong {attempt}")
    assert accounts.is_locked(db, "officer1")
    assert run(capsys, *db_args, "user", "unlock", "officer1")[0] == 0
    assert not accounts.is_locked(db, "officer1")

    code, _, _ = run(capsys, *db_args, "user", "reset-password", "officer1", "--password-stdin",
                     stdin="temporary passphrase 7\n", monkeypatch=monkeypatch)
    assert code == 0 and db.one("user_by_username", username="officer1")["must_change_password"]


def test_cli_help_lists_the_commands():
    result = subprocess.run([sys.executable, "cli.py", "--help"], capture_output=True, text=True,
                            cwd=Path(cli.__file__).parent)
    for command in ("init", "migrate", "demo", "backup", "restore", "user"):
        assert command in result.stdout
