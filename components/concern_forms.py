"""Concern intake and the work on a concern (assign, update, refer, resolve)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from components import charts
from components.entry_form import FormState
from components.figures import cached
from core import clock
from core.districts import all_districts
from core.entry import concerns
from core.entry.concerns import CATEGORIES, CHANNELS, REFERRALS
from core.entry.organizations import organization_names
from core.users import staff as staff_list
from core.vocabulary import label
from queries.access import can, scoped
from queries.actor import Actor
from queries.db import Database

AGE_BUCKETS = [(0, 7, "0-7 days"), (8, 14, "8-14 days"), (15, 30, "15-30 days"), (31, 60, "31-60 days"),
               (61, 10**6, "over 60 days")]


def _words(kind: str):
    return lambda code: label(kind, code)


def intake_form(db: Database, actor: Actor, form: FormState) -> None:
    districts = {d["id"]: f"{d['code']} · {d['name']}" for d in cached(all_districts, db)}
    orgs = {o["id"]: o["name"] for o in cached(organization_names, db)}
    staff = {u["id"]: u["display_name"] for u in cached(staff_list, db)}
    mine = actor.district_list[0] if actor.district_list else None
    k = form.key
    with st.form(k("form")):
        form.leftover({"received on", "channel", "organization", "anonymous", "reporter", "contact", "category",
                       "description", "location", "district", "assigned to"})
        c1, c2, c3 = st.columns(3)
        received = c1.date_input("Received on", value=clock.department_today(db), key=k("received"),
                                 format="YYYY-MM-DD")
        default_channel = "officer" if scoped(actor) else "phone"     # a patrol officer reports from the street
        channel = c2.selectbox("Channel", CHANNELS, index=CHANNELS.index(default_channel),
                               format_func=_words("concern_channel"), key=k("channel"))
        category = c3.selectbox("Category", CATEGORIES, index=None, format_func=_words("concern_category"),
                                key=k("category"), placeholder="Choose a category")
        with c1:
            form.note("received on")
        with c3:
            form.note("category")
        description = st.text_area("What is the concern?", key=k("description"), max_chars=2000)
        form.note("description")
        c1, c2 = st.columns([2, 1])
        location = c1.text_input("Where", key=k("location"), placeholder="address or landmark")
        district = c2.selectbox("District", list(districts), format_func=districts.get, key=k("district"),
                                index=list(districts).index(mine) if mine in districts else None,
                                placeholder="Choose a district")
        form.note("location", "district")
        anonymous = st.checkbox("Anonymous", key=k("anonymous"))
        c1, c2, c3 = st.columns(3)
        reporter = c1.text_input("From (name)", key=k("reporter"))
        contact = c2.text_input("Contact (phone or e-mail)", key=k("contact"))
        organization = c3.selectbox("Or on behalf of an organization", list(orgs), format_func=orgs.get, index=None,
                                    key=k("organization"), placeholder="No organization")
        form.note("reporter", "contact", "organization")
        assigned = None
        if can(actor, "assign", "concerns"):
            assigned = st.selectbox("Assign to", list(staff), format_func=staff.get, index=None, key=k("assigned"),
                                    placeholder="Not yet assigned")
            form.note("assigned to")
        submitted = st.form_submit_button("Save concern", type="primary", icon=":material/save:")
    if submitted:
        data = {"received_on": received, "channel": channel, "category": category, "description": description,
                "location": location, "district": district, "anonymous": anonymous, "reporter_name": reporter,
                "reporter_contact": contact, "organization_id": organization, "assigned_officer_id": assigned}
        form.submit(lambda: concerns.create_concern(db, actor, data),
                    lambda cid: f"Concern {cid} saved. Every concern gets a departmental response.")


def ageing_chart(open_concerns: pd.DataFrame, overdue_days: int) -> None:
    if open_concerns.empty:
        st.info("No open concerns: every concern has had its response.")
        return
    charts.show(charts.concerns_by_age(age_buckets(open_concerns), overdue_days), "No open concerns.")


def age_buckets(open_concerns: pd.DataFrame) -> pd.DataFrame:
    """Open concerns per AGE_BUCKETS bucket (every bucket, zeros included), overdue and within time:
    one pass over the ages, which a large city's 11,600 open concerns make worth it."""
    tops = np.array([hi for _, hi, _ in AGE_BUCKETS])
    bucket = np.searchsorted(tops, open_concerns["age_days"].to_numpy(), side="left")   # first top >= age
    overdue = open_concerns["overdue"].to_numpy(dtype=bool)
    size = len(AGE_BUCKETS)
    return pd.DataFrame({"age": [label for _, _, label in AGE_BUCKETS],
                         "overdue": np.bincount(bucket[overdue], minlength=size)[:size],
                         "within": np.bincount(bucket[~overdue], minlength=size)[:size]})


def marked(frame: pd.DataFrame, overdue_days: int) -> pd.DataFrame:
    """Overdue concerns flagged in the first column, so they stand out (the list puts them first).
    Not a row tint: a pandas Styler took 9 s a rerun over a large city's 11,600 open concerns."""
    out = frame.drop(columns="overdue")
    out.insert(0, "overdue", frame["overdue"].map({True: f"⚠ over {overdue_days} days", False: ""}))
    return out


def work_forms(db: Database, actor: Actor, concern_id: int, current: dict) -> None:
    form = FormState("concern_work")
    opened = form.opened(current)
    version = form.version(opened["version"])
    staff = {u["id"]: u["display_name"] for u in cached(staff_list, db)}
    office = can(actor, "assign", "concerns")
    def k(field: str) -> str:
        return form.key(f"{concern_id}_{field}")

    tabs = st.tabs(["Assign", "Add an update", "Refer", "Resolve"] if office else ["Add an update", "Refer", "Resolve"])
    tabs = dict(zip((["Assign"] if office else []) + ["Add an update", "Refer", "Resolve"], tabs))
    form.leftover({"assigned to", "note", "status", "referred to", "resolved on", "response"})
    if office:
        with tabs["Assign"], st.form(k("assign")):
            who = st.selectbox("Assign to", list(staff), format_func=staff.get, key=k("who"),
                               index=list(staff).index(opened["assigned_officer_id"])
                               if opened["assigned_officer_id"] in staff else None)
            form.note("assigned to")
            note = st.text_input("Note (optional)", key=k("assign_note"))
            if st.form_submit_button("Assign"):
                form.submit(lambda: concerns.assign(db, actor, concern_id, version, who, note), "Concern assigned.")
    with tabs["Add an update"], st.form(k("update")):
        note = st.text_area("What was done", key=k("note"))
        form.note("note")
        progress = st.checkbox("Mark as in progress", value=True, key=k("progress"))
        if st.form_submit_button("Add update"):
            form.submit(lambda: concerns.add_update(db, actor, concern_id, version, note,
                                                    "in_progress" if progress else None), "Update added.")
    with tabs["Refer"], st.form(k("refer")):
        dept = st.selectbox("Refer to", REFERRALS, format_func=_words("referral"), key=k("dept"))
        form.note("referred to")
        rnote = st.text_input("Note (optional)", key=k("refer_note"))
        if st.form_submit_button("Refer"):
            form.submit(lambda: concerns.refer(db, actor, concern_id, version, dept, rnote),
                        f"Referred to {label('referral', dept)}.")
    with tabs["Resolve"], st.form(k("resolve")):
        day = st.date_input("Resolved on", value=clock.department_today(db), key=k("resolved_on"),
                            format="YYYY-MM-DD")
        form.note("resolved on")
        response = st.text_area("Response given back to the person or group", key=k("response"))
        form.note("response")
        if st.form_submit_button("Resolve", type="primary"):
            form.submit(lambda: concerns.resolve(db, actor, concern_id, version, day, response), "Concern resolved.")
