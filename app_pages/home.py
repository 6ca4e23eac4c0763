"""Home: who is signed in and a glance at the unit's work this month."""

from datetime import date

import streamlit as st

from components.database import get_database
from components.navigation import page_guard
from components.kpi import kpi_row
from queries.access import read_scope

user = page_guard("home")
db = get_database()

st.title("Community Relations")
scope = ", ".join(user.district_codes) if user.actor.role == "officer" else "all districts"
st.caption(f"{user.display_name} · {user.actor.role} · {scope}")

today = date.today()
figures = db.one("home_summary", **read_scope(user.actor), today=today)
kpi_row([
    ("Active programs", figures["programs_active"], None),
    ("Events this month", figures["events_this_month"], None),
    ("Attendance this month", figures["attendance_this_month"], None),
    ("Open concerns", figures["concerns_open"], None),
    ("Businesses verified in 12 months",
     f"{figures['businesses_verified_12m']} of {figures['businesses']}", None),
])
