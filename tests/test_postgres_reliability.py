"""Reliability of the data layer on PostgreSQL (server mode) with two app processes writing at once:
the cases of tests/test_reliability.py, each with a second process (tests/second_process.py, or
tests/crash_writer.py's writer) that opens the same database with its own gateway.

Nothing acknowledged is lost, every unit of work is whole, the audit rows and the data version
count exactly the units that committed, and no duplicate passes a unique rule. Each test reports
what it proved (tests.figures_report).
"""

from __future__ import annotations

import os
import random
import signal
import threading
import time

import psycopg
import pytest

from queries.actor import SYSTEM
from queries.backup import backup, restore
from queries.errors import ConflictError, ValidationError
from queries.postgresql_db import PostgresDatabase
from tests import crash_writer, second_process
from tests.figures_report import report
from tests.second_process import SecondProcess
from tests.test_reliability import PREVENTION, seed


@pytest.fixture
def pg(postgres_url) -> PostgresDatabase:
    database = PostgresDatabase(postgres_url)
    yield database
    database.close()


@pytest.fixture(scope="module")
def second() -> SecondProcess:
    process = SecondProcess()
    yield process
    process.close()


@pytest.fixture
def other(second, postgres_url) -> SecondProcess:
    """The second app process, on the test's database."""
    second.use(postgres_url)
    return second


def stored(url_or_db, sql: str, params: dict | None = None) -> list[tuple]:
    with url_or_db.cursor() as cur:
        return cur.execute(sql, params).fetchall()


def outcome(command, db, barrier, *args) -> tuple[str, object]:
    """Run one of tests/second_process.py's commands here, answered as that process answers."""
    try:
        return "done", command(db, barrier, *args)
    except ConflictError as error:
        return "conflict", (error.current or {}).get("version")
    except ValidationError as error:
        return "refused", error.problems


def partial_events(db) -> int:
    """Events not saved whole: each unit of work writes the event, two officers, one outcome and
    one audit row naming the event."""
    return stored(db, """
        select count(*) from main.events e
        where (select count(*) from main.event_officers o where o.event_id = e.id) <> 2
           or (select count(*) from main.event_outcomes o where o.event_id = e.id) <> 1
           or (select count(*) from main.audit_log a where a.table_name = 'events'
                 and a.record_id = cast(e.id as varchar)) <> 1""")[0][0]


def writers_settled(url: str, within: float = 10.0) -> None:
    """Wait until no other connection is in a statement or a transaction: the server has finished
    what a killed writer's connection was doing (a commit it had received, or a rollback)."""
    deadline = time.monotonic() + within
    with psycopg.connect(url, autocommit=True) as con:
        while time.monotonic() < deadline:
            busy = con.execute("select count(*) from pg_stat_activity where datname = current_database() "
                               "and pid <> pg_backend_pid() and state <> 'idle'").fetchone()[0]
            if busy == 0:
                return
            time.sleep(0.02)
    raise AssertionError("a killed writer's transaction stayed open on the server")


def test_twenty_sessions_in_each_of_two_processes_lose_nothing_and_count_every_unit_once(pg, other, request):
    sessions, saves_each, shared_count = 20, 8, 5
    with pg.unit_of_work(PREVENTION) as uow:
        shared = [uow.insert("organizations", {"name": f"Shared {i}", "org_type": "civic"})["id"]
                  for i in range(shared_count)]
    version_before = pg.data_version()

    other.ask("sessions", sessions, sessions, saves_each, shared)     # sessions 20..39 there
    here = second_process.sessions(pg, other.barrier, 0, sessions, saves_each, shared)
    kind, there = other.answer()
    assert kind == "done", there
    assert here["errors"] == there["errors"] == []
    created = here["created"] + there["created"]
    updated = here["updated"] + there["updated"]
    conflicts = here["conflicts"] + there["conflicts"]
    assert len(created) == 2 * sessions * saves_each // 2
    assert len(updated) + len(conflicts) == 2 * sessions * saves_each // 2

    stored_ids = {r[0] for r in stored(pg, "select id from main.organizations")}
    assert set(created) | set(shared) == stored_ids and len(set(created)) == len(created)
    for target in shared:
        mine = sorted((version, value) for t, version, value in updated if t == target)
        version, notes = stored(pg, "select version, notes from main.organizations where id = $id", {"id": target})[0]
        # every acknowledged update holds its own version, one after another, in either process
        assert [v for v, _ in mine] == list(range(2, 2 + len(mine)))
        assert version == 1 + len(mine)
        assert notes == (mine[-1][1] if mine else None)   # the last acknowledged value is stored
        audited = stored(pg, "select count(*) from main.audit_log where table_name = 'organizations' "
                             "and action = 'update' and record_id = $id", {"id": str(target)})[0][0]
        assert audited == len(mine)
    audit = dict(stored(pg, "select action, count(*) from main.audit_log "
                            "where table_name = 'organizations' group by action"))
    assert audit == {"create": len(created) + shared_count, **({"update": len(updated)} if updated else {})}
    per_record = stored(pg, "select count(*) from main.audit_log where table_name = 'organizations' "
                            "and action = 'create' group by record_id having count(*) <> 1")
    assert per_record == []
    # each committed unit of work counted once in the data version both processes read
    assert pg.data_version() == other.run("data_version") == version_before + len(created) + len(updated)
    report(request, f"2 processes x {sessions} sessions: {len(created)} creates, {len(updated)} updates "
                    f"acknowledged, {len(conflicts)} version conflicts, 0 lost, audit rows and data version exact")


def test_two_processes_saving_one_version_get_one_save_and_one_conflict_every_time(pg, other, request):
    rounds = 40
    with pg.unit_of_work(PREVENTION) as uow:
        record = uow.insert("organizations", {"name": "Tenants' Association", "org_type": "civic"})["id"]
    wins = {"here": 0, "there": 0}
    for n in range(rounds):
        other.ask("update_after_reading", "organizations", record, {"notes": f"there {n}"})
        mine = outcome(second_process.update_after_reading, pg, other.barrier,
                       "organizations", record, {"notes": f"here {n}"})
        theirs = other.answer()
        # both read version n + 1 and saved against it: one saved n + 2, the other was told the
        # record now stands at n + 2
        assert sorted([mine, theirs]) == [("conflict", n + 2), ("done", n + 2)], n
        winner = "here" if mine[0] == "done" else "there"
        wins[winner] += 1
        assert stored(pg, "select version, notes from main.organizations where id = $id", {"id": record}) == [
            (n + 2, f"{winner} {n}")]
    updates = stored(pg, "select count(*) from main.audit_log where action = 'update' and record_id = $id",
                     {"id": str(record)})[0][0]
    assert updates == rounds
    report(request, f"{rounds} rounds of two processes saving one version: {rounds} saves "
                    f"({wins['here']} here, {wins['there']} in the other process), {rounds} conflicts")


def test_two_processes_adding_one_unique_name_store_it_once_and_nothing_of_the_refused_unit(pg, other, request):
    rounds = 30
    refused_here = 0
    for n in range(rounds):
        name = f"Block Watch {n}"
        other.ask("add_program_with_organization", name, f"Org {n} there")
        mine = outcome(second_process.add_program_with_organization, pg, other.barrier, name, f"Org {n} here")
        theirs = other.answer()
        kinds = sorted([mine[0], theirs[0]])
        assert kinds == ["done", "refused"], (n, mine, theirs)
        refusal = mine if mine[0] == "refused" else theirs
        assert refusal[1] == {"name": f"a program with name '{name}' already exists."}
        winner = "here" if mine[0] == "done" else "there"
        refused_here += winner == "there"
        assert stored(pg, "select name from main.programs where name = $name", {"name": name}) == [(name,)]
        # the refused unit's organization went with it
        assert stored(pg, "select name from main.organizations where name like $n order by name",
                      {"n": f"Org {n} %"}) == [(f"Org {n} {winner}",)]
    audit = dict(stored(pg, "select table_name, count(*) from main.audit_log where action = 'create' group by 1"))
    assert audit == {"programs": rounds, "organizations": rounds}
    report(request, f"{rounds} rounds of two processes adding one program name: each stored once, "
                    f"{refused_here} refused here and {rounds - refused_here} in the other process, "
                    f"nothing of a refused unit stored")


def test_sigkill_during_saves_loses_no_acknowledged_save_and_leaves_no_half_unit(pg, postgres_url, request):
    """Two writer processes save at once; each round both are killed at random points."""
    program, district = seed(pg)
    version_before = pg.data_version()
    rounds = int(os.environ.get("CRASH_ROUNDS_POSTGRES", "5"))
    acknowledged: set[int] = set()
    rng = random.Random(7)
    ctx = crash_writer.context()
    for _ in range(rounds):
        writers = [crash_writer.start(ctx, postgres_url, program, district) for _ in range(2)]
        for _, reader in writers:
            assert reader.recv_bytes() == b"READY"
        for writer, reader in writers:
            for _ in range(rng.randint(0, 25)):       # a random point in the stream of saves
                acknowledged.add(int(reader.recv_bytes().split()[1]))
            time.sleep(rng.uniform(0, 0.02))           # and within a save (one takes about 15 ms)
            os.kill(writer.pid, signal.SIGKILL)
        for writer, reader in writers:
            writer.join()
            while True:                                # acks sent before the kill landed
                try:
                    acknowledged.add(int(reader.recv_bytes().split()[1]))
                except EOFError:
                    break
            reader.close()
        events = {r[0] for r in stored(pg, "select id from main.events")}
        assert acknowledged <= events
        assert partial_events(pg) == 0
    writers_settled(postgres_url)
    events = {r[0] for r in stored(pg, "select id from main.events")}
    assert acknowledged <= events and partial_events(pg) == 0
    # every unit that committed counted once, none that did not
    assert pg.data_version() == version_before + len(events)
    report(request, f"{2 * rounds} SIGKILLs of two PostgreSQL writers saving at once, {len(acknowledged)} "
                    f"acknowledged saves all present, {len(events)} events stored, 0 half-applied units, "
                    "data version exact")


def test_a_backup_taken_while_two_processes_save_restores_a_whole_snapshot(pg, postgres_url, postgres_server,
                                                                          tmp_path, request):
    program, district = seed(pg)
    version_before = pg.data_version()
    stop = threading.Event()
    saved_here: list[int] = []

    def keep_saving():
        n = 100_000                          # apart from the other process's numbering
        while not stop.is_set():
            saved_here.append(crash_writer.save_one(pg, program, district, n))
            n += 1

    writer, reader = crash_writer.start(crash_writer.context(), postgres_url, program, district)
    assert reader.recv_bytes() == b"READY"
    saved_there: list[int] = []
    worker = threading.Thread(target=keep_saving)
    worker.start()
    try:
        while len(saved_there) < 15 or len(saved_here) < 15:
            saved_there.append(int(reader.recv_bytes().split()[1]))
        before_backup = set(saved_here) | set(saved_there)     # acknowledged before the backup began
        made = backup(pg, SYSTEM, tmp_path / "backups")
        for _ in range(10):                                      # saves go on after it
            saved_there.append(int(reader.recv_bytes().split()[1]))
    finally:
        stop.set()
        worker.join()
        writer.kill()
        writer.join()
        reader.close()
    writers_settled(postgres_url)
    live_events = {r[0] for r in stored(pg, "select id from main.events")}

    target = postgres_server.new_database()
    assert restore(made, target) is None
    copy = PostgresDatabase(target)
    try:
        restored_events = {r[0] for r in stored(copy, "select id from main.events")}
        assert before_backup <= restored_events <= live_events
        assert len(restored_events) < len(live_events)        # the snapshot is not the end state
        assert partial_events(copy) == 0
        creates = stored(copy, "select count(*) from main.audit_log where action = 'create' "
                               "and table_name = 'events'")[0][0]
        assert creates == len(restored_events)
        for table in ("events", "event_officers", "event_outcomes"):
            key = "id" if table == "events" else "event_id"
            query = f"select * from main.{table} where {key} = any($ids) order by 1, 2"
            assert stored(copy, query, {"ids": sorted(restored_events)}) == \
                stored(pg, query, {"ids": sorted(restored_events)}), table
        # the snapshot's data version counts the units in it, no more, no fewer
        assert copy.data_version() == version_before + len(restored_events)
    finally:
        copy.close()
    report(request, f"backup during {len(saved_here)} + {len(saved_there)} saves in two processes restores "
                    f"{len(restored_events)} whole events of {len(live_events)}, audit rows and data version exact")


def test_a_save_in_one_process_is_seen_at_the_others_next_data_version_read(pg, other):
    program, district = seed(pg)
    seen = pg.data_version()
    assert other.run("data_version") == seen
    event = other.run("save_event", program, district, 1)
    assert pg.write_count == seen                      # kept until the next read (once per rerun)
    assert pg.data_version() == seen + 1 and pg.write_count == seen + 1
    assert stored(pg, "select id from main.events") == [(event,)]
    crash_writer.save_one(pg, program, district, 2)
    assert other.run("data_version") == seen + 2
