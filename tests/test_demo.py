"""The Millbrook demo: deterministic, complete, and consistent with its own maps and rules.

The demo is built once per module (about three seconds); a second build with the
same seed and day proves determinism.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, timedelta
from itertools import combinations

import numpy as np
import pytest
import shapely

from core.geo import DistrictLocator, validate_tiling
from core.passwords import verify_password
from demo import DemoError
from demo.accounts import DEMO_ACCOUNTS, PASSWORDS
from demo.town import build_demo
from queries.db import Database

SEED = 2026
TODAY = date(2026, 6, 15)
FIRST_DAY = date(2024, 7, 1)         # first day of the month 23 months before June 2026
# written by the gateway with the wall clock, so not part of the determinism promise
NOT_DEMO_DATA = {"schema_migrations", "audit_log"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    db = Database(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    counts = build_demo(db, seed=SEED, today=TODAY)
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


def domain_tables(db: Database) -> list[str]:
    return sorted(t for t in db.catalog.tables if t not in NOT_DEMO_DATA)


def polygons(db: Database) -> dict[int, shapely.Polygon]:
    return {r["id"]: shapely.from_geojson(r["geometry"]) for r in rows(db, "select id, geometry from districts")}


def assert_inside(db: Database, table: str, points: list[dict]) -> None:
    shapes = polygons(db)
    for district_id, group in _group(points).items():
        assert district_id in shapes, f"{table}: unknown district {district_id}"
        lon = np.array([p["longitude"] for p in group])
        lat = np.array([p["latitude"] for p in group])
        inside = shapely.contains_xy(shapes[district_id], lon, lat)
        assert inside.all(), f"{table}: {int((~inside).sum())} points outside district {district_id}"


def _group(points: list[dict]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for p in points:
        out.setdefault(p["district_id"], []).append(p)
    return out


# ---------------------------------------------------------------- determinism and counts

def test_same_seed_and_day_give_identical_rows(db, tmp_path_factory):
    twin = Database(tmp_path_factory.mktemp("twin") / "demo.duckdb")
    try:
        build_demo(twin, seed=SEED, today=TODAY)
        for table in domain_tables(db):
            with db.cursor() as a, twin.cursor() as b:
                assert a.table(table).order("all").fetchall() == b.table(table).order("all").fetchall(), table
    finally:
        twin.close()


def test_counts_are_returned_and_in_range(built):
    db, counts = built
    for table, n in counts.items():
        with db.cursor() as cur:
            assert cur.table(table).aggregate("count(*)").fetchall()[0][0] == n, table
    expected = {
        "districts": (6, 6), "users": (16, 16), "programs": (12, 25), "events": (600, 1200),
        "course_cohorts": (2, 2), "participants": (36, 48), "businesses": (250, 350),
        "organizations": (35, 50), "contact_log": (2000, 6000), "concerns": (150, 250),
        "incidents": (18_000, 22_000),
    }
    for table, (low, high) in expected.items():
        assert low <= counts[table] <= high, (table, counts[table])


def test_refuses_a_database_that_has_data(db):
    with pytest.raises(DemoError):
        build_demo(db, seed=SEED, today=TODAY)


# ---------------------------------------------------------------- settings, districts, users

def test_settings(db):
    settings = {r["key"]: r["value"] for r in rows(db, "select key, value from settings")}
    assert settings["department_name"] == "Millbrook Police Department"
    assert settings["unit_name"] == "Community Relations / Crime Prevention Unit"
    assert settings["time_zone"] == "America/New_York"
    assert settings["report_recipients"] == "Division Commander; Office of the Chief of Police"
    assert settings["demo"] == "true"


def test_districts_tile_the_town_without_gaps_or_overlaps(db):
    districts = rows(db, "select code, population, geometry from districts order by code")
    assert [d["code"] for d in districts] == [f"D{k}" for k in range(1, 7)]
    assert 55_000 <= sum(d["population"] for d in districts) <= 65_000
    shapes = {d["code"]: shapely.from_geojson(d["geometry"]) for d in districts}
    assert all(s.geom_type == "Polygon" and s.is_valid for s in shapes.values())
    for a, b in combinations(shapes.values(), 2):
        assert a.intersection(b).area <= 1e-12
    union = shapely.union_all(list(shapes.values()))
    assert union.geom_type == "Polygon" and len(union.interiors) == 0
    assert union.area == pytest.approx(sum(s.area for s in shapes.values()), rel=1e-9)
    assert 41.5 < union.centroid.y < 41.7 and -72.8 < union.centroid.x < -72.6
    assert validate_tiling({c: d["geometry"] for c, d in zip(shapes, districts)}) == []


def test_users_of_every_role_with_working_passwords(db):
    users = rows(db, "select id, username, role, password_hash from users")
    roles = Counter(u["role"] for u in users)
    assert roles == {"admin": 1, "command": 2, "prevention": 1, "officer": 12}
    by_name = {u["username"]: u for u in users}
    assert {"admin", "commander", "chief", "cpo"} <= set(by_name)
    assert {(a.username, a.role) for a in DEMO_ACCOUNTS} == {(u["username"], u["role"]) for u in users}
    for role, password in PASSWORDS.items():
        user = next(u for u in users if u["role"] == role)
        assert verify_password(password, user["password_hash"])
    # one hash per distinct password
    assert len({u["password_hash"] for u in users}) == 4
    per_officer = rows(db, "select user_id, count(*) n from user_districts group by user_id")
    assert len(per_officer) == 12 and all(1 <= r["n"] <= 2 for r in per_officer)
    per_district = rows(db, "select district_id, count(*) n from user_districts group by district_id")
    assert len(per_district) == 6 and all(r["n"] >= 2 for r in per_district)


# ---------------------------------------------------------------- programs and events

def test_programs_are_fully_described(db):
    programs = rows(db, "select * from programs")
    assert {"ended", "paused"} & {p["status"] for p in programs}
    described = rows(db, """
        select p.name,
               exists(select 1 from program_target_crime_types t where t.program_id = p.id) crime_types,
               exists(select 1 from program_target_districts t where t.program_id = p.id) districts,
               exists(select 1 from program_partners t where t.program_id = p.id) partners,
               exists(select 1 from events t where t.program_id = p.id) events
        from programs p""")
    for p in described:
        assert p["crime_types"] and p["districts"] and p["partners"] and p["events"], p
    goals = rows(db, "select program_id, count(*) n from program_goals group by program_id")
    assert len(goals) == len(programs) and all(1 <= g["n"] <= 3 for g in goals)
    names = {p["name"] for p in programs}
    assert {"Citizens' Police Academy", "Child Car-Seat Inspection Station", "Crime Stoppers Anonymous Tip Line",
            "Neighborhood Block Watch", "Downtown Business Watch", "Bicycle Safety & Helmet Giveaway"} <= names


def test_events_lie_in_the_window_and_in_their_district(db):
    events = rows(db, "select e.*, p.delivery_kind from events e join programs p on p.id = e.program_id")
    assert min(e["starts_at"] for e in events).date() >= FIRST_DAY
    assert max(e["ends_at"] for e in events) < datetime.combine(TODAY, datetime.min.time())
    assert all(e["ends_at"] >= e["starts_at"] and e["non_enforcement"] for e in events)
    placed = [e for e in events if e["district_id"] is not None]
    # only the tip line's monthly summaries are townwide, without a place
    assert {e["delivery_kind"] for e in events if e["district_id"] is None} == {"continuous"}
    assert_inside(db, "events", placed)
    with_feedback = [e for e in events if e["feedback_responses"] is not None]
    assert all(1 <= e["feedback_avg_rating"] <= 5 for e in with_feedback)
    assert 0.15 <= len(with_feedback) / len(events) <= 0.45


def test_events_have_seasons_and_fitting_audiences(db):
    by_month = {r["m"]: r["n"] for r in rows(db, "select month(starts_at) m, count(*) n from events group by m")}
    assert by_month[7] > by_month[12]
    shares = {r["name"]: r for r in rows(db, """
        select p.name, sum(headcount_youth) / sum(headcount_youth + headcount_adult + headcount_senior
               + headcount_business) youth,
               sum(headcount_senior) / sum(headcount_youth + headcount_adult + headcount_senior
               + headcount_business) senior
        from events e join programs p on p.id = e.program_id group by p.name""")}
    assert shares["Officer Friendly School Visits"]["youth"] > 0.8
    assert shares["Senior Crime Prevention: Scams & Fraud"]["senior"] > 0.7


def test_event_officers_and_outcomes(db):
    bad_hours = value(db, """
        select count(*) from event_officers o join events e on e.id = o.event_id
        where abs(o.hours - epoch(e.ends_at - e.starts_at) / 3600) > 1e-9""")
    assert bad_hours == 0
    per_event = rows(db, "select event_id, count(*) n from event_officers group by event_id")
    assert len(per_event) == value(db, "select count(*) from events") and all(1 <= r["n"] <= 3 for r in per_event)
    # every event records exactly its program's measures
    mismatched = value(db, """
        select count(*) from (
            select e.id, m.measure_code from events e join program_outcome_measures m using (program_id)
            where e.cohort_id is null
            except
            select event_id, measure_code from event_outcomes)""")
    assert mismatched == 0
    seats = rows(db, """
        select i.value inspected, w.value incorrect
        from event_outcomes i join event_outcomes w on w.event_id = i.event_id
        where i.measure_code = 'car_seats_inspected' and w.measure_code = 'car_seats_incorrect'""")
    assert seats and all(s["incorrect"] <= s["inspected"] for s in seats)
    ratio = sum(s["incorrect"] for s in seats) / sum(s["inspected"] for s in seats)
    assert 0.4 <= ratio <= 0.7
    assert value(db, "select count(*) from event_partners") > 0


def test_citizens_police_academy(db):
    cohorts = rows(db, "select * from course_cohorts order by start_date")
    assert len(cohorts) == 2 and all(c["end_date"] < TODAY for c in cohorts)
    for c in cohorts:
        sessions = rows(db, "select session_number from events where cohort_id = $c order by 1", c=c["id"])
        assert [s["session_number"] for s in sessions] == list(range(1, 7))
        size = value(db, "select count(*) from enrolments where cohort_id = $c", c=c["id"])
        assert 18 <= size <= 24
        assert value(db, """select count(*) from roster_attendance r join events e on e.id = r.event_id
                            where e.cohort_id = $c""", c=c["id"]) == 6 * size
    enrolments = rows(db, """
        select n.*, (select count(*) from roster_attendance r where r.enrolment_id = n.id and r.present) attended
        from enrolments n""")
    for e in enrolments:
        should = e["status"] != "withdrawn" and e["attended"] >= 5 and e["ride_along_on"] is not None
        assert e["completed"] == should == (e["status"] == "completed")
        assert (e["completed_on"] is not None) == e["completed"]
    assert 1 <= sum(e["status"] == "withdrawn" for e in enrolments) <= 2
    present = value(db, "select avg(present::int) from roster_attendance r join enrolments n on n.id = r.enrolment_id "
                        "where n.status <> 'withdrawn'")
    assert 0.8 <= present <= 0.95


# ---------------------------------------------------------------- community

def test_businesses_and_contacts(db):
    businesses = rows(db, "select * from businesses")
    assert_inside(db, "businesses", businesses)
    assert all(b["main_phone"].startswith("+1") and b["main_phone"][5:9] == "5550" for b in businesses)
    assert len({b["name"] for b in businesses}) == len(businesses)
    year_ago = TODAY - timedelta(days=365)
    never = sum(b["last_verified_on"] is None for b in businesses)
    overdue = sum(b["last_verified_on"] is not None and b["last_verified_on"] < year_ago for b in businesses)
    assert 0 < never < 0.06 * len(businesses)
    assert 0.15 <= overdue / len(businesses) <= 0.35
    contacts = rows(db, "select business_id, count(*) n, bool_or(after_hours) ah from business_contacts group by 1")
    assert len(contacts) == len(businesses) and all(1 <= c["n"] <= 3 for c in contacts)
    assert 0.6 <= sum(c["ah"] for c in contacts) / len(contacts) <= 0.8
    assert value(db, "select count(*) from business_contacts where role = 'keyholder' and not after_hours") == 0


def test_organizations(db):
    orgs = rows(db, "select * from organizations")
    assert {o["org_type"] for o in orgs} == {"block_watch", "business_watch", "tenant_group", "school",
                                             "business_association", "faith", "civic", "media",
                                             "city_department", "other"}
    assert any(not o["active"] for o in orgs) and any(o["established_by_department"] for o in orgs)
    covered = {o["district_id"] for o in orgs if o["org_type"] == "block_watch" and o["active"]}
    assert len(covered) < 6
    assert value(db, "select count(*) from org_meetings") > 0


def test_contact_log(db):
    log = rows(db, """select c.*, exists(select 1 from user_districts d where d.user_id = c.officer_id
                                          and d.district_id = c.district_id) in_area,
                             u.role from contact_log c join users u on u.id = c.officer_id""")
    assert all(r["role"] == "officer" and r["in_area"] and 1 <= r["contact_count"] <= 10 for r in log)
    assert all(TODAY - timedelta(days=366) <= r["contact_date"] < TODAY for r in log)
    assert 0.85 <= sum(r["non_enforcement"] for r in log) / len(log) < 1


def test_concerns_and_their_history(db):
    concerns = rows(db, "select * from concerns")
    assert {c["status"] for c in concerns} == {"new", "assigned", "in_progress", "referred", "resolved", "closed"}
    assert {c["category"] for c in concerns} == {"motor_vehicle", "speeding", "parking", "disorderly_group",
                                                 "blight", "noise", "drug_activity", "graffiti", "lighting",
                                                 "suspicious_activity", "other"}
    assert {c["channel"] for c in concerns} == {"phone", "email", "walk_in", "community_meeting", "officer",
                                                "online", "letter"}
    assert any(c["organization_id"] for c in concerns) and any(c["referred_to"] for c in concerns)
    assert any(c["anonymous"] for c in concerns)
    assert_inside(db, "concerns", concerns)
    for c in concerns:
        assert c["received_on"] < TODAY
        history = rows(db, "select * from concern_updates where concern_id = $c order by at_utc, id", c=c["id"])
        assert 1 <= len(history) <= 4
        assert history[0]["status"] == "new" and history[-1]["status"] == c["status"]
        if c["resolved_on"]:
            assert history[-1]["at_utc"].date() == c["resolved_on"]


# ---------------------------------------------------------------- crime

def test_incidents(db):
    incidents = rows(db, "select id, incident_number, occurred_at, crime_type_code, offense_description, "
                         "district_id, latitude, longitude from incidents")
    assert len({i["incident_number"] for i in incidents}) == len(incidents)
    assert min(i["occurred_at"] for i in incidents).date() >= FIRST_DAY
    assert max(i["occurred_at"] for i in incidents).date() < TODAY
    assert_inside(db, "incidents", incidents)
    # the app's own point-in-district rule agrees with the stored districts
    codes = {r["id"]: r["code"] for r in rows(db, "select id, code from districts")}
    locator = DistrictLocator({r["code"]: r["geometry"] for r in rows(db, "select code, geometry from districts")})
    located = locator.locate_many([i["longitude"] for i in incidents], [i["latitude"] for i in incidents])
    assert located == [codes[i["district_id"]] for i in incidents]
    mapped = {r["offense_description"]: r["crime_type_code"] for r in rows(db, "select * from offense_mappings")}
    assert all(mapped[i["offense_description"]] == i["crime_type_code"] for i in incidents)
    assert value(db, "select count(*) from incidents where crime_type_code not in (select code from crime_types)") == 0
    # hour-of-day patterns: shoplifting in store hours, car break-ins overnight
    shop = [i["occurred_at"].hour for i in incidents if i["crime_type_code"] == "shoplifting"]
    assert sum(9 <= h <= 21 for h in shop) / len(shop) > 0.9
    car = [i["occurred_at"].hour for i in incidents if i["crime_type_code"] == "theft_from_vehicle"]
    assert sum(h < 6 or h >= 22 for h in car) / len(car) > 0.5
    downtown = sum(codes[i["district_id"]] == "D1" for i in incidents) / len(incidents)
    assert downtown > 1 / 6


def test_geometry_is_geojson_text(db):
    for r in rows(db, "select geometry from districts"):
        shape = json.loads(r["geometry"])
        assert shape["type"] == "Polygon" and shape["coordinates"][0][0] == shape["coordinates"][0][-1]


def test_some_programs_began_inside_the_crime_data(db):
    """A before-and-after comparison needs a program that started after the incident data begins:
    such programs have a full year of incidents of their target types before they started, and no
    events before their start."""
    first_incident = value(db, "select min(occurred_at)::date from incidents")
    newer = rows(db, "select id, name, start_date from programs where start_date >= $first + interval 1 year",
                 first=first_incident)
    assert len(newer) >= 2, newer
    for program in newer:
        assert value(db, "select count(*) from events where program_id = $id and starts_at < $start",
                     id=program["id"], start=program["start_date"]) == 0
        assert value(db, "select count(*) from events where program_id = $id", id=program["id"]) > 0
        before = value(db, """
            select count(*) from incidents i
            where i.crime_type_code in (select crime_type_code from program_target_crime_types
                                        where program_id = $id)
              and i.district_id in (select district_id from program_target_districts where program_id = $id)
              and i.occurred_at >= $start - interval 90 day and i.occurred_at < $start""",
                       id=program["id"], start=program["start_date"])
        assert before > 0, program


def test_the_users_list_sorts_numbered_usernames_as_people_count(db):
    from queries.unit_of_work import utc_now

    listed = db.df("users_list", now=utc_now())
    officers = [u for u in listed["username"] if u.startswith("officer")]
    assert len(officers) >= 11
    assert officers == sorted(officers, key=lambda u: int(u.removeprefix("officer")))
    assert list(listed["role"]) == sorted(listed["role"])
