"""Showing an assembled report (draft or submitted snapshot) on screen, and its downloads."""

from __future__ import annotations

import hashlib
import pickle

import pandas as pd
import streamlit as st

from components import say
from components.charts import frozen, whole_ticks
from components.document_downloads import Document, document_downloads
from components.tables import table as show_table
from core import formatting
from core.text import Markdown, md
from reports import charts
from reports.chart_images import start_drawing
from reports.documents import FORMATS, file_name, render
from reports.layout import changed, number
from reports.monthly import NARRATIVE


# the headline cards' titles where the report's own label does not fit a card (the label is the help)
SHORT = {"unique_participants": "Participants", "businesses_verified": "Businesses verified",
         "concerns_open": "Concerns open", "median_days_to_resolve": "Days to resolve",
         "non_enforcement_contacts": "Patrol contacts"}
HOURS = st.column_config.NumberColumn("Officer-hours", format="%.1f")


def _delta(change: dict, unit: str) -> str | None:
    text = changed(change, unit)
    return None if text == "–" else text


def _card(h: dict) -> dict:
    """st.metric's options for a headline figure: a change from zero ("new") or none is grey, no arrow."""
    delta = _delta(h["change_previous"], h["unit"])
    signed = delta not in (None, "new", "no change")
    return {"delta": delta, "delta_color": ("normal" if h["better"] == "up" else "inverse") if signed else "off",
            "delta_arrow": "auto" if signed else "off"}


def _one_period_once(frame: pd.DataFrame) -> pd.DataFrame:
    """Each column headed by a period once. For a year the previous period is also the same period
    last year (the year before), and so for 365 days that do not cross 29 February: the two
    comparison columns are one period twice, and a table cannot have two columns of one name."""
    return frame.loc[:, ~frame.columns.duplicated()]


def headline(report: dict) -> None:
    c = report["comparisons"]
    st.subheader("Headline figures")
    if c["previous"] == c["last_year"]:
        say.caption("Change from {previous} under each figure; the table below also gives the year to date.",
                    previous=c["previous"])
    else:
        say.caption("Change from {previous} under each figure; the table below also compares with {last_year} "
                    "and the year to date.", previous=c["previous"], last_year=c["last_year"])
    rows = [report["headline"][i:i + 5] for i in range(0, len(report["headline"]), 5)]
    meaning = {g["term"]: g["definition"] for g in report.get("glossary", [])}
    for row in rows:
        for column, h in zip(st.columns(5), row):
            column.metric(md(SHORT.get(h["key"], h["label"])), number(h["value"], h["unit"]),
                          help=say.text("{label}: {meaning}", label=h["label"], meaning=meaning[h["label"]])
                          if h["label"] in meaning else None, **_card(h))
    table = pd.DataFrame([{
        "Figure": h["label"], report["period"]["label"]: number(h["value"], h["unit"]),
        c["previous"]: number(h["previous"], h["unit"]), "Change": changed(h["change_previous"], h["unit"]),
        c["last_year"]: number(h["last_year"], h["unit"]), "Change ": changed(h["change_last_year"], h["unit"]),
        "Year to date": number(h["year_to_date"], h["unit"])} for h in report["headline"]])
    if c["previous"] == c["last_year"]:
        table = table.drop(columns=["Change "])      # the same change again
    show_table(_one_period_once(table), width="stretch")


# the report's charts whose axis counts people or concerns
COUNT_AXIS = {"attendance_by_program_figure": "x", "concerns_by_category_figure": "x"}

# what the report's charts are drawn from (not the events appendix)
CHART_SECTIONS = ("period", "by_program", "by_district", "map", "concerns")


@st.cache_resource(show_spinner=False, max_entries=64)
def _built(name: str, content: str, _sections: dict, height: int | None):
    made = getattr(charts, name)(_sections)
    if made is None:
        return None
    fig, title, _width, printed_height = made
    fig = charts.styled(fig, title, height or printed_height)
    if name in COUNT_AXIS:                    # whole-number ticks on the axis of counts, as every chart has
        fig = whole_ticks(fig, COUNT_AXIS[name])
    return frozen(fig)


def _styled_figure(name: str, report: dict, height: int | None):
    """reports.charts.<name>(report), styled; built once per distinct report content, since building
    costs more than drawing. The content is named by a digest of its pickle: Streamlit's own hashing
    of the nested sections (the map's district outlines) took tens of milliseconds a chart on a large city."""
    sections = {key: report[key] for key in CHART_SECTIONS if key in report}
    content = hashlib.sha256(pickle.dumps(sections, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()
    return _built(name, content, sections, height)


def _figure(name: str, report: dict, height: int | None = None) -> None:
    """The same chart as the printed report, drawn interactively (no image renderer needed)."""
    fig = _styled_figure(name, report, height)
    if fig is not None:
        st.plotly_chart(fig, width="stretch")


def programs(report: dict) -> None:
    st.subheader("Programs and services delivered")
    if not report["by_program"]:
        st.info("No program events were held in this period.")
        return
    _figure("attendance_by_program_figure", report)
    for p in report["by_program"]:
        with st.expander(say.text("{program}: {events}, {attendance} attending", program=p["program"],
                                  events=formatting.plural(p["events"], "session"),
                                  attendance=formatting.count(p["attendance"]))):
            rows = [("Sessions held", number(p["events"])), ("Attendance", number(p["attendance"])),
                    ("Officers involved", number(p["officers_involved"])),
                    ("Officer-hours", number(p["officer_hours"], "hours"))]
            for o in p["outcomes"]:
                rows.append((o["measure"], ("$" if o["unit"] == "dollars" else "") + number(o["value"])))
                if o.get("share_pct") is not None:
                    rows.append((f"{o['measure']}: share of {o['share_of'].lower()}",
                                 formatting.percent(o["share_pct"])))
            st.markdown(md(figure_table(rows)))   # Markdown already (say.join): kept as it is


def figure_table(rows: list[tuple[str, str]]) -> Markdown:
    """Figure | value rows as a Markdown table: a program's few figures, for each of many programs,
    without an Arrow table per program on every rerun. Labels are escaped (`md`, pipes included)."""
    lines = [say.text("| Figure | Value |\n|---|---:|")]
    lines += [say.text("| {label} | {value} |", label=str(label).replace("\n", " "), value=value)
              for label, value in rows]
    return say.join("\n", lines)


def districts(report: dict) -> None:
    st.subheader("Activity by district")
    left, right = st.columns([2, 3])
    with left:
        _figure("district_map_figure", report, height=430)
    with right:
        show_table(pd.DataFrame(report["by_district"]), width="stretch",
                   column_config={"officer_hours": HOURS, "concerns_received": "Concerns received"})


def concerns(report: dict) -> None:
    c = report["concerns"]
    st.subheader("Community concerns")
    median = c["median_days_to_resolve"]
    say.write("Received **{received}**, resolved **{resolved}**, still open at the end of the period "
              "**{open}**; median days to resolve **{median}**.", received=c["received"], resolved=c["resolved"],
              open=c["open_at_end"], median="–" if median is None else number(median))
    if not c["by_category"]:
        st.info("No concerns were received, resolved or open in this period.")
        return
    _figure("concerns_by_category_figure", report)
    left, right = st.columns(2)
    with left:
        show_table(pd.DataFrame(c["by_category"]), codes={"category": "concern_category"}, width="stretch",
                   column_config={"open_at_end": "Open at end"})
    if c["by_status"]:
        right.caption("Concerns received in the period, by current status")
        with right:
            show_table(pd.DataFrame(c["by_status"]), codes={"status": "concern_status"}, width="stretch")


def crime_context(report: dict) -> None:
    ctx = report["crime_context"]
    st.subheader("Crime context: targeted districts and crime types")
    if not ctx["rows"]:
        st.info("No program targets a crime type in a district in this period.")
        return
    frame = pd.DataFrame(ctx["rows"])[["district", "crime_type_label", "incidents", "incidents_previous",
                                         "incidents_last_year", "programs"]].rename(columns={
        "district": "District", "crime_type_label": "Crime type", "programs": "Targeted by",
        "incidents": report["period"]["label"], "incidents_previous": ctx["previous_label"],
        "incidents_last_year": ctx["last_year_label"]})
    show_table(_one_period_once(frame), width="stretch")


def narrative(report: dict) -> None:
    for key, label in NARRATIVE:
        say.markdown("**{label}**", label=label)
        text = report["narrative"].get(key) or ""
        st.text(text) if text.strip() else st.caption("Nothing to report.")


def appendix_and_glossary(report: dict) -> None:
    """Both closed until the reader opens them, and only then built and sent: every event of a
    month in a large city is a grid of thousands of rows, which the browser parsed and laid out
    on each switch to the page, open or not."""
    appendix = st.expander(say.text("Appendix: every event held ({count})", count=len(report["events_appendix"])),
                           key="report_appendix", on_change="rerun")
    if appendix.open:
        with appendix:
            if report["events_appendix"]:
                show_table(pd.DataFrame(report["events_appendix"]).drop(columns=["event_id"]), width="stretch",
                           column_config={"officer_hours": HOURS})
            else:
                st.write("No events were held in this period.")
    glossary = st.expander("Glossary: how each figure is counted", key="report_glossary", on_change="rerun")
    if glossary.open:
        with glossary:
            for g in report["glossary"]:
                say.markdown("**{term}**: {definition}", term=g["term"], definition=g["definition"])


def figures(report: dict, with_narrative: bool = True) -> None:
    headline(report)
    programs(report)
    districts(report)
    concerns(report)
    crime_context(report)
    if with_narrative:
        st.subheader("Narrative")
        narrative(report)
    appendix_and_glossary(report)


def downloads(report: dict, key: str) -> None:
    """PDF, Word and Excel files of the report, made when the user asks (a file that cannot be made
    says why: components/document_downloads.py)."""
    header = {k: v for k, v in report["header"].items() if k != "generated_at"}   # a draft's clock
    content = {**report, "header": header}
    start_drawing()      # the charts' drawing processes start while the report is read (once per server)
    document_downloads(key, content, [
        Document(label, kind, file_name(report, fmt), FORMATS[fmt], lambda fmt=fmt: render(report, fmt))
        for fmt, label, kind in (("pdf", "Download PDF", "PDF"), ("docx", "Download Word (DOCX)", "Word (DOCX)"),
                                 ("xlsx", "Download Excel (XLSX)", "Excel (XLSX)"))])
