"""Community organizations and the meetings the department attends."""

from __future__ import annotations

from datetime import date, timedelta

from core import clock, formatting
from core.entry.common import (MAX_NAME, Problems, blank, choice, district_id, one,
                               optional_text, parse_bool, parse_date, user_id)
from core.validate import non_negative_int, normalize_email, normalize_phone, require_text
from queries.actor import Actor
from queries.db import Database
from queries.unit_of_work import UnitOfWork

ORG_TYPES = ('block_watch', 'business_watch', 'tenant_group', 'school', 'business_association', 'faith', 'civic',
             'media', 'city_department', 'other')
WATCH_TYPES = ('block_watch', 'business_watch')



def clean_organization(uow: UnitOfWork, data: dict, today: date) -> dict:
    p = Problems()
    org_type = p.check("type", choice, data.get("org_type"), "type", ORG_TYPES)
    founded = p.check("founded on", parse_date, data.get("founded_on"), "founded on", False)
    if founded and founded > today:
        p.add("founded on", f"{formatting.day(founded)} is in the future.")
    row = {
        "name": p.check("name", require_text, data.get("name"), "name", MAX_NAME),
        "org_type": org_type,
        "district_id": p.check("district", district_id, uow, data.get("district"), "district",
                               org_type in WATCH_TYPES),
        "address": p.check("address", optional_text, data.get("address"), "address", MAX_NAME),
        "contact_name": p.check("contact", optional_text, data.get("contact_name"), "contact", MAX_NAME),
        "contact_phone": p.check("phone", normalize_phone, data.get("contact_phone"), field="phone"),
        "contact_email": p.check("email", normalize_email, data.get("contact_email"), field="email"),
        "liaison_officer_id": user_id(uow, p, data.get("liaison_officer_id"), "liaison officer"),
        "meeting_schedule": p.check("meeting schedule", optional_text, data.get("meeting_schedule"),
                                    "meeting schedule", MAX_NAME),
        "established_by_department": p.check("established by the department", parse_bool,
                                             data.get("established_by_department"), "established by the department",
                                             False),
        "active": p.check("active", parse_bool, data.get("active"), "active", True),
        "founded_on": founded,
        "notes": p.check("notes", optional_text, data.get("notes"), "notes"),
    }
    p.raise_if_any()
    return row


def insert_organization(uow: UnitOfWork, data: dict, today: date) -> int:
    return int(uow.insert("organizations", clean_organization(uow, data, today))["id"])


def create_organization(db: Database, actor: Actor, data: dict, today: date | None = None) -> int:
    with db.unit_of_work(actor) as uow:
        return insert_organization(uow, data, today or clock.department_today(db))


def update_organization(db: Database, actor: Actor, org_id: int, version: int, data: dict,
                        today: date | None = None) -> dict:
    with db.unit_of_work(actor) as uow:
        return uow.update("organizations", org_id, version,
                          clean_organization(uow, data, today or clock.department_today(db)))


def log_meeting(db: Database, actor: Actor, org_id: int, data: dict, today: date | None = None) -> int:
    today = today or clock.department_today(db)
    with db.unit_of_work(actor) as uow:
        p = Problems()
        if one(uow, "organization_by_id", id=org_id) is None:
            p.add("organization", f"there is no organization {org_id}.")
        met = p.check("met on", parse_date, data.get("met_on"), "met on")
        if met and met > today:
            p.add("met on", f"{formatting.day(met)} is in the future; log a meeting after it took place.")
        attendance = None
        if not blank(data.get("attendance")):
            attendance = p.check("attendance", non_negative_int, data.get("attendance"), "attendance")
        row = {"organization_id": org_id, "met_on": met, "attendance": attendance,
               "officer_id": user_id(uow, p, data.get("officer_id"), "officer"),
               "topics": p.check("topics", optional_text, data.get("topics"), "topics")}
        p.raise_if_any()
        return int(uow.insert("org_meetings", row)["id"])


def set_active(db: Database, actor: Actor, org_id: int, version: int, active: bool) -> dict:
    with db.unit_of_work(actor) as uow:
        return uow.update("organizations", org_id, version, {"active": active})


# -- what the organizations page and forms show ----------------------------------------------------

def organization_list(db: Database, today: date, org_type: str | None = None, district_id: int | None = None,
                      active_only: bool = True):
    """The organizations matching the filters, with their meetings in the year up to `today`."""
    return db.df("organizations_list", org_type=org_type, district_id=district_id, active_only=active_only,
                 since=today - timedelta(days=365))


def organization_names(db: Database) -> list[dict]:
    """Every organization (id, name), by name: the pickers of the forms."""
    return db.rows("entry_organizations")


def organization(db: Database, org_id: int) -> dict | None:
    """One organization as stored (with its version), for its edit form."""
    return db.one("organization_by_id", id=org_id)


def meetings_of(db: Database, org_id: int):
    """The meetings attended with an organization, latest first."""
    return db.df("org_meetings_of", organization_id=org_id)


def watch_coverage(db: Database):
    """Each district's active block watch and business watch groups, and what it lacks."""
    return db.df("districts_watch_coverage")
