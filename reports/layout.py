"""The report's content as a list of neutral blocks, shared by the PDF and DOCX renderers.

Both documents walk the same blocks (headings, paragraphs, tables, images),
so they cannot differ in content, only in look.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reports.chart_images import Image, report_images
from reports.monthly import NARRATIVE


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Para:
    text: str
    style: str = "body"      # body, small, note
    lead: str | None = None  # a bold term before the text


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Any]]
    widths: list[float] | None = None   # relative
    numeric: set[int] = field(default_factory=set)


@dataclass
class Picture:
    image: Image
    width_cm: float = 16.0


def number(value: Any, unit: str = "count") -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, (int, float)):
        if unit == "hours" or (isinstance(value, float) and not float(value).is_integer()):
            return f"{value:,.1f}"
        return f"{int(value):,}"
    return str(value)


def changed(change: dict, unit: str = "count") -> str:
    if change.get("difference") is None:
        return "–"
    diff = change["difference"]
    sign = "+" if diff > 0 else ""
    text = f"{sign}{number(diff, unit)}"
    if change.get("percent") is not None:
        text += f" ({'+' if change['percent'] > 0 else ''}{change['percent']:.0f}%)"
    return text


def headline_table(report: dict) -> Table:
    c = report["comparisons"]
    rows = [[h["label"], number(h["value"], h["unit"]), number(h["previous"], h["unit"]),
             changed(h["change_previous"], h["unit"]), number(h["last_year"], h["unit"]), changed(h["change_last_year"], h["unit"]),
             number(h["year_to_date"], h["unit"])]
            for h in report["headline"]]
    return Table(["Figure", report["period"]["label"], c["previous"], "Change", c["last_year"], "Change",
                  f"Year to date ({c['year_to_date']})"], rows, [3.2, 1.2, 1.2, 1.3, 1.2, 1.3, 1.6],
                 numeric={1, 2, 3, 4, 5, 6})


def _image_blocks(image: Image | None) -> list:
    if image is None:
        return []
    if image.png is None:
        return [Para(f"[{image.title}] {image.note}", "note")]
    return [Picture(image)]


def program_blocks(report: dict, images: dict) -> list:
    blocks: list = [Heading("Programs and services delivered")]
    if not report["by_program"]:
        return blocks + [Para("No program events were held in this period.")]
    blocks += _image_blocks(images.get("programs"))
    for p in report["by_program"]:
        rows = [["Sessions held", number(p["events"])], ["Attendance", number(p["attendance"])],
                ["Officers involved", number(p["officers_involved"])],
                ["Officer-hours", number(p["officer_hours"], "hours")]]
        for o in p["outcomes"]:
            unit = "$" if o["unit"] == "dollars" else ""
            rows.append([o["measure"], f"{unit}{number(o['value'])}"])
            if o.get("share_pct") is not None:
                rows.append([f"{o['measure']}: share of {o['share_of'].lower()}", f"{o['share_pct']:.1f}%"])
        blocks += [Heading(p["program"], 2), Table(["Figure", "Value"], rows, [4, 1.5], numeric={1})]
    return blocks


def district_blocks(report: dict, images: dict) -> list:
    blocks: list = [Heading("Activity by district")]
    blocks += _image_blocks(images.get("map"))
    rows = [[d["district"], d["name"], number(d["events"]), number(d["attendance"]),
             number(d["officer_hours"], "hours"), number(d["incidents"]), number(d["concerns_received"])]
            for d in report["by_district"]]
    blocks.append(Table(["District", "Name", "Events", "Attendance", "Officer-hours", "Incidents",
                         "Concerns received"], rows, [1, 2.2, 1, 1.2, 1.3, 1.1, 1.3], numeric={2, 3, 4, 5, 6}))
    return blocks


def concern_blocks(report: dict, images: dict) -> list:
    c = report["concerns"]
    blocks: list = [Heading("Community concerns"), Para(
        f"Received {number(c['received'])}, resolved {number(c['resolved'])}, still open at the end of the "
        f"period {number(c['open_at_end'])}; median days to resolve "
        f"{number(c['median_days_to_resolve']) if c['median_days_to_resolve'] is not None else '– (none resolved)'}.")]
    if not c["by_category"]:
        return blocks + [Para("No concerns were received, resolved or open in this period.")]
    blocks += _image_blocks(images.get("concerns"))
    blocks.append(Heading("By category", 2))
    blocks.append(Table(["Category", "Received", "Resolved", "Open at end"],
                        [[r["category"].replace("_", " "), number(r["received"]), number(r["resolved"]),
                          number(r["open_at_end"])] for r in c["by_category"]], [3, 1, 1, 1], numeric={1, 2, 3}))
    if c["by_status"]:
        blocks.append(Heading("Concerns received in the period, by current status", 2))
        blocks.append(Table(["Status", "Concerns"], [[r["status"].replace("_", " "), number(r["concerns"])]
                                                    for r in c["by_status"]], [3, 1], numeric={1}))
    return blocks


def crime_blocks(report: dict) -> list:
    ctx = report["crime_context"]
    blocks: list = [Heading("Crime context: targeted districts and crime types"), Para(
        "Incidents of the crime types that the unit's programs target, in the districts where they target "
        "them, compared with the previous period and the same period last year.", "small")]
    if not ctx["rows"]:
        return blocks + [Para("No program targets a crime type in a district in this period.")]
    rows = [[r["district"], r["crime_type_label"], number(r["incidents"]), number(r["incidents_previous"]),
             number(r["incidents_last_year"])] for r in ctx["rows"]]
    blocks.append(Table(["District", "Crime type", report["period"]["label"], ctx["previous_label"],
                         ctx["last_year_label"]], rows, [1, 3, 1.3, 1.3, 1.3], numeric={2, 3, 4}))
    return blocks


def narrative_blocks(report: dict) -> list:
    blocks: list = []
    for key, label in NARRATIVE:
        blocks.append(Heading(label))
        text = report["narrative"].get(key) or ""
        if text.strip():
            blocks += [Para(part) for part in text.split("\n") if part.strip()]
        else:
            blocks.append(Para("Nothing to report.", "note"))
    return blocks


def appendix_blocks(report: dict) -> list:
    blocks: list = [Heading("Appendix: every event held")]
    if not report["events_appendix"]:
        return blocks + [Para("No events were held in this period.")]
    rows = [[e["date"], e["time"], e["program"], e["title"], e["district"] or "townwide", number(e["attendance"]),
             number(e["officers"]), number(e["officer_hours"], "hours")] for e in report["events_appendix"]]
    blocks.append(Table(["Date", "Time", "Program", "Event", "District", "Attendance", "Officers", "Officer-hours"],
                        rows, [1.5, 0.8, 2.6, 2.8, 1.1, 1.1, 1, 1.2], numeric={5, 6, 7}))
    return blocks


def glossary_blocks(report: dict) -> list:
    blocks: list = [Heading("Glossary: how each figure is counted")]
    for g in report["glossary"]:
        blocks.append(Para(g["definition"], "small", lead=g["term"]))
    return blocks


def header_lines(report: dict) -> list[str]:
    h = report["header"]
    lines = [f"Period: {h['period']} ({report['period']['start']} to {report['period']['end']})",
             f"To: {h['to']}", f"Prepared by: {h['prepared_by']}"]
    if report.get("status") == "submitted":
        lines.append(f"Submitted {h.get('submitted_at', '')} by {h.get('submitted_by', '')}")
    else:
        lines.append(f"DRAFT, assembled {h['generated_at']}: figures change as the data changes until submitted")
    return lines


def report_blocks(report: dict, images: dict | None = None) -> list:
    """Everything after the title block, in print order."""
    images = report_images(report) if images is None else images
    return [Heading("Headline figures"), headline_table(report),
            *program_blocks(report, images), *district_blocks(report, images), *concern_blocks(report, images),
            *crime_blocks(report), *narrative_blocks(report), *appendix_blocks(report), *glossary_blocks(report)]
