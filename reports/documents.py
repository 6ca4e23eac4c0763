"""One entry point for every download of the monthly report: PDF, DOCX, XLSX or JSON."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from core import formatting
from core.exports import dataframe_to_xlsx_bytes
from core.vocabulary import MISSING, label
from reports.chart_images import report_images
from reports.monthly import NARRATIVE, to_json
from reports.plain_text import for_documents

TOO_FEW = "too few answers"       # a survey cell with fewer answers than core.surveys.results.MIN_ANSWERS

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _figure(value, unit: str = "count"):
    """A figure as a spreadsheet number, rounded as the documents write it; "–" when missing."""
    if value is None:
        return MISSING
    return formatting.rounded(value, 1 if unit in formatting.HOURS else 0)


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def report_sheets(report: dict) -> dict[str, pd.DataFrame]:
    """The report's tables, one sheet each, with the same figures and words as the PDF."""
    h, c, period = report["header"], report["comparisons"], report["period"]
    about = pd.DataFrame({"Item": ["Department", "Unit", "Report", "Period", "From", "To", "Prepared by",
                                   "Addressed to", "Status"],
                          "Detail": [h["department"], h["unit"], h["title"], h["period"],
                                     formatting.day(period["start"]), formatting.day(period["end"]),
                                     h["prepared_by"], h["to"],
                                     label("document_status", report.get("status", "draft"))]})
    columns = list(dict.fromkeys(["Figure", period["label"], c["previous"], f"Change from {c['previous']}",
                                  c["last_year"], f"Change from {c['last_year']}", f"Year to date ({c['year_to_date']})"]))
    headline = _frame([{
        "Figure": r["label"], period["label"]: _figure(r["value"], r["unit"]),
        c["previous"]: _figure(r["previous"], r["unit"]),
        f"Change from {c['previous']}": formatting.change_words(r["value"], r["previous"], r["unit"]),
        c["last_year"]: _figure(r["last_year"], r["unit"]),
        f"Change from {c['last_year']}": formatting.change_words(r["value"], r["last_year"], r["unit"]),
        f"Year to date ({c['year_to_date']})": _figure(r["year_to_date"], r["unit"]),
    } for r in report["headline"]], columns)
    programs = _frame([{"Program": p["program"], "Category": label("program_category", p["category"]),
                        "Sessions": _figure(p["events"]), "Attendance": _figure(p["attendance"]),
                        "Officers involved": _figure(p["officers_involved"]),
                        "Officer-hours": _figure(p["officer_hours"], "hours")} for p in report["by_program"]],
                      ["Program", "Category", "Sessions", "Attendance", "Officers involved", "Officer-hours"])
    outcomes = _frame([{"Program": p["program"], "Outcome": o["measure"], "Value": _figure(o["value"], o["unit"]),
                        "Share of": o["share_of"] if o["share_pct"] is not None else MISSING,
                        "Share (percent)": _figure(o["share_pct"])}
                       for p in report["by_program"] for o in p["outcomes"]],
                      ["Program", "Outcome", "Value", "Share of", "Share (percent)"])
    districts = _frame([{"District": d["district"], "Name": d["name"], "Events": _figure(d["events"]),
                         "Attendance": _figure(d["attendance"]), "Officer-hours": _figure(d["officer_hours"], "hours"),
                         "Incidents": _figure(d["incidents"]), "Concerns received": _figure(d["concerns_received"])}
                        for d in report["by_district"]],
                       ["District", "Name", "Events", "Attendance", "Officer-hours", "Incidents", "Concerns received"])
    categories = _frame([{"Category": label("concern_category", r["category"]), "Received": r["received"],
                          "Resolved": r["resolved"], "Open at the end": r["open_at_end"]}
                         for r in report["concerns"]["by_category"]],
                        ["Category", "Received", "Resolved", "Open at the end"])
    statuses = _frame([{"Status": label("concern_status", r["status"]), "Concerns": r["concerns"]}
                       for r in report["concerns"]["by_status"]], ["Status", "Concerns"])
    ctx = report["crime_context"]
    spans = list(dict.fromkeys([period["label"], ctx["previous_label"], ctx["last_year_label"]]))
    first = ctx.get("incidents_from")

    def known(start: str | None) -> bool:       # a period before the first imported incident is not known
        return first is None or start is None or start >= first

    shown = {"incidents": known(period["start"]), "incidents_previous": known(ctx.get("previous_start")),
             "incidents_last_year": known(ctx.get("last_year_start"))}
    crime = _frame([{"District": r["district"], "Crime type": r["crime_type_label"], "Targeted by": r["programs"],
                     **{f"Incidents, {label_}": r[key] if shown[key] else MISSING for key, label_ in (
                         ("incidents", period["label"]), ("incidents_previous", ctx["previous_label"]),
                         ("incidents_last_year", ctx["last_year_label"]))}} for r in ctx["rows"]],
                   ["District", "Crime type", "Targeted by", *[f"Incidents, {span}" for span in spans]])
    events = _frame([{"Date": date.fromisoformat(e["date"]), "Time": e["time"], "Program": e["program"],
                      "Event": e["title"],
                      "District": e["district"] or "Townwide", "Location": e["location"] or MISSING,
                      "Attendance": _figure(e["attendance"]), "Officers": _figure(e["officers"]),
                      "Officer-hours": _figure(e["officer_hours"], "hours")} for e in report["events_appendix"]],
                    ["Date", "Time", "Program", "Event", "District", "Location", "Attendance", "Officers",
                     "Officer-hours"])
    found = report.get("survey")
    if found:
        about = pd.concat([about, pd.DataFrame({"Item": ["Resident survey", "Survey fieldwork"], "Detail": [
            found["wave"], f"{formatting.day(found['fieldwork_start'])} to {formatting.day(found['fieldwork_end'])}"]})],
            ignore_index=True)
    survey = _frame([{"Measure": m["label"],
                      "Share (percent)": TOO_FEW if m["suppressed"] else formatting.rounded(100 * m["share"]),
                      "Margin of error (points)": TOO_FEW if m["suppressed"] else formatting.rounded(100 * m["margin"]),
                      "Answers": m["answers"]} for m in (found or {}).get("measures", [])],
                    ["Measure", "Share (percent)", "Margin of error (points)", "Answers"])
    return {
        "Report": about,
        "Headline figures": headline,
        "Programs": programs,
        "Program outcomes": outcomes,
        "Districts": districts,
        "Concerns by category": categories,
        "Concerns by status": statuses,
        "Crime context": crime,
        "Narrative": pd.DataFrame({"Section": [text for _, text in NARRATIVE],
                                   "Text": [report["narrative"].get(key) or "Nothing to report." for key, _ in NARRATIVE]}),
        "Events": events,
        **({"Resident survey": survey} if "survey" in report else {}),
        "Glossary": _frame([{"Term": g["term"], "Definition": g["definition"]} for g in report["glossary"]],
                           ["Term", "Definition"]),
    }


def workbook_title(report: dict) -> str:
    """The first row of every sheet: the department, the report and its period."""
    h = report["header"]
    return f"{h['department']}: {h['title']}, {h['period']}"


def file_name(report: dict, fmt: str, stem: str = "community-relations-report") -> str:
    key = re.sub(r"[^0-9A-Za-z_-]+", "_", report["period"]["key"])
    return f"{stem}-{key}.{fmt}"


def render(report: dict, fmt: str, images: dict | None = None) -> bytes:
    """The report in one format. Charts are drawn once per call unless `images` are given."""
    if fmt == "json":
        return to_json(report).encode("utf-8")
    report = for_documents(report)         # no control character reaches a writer
    if fmt == "xlsx":
        return dataframe_to_xlsx_bytes(report_sheets(report), title=workbook_title(report),
                                       number_formats={"Officer-hours": "#,##0.0"})
    if fmt == "pdf":
        from reports.pdf import report_pdf

        return report_pdf(report, report_images(report) if images is None else images)
    if fmt == "docx":
        from reports.docx_doc import report_docx

        return report_docx(report, report_images(report) if images is None else images)
    raise ValueError(f"Unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.")
