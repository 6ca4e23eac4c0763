"""Community concerns: intake, assignment, history, referral, resolution, ageing, officers' rights."""

from __future__ import annotations

from datetime import date

import pytest

from core.entry import concerns
from queries.access import read_scope
from queries.errors import ConflictError, PermissionDenied, ValidationError
from tests.entry_support import audits, count

TODAY = date(2026, 11, 20)


def good(world, **changes) -> dict:
    data = {"received_on": date(2026, 11, 2), "channel": "phone", "reporter_name": "Ana Ruiz",
            "reporter_contact": "555-0100", "category": "speeding", "description": "Cars race on Elm St at night",
            "location": "Elm St", "district": "N", "anonymous": False}
    data.update(changes)
    return data


def history(world, concern_id):
    return [(h["by_user"], h["status"], h["note"]) for h in world.db.rows("concern_history", concern_id=concern_id)]


def test_intake_stores_the_concern_its_first_history_line_and_audit(world):
    cid = concerns.create_concern(world.db, world.cpo, good(world), TODAY)
    row = world.db.one("concern_by_id", id=cid)
    assert (row["status"], row["district_id"], row["category"], row["reporter_name"]) == ("new", world.north, "speeding", "Ana Ruiz")
    assert history(world, cid) == [("cpo", "new", "Received by phone.")]
    assert audits(world.db, "concerns") == [("create", str(cid), "cpo")]
    assert len(audits(world.db, "concern_updates", "create")) == 1


def test_a_concern_is_assigned_updated_referred_and_resolved_with_a_response(world):
    cid = concerns.create_concern(world.db, world.cpo, good(world), TODAY)
    concerns.assign(world.db, world.cpo, cid, 1, world.patrol.user_id, "Please check Friday")
    concerns.add_update(world.db, world.patrol, cid, 2, "Ran speed trailer, avg 41 in a 25", "in_progress")
    concerns.refer(world.db, world.cpo, cid, 3, "traffic_engineering", "Asked for speed humps")
    concerns.resolve(world.db, world.cpo, cid, 4, date(2026, 11, 18), "Speed humps scheduled; called Ms Ruiz", TODAY)
    row = world.db.one("concern_by_id", id=cid)
    assert (row["status"], row["referred_to"], row["resolved_on"], row["assigned_officer_id"]) == (
        "resolved", "traffic_engineering", date(2026, 11, 18), world.patrol.user_id)
    assert [h[1] for h in history(world, cid)] == ["new", "assigned", "in_progress", "referred", "resolved"]
    assert history(world, cid)[1] == ("cpo", "assigned", "Assigned to Patrol. Please check Friday")
    assert history(world, cid)[2][0] == "patrol"
    assert [a[0] for a in audits(world.db, "concerns")] == ["create"] + ["update"] * 4


def test_a_patrol_officer_reports_a_concern_and_may_work_only_their_own(world):
    mine = concerns.create_concern(world.db, world.patrol, good(world, channel="officer", reporter_name=None,
                                                                reporter_contact=None, anonymous=True), TODAY)
    assert world.db.one("concern_by_id", id=mine)["reported_by_id"] == world.patrol.user_id
    concerns.add_update(world.db, world.patrol, mine, 1, "Spoke to the group")
    other = concerns.create_concern(world.db, world.cpo, good(world), TODAY)
    with pytest.raises(PermissionDenied):
        concerns.add_update(world.db, world.patrol, other, 1, "not mine")
    assert len(history(world, other)) == 1
    scope = read_scope(world.patrol)
    listed = world.db.df("concerns_list", **scope, today=TODAY, overdue_days=30, open_only=True, mine_only=True,
                         user_id=world.patrol.user_id, status=None, category=None, district_id=None)
    assert listed["id"].tolist() == [mine]


def test_the_ageing_view_marks_concerns_older_than_the_limit_as_overdue(world):
    old = concerns.create_concern(world.db, world.cpo, good(world, received_on=date(2026, 9, 1)), TODAY)
    new = concerns.create_concern(world.db, world.cpo, good(world, received_on=date(2026, 11, 15)), TODAY)
    done = concerns.create_concern(world.db, world.cpo, good(world, received_on=date(2026, 8, 1)), TODAY)
    concerns.resolve(world.db, world.cpo, done, 1, date(2026, 8, 20), "Fixed", TODAY)
    listed = world.db.df("concerns_list", all_districts=True, districts=[], today=TODAY, overdue_days=30,
                         open_only=True, mine_only=False, user_id=None, status=None, category=None, district_id=None)
    assert listed[["id", "age_days", "overdue"]].values.tolist() == [[old, 80, True], [new, 5, False]]
    assert count(world.db, "select count(*) from live.concerns where status not in ('resolved','closed') "
                           "and date_diff('day', received_on, $t) > 30", t=TODAY) == 1


BAD = [
    ("received in the future", {"received_on": date(2026, 12, 1)}, "received on", "1 Dec 2026 is in the future."),
    ("unknown channel", {"channel": "pigeon"}, "channel", "'pigeon' is not one of Phone, Email, Walk-in, Community meeting, Officer, Online, Letter."),
    ("anonymous with a name", {"anonymous": True}, "reporter",
     "an anonymous concern keeps no name or contact; clear them or untick anonymous."),
    ("no description", {"description": ""}, "description", "is required."),
    ("unknown district", {"district": "Z"}, "district", "there is no district 'Z'."),
    ("bad received date", {"received_on": "31/31/2026"}, "received on",
     "'31/31/2026' is not a date; write it as 2026-11-21 or 11/21/2026."),
]


@pytest.mark.parametrize("name, changes, field, reason", BAD, ids=[b[0] for b in BAD])
def test_bad_concerns_are_refused_and_nothing_is_written(world, name, changes, field, reason):
    with pytest.raises(ValidationError) as refused:
        concerns.create_concern(world.db, world.cpo, good(world, **changes), TODAY)
    assert refused.value.problems[field] == reason
    assert count(world.db, "select count(*) from concerns") == 0
    assert count(world.db, "select count(*) from concern_updates") == 0


def test_resolution_needs_a_response_and_a_possible_date(world):
    cid = concerns.create_concern(world.db, world.cpo, good(world), TODAY)
    with pytest.raises(ValidationError) as refused:
        concerns.resolve(world.db, world.cpo, cid, 1, date(2026, 10, 1), "", TODAY)
    assert refused.value.problems == {"response": "is required.",
                                      "resolved on": "1 Oct 2026 is before the concern was received (2 Nov 2026)."}
    assert world.db.one("concern_by_id", id=cid)["status"] == "new"


def test_two_people_updating_the_same_concern(world):
    cid = concerns.create_concern(world.db, world.cpo, good(world), TODAY)
    concerns.refer(world.db, world.admin, cid, 1, "public_works")
    with pytest.raises(ConflictError) as conflict:
        concerns.add_update(world.db, world.cpo, cid, 1, "my note", "in_progress")
    assert conflict.value.current["status"] == "referred"
    assert len(history(world, cid)) == 2   # the refused update left no history line
