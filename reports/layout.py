"""The report's content as a list of neutral blocks, shared by the PDF and DOCX renderers.

Both documents walk the same blocks (headings, paragraphs, tables, images),
so they cannot differ in content, only in look.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core import formatting
from core.vocabulary import MISSING, label
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
    keep_with_next: bool = False   # an introduction, kept on the page of what it introduces


@dataclass
class Table:
    """A table whose first row is its header (repeated on every page it runs over). Column widths
    are worked out by each renderer from the words in the columns, so that no word is broken."""
    columns: list[str]
    rows: list[list[Any]]
    numeric: set[int] = field(default_factory=set)
    total_row: bool = False       # the last row adds up the others (printed bold)
    whole: set[int] = field(default_factory=set)   # columns of short texts kept on one line (dates)


@dataclass
class Picture:
    image: Image
    width_cm: float = 16.0


def column_widths(block: Table, total: float, measure, padding: float) -> list[float]:
    """Column widths (in the renderer's unit) that break no word: each column is at least as wide
    as the longest word of its header (`measure(text, bold=True)`) and of its cells (`measure(text)`),
    and a column of figures (or of dates) keeps each on one line where the page allows. The room left goes to the
    columns whose text is longer than that, in proportion to how much longer. Only when the longest
    words of all columns together are wider than the page do columns shrink below them."""
    words, lines, floor, headers = [], [], [], []
    for i, name in enumerate(block.columns):
        word = max((measure(w, bold=True) for w in str(name).split()), default=0.0)
        line = 0.0
        for text in {"" if row[i] is None else str(row[i]) for row in block.rows}:   # each text once
            width = measure(text)
            line = max(line, width)
            if width > word:
                word = max(word, max((measure(w) for w in text.split()), default=0.0))
        words.append(word + padding)
        lines.append(min(max(line, word) + padding, total))
        headers.append(min(measure(str(name), bold=True) + padding, total))
        floor.append(min(max(line, word) + padding, total) if i in block.numeric | block.whole
                     else word + padding)
    if sum(lines) <= total:
        # room to spare: first for headers on one line, then shared in proportion
        wanted = [max(0.0, h - w) for h, w in zip(headers, lines)]
        share = min(1.0, (total - sum(lines)) / sum(wanted)) if sum(wanted) else 0.0
        widths = [w + want * share for w, want in zip(lines, wanted)]
        spare = total - sum(widths)
        return [w + spare * w / sum(widths) for w in widths]
    if sum(floor) > total:
        floor = words
    if sum(floor) <= total:
        spare, wanted = total - sum(floor), [w - f for w, f in zip(lines, floor)]
        return [f + spare * want / (sum(wanted) or 1) for f, want in zip(floor, wanted)]
    # a word wider than the page allows (a name typed without spaces): the columns whose longest
    # word fits in an equal share keep it, the others share the rest equally and break inside words
    fair = total / len(words)
    short = [w <= fair for w in words]
    rest = (total - sum(w for w, fits in zip(words, short) if fits)) / short.count(False)
    return [w if fits else rest for w, fits in zip(words, short)]


def number(value: Any, unit: str = "count") -> str:
    """A figure as the documents write it (core.formatting): counts and days whole, hours with one
    decimal, dollars with a $; a missing value "–"."""
    return formatting.amount(value, unit)


def changed(change: dict, unit: str = "count") -> str:
    """A stored change ({difference, percent}) in words: "+3 (+12%)", "no change", or "new" when
    the earlier figure was 0 (its percent is then None)."""
    diff = change.get("difference")
    if diff is None:
        return MISSING
    if change.get("percent") is None:
        return "new" if diff > 0 else "no change" if diff == 0 else formatting.amount(diff, unit)
    shown = formatting.amount(abs(diff), unit)
    if shown in ("0", "0.0", "$0"):
        return "no change"
    pct = formatting.rounded(change["percent"])
    return f"{'+' if diff > 0 else '-'}{shown} ({'+' if pct > 0 else '-' if pct < 0 else ''}{abs(pct)}%)"


def headline_table(report: dict) -> Table:
    c = report["comparisons"]
    twice = c["previous"] == c["last_year"]      # a year: the previous period is the same period last year
    to_date = report["period"]["kind"] != "year"  # and its year to date is itself
    rows = [[h["label"], number(h["value"], h["unit"]), number(h["previous"], h["unit"]),
             formatting.change(h["value"], h["previous"], h["unit"]),
             *([] if twice else [number(h["last_year"], h["unit"]),
                                 formatting.change(h["value"], h["last_year"], h["unit"])]),
             *([number(h["year_to_date"], h["unit"])] if to_date else [])]
            for h in report["headline"]]
    columns = ["Figure", report["period"]["label"], c["previous"], "Change",
               *([] if twice else [c["last_year"], "Change"]),
               *([f"Year to date ({c['year_to_date']})"] if to_date else [])]
    return Table(columns, rows, numeric=set(range(1, len(columns))))


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
    events, attendance = sum(p["events"] or 0 for p in report["by_program"]), \
        sum(p["attendance"] or 0 for p in report["by_program"])
    blocks.append(Para(f"{formatting.plural(len(report['by_program']), 'program')} held "
                       f"{formatting.plural(events, 'event')} in {report['period']['label']}, with a total "
                       f"attendance of {number(attendance)}.", keep_with_next=True))
    blocks += _image_blocks(images.get("programs"))
    rows = [[p["program"], number(p["events"]), number(p["attendance"]), number(p["officers_involved"]),
             number(p["officer_hours"], "hours"), outcomes_text(p["outcomes"])] for p in report["by_program"]]
    blocks.append(Table(["Program", "Sessions", "Attendance", "Officers", "Officer-hours", "Outcomes"], rows,
                        numeric={1, 2, 3, 4}))
    return blocks


def outcomes_text(outcomes: list[dict]) -> str:
    """A program's own outcome figures in one line: "Car seats inspected 14; Car seats installed
    incorrectly 7 (50% of car seats inspected)"; "–" when it has none."""
    parts = []
    for o in outcomes:
        text = f"{o['measure']} {number(o['value'], o['unit'])}"
        if o.get("share_pct") is not None:
            text += f" ({formatting.percent(o['share_pct'])} of {str(o['share_of']).lower()})"
        parts.append(text)
    return "; ".join(parts) or MISSING


def district_blocks(report: dict, images: dict) -> list:
    blocks: list = [Heading("Activity by district"), Para(
        "Events held, attendance, officer-hours, crime incidents and concerns received in each district; "
        "events that served the whole town are counted on their own line.", keep_with_next=True)]
    blocks += _image_blocks(images.get("map"))
    rows = [[d["district"], d["name"], number(d["events"]), number(d["attendance"]),
             number(d["officer_hours"], "hours"), number(d["incidents"]), number(d["concerns_received"])]
            for d in report["by_district"]]
    blocks.append(Table(["District", "Name", "Events", "Attendance", "Officer-hours", "Incidents",
                         "Concerns received"], rows, numeric={2, 3, 4, 5, 6}))
    return blocks


def concern_blocks(report: dict, images: dict) -> list:
    c = report["concerns"]
    median = c["median_days_to_resolve"]
    blocks: list = [Heading("Community concerns"), Para(
        f"Received {number(c['received'])}, resolved {number(c['resolved'])}, still open at the end of the "
        f"period {number(c['open_at_end'])}; median time to resolve "
        f"{formatting.plural(median, 'day') if median is not None else '– (none resolved)'}.", keep_with_next=True)]
    if not c["by_category"]:
        return blocks + [Para("No concerns were received, resolved or open in this period.")]
    blocks += _image_blocks(images.get("concerns"))
    blocks.append(Heading("By category", 2))
    blocks.append(Table(["Category", "Received", "Resolved", "Open at end"],
                        [[label("concern_category", r["category"]), number(r["received"]), number(r["resolved"]),
                          number(r["open_at_end"])] for r in c["by_category"]], numeric={1, 2, 3}))
    if c["by_status"]:
        blocks.append(Heading("Concerns received in the period, by current status", 2))
        blocks.append(Table(["Status", "Concerns"], [[label("concern_status", r["status"]), number(r["concerns"])]
                                                    for r in c["by_status"]], numeric={1}))
    return blocks


def crime_blocks(report: dict) -> list:
    ctx = report["crime_context"]
    blocks: list = [Heading("Crime context: targeted districts and crime types"), Para(
        "Incidents of the crime types that the unit's programs target, in the districts where they target "
        "them, compared with the previous period and the same period last year.", "small", keep_with_next=True)]
    if not ctx["rows"]:
        return blocks + [Para("No program targets a crime type in a district in this period.")]
    # the period and the ones it is compared with (a year's previous period is also its last year)
    spans = {ctx["previous_label"]: ("incidents_previous", ctx.get("previous_start")),
             ctx["last_year_label"]: ("incidents_last_year", ctx.get("last_year_start"))}
    spans = {report["period"]["label"]: ("incidents", report["period"]["start"]), **spans}
    first = ctx.get("incidents_from")
    known = {key: first is None or start is None or start >= first for key, start in spans.values()}
    keys = [key for key, _ in spans.values()]
    by_type = crime_by_type(ctx["rows"])
    totals = {"crime_type": "Total", "districts": [], **{key: sum(t[key] for t in by_type) for key in keys}}

    def row(t: dict) -> list:
        shown = [number(t[key]) if known[key] else MISSING for key in keys]
        change = formatting.change(t[keys[0]], t[keys[-1]]) if known[keys[0]] and known[keys[-1]] else MISSING
        return [t["crime_type"], ", ".join(t["districts"]), *shown, change]

    blocks.append(Table(["Crime type", "Targeted in districts", *spans, f"Change from {list(spans)[-1]}"],
                        [row(t) for t in by_type] + [row(totals)], numeric=set(range(2, len(spans) + 3)),
                        total_row=True))
    if not all(known.values()):
        blocks.append(Para(f"Crime incidents have been imported from {formatting.day(first)} to "
                           f"{formatting.day(ctx.get('incidents_to'))}; "
                           "a period before that shows –, as its incidents are not known.", "note"))
    return blocks


def crime_by_type(rows: list[dict]) -> list[dict]:
    """The crime context's (district, crime type) rows added up per crime type, most incidents first."""
    types: dict[str, dict] = {}
    for r in rows:
        t = types.setdefault(r["crime_type_label"], {"crime_type": r["crime_type_label"], "districts": [],
                                                     "incidents": 0, "incidents_previous": 0,
                                                     "incidents_last_year": 0})
        t["districts"].append(r["district"])
        for key in ("incidents", "incidents_previous", "incidents_last_year"):
            t[key] += r[key] or 0
    for t in types.values():
        t["districts"] = sorted(set(t["districts"]))
    return sorted(types.values(), key=lambda t: (-t["incidents"], t["crime_type"]))


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
    rows = [[formatting.day(e["date"]), e["time"], e["program"], e["title"], e["district"] or "Townwide",
             number(e["attendance"]),
             number(e["officers"]), number(e["officer_hours"], "hours")] for e in report["events_appendix"]]
    blocks.append(Table(["Date", "Time", "Program", "Event", "District", "Attendance", "Officers", "Officer-hours"],
                        rows, numeric={5, 6, 7}, whole={0, 1}))
    return blocks


def survey_blocks(report: dict) -> list:
    """The latest resident survey wave's headline figures (a report submitted before surveys were kept
    has no survey section, and none is printed)."""
    if "survey" not in report:
        return []
    from core.surveys.results import margin_words, share_words

    found = report["survey"]
    if found is None:
        return [Heading("Appendix: resident survey"),
                Para("No resident survey has been imported.", "note")]
    weighted = "weighted by the survey's own weights" if found["weighted"] else "unweighted"
    blocks: list = [Heading(f"Appendix: resident survey, {found['wave']}"), Para(
        f"Fieldwork {formatting.day(found['fieldwork_start'])} to {formatting.day(found['fieldwork_end'])}; "
        f"{formatting.plural(found['respondents'], 'respondent')}; shares of all who answered, {weighted}, "
        "with a 95% margin of error.", keep_with_next=True)]
    blocks.append(Table(["Measure", "Share", "Margin of error", "Answers"],
                        [[m["label"], share_words(m["share"]), margin_words(m["margin"]), number(m["answers"])]
                         for m in found["measures"]], numeric={1, 2, 3}))
    return blocks


def glossary_blocks(report: dict) -> list:
    blocks: list = [Heading("Glossary: how each figure is counted")]
    for g in report["glossary"]:
        blocks.append(Para(g["definition"], "small", lead=g["term"]))
    return blocks


def header_lines(report: dict) -> list[str]:
    h = report["header"]
    lines = [f"Period: {h['period']} ({formatting.day(report['period']['start'])} to "
             f"{formatting.day(report['period']['end'])})",
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
            *crime_blocks(report), *narrative_blocks(report), *appendix_blocks(report), *survey_blocks(report),
            *glossary_blocks(report)]
