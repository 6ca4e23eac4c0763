"""Who may write what, checked where the data is written.

Pages hide what a role cannot do, but a browser can send any widget value it
likes, so every write passes through `authorize_write` inside the unit of
work, and every district-scoped read takes its scope from `read_scope`.

Roles:
  admin       everything
  prevention  all program, event, course, organization, concern, business,
              crime-data, report and evaluation work; not accounts or settings
  command     reads everything; writes only report acknowledgements
  officer     own contact log, concerns they report or are assigned, and the
              businesses (and their contacts) of their assigned districts
"""

from __future__ import annotations

import duckdb

from queries.actor import Actor
from queries.errors import PermissionDenied
from queries.sql_files import load_sql

ROLES = ("admin", "command", "prevention", "officer")

ADMIN_ONLY = {"users", "user_districts", "settings", "districts"}

PREVENTION_TABLES = {
    "programs", "program_goals", "program_target_districts", "program_target_crime_types",
    "program_partners", "program_outcome_measures", "course_cohorts", "events", "event_officers",
    "event_outcomes", "event_partners", "participants", "enrolments", "roster_attendance",
    "organizations", "org_meetings", "businesses", "business_contacts", "business_verifications", "contact_log",
    "concerns", "concern_updates", "incidents", "offense_mappings", "district_mappings", "program_evaluations",
    "monthly_reports", "import_mappings",
}

# Deleted records that only an administrator may bring back.
RESTORE_ADMIN_ONLY = {"events"}


class Denied(PermissionDenied):
    def __init__(self, message: str, table: str, record: dict | None):
        super().__init__(message)
        self.table = table
        self.record_id = None if not record else record.get("id")


def read_scope(actor: Actor) -> dict:
    """Bound parameters for district-scoped queries: `$all_districts`, `$districts`."""
    scoped = actor.role == "officer"
    return {"all_districts": not scoped, "districts": actor.district_list if scoped else []}


def can_see_district(actor: Actor, district_id: int | None) -> bool:
    return actor.role != "officer" or (district_id is not None and district_id in actor.district_ids)


def authorize_write(cur: duckdb.DuckDBPyConnection, actor: Actor, action: str, table: str,
                    before: dict | None, after: dict | None) -> None:
    role = actor.role
    if role == "admin":
        return
    if action == "restore" and table in RESTORE_ADMIN_ONLY:
        raise Denied(f"Only an administrator may restore deleted records in {table}.", table, before)
    if role == "prevention" and table in PREVENTION_TABLES:
        if _frozen(table, before):
            raise Denied("This was submitted and is frozen; only an administrator can reopen it.", table, before)
        return
    if role == "command" and table == "report_acknowledgements" and action == "create" \
            and after is not None and after.get("user_id") == actor.user_id:
        return
    if role == "officer" and _officer_may(cur, actor, table, before, after):
        return
    if _own_password(actor, action, table, before, after):
        return
    raise Denied(f"Your role ({role}) may not {action} records in {table}.", table, before or after)


# submitted reports and evaluations are frozen: only an administrator reopens them
FROZEN_WHEN_SUBMITTED = {"monthly_reports", "program_evaluations"}


def _frozen(table: str, before: dict | None) -> bool:
    return table in FROZEN_WHEN_SUBMITTED and before is not None and before.get("status") == "submitted"


def require_admin(actor: Actor, table: str = "users") -> None:
    """Account administration (and other admin-only acts that are not single-row writes)."""
    if actor.role != "admin":
        raise Denied("Only an administrator may do that.", table, None)


def authorize_import(actor: Actor, table: str) -> None:
    """Bulk imports are office work: administrators, and the Crime Prevention officer's tables."""
    if actor.role == "admin" or (actor.role == "prevention" and table in PREVENTION_TABLES):
        return
    raise Denied(f"Your role ({actor.role}) may not import into {table}.", table, None)


_PASSWORD_COLUMNS = {"password_hash", "must_change_password", "password_changed_at",
                     "version", "updated_by", "updated_at"}


def _own_password(actor: Actor, action: str, table: str, before: dict | None, after: dict | None) -> bool:
    """Everyone may change their own password, and nothing else of their account."""
    if table != "users" or action != "update" or before is None or after is None:
        return False
    changed = {k for k in after if after[k] != before.get(k)}
    return before["id"] == actor.user_id and changed <= _PASSWORD_COLUMNS


def _officer_may(cur, actor: Actor, table: str, before: dict | None, after: dict | None) -> bool:
    rows = [r for r in (before, after) if r is not None]
    if table == "contact_log":
        return all(r.get("officer_id") == actor.user_id for r in rows)
    if table == "businesses":
        return all(can_see_district(actor, r.get("district_id")) for r in rows)
    if table in ("business_contacts", "business_verifications"):
        return all(_business_in_scope(cur, actor, r.get("business_id")) for r in rows)
    if table == "concerns":
        return all(_officer_concern(actor, r) for r in rows)
    if table == "concern_updates":
        return all(_concern_in_scope(cur, actor, r.get("concern_id")) for r in rows)
    return False


def _officer_concern(actor: Actor, row: dict) -> bool:
    return actor.user_id is not None and actor.user_id in (
        row.get("reported_by_id"), row.get("assigned_officer_id"))


def _business_in_scope(cur, actor: Actor, business_id) -> bool:
    row = cur.execute(load_sql("business_district"), {"id": business_id}).fetchone()
    return row is not None and can_see_district(actor, row[0])


def _concern_in_scope(cur, actor: Actor, concern_id) -> bool:
    row = cur.execute(load_sql("concern_people"), {"id": concern_id}).fetchone()
    return row is not None and actor.user_id is not None and actor.user_id in row
