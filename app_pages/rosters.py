"""Course rosters: cohorts, enrolment, attendance grid (participants x sessions), ride-along, completion."""

from datetime import date, time

import pandas as pd
import streamlit as st

from components import say
from components.database import get_database
from components.entry_form import FormState, date_columns, export_buttons
from components.figures import cached
from components.navigation import page_guard
from core import clock, formatting
from core.choices import join, picker, text
from core.districts import all_districts
from core.entry import rosters
from core.entry.programs import entry_programs
from components.tables import editor, table
from core.formatting import percent, plural
from core.text import md
from queries.access import can

user = page_guard("rosters")
db = get_database()
actor = user.actor
writer = can(actor, "create", "enrolments")

st.title("Course rosters")
cohorts = cached(rosters.cohorts, db)
if cohorts.empty:
    st.info("No course cohorts yet.")
else:
    needle = st.text_input("Find a cohort", key="cohort_find", placeholder="Part of a program or cohort name")
    found = rosters.find_cohorts(cohorts, needle)
    table(found.head(rosters.COHORT_ROWS).drop(columns=["id", "version"]), width="stretch",
          column_config=date_columns(cohorts, completion_rate=st.column_config.NumberColumn(
              "Completion rate (%)", format="%.0f")))
    if len(found) > rosters.COHORT_ROWS:
        say.caption("{count:,} cohorts {match}; the {rows} starting last are shown ({more:,} more: type part of a name "
                    "above, or download the whole list).", count=len(found), match="match" if needle else "in all",
                    rows=rosters.COHORT_ROWS, more=len(found) - rosters.COHORT_ROWS)
    elif needle and found.empty:
        st.caption("No cohort name contains that text.")
    export_buttons(cohorts.drop(columns=["id", "version"]), "cohorts", "cohorts_export")

labels = (["Attendance and completion", "Enrol a participant", "New cohort"] if writer
          else ["Attendance and completion"])
tabs = dict(zip(labels, st.tabs([md(label) for label in labels])))
names = picker(cohorts["id"], join(text(cohorts["program"]), " · ", text(cohorts["cohort"])))

with tabs["Attendance and completion"]:
    # keyed, so that a cohort someone else adds does not drop the pick; the latest cohort is shown first
    if names and st.session_state.get("rosters_pick") not in names:
        st.session_state["rosters_pick"] = next(iter(names))
    cohort_id = st.selectbox("Cohort", list(names), format_func=names.get, index=None,
                             placeholder="Choose a cohort", key="rosters_pick")
    if cohort_id:
        form = FormState(f"roster_{cohort_id}")
        form.show_outcome()
        form.leftover(set())
        sheet = cached(rosters.cohort_sheet, db, cohort_id)
        sessions, roster, cells = sheet["sessions"], sheet["roster"], sheet["cells"]
        if roster.empty:
            st.info("Nobody is enrolled in this cohort yet.")
        else:
            opened = form.opened({"versions": dict(zip(roster["enrolment_id"].astype(int), roster["version"].astype(int)))})
            present = {(int(r.enrolment_id), int(r.event_id)): bool(r.present) for r in cells.itertuples()}
            columns = {int(s.id): f"S{int(s.session_number or i + 1)} {s.starts_at.day} {s.starts_at:%b}"
                       for i, s in enumerate(sessions.itertuples())}
            grid = pd.DataFrame({"participant": roster["participant"].values}, index=roster["enrolment_id"].astype(int).values)
            for event_id, label in columns.items():
                grid[label] = [present.get((e, event_id), False) for e in grid.index]
            grid["ride_along_on"] = pd.to_datetime(roster["ride_along_on"]).dt.date.values
            grid["completed"] = roster["completed"].astype(bool).values
            config = {"participant": st.column_config.TextColumn("Participant", disabled=True),
                      "ride_along_on": st.column_config.DateColumn("Ride-along", format=formatting.DAY_COLUMN,
                                                                   max_value=clock.department_today(db)),
                      "completed": st.column_config.CheckboxColumn("Completed")}
            for label in columns.values():
                config[label] = st.column_config.CheckboxColumn(label)
            edited = editor(grid, column_config=config, width="stretch", disabled=not writer, key=form.key("grid"))
            attended = edited[list(columns.values())].sum(axis=1) if columns else pd.Series(0, index=edited.index)
            say.caption("{sessions} · average attendance {share} · {completed} of {enrolled} completed",
                        sessions=plural(len(columns), "session"),
                        share=percent(attended.mean() / len(columns) * 100 if columns else 0),
                        completed=int(edited["completed"].sum()), enrolled=len(edited))
            if writer and st.button("Save roster", type="primary", icon=":material/save:"):
                attendance = {(int(e), event_id): bool(edited.loc[e, label])
                              for e in edited.index for event_id, label in columns.items()}
                progress = {int(e): {"ride_along_on": None if pd.isna(edited.loc[e, "ride_along_on"])
                                     else edited.loc[e, "ride_along_on"],
                                     "completed": bool(edited.loc[e, "completed"])} for e in edited.index}
                form.submit(lambda: rosters.save_roster(db, actor, cohort_id, attendance, progress, opened["versions"]),
                            lambda n: f"Roster saved ({plural(n, 'change')}).", clear=False)

if writer:
    with tabs["Enrol a participant"]:
        enrol = FormState("enrol")
        enrol.show_outcome()
        districts = {d["id"]: d["code"] for d in cached(all_districts, db)}   # also the new cohort's picker
        with st.form(enrol.key("form")):
            enrol.leftover({"first name", "last name", "email", "phone", "district", "participant", "cohort"})
            target = st.selectbox("Cohort", list(names), format_func=names.get, index=0 if names else None,
                                  key=enrol.key("cohort"), placeholder="Choose a cohort")
            enrol.note("cohort", "participant")
            c1, c2 = st.columns(2)
            first = c1.text_input("First name", key=enrol.key("first"))
            last = c2.text_input("Last name", key=enrol.key("last"))
            enrol.note("first name", "last name")
            c1, c2, c3 = st.columns(3)
            email = c1.text_input("E-mail", key=enrol.key("email"))
            phone = c2.text_input("Phone", key=enrol.key("phone"))
            district = c3.selectbox("District", list(districts), format_func=districts.get, index=None,
                                    key=enrol.key("district"))
            enrol.note("email", "phone", "district")
            submitted = st.form_submit_button("Enrol", type="primary")
        if submitted:
            data = {"first_name": first, "last_name": last, "email": email, "phone": phone, "district": district}
            enrol.submit(lambda: rosters.enrol(db, actor, target, data), f"{first} {last} enrolled.")

    with tabs["New cohort"]:
        new = FormState("new_cohort")
        new.show_outcome()
        courses = {p["id"]: p["name"] for p in cached(entry_programs, db) if p["delivery_kind"] == "course"}
        with st.form(new.key("form")):
            new.leftover({"program", "name", "start date", "end date", "capacity", "sessions"})
            program = st.selectbox("Course", list(courses), format_func=courses.get, index=0 if courses else None,
                                   key=new.key("program"))
            name = st.text_input("Cohort name", key=new.key("name"), placeholder="e.g. Spring 2027")
            c1, c2, c3, c4 = st.columns(4)
            start = c1.date_input("First session", value=clock.department_today(db), key=new.key("start"),
                                  format="YYYY-MM-DD")
            session_time = c2.time_input("Time", value=time(18, 30), key=new.key("time"))
            sessions = c3.number_input("Weekly sessions", min_value=0, max_value=20, value=6, key=new.key("sessions"))
            capacity = c4.number_input("Capacity", min_value=1, value=25, key=new.key("capacity"))
            new.note("program", "name", "start date", "sessions", "capacity")
            c1, c2 = st.columns([2, 1])
            location = c1.text_input("Sessions held at", key=new.key("location"), placeholder="e.g. Police HQ, room 2")
            where = c2.selectbox("District", list(districts), format_func=districts.get, index=None,
                                 key=new.key("district"))
            new.note("district")
            submitted = st.form_submit_button("Create cohort", type="primary")
        if submitted:
            data = {"program_id": program, "name": name, "start_date": start, "session_time": session_time,
                    "sessions": sessions, "capacity": capacity, "district": where, "location": location}
            new.submit(lambda: rosters.create_cohort(db, actor, data), f"Cohort {name} created.")
