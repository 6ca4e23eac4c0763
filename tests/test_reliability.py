"""Reliability of the data layer: concurrent sessions, SIGKILL mid-save, backups under load.

Each test prints what it proved (sessions, saves, conflicts, kills) so a reader of the
CI log sees the figures.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import tempfile
import threading
import types
from pathlib import Path

import pytest

from core import users
from queries.actor import SYSTEM, Actor
from queries.backup import backup
from queries.db import Database
from queries.errors import ConflictError
from tests import crash_writer
from tests.figures_report import report

PREVENTION = Actor(username="cpo", role="prevention", user_id=1)


def seed(db: Database) -> tuple[int, int]:
    """A district, two users and a program: what an event needs."""
    with db.unit_of_work(SYSTEM) as uow:
        district = uow.insert("districts", {"code": "N", "name": "North"})["id"]
    users.add_user(db, SYSTEM, "cpo", "C P O", "prevention", "correct horse battery", temporary=False)
    users.add_user(db, SYSTEM, "patrol", "Pat", "officer", "correct horse battery", ["N"], temporary=False)
    with db.unit_of_work(SYSTEM) as uow:
        program = uow.insert("programs", {"name": "Crime Stoppers", "category": "tip_line",
                                          "delivery_kind": "continuous"})["id"]
    return program, district


def scalar(db: Database, sql: str, **params):
    with db.cursor() as cur:
        return cur.execute(sql, params or None).fetchone()[0]


def test_twenty_concurrent_sessions_lose_nothing_and_conflicts_are_reported(db, request):
    sessions, saves_each, shared_count = 20, 12, 5
    with db.unit_of_work(PREVENTION) as uow:
        shared = [uow.insert("organizations", {"name": f"Shared {i}", "org_type": "civic"})["id"]
                  for i in range(shared_count)]
    created, updated, conflicts, errors = [], [], [], []
    lock = threading.Lock()
    start = threading.Barrier(sessions)

    def session(number: int) -> None:
        actor = Actor(username=f"user{number}", role="prevention")
        rng = random.Random(number)
        start.wait()
        for step in range(saves_each):
            try:
                if step % 2 == 0:
                    with db.unit_of_work(actor) as uow:
                        row = uow.insert("organizations", {"name": f"s{number}-{step}", "org_type": "block_watch"})
                    with lock:
                        created.append(row["id"])
                else:
                    target = rng.choice(shared)
                    with db.cursor() as cur:
                        version = cur.execute("select version from organizations where id = $id",
                                              {"id": target}).fetchone()[0]
                    value = f"edited by {number} at {step}"
                    with db.unit_of_work(actor) as uow:
                        uow.update("organizations", target, version, {"notes": value})
                    with lock:
                        updated.append((target, value))
            except ConflictError:
                with lock:
                    conflicts.append(number)
            except Exception as error:  # anything else would reach a user
                with lock:
                    errors.append(repr(error))

    threads = [threading.Thread(target=session, args=(n,)) for n in range(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    stored = {r[0] for r in db.cursor().execute("select id from organizations").fetchall()}
    assert set(created) <= stored and len(created) == sessions * saves_each // 2
    for target in shared:
        mine = [v for t, v in updated if t == target]
        version, notes = db.cursor().execute("select version, notes from organizations where id = $id",
                                             {"id": target}).fetchone()
        assert version == 1 + len(mine)                     # every acknowledged update counted once
        assert (notes == mine[-1]) if mine else notes is None  # the last acknowledged value is stored
    audit_updates = scalar(db, "select count(*) from audit_log where action = 'update' and table_name = 'organizations'")
    audit_creates = scalar(db, "select count(*) from audit_log where action = 'create' and table_name = 'organizations'")
    assert audit_updates == len(updated)
    assert audit_creates == len(created) + shared_count
    assert len(updated) + len(conflicts) == sessions * saves_each // 2
    report(request, f"{sessions} sessions, {len(created)} creates, {len(updated)} updates acknowledged, "
          f"{len(conflicts)} refused as version conflicts, 0 lost, audit rows match")


@pytest.fixture
def memory_folder(tmp_path):
    """A folder in memory (/dev/shm) where the machine has one, else tmp_path. A SIGKILL ends the
    process, not the machine: what the writer had written is in the kernel's page cache, whether
    the file is on a disk or in memory, and a disk only adds the wait for each commit's sync."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    with tempfile.TemporaryDirectory(dir=shm, prefix="crash-") as folder:
        yield Path(folder)


def test_sigkill_during_saves_loses_no_acknowledged_save_and_leaves_no_half_unit(memory_folder, request):
    path = memory_folder / "crash.duckdb"
    db = Database(path)
    program, district = seed(db)
    db.close()
    kills, target_kills = 0, int(os.environ.get("CRASH_KILLS", "50"))
    acknowledged: set[int] = set()
    rng = random.Random(7)
    ctx = crash_writer.context()
    while kills < target_kills:
        writer, reader = crash_writer.start(ctx, str(path), program, district)
        assert reader.recv_bytes() == b"READY"
        for _ in range(rng.randint(0, 25)):           # a random point in the stream of saves
            acknowledged.add(int(reader.recv_bytes().split()[1]))
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        while True:                                    # acks sent before the kill landed
            try:
                acknowledged.add(int(reader.recv_bytes().split()[1]))
            except EOFError:
                break
        reader.close()
        kills += 1

        reopened = Database(path)                       # the database opens after every kill
        with reopened.cursor() as cur:
            events = {r[0] for r in cur.execute("select id from events").fetchall()}
            assert acknowledged <= events
            partial = cur.execute("""
                select count(*) from events e
                where (select count(*) from event_officers o where o.event_id = e.id) <> 2
                   or (select count(*) from event_outcomes o where o.event_id = e.id) <> 1
                   or (select count(*) from audit_log a where a.table_name = 'events'
                         and a.record_id = cast(e.id as varchar)) <> 1
            """).fetchone()[0]
            assert partial == 0
        reopened.close()
    report(request, f"{kills} SIGKILLs, {len(acknowledged)} acknowledged saves all present, "
          f"{len(events)} events stored, 0 half-applied units")


def test_a_backup_taken_while_users_save_restores_identically(tmp_path, request):
    db = Database(tmp_path / "busy.duckdb")
    program, district = seed(db)
    save_one = crash_writer.save_one

    stop = threading.Event()
    saved = []

    def keep_saving():
        n = 0
        while not stop.is_set():
            saved.append(save_one(db, program, district, n))
            n += 1

    worker = threading.Thread(target=keep_saving)
    worker.start()
    try:
        while len(saved) < 20:
            pass
        made = backup(db, SYSTEM, tmp_path / "backups")
    finally:
        stop.set()
        worker.join()

    import duckdb

    copy = duckdb.connect(str(made), read_only=True)
    copied_events = copy.execute("select count(*) from events").fetchone()[0]
    assert 20 <= copied_events <= len(saved)
    tables = [r[0] for r in copy.execute(
        "select table_name from duckdb_tables() where schema_name = 'main' order by 1").fetchall()]
    for table in tables:
        backup_rows = copy.execute(f"select * from {table} order by all").fetchall()
        # the live database at the moment of the backup: everything up to the copied events
        live_rows = db.cursor().execute(f"select * from {table} order by all").fetchall()
        if table in ("events", "event_officers", "event_outcomes"):
            # the snapshot holds exactly the events saved before it, each with all its rows
            last = copy.execute("select max(id) from events").fetchone()[0]
            assert backup_rows == [r for r in live_rows if r[0] <= last], table  # id / event_id first
        elif table == "audit_log":
            assert set(backup_rows) <= set(live_rows), table
        else:
            assert backup_rows == live_rows, table
    partial = copy.execute("""select count(*) from events e
        where (select count(*) from event_officers o where o.event_id = e.id) <> 2""").fetchone()[0]
    assert partial == 0
    copy.close()
    report(request, f"backup taken during {len(saved)} saves holds {copied_events} complete events "
          f"and identical rows in {len(tables)} tables")


def test_a_crash_writer_starts_after_an_apptest_left_its_script_as_main(tmp_path, monkeypatch):
    """AppTest runs app.py as __main__ in the test process; a forked writer must not run it again."""
    script = types.ModuleType("__main__")
    script.__file__ = str(crash_writer.ROOT / "app.py")
    monkeypatch.setitem(sys.modules, "__main__", script)
    db = Database(tmp_path / "main.duckdb")
    program, district = seed(db)
    db.close()
    writer, reader = crash_writer.start(crash_writer.context(), str(tmp_path / "main.duckdb"), program, district)
    try:
        assert reader.recv_bytes() == b"READY"
    finally:
        writer.kill()
        writer.join()
