"""Course rosters: cohorts with sessions, enrolment, the attendance grid, ride-along and completion."""

from __future__ import annotations

from datetime import date

import pytest

from core.entry import rosters
from queries.actor import SYSTEM
from queries.errors import ConflictError, ValidationError
from tests.entry_support import audits, count


@pytest.fixture
def world(world):
    w = world                      # tests/conftest.py's world, with the academy added
    with w.db.unit_of_work(SYSTEM) as uow:
        w.cpa = uow.insert("programs", {"name": "Citizens' Police Academy", "category": "education",
                                        "delivery_kind": "course"})["id"]
    return w


@pytest.fixture
def cohort(world):
    return rosters.create_cohort(world.db, world.cpo, {"program_id": world.cpa, "name": "Fall 2026",
                                                        "start_date": date(2026, 9, 1), "sessions": 6, "capacity": 2,
                                                        "district": "N", "location": "HQ"})


def test_a_cohort_is_created_with_six_weekly_sessions(world, cohort):
    sessions = world.db.rows("cohort_sessions", cohort_id=cohort)
    assert [s["session_number"] for s in sessions] == [1, 2, 3, 4, 5, 6]
    assert [s["starts_at"].date() for s in sessions][-1] == date(2026, 10, 6)
    assert count(world.db, "select end_date from course_cohorts where id = $i", i=cohort) == date(2026, 10, 6)
    assert audits(world.db, "course_cohorts") == [("create", str(cohort), "cpo")]
    assert len(audits(world.db, "events", "create")) == 6


def test_enrolment_refuses_duplicates_and_a_full_cohort(world, cohort):
    first = rosters.enrol(world.db, world.cpo, cohort, {"first_name": "Ana", "last_name": "Ruiz", "email": "ana@x.org"})
    with pytest.raises(ValidationError) as refused:
        rosters.enrol(world.db, world.cpo, cohort, {"first_name": "ana", "last_name": "RUIZ", "email": "ana@x.org"})
    assert refused.value.problems == {"participant": "is already enrolled in Fall 2026."}
    rosters.enrol(world.db, world.cpo, cohort, {"first_name": "Bo", "last_name": "Li"})
    with pytest.raises(ValidationError) as full:
        rosters.enrol(world.db, world.cpo, cohort, {"first_name": "Cy", "last_name": "Wu"})
    assert full.value.problems == {"cohort": "Fall 2026 is full (2 places)."}
    assert count(world.db, "select count(*) from enrolments") == 2
    assert count(world.db, "select count(*) from participants") == 2
    assert first > 0


def test_the_grid_saves_attendance_ride_along_and_completion_and_rates_follow(world, cohort):
    a = rosters.enrol(world.db, world.cpo, cohort, {"first_name": "Ana", "last_name": "Ruiz"})
    b = rosters.enrol(world.db, world.cpo, cohort, {"first_name": "Bo", "last_name": "Li"})
    sessions = [s["id"] for s in world.db.rows("cohort_sessions", cohort_id=cohort)]
    grid = {(a, s): True for s in sessions} | {(b, s): s == sessions[0] for s in sessions}
    changed = rosters.save_roster(world.db, world.cpo, cohort, grid,
                                  {a: {"ride_along_on": date(2026, 10, 10), "completed": True},
                                   b: {"ride_along_on": None, "completed": False}}, {a: 1, b: 1})
    assert changed == 8   # 6 + 1 attendance rows, 1 completion
    assert count(world.db, "select count(*) from roster_attendance where present") == 7
    row = world.db.cursor().execute("select status, completed_on is not null, ride_along_on from enrolments "
                                    "where id = $i", {"i": a}).fetchone()
    assert row == ("completed", True, date(2026, 10, 10))
    listed = world.db.df("cohorts_list").set_index("id")
    assert listed.loc[cohort, "completion_rate"] == 50.0 and listed.loc[cohort, "ride_alongs"] == 1
    # unticking a session updates the stored cell
    grid[(b, sessions[0])] = False
    assert rosters.save_roster(world.db, world.cpo, cohort, grid, {}, {}) == 1
    assert count(world.db, "select count(*) from roster_attendance where present") == 6
    # a stale roster (enrolment version 1, now 2) is a conflict and writes nothing
    with pytest.raises(ConflictError):
        rosters.save_roster(world.db, world.cpo, cohort, {(b, sessions[1]): True},
                            {a: {"ride_along_on": None, "completed": False}}, {a: 1})
    assert count(world.db, "select count(*) from roster_attendance where present") == 6


def test_cohorts_only_for_courses_and_bad_participants_are_refused(world):
    with pytest.raises(ValidationError) as refused:
        rosters.create_cohort(world.db, world.cpo, {"program_id": world.tips, "name": "X", "start_date": date(2026, 1, 1)})
    assert refused.value.problems == {"program": "Crime Stoppers is not a course; cohorts belong to course programs."}
    cohort = rosters.create_cohort(world.db, world.cpo, {"program_id": world.cpa, "name": "Y", "start_date": date(2026, 1, 1)})
    with pytest.raises(ValidationError) as bad:
        rosters.enrol(world.db, world.cpo, cohort, {"first_name": "", "last_name": "Li", "email": "not-an-email"})
    assert bad.value.problems["first name"] == "is required."
    assert "email" in bad.value.problems
    assert count(world.db, "select count(*) from participants") == 0
