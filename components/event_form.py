"""The "log an event" form, used for a new event and for editing one.

Built to be filled in under a minute: the program first (it decides which
outcome figures are asked for), today's date and the next full hour as
defaults, the signed-in officer already listed as present, and every figure
a number box with its own message underneath when it is refused.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import streamlit as st

from components import say
from components.entry_form import FormState
from components.figures import cached
from core import clock
from core.text import md
from core.entry.events import AUDIENCES, HEADCOUNTS, form_choices, program_measures
from core.entry.recurrence import ORDINALS, REPEATS, WEEKDAYS, nth_of
from queries.db import Database


def options(db: Database) -> dict:
    """The form's choices (programs, districts, staff, organizations), read once per write
    (components/figures.py `cached`)."""
    return cached(form_choices, db)


def event_fields(db: Database, form: FormState, opts: dict, initial: dict | None, me_id: int | None,
                 my_district: int | None, allow_repeat: bool) -> tuple[dict, tuple | None, bool]:
    """Draw the form; returns (input dict, repeat rule or None, submitted)."""
    initial = initial or {}
    programs = [p for p in opts["programs"] if p["status"] != "archived" or p["id"] == initial.get("program_id")]
    names = {p["id"]: p["name"] for p in programs}
    ids = list(names)
    start_default = initial.get("program_id") if initial.get("program_id") in names else None
    program_id = st.selectbox("Program", ids, index=ids.index(start_default) if start_default else None,
                              format_func=names.get, key=form.key("program"), placeholder="Choose a program")
    form.note("program")
    measures = cached(program_measures, db, program_id) if program_id else []
    district_ids = [d["id"] for d in opts["districts"]]
    district_names = {d["id"]: f"{d['code']} · {d['name']}" for d in opts["districts"]}
    staff = {u["id"]: u["display_name"] for u in opts["staff"]}
    orgs = {o["id"]: o["name"] for o in opts["organizations"]}

    # a new event: the next full hour on the department's clock, for an hour
    starts = initial.get("starts_at") or clock.next_full_hour(db)
    ends = initial.get("ends_at") or clock.wall_clock(starts + timedelta(hours=1), clock.zone(db))
    with st.form(form.key("form"), border=True):
        form.leftover({"program", "title", "starts", "ends", "location", "address", "district", "officers",
                       "officer hours", "partners", "notes", "non-enforcement", *HEADCOUNTS,
                       *[m["label"] for m in measures]})
        title = st.text_input("Title (optional)", value=initial.get("title") or "", key=form.key("title"),
                              max_chars=200)
        form.note("title")
        c1, c2, c3 = st.columns(3)
        day = c1.date_input("Date", value=starts.date(), key=form.key("day"), format="YYYY-MM-DD")
        start_time = c2.time_input("Starts", value=starts.time(), key=form.key("start"), step=900)
        end_time = c3.time_input("Ends", value=ends.time(), key=form.key("end"), step=900,
                                 help="An end before the start time is the next day (an evening event past midnight).")
        form.note("starts", "ends")
        c1, c2 = st.columns([2, 1])
        location = c1.text_input("Location", value=initial.get("location") or "", key=form.key("location"),
                                 placeholder="e.g. Lincoln Elementary gym")
        chosen_district = initial.get("district") or my_district
        district = c2.selectbox("District", district_ids, format_func=district_names.get,
                                index=district_ids.index(chosen_district) if chosen_district in district_ids else None,
                                key=form.key("district"), placeholder="Choose a district")
        form.note("location", "district")
        address = st.text_input("Address (optional)", value=initial.get("address") or "", key=form.key("address"))
        form.note("address")

        st.markdown("**Headcount by audience**")
        cols = st.columns(len(HEADCOUNTS))
        heads = {}
        for col, column in zip(cols, HEADCOUNTS):
            heads[column] = col.number_input(md(AUDIENCES[column].capitalize()), min_value=0, step=1,
                                             value=int(initial.get(column) or 0), key=form.key(column))
            with col:
                form.note(column)

        c1, c2 = st.columns([3, 1])
        officer_default = [o["user_id"] for o in initial.get("officers", [])] or ([me_id] if me_id in staff else [])
        officers = c1.multiselect("Officers present", list(staff), default=officer_default,
                                  format_func=staff.get, key=form.key("officers"))
        hours_before = {o["hours"] for o in initial.get("officers", [])}
        hours = c2.number_input("Hours each", min_value=0.0, max_value=24.0, step=0.5,
                                value=float(hours_before.pop()) if len(hours_before) == 1 else None,
                                key=form.key("hours"), help="Blank: the length of the event.")
        form.note("officers", "officer hours")

        outcomes = {}
        if measures:
            st.markdown("**This program's figures**")
            cols = st.columns(min(len(measures), 4))
            for index, measure in enumerate(measures):
                col = cols[index % len(cols)]
                step = 1.0 if measure["unit"] != "count" else 1
                current = initial.get("outcomes", {}).get(measure["code"])
                if measure["unit"] == "count":
                    value = col.number_input(md(measure["label"]), min_value=0, step=1,
                                             value=int(current) if current is not None else None,
                                             key=form.key("m_" + measure["code"]))
                else:
                    value = col.number_input(say.text("{label} ({unit})", label=measure["label"], unit=measure["unit"]),
                                             min_value=0.0, step=step,
                                             value=float(current) if current is not None else None,
                                             key=form.key("m_" + measure["code"]))
                outcomes[measure["code"]] = value
                with col:
                    form.note(measure["label"])
        partners = st.multiselect("Partner organizations", list(orgs), default=initial.get("partners", []),
                                  format_func=orgs.get, key=form.key("partners"))
        form.note("partners")
        notes = st.text_area("Notes", value=initial.get("notes") or "", key=form.key("notes"), height=80)
        form.note("notes")
        non_enforcement = st.checkbox("Non-enforcement contact", value=bool(initial.get("non_enforcement", True)),
                                      key=form.key("non_enforcement"))
        repeat, until = REPEATS[0], None
        if allow_repeat:
            c1, c2 = st.columns(2)
            repeat = c1.selectbox("Repeat", REPEATS, key=form.key("repeat"),
                                  help="Monthly: the same weekday of the month as the date, e.g. every first Saturday.")
            until = c2.date_input("Repeat until", value=starts.date() + timedelta(days=364),
                                  key=form.key("until"), format="YYYY-MM-DD")
            form.note("repeat", "repeat until")
        submitted = st.form_submit_button("Save event", type="primary", icon=":material/save:")

    start_at = datetime.combine(day, start_time) if day and start_time else None
    end_at = datetime.combine(day, end_time) if day and end_time else None
    if start_at and end_at and end_at < start_at:
        # one date for both times: 22:00 to 01:00 ends the next day (and the default start of the
        # next full hour, 23:00 after 22:00, ends at midnight, which must not be refused)
        end_at += timedelta(days=1)
    length = max(round((end_at - start_at).total_seconds() / 3600, 2), 0) if start_at and end_at else None
    previous = {o["user_id"]: o["hours"] for o in initial.get("officers", [])}
    data = {
        "program_id": program_id, "title": title, "starts_at": start_at, "ends_at": end_at,
        "location": location, "address": address, "district": district, **heads,
        # blank "hours each": an officer keeps the hours stored before, a new one gets the event's length
        "officers": [{"user_id": o, "hours": hours if hours is not None else previous.get(o, length)} for o in officers],
        "outcomes": outcomes, "partners": partners, "notes": notes, "non_enforcement": non_enforcement,
    }
    rule = (repeat, day, until) if repeat != REPEATS[0] else None
    return data, rule, submitted


def describe_repeat(day: date) -> str:
    return f"every {ORDINALS[nth_of(day)]} {WEEKDAYS[day.weekday()]}"
