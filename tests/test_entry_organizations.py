"""Organizations: stored rows and audits, refusals, meetings, watch coverage, conflicts."""

from __future__ import annotations

from datetime import date

import pytest

from core.entry import organizations
from queries.actor import SYSTEM
from queries.db import Database
from queries.errors import ConflictError, PermissionDenied, ValidationError
from tests.entry_support import audits, count, open_page

TODAY = date(2026, 11, 20)


def good(**changes):
    data = {"name": "Maple Ave Block Watch", "org_type": "block_watch", "district": "S", "contact_name": "Jo Park",
            "contact_phone": "(203) 555-0147", "contact_email": "Jo@Example.ORG", "meeting_schedule": "2nd Tue 7pm",
            "established_by_department": True, "active": True, "founded_on": date(2019, 5, 1)}
    data.update(changes)
    return data


def test_a_new_organization_is_stored_normalized_with_an_audit_row(world):
    oid = organizations.create_organization(world.db, world.cpo, good(liaison_officer_id=world.patrol.user_id), TODAY)
    row = world.db.one("organization_by_id", id=oid)
    assert (row["district_id"], row["contact_phone"], row["contact_email"], row["liaison_officer_id"]) == (
        world.south, "+12035550147", "Jo@example.org", world.patrol.user_id)
    assert audits(world.db, "organizations")[-1] == ("create", str(oid), "cpo")


BAD = [
    ("no name", {"name": ""}, "name", "is required."),
    ("unknown type", {"org_type": "gang"}, "type", "'gang' is not one of Block watch, Business watch, Tenant group, "
     "School, Business association, Faith community, Civic group, Media, City department, Other."),
    ("block watch without district", {"district": None}, "district", "is required."),
    ("unknown district", {"district": "D12"}, "district", "there is no district 'D12'."),
    ("bad phone", {"contact_phone": "555-01"}, "phone", "'555-01' has too few digits."),
    ("founded in the future", {"founded_on": date(2027, 1, 1)}, "founded on", "1 Jan 2027 is in the future."),
]


@pytest.mark.parametrize("name, changes, field, reason", BAD, ids=[b[0] for b in BAD])
def test_bad_organizations_are_refused_and_nothing_is_written(world, name, changes, field, reason):
    before = count(world.db, "select count(*) from organizations")
    with pytest.raises(ValidationError) as refused:
        organizations.create_organization(world.db, world.cpo, good(**changes), TODAY)
    assert refused.value.problems[field] == reason
    assert count(world.db, "select count(*) from organizations") == before


def test_meetings_are_logged_and_counted(world):
    oid = organizations.create_organization(world.db, world.cpo, good(), TODAY)
    organizations.log_meeting(world.db, world.cpo, oid, {"met_on": date(2026, 11, 10), "attendance": 14,
                                                         "officer_id": world.cpo.user_id, "topics": "Car break-ins"},
                              TODAY)
    with pytest.raises(ValidationError) as refused:
        organizations.log_meeting(world.db, world.cpo, oid, {"met_on": date(2026, 12, 1), "attendance": -2}, TODAY)
    assert refused.value.problems == {"met on": "1 Dec 2026 is in the future; log a meeting after it took place.",
                                      "attendance": "cannot be negative (-2)."}
    listed = world.db.df("organizations_list", org_type=None, district_id=None, active_only=True,
                         since=date(2026, 1, 1)).set_index("id")
    assert listed.loc[oid, "meetings_since"] == 1 and listed.loc[oid, "last_meeting"].date() == date(2026, 11, 10)
    assert audits(world.db, "org_meetings", "create")[0][2] == "cpo"


def test_coverage_names_the_districts_without_an_active_watch_group(world):
    organizations.create_organization(world.db, world.cpo, good(), TODAY)
    bw = organizations.create_organization(world.db, world.cpo, good(name="Downtown BW", org_type="business_watch",
                                                                      district="N"), TODAY)
    coverage = world.db.df("districts_watch_coverage").set_index("district")["missing"].to_dict()
    assert coverage == {"N": "no block watch", "S": "no business watch"}
    organizations.set_active(world.db, world.cpo, bw, 1, False)
    assert world.db.df("districts_watch_coverage").set_index("district")["missing"].to_dict()["N"] == \
        "no block watch and no business watch"


def test_a_stale_save_is_a_conflict_and_officers_may_not_write(world):
    oid = organizations.create_organization(world.db, world.cpo, good(), TODAY)
    organizations.update_organization(world.db, world.admin, oid, 1, good(notes="theirs"), TODAY)
    with pytest.raises(ConflictError) as conflict:
        organizations.update_organization(world.db, world.cpo, oid, 1, good(notes="mine"), TODAY)
    assert conflict.value.current["notes"] == "theirs"
    with pytest.raises(PermissionDenied):
        organizations.create_organization(world.db, world.patrol, good(name="Officer's group"), TODAY)


def test_the_list_shows_phone_numbers_as_people_write_them(world_path):
    # stored in international form (+16172270000), which nobody reads or dials from a screen
    path, world = world_path
    db = Database(path)
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("organizations", {"name": "Maple Block Watch", "org_type": "block_watch", "district_id": world.south,
                                     "contact_phone": "+16172270144"})
        uow.insert("organizations", {"name": "Harbor Merchants", "org_type": "business_association",
                                     "district_id": world.south, "contact_phone": "+442079460958"})
    at = open_page("cpo", "organizations.py")
    listed = at.dataframe[0].value.set_index("name")
    assert listed.loc["Maple Block Watch", "contact_phone"] == "(617) 227-0144"
    assert listed.loc["Harbor Merchants", "contact_phone"] == "+44 20 7946 0958"
