"""Administration: the department's settings (name on reports, concern response time)."""

import streamlit as st

from components import say
from components.database import get_database
from components.feedback import show_error
from components.navigation import page_guard
from core import settings
from queries.errors import DataError

admin = page_guard("admin-settings")
db = get_database()

st.title("Settings")
department = settings.row(db, settings.DEPARTMENT_NAME) or {}
response = settings.row(db, settings.RESPONSE_DAYS) or {}
with st.form("settings"):
    name = st.text_input("Department name (on every report)", max_chars=120, key="settings_department",
                         value=department.get("value") or settings.DEFAULT_DEPARTMENT)
    days = st.number_input("Response time for community concerns (days)", min_value=1, key="settings_days",
                           max_value=settings.MAX_RESPONSE_DAYS, step=1,
                           value=settings.response_days(db),
                           help="An open concern received longer ago than this is overdue: flagged on the "
                                "Concerns page and listed on the Overview.")
    saved = st.form_submit_button("Save", type="primary")
if saved:
    try:
        checked_name, checked_days = settings.check_department_name(name), settings.check_response_days(days)
        settings.save_all(db, admin.actor, {settings.DEPARTMENT_NAME: (checked_name, department.get("version")),
                                            settings.RESPONSE_DAYS: (checked_days, response.get("version"))})
        say.success("Saved: reports say “{name}”; concerns are overdue after {days} days.", name=checked_name,
                    days=checked_days)
    except DataError as error:
        show_error(error)
