"""Crime targeting: where crime is, where programs are, and where they do not meet."""

from datetime import timedelta

import streamlit as st

from components import say
from components.database import get_database
from components.figures import cached
from components.navigation import page_guard
from components.crime_period import crime_period_picker
from components.targeting import (
    before_after_section,
    crime_matrix_section,
    district_activity_section,
    export_buttons,
    programs_section,
)
from core.crime import crime_types as crime_type_table, incident_span
from core.entry.programs import picker_programs

user = page_guard("crime-targeting")
db = get_database()

st.title("Crime targeting")
st.caption("Programs are to be targeted by crime type and area on the basis of local crime data. "
           "This page sets the incidents of a period beside the unit's program activity.")

span = cached(incident_span, db)
if not span or not span["incidents"]:
    st.info("No crime incidents have been imported yet. The Crime Prevention officer or an administrator "
            "imports the records system's export under Maps & crime > Crime data.")
    st.stop()

crime_types = cached(crime_type_table, db)
type_labels = dict(zip(crime_types["code"], crime_types["label"]))
c1, c2 = st.columns(2)
with c1:
    period = crime_period_picker(db, "targeting")
with c2:
    crime_type = st.selectbox("Crime type for the district comparison", ["all", *type_labels],
                              format_func=lambda c: type_labels.get(c, "All crime types"),
                              key="targeting_crime_type")
crime_type = None if crime_type == "all" else crime_type
before = period.previous()
say.caption("Period: {period}. Compared with the previous period: {before}.", period=period.label, before=before.label)

sheets = {}
sheets["Crime by district"] = crime_matrix_section(db, user.actor, period)
sheets["Districts"] = district_activity_section(db, user.actor, period, crime_type, type_labels.get(crime_type))
sheets["Programs"] = programs_section(db, user.actor, period)
programs = cached(picker_programs, db)
if not programs.empty:
    sheets["Before and after"] = before_after_section(db, user.actor, programs,
                                                   (span["first_day"], span["last_day"] + timedelta(days=1)))
export_buttons(sheets, period)
