"""Backup and restore on PostgreSQL (server mode) with pg_dump and pg_restore, on a throwaway cluster.

A backup taken while another app process keeps saving holds one snapshot: every table equals the
source's at that moment (the events saved before it, each whole, and what followed from them),
and restores into an empty database as that; a database that holds the app's schema is refused
without --replace, unchanged, and with it replaced after its content was kept. Both through the
functions the Backup page calls and through cli.py.
"""

from __future__ import annotations

import stat
import subprocess
import threading
from pathlib import Path

import psycopg
import pytest

from cli import main as cli_main
from queries.actor import SYSTEM
from queries.backup import backup, restore
from queries.errors import DataError
from queries.postgresql_backup import verify
from queries.postgresql_db import PostgresDatabase
from tests.crash_writer import save_one
from tests.test_reliability import seed

EVENT_TABLES = ("events", "event_officers", "event_outcomes")


def table_rows(url: str) -> dict[str, list[tuple]]:
    """Every table of schema main, its rows in a stable order (as text: one comparison for all types)."""
    with psycopg.connect(url) as con:
        tables = [r[0] for r in con.execute(
            "select tablename from pg_tables where schemaname = 'main' order by 1").fetchall()]
        return {t: con.execute(f'select t::text as row_text from main."{t}" t order by t').fetchall() for t in tables}


def data_version(rows: dict[str, list[tuple]]) -> int:
    (only,) = rows["data_version"]
    return int(only[0].strip("()").split(",")[1])


def first_column(rows: list[tuple]) -> list[int]:
    return [int(r[0].strip("()").split(",")[0]) for r in rows]


def test_a_backup_taken_while_another_process_saves_restores_to_the_snapshot(postgres_server, postgres_url,
                                                                             tmp_path):
    app = PostgresDatabase(postgres_url)
    writer = PostgresDatabase(postgres_url)         # a second app process's connections
    program, district = seed(app)
    saved: list[int] = []
    stop = threading.Event()

    def keep_saving():
        n = 0
        while not stop.is_set():
            saved.append(save_one(writer, program, district, n))
            n += 1

    worker = threading.Thread(target=keep_saving)
    worker.start()
    try:
        while len(saved) < 20:
            stop.wait(0.01)
        made = backup(app, SYSTEM, tmp_path / "backups")
        at_backup = len(saved)
        while len(saved) < at_backup + 10:      # saves go on after the backup
            stop.wait(0.01)
    finally:
        stop.set()
        worker.join()
    live = table_rows(postgres_url)
    app.close()
    writer.close()

    assert made.suffix == ".pgdump" and stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    assert verify(made) == len(live["schema_migrations"])

    target = postgres_server.new_database()         # empty: no --replace needed
    assert restore(made, target) is None
    restored = table_rows(target)
    assert set(restored) == set(live)

    # the snapshot: exactly the events saved before it, each with its officers and its outcome
    last = max(first_column(restored["events"]))
    assert 20 <= len(restored["events"]) < len(live["events"])
    for table in EVENT_TABLES:
        assert restored[table] == [r for r in live[table] if first_column([r])[0] <= last], table
    # the audit log up to the snapshot, then the restore's own row (the backup's row came after it)
    restore_row = restored["audit_log"][-1]
    assert ",restore_backup," in restore_row[0]
    kept_audit = restored["audit_log"][:-1]
    last_audit = max(first_column(kept_audit))
    assert kept_audit == [r for r in live["audit_log"] if first_column([r])[0] <= last_audit]
    assert any(",backup," in r[0] and str(made) in r[0] for r in live["audit_log"])
    assert not any(",backup," in r[0] for r in kept_audit)
    # each save added one to the data version, and so did the backup's audit row: the restored
    # version is the live one less those that came after the snapshot
    after_snapshot = len(live["events"]) - len(restored["events"]) + 1
    assert data_version(restored) == data_version(live) - after_snapshot
    for table in set(live) - set(EVENT_TABLES) - {"audit_log", "data_version"}:
        assert restored[table] == live[table], table

    # the restored database goes on: ids continue after the restored ones
    again = PostgresDatabase(target)
    try:
        assert save_one(again, program, district, 999) > last
    finally:
        again.close()


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = cli_main(list(args)) or 0
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_restore_refuses_a_database_that_is_not_empty_unless_replace(postgres_server, postgres_url,
                                                                        tmp_path, capsys):
    db = PostgresDatabase(postgres_url)
    seed(db)
    db.close()
    code, out, err = run(capsys, "--db", postgres_url, "backup", "--out-dir", str(tmp_path / "bk"))
    assert code == 0, err
    made = Path(out.split("Backup written: ")[1].strip())

    other = postgres_server.new_database(migrated=True)     # holds the schema and a district of its own
    there = PostgresDatabase(other)
    with there.unit_of_work(SYSTEM) as uow:
        uow.insert("districts", {"code": "Z", "name": "Kept before restore"})
    there.close()
    before = table_rows(other)
    code, _, err = run(capsys, "--db", other, "restore", str(made))
    assert code == 2 and "is not empty" in err and "--replace" in err
    assert table_rows(other) == before                     # nothing written
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]

    code, out, err = run(capsys, "--db", other, "restore", "--replace", str(made))
    assert code == 0, err
    kept = next(made.parent.glob("community-before-restore-*.pgdump"))
    assert str(kept) in out and stat.S_IMODE(kept.stat().st_mode) == 0o600
    restored = table_rows(other)
    source = table_rows(postgres_url)
    assert restored["districts"] == source["districts"]
    assert not any("Kept before restore" in r[0] for r in restored["districts"])
    assert restored["audit_log"][:-1] == [r for r in source["audit_log"] if ",backup," not in r[0]]

    # the kept content restores into an empty database as it was
    empty = postgres_server.new_database()
    restore(kept, empty)
    assert table_rows(empty)["districts"] == before["districts"]


def test_restore_refuses_a_file_that_is_not_a_postgresql_backup(postgres_server, tmp_path):
    junk = tmp_path / "junk.pgdump"
    junk.write_bytes(b"not a dump")
    target = postgres_server.new_database()
    with pytest.raises(DataError, match="not a readable PostgreSQL backup"):
        restore(junk, target)
    with pytest.raises(DataError, match="no backup file"):
        restore(tmp_path / "missing.pgdump", target)


def test_the_password_reaches_pg_dump_in_its_environment_not_on_its_command_line(monkeypatch, tmp_path):
    from queries import postgresql_backup

    seen = {}

    def fake_run(args, env, capture_output, text):
        seen["args"], seen["env"] = args, env
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(postgresql_backup.subprocess, "run", fake_run)
    postgresql_backup._run("/usr/bin/pg_dump", ["--format=custom"], "postgresql://app:s3cret-pw@db.example:5432/town")
    assert not any("s3cret-pw" in arg for arg in seen["args"])
    assert seen["args"][-2:] == ["--dbname", "postgresql://app@db.example:5432/town"]
    assert seen["env"]["PGPASSWORD"] == "s3cret-pw"
