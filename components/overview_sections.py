"""The overview's tables: districts side by side, top programs, and the lists to act on."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components import charts, say
from components.navigation import BY_KEY, PAGES_DIR, allowed
from components.tables import table as show_table
from core import formatting
from core.periods import Period

PROGRAM_PAGE = "program-results"

DISTRICT_COLUMNS = {
    "district": st.column_config.TextColumn("District"),
    "events": st.column_config.NumberColumn("Events", help="Events held", format="%d"),
    "attendance": st.column_config.NumberColumn("Attendance", help="People attending events", format="%d"),
    "participants": st.column_config.NumberColumn("Course participants", format="%d"),
    "officer_hours": st.column_config.NumberColumn("Officer-hours", format="%.1f h"),
    "contacts": st.column_config.NumberColumn("Non-enforcement contacts", format="%d"),
    "contacts_per_shift": st.column_config.NumberColumn("Contacts per shift", format="%.1f"),
    "businesses_verified_share": st.column_config.ProgressColumn(
        "Businesses verified (12 mo)", format="%.0f%%", min_value=0, max_value=100),
    "concerns_received": st.column_config.NumberColumn("Concerns received", format="%d"),
    "concerns_open_end": st.column_config.NumberColumn("Concerns open at end", format="%d"),
    "median_days_to_resolve": st.column_config.NumberColumn("Median days to resolve", format="%.0f"),
    "organizations_active": st.column_config.NumberColumn("Active organizations", format="%d"),
}


def district_table(table: pd.DataFrame, period: Period) -> None:
    if table.empty:
        st.info("No districts to show for this selection.")
        return
    view = table.copy()
    view["district"] = (view["code"] + " " + view["district"]).str.strip()
    view["businesses_verified_share"] = view["businesses_verified_share"] * 100
    show_table(view[list(DISTRICT_COLUMNS)], column_config=DISTRICT_COLUMNS)
    if (table["district"] == "Townwide").any():
        st.caption("Townwide: events and organizations without a district (such as the Crime Stoppers "
                   "monthly summary and city departments).")


def map_link(role: str) -> None:
    """A link to the map page, only when that page exists in this build and the role may open it."""
    spec = BY_KEY.get("map")
    if spec is not None and allowed("map", role):
        st.page_link(PAGES_DIR / spec.file, label="See the districts on the map", icon=":material/map:")


def top_programs(table: pd.DataFrame, period: Period, role: str, top: int = 8) -> None:
    if table.empty:
        say.info("No program held an event in {period} for this selection.", period=period.label)
        return
    # one ranking drawn at a time (only the open tab runs and is sent): the browser's drawing of
    # charts is most of a page switch
    attendance_tab, goals_tab = st.tabs(["By attendance", "By goal attainment"], key="overview_top",
                                        on_change="rerun")
    if attendance_tab.open:
        with attendance_tab:
            ranked = table.sort_values("attendance", ascending=False).head(top)
            charts.show(charts.horizontal_bars(ranked, "program", "attendance",
                                               f"Programs by attendance (people), {period.label}", "People attending"),
                        "No attendance recorded.", key="top_attendance")
    if goals_tab.open:
        with goals_tab:
            goals = table.dropna(subset=["goal_attainment"]).sort_values("goal_attainment", ascending=False).head(top)
            charts.show(charts.horizontal_bars(goals, "program", "goal_attainment",
                                               f"Programs by goal attainment (% of goal due), {period.label}",
                                               "Goals due in the period reached", percent=True, cap=2.0),
                        say.text("No program has a goal due in {period}.", period=period.label), key="top_goals")
            if not goals.empty:
                st.caption("The mean of each program's goals, each target scaled to the period; the dashed "
                           "line is 100% (on target); bars stop at 200%.")
    if allowed(PROGRAM_PAGE, role) and PROGRAM_PAGE in BY_KEY:
        names = dict(zip(table["program_id"], table["program"]))
        chosen = st.selectbox("Open a program's results", list(names), format_func=names.get,
                              index=None, placeholder="Choose a program", key="overview_open_program")
        if chosen is not None:
            st.page_link(PAGES_DIR / BY_KEY[PROGRAM_PAGE].file, label=say.text("{program}: results and goals", program=names[chosen]),
                         icon=":material/insights:", query_params={"program": str(chosen)})


def lists_to_act_on(concerns: pd.DataFrame, businesses: pd.DataFrame, as_of: date, overdue_days: int) -> None:
    left, right = st.columns(2)
    with left:
        total = int(concerns["total_rows"].iloc[0]) if len(concerns) else 0
        say.markdown("**Concerns open more than {days} days** on {as_of}: {total}", days=overdue_days,
                     as_of=formatting.day(as_of), total=total)
        if total == 0:
            say.success("No concern has been open more than {days} days.", days=overdue_days)
        else:
            show_table(concerns[["received_on", "days_open", "category", "status", "district", "assigned_to",
                                 "location"]], codes={"category": "concern_category", "status": "concern_status"},
                       height=300, column_config={
                "received_on": st.column_config.DateColumn("Received", format="D MMM YYYY"),
                "days_open": st.column_config.NumberColumn("Days open", format="%d"),
                "category": "Category", "status": "Status", "district": "District",
                "assigned_to": "Assigned to", "location": "Location"})
            if total > len(concerns):
                say.caption("The {shown} oldest of {total}.", shown=len(concerns), total=total)
    with right:
        total = int(businesses["total_rows"].iloc[0]) if len(businesses) else 0
        say.markdown("**Businesses not verified within 12 months** on {as_of}: {total}",
                     as_of=formatting.day(as_of),
                     total=total)
        if total == 0:
            st.success("Every business on the list was verified within 12 months.")
        else:
            view = businesses.assign(last_verified=[
                "never" if pd.isna(day) else formatting.day(pd.Timestamp(day)) for day in businesses["last_verified_on"]])
            show_table(view[["name", "address", "district", "last_verified"]], height=300,
                       column_config={"name": "Business", "address": "Address", "district": "District",
                                      "last_verified": "Last verified"})
            if total > len(businesses):
                say.caption("Never verified first, then the oldest: {shown} of {total}.", shown=len(businesses),
                            total=total)

