"""The sections of the crime targeting page; each shows its figures and returns them for export."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components import charts, say
from components.figures import cached
from core import periods
from core.exports import dataframe_to_csv_bytes, dataframe_to_xlsx_bytes
from core.targeting import before_and_after, district_activity, incidents_by_type_and_district, program_targets
from components.tables import table as show_table
from core import formatting
from core.vocabulary import labelled

PERCENT = st.column_config.NumberColumn(format="%.0f")      # whole percentages, as everywhere
ONE_DECIMAL = st.column_config.NumberColumn(format="%.1f")
from queries.actor import Actor
from queries.db import Database


def crime_matrix_section(db: Database, actor: Actor, period: periods.Period) -> pd.DataFrame:
    st.subheader("Incidents by crime type and district")
    table = cached(incidents_by_type_and_district, db, actor, period)
    if table.empty:
        say.info("No incidents are recorded in {period}.", period=period.label)
        return table
    body = table[table["Crime type"] != "Total"].set_index("Crime type").drop(columns=["Total"])
    st.plotly_chart(charts.crime_heatmap(body, f"Incidents by crime type and district, {period.label}"))
    # drawn only once opened: a grid of every crime type by every district is sent and drawn in
    # the browser even inside a closed expander, and building it was a third of each rerun
    as_table = st.expander("As a table", key="targeting_matrix_table", on_change="rerun")
    if as_table.open:
        with as_table:
            show_table(table)
    return table


def district_activity_section(db: Database, actor: Actor, period: periods.Period,
                              crime_type: str | None, crime_label: str | None) -> pd.DataFrame:
    what = crime_label or "All crime types"
    say.subheader("Crime beside program activity, per district ({what})", what=what.lower())
    table = cached(district_activity, db, actor, period, crime_type)
    if table.empty or table["incidents"].sum() == 0 and table["events"].sum() == 0:
        say.info("No incidents and no program events in {period}.", period=period.label)
        return table
    flagged = table[table["attention"]]
    if flagged.empty:
        st.success("No district has high or rising crime together with low program activity in this period.")
    for row in flagged.itertuples():
        reasons = [r for r, on in (("high", row.crime_high), ("rising", row.crime_rising)) if on]
        change = (say.text(", {pct}% on the previous period", pct=f"{formatting.rounded(row.change_pct):+}")
                  if pd.notna(row.change_pct) else "")
        say.warning("**{code} {name}**: crime is {reasons} ({incidents}{change}) while program activity is "
                    "low ({events}, {attendance} attending).", code=row.code, name=row.name,
                    reasons=" and ".join(reasons), incidents=formatting.plural(row.incidents, "incident"),
                    change=change, events=formatting.plural(row.events, "event"),
                    attendance=formatting.count(row.attendance))
    st.plotly_chart(charts.incidents_beside_events(
        table[["code", "incidents", "events"]],
        f"Incidents ({what.lower()}) and program events per district, {period.label}"))   # escaped there
    shown = table.rename(columns={
        "code": "District", "name": "Name", "incidents": "Incidents", "previous_incidents": "Previous period",
        "change_pct": "Change %", "events": "Events", "attendance": "Attendance",
        "events_per_100_incidents": "Events per 100 incidents", "crime_high": "Crime high",
        "crime_rising": "Crime rising", "activity_low": "Activity low", "attention": "Needs attention"})
    shown = shown.drop(columns=["district_id"])
    show_table(shown, column_config={"Change %": PERCENT, "Events per 100 incidents": ONE_DECIMAL})
    st.caption("High: more incidents than the mean of the districts shown. Rising: at least 10% and 5 "
               "incidents more than the previous period. Low activity: fewer events per 100 incidents than "
               "the mean, or none.")
    return shown


def programs_section(db: Database, actor: Actor, period: periods.Period) -> pd.DataFrame:
    st.subheader("Programs: their targets against the incidents")
    table = cached(program_targets, db, actor, period)
    table["start_date"] = pd.to_datetime(table["start_date"]).dt.date
    table = labelled(table, status="program_status")
    if table.empty:
        st.info("No programs are on record.")
        return table
    for row in table.itertuples():
        if isinstance(row.untargeted_top_districts, str) and row.untargeted_top_districts:
            say.warning("**{program}** targets {districts}, but its target crime types ({crimes}) were most frequent "
                        "in {top}: {untargeted} not targeted.", program=row.program,
                        districts=row.target_districts or "no district", crimes=row.target_crime_types,
                        top=row.top_districts, untargeted=row.untargeted_top_districts)
    shown = table.rename(columns={
        "program": "Program", "status": "Status", "start_date": "Started", "target_crime_types": "Target crime types",
        "target_districts": "Target districts", "events": "Events", "attendance": "Attendance",
        "events_in_targets": "Events in target districts", "target_type_incidents": "Target-type incidents",
        "target_type_incidents_in_targets": "…in target districts", "share_in_targets_pct": "Share in targets %",
        "top_districts": "Most incidents of target types", "untargeted_top_districts": "Not targeted"})
    show_table(shown.drop(columns=["program_id"]), column_config={"Share in targets %": PERCENT})
    return shown.drop(columns=["program_id"])


def before_after_section(db: Database, actor: Actor, programs: pd.DataFrame, data: tuple[date, date]
                         ) -> pd.DataFrame:
    """`data`: the first day with an incident and the day after the last. Opens on the first program
    that started inside the crime data, the only kind whose start can be compared."""
    st.subheader("A program's target area before and after it started")
    names = dict(zip(programs["id"].tolist(), programs["name"]))
    starts = {pid: None if pd.isna(d) else pd.Timestamp(d).date()
              for pid, d in zip(programs["id"].tolist(), programs["start_date"])}
    first_day, data_end = data
    comparable = [pid for pid, start in starts.items() if start is not None and first_day < start < data_end]
    ids = list(names)
    c1, c2, c3 = st.columns(3)
    with c1:
        program_id = st.selectbox("Program", ids, format_func=names.get, key="targeting_program",
                                  index=ids.index(comparable[0]) if comparable else 0)
    started = starts.get(program_id)
    default = started if program_id in comparable else first_day + (data_end - first_day) / 2
    if program_id not in comparable:
        when = (say.text("on {started}, before the crime data begins ({first})", started=formatting.day(started),
                         first=formatting.day(first_day))
                if started is not None and started <= first_day else "outside the crime data")
        say.info("{program} started {when}; the comparison below is around another date, which you can change.",
                 program=names[program_id], when=when)
    with c2:
        start_on = st.date_input("Started on (or another date to compare around)", default,
                                 key=f"targeting_start_{program_id}", format="YYYY-MM-DD")
    with c3:
        days = st.selectbox("Window before and after", [30, 90, 180, 365], index=1, key="targeting_days",
                            format_func=lambda d: f"{d} days")
    table = cached(before_and_after, db, actor, program_id, start_on, days)
    if table[["incidents_before", "incidents_after"]].to_numpy().sum() == 0:
        say.info("No incidents of {program}'s target crime types are on record in the {days} days before or after "
                 "{start_on}. The imported crime data may not reach back that far, or the program has no "
                 "target crime types; pick another date.", program=names[program_id], days=days,
                 start_on=formatting.day(start_on))
        return table
    st.plotly_chart(charts.before_and_after(table[["area", "incidents_before", "incidents_after"]], days,
                                            formatting.day(start_on), names[program_id]))
    shown = table.rename(columns={"area": "Area", "incidents_before": "Before", "incidents_after": "After",
                                  "change_pct": "Change %", "window_days": "Window (days)"})
    show_table(shown, column_config={"Change %": PERCENT})
    return shown.assign(Program=names[program_id], **{"Compared around": start_on})


def export_buttons(sheets: dict[str, pd.DataFrame], period: periods.Period) -> None:
    st.subheader("Export")
    filled = {name: frame for name, frame in sheets.items() if frame is not None and not frame.empty}
    if not filled:
        st.info("Nothing to export for this period.")
        return
    st.download_button("Download everything (Excel)", lambda: dataframe_to_xlsx_bytes(filled),
                       file_name=f"crime_targeting_{period.key}.xlsx", icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")
    columns = st.columns(len(filled))
    for column, (name, frame) in zip(columns, filled.items()):
        column.download_button(say.text("{name} (CSV)", name=name), lambda frame=frame: dataframe_to_csv_bytes(frame), mime="text/csv",
                               file_name=f"{name.lower().replace(' ', '_')}_{period.key}.csv",
                               key=f"export_{name}", on_click="ignore")
