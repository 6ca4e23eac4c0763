"""Programs: the catalog entry with its targets, partners, outcome figures and goals.

Input dict: name, category, description, delivery_kind, lead_officer_id, start_date, end_date,
status, districts (ids or codes), crime_types (codes), partners (organization ids),
measures (outcome measure codes), goals [{measure, target_value, per_period, description}].
A goal's measure is a delivery figure (BASE_GOALS), one of the program's outcome figures, or a resident
survey measure: 'survey:safe_night', or 'survey:problem:burglary' for how many call a problem serious,
with a target share of residents (0 to 100) per year, read from the survey waves by the annual
evaluation. A program is archived, never deleted: its events stay countable.
"""

from __future__ import annotations

from datetime import date, timedelta


from core import formatting
from core.entry.common import (MAX_NAME, Problems, blank, choice, district_id, non_negative_number, one,
                               optional_text, parse_date, positive_id, user_id)
from core.validate import FieldError, require_text
from queries.actor import Actor
from queries.db import Database
from queries.unit_of_work import UnitOfWork

CATEGORIES = ('youth', 'schools', 'traffic_safety', 'neighborhood_watch', 'business', 'seniors', 'education',
              'tip_line', 'health', 'outreach', 'fundraising', 'other')
DELIVERY_KINDS = ('one_off', 'recurring', 'course', 'continuous')
STATUSES = ('planned', 'active', 'paused', 'ended', 'archived')
PERIODS = ('month', 'year', 'cohort')
BASE_GOALS = ('events', 'attendance', 'participants', 'completions')
SURVEY_GOAL = "survey:"           # a goal on a resident-survey measure: 'survey:safe_night'
# the survey measures a goal can name ('problem' with the crime type or concern category it asks about)
SURVEY_GOALS = ('safe_neighbourhood', 'safe_day', 'safe_night', 'trust_police', 'satisfied_police', 'problem')


def survey_goal(measure: str | None) -> tuple[str, str | None] | None:
    """(measure, subject) of a goal on a survey measure: 'survey:safe_night' -> ('safe_night', None),
    'survey:problem:burglary' -> ('problem', 'burglary'); None for any other goal."""
    if not measure or not str(measure).startswith(SURVEY_GOAL):
        return None
    name, _, subject = str(measure)[len(SURVEY_GOAL):].partition(":")
    return name, subject or None


def clean_program(uow: UnitOfWork, data: dict, exclude_id: int | None = None) -> dict:
    p = Problems()
    name = p.check("name", require_text, data.get("name"), "name", MAX_NAME)
    if name:
        same = one(uow, "programs_by_name", program_name=name)
        if same and same["id"] != exclude_id:
            p.add("name", f"there is already a program named '{same['name']}'.")
    values = {
        "name": name,
        "category": p.check("category", choice, data.get("category"), "category", CATEGORIES),
        "description": p.check("description", optional_text, data.get("description"), "description"),
        "delivery_kind": p.check("delivery", choice, data.get("delivery_kind"), "delivery", DELIVERY_KINDS),
        "status": p.check("status", choice, data.get("status") or "active", "status", STATUSES),
        "start_date": p.check("start date", parse_date, data.get("start_date"), "start date", False),
        "end_date": p.check("end date", parse_date, data.get("end_date"), "end date", False),
        "lead_officer_id": user_id(uow, p, data.get("lead_officer_id"), "lead officer"),
    }
    if values["start_date"] and values["end_date"] and values["end_date"] < values["start_date"]:
        p.add("end date", f"the end ({formatting.day(values['end_date'])}) is before the start "
                            f"({formatting.day(values['start_date'])}).")
    districts = []
    for raw in data.get("districts") or []:
        found = p.check("target districts", district_id, uow, raw, "target districts")
        if found is not None and found not in districts:
            districts.append(found)
    crime_types = []
    for raw in data.get("crime_types") or []:
        row = one(uow, "crime_types_by_code", code=str(raw))
        if row is None:
            p.add("target crime types", f"there is no crime type '{raw}'.")
        elif row["code"] not in crime_types:
            crime_types.append(row["code"])
    partners = []
    for raw in data.get("partners") or []:
        org = p.check("partners", positive_id, raw, "partners")
        if org is not None and one(uow, "organization_by_id", id=org) is None:
            p.add("partners", f"there is no organization {org}.")
        elif org is not None and org not in partners:
            partners.append(org)
    measures = _measures(uow, p, data.get("measures") or [])
    goals = _goals(uow, p, data.get("goals") or [], measures)
    p.raise_if_any()
    return {"row": values, "districts": districts, "crime_types": crime_types, "partners": partners,
            "measures": measures, "goals": goals}


def _measures(uow: UnitOfWork, p: Problems, given: list) -> list[str]:
    found: dict[str, dict] = {}
    for raw in given:
        row = one(uow, "outcome_measures_by_code", code=str(raw).strip())
        if row is None:
            p.add("outcome figures", f"there is no outcome figure '{raw}'.")
        else:
            found[row["code"]] = row
    for row in found.values():
        if row["at_most"] and row["at_most"] not in found:
            p.add("outcome figures", f"'{row['label']}' is checked against '{row['at_most']}', "
                                     "so that figure must be recorded too.")
    return list(found)


def survey_goal_words(measure: str, subjects: dict[str, str]) -> str:
    """A survey goal's measure in words: 'Residents who feel safe at night (survey)'."""
    from core.surveys.results import measure_words

    name, subject = survey_goal(measure) or (measure, None)
    words = measure_words(name, subject, subjects)
    return f"Residents who {words[:1].lower()}{words[1:]} (survey)"


def survey_goal_options(db: Database) -> dict[str, str]:
    """Every survey goal the program form offers, {measure: words}: the attitude measures, and how many
    call each crime type or concern category a serious problem."""
    from core.surveys.results import subject_labels

    subjects = subject_labels(db)
    codes = [f"{SURVEY_GOAL}{m}" for m in SURVEY_GOALS if m != "problem"]
    codes += [f"{SURVEY_GOAL}problem:{s}" for s in sorted(subjects, key=lambda s: subjects[s].lower())]
    return {code: survey_goal_words(code, subjects) for code in codes}


def _survey_goal_problem(uow: UnitOfWork, measure: str, target: float, period: str) -> str | None:
    """Why a goal on a survey measure cannot be kept, or None."""
    from core.entry.concerns import CATEGORIES as CONCERN_CATEGORIES

    name, subject = survey_goal(measure)
    if name not in SURVEY_GOALS or (name == "problem") != (subject is not None):
        return f"'{measure}' is not a survey measure."
    if subject is not None and subject not in CONCERN_CATEGORIES \
            and one(uow, "crime_types_by_code", code=subject) is None:
        return f"'{subject}' is neither a crime type nor a concern category."
    if target > 100:
        return f"the target of a survey goal is a share of residents from 0 to 100 (not {formatting.count(target)})."
    if period != "year":
        return "a survey goal is read once a year, from the survey waves: choose per year."
    return None


def _goals(uow: UnitOfWork, p: Problems, given: list[dict], measures: list[str]) -> list[dict]:
    out, seen = [], set()
    for index, goal in enumerate(given, start=1):
        if all(blank(goal.get(k)) for k in ("measure", "target_value", "description")):
            continue   # an empty row of the goals grid
        field = f"goal {index}"
        measure = None if blank(goal.get("measure")) else str(goal["measure"]).strip()
        if measure is None:
            p.add(field, "needs a measure.")
            continue
        surveyed = survey_goal(measure) is not None
        if measure not in BASE_GOALS and measure not in measures and not surveyed:
            p.add(field, f"'{measure}' is neither {', '.join(BASE_GOALS)} nor one of this program's figures.")
            continue
        try:
            target = non_negative_number(goal.get("target_value"), "target")
            period = choice(goal.get("per_period") or "year", "period", PERIODS)
            description = optional_text(goal.get("description"), "description", MAX_NAME)
        except FieldError as error:
            p.add(field, f"{error.field} {error.message}")
            continue
        problem = _survey_goal_problem(uow, measure, target, period) if surveyed else None
        if problem:
            p.add(field, problem)
            continue
        if (measure, period) in seen:
            p.add(field, f"there is already a goal for {measure} per {period}.")
            continue
        seen.add((measure, period))
        out.append({"measure": measure, "target_value": target, "per_period": period, "description": description})
    return out


def _write_links(uow: UnitOfWork, program_id: int, clean: dict) -> None:
    parent = {"program_id": program_id}
    uow.replace_links("program_target_districts", parent, [{"district_id": d} for d in clean["districts"]])
    uow.replace_links("program_target_crime_types", parent, [{"crime_type_code": c} for c in clean["crime_types"]])
    uow.replace_links("program_partners", parent, [{"organization_id": o} for o in clean["partners"]])
    uow.replace_links("program_outcome_measures", parent, [{"measure_code": m} for m in clean["measures"]])
    existing = {(g[2], g[4]): g for g in uow.execute("program_goals_of", program_id=program_id).fetchall()}
    # columns: id, version, measure, target_value, per_period, description
    wanted = {(g["measure"], g["per_period"]): g for g in clean["goals"]}
    for key, old in existing.items():
        if key not in wanted:
            uow.delete("program_goals", old[0], old[1])
        elif (old[3], old[5]) != (wanted[key]["target_value"], wanted[key]["description"]):
            uow.update("program_goals", old[0], old[1], {"target_value": wanted[key]["target_value"],
                                                         "description": wanted[key]["description"]})
    for key, goal in wanted.items():
        if key not in existing:
            uow.insert("program_goals", {"program_id": program_id, **goal})


def insert_program(uow: UnitOfWork, data: dict) -> int:
    clean = clean_program(uow, data)
    program_id = int(uow.insert("programs", clean["row"])["id"])
    _write_links(uow, program_id, clean)
    return program_id


def create_program(db: Database, actor: Actor, data: dict) -> int:
    with db.unit_of_work(actor) as uow:
        return insert_program(uow, data)


def update_program(db: Database, actor: Actor, program_id: int, version: int, data: dict) -> dict:
    with db.unit_of_work(actor) as uow:
        clean = clean_program(uow, data, exclude_id=program_id)
        row = uow.update("programs", program_id, version, clean["row"])
        _write_links(uow, program_id, clean)
        return row


def set_archived(db: Database, actor: Actor, program_id: int, version: int, archived: bool) -> dict:
    with db.unit_of_work(actor) as uow:
        return uow.update("programs", program_id, version, {"status": "archived" if archived else "active"})


def load_program(db: Database, program_id: int) -> dict | None:
    row = db.one("programs_by_id", id=program_id)
    if row is None:
        return None
    links = db.one("programs_links", id=program_id)
    goals = db.rows("program_goals_of", program_id=program_id)
    return {**{k: row[k] for k in ("name", "category", "description", "delivery_kind", "lead_officer_id",
                                   "start_date", "end_date", "status", "version")},
            "districts": list(links["districts"]), "crime_types": list(links["crime_types"]),
            "partners": list(links["partners"]), "measures": list(links["measures"]),
            "goals": [{k: g[k] for k in ("measure", "target_value", "per_period", "description")} for g in goals]}


# -- what the programs page and form show --------------------------------------------------------

def program_catalog(db: Database, today: date, category: str | None = None, status: str | None = None,
                    district_id: int | None = None, crime_type: str | None = None):
    """The programs matching the filters, with their activity in the year up to `today`."""
    return db.df("programs_catalog", category=category, status=status, district_id=district_id,
                 crime_type=crime_type, since=today - timedelta(days=365))


def entry_programs(db: Database) -> list[dict]:
    """Every program, by name, as the forms offer them (with its delivery kind)."""
    return db.rows("entry_programs")


def figure_programs(db: Database):
    """The programs the figure pages filter by (id, name, category)."""
    return db.df("metric_programs")


def outcome_measures(db: Database) -> list[dict]:
    """The outcome figures a program may record (code, label)."""
    return db.rows("entry_outcome_measures")


def picker_programs(db: Database):
    """The programs the map and the targeting page offer to show."""
    return db.df("programs_for_picker")


def stored_evaluation(db: Database, program_id: int, year: int) -> dict | None:
    """A program's evaluation of a year as stored (draft or submitted, with its version), or None."""
    return db.one("program_evaluation_row", program_id=program_id, year=year)
