"""The scoped relations every figure query selects from (migration 0014): the reader's district
scope written once, kept in the database file and its backups, and seen by every cursor."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import duckdb

from queries.access import read_scope
from queries.actor import SYSTEM
from queries.backup import backup, restore
from queries.db import Database
from tests.conftest import officer

RELATIONS = {"in_scope", "scoped_events", "scoped_cohorts", "scoped_contacts", "scoped_concerns",
             "scoped_organizations", "scoped_businesses", "events_by_top_district"}


def _macros(con) -> set[str]:
    return {r[0] for r in con.execute(
        "select function_name from duckdb_functions() where schema_name = 'live' and function_type like '%macro%'"
    ).fetchall()}


def _add_organizations(db: Database, north: int, south: int) -> None:
    with db.unit_of_work(SYSTEM) as uow:
        for name, district in (("North watch", north), ("South watch", south), ("City hall", None)):
            uow.insert("organizations", {"name": name, "org_type": "block_watch" if district else "city_department",
                                         "district_id": district, "active": True})


def test_the_scoped_relations_keep_the_readers_districts_and_no_other(db, two_districts):
    north, south = two_districts
    _add_organizations(db, north, south)
    mine = db.rows("metric_organizations", **read_scope(officer(7, north)), start_date=date(2026, 1, 1),
                   end_date=date(2026, 12, 31), district_id=None)
    everyone = db.rows("metric_organizations", **read_scope(SYSTEM), start_date=date(2026, 1, 1),
                       end_date=date(2026, 12, 31), district_id=None)
    assert [(r["total"], r["district_id"], r["organizations_active"]) for r in mine] == [
        (True, None, 1), (False, north, 1)]
    assert [(r["total"], r["district_id"], r["organizations_active"]) for r in everyone] == [
        (True, None, 3), (False, north, 1), (False, south, 1), (False, None, 1)]
    with db.cursor() as cur:
        chosen = cur.execute("select name from live.scoped_organizations(true, [], $d)", {"d": south}).fetchall()
    assert chosen == [("South watch",)]


def test_the_scoped_relations_are_seen_by_the_cursor_of_every_thread(db, two_districts):
    north, south = two_districts
    _add_organizations(db, north, south)
    scope = read_scope(officer(7, south))

    def count(_):
        assert threading.current_thread() is not threading.main_thread()
        return db.one("metric_organizations", **scope, start_date=date(2026, 1, 1), end_date=date(2026, 12, 31),
                      district_id=None)["organizations_active"]

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(count, range(8))) == [1] * 8


def test_the_scoped_relations_survive_a_backup_and_restore_and_read_only_opening(db, two_districts, tmp_path):
    north, south = two_districts
    _add_organizations(db, north, south)
    made = backup(db, SYSTEM, tmp_path / "backups")
    copy = duckdb.connect(str(made), read_only=True)
    try:
        assert RELATIONS <= _macros(copy)
        assert copy.execute("select count(*) from live.scoped_organizations(false, [$n], null)",
                            {"n": north}).fetchone() == (1,)
    finally:
        copy.close()
    target = tmp_path / "restored.duckdb"
    restore(made, target)
    restored = Database(target)
    try:
        with restored.cursor() as cur:
            assert RELATIONS <= _macros(cur)
        assert restored.one("metric_organizations", **read_scope(SYSTEM), start_date=date(2026, 1, 1),
                            end_date=date(2026, 12, 31), district_id=None)["organizations_active"] == 3
    finally:
        restored.close()
