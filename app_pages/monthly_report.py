"""Monthly report: pick a period, review the assembled report, write the narrative, download, submit."""

import streamlit as st

from components import flash, report_view, say
from components.database import get_database
from components.feedback import show_error
from components.figures import cached
from components.navigation import page_guard
from components.period_picker import period_picker
from core import clock
from core.text import md
from core.users import name_of
from queries.errors import DataError
from reports.monthly import NARRATIVE, assemble_report
from reports.submission import save_narrative, snapshot, stored_report, submit

user = page_guard("report-monthly")
db = get_database()

st.title("Monthly report")
st.caption("Programs and services delivered, assembled from the data, for the Division Commander and the "
           "Chief's office. Any quarter, year or date range works the same way.")

period = period_picker("report", clock.department_today(db))
if period is None:
    st.stop()

stored = cached(stored_report, db, period)
submitted = stored is not None and stored["status"] == "submitted"
if submitted:
    report = snapshot(stored)
    say.success("Submitted {at} by {who}. This is the frozen copy: later changes to the data do "
                "not alter it. Only an administrator can reopen it (Reports > Submitted reports).",
                at=clock.stamp(db, stored["submitted_at"]), who=cached(name_of, db, stored["submitted_by"]))
else:
    with st.spinner(f"Assembling the report for {period.label}…"):
        # assembled once per period and reader until the next save (a narrative save is one)
        report = cached(assemble_report, db, period, user.actor, user.display_name, stored=stored)
        report["header"]["generated_at"] = clock.stamp(db)
    say.info("Draft for {period}: the figures follow the data until the report is submitted.", period=period.label)

report_tab, narrative_tab, submit_tab = st.tabs(["Report", "Narrative", "Download and submit"])

with report_tab:
    h = report["header"]
    say.markdown("**{department}**, {unit}  \n{title}, **{period}**  \nTo: {to}  \nPrepared by: {prepared_by}",
                 department=h["department"], unit=h["unit"], title=h["title"], period=h["period"], to=h["to"],
                 prepared_by=h["prepared_by"])
    report_view.figures(report)

with narrative_tab:
    if submitted:
        report_view.narrative(report)
    else:
        st.caption("Kept per period. Figures come from the data; these sections are yours.")
        with st.form("narrative"):
            values = {key: st.text_area(md(label), value=(stored or {}).get(key) or "", height=120,
                                        key=f"narrative-{period.key}-{key}")
                      for key, label in NARRATIVE}
            saved = st.form_submit_button("Save narrative", type="primary")
        if saved:
            try:
                row = save_narrative(db, user.actor, period, values, stored["version"] if stored else None)
                flash.later("success", "Narrative saved ({now:%H:%M}).", now=clock.department_now(db))
                st.rerun()
            except DataError as error:
                show_error(error)

with submit_tab:
    report_view.downloads(report, key=f"download-{period.key}")
    if not submitted:
        st.divider()
        st.markdown("**Submit** freezes the figures and narrative as they are now and sends the report to the "
                    "history that command staff read and acknowledge.")
        sure = st.checkbox("I have reviewed the figures and the narrative", key=f"sure-{period.key}")
        if st.button("Submit report", type="primary", disabled=not sure, key=f"submit-{period.key}"):
            try:
                submit(db, user.actor, period, user.display_name, stored["version"] if stored else None)
                flash.later("success", "The report for {period} was submitted.", period=period.label)
                st.rerun()
            except DataError as error:
                show_error(error)
