"""Submitted reports: open, download and acknowledge them; administrators may reopen one."""

import pandas as pd
import streamlit as st

from components import flash, report_view, say
from components.database import get_database
from components.feedback import show_error
from components.figures import cached
from components.navigation import page_guard
from components.tables import table as show_table
from core import clock, formatting
from queries.access import can
from queries.errors import DataError
from reports.submission import acknowledge, history, reopen, report_row, snapshot

user = page_guard("report-history")
db = get_database()

st.title("Submitted reports")
st.caption("Every report the Crime Prevention officer has submitted, exactly as submitted.")

reports = cached(history, db, user.actor)
if not reports:
    st.info("No report has been submitted yet.")
    st.stop()

table = pd.DataFrame(reports)
table["acknowledged_by"] = table["acknowledged_by"].fillna("Not yet")
for stamp in ("submitted_at", "last_acknowledged_at"):           # stored in UTC, shown on the department's clock
    table[stamp] = clock.column_to_department(table[stamp], db)
show_table(table[["period_label", "submitted_by", "submitted_at", "acknowledged_by", "last_acknowledged_at"]],
           width="stretch", column_config={
               "period_label": "Period", "submitted_by": "Submitted by", "acknowledged_by": "Acknowledged by",
               "submitted_at": st.column_config.DatetimeColumn("Submitted", format=formatting.MOMENT_COLUMN),
               "last_acknowledged_at": st.column_config.DatetimeColumn("Last acknowledged",
                                                                       format=formatting.MOMENT_COLUMN)})

by_id = {r["id"]: r for r in reports}
chosen = by_id[st.selectbox("Open report", list(by_id), format_func=lambda i: by_id[i]["period_label"],
                            key="history-pick")]
row = report_row(db, chosen["id"])
if row is None or row["status"] != "submitted":
    st.warning("This report was reopened a moment ago and is a draft again.")
    st.stop()
report = snapshot(row)

say.subheader("{title}, {period}", title=report["header"]["title"], period=report["period"]["label"])
report_view.downloads(report, key=f"history-{row['id']}")

if can(user.actor, "acknowledge", "monthly_reports"):
    if chosen["acknowledged_by_me"]:
        st.success("You have acknowledged this report.")
    elif st.button("Acknowledge receipt", type="primary", key=f"ack-{row['id']}"):
        try:
            acknowledge(db, user.actor, row["id"])
            st.rerun()
        except DataError as error:
            show_error(error)

if can(user.actor, "reopen", "monthly_reports"):
    with st.expander("Reopen this report (administrators only)"):
        with st.form(f"reopen-{row['id']}"):
            reason = st.text_input("Reason (kept in the audit log)")
            go = st.form_submit_button("Reopen as a draft")
        if go:
            try:
                reopen(db, user.actor, row["id"], row["version"], reason)
                flash.later("success", "Reopened: the Crime Prevention officer can edit and submit it again.")
                st.rerun()
            except DataError as error:
                show_error(error)

report_view.figures(report)
