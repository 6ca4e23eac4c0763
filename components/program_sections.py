"""The program results page's tables: goals, events, cohorts and evaluations."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import say
from components.tables import table
from core.formatting import count, plural
from core import formatting
from core.periods import Period
from core.text import md
from core.vocabulary import label


def goal_table(goals: pd.DataFrame, attainment: pd.DataFrame, period: Period) -> None:
    if goals.empty:
        st.info("This program has no goals set; add them on the program's page to track attainment.")
        return
    view = goals.merge(attainment[["goal_id", "actual", "expected", "attainment"]], on="goal_id", how="left")
    view["attainment"] = view["attainment"] * 100
    view["target"] = [f"{count(t)} {label('goal_period', p)}"
                      for t, p in zip(view["target_value"], view["per_period"])]
    table(view[["measure_label", "target", "expected", "actual", "attainment"]], column_config={
        "measure_label": "Goal",
        "target": "Target",
        "expected": st.column_config.NumberColumn(f"Due in {period.label}", format="%.0f",
                                                  help="The target scaled to the period"),
        "actual": st.column_config.NumberColumn("Achieved", format="%.0f"),
        "attainment": st.column_config.ProgressColumn(
            "Attainment", format="%.0f%%", min_value=0, max_value=100,
            help="Achieved / due; over 100% shows as a full bar"),
    })
    due = view.dropna(subset=["attainment"])
    if len(due) < len(view):
        st.caption("A per-cohort goal is due only when a cohort ends in the period.")


def event_table(events: pd.DataFrame, period: Period) -> None:
    if events.empty:
        say.info("No events of this program in {period}.", period=period.label)
        return
    table(events[["starts_at", "title", "location", "district", "attendance", "officers", "officer_hours",
                  "feedback_avg_rating", "outcomes"]], height=320 if len(events) > 8 else "auto", column_config={
        "starts_at": st.column_config.DatetimeColumn("When", format="ddd D MMM YYYY, HH:mm"),
        "title": "Event", "location": "Where", "district": "District",
        "attendance": st.column_config.NumberColumn("Attendance", format="%d"),
        "officers": st.column_config.NumberColumn("Officers", format="%d"),
        "officer_hours": st.column_config.NumberColumn("Officer-hours", format="%.1f h"),
        "feedback_avg_rating": st.column_config.NumberColumn("Feedback (1-5)", format="%.1f"),
        "outcomes": "Outcome figures",
    })
    say.caption("{events}.", events=plural(len(events), "event"))


def cohort_table(cohorts: pd.DataFrame) -> None:
    if cohorts.empty:
        st.info("No cohorts have been scheduled for this course yet.")
        return
    cohorts = cohorts.assign(completion_rate=cohorts["completion_rate"] * 100,
                             attendance_rate=cohorts["attendance_rate"] * 100)
    table(cohorts[["cohort", "start_date", "end_date", "enrolled", "completed", "withdrawn",
                   "completion_rate", "attendance_rate", "ride_alongs"]], column_config={
        "cohort": "Cohort",
        "start_date": st.column_config.DateColumn("Starts", format="D MMM YYYY"),
        "end_date": st.column_config.DateColumn("Ends", format="D MMM YYYY"),
        "enrolled": st.column_config.NumberColumn("Enrolled", format="%d"),
        "completed": st.column_config.NumberColumn("Completed", format="%d"),
        "withdrawn": st.column_config.NumberColumn("Withdrew", format="%d"),
        "completion_rate": st.column_config.ProgressColumn("Completion rate", format="%.0f%%",
                                                           min_value=0, max_value=100),
        "attendance_rate": st.column_config.ProgressColumn("Sessions attended", format="%.0f%%",
                                                           min_value=0, max_value=100),
        "ride_alongs": st.column_config.NumberColumn("Ride-alongs", format="%d"),
    })


def evaluation_history(evaluations: pd.DataFrame) -> None:
    if evaluations.empty:
        st.info("No annual evaluation of this program has been written yet.")
        return
    for row in evaluations.itertuples():
        state = "submitted" if row.status == "submitted" else "draft"
        advice = (say.text(" · recommendation: **{advice}**", advice=label("recommendation", row.recommendation))
                  if isinstance(row.recommendation, str) else "")
        with st.expander(say.text("{year} ({state})", year=row.year, state=state), expanded=row.Index == 0):
            say.markdown("Status: {state}{advice}", state=state, advice=advice)
            if isinstance(row.submitted_by, str):
                say.caption("Submitted by {who} on {day}", who=row.submitted_by,
                            day=formatting.day(pd.Timestamp(row.submitted_at)))
            st.markdown(md(row.assessment) if isinstance(row.assessment, str) else "No assessment written yet.")
