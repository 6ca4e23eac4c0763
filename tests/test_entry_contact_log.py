"""The officer's contact log: stored lines and audit, refusals, own lines only, totals per shift."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core.entry import contact_log
from queries.errors import PermissionDenied, ValidationError
from tests.entry_support import audits, count

TODAY = date(2026, 11, 20)


def good(**changes):
    data = {"kind": "business_check", "contact_count": 3, "contact_date": TODAY, "shift": "evening",
            "district": "N", "location": "Elm St", "non_enforcement": True}
    data.update(changes)
    return data


@pytest.mark.parametrize("hour, shift", [(6, "night"), (7, "day"), (14, "day"), (15, "evening"), (22, "evening"),
                                         (23, "night"), (0, "night")])
def test_the_shift_is_guessed_from_the_clock(hour, shift):
    assert contact_log.guess_shift(datetime(2026, 11, 20, hour, 30)) == shift


def test_a_contact_is_stored_as_the_officer_s_own_with_an_audit_row(world):
    cid = contact_log.log_contact(world.db, world.patrol, good(), TODAY)
    row = world.db.cursor().execute("select officer_id, contact_date, shift, district_id, kind, contact_count "
                                    "from contact_log where id = $i", {"i": cid}).fetchone()
    assert row == (world.patrol.user_id, TODAY, "evening", world.north, "business_check", 3)
    assert audits(world.db, "contact_log") == [("create", str(cid), "patrol")]


def test_totals_per_shift_match_an_independent_count(world):
    contact_log.log_contact(world.db, world.patrol, good(), TODAY)
    contact_log.log_contact(world.db, world.patrol, good(kind="youth", contact_count=5, non_enforcement=False), TODAY)
    contact_log.log_contact(world.db, world.patrol, good(shift="day", contact_count=2), TODAY)
    totals = world.db.df("contact_log_shift_totals", officer_id=world.patrol.user_id, date_from=TODAY, date_to=TODAY)
    assert totals[["shift", "entries", "contacts", "non_enforcement_contacts"]].values.tolist() == [
        ["day", 1, 2, 2], ["evening", 2, 8, 3]]
    assert count(world.db, "select sum(contact_count) from contact_log where shift = 'evening'") == 8


BAD = [
    ("count zero", {"contact_count": 0}, "count", "must be between 1 and 500 (got 0)."),
    ("count too big", {"contact_count": 900}, "count", "must be between 1 and 500 (got 900)."),
    ("count is text", {"contact_count": "a few"}, "count", "must be a whole number, not 'a few'."),
    ("future date", {"contact_date": date(2026, 11, 21)}, "date", "21 Nov 2026 is in the future."),
    ("old date", {"contact_date": date(2026, 1, 2)}, "date",
     "2 Jan 2026 is more than 60 days ago; ask the Crime Prevention officer to add it."),
    ("no kind", {"kind": None}, "kind", "is required."),
    ("unknown kind", {"kind": "traffic stop"}, "kind", "'traffic stop' is not one of Business check, Resident, Youth, "
     "School, Community meeting, Park and walk, Faith community, Senior, Other."),
    ("unknown district", {"district": "Q"}, "district", "there is no district 'Q'."),
    ("unknown shift", {"shift": "graveyard"}, "shift", "'graveyard' is not one of Day, Evening, Night."),
]


@pytest.mark.parametrize("name, changes, field, reason", BAD, ids=[b[0] for b in BAD])
def test_bad_contacts_are_refused_and_nothing_is_written(world, name, changes, field, reason):
    with pytest.raises(ValidationError) as refused:
        contact_log.log_contact(world.db, world.patrol, good(**changes), TODAY)
    assert refused.value.problems[field] == reason
    assert count(world.db, "select count(*) from contact_log") == 0


def test_an_officer_may_not_delete_someone_else_s_line(world):
    cid = contact_log.log_contact(world.db, world.cpo, good(), TODAY)
    with pytest.raises(PermissionDenied):
        contact_log.delete_contact(world.db, world.patrol, cid, 1)
    assert count(world.db, "select count(*) from live.contact_log") == 1
    contact_log.delete_contact(world.db, world.cpo, cid, 1)
    assert count(world.db, "select count(*) from live.contact_log") == 0
