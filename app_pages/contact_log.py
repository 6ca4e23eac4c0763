"""Contact log: a patrol officer records a community contact in a few taps, then sees their shifts."""

from datetime import timedelta

import streamlit as st

from components import say
from components.database import get_database
from components.entry_form import FormState, confirm, export_buttons
from components.figures import cached
from components.navigation import page_guard
from core import clock, formatting
from components.tables import table
from core.districts import all_districts
from core.entry.contact_log import (KINDS, SHIFT_HOURS, SHIFTS, delete_contact, guess_shift, log_contact,
                                     my_contacts, shift_totals)
from core.formatting import plural
from core.vocabulary import label

CODES = {"shift": "shift", "kind": "contact_kind"}

user = page_guard("contact-log")
db = get_database()
actor = user.actor

st.title("Contact log")
districts = {d["id"]: d["code"] for d in cached(all_districts, db)}
mine = [d for d in actor.district_list if d in districts]
form = FormState("contact")
form.show_outcome()
k = form.key
now = clock.department_now(db)          # the date, the shift and "My shifts" follow the department's clock
today = now.date()

with st.form(k("form"), border=True):
    form.leftover({"kind", "count", "where", "date", "shift", "district", "non-enforcement", "notes", "officer"})
    kind = st.segmented_control("Kind of contact", KINDS, format_func=lambda c: label("contact_kind", c),
                                key=k("kind"))
    form.note("kind")
    c1, c2 = st.columns([1, 2])
    count = c1.number_input("People", min_value=1, max_value=500, value=1, step=1, key=k("count"))
    location = c2.text_input("Where (optional)", key=k("location"), placeholder="e.g. Elm St bodega")
    form.note("count", "where")
    with st.expander(say.text("Today · {shift} shift · {district}", shift=label("shift", guess_shift(now)),
                              district=districts.get(mine[0], "choose district") if mine else "choose district")):
        day = st.date_input("Date", value=today, key=k("date"), format="YYYY-MM-DD")
        shift = st.segmented_control("Shift", SHIFTS, default=guess_shift(now), key=k("shift"),
                                     format_func=lambda s: f"{label('shift', s)} ({SHIFT_HOURS[s]})")
        district = st.selectbox("District", list(districts), format_func=districts.get, key=k("district"),
                                index=list(districts).index(mine[0]) if mine else None)
        non_enforcement = st.checkbox("Non-enforcement contact", value=True, key=k("non_enforcement"))
    form.note("date", "shift", "district")
    submitted = st.form_submit_button("Log contact", type="primary", icon=":material/add:", width="stretch")
if submitted:
    data = {"kind": kind, "contact_count": count, "location": location, "contact_date": day, "shift": shift,
            "district": district, "non_enforcement": non_enforcement}
    form.submit(lambda: log_contact(db, actor, data),
                f"Logged {plural(count, label('contact_kind', kind).lower() + ' contact')}." if kind else "Logged.")

st.subheader("My shifts")
c1, c2 = st.columns(2)
date_from = c1.date_input("From", value=today - timedelta(days=30), format="YYYY-MM-DD", key="cl_from")
date_to = c2.date_input("To", value=today, format="YYYY-MM-DD", key="cl_to")
totals = cached(shift_totals, db, actor, date_from, date_to)
if totals.empty:
    st.info("No contacts logged in these dates.")
else:
    st.metric("Contacts in these dates", f"{int(totals['contacts'].sum()):,}",
              help=say.text("{shifts} with at least one contact", shifts=plural(len(totals), "shift")))
    table(totals, codes={"shift": "shift", "kinds": "contact_kind"}, width="stretch",
          column_config={"contact_date": st.column_config.DateColumn("Date", format=formatting.DAY_COLUMN)})
    lines = cached(my_contacts, db, actor, date_from, date_to)
    with st.expander(say.text("All {count}", count=plural(len(lines), "entry"))):
        table(lines, codes=CODES, width="stretch",
              column_config={"contact_date": st.column_config.DateColumn("Date", format=formatting.DAY_COLUMN),
                             "id": None, "version": None})
        export_buttons(lines.drop(columns=["id", "version"]), "my-contacts", "contacts_export", codes=CODES)
        latest = lines.iloc[0]
        say.caption("Latest: {day}, {shift} shift · {kind} × {count}", day=formatting.day(latest["contact_date"]),
                    shift=label("shift", latest["shift"]).lower(), kind=label("contact_kind", latest["kind"]),
                    count=latest["contact_count"])
        confirm("delete_contact", "Delete your latest entry?",
                lambda: delete_contact(db, actor, int(latest["id"]), int(latest["version"])), label="Delete latest entry")
