"""Logging events: stored rows and audit rows, refusals with reasons, series, conflicts, restore."""

from __future__ import annotations

import json

from datetime import date, datetime

import pytest

from core.entry import events, recurrence
from queries.errors import ConflictError, PermissionDenied, ValidationError
from tests.entry_support import audits, count


def good(world, **changes) -> dict:
    data = {
        "program_id": world.car_seat, "title": "Car-seat station", "starts_at": datetime(2026, 11, 7, 9),
        "ends_at": datetime(2026, 11, 7, 12), "location": "HQ garage", "district": world.north,
        "headcount_youth": 4, "headcount_adult": 11, "headcount_senior": 0, "headcount_business": 0,
        "officers": [{"user_id": world.cpo.user_id, "hours": 3.0}],
        "outcomes": {"car_seats_inspected": 9, "car_seats_incorrect": 4},
        "partners": [world.partner], "notes": "busy morning", "non_enforcement": True,
    }
    data.update(changes)
    return data


def test_a_logged_event_is_stored_with_its_officers_figures_partners_and_audit(world):
    event_id = events.create_event(world.db, world.cpo, good(world))
    with world.db.cursor() as cur:
        row = cur.execute("select program_id, starts_at, ends_at, district_id, headcount_youth, headcount_adult, "
                          "non_enforcement, notes, created_by from events where id = $i", {"i": event_id}).fetchone()
        outcomes = cur.execute("select measure_code, value from event_outcomes where event_id = $i order by 1",
                               {"i": event_id}).fetchall()
        officers = cur.execute("select user_id, hours from event_officers where event_id = $i",
                               {"i": event_id}).fetchall()
        partners = cur.execute("select organization_id from event_partners where event_id = $i",
                               {"i": event_id}).fetchall()
    assert row == (world.car_seat, datetime(2026, 11, 7, 9), datetime(2026, 11, 7, 12), world.north, 4, 11,
                   True, "busy morning", "cpo")
    assert outcomes == [("car_seats_incorrect", 4.0), ("car_seats_inspected", 9.0)]
    assert officers == [(world.cpo.user_id, 3.0)] and partners == [(world.partner,)]
    assert audits(world.db, "events") == [("create", str(event_id), "cpo")]
    assert len(audits(world.db, "event_outcomes", "create")) == 2
    assert len(audits(world.db, "event_officers", "create")) == 1


def test_a_district_may_be_given_by_its_code_and_text_figures_are_read(world):
    event_id = events.create_event(world.db, world.cpo, good(
        world, district="s", starts_at="11/07/2026 9:00 AM", ends_at="2026-11-07 11:30", headcount_adult="1,200"))
    assert count(world.db, "select district_id from events where id = $i", i=event_id) == world.south
    assert count(world.db, "select headcount_adult from events where id = $i", i=event_id) == 1200


BAD = [
    ("negative headcount", {"headcount_youth": -3}, "headcount_youth", "cannot be negative (-3)."),
    ("text headcount", {"headcount_adult": "lots"}, "headcount_adult", "must be a whole number, not 'lots'."),
    ("fractional headcount", {"headcount_senior": 2.5}, "headcount_senior", "must be a whole number, not 2.5."),
    ("end before start", {"ends_at": datetime(2026, 11, 7, 8)}, "ends",
     "the end (7 Nov 2026, 08:00) is before the start (7 Nov 2026, 09:00)."),
    ("longer than a day", {"ends_at": datetime(2026, 11, 9, 8)}, "ends",
     "an event lasts at most 24 hours; log each day as its own event."),
    ("more incorrect than inspected", {"outcomes": {"car_seats_inspected": 3, "car_seats_incorrect": 5}},
     "Car seats installed incorrectly", "5 is more than the car seats inspected (3)."),
    ("incorrect without inspected", {"outcomes": {"car_seats_incorrect": 1}},
     "Car seats installed incorrectly", "1 is more than the car seats inspected (0)."),
    ("unknown district id", {"district": 999}, "district", "there is no district '999'."),
    ("unknown district code", {"district": "D9"}, "district", "there is no district 'D9'."),
    ("no district", {"district": None}, "district", "is required."),
    ("no program", {"program_id": None}, "program", "is required."),
    ("unknown program", {"program_id": 4242}, "program", "there is no program 4242."),
    ("start is not a date", {"starts_at": "next tuesday"}, "starts",
     "'next tuesday' is not a date and time; write it as 2026-11-21 10:00."),
    ("figure the program does not record", {"outcomes": {"tips_received": 3}},
     "Tips received", "is not recorded by this program (see its outcome figures)."),
    ("negative figure", {"outcomes": {"car_seats_inspected": -1}}, "Car seats inspected", "cannot be negative (-1)."),
    ("fractional count figure", {"outcomes": {"car_seats_inspected": 2.5}}, "Car seats inspected",
     "must be a whole number, not 2.5."),
    ("officer hours over a day", {"officers": [{"user_id": 1, "hours": 30}]}, "officer hours",
     "Cpo: 30 hours is more than a day."),
    ("unknown officer", {"officers": [{"user_id": 77, "hours": 1}]}, "officers", "there is no active officer 77."),
    ("unknown partner", {"partners": [555]}, "partners", "there is no organization 555."),
    ("title too long", {"title": "x" * 201}, "title", "is 201 characters long; the limit is 200."),
]


@pytest.mark.parametrize("name, changes, field, reason", BAD, ids=[b[0] for b in BAD])
def test_impossible_figures_are_refused_with_a_reason_and_nothing_is_written(world, name, changes, field, reason):
    if name == "officer hours over a day":
        changes = {"officers": [{"user_id": world.cpo.user_id, "hours": 30}]}
    with pytest.raises(ValidationError) as refused:
        events.create_event(world.db, world.cpo, good(world, **changes))
    assert refused.value.problems[field] == reason
    assert count(world.db, "select count(*) from events") == 0
    assert count(world.db, "select count(*) from event_outcomes") == 0
    assert audits(world.db, "events") == []


def test_the_same_program_at_the_same_time_twice_is_refused(world):
    first = events.create_event(world.db, world.cpo, good(world))
    with pytest.raises(ValidationError) as refused:
        events.create_event(world.db, world.cpo, good(world))
    assert refused.value.problems["starts"] == (
        f"Car-seat station already has an event starting 7 Nov 2026, 09:00 (event {first}); edit that one instead.")
    assert count(world.db, "select count(*) from events") == 1


def test_every_first_saturday_for_a_year_is_created_in_one_go(world):
    dates = recurrence.monthly_nth_weekday(date(2026, 12, 1), date(2027, 11, 30), 1, 5)
    assert len(dates) == 12 and all(d.weekday() == 5 and d.day <= 7 for d in dates)
    ids = events.create_series(world.db, world.cpo, good(world), dates)
    assert len(ids) == 12
    stored = [r[0] for r in world.db.cursor().execute("select starts_at from events order by 1").fetchall()]
    assert stored == [datetime(d.year, d.month, d.day, 9) for d in dates]
    assert count(world.db, "select count(*) from event_outcomes") == 24
    assert len(audits(world.db, "events", "create")) == 12


def test_a_series_with_one_bad_date_writes_nothing(world):
    events.create_event(world.db, world.cpo, good(world, starts_at=datetime(2027, 1, 2, 9),
                                                  ends_at=datetime(2027, 1, 2, 12)))
    dates = recurrence.monthly_nth_weekday(date(2026, 12, 1), date(2027, 3, 31), 1, 5)
    with pytest.raises(ValidationError) as refused:
        events.create_series(world.db, world.cpo, good(world), dates)
    assert "starts (2 Jan 2027)" in refused.value.problems
    assert count(world.db, "select count(*) from events") == 1


def test_too_many_sessions_are_refused():
    with pytest.raises(ValueError, match="at most 60"):
        recurrence.weekly(date(2026, 1, 1), date(2028, 1, 1))


def test_two_people_saving_the_same_event_the_second_is_told_and_shown_the_current_values(world):
    event_id = events.create_event(world.db, world.cpo, good(world))
    mine = events.load_event(world.db, event_id)
    theirs = events.load_event(world.db, event_id)
    events.update_event(world.db, world.admin, event_id, theirs["version"], {**theirs, "notes": "admin's note"})
    with pytest.raises(ConflictError) as conflict:
        events.update_event(world.db, world.cpo, event_id, mine["version"], {**mine, "notes": "my note"})
    assert conflict.value.current["notes"] == "admin's note"
    assert count(world.db, "select count(*) from events where notes = 'my note'") == 0
    # retrying with the current version keeps what the second person typed
    events.update_event(world.db, world.cpo, event_id, conflict.value.current["version"], {**mine, "notes": "my note"})
    assert count(world.db, "select count(*) from events where notes = 'my note'") == 1


def test_edit_changes_the_figures_and_audits_before_and_after(world):
    event_id = events.create_event(world.db, world.cpo, good(world))
    data = events.load_event(world.db, event_id)
    data["outcomes"] = {"car_seats_inspected": 12, "car_seats_incorrect": 2}
    data["headcount_adult"] = 15
    events.update_event(world.db, world.cpo, event_id, data["version"], data)
    assert count(world.db, "select headcount_adult from events where id = $i", i=event_id) == 15
    assert count(world.db, "select value from event_outcomes where measure_code = 'car_seats_inspected'") == 12
    assert [a[0] for a in audits(world.db, "events")] == ["create", "update"]


def test_delete_hides_the_event_and_only_an_admin_restores_it(world):
    event_id = events.create_event(world.db, world.cpo, good(world))
    events.delete_event(world.db, world.cpo, event_id, 1)
    assert count(world.db, "select count(*) from live.events") == 0
    with pytest.raises(PermissionDenied, match="Only an administrator"):
        events.restore_event(world.db, world.cpo, event_id, 2)
    assert audits(world.db, "events", "denied")[-1][2] == "cpo"
    events.restore_event(world.db, world.admin, event_id, 2)
    assert count(world.db, "select count(*) from live.events") == 1
    assert [a[0] for a in audits(world.db, "events") if a[0] != "denied"] == ["create", "delete", "restore"]


def test_patrol_officers_and_command_may_not_log_events(world):
    for actor in (world.patrol, world.command):
        with pytest.raises(PermissionDenied):
            events.create_event(world.db, actor, good(world))
    assert count(world.db, "select count(*) from events") == 0


def test_moving_an_event_to_another_program_and_district_updates_it_in_place(world):
    event_id = events.create_event(world.db, world.cpo, good(world))
    data = events.load_event(world.db, event_id)
    saved = events.update_event(world.db, world.cpo, event_id, data["version"],
                                {**data, "district": world.south, "program_id": world.tips, "outcomes": {}})
    assert saved["id"] == event_id and saved["version"] == data["version"] + 1
    assert world.db.cursor().execute("select id, program_id, district_id from events").fetchall() == [
        (event_id, world.tips, world.south)]
    moved = events.load_event(world.db, event_id)
    assert moved["officers"] == [{"user_id": world.cpo.user_id, "hours": 3.0}]
    assert moved["outcomes"] == {}
    updates = [(json.loads(b)["district_id"], json.loads(a)["district_id"]) for b, a in world.db.cursor().execute(
        "select before, after from audit_log where table_name = 'events' and action = 'update'").fetchall()]
    assert updates == [(world.north, world.south)]
