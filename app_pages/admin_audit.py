"""Administration: the audit log, filtered and exported."""

from datetime import timedelta

import streamlit as st

from components import say
from components.database import get_database
from components.navigation import page_guard
from core import audit, clock, formatting
from components.tables import table
from core.exports import dataframe_to_csv_bytes
from core.formatting import plural
from core.vocabulary import headed, label, labelled

CODES = {"role": "audit_role", "action": "audit_action", "way_in": "way_in", "table_name": "table"}

page_guard("admin-audit")
db = get_database()
ROW_LIMIT = 5000

st.title("Audit log")
values = audit.filter_values(db)


def options(kind: str) -> list:
    return [None] + values.loc[values["kind"] == kind, "value"].tolist()


c1, c2, c3, c4 = st.columns(4)
username = c1.selectbox("User", options("username"), format_func=lambda v: "Everyone" if v is None else v,
                         key="audit_user")
action = c2.selectbox("Action", options("action"),
                      format_func=lambda v: "Any action" if v is None else label("audit_action", v),
                      key="audit_action")
table_name = c3.selectbox("Table", options("table_name"),
                          format_func=lambda v: "Any table" if v is None else label("table", v),
                          key="audit_table")
today = clock.department_today(db)
period = c4.date_input("Dates", value=(today - timedelta(days=30), today), format="YYYY-MM-DD")
picked = period if isinstance(period, (tuple, list)) else (period,)
date_from, date_to = (picked[0], picked[-1]) if picked else (today, today)     # one day picked: that day
rows = audit.entries(db, date_from, date_to, username=username, action=action, table_name=table_name,
                     limit=ROW_LIMIT)
say.caption("{count}{more}. Times are the department's time ({zone}).", count=plural(len(rows), "row"),
            more=say.text(" (the newest {limit:,}; narrow the filters to see older ones)", limit=ROW_LIMIT)
            if len(rows) == ROW_LIMIT else "", zone=clock.zone(db).key)
table(rows, codes=CODES, width="stretch", column_config={
    "at": st.column_config.DatetimeColumn("Time", format=formatting.MOMENT_COLUMN),
    "at_utc": None,                                     # kept for the download, beside the local time
    "username": "Username", "role": "Role", "action": "Action",
    "way_in": st.column_config.TextColumn("Way in", width=130),     # fits "Identity provider"
    "table_name": "Table", "record_id": "Record", "detail": "Detail", "before": "Before", "after": "After",
})
st.download_button("Download CSV", lambda: dataframe_to_csv_bytes(headed(labelled(rows, **CODES))),
                   file_name="audit_log.csv",
                   mime="text/csv", disabled=rows.empty, on_click="ignore")
