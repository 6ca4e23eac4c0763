"""Editing the offense description -> crime type mapping (unmapped offenses first)."""

from __future__ import annotations

import streamlit as st

from components import say
from components.feedback import show_error
from components.figures import cached
from components.tables import editor
from core import formatting
from core.crime import crime_types
from core.offense_mapping import save_mappings, saved_mappings, unmapped_offenses
from queries.actor import Actor
from queries.db import Database
from queries.errors import DataError


def offense_mapping_editor(db: Database, actor: Actor) -> None:
    st.subheader("Offense mapping")
    types = cached(crime_types, db)
    labels = dict(zip(types["code"], types["label"]))
    unmapped = cached(unmapped_offenses, db)
    if unmapped.empty:
        st.success("Every stored incident's offense maps to a crime type.")
    else:
        say.warning("{incidents} ({offenses}) map to no crime type and are left out of crime-type figures. "
                    "Assign them below.", incidents=formatting.plural(unmapped["incidents"].sum(), "incident"),
                    offenses=formatting.plural(len(unmapped), "offense description"))
        unmapped = unmapped.assign(crime_type=None)
        edited = editor(
            unmapped, key="unmapped_editor", disabled=["offense_description", "incidents"],
            column_config={
                "offense_description": st.column_config.TextColumn("Offense description"),
                "incidents": st.column_config.NumberColumn("Incidents"),
                "crime_type": st.column_config.SelectboxColumn("Crime type", options=list(labels),
                                                               format_func=labels.get),
            })
        if st.button("Save assignments", type="primary", key="save_unmapped"):
            chosen = {r.offense_description: r.crime_type for r in edited.itertuples()
                      if r.crime_type and r.offense_description != "(blank)"}
            _save(db, actor, chosen)
    saved = cached(saved_mappings, db)
    with st.expander(say.text("Saved mapping ({count})", count=formatting.plural(len(saved), "offense description"))):
        if saved.empty:
            st.info("No offense descriptions are mapped yet.")
            return
        edited = editor(
            saved[["offense_description", "crime_type_code", "incidents"]], key="mapping_editor",
            disabled=["offense_description", "incidents"],
            column_config={"offense_description": "Offense description",
                           "crime_type_code": st.column_config.SelectboxColumn(
                               "Crime type", options=list(labels), format_func=labels.get, required=True)})
        if st.button("Save changes", key="save_mapping"):
            before = dict(zip(saved["offense_description"], saved["crime_type_code"]))
            changed = {r.offense_description: r.crime_type_code for r in edited.itertuples()
                       if before.get(r.offense_description) != r.crime_type_code}
            _save(db, actor, changed)


def _save(db: Database, actor: Actor, mapping: dict[str, str]) -> None:
    if not mapping:
        st.info("Nothing was changed.")
        return
    try:
        counts = save_mappings(db, actor, mapping)
    except DataError as error:
        show_error(error)
        return
    say.success("Saved: {added} added, {changed} changed; the crime type of {retyped:,} stored incidents was updated.",
                added=counts["added"], changed=counts["changed"], retyped=counts["incidents_retyped"])
