"""The annual program evaluation: assembled figures per program and year, the officer's assessment
and recommendation (continue, change, stop), kept in program_evaluations and printed as PDF or DOCX.

Submitting freezes the figures into `figures_json`; like a monthly report, only an administrator
can reopen a submitted evaluation (queries/access.py).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pandas as pd

from dateutil.relativedelta import relativedelta

from core import formatting, metrics
from core.periods import Period, custom, year as year_period
from core.vocabulary import MISSING, RECOMMENDATIONS, label
from queries.access import can, read_scope
from queries.actor import Actor
from queries.db import Database
from queries.errors import DataError, NotFound, ValidationError
from reports.figures import difference_and_percent, json_number
from reports.glossary import definition
from reports.layout import Heading, Para, Table, number
from reports.plain_text import document_text, for_documents

MAX_ASSESSMENT = 20_000


def _clean(row: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, date) else json_number(v)) for k, v in row.items()}


def _delivery(db: Database, actor: Actor, period: Period, program_id: int) -> dict:
    f = metrics.Filters(program_id=program_id)
    events = metrics.family(db, actor, "events", period, f)
    people = metrics.family(db, actor, "participants", period, f)
    return {"sessions": events.get("events"), "attendance": events.get("attendance"),
            "officers_involved": events.get("officers_involved"),
            "officer_hours": json_number(events.get("officer_hours")),
            "participants": people.get("participants"), "completions": people.get("completions")}


def _incidents(db: Database, actor: Actor, program_id: int, before: Period, after: Period, label: str) -> dict:
    coverage = db.one("incidents_coverage") or {}
    first, last = coverage.get("first_day"), coverage.get("last_day")
    covered = first is not None and first <= before.start and last >= after.end
    rows = [_clean(r) for r in db.rows("metric_program_incidents", program_id=program_id,
                                       **before.params("before"), **after.params("after"), **read_scope(actor))]
    note = None
    available = first is not None and first <= before.end and last >= after.start
    if first is None:
        note = "No crime incidents have been imported, so there is nothing to compare."
    elif not available:
        missing = before.label if first > before.end else after.label
        reach = "reach back to" if first > before.end else "reach"
        note = (f"The imported incidents run from {formatting.day(first)} to {formatting.day(last)}: they do not "
                f"{reach} {missing}, so there is nothing to compare.")
    elif not covered:
        note = (f"The imported incidents run from {formatting.day(first)} to {formatting.day(last)}, not over all of "
                f"{formatting.day(before.start)} to {formatting.day(after.end)}; counts outside that span are "
                "missing, not zero.")
    return {"label": label, "before": before.label, "after": after.label, "rows": rows, "note": note,
            "available": available,
            "total_before": sum(r["incidents_before"] for r in rows),
            "total_after": sum(r["incidents_after"] for r in rows)}


def _no_nan(value):
    """A figure for JSON: None for a missing or NaN value, a plain Python number otherwise."""
    if value is None or value != value or value is pd.NA:
        return None
    return value.item() if hasattr(value, "item") else value


def _survey_cells(db: Database, actor: Actor, wave_id: int, measure: str, subject: str | None) -> dict:
    """{district_id (None: all districts): answers, share, margin, suppressed} of one measure in a wave."""
    from core.surveys import results

    frame = results.shares(db, actor, wave_id)
    frame = frame[(frame["measure"] == measure)
                  & (frame["subject"].isna() if subject is None else frame["subject"] == subject)]
    return {(None if r["total"] else int(r["district_id"])): {
        "answers": int(r["answers"]), "share": _no_nan(r["share"]), "margin": _no_nan(r["margin"]),
        "suppressed": bool(r["suppressed"])} for r in frame.to_dict("records")}


def _survey_changes(db: Database, actor: Actor, after: int, before: int, measure: str,
                    subject: str | None) -> dict:
    """{district_id (None: all districts): (change, marked)} between two waves."""
    from core.surveys import results

    frame = results.changes(db, actor, after, before)
    frame = frame[(frame["measure"] == measure)
                  & (frame["subject"].isna() if subject is None else frame["subject"] == subject)]
    return {(None if r["total"] else int(r["district_id"])): (_no_nan(r["change"]), bool(r["marked"]))
            for r in frame.to_dict("records")}


def _wave(wave: dict | None) -> dict | None:
    return None if wave is None else {"wave": wave["name"], "fieldwork_start": _day(wave["fieldwork_start"]).isoformat(),
                                      "fieldwork_end": _day(wave["fieldwork_end"]).isoformat()}


def _day(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def survey_goals(db: Database, actor: Actor, program_id: int, started: date | None, this: Period) -> list[dict]:
    """Each goal of the program on a resident-survey measure, read in its target districts before and
    after: the latest wave that ended before the evaluated year (or before the program started, if that
    is later) and the latest wave carried out within the year after that; per district the share, margin
    and answers of each ("too few answers": share and margin None, suppressed True), the change and
    whether it exceeds the margins (marked), with the same for all districts together."""
    from core.districts import all_districts
    from core.entry.programs import survey_goal, survey_goal_words
    from core.surveys import results

    goals = [g for g in db.rows("program_goals_of", program_id=program_id) if survey_goal(g["measure"])]
    if not goals:
        return []
    cutoff = max(this.start, started) if started else this.start
    waves = results.waves(db)                                       # newest first
    before = next((w for w in waves if _day(w["fieldwork_end"]) < cutoff), None)
    after = next((w for w in waves if _day(w["fieldwork_start"]) >= cutoff and _day(w["fieldwork_end"]) <= this.end),
                 None)
    targets = list((db.one("programs_links", id=program_id) or {}).get("districts") or [])
    districts = [d for d in all_districts(db) if d["id"] in targets]
    subjects = results.subject_labels(db)
    out = []
    for g in goals:
        measure, subject = survey_goal(g["measure"])
        cells = {side: _survey_cells(db, actor, wave["id"], measure, subject) if wave else {}
                 for side, wave in (("before", before), ("after", after))}
        moved = _survey_changes(db, actor, after["id"], before["id"], measure, subject) if before and after else {}

        def row(district_id: int | None, code: str, name: str) -> dict:
            found = {"district": code, "name": name}
            for side in ("before", "after"):
                cell = cells[side].get(district_id) or {"answers": 0, "share": None, "margin": None,
                                                       "suppressed": True}
                found.update({f"{key}_{side}": value for key, value in cell.items()})
            found["change"], found["marked"] = moved.get(district_id, (None, False))
            return found

        note = None
        if before is None or after is None:
            missing = (f"no wave ended before {formatting.day(cutoff)}" if before is None else "")
            if after is None:
                missing += (" and " if missing else "") + \
                    f"no wave was carried out between {formatting.day(cutoff)} and {formatting.day(this.end)}"
            note = f"Nothing to compare: {missing}."
        out.append({
            "goal": g["description"] or survey_goal_words(g["measure"], subjects),
            "measure": measure, "subject": subject,
            "label": results.measure_words(measure, subject, subjects),
            "target_pct": _no_nan(g["target_value"]),
            # a problem's goal is to bring the share calling it serious down to the target
            "lower_is_better": measure == "problem",
            "before": _wave(before), "after": _wave(after), "note": note,
            "districts": [row(d["id"], d["code"], d["name"]) for d in districts],
            "all_districts": row(None, "All districts", "All districts"),
        })
    return out


def assemble_evaluation(db: Database, actor: Actor, program_id: int, year: int) -> dict:
    profile = db.one("program_profile", program_id=program_id)
    if profile is None:
        raise NotFound("programs", program_id)
    this = year_period(year)
    last = this.previous()
    scope = read_scope(actor)
    f = metrics.Filters(program_id=program_id)
    delivery, before = _delivery(db, actor, this, program_id), _delivery(db, actor, last, program_id)
    goals = metrics.goal_attainment(db, actor, this, f)
    units = {m["code"]: m["unit"] for m in db.rows("entry_outcome_measures")}
    goal_rows = [{"goal": g["description"] or g["measure_label"], "measure": g["measure_label"],
                  "unit": units.get(g["measure"], "count"),
                  "target": json_number(g["target_value"]), "per": g["per_period"],
                  "expected": json_number(g["expected"]), "actual": json_number(g["actual"]),
                  "attainment_pct": None if g["attainment"] is None or g["attainment"] != g["attainment"]
                  else round(100 * g["attainment"], 0)}
                 for g in goals.to_dict("records")]
    outcomes_now = {o["measure_code"]: o for o in metrics.outcomes(db, actor, this, f).to_dict("records")}
    outcomes_then = {o["measure_code"]: o for o in metrics.outcomes(db, actor, last, f).to_dict("records")}
    outcome_rows = [{"measure": o["label"], "unit": o["unit"], "value": json_number(o["value"]),
                     "previous_year": json_number(outcomes_then.get(code, {}).get("value", 0)),
                     "share_pct": None if o["share"] is None or o["share"] != o["share"]
                     else round(100 * o["share"], 1)}
                    for code, o in sorted(outcomes_now.items())]
    feedback = _clean(db.one("metric_program_feedback", program_id=program_id, **this.params(), **scope) or {})
    concerns = [_clean(r) for r in db.rows("metric_program_concerns", program_id=program_id, **this.params(),
                                           **scope)]
    windows = [_incidents(db, actor, program_id, last, this, f"{this.label} against {last.label}")]
    started = profile["start_date"]
    if started is not None:
        a_year, a_day = relativedelta(years=1), timedelta(days=1)
        window_before = custom(started - a_year, started - a_day)
        window_after = custom(started, started + a_year - a_day)
        windows.append(_incidents(db, actor, program_id, window_before, window_after,
                                  f"the year before and after it started ({formatting.day(started)})"))
    surveyed = survey_goals(db, actor, program_id, profile["start_date"], this)
    stored = db.one("program_evaluation_row", program_id=program_id, year=year) or {}
    return {
        "schema": 1, "year": year,
        "program": _clean(profile),
        "delivery": delivery, "delivery_previous_year": before,
        "change": {k: difference_and_percent(delivery[k], before[k]) for k in delivery},
        "goals": goal_rows, "outcomes": outcome_rows, "feedback": feedback, "concerns": concerns,
        "incidents": windows,
        "survey": surveyed,
        "assessment": stored.get("assessment") or "", "recommendation": stored.get("recommendation"),
        "status": stored.get("status", "draft"),
        "glossary": [
            {"term": "Sessions, attendance, officers", "definition": metrics.GLOSSARY["events"]},
            {"term": "Goal attainment", "definition": metrics.GLOSSARY["goal_attainment"]},
            {"term": "Participant feedback", "definition": definition("metric_program_feedback")},
            {"term": "Concerns in its target districts", "definition": definition("metric_program_concerns")},
            {"term": "Incidents", "definition": definition("metric_program_incidents")},
            *(_survey_glossary() if surveyed else []),
        ],
    }


def _survey_glossary() -> list[dict]:
    from core.surveys.results import GLOSSARY

    return [{"term": "Resident survey: share", "definition": GLOSSARY["share"]},
            {"term": "Resident survey: margin of error", "definition": GLOSSARY["margin"]},
            {"term": "Resident survey: change", "definition": GLOSSARY["change"]}]


# ---------------------------------------------------------------- writes

def _validated(assessment: str, recommendation: str | None, submitting: bool) -> dict:
    text = (assessment or "").strip()
    problems = {}
    if len(text) > MAX_ASSESSMENT:
        problems["assessment"] = f"At most {MAX_ASSESSMENT:,} characters (now {len(text):,})."
    if recommendation not in (None, "", *RECOMMENDATIONS):
        problems["recommendation"] = "Choose continue, change or stop."
    if submitting and not text:
        problems["assessment"] = "Write the assessment before submitting."
    if submitting and not recommendation:
        problems["recommendation"] = "Choose continue, change or stop before submitting."
    if problems:
        raise ValidationError(problems)
    return {"assessment": text or None, "recommendation": recommendation or None}


def save_evaluation(db: Database, actor: Actor, program_id: int, year: int, assessment: str,
                    recommendation: str | None, version: int | None, submit: bool = False) -> dict:
    values = _validated(assessment, recommendation, submit)
    with db.unit_of_work(actor) as uow:
        stored = db.one("program_evaluation_row", program_id=program_id, year=year)
        if stored is None:
            if version is not None:
                raise NotFound("program_evaluations", f"{program_id}/{year}")
            stored = uow.insert("program_evaluations", {"program_id": program_id, "year": year, **values})
            version = stored["version"]
        elif stored["status"] == "submitted" and not can(actor, "reopen", "program_evaluations"):
            raise DataError("This evaluation was submitted; only an administrator can reopen it.")
        changes = dict(values)
        if submit:
            figures = assemble_evaluation(db, actor, program_id, year)
            figures.update(values, status="submitted")
            changes.update(status="submitted", figures_json=json.dumps(figures, default=str),
                           submitted_by=actor.username, submitted_at=uow.now)
        row = uow.update("program_evaluations", stored["id"], version, changes)
        if submit:
            uow.audit("submit", "program_evaluations", row["id"], detail=f"evaluation {year}")
        return row


def reopen_evaluation(db: Database, actor: Actor, evaluation_id: int, version: int, reason: str) -> dict:
    if len((reason or "").strip()) < 5:
        raise ValidationError({"reason": "Say why the evaluation is reopened (at least 5 characters)."})
    with db.unit_of_work(actor) as uow:
        row = uow.update("program_evaluations", evaluation_id, version,
                         {"status": "draft", "submitted_by": None, "submitted_at": None})
        uow.audit("reopen", "program_evaluations", evaluation_id, detail=f"reopened: {reason.strip()}")
        return row


def evaluation_for_display(db: Database, actor: Actor, program_id: int, year: int) -> dict:
    """The frozen figures of a submitted evaluation, else the figures as they stand now."""
    stored = db.one("program_evaluation_row", program_id=program_id, year=year)
    if stored and stored["status"] == "submitted" and stored["figures_json"]:
        return json.loads(stored["figures_json"])
    return assemble_evaluation(db, actor, program_id, year)


def overview(db: Database, year: int) -> list[dict]:
    return db.rows("program_evaluations_overview", year=year)


# ---------------------------------------------------------------- documents


def outcome_table(ev: dict) -> tuple[list[str], list[list[str]]]:
    """The outcome figures of the year and the year before, as the page and the documents show them:
    with the share of its base measure only when an outcome has one (else a column of dashes)."""
    y = ev["year"]
    shares = any(o["share_pct"] is not None for o in ev["outcomes"])
    columns = ["Outcome", str(y), str(y - 1), *(["Share"] if shares else [])]
    rows = [[o["measure"], number(o["value"], o.get("unit", "count")),
             number(o["previous_year"], o.get("unit", "count")),
             *([formatting.percent(o["share_pct"])] if shares else [])] for o in ev["outcomes"]]
    return columns, rows


def evaluation_blocks(ev: dict) -> list:
    p, d, b, y = ev["program"], ev["delivery"], ev["delivery_previous_year"], ev["year"]
    blocks: list = [Heading("The program"), Para(p.get("description") or ""),
                    Table(["Program", p["name"]], [["Category", label("program_category", p["category"])],
                                                   ["Delivered as", label("delivery_kind", p.get("delivery_kind"))],
                                                   ["Started", formatting.day(p["start_date"])],
                                                   ["Status", label("program_status", p["status"])],
                                                   ["Lead officer", p["lead_officer"] or MISSING],
                                                   ["Target districts", p["target_districts"] or MISSING],
                                                   ["Target crime types", p["target_crime_types"] or MISSING]])]
    labels = {"sessions": "Sessions held", "attendance": "Attendance", "officers_involved": "Officers involved",
              "officer_hours": "Officer-hours", "participants": "Unique course participants",
              "completions": "Course completions"}
    unit = {"officer_hours": "hours"}
    blocks += [Heading(f"Delivery in {y} and change from {y - 1}"),
               Table(["Figure", str(y), str(y - 1), "Change"],
                     [[text, number(d[k], unit.get(k, "count")), number(b[k], unit.get(k, "count")),
                       formatting.change(d[k], b[k], unit.get(k, "count"))]
                      for k, text in labels.items()], numeric={1, 2, 3})]
    blocks.append(Heading("Against the program's goals"))
    if ev["goals"]:
        blocks.append(Table(["Goal", "Target", "Due this year", "Achieved", "Attainment"],
                            [[g["goal"], f"{number(g['target'], g.get('unit', 'count'))} "
                                         f"{label('goal_period', g['per'])}",
                              number(g["expected"], g.get("unit", "count")), number(g["actual"], g.get("unit", "count")),
                              formatting.percent(g["attainment_pct"])]
                             for g in ev["goals"]], numeric={2, 3, 4}))
    else:
        blocks.append(Para("The program has no recorded goals.", "note"))
    blocks += survey_goal_blocks(ev)
    blocks.append(Heading("Outcome figures"))
    if ev["outcomes"]:
        columns, rows = outcome_table(ev)
        blocks.append(Table(columns, rows, numeric=set(range(1, len(columns)))))
    else:
        blocks.append(Para("No outcome figures were recorded this year.", "note"))
    fb = ev["feedback"]
    blocks.append(Heading("Participant feedback"))
    blocks.append(Para(f"{formatting.plural(fb.get('responses'), 'response')} at "
                       f"{formatting.plural(fb.get('events_with_feedback'), 'event')}; average rating "
                       f"{formatting.rounded(fb['average_rating'], 1)} of 5." if fb.get("responses")
                       else "No participant feedback was recorded this year.", "body" if fb.get("responses") else "note"))
    blocks.append(Heading("Community concerns in its target districts"))
    if ev["concerns"]:
        blocks.append(Table(["Category", "Received", "Resolved"],
                            [[label("concern_category", c["category"]), number(c["received"]), number(c["resolved"])]
                             for c in ev["concerns"]], numeric={1, 2}))
    else:
        blocks.append(Para("No concerns were received in the program's target districts this year.", "note"))
    for window in ev["incidents"]:
        blocks.append(Heading(f"Incidents of its target crime types in its target districts: {window['label']}"))
        if window["note"]:
            blocks.append(Para(window["note"], "note"))
        if not window.get("available", True):
            continue
        blocks.append(Table(["Crime type", window["before"], window["after"], "Change"],
                            [[r["crime_type_label"], number(r["incidents_before"]), number(r["incidents_after"]),
                              formatting.change(r["incidents_after"], r["incidents_before"])]
                             for r in window["rows"]]
                            + [["Total", number(window["total_before"]), number(window["total_after"]),
                                formatting.change(window["total_after"], window["total_before"])]],
                            numeric={1, 2, 3}))
    blocks += [Heading("Assessment"), *[Para(t) for t in (ev["assessment"] or "Not written yet.").split("\n") if t.strip()],
               Heading("Recommendation"),
               Para(RECOMMENDATIONS.get(ev["recommendation"] or "", "No recommendation yet."))]
    blocks.append(Heading("How the figures are counted"))
    blocks += [Para(g["definition"], "small", lead=g["term"]) for g in ev["glossary"]]
    return blocks


def survey_goal_rows(goal: dict) -> list[list[str]]:
    """Per target district, then all districts: the share, margin and answers before and after, and the
    change in words ("too few answers" where a wave had fewer than 10 answers there)."""
    from core.surveys.results import change_words, margin_words, share_words

    def side(r: dict, when: str) -> list[str]:
        if goal[when] is None:
            return [MISSING, MISSING, MISSING]
        return [share_words(r[f"share_{when}"]), margin_words(r[f"margin_{when}"]), number(r[f"answers_{when}"])]

    both = goal["before"] is not None and goal["after"] is not None
    return [[f"{r['district']} {r['name']}" if r["district"] != r["name"] else r["name"], *side(r, "before"),
             *side(r, "after"), change_words(r["change"], r["marked"]) if both else MISSING]
            for r in [*goal["districts"], goal["all_districts"]]]


def survey_goal_blocks(ev: dict) -> list:
    blocks: list = []
    for goal in ev.get("survey") or []:
        aim = "at most" if goal["lower_is_better"] else "at least"
        waves = []
        for when, word in (("before", "Before"), ("after", "After")):
            w = goal[when]
            waves.append(f"{word}: {w['wave']} (fieldwork {formatting.day(w['fieldwork_start'])} to "
                         f"{formatting.day(w['fieldwork_end'])})" if w else f"{word}: no wave")
        blocks += [Heading(f"Resident survey goal: {goal['label']}"),
                   Para(f"{goal['goal']}: {aim} {formatting.percent(goal['target_pct'])} of residents in its "
                        "target districts.", lead="Goal", keep_with_next=True),
                   Para(f"{waves[0]}; {waves[1]}. A change is named only where it is larger than the margins "
                        "of error of both waves.", keep_with_next=True)]
        if goal["note"]:
            blocks.append(Para(goal["note"], "note", keep_with_next=True))
        blocks.append(Table(["District", "Before", "Margin of error", "Answers", "After", "Margin of error",
                             "Answers", "Change"], survey_goal_rows(goal), numeric={1, 2, 3, 4, 5, 6},
                            total_row=True))
    return blocks


def evaluation_document(ev: dict, fmt: str, department: str = "Police Department") -> bytes:
    ev, department = for_documents(ev), document_text(department)      # no control character reaches a writer
    title = f"Program evaluation {ev['year']}: {ev['program']['name']}"
    lines = [department, "Annual evaluation of program effectiveness, for the Office of the Chief",
             "Submitted" if ev.get("status") == "submitted" else "DRAFT"]
    if fmt == "pdf":
        from reports.pdf import build_pdf

        return build_pdf(title, lines, evaluation_blocks(ev), f"{department} · {title}")
    if fmt == "docx":
        from reports.docx_doc import build_docx

        return build_docx(title, lines, evaluation_blocks(ev))
    raise ValueError(f"Unknown format {fmt!r}")
