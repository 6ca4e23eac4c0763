"""Logging a program event: check every figure, then write the event, its
officers, outcome figures and partners in one unit of work.

The input is a plain dict (from the form or from a file row):
  program_id, title, starts_at, ends_at, location, address, district (id or code),
  headcount_youth / _adult / _senior / _business, officers [{user_id, hours}],
  outcomes {measure_code: value}, partners [organization ids], notes, non_enforcement.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from core import formatting
from core.entry.common import (MAX_NAME, Problems, blank, district_id, non_negative_number, one,
                               optional_text, parse_bool, parse_datetime, positive_id)
from core.validate import non_negative_int
from queries.access import read_scope
from queries.actor import Actor
from queries.db import Database
from queries.errors import ValidationError
from queries.unit_of_work import UnitOfWork

HEADCOUNTS = ("headcount_youth", "headcount_adult", "headcount_senior", "headcount_business")
AUDIENCES = {"headcount_youth": "youth", "headcount_adult": "adults", "headcount_senior": "seniors",
             "headcount_business": "business people"}
MAX_HOURS = 24


class CleanEvent(dict):
    """The events row, plus the link rows under `officers`, `outcomes`, `partners`."""


def clean_event(uow: UnitOfWork, data: dict, exclude_id: int | None = None) -> CleanEvent:
    p = Problems()
    program = None
    program_id = p.check("program", positive_id, data.get("program_id"), "program")
    if program_id is not None:
        program = one(uow, "programs_by_id", id=program_id)
        if program is None:
            p.add("program", f"there is no program {program_id}.")
        elif program["status"] == "archived":
            p.add("program", f"{program['name']} is archived; restore it before logging events.")
    starts = p.check("starts", parse_datetime, data.get("starts_at"), "starts")
    ends = p.check("ends", parse_datetime, data.get("ends_at"), "ends")
    if starts and ends:
        if ends < starts:
            p.add("ends", f"the end ({formatting.moment(ends)}) is before the start ({formatting.moment(starts)}).")
        elif ends - starts > timedelta(hours=MAX_HOURS):
            p.add("ends", f"an event lasts at most {MAX_HOURS} hours; log each day as its own event.")
    values = {
        "program_id": program_id,
        "title": p.check("title", optional_text, data.get("title"), "title", MAX_NAME),
        "starts_at": starts, "ends_at": ends,
        "location": p.check("location", optional_text, data.get("location"), "location", MAX_NAME),
        "address": p.check("address", optional_text, data.get("address"), "address", MAX_NAME),
        "district_id": p.check("district", district_id, uow, data.get("district"), "district", True),
        "notes": p.check("notes", optional_text, data.get("notes"), "notes"),
        "non_enforcement": p.check("non-enforcement", parse_bool, data.get("non_enforcement"),
                                   "non-enforcement", True),
    }
    for column in ("cohort_id", "session_number"):   # course sessions (core/entry/rosters.py)
        if not blank(data.get(column)):
            values[column] = p.check(column, positive_id, data.get(column), column.replace("_", " "))
    for column in HEADCOUNTS:
        raw = data.get(column)
        values[column] = 0 if blank(raw) else p.check(column, non_negative_int, raw, AUDIENCES[column])
    if starts and program_id and "program" not in p.items:
        # the same event: program, start, district and place (or, with no place, title) agree
        clash = one(uow, "events_duplicate", program_id=program_id, starts_at=starts, exclude_id=exclude_id,
                    district_id=values["district_id"], location=values["location"], address=values["address"],
                    title=values["title"])
        if clash:
            p.add("starts", f"{program['name']} already has an event starting {formatting.moment(starts)} "
                            f"(event {clash['id']}); edit that one instead.")
    event = CleanEvent(values)
    event["officers"] = _officers(uow, p, data.get("officers") or [])
    event["outcomes"] = _outcomes(uow, p, program_id, data.get("outcomes") or {})
    event["partners"] = _partners(uow, p, data.get("partners") or [])
    p.raise_if_any()
    return event


def _officers(uow: UnitOfWork, p: Problems, given: list[dict]) -> list[dict]:
    out, seen = [], set()
    for item in given:
        user_id = p.check("officers", positive_id, item.get("user_id"), "officers")
        if user_id is None:
            continue
        user = one(uow, "user_by_id", id=user_id)
        if user is None:
            p.add("officers", f"there is no active officer {user_id}.")
            continue
        if user_id in seen:
            p.add("officers", f"{user['display_name']} is listed twice.")
            continue
        seen.add(user_id)
        hours = p.check("officer hours", non_negative_number, item.get("hours"), "officer hours")
        if hours is not None and hours > MAX_HOURS:
            p.add("officer hours", f"{user['display_name']}: {hours:g} hours is more than a day.")
        out.append({"user_id": user_id, "hours": hours})
    return out


def _outcomes(uow: UnitOfWork, p: Problems, program_id: int | None, given: dict) -> list[dict]:
    recorded = {m["code"]: m for m in _program_measures(uow, program_id)} if program_id else {}
    figures: dict[str, float] = {}
    for code, raw in given.items():
        if blank(raw):
            continue
        measure = one(uow, "outcome_measures_by_code", code=code)
        label = measure["label"] if measure else code
        if measure is None:
            p.add(code, "is not an outcome figure this department records.")
            continue
        if program_id and code not in recorded:
            p.add(label, "is not recorded by this program (see its outcome figures).")
            continue
        value = p.check(label, non_negative_number, raw, label)
        if value is not None and measure["unit"] == "count" and not float(value).is_integer():
            p.add(label, f"must be a whole number, not {value:g}.")
            continue
        if value is not None:
            figures[code] = value
    for code, value in figures.items():
        cap = recorded.get(code, {}).get("at_most")
        if cap and value > figures.get(cap, 0):
            p.add(recorded[code]["label"],
                  f"{value:g} is more than the {recorded[cap]['label'].lower() if cap in recorded else cap} "
                  f"({figures.get(cap, 0):g}).")
    return [{"measure_code": code, "value": value} for code, value in figures.items()]


def _program_measures(uow: UnitOfWork, program_id: int) -> list[dict]:
    result = uow.execute("entry_program_measures", program_id=program_id)
    cols = [d[0] for d in result.description]
    return [dict(zip(cols, r)) for r in result.fetchall()]


def _partners(uow: UnitOfWork, p: Problems, given: list) -> list[dict]:
    out = []
    for raw in dict.fromkeys(given):
        org_id = p.check("partners", positive_id, raw, "partners")
        if org_id is None:
            continue
        if one(uow, "organization_by_id", id=org_id) is None:
            p.add("partners", f"there is no organization {org_id}.")
            continue
        out.append({"organization_id": org_id})
    return out


def _write_links(uow: UnitOfWork, event_id: int, event: CleanEvent) -> None:
    parent = {"event_id": event_id}
    uow.replace_links("event_officers", parent, event["officers"])
    uow.replace_links("event_outcomes", parent, event["outcomes"])
    uow.replace_links("event_partners", parent, event["partners"])


def _row(event: CleanEvent) -> dict:
    return {k: v for k, v in event.items() if k not in ("officers", "outcomes", "partners")}


def insert_event(uow: UnitOfWork, data: dict) -> int:
    event = clean_event(uow, data)
    row = uow.insert("events", _row(event))
    _write_links(uow, row["id"], event)
    return int(row["id"])


def create_event(db: Database, actor: Actor, data: dict) -> int:
    with db.unit_of_work(actor) as uow:
        return insert_event(uow, data)


def create_series(db: Database, actor: Actor, data: dict, dates: list[date]) -> list[int]:
    """The same event on each date (same times of day, same figures), all or none."""
    starts = parse_datetime(data.get("starts_at"), "starts") if not blank(data.get("starts_at")) else None
    ends = parse_datetime(data.get("ends_at"), "ends") if not blank(data.get("ends_at")) else None
    if starts is None or ends is None:
        with db.unit_of_work(actor) as uow:
            clean_event(uow, data)   # raises with the field messages
    ids = []
    with db.unit_of_work(actor) as uow:
        for day in dates:
            shift = datetime.combine(day, starts.time()) - starts
            try:
                ids.append(insert_event(uow, {**data, "starts_at": starts + shift, "ends_at": ends + shift}))
            except ValidationError as error:
                raise ValidationError({f"{field} ({formatting.day(day)})": reason
                                       for field, reason in error.problems.items()}) from None
    return ids


def update_event(db: Database, actor: Actor, event_id: int, version: int, data: dict) -> dict:
    """Save an edit (including a move to another program or district); returns the saved row."""
    with db.unit_of_work(actor) as uow:
        event = clean_event(uow, data, exclude_id=event_id)
        row = uow.update("events", event_id, version, _row(event))
        _write_links(uow, event_id, event)
        return row


def delete_event(db: Database, actor: Actor, event_id: int, version: int) -> None:
    with db.unit_of_work(actor) as uow:
        uow.delete("events", event_id, version)


def restore_event(db: Database, actor: Actor, event_id: int, version: int) -> None:
    with db.unit_of_work(actor) as uow:
        uow.restore("events", event_id, version)


def load_event(db: Database, event_id: int) -> dict | None:
    """An event as the form's input dict (with its version), or None."""
    row = db.one("events_by_id", id=event_id)
    if row is None:
        return None
    data = {k: row[k] for k in ("program_id", "title", "starts_at", "ends_at", "location", "address",
                                "notes", "non_enforcement", "version", *HEADCOUNTS)}
    data["district"] = row["district_id"]
    data["officers"] = db.rows("event_officers_of", event_id=event_id)
    data["outcomes"] = {r["measure_code"]: r["value"] for r in db.rows("event_outcomes_of", event_id=event_id)}
    data["partners"] = [r["organization_id"] for r in db.rows("event_partners_of", event_id=event_id)]
    return data


# -- what the events page and form show ----------------------------------------------------------

def event_list(db: Database, actor: Actor, date_from: date, date_to: date, program_id: int | None = None,
               district_id: int | None = None):
    """The events the actor may see that start between the two days (both included), latest first."""
    return db.df("events_list", **read_scope(actor), date_from=date_from, date_to=date_to,
                 program_id=program_id, district_id=district_id, deleted=False)


def deleted_events(db: Database, actor: Actor, today: date):
    """Every deleted event, of any date up to three years ahead of `today` (what may be restored)."""
    return db.df("events_list", **read_scope(actor), date_from=date(2000, 1, 1),
                 date_to=today + timedelta(days=3 * 366), program_id=None, district_id=None, deleted=True)


def form_choices(db: Database) -> dict[str, list[dict]]:
    """The event form's pickers: programs, districts, staff and partner organizations."""
    return {"programs": db.rows("entry_programs"), "districts": db.rows("districts_list"),
            "staff": db.rows("entry_staff"), "organizations": db.rows("entry_organizations")}


def program_measures(db: Database, program_id: int) -> list[dict]:
    """The outcome figures an event of the program records (seats inspected, tips received, ...)."""
    return db.rows("entry_program_measures", program_id=program_id)
