"""Programs: stored rows and audits, refusals, goals, archive instead of delete, conflicts."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core.entry import events, programs
from queries.errors import ConflictError, PermissionDenied, ValidationError
from tests.entry_support import audits, count


def good(world, **changes) -> dict:
    data = {"name": "Bike Rodeo", "category": "youth", "delivery_kind": "recurring", "status": "active",
            "description": "Helmets and skills", "lead_officer_id": world.cpo.user_id,
            "start_date": date(2026, 4, 1), "end_date": None, "districts": [world.north, "S"],
            "crime_types": ["larceny", "traffic"], "partners": [world.partner],
            "measures": ["helmets_given", "bikes_registered"],
            "goals": [{"measure": "helmets_given", "target_value": 300, "per_period": "year"},
                      {"measure": "events", "target_value": 2, "per_period": "month", "description": "spring"}]}
    data.update(changes)
    return data


def test_a_new_program_is_stored_with_targets_partners_figures_goals_and_audit(world):
    pid = programs.create_program(world.db, world.cpo, good(world))
    loaded = programs.load_program(world.db, pid)
    assert loaded["name"] == "Bike Rodeo" and loaded["lead_officer_id"] == world.cpo.user_id
    assert loaded["districts"] == [world.north, world.south]
    assert loaded["crime_types"] == ["larceny", "traffic"]
    assert loaded["measures"] == ["bikes_registered", "helmets_given"]
    assert loaded["partners"] == [world.partner]
    assert {(g["measure"], g["target_value"], g["per_period"]) for g in loaded["goals"]} == {
        ("helmets_given", 300.0, "year"), ("events", 2.0, "month")}
    assert audits(world.db, "programs")[-1] == ("create", str(pid), "cpo")
    assert len(audits(world.db, "program_goals", "create")) == 2
    assert len(audits(world.db, "program_target_districts", "create")) == 2


BAD = [
    ("no name", {"name": "  "}, "name", "is required."),
    ("duplicate name", {"name": "car-seat STATION"}, "name", "there is already a program named 'Car-seat station'."),
    ("unknown category", {"category": "parades"}, "category",
     "'parades' is not one of Youth, Schools, Traffic safety, Neighborhood watch, Business, Seniors, "
     "Education (academy), Tip line, Health, Outreach, Fundraising, Other."),
    ("end before start", {"end_date": date(2026, 1, 1)}, "end date", "the end (1 Jan 2026) is before the start (1 Apr 2026)."),
    ("unknown target district", {"districts": ["D7"]}, "target districts", "there is no district 'D7'."),
    ("unknown crime type", {"crime_types": ["jaywalking"]}, "target crime types", "there is no crime type 'jaywalking'."),
    ("incorrect seats without inspected", {"measures": ["car_seats_incorrect"], "goals": []}, "outcome figures",
     "'Car seats installed incorrectly' is checked against 'car_seats_inspected', so that figure must be recorded too."),
    ("negative goal", {"goals": [{"measure": "events", "target_value": -5}]}, "goal 1", "target cannot be negative (-5)."),
    ("goal on a figure not recorded", {"goals": [{"measure": "tips_received", "target_value": 5}]}, "goal 1",
     "'tips_received' is neither events, attendance, participants, completions nor one of this program's figures."),
    ("duplicate goal", {"goals": [{"measure": "events", "target_value": 5}, {"measure": "events", "target_value": 6}]},
     "goal 2", "there is already a goal for events per year."),
    ("goal target is text", {"goals": [{"measure": "events", "target_value": "many"}]}, "goal 1",
     "target must be a number, not 'many'."),
    ("unknown lead officer", {"lead_officer_id": 99}, "lead officer", "there is no active user 99."),
]


@pytest.mark.parametrize("name, changes, field, reason", BAD, ids=[b[0] for b in BAD])
def test_bad_programs_are_refused_with_a_reason_and_nothing_is_written(world, name, changes, field, reason):
    before = count(world.db, "select count(*) from programs")
    with pytest.raises(ValidationError) as refused:
        programs.create_program(world.db, world.cpo, good(world, **changes))
    assert refused.value.problems[field] == reason
    assert count(world.db, "select count(*) from programs") == before
    assert count(world.db, "select count(*) from program_goals") == 0


def test_editing_goals_updates_deletes_and_adds_only_what_changed(world):
    pid = programs.create_program(world.db, world.cpo, good(world))
    data = programs.load_program(world.db, pid)
    data["goals"] = [{"measure": "helmets_given", "target_value": 350, "per_period": "year"},
                     {"measure": "bikes_registered", "target_value": 80, "per_period": "year"}]
    programs.update_program(world.db, world.cpo, pid, data["version"], data)
    live = world.db.rows("program_goals_of", program_id=pid)
    assert [(g["measure"], g["target_value"]) for g in live] == [("bikes_registered", 80.0), ("helmets_given", 350.0)]
    assert [a[0] for a in audits(world.db, "program_goals")] == ["create", "create", "delete", "update", "create"]


def test_a_program_is_archived_not_deleted_and_takes_no_new_events(world):
    loaded = programs.load_program(world.db, world.car_seat)
    programs.set_archived(world.db, world.cpo, world.car_seat, loaded["version"], True)
    assert count(world.db, "select status from programs where id = $i", i=world.car_seat) == "archived"
    with pytest.raises(ValidationError) as refused:
        events.create_event(world.db, world.cpo, {"program_id": world.car_seat, "district": "N",
                                                  "starts_at": datetime(2026, 1, 1, 9), "ends_at": datetime(2026, 1, 1, 10)})
    assert "archived" in refused.value.problems["program"]
    programs.set_archived(world.db, world.cpo, world.car_seat, loaded["version"] + 1, False)
    assert count(world.db, "select status from programs where id = $i", i=world.car_seat) == "active"


def test_a_program_with_events_can_be_renamed_and_given_another_lead_officer(world):
    events.create_event(world.db, world.cpo, {"program_id": world.car_seat, "district": "N",
                                              "starts_at": datetime(2026, 1, 1, 9), "ends_at": datetime(2026, 1, 1, 10)})
    data = programs.load_program(world.db, world.car_seat)
    programs.update_program(world.db, world.cpo, world.car_seat, data["version"],
                            {**data, "name": "Seat check", "lead_officer_id": world.admin.user_id})
    assert world.db.cursor().execute("select name, lead_officer_id from programs where id = $i",
                                     {"i": world.car_seat}).fetchall() == [("Seat check", world.admin.user_id)]
    assert count(world.db, "select count(*) from live.events where program_id = $i", i=world.car_seat) == 1


def test_a_name_another_program_has_is_refused_even_by_case(world):
    data = programs.load_program(world.db, world.car_seat)
    other = count(world.db, "select name from programs where id = $i", i=world.tips)
    with pytest.raises(ValidationError) as refused:
        programs.update_program(world.db, world.cpo, world.car_seat, data["version"], {**data, "name": other.upper()})
    assert "already" in refused.value.problems["name"]
    assert count(world.db, "select name from programs where id = $i", i=world.car_seat) == "Car-seat station"


def test_a_stale_program_save_is_a_conflict(world):
    data = programs.load_program(world.db, world.tips)
    programs.update_program(world.db, world.admin, world.tips, data["version"], {**data, "description": "theirs"})
    with pytest.raises(ConflictError) as conflict:
        programs.update_program(world.db, world.cpo, world.tips, data["version"], {**data, "description": "mine"})
    assert conflict.value.current["description"] == "theirs"


def test_officers_may_not_write_programs(world):
    with pytest.raises(PermissionDenied):
        programs.create_program(world.db, world.patrol, good(world))
    assert count(world.db, "select count(*) from programs where name = 'Bike Rodeo'") == 0


def test_a_file_may_give_a_category_and_a_delivery_in_words(world):
    """An import row is checked like the form: the words users read ("Education (academy)",
    "One-off event") are taken for the stored codes, as the codes themselves are."""
    pid = programs.create_program(world.db, world.cpo, good(world, name="Academy night", category="Education (academy)",
                                                           delivery_kind="one-off event"))
    loaded = programs.load_program(world.db, pid)
    assert (loaded["category"], loaded["delivery_kind"]) == ("education", "one_off")
