"""The program form: everything in the data model, goals as an editable grid."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.entry_form import FormState
from components.figures import cached
from components.tables import editor
from core.crime import crime_type_labels
from core.districts import all_districts
from core.entry.organizations import organization_names
from core.entry.programs import (BASE_GOALS, CATEGORIES, DELIVERY_KINDS, PERIODS, STATUSES, outcome_measures,
                                 survey_goal_options)
from core.users import staff as staff_list
from core.vocabulary import label
from queries.db import Database

FIELDS = {"name", "category", "delivery", "status", "lead officer", "start date", "end date", "description",
          "target districts", "target crime types", "partners", "outcome figures"}


GOAL_MEASURES = {"events": "Events held", "attendance": "Attendance", "participants": "Participants",
                 "completions": "Completions"}


def _words(kind: str):
    return lambda code: label(kind, code)


def program_fields(db: Database, form: FormState, initial: dict | None) -> tuple[dict, bool]:
    initial = initial or {}
    districts = {d["id"]: f"{d['code']} · {d['name']}" for d in cached(all_districts, db)}
    crime = cached(crime_type_labels, db)
    staff = {u["id"]: u["display_name"] for u in cached(staff_list, db)}
    orgs = {o["id"]: o["name"] for o in cached(organization_names, db)}
    measures = {m["code"]: m["label"] for m in cached(outcome_measures, db)}
    surveyed = cached(survey_goal_options, db)
    k = form.key
    with st.form(k("form")):
        form.leftover(FIELDS | {f"goal {i}" for i in range(1, 50)})
        name = st.text_input("Name", value=initial.get("name", ""), max_chars=200, key=k("name"))
        form.note("name")
        c1, c2, c3 = st.columns(3)
        category = c1.selectbox("Category", CATEGORIES, format_func=_words("program_category"), key=k("category"),
                                index=CATEGORIES.index(initial["category"]) if initial.get("category") else None)
        delivery = c2.selectbox("Delivery", DELIVERY_KINDS, format_func=_words("delivery_kind"), key=k("delivery"),
                                index=DELIVERY_KINDS.index(initial.get("delivery_kind", "recurring")))
        status = c3.selectbox("Status", STATUSES, format_func=_words("program_status"), key=k("status"),
                              index=STATUSES.index(initial.get("status", "active")))
        with c1:
            form.note("category")
        with c2:
            form.note("delivery")
        with c3:
            form.note("status")
        c1, c2, c3 = st.columns(3)
        lead = c1.selectbox("Lead officer", list(staff), format_func=staff.get, key=k("lead"),
                            index=list(staff).index(initial["lead_officer_id"])
                            if initial.get("lead_officer_id") in staff else None, placeholder="Nobody yet")
        start = c2.date_input("Start date", value=initial.get("start_date"), key=k("start"), format="YYYY-MM-DD")
        end = c3.date_input("End date", value=initial.get("end_date"), key=k("end"), format="YYYY-MM-DD")
        form.note("lead officer", "start date", "end date")
        description = st.text_area("Description", value=initial.get("description") or "", key=k("description"))
        target_districts = st.multiselect("Target districts", list(districts), format_func=districts.get,
                                          default=initial.get("districts", []), key=k("districts"))
        form.note("target districts")
        crime_types = st.multiselect("Target crime types", list(crime), format_func=crime.get,
                                     default=initial.get("crime_types", []), key=k("crime"))
        form.note("target crime types")
        partners = st.multiselect("Partner organizations", list(orgs), format_func=orgs.get,
                                  default=initial.get("partners", []), key=k("partners"))
        form.note("partners")
        chosen_measures = st.multiselect("Outcome figures its events record", list(measures),
                                         format_func=measures.get, default=initial.get("measures", []),
                                         key=k("measures"),
                                         help="e.g. car seats inspected and installed incorrectly for a car-seat station")
        form.note("outcome figures")
        st.markdown("**Goals** (numeric targets: events, attendance, participants, completions or one of the "
                    "figures; or a share of residents in a resident survey, in percent per year)")
        goals_frame = pd.DataFrame(initial.get("goals") or [],
                                   columns=["measure", "target_value", "per_period", "description"])
        goal_words = {**GOAL_MEASURES, **measures, **surveyed}
        goals = editor(
            goals_frame, num_rows="dynamic", key=k("goals"), width="stretch",
            column_config={
                "measure": st.column_config.SelectboxColumn("Measure", options=[*BASE_GOALS, *measures, *surveyed],
                                                            required=True,
                                                            format_func=lambda m: goal_words.get(m, m)),
                "target_value": st.column_config.NumberColumn("Target", min_value=0, required=True),
                "per_period": st.column_config.SelectboxColumn("Per", options=PERIODS, default="year",
                                                               format_func=_words("goal_period")),
                "description": st.column_config.TextColumn("Description", max_chars=200),
            })
        form.note(*[f"goal {i}" for i in range(1, len(goals) + 1)])
        submitted = st.form_submit_button("Save program", type="primary", icon=":material/save:")
    goal_rows = [{k2: (None if pd.isna(v) else v) for k2, v in row.items()} for row in goals.to_dict("records")]
    data = {"name": name, "category": category, "delivery_kind": delivery, "status": status,
            "lead_officer_id": lead, "start_date": start, "end_date": end, "description": description,
            "districts": target_districts, "crime_types": crime_types, "partners": partners,
            "measures": chosen_measures, "goals": goal_rows}
    return data, submitted
