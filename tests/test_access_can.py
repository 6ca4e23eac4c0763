"""`can(actor, action, table)`: the one permission question pages and the domain ask.

Every role x action x table of the migrated schema is answered against the rules as written
(queries/access.py's docstring, the README's roles): administrators everything; the Crime
Prevention officer the office's tables; command staff only their report acknowledgements (and
acknowledging receipt of a report); a patrol officer their own records of the contact log,
concerns and their districts' businesses. Then, for every row write, `can` must agree with what the
data layer lets that role write on a record of its own, so a page never offers a form the unit of
work refuses, nor hides one it would accept.
"""

from __future__ import annotations

import pytest

from queries.access import ACTIONS, PREVENTION_TABLES, WRITES, Denied, authorize_write, can, scoped
from queries.actor import Actor

ROLES = ("admin", "command", "prevention", "officer")
OFFICER_OWN = {"contact_log", "businesses", "business_contacts", "business_verifications",
               "concerns", "concern_updates"}
FROZEN = {"monthly_reports", "program_evaluations"}
ME, MY_DISTRICT = 7, 1


def written_rule(role: str, action: str, table: str) -> bool:
    if action == "read":                        # residents' survey comments: the office only
        return table != "survey_comments" or role in ("admin", "prevention")
    if action == "acknowledge":                 # receipt of a submitted report: its readers in command
        return role == "command" and table == "monthly_reports"
    if role == "admin":
        return True
    if action == "reopen":                      # submitted work is reopened by an administrator only
        return False
    if action == "restore" and table == "events":
        return False                            # deleted events: administrators restore them
    if role == "prevention":
        return table in PREVENTION_TABLES and action in ("create", "update", "delete", "restore", "import", "assign")
    if role == "command":
        return table == "report_acknowledgements" and action == "create"
    if role == "officer":
        return table in OFFICER_OWN and action in ("create", "update", "delete", "restore")
    return False


def actor(role: str) -> Actor:
    return Actor(username=f"someone_{role}", role=role, user_id=ME, district_ids=frozenset({MY_DISTRICT}))


@pytest.fixture
def tables(db) -> list[str]:
    return sorted(t for t in db.catalog.tables if t not in ("schema_migrations", "audit_log")) + ["caches"]


def test_can_answers_every_role_action_and_table_as_the_rules_are_written(tables):
    assert set(ACTIONS) == {"create", "update", "delete", "restore", "import", "assign", "reopen", "acknowledge",
                            "read"}
    wrong = [(role, action, table) for role in ROLES for action in ACTIONS for table in tables
             if can(actor(role), action, table) != written_rule(role, action, table)]
    assert not wrong, wrong
    assert sum(can(actor(r), a, t) for r in ROLES for a in ACTIONS for t in tables) > len(tables)  # not all False
    assert can(actor("admin"), "clear", "caches") and not any(
        can(actor(r), "clear", "caches") for r in ("command", "prevention", "officer"))
    assert [scoped(actor(r)) for r in ROLES] == [False, False, False, True]
    assert not can(Actor(username="x", role="nobody"), "update", "concerns")


class _Lookups:
    """The two row lookups `authorize_write` makes for an officer: the business is in their district,
    the concern is one they reported."""

    def execute(self, sql, params):
        self.found = (ME, None) if "reported_by_id" in sql else (MY_DISTRICT,)
        return self

    def fetchone(self):
        return self.found


def _own_row() -> dict:
    return {"id": 1, "officer_id": ME, "district_id": MY_DISTRICT, "business_id": 1, "concern_id": 1,
            "reported_by_id": ME, "assigned_officer_id": ME, "user_id": ME, "report_id": 1, "status": "draft"}


def test_can_agrees_with_what_the_data_layer_lets_each_role_write_on_its_own_records(tables):
    checked = 0
    for role in ROLES:
        for table in tables[:-1]:
            for action in WRITES:
                before = None if action == "create" else _own_row()
                after = None if action == "delete" else _own_row()
                try:
                    authorize_write(_Lookups(), actor(role), action, table, before, after)
                    allowed = True
                except Denied:
                    allowed = False
                assert allowed == can(actor(role), action, table), (role, action, table)
                checked += 1
    assert checked == 4 * 4 * (len(tables) - 1)


@pytest.mark.parametrize("role", ["prevention", "officer", "command"])
def test_submitted_work_is_frozen_for_everyone_who_may_not_reopen_it(role):
    submitted = dict(_own_row(), status="submitted")
    for table in FROZEN:
        assert not can(actor(role), "reopen", table)
        with pytest.raises(Denied):
            authorize_write(_Lookups(), actor(role), "update", table, submitted, submitted)
    authorize_write(_Lookups(), actor("admin"), "update", "monthly_reports", submitted, submitted)
