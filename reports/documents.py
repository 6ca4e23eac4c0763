"""One entry point for every download of the monthly report: PDF, DOCX, XLSX or JSON."""

from __future__ import annotations

import re

import pandas as pd

from core.exports import dataframe_to_xlsx_bytes
from reports.chart_images import report_images
from reports.monthly import NARRATIVE, to_json

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def report_sheets(report: dict) -> dict[str, pd.DataFrame]:
    """The report's tables, one sheet each, with the same figures as the PDF."""
    h, c = report["header"], report["comparisons"]
    about = pd.DataFrame({"item": ["Department", "Unit", "Report", "Period", "From", "To", "Prepared by",
                                   "Addressed to", "Status"],
                          "value": [h["department"], h["unit"], h["title"], h["period"], report["period"]["start"],
                                    report["period"]["end"], h["prepared_by"], h["to"], report.get("status", "draft")]})
    headline = pd.DataFrame([{
        "figure": r["label"], report["period"]["label"]: r["value"], c["previous"]: r["previous"],
        "change from previous": r["change_previous"]["difference"], c["last_year"]: r["last_year"],
        "change from last year": r["change_last_year"]["difference"], "year to date": r["year_to_date"],
    } for r in report["headline"]])
    programs = pd.DataFrame([{k: p[k] for k in ("program", "category", "events", "attendance",
                                                 "officers_involved", "officer_hours")}
                             for p in report["by_program"]],
                            columns=["program", "category", "events", "attendance", "officers_involved",
                                     "officer_hours"])
    outcomes = pd.DataFrame([{"program": p["program"], "figure": o["measure"], "value": o["value"],
                              "share of": o["share_of"], "share %": o["share_pct"]}
                             for p in report["by_program"] for o in p["outcomes"]],
                            columns=["program", "figure", "value", "share of", "share %"])
    ctx = report["crime_context"]
    crime = pd.DataFrame(ctx["rows"], columns=["district", "crime_type", "crime_type_label", "programs",
                                               "incidents", "incidents_previous", "incidents_last_year"])
    crime = crime.rename(columns={"incidents": f"incidents {report['period']['label']}",
                                  "incidents_previous": f"incidents {ctx['previous_label']}",
                                  "incidents_last_year": f"incidents {ctx['last_year_label']}"})
    return {
        "Report": about,
        "Headline figures": headline,
        "Programs": programs,
        "Program outcomes": outcomes,
        "Districts": pd.DataFrame(report["by_district"], columns=["district", "name", "events", "attendance",
                                                                  "officer_hours", "incidents",
                                                                  "concerns_received"]),
        "Concerns by category": pd.DataFrame(report["concerns"]["by_category"],
                                             columns=["category", "received", "resolved", "open_at_end"]),
        "Concerns by status": pd.DataFrame(report["concerns"]["by_status"], columns=["status", "concerns"]),
        "Crime context": crime,
        "Narrative": pd.DataFrame({"section": [label for _, label in NARRATIVE],
                                   "text": [report["narrative"].get(key, "") for key, _ in NARRATIVE]}),
        "Events": pd.DataFrame(report["events_appendix"],
                               columns=["event_id", "date", "time", "program", "title", "district", "location",
                                        "attendance", "officers", "officer_hours"]),
        "Glossary": pd.DataFrame(report["glossary"], columns=["term", "definition", "source"]),
    }


def file_name(report: dict, fmt: str, stem: str = "community-relations-report") -> str:
    key = re.sub(r"[^0-9A-Za-z_-]+", "_", report["period"]["key"])
    return f"{stem}-{key}.{fmt}"


def render(report: dict, fmt: str, images: dict | None = None) -> bytes:
    """The report in one format. Charts are drawn once per call unless `images` are given."""
    if fmt == "json":
        return to_json(report).encode("utf-8")
    if fmt == "xlsx":
        return dataframe_to_xlsx_bytes(report_sheets(report))
    if fmt == "pdf":
        from reports.pdf import report_pdf

        return report_pdf(report, report_images(report) if images is None else images)
    if fmt == "docx":
        from reports.docx_doc import report_docx

        return report_docx(report, report_images(report) if images is None else images)
    raise ValueError(f"Unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.")
