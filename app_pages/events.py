"""Events: log a program event (or a series), find events, edit, delete, restore."""

from datetime import timedelta

import streamlit as st

from components import flash, say
from components.database import get_database
from components.entry_form import FormState, confirm, export_buttons
from components.event_form import describe_repeat, event_fields, options
from components.figures import cached
from components.navigation import page_guard
from core import clock, formatting
from core.choices import join, picker, stamp, text
from core.entry import events
from core.entry.recurrence import series_dates
from components.tables import table
from core.formatting import plural
from core.text import md
from queries.access import can

user = page_guard("events")
db = get_database()
actor = user.actor
writer = can(actor, "create", "events")
EVENT_COLUMNS = {"starts_at": st.column_config.DatetimeColumn("Starts", format=formatting.MOMENT_COLUMN),
                 "ends_at": st.column_config.DatetimeColumn("Ends", format="HH:mm"),
                 "headcount": st.column_config.NumberColumn("People", format="%d"),
                 "officer_hours": st.column_config.NumberColumn("Officer-hours", format="%.1f")}

st.title("Events")
opts = options(db)
my_district = actor.district_list[0] if actor.district_list else None
labels = (["Log an event"] if writer else []) + ["Event list"] + (["Deleted events"] if can(actor, "restore", "events") else [])
tabs = dict(zip(labels, st.tabs([md(label) for label in labels])))

if writer:
    with tabs["Log an event"]:
        if not opts["programs"]:
            st.info("There are no programs yet: add one on the Programs page first.")
        else:
            new = FormState("new_event")
            new.show_outcome()
            data, rule, submitted = event_fields(db, new, opts, None, actor.user_id, my_district, allow_repeat=True)
            if rule and rule[1]:
                say.caption("Monthly repeats fall on {when} of each month.", when=describe_repeat(rule[1]))
            if submitted:
                if rule:
                    new.submit(lambda: events.create_series(db, actor, data, series_dates(*rule)),
                               lambda ids: f"{plural(len(ids), 'session')} saved, the first on "
                                           f"{rule[1]:%A}, {formatting.day(rule[1])}.")
                else:
                    new.submit(lambda: events.create_event(db, actor, data),
                               lambda event_id: f"Event {event_id} saved.")

with tabs["Event list"]:
    c1, c2, c3, c4 = st.columns(4)
    today = clock.department_today(db)
    date_from = c1.date_input("From", value=today - timedelta(days=90), format="YYYY-MM-DD")
    date_to = c2.date_input("To", value=today + timedelta(days=31), format="YYYY-MM-DD")
    program_names = {p["id"]: p["name"] for p in opts["programs"]}
    program = c3.selectbox("Program", list(program_names), index=None, format_func=program_names.get,
                           placeholder="All programs", key="events_filter_program")
    district_names = {d["id"]: d["code"] for d in opts["districts"]}
    district = c4.selectbox("District", list(district_names), index=None, format_func=district_names.get,
                            placeholder="All districts", key="events_filter_district")
    listed = cached(events.event_list, db, actor, date_from, date_to, program_id=program, district_id=district)
    if listed.empty:
        st.info("No events match these filters.")
    else:
        say.caption("{events}, {people} reached.", events=plural(len(listed), "event"),
                    people=plural(listed["headcount"].sum(), "person", "people"))
        shown = listed.drop(columns=["version", "deleted_by", "deleted_at"])
        table(shown, width="stretch", column_config=EVENT_COLUMNS)
        export_buttons(shown, "events", "events_export")
        if writer:
            st.subheader("Change an event")
            choices = picker(listed["id"], join(stamp(listed["starts_at"]), " · ", text(listed["program"]), " · ",
                                                text(listed["location"])))
            chosen = st.selectbox("Event", list(choices), format_func=choices.get, index=None, key="edit_event_choice",
                                  placeholder="Choose an event to edit or delete")
            loaded = events.load_event(db, chosen) if chosen else None
            if chosen and loaded is None:
                st.warning("That event was deleted by someone else.")
            elif loaded:
                edit = FormState(f"edit_event_{chosen}")
                edit.show_outcome()
                loaded = edit.opened(loaded)
                data, _, submitted = event_fields(db, edit, opts, loaded, actor.user_id, my_district,
                                                  allow_repeat=False)
                if submitted:
                    edit.submit(lambda: events.update_event(db, actor, chosen, edit.version(loaded["version"]), data),
                                "Event saved.", clear=False)
                confirm(f"delete_event_{chosen}", "Delete this event? An administrator can restore it.",
                        lambda: events.delete_event(db, actor, chosen, loaded["version"]))

if "Deleted events" in tabs:
    with tabs["Deleted events"]:
        deleted = cached(events.deleted_events, db, actor, clock.department_today(db))
        if deleted.empty:
            st.info("No deleted events.")
        else:
            table(deleted.drop(columns=["version"]), width="stretch",
                  column_config={**EVENT_COLUMNS, "deleted_at": st.column_config.DatetimeColumn(
                      "Deleted", format=formatting.MOMENT_COLUMN)})
            restorable = picker(deleted["id"], join(stamp(deleted["starts_at"], "D"), " · ", text(deleted["program"]),
                                                    " (deleted by ", text(deleted["deleted_by"]), ")"))
            back = st.selectbox("Event to restore", list(restorable), format_func=restorable.get,
                                key="events_restore_pick")
            if st.button("Restore event", icon=":material/restore_from_trash:"):
                version = int(deleted.set_index("id").loc[back, "version"])
                events.restore_event(db, actor, back, version)
                flash.later("success", "Event {number} restored.", number=back)
                st.rerun()
