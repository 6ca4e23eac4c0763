"""Imports: programs, events, participants, organizations and concerns from CSV or XLSX files."""

import streamlit as st

from components.database import get_database
from components.import_wizard import import_wizard
from components.navigation import page_guard
from core.importing.registry import ENTRY_KINDS, IMPORTERS

user = page_guard("imports")
db = get_database()

st.title("Imports")
st.caption("Every row is checked before anything is written; then all rows go in together, or none.")
kind = st.segmented_control("What does the file hold?", list(ENTRY_KINDS), default="events",
                            format_func=lambda k: IMPORTERS[k].title, key="import_kind")
if kind:
    import_wizard(db, user.actor, IMPORTERS[kind], key=f"import_{kind}")
