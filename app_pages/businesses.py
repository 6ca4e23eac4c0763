"""Business contacts: each district's businesses and their contact persons, kept current by patrol.

Officers see and edit their own districts' businesses; the Crime Prevention
officer and administrators all of them; command staff read them.
"""

import streamlit as st

from components import say
from components.business_cards import CARDS_KEY, TABLE_KEY, business_cards, responsive_views
from components.business_contacts import contacts_panel
from components.business_currency import currency_section, downloads_section
from components.business_grid import business_grid
from components.business_import_panel import import_panel, last_import_summary
from components.database import get_database
from components.figures import cached
from components.navigation import page_guard
from core import clock
from core.districts import all_districts
from core.text import md
from queries.access import can, scoped

user = page_guard("businesses")
db = get_database()

st.title("Business contacts")
editable = can(user.actor, "update", "businesses")     # a patrol officer: their districts' businesses
districts = {d["code"]: d["id"] for d in cached(all_districts, db) if d["kind"] == "district"}
if scoped(user.actor):
    districts = {code: i for code, i in districts.items() if i in user.actor.district_ids}
    say.caption("Your districts: {codes}", codes=", ".join(districts) or "none assigned — ask an administrator")
elif not editable:
    st.caption("Read only.")
today = clock.department_today(db)      # "verified today" and the 12 months of currency end on it
last_import_summary()

names = ["List", "Currency by district", "Print and download"] + (
    ["Import"] if can(user.actor, "import", "businesses") else [])
# The two read-only tabs run only while open; the list (an editor holding unsaved edits) and the
# import always run, so switching tabs loses nothing typed there.
tabs = dict(zip(names, st.tabs([md(name) for name in names], key="businesses_tab", on_change="rerun")))
with tabs["List"]:
    # cards on a phone, the grid on a wider screen: both are drawn, a style sheet shows one
    responsive_views()
    with st.container(key=CARDS_KEY):
        business_cards(db, user, today, districts, editable)
    with st.container(key=TABLE_KEY):
        shown = business_grid(db, user, today, list(districts), editable)
        contacts_panel(db, user, shown, today, editable)
if tabs["Currency by district"].open:
    with tabs["Currency by district"]:
        currency_section(db, user, today)
if tabs["Print and download"].open:
    with tabs["Print and download"]:
        downloads_section(db, user, today, districts)
if "Import" in tabs:
    with tabs["Import"]:
        import_panel(db, user)
