"""The organization form and the meeting log form."""

from __future__ import annotations

import streamlit as st

from components.entry_form import FormState
from components.figures import cached
from core import clock
from core.districts import all_districts
from core.entry.organizations import ORG_TYPES
from core.users import staff as staff_list
from core.validate import format_phone
from core.vocabulary import label
from queries.db import Database

FIELDS = {"name", "type", "district", "address", "contact", "phone", "email", "liaison officer", "meeting schedule",
          "established by the department", "active", "founded on", "notes"}


def organization_fields(db: Database, form: FormState, initial: dict | None) -> tuple[dict, bool]:
    initial = initial or {}
    districts = {d["id"]: f"{d['code']} · {d['name']}" for d in cached(all_districts, db)}
    staff = {u["id"]: u["display_name"] for u in cached(staff_list, db)}
    k = form.key
    with st.form(k("form")):
        form.leftover(FIELDS)
        c1, c2 = st.columns([2, 1])
        name = c1.text_input("Name", value=initial.get("name") or "", key=k("name"), max_chars=200)
        org_type = c2.selectbox("Type", ORG_TYPES, key=k("type"),
                                format_func=lambda code: label("organization_type", code),
                                index=ORG_TYPES.index(initial["org_type"]) if initial.get("org_type") else None)
        form.note("name", "type")
        c1, c2 = st.columns(2)
        district = c1.selectbox("District", list(districts), format_func=districts.get, key=k("district"),
                                index=list(districts).index(initial["district_id"])
                                if initial.get("district_id") in districts else None, placeholder="Townwide")
        liaison = c2.selectbox("Liaison officer", list(staff), format_func=staff.get, key=k("liaison"),
                               index=list(staff).index(initial["liaison_officer_id"])
                               if initial.get("liaison_officer_id") in staff else None, placeholder="Nobody yet")
        form.note("district", "liaison officer")
        address = st.text_input("Address", value=initial.get("address") or "", key=k("address"))
        c1, c2, c3 = st.columns(3)
        contact = c1.text_input("Primary contact", value=initial.get("contact_name") or "", key=k("contact"))
        phone = c2.text_input("Phone", value=format_phone(initial.get("contact_phone")), key=k("phone"))
        email = c3.text_input("E-mail", value=initial.get("contact_email") or "", key=k("email"))
        form.note("contact", "phone", "email")
        c1, c2 = st.columns(2)
        schedule = c1.text_input("Meeting schedule", value=initial.get("meeting_schedule") or "", key=k("schedule"),
                                 placeholder="e.g. 2nd Tuesday, 7 pm")
        founded = c2.date_input("Founded on", value=initial.get("founded_on"), key=k("founded"), format="YYYY-MM-DD")
        form.note("meeting schedule", "founded on")
        c1, c2 = st.columns(2)
        established = c1.checkbox("Established by the department", value=bool(initial.get("established_by_department")),
                                  key=k("established"))
        active = c2.checkbox("Active", value=bool(initial.get("active", True)), key=k("active"))
        notes = st.text_area("Notes", value=initial.get("notes") or "", key=k("notes"))
        submitted = st.form_submit_button("Save organization", type="primary", icon=":material/save:")
    data = {"name": name, "org_type": org_type, "district": district, "liaison_officer_id": liaison,
            "address": address, "contact_name": contact, "contact_phone": phone, "contact_email": email,
            "meeting_schedule": schedule, "founded_on": founded, "established_by_department": established,
            "active": active, "notes": notes}
    return data, submitted


def meeting_fields(db: Database, form: FormState, me_id: int | None) -> tuple[dict, bool]:
    staff = {u["id"]: u["display_name"] for u in cached(staff_list, db)}
    k = form.key
    with st.form(k("form")):
        form.leftover({"met on", "officer", "attendance", "topics", "organization"})
        c1, c2, c3 = st.columns(3)
        met_on = c1.date_input("Met on", value=clock.department_today(db), key=k("met_on"), format="YYYY-MM-DD")
        officer = c2.selectbox("Officer attending", list(staff), format_func=staff.get, key=k("officer"),
                               index=list(staff).index(me_id) if me_id in staff else None)
        attendance = c3.number_input("Attendance", min_value=0, step=1, value=None, key=k("attendance"))
        form.note("met on", "officer", "attendance")
        topics = st.text_input("Topics", key=k("topics"))
        submitted = st.form_submit_button("Log meeting", icon=":material/groups:")
    return {"met_on": met_on, "officer_id": officer, "attendance": attendance, "topics": topics}, submitted
