"""The five importers of this issue: programs, events, participants, organizations, concerns.

Each turns a mapped row into the same input dict its entry form produces and
writes it with the same core/entry function, so a file row is checked exactly
like a form submission.
"""

from __future__ import annotations

from core import clock
from core.entry import concerns, events, organizations, programs, rosters
from core.entry.common import blank, one
from core.importing.spec import ImporterSpec, split_list
from core.vocabulary import words_for
from queries.errors import ValidationError
from queries.unit_of_work import UnitOfWork

LABELS = {"Car seats inspected": "car_seats_inspected", "Car seats installed incorrectly": "car_seats_incorrect",
          "Tips received": "tips_received", "Rewards paid": "rewards_paid", "Funds raised": "funds_raised",
          "Helmets given out": "helmets_given", "Bicycles registered": "bikes_registered",
          "Home security surveys": "homes_surveyed", "Medication collected (lbs)": "medications_collected",
          "Arrests resulting from tips": "arrests_from_tips"}
MEASURES = ("car_seats_inspected", "car_seats_incorrect", "tips_received", "rewards_paid", "funds_raised",
            "helmets_given", "bikes_registered", "homes_surveyed", "medications_collected", "arrests_from_tips")


def _one_of(codes: tuple[str, ...]) -> str:
    """What a file may write in a coded column: the words users read (the stored codes are taken too)."""
    return ", ".join(words_for(codes).values())


def _program_row(uow: UnitOfWork, row: dict) -> int:
    data = {**row, "districts": split_list(row.get("districts")), "crime_types": split_list(row.get("crime_types")),
            "measures": split_list(row.get("measures"))}
    return programs.insert_program(uow, data)


def _event_row(uow: UnitOfWork, row: dict) -> int:
    program_id = None
    if not blank(row.get("program")):
        found = one(uow, "programs_by_name", program_name=str(row["program"]))
        if found is None:
            raise ValidationError({"program": f"there is no program named '{row['program']}'."})
        program_id = found["id"]
    data = {k: v for k, v in row.items() if k not in MEASURES and k != "program"}
    data["program_id"] = program_id
    data["outcomes"] = {code: row[code] for code in MEASURES if not blank(row.get(code))}
    return events.insert_event(uow, data)


def _participant_row(uow: UnitOfWork, row: dict) -> int:
    cohort = row.get("cohort")
    data = {k: v for k, v in row.items() if k != "cohort"}
    if blank(cohort):
        from core.entry.common import Problems

        p = Problems()
        participant = rosters._participant(uow, p, data)
        p.raise_if_any()
        return participant
    found = one(uow, "course_cohorts_by_name", cohort_name=str(cohort))
    if found is None:
        raise ValidationError({"cohort": f"there is no cohort named '{cohort}'."})
    return rosters.insert_enrolment(uow, found["id"], data)


def _organization_row(uow: UnitOfWork, row: dict) -> int:
    return organizations.insert_organization(uow, row, clock.department_today(uow.db))


def _concern_row(uow: UnitOfWork, row: dict) -> int:
    return concerns.insert_concern(uow, row, clock.department_today(uow.db))


PROGRAMS = ImporterSpec(
    "programs", "Programs", "programs",
    ("name", "category", "delivery_kind", "status", "description", "start_date", "end_date", "districts",
     "crime_types", "measures"),
    frozenset({"name", "category", "delivery_kind"}), _program_row,
    {"category": _one_of(programs.CATEGORIES), "delivery_kind": _one_of(programs.DELIVERY_KINDS),
     "districts": "district codes separated by ;", "crime_types": "crime type codes separated by ;",
     "measures": "outcome figure codes separated by ;"},
    key_fields=("name",),
    problem_fields={"delivery": "delivery_kind", "start date": "start_date", "end date": "end_date",
                    "target districts": "districts", "target crime types": "crime_types", "outcome figures": "measures"})

EVENTS = ImporterSpec(
    "events", "Program events", "events",
    ("program", "starts_at", "ends_at", "title", "location", "address", "district", "headcount_youth",
     "headcount_adult", "headcount_senior", "headcount_business", "notes", "non_enforcement", *MEASURES),
    frozenset({"program", "starts_at", "ends_at", "district"}), _event_row,
    {"program": "the program's name", "starts_at": "2026-11-21 10:00", "ends_at": "2026-11-21 12:00",
     "district": "district code", "non_enforcement": "yes / no"},
    # the same event: program, start, district and place (or title) agree (see events_duplicate.sql);
    # a file's exact repeats of a row are kept once and counted
    key_fields=("program", "starts_at", "district", "location", "address", "title"), merge_repeats=True,
    problem_fields={**LABELS, "starts": "starts_at", "ends": "ends_at", "non-enforcement": "non_enforcement"},
    labels={code: text for text, code in LABELS.items()})

PARTICIPANTS = ImporterSpec(
    "participants", "Course participants", "participants",
    ("first_name", "last_name", "email", "phone", "district", "birth_year", "notes", "cohort", "enrolled_on"),
    frozenset({"first_name", "last_name"}), _participant_row,
    {"cohort": "cohort name to enrol into (optional)"},
    problem_fields={"first name": "first_name", "last name": "last_name", "birth year": "birth_year",
                    "enrolled on": "enrolled_on", "participant": "last_name"},
    key_fields=("first_name", "last_name", "email", "cohort"))

ORGANIZATIONS = ImporterSpec(
    "organizations", "Organizations", "organizations",
    ("name", "org_type", "district", "address", "contact_name", "contact_phone", "contact_email",
     "meeting_schedule", "established_by_department", "active", "founded_on", "notes"),
    frozenset({"name", "org_type"}), _organization_row,
    {"org_type": _one_of(organizations.ORG_TYPES), "district": "district code"},
    key_fields=("name", "org_type"),
    problem_fields={"type": "org_type", "phone": "contact_phone", "email": "contact_email", "contact": "contact_name",
                    "founded on": "founded_on", "established by the department": "established_by_department"})

CONCERNS = ImporterSpec(
    "concerns", "Community concerns", "concerns",
    ("received_on", "channel", "category", "description", "location", "district", "anonymous", "reporter_name",
     "reporter_contact"),
    frozenset({"received_on", "channel", "category", "description", "district"}), _concern_row,
    {"channel": _one_of(concerns.CHANNELS), "category": _one_of(concerns.CATEGORIES)},
    problem_fields={"received on": "received_on", "reporter": "reporter_name", "contact": "reporter_contact"})

IMPORTERS = {spec.kind: spec for spec in (PROGRAMS, EVENTS, PARTICIPANTS, ORGANIZATIONS, CONCERNS)}
