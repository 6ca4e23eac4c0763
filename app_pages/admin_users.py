"""Administration: accounts, roles, districts, passwords and locks."""

import streamlit as st

from components import say
from components.database import get_database
from components.feedback import show_error
from components.figures import cached
from components.navigation import page_guard
from components.sign_in import session_token
from core import accounts, formatting, identity, users
from core.districts import all_districts
from components.tables import table as show_table
from core.text import md
from core.vocabulary import label, present
from queries.access import OFFICER, ROLES
from queries.errors import DataError

admin = page_guard("admin-users")
db = get_database()

st.title("Users")
table = users.accounts(db)
show_table(table.drop(columns=["version"]), codes={"role": "role"}, width="stretch", column_config={
    "username": "Username", "display_name": "Name", "email": "E-mail",
    "linked": st.column_config.CheckboxColumn("Linked sign-in", help="Linked to a person at the department's "
                                              "identity provider (by the verified e-mail address, at their "
                                              "first sign-in there)"),
    "role": "Role", "districts": "Districts",
    "active": "Active", "must_change_password": "Must change password", "locked": "Locked",
    "last_sign_in": st.column_config.DatetimeColumn("Last sign-in", format=formatting.MOMENT_COLUMN),
})
district_codes = [d["code"] for d in cached(all_districts, db)]


def attempt(action, success: str) -> None:
    try:
        action()
    except DataError as error:
        show_error(error)
    else:
        st.success(md(success))   # plain text escaped whole, say.text kept


add_tab, edit_tab = st.tabs(["Add a user", "Change a user"])

with add_tab, st.form("add_user", clear_on_submit=False):
    c1, c2 = st.columns(2)
    username = c1.text_input("Username")
    display_name = c2.text_input("Full name")
    role = c1.selectbox("Role", ROLES, index=ROLES.index(OFFICER), format_func=lambda r: label("role", r))
    districts = c2.multiselect("Districts (patrol officers)", district_codes)
    email = c1.text_input("E-mail (optional)")
    password = c2.text_input("Temporary password", type="password",
                             help="The user must change it at first sign-in.")
    if st.form_submit_button("Add user", type="primary"):
        attempt(lambda: users.add_user(db, admin.actor, username, display_name, role, password,
                                       districts, email or None),
                f"User {username} added; they must change the password at first sign-in.")

with edit_tab:
    if table.empty:
        st.info("No users yet.")
    else:
        people = dict(zip(table["username"], table["display_name"]))
        chosen = st.selectbox("User", list(people), key="users_pick",
                              format_func=lambda u: f"{people[u]} ({u})" if present(people[u], "") else u)
        row = table.set_index("username").loc[chosen]
        current = accounts.account(db, chosen)
        with st.form("change_access"):
            new_role = st.selectbox("Role", ROLES, index=ROLES.index(row["role"]),
                                    format_func=lambda r: label("role", r))
            new_districts = st.multiselect("Districts", district_codes,
                                           default=list(current["district_codes"]) if current else [])
            if st.form_submit_button("Save role and districts"):
                attempt(lambda: users.change_access(db, admin.actor, chosen, int(row["version"]),
                                                    new_role, new_districts),
                        "Role and districts saved.")
        with st.form("change_email"):
            new_email = st.text_input("E-mail", value=(current or {}).get("email") or "",
                                      help="Signing in through the department's identity provider links the "
                                           "person whose verified e-mail address this is, at their first "
                                           "sign-in there.")
            if st.form_submit_button("Save e-mail"):
                attempt(lambda: users.change_email(db, admin.actor, chosen, int(row["version"]), new_email or None),
                        "E-mail saved.")
        links = identity.links(db, current["id"]) if current else []
        for link in links:
            say.caption("Linked sign-in: {subject} at {issuer}, by {email}", subject=link["subject"],
                        issuer=link["issuer"], email=link["email"] or "–")
        if links and st.button("Unlink the sign-in", help="The next sign-in through the identity provider "
                                                          "links again by the e-mail address above."):
            attempt(lambda: identity.unlink(db, admin.actor, chosen), "Sign-in unlinked.")
        c1, c2, c3 = st.columns(3)
        if row["active"]:
            if c1.button("Deactivate", help="Signs the user out everywhere."):
                attempt(lambda: users.set_active(db, admin.actor, chosen, int(row["version"]), False),
                        f"{chosen} deactivated.")
        elif c1.button("Reactivate"):
            attempt(lambda: users.set_active(db, admin.actor, chosen, int(row["version"]), True),
                    f"{chosen} reactivated.")
        if c2.button("Unlock", disabled=not row["locked"]):
            attempt(lambda: accounts.unlock(db, admin.actor, chosen), f"{chosen} unlocked.")
        with c3.popover("Reset password"):
            with st.form("reset_password", clear_on_submit=True):
                temporary = st.text_input("Temporary password", type="password")
                if st.form_submit_button("Set temporary password"):
                    attempt(lambda: accounts.set_password(db, admin.actor, chosen, temporary,
                                                          keep_session=session_token()),
                            "Password reset; the user must change it at next sign-in.")
