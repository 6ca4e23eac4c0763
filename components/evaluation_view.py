"""The assembled figures of an annual program evaluation, on screen."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import say
from components.tables import table
from core import formatting
from core.text import md
from core.vocabulary import label as word
from reports.evaluation import outcome_table, survey_goal_rows
from reports.layout import changed, number

LABELS = {"sessions": "Sessions held", "attendance": "Attendance", "officers_involved": "Officers involved",
          "officer_hours": "Officer-hours", "participants": "Participants", "completions": "Completions"}
HELP = {"participants": "Unique course participants: each person counted once, however many sessions they "
                        "attended.", "completions": "Course completions: participants who completed a course."}


def evaluation_figures(ev: dict) -> None:
    y, p = ev["year"], ev["program"]
    say.caption("{category} · started {start} · targets {crimes} in {districts}",
                category=word("program_category", p["category"]),
                start=formatting.day(p["start_date"]) if p["start_date"] else "date unknown",
                crimes=p["target_crime_types"] or "no crime type",
                districts=p["target_districts"] or "no district")
    say.subheader("Delivery in {year}, change from {before}", year=y, before=y - 1)
    for column, (key, label) in zip(st.columns(len(LABELS)), LABELS.items()):
        unit = "hours" if key == "officer_hours" else "count"
        delta = changed(ev["change"][key], unit)
        column.metric(md(label), number(ev["delivery"][key], unit), delta=None if delta == "–" else delta,
                      delta_color="off" if delta in ("new", "no change") else "normal",
                      delta_arrow="off" if delta in ("new", "no change") else "auto",
                      help=md(HELP[key]) if key in HELP else None)

    st.subheader("Against the program's goals")
    if ev["goals"]:
        table(pd.DataFrame([{
            "Goal": g["goal"],
            "Target": f"{number(g['target'], g.get('unit', 'count'))} {word('goal_period', g['per'])}",
            "Due this year": number(g["expected"], g.get("unit", "count")),
            "Achieved": number(g["actual"], g.get("unit", "count")),
            "Attainment": formatting.percent(g["attainment_pct"])} for g in ev["goals"]]), width="stretch")
    else:
        st.info("The program has no recorded goals.")

    for goal in ev.get("survey") or []:
        survey_goal(goal)

    left, right = st.columns(2)
    with left:
        st.subheader("Outcome figures")
        if ev["outcomes"]:
            columns, rows = outcome_table(ev)
            table(pd.DataFrame(rows, columns=columns), width="stretch")
        else:
            st.info("No outcome figures were recorded this year.")
        fb = ev["feedback"]
        st.subheader("Participant feedback")
        if fb.get("responses"):
            say.write("{responses} at {events}; average rating **{rating}** of 5.",
                      responses=formatting.plural(fb["responses"], "response"),
                      events=formatting.plural(fb["events_with_feedback"], "event"),
                      rating=formatting.rounded(fb["average_rating"], 1))
        else:
            st.info("No participant feedback was recorded this year.")
    with right:
        st.subheader("Community concerns in its target districts")
        if ev["concerns"]:
            table(pd.DataFrame(ev["concerns"]), codes={"category": "concern_category"}, width="stretch")
        else:
            st.info("No concerns were received in the program's target districts this year.")

    for window in ev["incidents"]:
        say.subheader("Target crime in target districts: {label}", label=window["label"])
        if window["note"]:
            st.caption(md(window["note"]))
        if not window.get("available", True):
            continue
        if window["rows"]:
            table(pd.DataFrame(window["rows"]).drop(columns=["crime_type"]), width="stretch", column_config={
                "crime_type_label": "Crime type", "incidents_before": window["before"],
                "incidents_after": window["after"]})
        else:
            st.info("The program names no target crime type or district.")


def survey_goal(goal: dict) -> None:
    """A goal on a resident-survey measure: the target, the two waves compared, and per target district
    the share, margin and answers in each with the change ("too few answers" where a wave had fewer
    than 10 answers there)."""
    say.subheader("Resident survey goal: {label}", label=goal["label"])
    waves = {when: (say.text("{wave} (fieldwork {start} to {end})", wave=w["wave"],
                             start=formatting.day(w["fieldwork_start"]), end=formatting.day(w["fieldwork_end"]))
                    if w else "no wave") for when, w in (("before", goal["before"]), ("after", goal["after"]))}
    say.caption("{goal}: {aim} {target} of residents in its target districts. Before: {before}; after: {after}. "
                "A change is named only where it is larger than the margins of error of both waves.",
                goal=goal["goal"], aim="at most" if goal["lower_is_better"] else "at least",
                target=formatting.percent(goal["target_pct"]), before=waves["before"], after=waves["after"])
    if goal["note"]:
        st.info(md(goal["note"]))
    table(pd.DataFrame(survey_goal_rows(goal), columns=["District", "Before", "Margin before", "Answers before",
                                                         "After", "Margin after", "Answers after", "Change"]),
          width="stretch")
