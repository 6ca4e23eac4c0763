"""Program evaluations: which programs still lack this year's, and each program's annual evaluation."""

import pandas as pd
import streamlit as st

from components import say
from components.database import get_database
from components.document_downloads import Document, document_downloads
from components.evaluation_view import evaluation_figures
from components.feedback import show_error
from components.figures import cached
from components.navigation import page_guard
from components.tables import table as show_table
from core import clock, formatting, settings
from core.entry.programs import stored_evaluation
from core.users import name_of
from core.vocabulary import label
from queries.access import can
from queries.errors import DataError
from reports.evaluation import (RECOMMENDATIONS, evaluation_document, evaluation_for_display, overview,
                                reopen_evaluation, save_evaluation)

user = page_guard("program-evaluation")
db = get_database()
may_write = can(user.actor, "update", "program_evaluations")

st.title("Program evaluations")
st.caption("Each program is evaluated at least once a year for its effectiveness in addressing community "
           "concerns; the evaluation goes to the Chief's office.")

this_year = clock.department_today(db).year
year = st.selectbox("Year", list(range(this_year, this_year - 6, -1)), key="evaluation-year")
programs = cached(overview, db, year)
if not programs:
    say.info("No program was running in {year}.", year=year)
    st.stop()

missing = [p for p in programs if p["evaluation_status"] == "missing"]
drafts = [p for p in programs if p["evaluation_status"] == "draft"]
c1, c2, c3 = st.columns(3)
c1.metric("Programs running", len(programs))
c2.metric(say.text("Still lacking a {year} evaluation", year=year), len(missing))
c3.metric("Drafts not yet submitted", len(drafts))
table = pd.DataFrame(programs)
table["submitted_at"] = clock.column_to_department(table["submitted_at"], db)     # stored in UTC
show_table(table[["program", "status", "evaluation_status", "recommendation", "submitted_at"]],
           codes={"status": "program_status", "evaluation_status": "evaluation_status",
                  "recommendation": "recommendation"},
           width="stretch", column_config={
               "status": "Program status", "evaluation_status": "Evaluation",
               "submitted_at": st.column_config.DatetimeColumn("Submitted", format=formatting.MOMENT_COLUMN)})

by_id = {p["program_id"]: p for p in programs}
state = {i: label("evaluation_status", p["evaluation_status"]).lower() for i, p in by_id.items()}
program_id = st.selectbox("Evaluate program", list(by_id), key="evaluation-program",
                          format_func=lambda i: f"{by_id[i]['program']} ({state[i]})")
with st.spinner("Assembling the figures…"):
    ev = cached(evaluation_for_display, db, user.actor, program_id, year)   # until the next save
stored = cached(stored_evaluation, db, program_id, year)
submitted = stored is not None and stored["status"] == "submitted"

say.header("{program}, {year}", program=ev["program"]["name"], year=year)
if submitted:
    say.success("Submitted {at} by {who}; the figures below are frozen as submitted.",
                at=clock.stamp(db, stored["submitted_at"]), who=cached(name_of, db, stored["submitted_by"]))
evaluation_figures(ev)

st.subheader("Assessment and recommendation")
if submitted or not may_write:
    st.text(ev["assessment"] or "Not written yet.")
    say.write("Recommendation: **{advice}**", advice=RECOMMENDATIONS.get(ev["recommendation"] or "", "none yet"))
else:
    with st.form(f"evaluation-{program_id}-{year}"):
        assessment = st.text_area("Assessment of the program's effectiveness", value=ev["assessment"], height=200)
        options = list(RECOMMENDATIONS)
        recommendation = st.radio("Recommendation", options, format_func=RECOMMENDATIONS.get, horizontal=True,
                                  index=options.index(ev["recommendation"]) if ev["recommendation"] else None)
        save, send = st.columns(2)
        saved = save.form_submit_button("Save draft")
        submit = send.form_submit_button("Submit to the Chief's office", type="primary")
    if saved or submit:
        try:
            save_evaluation(db, user.actor, program_id, year, assessment, recommendation,
                            stored["version"] if stored else None, submit=submit)
            st.rerun()
        except DataError as error:
            show_error(error)

department = settings.department_name(db)
stem = f"evaluation-{year}-{program_id}"
document_downloads(stem, (ev, department), [      # made on request; a file that cannot be made says why
    Document("Download PDF", "PDF", f"{stem}.pdf", "application/pdf",
             lambda: evaluation_document(ev, "pdf", department)),
    Document("Download Word (DOCX)", "Word (DOCX)", f"{stem}.docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             lambda: evaluation_document(ev, "docx", department))])

if submitted and can(user.actor, "reopen", "program_evaluations"):
    with st.expander("Reopen this evaluation (administrators only)"):
        with st.form(f"reopen-evaluation-{stored['id']}"):
            reason = st.text_input("Reason (kept in the audit log)")
            go = st.form_submit_button("Reopen as a draft")
        if go:
            try:
                reopen_evaluation(db, user.actor, stored["id"], stored["version"], reason)
                st.rerun()
            except DataError as error:
                show_error(error)
