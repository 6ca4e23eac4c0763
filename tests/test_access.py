"""Permissions enforced in the data layer, whatever the page shows."""

from __future__ import annotations

import pytest

from queries.access import read_scope
from queries.actor import SYSTEM, Actor
from queries.errors import PermissionDenied
from tests.conftest import officer


@pytest.fixture
def shops(db, two_districts):
    north, south = two_districts
    with db.unit_of_work(SYSTEM) as uow:
        mine = uow.insert("businesses", {"name": "North Deli", "address": "1 Main St", "district_id": north})
        theirs = uow.insert("businesses", {"name": "South Bakery", "address": "9 Elm St", "district_id": south})
        contact = uow.insert("business_contacts", {"business_id": theirs["id"], "name": "Sam", "role": "owner"})
    return north, south, mine, theirs, contact


def denials(db) -> list[tuple]:
    with db.cursor() as cur:
        return cur.execute("select username, table_name, record_id from audit_log where action = 'denied'").fetchall()


def stored(db, table, id_):
    with db.cursor() as cur:
        result = cur.execute(f"select * from {table} where id = $id", {"id": id_})
        return dict(zip([d[0] for d in result.description], result.fetchone()))


def test_an_officer_edits_a_business_of_their_own_district(db, shops):
    north, _, mine, _, _ = shops
    with db.unit_of_work(officer(7, north)) as uow:
        uow.update("businesses", mine["id"], mine["version"], {"main_phone": "+18605550100"})
    assert stored(db, "businesses", mine["id"])["main_phone"] == "+18605550100"


def test_an_officer_editing_another_districts_business_is_refused_and_audited(db, shops):
    north, _, _, theirs, contact = shops
    before = stored(db, "businesses", theirs["id"])
    with pytest.raises(PermissionDenied):
        with db.unit_of_work(officer(7, north)) as uow:
            uow.update("businesses", theirs["id"], theirs["version"], {"name": "Hijacked"})
    with pytest.raises(PermissionDenied):
        with db.unit_of_work(officer(7, north)) as uow:
            uow.update("business_contacts", contact["id"], contact["version"], {"phone": "+18605550199"})
    with pytest.raises(PermissionDenied):
        with db.unit_of_work(officer(7, north)) as uow:
            uow.delete("businesses", theirs["id"], theirs["version"])
    assert stored(db, "businesses", theirs["id"]) == before
    assert stored(db, "business_contacts", contact["id"])["phone"] is None
    assert denials(db) == [("officer7", "businesses", str(theirs["id"])),
                           ("officer7", "business_contacts", str(contact["id"])),
                           ("officer7", "businesses", str(theirs["id"]))]


def test_an_officer_cannot_move_a_business_into_or_out_of_their_district(db, shops):
    north, south, mine, theirs, _ = shops
    with pytest.raises(PermissionDenied):
        with db.unit_of_work(officer(7, north)) as uow:
            uow.update("businesses", mine["id"], mine["version"], {"district_id": south})
    with pytest.raises(PermissionDenied):
        with db.unit_of_work(officer(7, north)) as uow:
            uow.insert("businesses", {"name": "New", "address": "2 Elm St", "district_id": south})
    assert stored(db, "businesses", mine["id"])["district_id"] == north


def test_an_officer_logs_only_their_own_contacts(db, two_districts):
    north, _ = two_districts
    from core import users

    cop = users.add_user(db, SYSTEM, "patrol", "Pat", "officer", "correct horse battery", ["N"])
    other = users.add_user(db, SYSTEM, "other", "Oth", "officer", "correct horse battery", ["N"])
    me = Actor(username="patrol", role="officer", user_id=cop["id"], district_ids=frozenset({north}))
    row = {"contact_date": "2026-11-01", "shift": "day", "district_id": north, "kind": "resident"}
    with db.unit_of_work(me) as uow:
        uow.insert("contact_log", {**row, "officer_id": cop["id"]})
    with pytest.raises(PermissionDenied):
        with db.unit_of_work(me) as uow:
            uow.insert("contact_log", {**row, "officer_id": other["id"]})


@pytest.mark.parametrize("table, values", [
    ("programs", {"name": "X", "category": "youth", "delivery_kind": "one_off"}),
    ("organizations", {"name": "X", "org_type": "civic"}),
    ("districts", {"code": "X", "name": "X"}),
    ("settings", {"key": "x", "value": "y"}),
])
@pytest.mark.parametrize("role", ["officer", "command"])
def test_roles_without_the_right_are_refused(db, role, table, values):
    with pytest.raises(PermissionDenied):
        with db.unit_of_work(Actor(username="someone", role=role, user_id=99)) as uow:
            uow.insert(table, values)
    assert denials(db) == [("someone", table, None)]


def test_prevention_may_not_manage_accounts_or_districts(db):
    with pytest.raises(PermissionDenied):
        with db.unit_of_work(Actor(username="cpo", role="prevention")) as uow:
            uow.insert("districts", {"code": "X", "name": "X"})


def test_read_scope_limits_officers_to_their_districts(db, shops):
    north, south, _, _, _ = shops
    assert read_scope(officer(7, north)) == {"all_districts": False, "districts": [north]}
    assert read_scope(Actor(username="c", role="command")) == {"all_districts": True, "districts": []}
    mine = db.one("metric_businesses", **read_scope(officer(7, north)), end_date="2026-11-22", district_id=None)
    everyone = db.one("metric_businesses", **read_scope(SYSTEM), end_date="2026-11-22", district_id=None)
    assert (mine["businesses"], everyone["businesses"]) == (1, 2)
