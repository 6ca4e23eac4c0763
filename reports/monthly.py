"""The monthly (or any-period) report, assembled section by section into a plain dict.

The dict is JSON-ready: it is what `cli.py report --format json` prints, what
a submitted report freezes into `monthly_reports.snapshot_json`, and the only
input of the PDF, DOCX and XLSX renderers. A submitted report is therefore
re-rendered from its snapshot, never from today's data.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from functools import lru_cache

import pandas as pd
from shapely.geometry import mapping, shape

from core.periods import Period
from queries.access import read_scope
from queries.actor import Actor
from queries.db import Database
from core import clock, metrics
from reports.figures import (AS_OF_END, HEADLINES, YEAR_TO_DATE_FAMILIES, difference_and_percent,
                             headline_values, json_number)
from reports.glossary import glossary

SCHEMA = 1
NARRATIVE = (
    ("highlights", "Highlights"),
    ("media", "Media and public information"),
    ("training", "Training"),
    ("recruiting", "Recruiting"),
    ("upcoming", "Upcoming events"),
    ("recommendations", "Recommendations"),
)
# figures beyond the headline ones, each defined in the header comment of its query
QUERY_GLOSSARY = [
    ("Program outcome figures", "metric_outcomes"),
    ("Incidents by district", "metric_incidents_by_district"),
    ("Concerns by category", "metric_concerns_by_category"),
    ("Concerns by status", "metric_concerns_by_status"),
    ("Crime context for targeted districts and crime types", "metric_crime_targeted"),
    ("Appendix of events", "report_events_appendix"),
]


def _records(frame) -> list[dict]:
    out = []
    for row in frame.to_dict("records"):
        out.append({k: (None if v is None or (not isinstance(v, (list, dict, str)) and pd.isna(v))
                        else v.isoformat() if isinstance(v, (date, datetime)) else json_number(v))
                    for k, v in row.items()})
    return out


def _setting(db: Database, key: str, default: str) -> str:
    return db.scalar("setting_value", key=key) or default


def _period_dict(period: Period) -> dict:
    return {"key": period.key, "label": period.label, "kind": period.kind,
            "start": period.start.isoformat(), "end": period.end.isoformat()}


def _name(db: Database, actor: Actor) -> str:
    """The reader's name as people know it (not the username); the unit's for the system."""
    account = db.one("user_by_username", username=actor.username) if actor.user_id is not None else None
    return (account or {}).get("display_name") or _setting(db, "unit_name", "Community Relations / Crime Prevention")


def header(db: Database, period: Period, prepared_by: str) -> dict:
    recipients = _setting(db, "report_recipients", "Division Commander; Office of the Chief of Police")
    return {
        "department": _setting(db, "department_name", "Police Department"),
        "unit": _setting(db, "unit_name", "Community Relations / Crime Prevention"),
        "title": "Monthly report of programs and services delivered" if period.kind == "month"
        else "Report of programs and services delivered",
        "period": period.label,
        "prepared_by": prepared_by,
        "to": recipients,
        "generated_at": clock.stamp(db),         # the department's time, zone named
    }


def compared_figures(db: Database, period: Period, actor: Actor) -> tuple[dict[str, dict], pd.DataFrame]:
    """The headline values of the period and of each period it is compared with, and the period's
    figures by district, each figure family's query run once per period."""
    comparisons = period.comparisons()
    # four periods x six figure families: small queries whose planning is single-threaded, so
    # running the periods side by side (each query on its own cursor) uses the idle cores
    with ThreadPoolExecutor(max_workers=1 + len(comparisons)) as pool:
        current = pool.submit(metrics.headline_and_districts, db, actor, period)
        earlier = {name: pool.submit(metrics.headline, db, actor, p, metrics.ALL,
                                     YEAR_TO_DATE_FAMILIES if name == "year_to_date" else metrics.FAMILIES)
                   for name, p in comparisons.items()}
        figures, by_district = current.result()
        values = {"current": headline_values(figures), **{name: headline_values(found.result())
                                                           for name, found in earlier.items()}}
    return values, by_district


def headline(values: dict[str, dict]) -> list[dict]:
    """The headline rows: each figure with its change from the compared periods (compared_figures)."""
    rows = []
    for h in HEADLINES:
        value = values["current"][h.key]
        rows.append({
            "key": h.key, "label": h.label, "unit": h.unit, "better": h.better, "value": value,
            "previous": values["previous"][h.key],
            "change_previous": difference_and_percent(value, values["previous"][h.key]),
            "last_year": values["last_year"][h.key],
            "change_last_year": difference_and_percent(value, values["last_year"][h.key]),
            "year_to_date": None if h.key in AS_OF_END else values["year_to_date"][h.key],
        })
    return rows


def programs(db: Database, period: Period, actor: Actor) -> list[dict]:
    """A table per program that held events: delivery figures and its own outcome figures."""
    delivered = _records(metrics.by_program(db, actor, period))
    every = metrics.outcomes_by_program(db, actor, period)    # one query for all programs
    every["share_pct"] = (every["share"].astype("float64") * 100).round(1)
    by_program: dict[int, list[dict]] = {}
    for o in _records(every):             # one pass, not a frame per program
        by_program.setdefault(int(o.pop("program_id")), []).append(o)
    rows = []
    for r in sorted(delivered, key=lambda r: (-(r["attendance"] or 0), r["program"])):
        outcomes = by_program.get(int(r["program_id"]), [])
        labels = {o["measure_code"]: o["label"] for o in outcomes}
        rows.append({
            "program": r["program"], "category": r["category"], "events": r["events"],
            "attendance": r["attendance"], "officers_involved": r["officers_involved"],
            "officer_hours": r["officer_hours"],
            "outcomes": [{"measure": o["label"], "measure_code": o["measure_code"], "unit": o["unit"],
                          "value": o["value"], "share_of": labels.get(o["base_measure"], o["base_measure"]),
                          "share_pct": o["share_pct"]}
                         for o in outcomes]})
    return rows


def districts(db: Database, period: Period, actor: Actor, by_district: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """Activity per district (every district the reader sees, townwide last; metrics.by_district's
    table) and the map outlines."""
    scope = read_scope(actor)
    table = _records(by_district)
    incidents = {r["district_id"]: r["incidents"] for r in _records(
        db.df("metric_incidents_by_district", **period.params(), **scope))}
    rows = [{"district": r["code"] or "Townwide", "name": r["district"] if r["code"] else "No single district", "events": r["events"],
             "attendance": r["attendance"], "officer_hours": r["officer_hours"],
             "incidents": incidents.get(r["district_id"], 0) if r["code"] else None,
             "concerns_received": r["concerns_received"]} for r in table]
    wanted = {r["district"] for r in rows}
    shapes = [{"code": s["code"], **_map_outline(s["geometry"])}
              for s in db.rows("report_district_shapes") if s["code"] in wanted and s["geometry"]]
    return rows, shapes


@lru_cache(maxsize=4096)
def _map_outline(geometry: str) -> dict:
    """A district's outline simplified for the report's map, and where its label goes: the same
    for the same stored boundary, so each boundary is simplified once per process, not per report."""
    geom = shape(json.loads(geometry))
    small = geom.simplify(max(geom.bounds[2] - geom.bounds[0], 1e-9) / 300, preserve_topology=True)
    point = geom.representative_point()
    return {"geometry": json.dumps(mapping(small)), "label_x": round(point.x, 6), "label_y": round(point.y, 6)}


def concerns(db: Database, period: Period, scope: dict, figures: dict) -> dict:
    """Totals from the shared concerns figures, then by category and status."""
    params = {**period.params(), **scope}
    return {"received": figures["concerns_received"], "resolved": figures["concerns_resolved"],
            "open_at_end": figures["concerns_open"], "median_days_to_resolve": figures["median_days_to_resolve"],
            "by_category": _records(db.df("metric_concerns_by_category", **params)),
            "by_status": _records(db.df("metric_concerns_by_status", **params))}


def crime_context(db: Database, period: Period, scope: dict) -> dict:
    before, last_year = period.previous(), period.year_before()
    rows = _records(db.df("metric_crime_targeted", **period.params(), **before.params("prev"),
                          **last_year.params("ly"), **scope))
    coverage = db.one("incidents_coverage") or {}
    return {"previous_label": before.label, "last_year_label": last_year.label, "rows": rows,
            "previous_start": before.start.isoformat(), "last_year_start": last_year.start.isoformat(),
            # the imported incidents' first and last day: a period outside them is unknown, not zero
            "incidents_from": coverage["first_day"].isoformat() if coverage.get("first_day") else None,
            "incidents_to": coverage["last_day"].isoformat() if coverage.get("last_day") else None}


def survey(db: Database, period: Period, actor: Actor) -> dict | None:
    """The headline figures of the latest resident survey wave whose fieldwork ended by the end of the
    period (None when there is none): its name, fieldwork dates, respondents, and per measure the share,
    margin and answers, or share and margin None with suppressed True where it had too few answers."""
    from core.surveys import results

    done = [w for w in results.waves(db) if _iso(w["fieldwork_end"]) <= period.end.isoformat()]
    if not done:
        return None
    wave = done[0]                          # newest first
    subjects = results.subject_labels(db)
    return {"wave": wave["name"], "fieldwork_start": _iso(wave["fieldwork_start"]),
            "fieldwork_end": _iso(wave["fieldwork_end"]), "respondents": wave["respondents"],
            "weighted": bool(wave["weighted"]),
            "measures": [{"measure": m["measure"], "subject": m["subject"],
                          "label": results.measure_words(m["measure"], m["subject"], subjects),
                          "share": m["share"], "margin": m["margin"], "answers": m["answers"],
                          "suppressed": bool(m["suppressed"])}
                         for m in results.headline(db, actor, wave["id"])]}


def _iso(value) -> str:
    return value.isoformat()[:10] if isinstance(value, (date, datetime)) else str(value)[:10]


def survey_glossary(found: dict | None) -> list[dict]:
    from core.surveys.results import GLOSSARY

    if found is None:
        return []
    return [{"term": "Resident survey: share", "definition": GLOSSARY["share"]},
            {"term": "Resident survey: margin of error", "definition": GLOSSARY["margin"]}]


def narrative(stored: dict | None) -> dict:
    stored = stored or {}
    return {key: (stored.get(key) or "") for key, _ in NARRATIVE}


def assemble_report(db: Database, period: Period, actor: Actor, prepared_by: str | None = None,
                    stored: dict | None = None) -> dict:
    """The whole report for a period, as the data stands now (drafts; snapshots freeze this)."""
    scope = read_scope(actor)
    if stored is None:
        stored = db.one("monthly_report_by_period", **period.params())
    values, district_figures = compared_figures(db, period, actor)
    head = headline(values)
    current = values["current"]
    by_program = programs(db, period, actor)
    by_district, shapes = districts(db, period, actor, district_figures)
    surveyed = survey(db, period, actor)
    report = {
        "schema": SCHEMA,
        "period": _period_dict(period),
        "comparisons": {name: compared.label for name, compared in period.comparisons().items()},
        "header": header(db, period, prepared_by or _name(db, actor)),
        # the flat figures automation reads (cli.py report --format json)
        **{key: current[key] for key in ("events", "attendance_total", "unique_participants", "officer_hours",
                                         "programs_active", "officers_involved", "non_enforcement_contacts",
                                         "new_organizations", "businesses_verified")},
        "headline": head,
        "by_program": by_program,
        "by_district": by_district,
        "map": shapes,
        "concerns": concerns(db, period, scope, current),
        "crime_context": crime_context(db, period, scope),
        "narrative": narrative(stored),
        "events_appendix": _records(db.df("report_events_appendix", **period.params(), **scope)),
        # the latest resident survey wave by the end of the period (None: no wave yet)
        "survey": surveyed,
        "glossary": [{"term": h.label, "definition": h.definition}
                     for h in HEADLINES] + glossary(QUERY_GLOSSARY) + survey_glossary(surveyed),
        "status": (stored or {}).get("status", "draft"),
    }
    return report


def to_json(report: dict) -> str:
    return json.dumps(report, indent=2, sort_keys=False, default=str)
