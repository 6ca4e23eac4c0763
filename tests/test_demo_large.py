"""The large-city generator (Lakeport) at a small scale factor: counts, geography, keys, places, rules.

Built once per module at scale 0.005 (a few seconds); the full scale is measured
by hand (`cli.py demo --scale large`), never in a timed test.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import numpy as np
import pytest
import shapely

import cli
from core.geo import DistrictLocator, validate_tiling
from core.passwords import verify_password
from demo import DemoError
from demo.accounts import DEMO_ACCOUNTS
from demo.large import TARGETS, build_large_demo, parse_scale
from queries.db import Database
from tests.apptest_support import signed_in

SCALE = 0.005
SEED = 2026
TODAY = date(2026, 11, 15)
FIRST_DAY = date(2016, 12, 1)          # first day of the month 119 months before November 2026
NOT_DEMO_DATA = {"schema_migrations", "audit_log"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    db = Database(tmp_path_factory.mktemp("large") / "large.duckdb")
    counts = build_large_demo(db, scale=SCALE, seed=SEED, today=TODAY)
    yield db, counts
    db.close()


@pytest.fixture(scope="module")
def db(built) -> Database:
    return built[0]


def rows(db: Database, sql: str, **params) -> list[dict]:
    with db.cursor() as cur:
        result = cur.execute(sql, params or None)
        names = [d[0] for d in result.description]
        return [dict(zip(names, r)) for r in result.fetchall()]


def value(db: Database, sql: str, **params):
    with db.cursor() as cur:
        return cur.execute(sql, params or None).fetchone()[0]


def shapes(db: Database, kind: str) -> dict[int, shapely.Geometry]:
    return {r["id"]: shapely.from_geojson(r["geometry"])
            for r in rows(db, "select id, geometry from districts where kind = $k", k=kind)}


def assert_inside(db: Database, sql: str) -> int:
    """Every located row of the query (district_id, longitude, latitude) lies inside its district."""
    polygons = shapes(db, "district")
    with db.cursor() as cur:
        frame = cur.execute(sql).df()
    assert len(frame), sql
    for district_id, group in frame.groupby("district_id"):
        assert district_id in polygons, f"{sql}: district {district_id} is not a district"
        inside = shapely.contains_xy(polygons[district_id], group.longitude.to_numpy(), group.latitude.to_numpy())
        assert inside.all(), f"{sql}: {int((~inside).sum())} points outside district {district_id}"
    return len(frame)


# ---------------------------------------------------------------- counts and determinism

def test_counts_are_proportional_to_the_targets(built):
    db, counts = built
    for table, n in counts.items():
        assert value(db, f"select count(*) from {table}") == n, table
    for table, target in TARGETS.items():
        expected = target * SCALE
        assert abs(counts[table] - expected) <= 0.12 * expected, (table, counts[table], expected)
    assert counts["districts"] == 50 + 280
    assert counts["concern_updates"] >= counts["concerns"]
    assert counts["participants"] == counts["enrolments"] > 0


def test_same_seed_and_day_give_identical_rows(db, tmp_path):
    twin = Database(tmp_path / "twin.duckdb")
    try:
        build_large_demo(twin, scale=SCALE, seed=SEED, today=TODAY)
        for table in sorted(set(db.catalog.tables) - NOT_DEMO_DATA):
            with db.cursor() as a, twin.cursor() as b:
                assert a.table(table).order("all").fetchall() == b.table(table).order("all").fetchall(), table
    finally:
        twin.close()


def test_refuses_a_database_that_has_data(db):
    with pytest.raises(DemoError):
        build_large_demo(db, scale=SCALE, seed=SEED, today=TODAY)


def test_scale_argument():
    assert parse_scale("demo") is None and parse_scale("large") == 1.0 and parse_scale("0.25") == 0.25
    for bad in ("huge", "0", "-1", "25"):
        with pytest.raises(ValueError, match="--scale"):
            parse_scale(bad)


def test_cli_builds_a_scaled_city_and_refuses_a_bad_scale(capsys, tmp_path, monkeypatch):
    path = tmp_path / "city.duckdb"
    assert cli.main(["--db", str(path), "demo", "--scale", "nonsense"]) == 2
    assert "--scale" in capsys.readouterr().err and not path.exists()
    assert cli.main(["--db", str(path), "demo", "--scale", "0.001", "--seed", "7"]) == 0
    out = capsys.readouterr().out
    assert "crime incidents ..." in out and "saving to disk ..." in out and "Demo database written" in out
    check = Database(path)
    try:
        assert check.scalar("setting_value", key="demo") == "true"
        assert value(check, "select count(*) from districts where kind = 'beat'") == 280
        assert 2000 <= value(check, "select count(*) from incidents") <= 3000
    finally:
        check.close()
    # the demo accounts sign in to the app on the city as on the town
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    for account in {a.role: a for a in DEMO_ACCOUNTS}.values():
        at = signed_in(account.username, account.password)
        assert not at.exception and at.session_state["signed_in"].actor.role == account.role
        assert at.title[0].value == "Overview" and not at.error


# ---------------------------------------------------------------- geography

def test_districts_and_beats_tile_the_city(db):
    districts = rows(db, "select * from districts where kind = 'district' order by id")
    beats = rows(db, "select * from districts where kind = 'beat' order by id")
    assert len(districts) == 50 and len(beats) == 280
    assert all(d["parent_id"] is None and d["population"] > 0 for d in districts)
    assert 2_500_000 <= sum(d["population"] for d in districts) <= 2_800_000
    district_shapes = {d["code"]: d["geometry"] for d in districts}
    beat_shapes = {b["code"]: b["geometry"] for b in beats}
    assert validate_tiling(district_shapes) == []
    assert validate_tiling(beat_shapes) == []
    polygons = [shapely.from_geojson(g) for g in district_shapes.values()]
    assert all(p.geom_type == "Polygon" and p.is_valid for p in polygons)
    city = shapely.union_all(polygons)
    assert city.geom_type == "Polygon" and len(city.interiors) == 0          # no gaps inside the city
    assert city.area == pytest.approx(sum(p.area for p in polygons), rel=1e-9)


def test_every_beat_lies_in_its_district_and_the_beats_fill_it(db):
    by_id = {d["id"]: d for d in rows(db, "select * from districts where kind = 'district'")}
    beats = rows(db, "select * from districts where kind = 'beat'")
    per_district: dict[int, list] = {}
    for b in beats:
        assert b["parent_id"] in by_id, b["code"]
        assert b["code"].startswith(f"{int(by_id[b['parent_id']]['code'][1:]):02d}")
        per_district.setdefault(b["parent_id"], []).append(b)
    assert set(per_district) == set(by_id)
    assert Counter(len(v) for v in per_district.values()) == {6: 30, 5: 20}
    for district_id, own in per_district.items():
        parent = shapely.from_geojson(by_id[district_id]["geometry"])
        union = shapely.union_all([shapely.from_geojson(b["geometry"]) for b in own])
        for b in own:
            assert shapely.from_geojson(b["geometry"]).difference(parent).area <= 1e-12, b["code"]
        assert union.symmetric_difference(parent).area <= 1e-12
        assert sum(b["population"] for b in own) == by_id[district_id]["population"]


def test_located_rows_lie_in_their_district(db):
    assert assert_inside(db, "select district_id, longitude, latitude from events where district_id is not null")
    assert assert_inside(db, "select district_id, longitude, latitude from incidents")
    assert assert_inside(db, "select district_id, longitude, latitude from businesses")
    assert assert_inside(db, "select district_id, longitude, latitude from concerns")
    # and the app's own point-in-district rule agrees
    located = rows(db, "select i.longitude, i.latitude, d.code from incidents i join districts d on d.id = i.district_id")
    locator = DistrictLocator({r["code"]: r["geometry"]
                               for r in rows(db, "select code, geometry from districts where kind = 'district'")})
    assert locator.locate_many([r["longitude"] for r in located], [r["latitude"] for r in located]) \
        == [r["code"] for r in located]


# ---------------------------------------------------------------- keys

def test_every_foreign_key_and_reference_is_valid(db):
    fks = rows(db, """select table_name, constraint_column_names cols, referenced_table, referenced_column_names refs
                      from duckdb_constraints() where constraint_type = 'FOREIGN KEY'""")
    assert len(fks) >= 25
    for fk in fks:
        (col,), (ref,) = fk["cols"], fk["refs"]
        orphans = value(db, f"""select count(*) from {fk['table_name']} t where t.{col} is not null
                                and t.{col} not in (select {ref} from {fk['referenced_table']})""")
        assert orphans == 0, fk
    # references the schema leaves to the code that writes them
    assert value(db, """select count(*) from districts b where b.kind = 'beat' and b.parent_id not in
                        (select id from districts where kind = 'district')""") == 0
    for sql in ("select created_by from contact_log", "select by_user from concern_updates",
                "select last_verified_by from businesses where last_verified_by is not null"):
        assert value(db, f"select count(*) from ({sql}) t(u) where u not in (select username from users)") == 0, sql
    # patrol rows name the officer who logged them, in a district they cover
    assert value(db, """select count(*) from contact_log c join users u on u.id = c.officer_id
                        where c.created_by <> u.username or u.role <> 'officer' or not exists
                        (select 1 from user_districts d where d.user_id = c.officer_id
                         and d.district_id = c.district_id)""") == 0
    # every district-scoped row points at a district, not a beat
    for table in ("events", "incidents", "businesses", "concerns", "contact_log", "user_districts", "organizations"):
        assert value(db, f"""select count(*) from {table} t join districts d on d.id = t.district_id
                             where d.kind <> 'district'""") == 0, table


# ---------------------------------------------------------------- accounts and settings

def test_demo_accounts_sign_in_and_hundreds_of_officers_are_assigned(db):
    settings = {r["key"]: r["value"] for r in rows(db, "select key, value from settings")}
    assert settings["demo"] == "true" and settings["time_zone"] == "America/Chicago"
    users = {u["username"]: u for u in rows(db, "select * from users")}
    assert all(users[a.username]["role"] == a.role for a in DEMO_ACCOUNTS)
    for account in {a.role: a for a in DEMO_ACCOUNTS}.values():      # one bcrypt check per password
        assert verify_password(account.password, users[account.username]["password_hash"])
    officers = rows(db, """select u.id, count(d.district_id) n from users u
                           left join user_districts d on d.user_id = u.id where u.role = 'officer' group by u.id""")
    assert 300 <= len(officers) <= 600 and all(1 <= o["n"] <= 2 for o in officers)
    assert value(db, "select count(distinct district_id) from user_districts") == 50


# ---------------------------------------------------------------- time, rules and distributions

def test_ten_years_up_to_today(db):
    for table, column in (("events", "starts_at"), ("incidents", "occurred_at"), ("contact_log", "contact_date"),
                          ("concerns", "received_on")):
        first, last = rows(db, f"select min({column}) a, max({column}) b from {table}")[0].values()
        first = first.date() if isinstance(first, datetime) else first
        last = last.date() if isinstance(last, datetime) else last
        assert FIRST_DAY <= first < date(2017, 6, 1) and date(2026, 9, 1) <= last < TODAY, table
    assert value(db, "select max(ends_at) from events") < datetime(2026, 11, 15)


def test_events_courses_and_concerns_follow_the_rules(db):
    # every program has events; only the tip line's summaries are citywide
    assert value(db, "select count(*) from programs p where not exists "
                     "(select 1 from events e where e.program_id = p.id)") == 0
    assert {r["k"] for r in rows(db, """select distinct p.delivery_kind k from events e
                                        join programs p on p.id = e.program_id where e.district_id is null""")} \
        == {"continuous"}
    assert value(db, """select count(*) from event_officers o join events e on e.id = o.event_id
                        where abs(o.hours - epoch(e.ends_at - e.starts_at) / 3600) > 1e-9""") == 0
    assert value(db, "select count(*) from events e where not exists "
                     "(select 1 from event_officers o where o.event_id = e.id)") == 0
    # six sessions per cohort and a roster row per enrolment and session
    assert value(db, """select count(*) from (select cohort_id, count(*) n from events where cohort_id is not null
                        group by 1) where n <> 6""") == 0
    assert value(db, "select count(*) from roster_attendance") == 6 * value(db, "select count(*) from enrolments")
    completion = rows(db, """
        select n.status, n.completed, n.ride_along_on is not null rode,
               (select count(*) from roster_attendance r where r.enrolment_id = n.id and r.present) attended
        from enrolments n""")
    for e in completion:
        assert e["completed"] == (e["status"] == "completed") == (e["status"] != "withdrawn" and e["rode"]
                                                                   and e["attended"] >= 5)
    # a concern's history starts "new" and ends at its status, on the day it was resolved
    history = rows(db, """
        select c.id, c.status, c.resolved_on, first(u.status order by u.at_utc, u.id) first_step,
               last(u.status order by u.at_utc, u.id) last_step, max(u.at_utc)::date last_day, count(*) n
        from concerns c join concern_updates u on u.concern_id = c.id group by all""")
    assert len(history) == value(db, "select count(*) from concerns")
    for h in history:
        assert h["first_step"] == "new" and h["last_step"] == h["status"] and 1 <= h["n"] <= 4
        assert h["resolved_on"] is None or h["last_day"] == h["resolved_on"]


def test_plausible_distributions(db):
    by_month = {r["m"]: r["n"] for r in rows(db, "select month(occurred_at) m, count(*) n from incidents group by 1")}
    assert by_month[7] > by_month[2]
    shop = rows(db, "select hour(occurred_at) h from incidents where crime_type_code = 'shoplifting'")
    assert sum(9 <= r["h"] <= 21 for r in shop) / len(shop) > 0.9
    per_district = rows(db, """select d.code, count(*) n from incidents i join districts d on d.id = i.district_id
                               group by 1 order by n desc""")
    assert per_district[0]["code"] == "D1" and per_district[0]["n"] > 2 * per_district[-1]["n"]
    events_by_month = {r["m"]: r["n"] for r in rows(
        db, "select month(starts_at) m, count(*) n from events where cohort_id is null group by 1")}
    assert events_by_month[7] > events_by_month[12]
    counts = np.array([r["n"] for r in per_district])
    assert counts.std() / counts.mean() > 0.3          # busy and quiet districts, not a flat spread
