"""Migration 0008 and the gateway's reference checks (queries/references.py).

Before 0008 DuckDB refused to change an indexed column of a referenced row: a program
with events could not be renamed, an organization with meetings could not move district.
These tests prove the edits now work, that the migration keeps every row, and that the
gateway refuses what the dropped keys used to refuse, writing nothing.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime

import pandas as pd
import pytest

from core.entry import organizations
from demo.town import build_demo
from queries.actor import SYSTEM
from queries.db import Database
from queries.errors import ValidationError
from queries.migrate import MIGRATIONS_DIR, apply_migrations
from queries.references import REFERENCES, UNIQUE
from tests.conftest import DEMO_TODAY
from tests.entry_support import audits, build_world, count
from tests.figures_report import report

REBUILT = ["programs", "organizations", "participants", "businesses", "course_cohorts", "events",
           "program_target_districts", "program_target_crime_types", "program_partners",
           "program_outcome_measures", "program_goals", "program_evaluations", "org_meetings", "enrolments",
           "event_officers", "event_outcomes", "event_partners", "roster_attendance", "business_contacts",
           "concerns"]


def _contents(db: Database, table: str) -> list[tuple]:
    with db.cursor() as cur:
        return cur.execute(f'select * from main."{table}" order by all').fetchall()


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> tuple[dict, Database]:
    """The demo town built on the schema as it was before 0008, then migrated."""
    before_dir = tmp_path_factory.mktemp("before_0008")
    for path in MIGRATIONS_DIR.glob("*.sql"):
        if path.name < "0008":
            shutil.copy(path, before_dir / path.name)
    db = Database(tmp_path_factory.mktemp("db") / "old.duckdb", migrate=False)
    with db.write_lock:
        apply_migrations(db._con, before_dir)
        # today's demo builder also writes what later migrations add: the verification history of
        # 0010, the survey waves of 0015 and the audit log's way in of 0016; give them stand-ins
        db._con.execute("create table business_verifications (business_id integer, verified_on date, "
                        "verified_by varchar, created_by varchar, created_at timestamp)")
        db._con.execute((MIGRATIONS_DIR / "0015_surveys.sql").read_text(encoding="utf-8"))
        db._con.execute("alter table audit_log add column way_in varchar")
    build_demo(db, today=DEMO_TODAY)
    with db.write_lock:
        db._con.execute("drop table business_verifications")
        for name in ("survey_waves", "survey_answers", "survey_comments", "survey_area_codes"):
            db._con.execute(f"drop view live.{name}")
        for name in ("survey_waves", "survey_answers", "survey_comments", "survey_area_codes"):
            db._con.execute(f"drop table main.{name}")
        db._con.execute("drop sequence seq_survey_waves")
        db._con.execute("drop sequence seq_survey_area_codes")
        db._con.execute("alter table audit_log drop column way_in")
    before = {t: _contents(db, t) for t in REBUILT}
    with db.write_lock:
        later = sorted(p.name for p in MIGRATIONS_DIR.glob("*.sql") if p.name >= "0008")
        assert apply_migrations(db._con) == later and later[0] == "0008_mutable_references.sql"
    db._catalog = None   # the schema changed under this Database
    yield before, db
    db.close()


def test_the_migration_keeps_every_row_of_every_rebuilt_table(migrated, request):
    before, db = migrated
    rows = {t: len(r) for t, r in before.items()}
    report(request, f"0008 on the demo town: {sum(rows.values()):,} rows in {len(rows)} tables kept")
    assert rows["events"] > 500 and rows["roster_attendance"] > 100 and rows["business_contacts"] > 100
    for table in REBUILT:
        assert _contents(db, table) == before[table], table


def test_the_edited_columns_have_no_key_left_and_sequences_go_on(migrated):
    _, db = migrated
    with db.cursor() as cur:
        keyed = {(t, c) for t, names in cur.execute(
            "select table_name, constraint_column_names from duckdb_constraints() "
            "where schema_name = 'main' and constraint_type in ('FOREIGN KEY', 'UNIQUE')").fetchall() for c in names}
        top = cur.execute("select max(id) from events").fetchone()[0]
    for table, columns in REFERENCES.items():
        assert not {(table, c) for c in columns} & keyed, table
    for table, groups in UNIQUE.items():
        assert not {(table, c) for g in groups for c in g if c != "program_id"} & keyed, table
    with db.unit_of_work(SYSTEM) as uow:
        new = uow.insert("events", {"program_id": 1, "starts_at": datetime(2026, 11, 1, 9),
                                    "ends_at": datetime(2026, 11, 1, 10)})
    assert new["id"] == top + 1


def test_referenced_rows_can_now_change_what_used_to_be_refused(migrated):
    _, db = migrated
    with db.cursor() as cur:
        program, version = cur.execute("select p.id, p.version from programs p where exists "
                                       "(select 1 from events e where e.program_id = p.id) limit 1").fetchone()
        event, event_version = cur.execute("select e.id, e.version from events e where exists "
                                           "(select 1 from event_officers o where o.event_id = e.id) limit 1").fetchone()
        business, b_version, b_district = cur.execute(
            "select b.id, b.version, b.district_id from businesses b where b.district_id is not null "
            "and exists (select 1 from business_contacts c where c.business_id = b.id) limit 1").fetchone()
        cohort, c_version = cur.execute("select c.id, c.version from course_cohorts c where exists "
                                        "(select 1 from enrolments e where e.cohort_id = c.id) limit 1").fetchone()
        districts = [r[0] for r in cur.execute("select id from districts order by id").fetchall()]
        officer = cur.execute("select id from users where role = 'officer' order by id limit 1").fetchone()[0]
    other = next(d for d in districts if d != b_district)
    with db.unit_of_work(SYSTEM) as uow:
        uow.update("programs", program, version, {"name": "Renamed with events", "lead_officer_id": officer})
        uow.update("events", event, event_version, {"district_id": other, "program_id": program})
        uow.update("businesses", business, b_version, {"district_id": other})
        uow.update("course_cohorts", cohort, c_version, {"name": "Renamed cohort"})
    with db.cursor() as cur:
        assert cur.execute("select name, lead_officer_id from programs where id = $i", {"i": program}).fetchone() == (
            "Renamed with events", officer)
        assert cur.execute("select district_id, program_id from events where id = $i", {"i": event}).fetchone() == (
            other, program)
        assert cur.execute("select district_id from businesses where id = $i", {"i": business}).fetchone()[0] == other
        assert cur.execute("select name from course_cohorts where id = $i", {"i": cohort}).fetchone()[0] == "Renamed cohort"


@pytest.fixture
def world(db):
    return build_world(db)


def test_an_organization_with_meetings_moves_district_and_changes_liaison(world):
    oid = organizations.create_organization(world.db, world.cpo, {
        "name": "Maple Ave Block Watch", "org_type": "block_watch", "district": "N",
        "liaison_officer_id": world.patrol.user_id}, date(2026, 11, 20))
    organizations.log_meeting(world.db, world.cpo, oid, {"met_on": date(2026, 11, 10)}, date(2026, 11, 20))
    saved = organizations.update_organization(world.db, world.cpo, oid, 1, {
        "name": "Maple Ave Block Watch", "org_type": "block_watch", "district": "S",
        "liaison_officer_id": world.cpo.user_id}, date(2026, 11, 20))
    assert (saved["district_id"], saved["liaison_officer_id"]) == (world.south, world.cpo.user_id)
    assert [a[0] for a in audits(world.db, "organizations") if a[1] == str(oid)] == ["create", "update"]


@pytest.mark.parametrize("table, values, field", [
    ("events", {"program_id": 999, "starts_at": datetime(2026, 1, 1, 9), "ends_at": datetime(2026, 1, 1, 10)},
     "program"),
    ("events", {"program_id": "car_seat", "district_id": 999, "starts_at": datetime(2026, 1, 1, 9),
                "ends_at": datetime(2026, 1, 1, 10)}, "district"),
    ("programs", {"name": "Lead-less", "category": "other", "delivery_kind": "one_off", "lead_officer_id": 999},
     "lead officer"),
    ("programs", {"name": "Crime Stoppers", "category": "other", "delivery_kind": "one_off"}, "name"),
    ("organizations", {"name": "Nowhere watch", "org_type": "block_watch", "district_id": 999}, "district"),
    ("businesses", {"name": "Corner shop", "address": "1 Main St", "district_id": 999}, "district"),
    ("participants", {"first_name": "Ann", "last_name": "Lee", "district_id": 999}, "district"),
    ("concern_updates", {"concern_id": 999, "at_utc": datetime(2026, 1, 1), "by_user": "x", "note": "n"}, "concern"),
])
def test_the_gateway_refuses_a_broken_reference_or_duplicate_and_writes_nothing(world, table, values, field):
    values = {k: (world.car_seat if v == "car_seat" else v) for k, v in values.items()}
    rows_before = count(world.db, f"select count(*) from main.{table}")
    audit_before = count(world.db, "select count(*) from audit_log")
    with pytest.raises(ValidationError) as refused:
        with world.db.unit_of_work(SYSTEM) as uow:
            uow.insert(table, values)
    assert field in refused.value.problems, refused.value.problems
    assert count(world.db, f"select count(*) from main.{table}") == rows_before
    assert count(world.db, "select count(*) from audit_log") == audit_before


def test_an_update_to_a_missing_district_or_a_taken_name_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        with world.db.unit_of_work(SYSTEM) as uow:
            uow.update("organizations", world.partner, 1, {"district_id": 999, "notes": "moved"})
    assert refused.value.problems == {"district": "there is no district with id 999."}
    with pytest.raises(ValidationError) as refused:
        with world.db.unit_of_work(SYSTEM) as uow:
            uow.update("programs", world.tips, 1, {"name": "Car-seat station"})
    assert "already exists" in refused.value.problems["name"]
    assert count(world.db, "select version from organizations where id = $i", i=world.partner) == 1
    assert count(world.db, "select name from programs where id = $i", i=world.tips) == "Crime Stoppers"


def test_a_cohort_name_is_unique_within_its_program_only(world):
    with world.db.unit_of_work(SYSTEM) as uow:
        for program in (world.car_seat, world.tips):
            uow.insert("course_cohorts", {"program_id": program, "name": "Spring", "start_date": date(2026, 3, 1),
                                          "end_date": date(2026, 5, 1)})
    with pytest.raises(ValidationError) as refused:
        with world.db.unit_of_work(SYSTEM) as uow:
            uow.insert("course_cohorts", {"program_id": world.tips, "name": "Spring", "start_date": date(2026, 3, 1),
                                          "end_date": date(2026, 5, 1)})
    assert "already exists" in refused.value.problems["name"]
    assert count(world.db, "select count(*) from course_cohorts") == 2


def test_a_bulk_insert_with_an_unknown_district_or_a_duplicate_name_writes_nothing(world):
    events = pd.DataFrame({"program_id": [world.car_seat, world.car_seat], "district_id": [world.north, 77],
                           "starts_at": [datetime(2026, 1, 1, 9)] * 2, "ends_at": [datetime(2026, 1, 1, 10)] * 2})
    with pytest.raises(ValidationError) as refused:
        with world.db.unit_of_work(SYSTEM) as uow:
            uow.bulk_insert("events", events)
    assert refused.value.problems == {"district": "there is no district with id 77."}
    programs = pd.DataFrame({"name": ["New one", "New one"], "category": ["other"] * 2,
                             "delivery_kind": ["one_off"] * 2})
    with pytest.raises(ValidationError) as refused:
        with world.db.unit_of_work(SYSTEM) as uow:
            uow.bulk_insert("programs", programs)
    assert "New one" in refused.value.problems["name"]
    assert count(world.db, "select count(*) from events") == 0
    assert count(world.db, "select count(*) from programs") == 2
    assert audits(world.db, "events") == []
