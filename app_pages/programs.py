"""Programs: the catalog (filter by category, status, district, crime type), add, edit, archive."""

import streamlit as st

from components.database import get_database
from components.entry_form import FormState, date_columns, export_buttons
from components.figures import cached
from components.navigation import page_guard
from core import clock
from components.program_form import program_fields
from core.entry import programs
from core.crime import crime_type_labels
from core.districts import all_districts
from core.entry.programs import CATEGORIES, STATUSES
from components.tables import table
from core.text import md
from core.vocabulary import label
from queries.access import can

user = page_guard("programs")
db = get_database()
actor = user.actor
writer = can(actor, "create", "programs")
CODES = {"category": "program_category", "delivery_kind": "delivery_kind", "status": "program_status"}

st.title("Programs")
labels = ["Catalog"] + (["Add a program", "Edit a program"] if writer else [])
tabs = dict(zip(labels, st.tabs([md(label) for label in labels])))

with tabs["Catalog"]:
    c1, c2, c3, c4 = st.columns(4)
    category = c1.selectbox("Category", CATEGORIES, index=None, placeholder="All categories",
                            format_func=lambda c: label("program_category", c))
    status = c2.selectbox("Status", STATUSES, index=None, placeholder="All statuses",
                          format_func=lambda s: label("program_status", s))
    districts = {d["id"]: d["code"] for d in cached(all_districts, db)}
    district = c3.selectbox("Target district", list(districts), index=None, format_func=districts.get,
                            placeholder="All districts", key="programs_filter_district")
    crime = cached(crime_type_labels, db)
    crime_type = c4.selectbox("Target crime type", list(crime), index=None, format_func=crime.get,
                              placeholder="All crime types", key="programs_filter_crime")
    catalog = cached(programs.program_catalog, db, clock.department_today(db), category=category, status=status,
                     district_id=district, crime_type=crime_type)
    if catalog.empty:
        st.info("No programs match these filters.")
    else:
        shown = catalog.drop(columns=["id", "version"]).rename(columns={"name": "program"})
        table(shown, codes=CODES, width="stretch", column_config=date_columns(shown))
        export_buttons(shown, "programs", "programs_export", codes=CODES)

if writer:
    with tabs["Add a program"]:
        new = FormState("new_program")
        new.show_outcome()
        data, submitted = program_fields(db, new, None)
        if submitted:
            new.submit(lambda: programs.create_program(db, actor, data), f"Program {data['name']} saved.")

    with tabs["Edit a program"]:
        everything = cached(programs.program_catalog, db, clock.department_today(db))
        names = dict(zip(everything["id"].astype(int), everything["name"]))
        chosen = st.selectbox("Program", list(names), format_func=names.get, index=None,
                              placeholder="Choose a program to edit", key="edit_program_choice")
        loaded = programs.load_program(db, chosen) if chosen else None
        if loaded:
            edit = FormState(f"edit_program_{chosen}")
            edit.show_outcome()
            loaded = edit.opened(loaded)
            data, submitted = program_fields(db, edit, loaded)
            if submitted:
                edit.submit(lambda: programs.update_program(db, actor, chosen, edit.version(loaded["version"]), data),
                            "Program saved.", clear=False)
            archived = loaded["status"] == "archived"
            if st.button("Restore from archive" if archived else "Archive program",
                         icon=":material/unarchive:" if archived else ":material/archive:",
                         help="Archived programs keep their events and figures but take no new events."):
                edit.submit(lambda: programs.set_archived(db, actor, chosen, edit.version(loaded["version"]),
                                                          not archived),
                            "Program restored." if archived else "Program archived.", clear=False)
