"""Community concerns: intake, assignment, updates, referral and resolution.

Every step writes the concern row (versioned) and one concern_updates row in
the same unit of work, so the history says who did what and when. A concern
is finished only with the response given back to the person or group.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from core import clock, formatting, settings
from core.entry.common import (MAX_NAME, Problems, blank, choice, district_id, one, optional_text, parse_bool,
                               parse_date, positive_id, user_id)
from core.validate import require_text
from core.vocabulary import label
from queries.access import read_scope, scoped
from queries.actor import Actor
from queries.db import Database
from queries.errors import ValidationError
from queries.unit_of_work import UnitOfWork

CHANNELS = ('phone', 'email', 'walk_in', 'community_meeting', 'officer', 'online', 'letter')
CATEGORIES = ('motor_vehicle', 'speeding', 'parking', 'disorderly_group', 'blight', 'noise', 'drug_activity',
              'graffiti', 'lighting', 'suspicious_activity', 'other')
REFERRALS = ('public_works', 'housing_blight', 'traffic_engineering', 'parks', 'schools', 'other')
STATUSES = ('new', 'assigned', 'in_progress', 'referred', 'resolved', 'closed')
OPEN = ('new', 'assigned', 'in_progress', 'referred')
PICK_ROWS = 200      # concerns offered in the picker at once (a large city has thousands open)


def clean_concern(uow: UnitOfWork, data: dict, today: date) -> dict:
    p = Problems()
    received = p.check("received on", parse_date, data.get("received_on"), "received on")
    if received and received > today:
        p.add("received on", f"{formatting.day(received)} is in the future.")
    anonymous = p.check("anonymous", parse_bool, data.get("anonymous"), "anonymous", False)
    name = p.check("reporter", optional_text, data.get("reporter_name"), "reporter", MAX_NAME)
    contact = p.check("contact", optional_text, data.get("reporter_contact"), "contact", MAX_NAME)
    if anonymous and (name or contact):
        p.add("reporter", "an anonymous concern keeps no name or contact; clear them or untick anonymous.")
    org = None
    if not blank(data.get("organization_id")):
        org = p.check("organization", positive_id, data.get("organization_id"), "organization")
        if org is not None and one(uow, "organization_by_id", id=org) is None:
            p.add("organization", f"there is no organization {org}.")
    row = {
        "received_on": received,
        "channel": p.check("channel", choice, data.get("channel"), "channel", CHANNELS),
        "organization_id": org, "anonymous": anonymous,
        "reporter_name": name, "reporter_contact": contact,
        "category": p.check("category", choice, data.get("category"), "category", CATEGORIES),
        "description": p.check("description", require_text, data.get("description"), "description", 2000),
        "location": p.check("location", optional_text, data.get("location"), "location", MAX_NAME),
        "district_id": p.check("district", district_id, uow, data.get("district"), "district", True),
        "assigned_officer_id": user_id(uow, p, data.get("assigned_officer_id"), "assigned to"),
    }
    p.raise_if_any()
    return row


def _history(uow: UnitOfWork, concern_id: int, status: str | None, note: str) -> None:
    uow.insert("concern_updates", {"concern_id": concern_id, "at_utc": uow.now, "by_user": uow.actor.username,
                                   "status": status, "note": note})


def insert_concern(uow: UnitOfWork, data: dict, today: date) -> int:
    row = clean_concern(uow, data, today)
    if scoped(uow.actor):       # a patrol officer's concern is theirs: it stays in their own work
        row["reported_by_id"] = uow.actor.user_id
    row["status"] = "assigned" if row["assigned_officer_id"] else "new"
    saved = uow.insert("concerns", row)
    _history(uow, saved["id"], saved["status"], f"Received by {label('concern_channel', row['channel']).lower()}.")
    return int(saved["id"])


def create_concern(db: Database, actor: Actor, data: dict, today: date | None = None) -> int:
    with db.unit_of_work(actor) as uow:
        return insert_concern(uow, data, today or clock.department_today(db))


def _change(db: Database, actor: Actor, concern_id: int, version: int, changes: dict, note: str) -> dict:
    with db.unit_of_work(actor) as uow:
        row = uow.update("concerns", concern_id, version, changes)
        _history(uow, concern_id, changes.get("status"), note)
        return row


def assign(db: Database, actor: Actor, concern_id: int, version: int, officer_id, note: str = "") -> dict:
    with db.unit_of_work(actor) as uow:
        p = Problems()
        officer = user_id(uow, p, officer_id, "assigned to")
        if officer is None and not p:
            p.add("assigned to", "choose who takes the concern.")
        p.raise_if_any()
        user = one(uow, "user_by_id", id=officer)
    current = db.one("concern_by_id", id=concern_id) or {}
    status = "assigned" if current.get("status") in (None, "new") else current["status"]
    text = f"Assigned to {user['display_name']}." + (f" {note.strip()}" if note and note.strip() else "")
    return _change(db, actor, concern_id, version, {"assigned_officer_id": officer, "status": status}, text)


def add_update(db: Database, actor: Actor, concern_id: int, version: int, note: str,
               status: str | None = None) -> dict:
    p = Problems()
    text = p.check("note", require_text, note, "note", 2000)
    if status is not None:
        status = p.check("status", choice, status, "status", ("assigned", "in_progress"))
    p.raise_if_any()
    return _change(db, actor, concern_id, version, {"status": status} if status else {}, text)


def refer(db: Database, actor: Actor, concern_id: int, version: int, department: str, note: str = "") -> dict:
    p = Problems()
    dept = p.check("referred to", choice, department, "referred to", REFERRALS)
    p.raise_if_any()
    text = f"Referred to {label('referral', dept)}." + (f" {note.strip()}" if note and note.strip() else "")
    return _change(db, actor, concern_id, version, {"referred_to": dept, "status": "referred"}, text)


def resolve(db: Database, actor: Actor, concern_id: int, version: int, resolved_on, response: str,
            today: date | None = None) -> dict:
    p = Problems()
    day = p.check("resolved on", parse_date, resolved_on, "resolved on")
    answer = p.check("response", require_text, response, "response", 2000)
    current = db.one("concern_by_id", id=concern_id)
    if day and current and day < current["received_on"]:
        p.add("resolved on", f"{formatting.day(day)} is before the concern was received "
                               f"({formatting.day(current['received_on'])}).")
    if day and day > (today or clock.department_today(db)):
        p.add("resolved on", f"{formatting.day(day)} is in the future.")
    p.raise_if_any()
    return _change(db, actor, concern_id, version,
                   {"status": "resolved", "resolved_on": day, "response_given": answer},
                   f"Resolved. Response given: {answer}")


def reopen(db: Database, actor: Actor, concern_id: int, version: int, note: str) -> dict:
    if blank(note):
        raise ValidationError({"note": "say why the concern is reopened."})
    p = Problems()
    text = p.check("note", require_text, note, "note", 2000)
    p.raise_if_any()
    return _change(db, actor, concern_id, version, {"status": "in_progress", "resolved_on": None}, f"Reopened. {text}")


def find_concerns(concerns: pd.DataFrame, needle: str | None) -> pd.DataFrame:
    """The concerns (concerns_list rows) numbered `needle` ("123" or "#123") or whose location or
    description contains it, any case."""
    if not needle or not needle.strip():
        return concerns
    text = needle.strip()
    number = text.removeprefix("#").strip()
    by_number = concerns["id"].astype(str) == number
    words = (concerns["location"].fillna("") + " " + concerns["description"].fillna(""))
    return concerns[by_number | words.str.contains(text, case=False, regex=False)]


# -- what the concerns page shows --------------------------------------------------------------

def concern_list(db: Database, actor: Actor, today: date, open_only: bool = True, mine_only: bool = False,
                 category: str | None = None) -> pd.DataFrame:
    """The concerns the actor may see, overdue and oldest first, each with its age on `today` and
    whether it is overdue (open longer than the department's response days)."""
    return db.df("concerns_list", **read_scope(actor), today=today, overdue_days=settings.response_days(db),
                 open_only=open_only, mine_only=mine_only, user_id=actor.user_id, status=None,
                 category=category, district_id=None)


def open_concerns(db: Database, actor: Actor, today: date, mine_only: bool = False) -> pd.DataFrame:
    """The open concerns the actor may see (the ageing view)."""
    return concern_list(db, actor, today, open_only=True, mine_only=mine_only)


def concern(db: Database, concern_id: int) -> dict | None:
    """One concern as stored (with its version), for the forms that work it."""
    return db.one("concern_by_id", id=concern_id)


def concern_history(db: Database, concern_id: int) -> pd.DataFrame:
    """What was done on a concern, oldest first; `at_utc` on the department's clock."""
    history = db.df("concern_history", concern_id=concern_id)
    history["at_utc"] = clock.column_to_department(history["at_utc"], db)     # stored in UTC
    return history
