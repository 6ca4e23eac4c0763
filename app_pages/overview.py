"""Overview: the department's community work at a glance, for the reader's districts.

Are we doing more or less than before (headline figures against the previous period and last
year), where (by district), and is it working (goals, concerns resolved), plus the lists to act on.
"""

import streamlit as st

from components import charts, say
from components.database import get_database
from components.figure_filters import figure_filters, where
from components.figures import figures, worklist
from components.headline import CARDS, NOT_PROGRAM, headline_cards
from components.navigation import page_guard
from components.overview_sections import district_table, lists_to_act_on, map_link, top_programs
from components.period_picker import PRESETS, period_picker
from core import clock, formatting, settings
from core.metrics import trend_period
from core.text import md

user = page_guard("overview")
db = get_database()
actor = user.actor
today = clock.department_today(db)

st.title("Overview")
scope_caption = st.empty()          # filled once the filters below are read

with st.container(border=True):
    left, right = st.columns([1, 3])
    with left:
        period = period_picker("overview", today, menu=PRESETS)
    with right:
        filters = figure_filters(db, actor)
with scope_caption:
    say.caption("Community work in {scope}. Figures follow the monthly report's definitions (tap or hover the ? "
                "beside a figure for its definition).", scope=where(db, actor, filters))

before, ago = period.previous(), period.year_before()
# the headline figures and the district table below from one run of each figure family's query
now, districts = figures("headline_and_districts", db, actor, period, filters)
st.subheader(md(period.label))
say.caption("{start} to {end}; arrows compare with {before}, the line below with {ago}.",
            start=formatting.day(period.start), end=formatting.day(period.end), before=before.label, ago=ago.label)
headline_cards(now, figures("headline", db, actor, before, filters),
               figures("headline", db, actor, ago, filters), before, ago)
if filters.program_specific:
    cards = ", ".join(CARDS[c].lower() for c in NOT_PROGRAM)
    say.caption("Contacts, businesses, concerns and organizations are not tied to programs: the program filters leave "
                "them as they are ({cards}).", cards=cards)

st.subheader("Trends by month")
trend = trend_period(period)
say.caption("{trend}.", trend=trend.label)
# Only the open tab runs (and is sent): a hidden chart costs a query and a figure on every rerun, and
# the browser draws one trend at a time (two side by side took as long to draw as the rest of the page).
events_tab, attendance_tab, contacts_tab, concerns_tab = st.tabs(
    ["Events", "Attendance", "Contacts per shift", "Concerns"], key="overview_trend", on_change="rerun")
if events_tab.open:
    with events_tab:
        charts.show(charts.by_category_per_month(figures("events_by_month", db, actor, trend, filters), "events",
                                                 "Events held each month, by program category", "Events"),
                    f"No program events in {trend.label} for this selection.", key="trend_events")
if attendance_tab.open:
    with attendance_tab:
        charts.show(charts.by_category_per_month(figures("events_by_month", db, actor, trend, filters), "attendance",
                                                 "Attendance each month, by program category", "People attending"),
                    f"No attendance recorded in {trend.label} for this selection.", key="trend_attendance")
if contacts_tab.open:
    with contacts_tab:
        charts.show(charts.contacts_per_shift(figures("contacts_by_month", db, actor, trend, filters),
                                              "Non-enforcement contacts per shift logged, each month"),
                    f"No community contacts logged in {trend.label} for this selection.", key="trend_contacts")
if concerns_tab.open:
    with concerns_tab:
        charts.show(charts.concerns_received_resolved(figures("concerns_by_month", db, actor, trend, filters),
                                                      "Community concerns received and resolved each month"),
                    f"No community concerns in {trend.label} for this selection.", key="trend_concerns")

st.subheader("By district")
district_table(districts, period)
map_link(actor.role)

st.subheader("Top programs")
top_programs(figures("by_program", db, actor, period, filters), period, actor.role)

st.subheader("To act on")
response_days = settings.response_days(db)
lists_to_act_on(worklist("overdue_concerns", db, actor, min(period.end, today), filters, days=response_days),
                worklist("stale_businesses", db, actor, min(period.end, today), filters),
                min(period.end, today), response_days)
