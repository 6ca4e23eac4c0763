"""Access, in full: role x page (the registry) through the app, role x table x action in the
data layer, and a patrol officer against another district's records by id, on the demo town.

Every refusal must change nothing and leave a `denied` audit row. The page matrix reads
components/navigation.py PAGES and the table matrix the migrated catalog, so pages and tables
that land later are covered without editing this file.
"""

from __future__ import annotations

import pytest

from components.navigation import PAGES
from core.businesses import get_business, list_contacts
from queries.access import ADMIN_ONLY, PREVENTION_TABLES, authorize_write
from queries.actor import Actor
from queries.errors import PermissionDenied
from tests.figures_report import report

ROLES = ("admin", "command", "prevention", "officer")


def _denials(db) -> int:
    with db.cursor() as cur:
        return cur.execute("select count(*) from audit_log where action = 'denied'").fetchone()[0]


def _expected(role: str, table: str, action: str) -> bool:
    """The rule as the README states it (for rows outside any officer's own scope)."""
    if role == "admin":
        return True
    if role == "prevention":
        return table in PREVENTION_TABLES
    return False   # command: only their own acknowledgements; officers: only their own rows (below)


def test_role_x_table_x_action_in_the_data_layer(demo_db, request):
    """Every table of the schema, every role, every action, on a row no officer owns."""
    tables = sorted(t for t in demo_db.catalog.tables if t not in ("schema_migrations", "audit_log"))
    stranger = {"id": -1, "officer_id": -1, "district_id": -1, "business_id": -1, "concern_id": -1,
                "reported_by_id": -1, "assigned_officer_id": -1, "user_id": -1}
    cases = refused = 0
    with demo_db.cursor() as cur:
        for role in ROLES:
            actor = Actor(username=f"someone_{role}", role=role, user_id=999, district_ids=frozenset({1}))
            for table in tables:
                for action in ("create", "update", "delete"):
                    before = None if action == "create" else dict(stranger)
                    after = None if action == "delete" else dict(stranger, user_id=-1)
                    cases += 1
                    try:
                        authorize_write(cur, actor, action, table, before, after)
                        allowed = True
                    except PermissionDenied:
                        allowed, refused = False, refused + 1
                    assert allowed == _expected(role, table, action), (role, table, action)
    assert not (ADMIN_ONLY & PREVENTION_TABLES)
    with demo_db.cursor() as cur:   # command staff acknowledge a report in their own name
        authorize_write(cur, Actor(username="c", role="command", user_id=5), "create", "report_acknowledgements",
                        None, {"report_id": 1, "user_id": 5})
    report(request, f"{cases} role x table x action cases ({len(tables)} tables), {refused} refused as expected")


@pytest.fixture
def officer_and_other(demo_db):
    """officer1 (the demo's first patrol officer) and records of a district they do not patrol."""
    with demo_db.cursor() as cur:
        user_id, = cur.execute("select id from users where username = 'officer1'").fetchone()
        mine = {r[0] for r in cur.execute("select district_id from user_districts where user_id = $u",
                                          {"u": user_id}).fetchall()}
        actor = Actor(username="officer1", role="officer", user_id=user_id, district_ids=frozenset(mine))
        other = cur.execute("select min(id) from districts where kind = 'district' and id not in "
                            "(select district_id from user_districts where user_id = $u)", {"u": user_id}).fetchone()[0]

        def first(sql):
            params = {k: v for k, v in {"d": other, "u": user_id}.items() if f"${k}" in sql}
            result = cur.execute(sql, params)
            row = result.fetchone()
            return dict(zip([d[0] for d in result.description], row))

        records = {
            "businesses": first("select * from businesses where district_id = $d order by id limit 1"),
            "business_contacts": first("select c.* from business_contacts c join businesses b on b.id = c.business_id "
                                       "where b.district_id = $d order by c.id limit 1"),
            "concerns": first("select * from concerns where district_id = $d and coalesce(reported_by_id, -1) <> $u "
                              "and coalesce(assigned_officer_id, -1) <> $u order by id limit 1"),
            "contact_log": first("select * from contact_log where officer_id <> $u order by id limit 1"),
        }
    return actor, other, records


CHANGES = {"businesses": {"name": "Hijacked"}, "business_contacts": {"phone": "+18605550199"},
           "concerns": {"description": "hijacked"}, "contact_log": {"notes": "hijacked"}}


def test_an_officer_is_refused_another_districts_records_by_id_and_it_is_audited(demo_db, officer_and_other, request):
    actor, other, records = officer_and_other
    cases = 0
    for table, row in records.items():
        for action in ("update", "delete"):
            denials = _denials(demo_db)
            with pytest.raises(PermissionDenied):
                with demo_db.unit_of_work(actor) as uow:
                    if action == "update":
                        uow.update(table, row["id"], row["version"], CHANGES[table])
                    else:
                        uow.delete(table, row["id"], row["version"])
            with demo_db.cursor() as cur:
                result = cur.execute(f"select * from {table} where id = $id", {"id": row["id"]})
                stored = dict(zip([d[0] for d in result.description], result.fetchone()))
                last = cur.execute("select username, table_name, record_id from audit_log where action = 'denied' "
                                   "order by id desc limit 1").fetchone()
            assert stored == row, (table, action)                          # nothing changed
            assert _denials(demo_db) == denials + 1
            assert last == ("officer1", table, str(row["id"]))
            cases += 1
    # creating records in another district, or in another officer's name
    for table, values in [
        ("businesses", {"name": "New", "address": "1 Elm St", "district_id": other}),
        ("business_contacts", {"business_id": records["businesses"]["id"], "name": "Eve", "role": "owner"}),
        ("contact_log", {"officer_id": records["contact_log"]["officer_id"], "contact_date": "2026-11-01",
                         "shift": "day", "district_id": other, "kind": "resident"}),
        ("concerns", {"received_on": "2026-11-01", "channel": "phone", "category": "noise",
                      "description": "x", "district_id": other}),
    ]:
        with pytest.raises(PermissionDenied):
            with demo_db.unit_of_work(actor) as uow:
                uow.insert(table, values)
        cases += 1
    # reads by id: the business and its contacts are refused and the refusal is audited
    for read in (get_business, list_contacts):
        denials = _denials(demo_db)
        with pytest.raises(PermissionDenied):
            read(demo_db, actor, records["businesses"]["id"])
        assert _denials(demo_db) == denials + 1
        cases += 1
    report(request, f"{cases} crafted requests by a patrol officer against district {other}'s records "
                    "(businesses, contacts, concerns, contact log) refused, nothing changed, each audited")


def test_the_page_registry_matrix_is_complete():
    """Every page names its roles; admin pages are admin-only; every role has a home page."""
    for spec in PAGES:
        assert spec.roles and spec.roles <= set(ROLES), spec.key
        if spec.section == "Administration":
            assert spec.roles == {"admin"}, spec.key
    for role in ROLES:
        assert any(role in spec.roles for spec in PAGES)
