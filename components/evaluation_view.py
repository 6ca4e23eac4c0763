"""The assembled figures of an annual program evaluation, on screen."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import say
from core.text import md
from reports.layout import changed, number

LABELS = {"sessions": "Sessions held", "attendance": "Attendance", "officers_involved": "Officers involved",
          "officer_hours": "Officer-hours", "participants": "Unique course participants",
          "completions": "Course completions"}


def evaluation_figures(ev: dict) -> None:
    y, p = ev["year"], ev["program"]
    say.caption("{category} · started {start} · targets {crimes} in {districts}", category=p["category"],
                start=p["start_date"] or "date unknown", crimes=p["target_crime_types"] or "no crime type",
                districts=p["target_districts"] or "no district")
    say.subheader("Delivery in {year}, change from {before}", year=y, before=y - 1)
    for column, (key, label) in zip(st.columns(len(LABELS)), LABELS.items()):
        unit = "hours" if key == "officer_hours" else "count"
        delta = changed(ev["change"][key], unit)
        column.metric(md(label), number(ev["delivery"][key], unit), delta=None if delta == "–" else delta)

    st.subheader("Against the program's goals")
    if ev["goals"]:
        st.dataframe(pd.DataFrame(ev["goals"]).rename(columns={
            "goal": "Goal", "measure": "Measure", "target": "Target", "per": "Per", "expected": "Due this year",
            "actual": "Achieved", "attainment_pct": "Attainment %"}), hide_index=True, width="stretch")
    else:
        st.info("The program has no recorded goals.")

    left, right = st.columns(2)
    with left:
        st.subheader("Outcome figures")
        if ev["outcomes"]:
            st.dataframe(pd.DataFrame(ev["outcomes"]).rename(columns={
                "measure": "Outcome", "value": str(y), "previous_year": str(y - 1), "share_pct": "Share %"}),
                hide_index=True, width="stretch")
        else:
            st.info("No outcome figures were recorded this year.")
        fb = ev["feedback"]
        st.subheader("Participant feedback")
        if fb.get("responses"):
            say.write("{responses} responses at {events} events; average rating **{rating}** of 5.",
                      responses=fb["responses"], events=fb["events_with_feedback"], rating=fb["average_rating"])
        else:
            st.info("No participant feedback was recorded this year.")
    with right:
        st.subheader("Community concerns it addressed")
        if ev["concerns"]:
            st.dataframe(pd.DataFrame(ev["concerns"]).rename(columns={
                "category": "Category", "received": "Received", "resolved": "Resolved"}),
                hide_index=True, width="stretch")
        else:
            st.info("No concerns were received in the program's target districts this year.")

    for window in ev["incidents"]:
        say.subheader("Target crime in target districts: {label}", label=window["label"])
        if window["note"]:
            st.caption(md(window["note"]))
        if not window.get("available", True):
            continue
        if window["rows"]:
            st.dataframe(pd.DataFrame(window["rows"]).drop(columns=["crime_type"]).rename(columns={
                "crime_type_label": "Crime type", "incidents_before": window["before"],
                "incidents_after": window["after"]}), hide_index=True, width="stretch")
        else:
            st.info("The program names no target crime type or district.")
