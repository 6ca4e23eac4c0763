"""Administration: the department's settings (name on reports, concern response time, time zone) and
signing in through the department's identity provider."""

import streamlit as st

from components import flash, say
from components.database import get_database
from components.feedback import show_error
from components.navigation import page_guard
from components.sign_in import provider_names
from core import clock, identity, settings
from queries.errors import DataError, ValidationError

admin = page_guard("admin-settings")
db = get_database()

st.title("Settings")
department = settings.row(db, settings.DEPARTMENT_NAME) or {}
response = settings.row(db, settings.RESPONSE_DAYS) or {}
zone = settings.row(db, settings.TIME_ZONE) or {}
with st.form("settings"):
    name = st.text_input("Department name (on every report)", max_chars=120, key="settings_department",
                         value=department.get("value") or settings.DEFAULT_DEPARTMENT)
    days = st.number_input("Response time for community concerns (days)", min_value=1, key="settings_days",
                           max_value=settings.MAX_RESPONSE_DAYS, step=1,
                           value=settings.response_days(db),
                           help="An open concern received longer ago than this is overdue: flagged on the "
                                "Concerns page and listed on the Overview.")
    typed_zone = st.text_input("Time zone", key="settings_time_zone", value=settings.time_zone(db),
                               help="The department's time zone, as named in the IANA time zone database "
                                    "(America/New_York, America/Chicago, Pacific/Honolulu, …). Today's date, "
                                    "the shift, the default times of forms and every time shown follow it.")
    zone_note = st.empty()
    say.caption("Now in the department: {now}", now=clock.stamp(db))
    saved = st.form_submit_button("Save", type="primary")
if saved:
    try:
        cleaned = settings.clean({settings.DEPARTMENT_NAME: name, settings.RESPONSE_DAYS: days,
                                  settings.TIME_ZONE: typed_zone})
        changes = {key: (text, row.get("version")) for key, text, row in (
            (settings.DEPARTMENT_NAME, cleaned[settings.DEPARTMENT_NAME], department),
            (settings.RESPONSE_DAYS, cleaned[settings.RESPONSE_DAYS], response),
            (settings.TIME_ZONE, cleaned[settings.TIME_ZONE], zone))}
        if not zone and cleaned[settings.TIME_ZONE] == settings.DEFAULT_TIME_ZONE:
            del changes[settings.TIME_ZONE]                        # the default is not written until changed
        settings.save_all(db, admin.actor, changes)
        flash.later("success", "Saved: reports say “{name}”; concerns are overdue after {days} days; times are in "
                    "{zone}.", name=cleaned[settings.DEPARTMENT_NAME], days=cleaned[settings.RESPONSE_DAYS],
                    zone=cleaned[settings.TIME_ZONE])
        st.rerun()                              # the page again in the saved settings (its time zone's clock)
    except ValidationError as error:
        problems = dict(error.problems)
        if "time zone" in problems:                                # under its field
            zone_note.error(say.text("**Time zone**: {reason}", reason=problems.pop("time zone")),
                            icon=":material/error:")
        if problems:
            show_error(ValidationError(problems))
    except DataError as error:
        show_error(error)

st.header("Sign-in through the department's identity provider")
providers = provider_names()
if providers:
    say.caption("Configured in .streamlit/secrets.toml: {names}. The sign-in page offers it beside the password "
                "form.", names=", ".join(providers))
else:
    st.caption("No identity provider is configured in .streamlit/secrets.toml; until one is, users sign in "
               "with their passwords and the settings below wait. How to register the app with the provider: "
               "the README, Signing in through the department's identity provider.")
kept = settings.passwords_off_except(db)
with st.form("sign_in_settings"):
    provider_label = st.text_input("Name on the sign-in button", key="settings_provider_name",
                                   value=settings.provider_name(db), max_chars=80,
                                   help="The button reads “Sign in with” and this name.")
    claim = st.text_input("Groups claim", key="settings_groups_claim", value=settings.groups_claim(db),
                          help="The ID token claim that lists the person's groups or roles: groups (Entra ID, "
                               "Okta, Keycloak with a group mapper), roles (Entra ID app roles), or a dotted "
                               "name such as realm_access.roles (Keycloak realm roles).")
    mapping = st.text_area("Groups that give a role", key="settings_group_roles",
                           value=settings.value(db, settings.GROUP_ROLES) or "",
                           placeholder="crd-command = command\ncrd-patrol-north = officer N",
                           help="One line per group: the group, “=”, the role (admin, command, prevention, "
                                "officer) and, for patrol officers, district codes. At each sign-in the first "
                                "line naming one of the person's groups sets the account's role and "
                                "districts. Leave empty to assign roles on the Users page only.")
    passwords_off = st.toggle("Switch local passwords off", key="settings_passwords_off", value=kept is not None,
                              help="Everyone signs in through the identity provider, except the break-glass "
                                   "administrator below, whose password keeps working if the provider is down.")
    break_glass = st.text_input("Break-glass administrator (username)", key="settings_break_glass",
                                value=kept or "")
    sign_in_saved = st.form_submit_button("Save sign-in settings")
if sign_in_saved:
    try:
        identity.save_sign_in_settings(db, admin.actor, provider_label, claim, mapping,
                                       break_glass if passwords_off else None)
    except DataError as error:
        show_error(error)
    else:
        flash.later("success", "Sign-in settings saved.")
        st.rerun()
