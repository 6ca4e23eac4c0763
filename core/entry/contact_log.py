"""The patrol officer's contact log: one line per kind of community contact on a shift.

Fast by design: the date is today, the shift is guessed from the clock, the
district is the officer's own; only the kind (and the count, 1 by default)
needs a tap. Each officer writes only their own lines (queries/access.py).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from core import clock, formatting
from core.entry.common import MAX_NAME, Problems, blank, choice, district_id, optional_text, parse_bool, parse_date
from core.validate import non_negative_int
from queries.actor import Actor
from queries.db import Database
from queries.unit_of_work import UnitOfWork

KINDS = ('business_check', 'resident', 'youth', 'school', 'community_meeting', 'park_and_walk', 'faith',
         'senior', 'other')
SHIFTS = ('day', 'evening', 'night')
SHIFT_HOURS = {"day": "07:00-15:00", "evening": "15:00-23:00", "night": "23:00-07:00"}
MAX_COUNT = 500
MAX_AGE_DAYS = 60


def guess_shift(now: datetime) -> str:
    if 7 <= now.hour < 15:
        return "day"
    if 15 <= now.hour < 23:
        return "evening"
    return "night"


def clean_contact(uow: UnitOfWork, data: dict, today: date) -> dict:
    p = Problems()
    day = p.check("date", parse_date, data.get("contact_date") or today, "date")
    if day and day > today:
        p.add("date", f"{formatting.day(day)} is in the future.")
    elif day and day < today - timedelta(days=MAX_AGE_DAYS):
        p.add("date", f"{formatting.day(day)} is more than {MAX_AGE_DAYS} days ago; "
                      "ask the Crime Prevention officer to add it.")
    count = 1 if blank(data.get("contact_count")) else p.check("count", non_negative_int, data.get("contact_count"), "count")
    if count is not None and not 1 <= count <= MAX_COUNT:
        p.add("count", f"must be between 1 and {MAX_COUNT} (got {count}).")
    row = {
        "officer_id": uow.actor.user_id,
        "contact_date": day,
        "shift": p.check("shift", choice, data.get("shift"), "shift", SHIFTS),
        "district_id": p.check("district", district_id, uow, data.get("district"), "district", True),
        "kind": p.check("kind", choice, data.get("kind"), "kind", KINDS),
        "contact_count": count,
        "location": p.check("where", optional_text, data.get("location"), "where", MAX_NAME),
        "non_enforcement": p.check("non-enforcement", parse_bool, data.get("non_enforcement"), "non-enforcement", True),
        "notes": p.check("notes", optional_text, data.get("notes"), "notes"),
    }
    if row["officer_id"] is None:
        p.add("officer", "only a signed-in officer's account can log contacts.")
    p.raise_if_any()
    return row


def log_contact(db: Database, actor: Actor, data: dict, today: date | None = None) -> int:
    with db.unit_of_work(actor) as uow:
        return int(uow.insert("contact_log", clean_contact(uow, data, today or clock.department_today(db)))["id"])


def delete_contact(db: Database, actor: Actor, contact_id: int, version: int) -> None:
    with db.unit_of_work(actor) as uow:
        uow.delete("contact_log", contact_id, version)


# -- what the contact log page shows -----------------------------------------------------------

def shift_totals(db: Database, actor: Actor, date_from: date, date_to: date):
    """The actor's own contacts per shift worked between the two days."""
    return db.df("contact_log_shift_totals", officer_id=actor.user_id, date_from=date_from, date_to=date_to)


def my_contacts(db: Database, actor: Actor, date_from: date, date_to: date):
    """The actor's own contact log entries between the two days, latest first."""
    return db.df("contact_log_mine", officer_id=actor.user_id, date_from=date_from, date_to=date_to)
