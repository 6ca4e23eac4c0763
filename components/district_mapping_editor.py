"""The Crime data page's district section: how the latest import placed its incidents, and the
district texts that name no district, mapped to a district once and for all."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import say
from components.feedback import show_error
from components.figures import cached
from components.tables import editor, table
from core import formatting
from core.district_mapping import districts, save_mappings, saved_mappings, unmatched_stored
from core.incident_import import last_import_placement
from queries.actor import Actor
from queries.db import Database
from queries.errors import DataError


def last_import_caption(db: Database) -> None:
    """The placement figures of the latest import, the data-quality figure among them."""
    placed = cached(last_import_placement, db)
    if placed is None:
        return
    say.caption("Latest import ({file}), incidents placed by the district their record states: {by_column:,}; "
                "by their location: {by_location:,}; in no district: {none:,} (without a location {no_location:,}, "
                "outside every district {outside:,}).",
                file=placed.get("file", ""), by_column=placed["district_from_column"],
                by_location=placed["located_by_point"],
                none=placed["no_district_no_location"] + placed["no_district_outside"],
                no_location=placed["no_district_no_location"], outside=placed["no_district_outside"])
    if placed["located_in_other_district"] or placed["stated_outside_every_district"]:
        say.warning("Data quality of the latest import, incidents whose location lies in another district than "
                    "the one their record states: {other:,}; outside every district: {outside:,}. They are counted "
                    "in the district their record states.",
                    other=placed["located_in_other_district"], outside=placed["stated_outside_every_district"])


def district_mapping_editor(db: Database, actor: Actor) -> None:
    st.subheader("District mapping")
    known = cached(districts, db)
    labels = {d.code: f"{d.code} – {d.name}" if d.name and d.name != d.code else d.code for d in known}
    unmatched = pd.DataFrame(cached(unmatched_stored, db), columns=["district_text", "incidents"])
    if unmatched.empty:
        st.success("Every district stated by a stored incident names one of the department's districts.")
    else:
        say.warning("Incidents stating a district that names none of the department's districts: {incidents:,} "
                    "({texts}), placed by their location. Map each text to a district once: the "
                    "stored incidents and every later import follow.",
                    incidents=int(unmatched["incidents"].sum()),
                    texts=formatting.plural(len(unmatched), "different text"))
        edited = editor(
            unmatched.assign(district_code=None), key="district_unmatched_editor",
            disabled=["district_text", "incidents"],
            column_config={
                "district_text": st.column_config.TextColumn("District as written"),
                "incidents": st.column_config.NumberColumn("Incidents"),
                "district_code": st.column_config.SelectboxColumn("District", options=list(labels),
                                                                  format_func=labels.get),
            })
        if st.button("Save district mapping", type="primary", key="save_district_mapping"):
            chosen = {r.district_text: r.district_code for r in edited.itertuples() if r.district_code}
            _save(db, actor, chosen)
    saved = cached(saved_mappings, db)
    with st.expander(say.text("Saved district mapping ({count})", count=formatting.plural(len(saved), "text"))):
        if saved.empty:
            st.info("No district texts are mapped yet.")
        else:
            table(saved[["district_text", "district_code", "district_name"]],
                  column_config={"district_text": "District as written", "district_code": "District code",
                                 "district_name": "District"})


def _save(db: Database, actor: Actor, mapping: dict[str, str]) -> None:
    if not mapping:
        st.info("Choose a district for at least one text.")
        return
    try:
        counts = save_mappings(db, actor, mapping)
    except DataError as error:
        show_error(error)
        return
    say.success("Saved: {added} added, {changed} changed. Stored incidents that now count in the district they "
                "state: {moved:,}.", added=counts["added"], changed=counts["changed"], moved=counts["incidents_moved"])
