"""Who may write what, checked where the data is written.

Pages hide what a role cannot do, but a browser can send any widget value it
likes, so every write passes through `authorize_write` inside the unit of
work, and every district-scoped read takes its scope from `read_scope`.

Roles:
  admin       everything
  prevention  all program, event, course, organization, concern, business,
              crime-data, report and evaluation work; not accounts or settings
  command     reads everything but residents' free-text survey answers (OFFICE_READS); writes
              only report acknowledgements
  officer     own contact log, concerns they report or are assigned, and the
              businesses (and their contacts) of their assigned districts

Pages and the domain ask one question, `can(actor, action, table)`, answered from
these same rules; `scoped(actor)` says whether the actor's reads are limited to
their districts (and their writes to their own records).
"""

from __future__ import annotations

import duckdb

from queries.actor import Actor
from queries.errors import PermissionDenied
from queries.sql_files import load_sql

ADMIN, COMMAND, PREVENTION, OFFICER = "admin", "command", "prevention", "officer"
ROLES = (ADMIN, COMMAND, PREVENTION, OFFICER)

ADMIN_ONLY = {"users", "user_districts", "settings", "districts"}

PREVENTION_TABLES = {
    "programs", "program_goals", "program_target_districts", "program_target_crime_types",
    "program_partners", "program_outcome_measures", "course_cohorts", "events", "event_officers",
    "event_outcomes", "event_partners", "participants", "enrolments", "roster_attendance",
    "organizations", "org_meetings", "businesses", "business_contacts", "business_verifications", "contact_log",
    "concerns", "concern_updates", "incidents", "offense_mappings", "district_mappings", "program_evaluations",
    "monthly_reports", "import_mappings", "survey_waves", "survey_answers", "survey_comments", "survey_area_codes",
}

# A patrol officer's tables: only their own rows (their contacts, concerns they report or hold) and
# the businesses of their districts; `_officer_may` checks the row.
OFFICER_TABLES = {"contact_log", "businesses", "business_contacts", "business_verifications",
                  "concerns", "concern_updates"}

# Tables only administrators and the Crime Prevention officer may read: residents' own words in the
# surveys (free-text answers). Reads of the other tables are not limited by role here: pages choose
# what they show, and district-scoped reads take `read_scope`.
OFFICE_READS = {"survey_comments"}

# Deleted records that only an administrator may bring back.
RESTORE_ADMIN_ONLY = {"events"}

# The actions `can` answers. Row writes: create, update, delete, restore. import: a bulk import into
# the table. assign: change any record of the table, e.g. hand a concern to someone (a role whose
# writes are limited to its own records may not). reopen: bring a submitted report or evaluation
# back to draft. acknowledge: receipt of a submitted monthly report, by its readers in command.
# read: see the table's rows at all (OFFICE_READS; the district scope is `read_scope`'s).
WRITES = ("create", "update", "delete", "restore")
ACTIONS = (*WRITES, "import", "assign", "reopen", "acknowledge", "read")


class Denied(PermissionDenied):
    def __init__(self, message: str, table: str, record: dict | None):
        super().__init__(message)
        self.table = table
        self.record_id = None if not record else record.get("id")


def can(actor: Actor, action: str, table: str) -> bool:
    """Whether the actor's role may `action` (one of ACTIONS) records of `table`: all of them, or for a
    patrol officer their own (OFFICER_TABLES). A page asks this to offer a form or a tab; the write
    itself is checked row by row in `authorize_write`. Anything not written here is an
    administrator's alone (an act that is not a table's, such as clearing the caches, included)."""
    role = actor.role
    if action == "read":
        return table not in OFFICE_READS or role in (ADMIN, PREVENTION)
    if action == "acknowledge":
        return role == COMMAND and table == "monthly_reports"
    if role == ADMIN:
        return True
    if action == "reopen" or (action == "restore" and table in RESTORE_ADMIN_ONLY):
        return False
    if role == PREVENTION:
        return table in PREVENTION_TABLES and action in (*WRITES, "import", "assign")
    if role == COMMAND:
        return table == "report_acknowledgements" and action == "create"
    if role == OFFICER:
        return table in OFFICER_TABLES and action in WRITES
    return False


def scoped(actor: Actor) -> bool:
    """A patrol officer: reads limited to their assigned districts, writes to their own records."""
    return actor.role == OFFICER


def read_scope(actor: Actor) -> dict:
    """Bound parameters for district-scoped queries: `$all_districts`, `$districts`."""
    limited = scoped(actor)
    return {"all_districts": not limited, "districts": actor.district_list if limited else []}


def can_see_district(actor: Actor, district_id: int | None) -> bool:
    return not scoped(actor) or (district_id is not None and district_id in actor.district_ids)


def authorize_write(cur: duckdb.DuckDBPyConnection, actor: Actor, action: str, table: str,
                    before: dict | None, after: dict | None) -> None:
    if action == "restore" and table in RESTORE_ADMIN_ONLY and not can(actor, action, table):
        raise Denied(f"Only an administrator may restore deleted records in {table}.", table, before)
    if can(actor, action, table):
        if _frozen(table, before) and not can(actor, "reopen", table):
            raise Denied("This was submitted and is frozen; only an administrator can reopen it.", table, before)
        if _row_may(cur, actor, table, before, after):
            return
    if _own_password(actor, action, table, before, after):
        return
    raise Denied(f"Your role ({actor.role}) may not {action} records in {table}.", table, before or after)


def _row_may(cur, actor: Actor, table: str, before: dict | None, after: dict | None) -> bool:
    """The row-level part of a write the role may make: an officer's own records, command's own
    acknowledgement."""
    if actor.role == OFFICER:
        return _officer_may(cur, actor, table, before, after)
    if actor.role == COMMAND:
        return after is not None and after.get("user_id") == actor.user_id
    return True


# submitted reports and evaluations are frozen: only an administrator reopens them
FROZEN_WHEN_SUBMITTED = {"monthly_reports", "program_evaluations"}


def _frozen(table: str, before: dict | None) -> bool:
    return table in FROZEN_WHEN_SUBMITTED and before is not None and before.get("status") == "submitted"


def require_admin(actor: Actor, table: str = "users") -> None:
    """Account administration (and other admin-only acts that are not single-row writes)."""
    if actor.role != ADMIN:
        raise Denied("Only an administrator may do that.", table, None)


def authorize_read(actor: Actor, table: str) -> None:
    """Reading a table of OFFICE_READS: administrators and the Crime Prevention officer only. The
    caller records the refusal (a `denied` audit row) before it reaches the reader."""
    if can(actor, "read", table):
        return
    raise Denied(f"Your role ({actor.role}) may not read {table}.", table, None)


def authorize_import(actor: Actor, table: str) -> None:
    """Bulk imports are office work: administrators, and the Crime Prevention officer's tables."""
    if can(actor, "import", table):
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
