"""Community perception: what residents say in the department's surveys, by district and wave, and how
serious they rate each problem beside what is on record."""

import streamlit as st

from components.database import get_database
from components.figures import cached
from components.navigation import page_guard
from components.survey_sections import (comments_section, downloads, import_section, measure_chart,
                                        no_waves_yet, perception_section, reads_comments, results_table,
                                        wave_picker)
from core.surveys.results import waves as survey_waves
from core.text import md

user = page_guard("surveys")
db = get_database()

st.title("Community perception")
st.caption("What residents say in the department's surveys: whether they feel safe, trust the police and are "
           "satisfied with its services, and which problems they call serious, beside the crime and concerns "
           "on record. Programs can then be aimed at fear and misperception as well as at crime.")

importing = import_section(user.actor)
labels = ["Results", *(["Residents' comments"] if reads_comments(user.actor) else []),
          *(["Import a wave"] if importing is not None else [])]
tabs = (dict(zip(labels, st.tabs([md(label) for label in labels], key="surveys_tab", on_change="rerun")))
        if len(labels) > 1 else {})
results_tab, comments_tab, import_tab = (tabs.get(label) for label in ("Results", "Residents' comments",
                                                                       "Import a wave"))

if import_tab is not None and import_tab.open:
    with import_tab:
        importing(db, user)

if comments_tab is not None and comments_tab.open:
    with comments_tab:
        comments_section(db, user.actor)

if results_tab is None or results_tab.open:
    with results_tab if results_tab is not None else st.container():
        waves = cached(survey_waves, db)
        if not waves:
            no_waves_yet(can_import=importing is not None)
            st.stop()
        wave, earlier = wave_picker(waves)
        measure_chart(db, user.actor, waves, wave)
        sheets = {"Results": results_table(db, user.actor, wave, earlier),
                  "Perception beside the record": perception_section(db, user.actor, wave)}
        downloads(sheets, wave)
