"""Course rosters: cohorts of a multi-week course, enrolment, attendance per session,
the ride-along and completion (the Citizens' Police Academy is the model)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pandas as pd

from core import clock, formatting
from core.entry import events
from core.entry.common import MAX_NAME, Problems, blank, district_id, one, optional_text, parse_date, positive_id
from core.validate import non_negative_int, normalize_email, normalize_phone, require_text
from queries.actor import Actor
from queries.db import Database
from queries.errors import ValidationError
from queries.unit_of_work import UnitOfWork

MAX_SESSIONS = 20
COHORT_ROWS = 200     # rows of the cohort table on screen (a large city has thousands of cohorts)


def create_cohort(db: Database, actor: Actor, data: dict) -> int:
    """A cohort and, optionally, its weekly sessions (events of the course program)."""
    with db.unit_of_work(actor) as uow:
        p = Problems()
        program_id = p.check("program", positive_id, data.get("program_id"), "program")
        program = one(uow, "programs_by_id", id=program_id) if program_id else None
        if program_id and program is None:
            p.add("program", f"there is no program {program_id}.")
        elif program and program["delivery_kind"] != "course":
            p.add("program", f"{program['name']} is not a course; cohorts belong to course programs.")
        name = p.check("name", require_text, data.get("name"), "name", MAX_NAME)
        start = p.check("start date", parse_date, data.get("start_date"), "start date")
        sessions = 0 if blank(data.get("sessions")) else p.check("sessions", non_negative_int, data.get("sessions"), "sessions")
        if sessions and sessions > MAX_SESSIONS:
            p.add("sessions", f"at most {MAX_SESSIONS} sessions are created at once.")
        end = p.check("end date", parse_date, data.get("end_date"), "end date", False)
        if start and end is None:
            end = start + timedelta(weeks=max((sessions or 1) - 1, 0))
        if start and end and end < start:
            p.add("end date", f"the end ({formatting.day(end)}) is before the start ({formatting.day(start)}).")
        capacity = None
        if not blank(data.get("capacity")):
            capacity = p.check("capacity", non_negative_int, data.get("capacity"), "capacity")
            if capacity == 0:
                p.add("capacity", "must be at least 1, or left blank for no limit.")
        if sessions and blank(data.get("district")):
            p.add("district", "is required for the sessions.")
        p.raise_if_any()
        cohort = uow.insert("course_cohorts", {"program_id": program_id, "name": name, "start_date": start,
                                               "end_date": end, "capacity": capacity})
        clock = data.get("session_time") or time(18, 30)
        for number in range(1, (sessions or 0) + 1):
            starts = datetime.combine(start + timedelta(weeks=number - 1), clock)
            events.insert_event(uow, {"program_id": program_id, "cohort_id": cohort["id"], "session_number": number,
                                      "title": f"{name}, session {number}", "starts_at": starts,
                                      "ends_at": starts + timedelta(hours=float(data.get("session_hours") or 2.5)),
                                      "location": data.get("location"), "district": data.get("district")})
        return int(cohort["id"])


def _participant(uow: UnitOfWork, p: Problems, data: dict) -> int | None:
    if not blank(data.get("participant_id")):
        return p.check("participant", positive_id, data.get("participant_id"), "participant")
    first = p.check("first name", require_text, data.get("first_name"), "first name", 100)
    last = p.check("last name", require_text, data.get("last_name"), "last name", 100)
    email = p.check("email", normalize_email, data.get("email"), field="email")
    row = {"first_name": first, "last_name": last, "email": email,
           "phone": p.check("phone", normalize_phone, data.get("phone"), field="phone"),
           "district_id": p.check("district", district_id, uow, data.get("district"), "district"),
           "notes": p.check("notes", optional_text, data.get("notes"), "notes")}
    if not blank(data.get("birth_year")):
        year = p.check("birth year", non_negative_int, data.get("birth_year"), "birth year")
        if year is not None and not 1900 <= year <= clock.department_today(uow.db).year:
            p.add("birth year", f"{year} is not a possible birth year.")
        row["birth_year"] = year
    if p:
        return None
    found = one(uow, "participants_match", first_name=first, last_name=last, email=email)
    if found:
        return int(found["id"])
    return int(uow.insert("participants", row)["id"])


def insert_enrolment(uow: UnitOfWork, cohort_id: int, data: dict) -> int:
    p = Problems()
    if blank(cohort_id):
        raise ValidationError({"cohort": "choose a cohort."})
    cohort = one(uow, "course_cohorts_by_id", id=cohort_id)
    if cohort is None:
        raise ValidationError({"cohort": f"there is no cohort {cohort_id}."})
    enrolled_on = p.check("enrolled on", parse_date, data.get("enrolled_on") or clock.department_today(uow.db),
                          "enrolled on")
    participant_id = _participant(uow, p, data)
    p.raise_if_any()
    if one(uow, "enrolments_duplicate", cohort_id=cohort_id, participant_id=participant_id):
        raise ValidationError({"participant": f"is already enrolled in {cohort['name']}."})
    if cohort["capacity"] and cohort["enrolled"] >= cohort["capacity"]:
        raise ValidationError({"cohort": f"{cohort['name']} is full ({cohort['capacity']} places)."})
    return int(uow.insert("enrolments", {"cohort_id": cohort_id, "participant_id": participant_id,
                                         "enrolled_on": enrolled_on})["id"])


def enrol(db: Database, actor: Actor, cohort_id: int, data: dict) -> int:
    with db.unit_of_work(actor) as uow:
        return insert_enrolment(uow, cohort_id, data)


def save_roster(db: Database, actor: Actor, cohort_id: int, attendance: dict[tuple[int, int], bool],
                progress: dict[int, dict], versions: dict[int, int]) -> int:
    """Write the grid in one unit of work: attendance cells (enrolment, session) -> present, and per
    enrolment {ride_along_on, completed}. `versions` are the enrolment versions the user opened, so a
    roster someone else saved meanwhile is a conflict. Returns the number of changed records."""
    changed = 0
    today = clock.department_today(db)
    with db.unit_of_work(actor) as uow:
        result = uow.execute("cohort_attendance", cohort_id=cohort_id)
        stored = {(r[0], r[1]): (r[2], r[3]) for r in result.fetchall()}
        roster = {r[0]: r for r in uow.execute("cohort_roster", cohort_id=cohort_id).fetchall()}
        sessions = {r[0]: r for r in uow.execute("cohort_sessions", cohort_id=cohort_id).fetchall()}
        p = Problems()
        for (enrolment_id, event_id), present in attendance.items():
            if enrolment_id not in roster or event_id not in sessions:
                p.add("attendance", f"enrolment {enrolment_id} / session {event_id} is not part of this cohort.")
                continue
            if (enrolment_id, event_id) in stored:
                was, version = stored[(enrolment_id, event_id)]
                if bool(was) != bool(present):
                    uow.update("roster_attendance", {"event_id": event_id, "enrolment_id": enrolment_id}, version,
                               {"present": bool(present)})
                    changed += 1
            elif present:
                uow.insert("roster_attendance", {"event_id": event_id, "enrolment_id": enrolment_id, "present": True})
                changed += 1
        for enrolment_id, wanted in progress.items():
            row = roster.get(enrolment_id)
            if row is None:
                p.add("roster", f"enrolment {enrolment_id} is not part of this cohort.")
                continue
            name = row[2]
            ride = p.check(f"ride-along ({name})", parse_date, wanted.get("ride_along_on"), "ride-along", False)
            if ride and ride > today:
                p.add(f"ride-along ({name})", f"{formatting.day(ride)} is in the future.")
            completed = bool(wanted.get("completed"))
            changes = {"ride_along_on": ride, "completed": completed,
                       "status": "completed" if completed else ("withdrawn" if row[7] == "withdrawn" else "enrolled"),
                       "completed_on": (row[6] or today) if completed else None}
            if any(changes[k] != row[i] for k, i in (("ride_along_on", 4), ("completed", 5))):
                uow.update("enrolments", enrolment_id, versions.get(enrolment_id, row[1]), changes)
                changed += 1
        p.raise_if_any()
    return changed


def find_cohorts(cohorts: pd.DataFrame, needle: str | None) -> pd.DataFrame:
    """The cohorts (cohorts_list rows) whose program or cohort name contains `needle`, any case."""
    if not needle or not needle.strip():
        return cohorts
    names = cohorts["program"].fillna("") + " " + cohorts["cohort"].fillna("")
    return cohorts[names.str.contains(needle.strip(), case=False, regex=False)]


# -- what the rosters page shows -----------------------------------------------------------------

def cohorts(db: Database) -> pd.DataFrame:
    """Every course cohort with its enrolment and completion, the latest first."""
    return db.df("cohorts_list")


def cohort_sheet(db: Database, cohort_id: int) -> dict[str, pd.DataFrame]:
    """A cohort's sessions, roster and attendance cells (`sessions`, `roster`, `cells`)."""
    return {"sessions": db.df("cohort_sessions", cohort_id=cohort_id),
            "roster": db.df("cohort_roster", cohort_id=cohort_id),
            "cells": db.df("cohort_attendance", cohort_id=cohort_id)}
