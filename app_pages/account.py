"""My account: change my own password (required after an administrator's reset)."""

import streamlit as st

from components import flash, say
from components.database import get_database
from components.feedback import show_error
from components.navigation import page_guard
from components.sign_in import session_token
from core import accounts
from core.passwords import MAX_LENGTH, MIN_LENGTH
from core.vocabulary import label
from queries.errors import ValidationError

user = page_guard("account")
db = get_database()

st.title("My account")
say.write("**{name}** · username {username} · role {role}", name=user.display_name, username=user.actor.username,
          role=label("role", user.actor.role))
if user.district_codes:
    say.write("Assigned districts: {codes}", codes=", ".join(user.district_codes))
if user.must_change_password:
    st.warning("Your password was set by an administrator. Choose your own password to continue.")

with st.form("change_password", clear_on_submit=True):
    st.subheader("Change password")
    current = st.text_input("Current password", type="password")
    new = st.text_input("New password", type="password",
                        help=say.text("{low} to {high} characters; a passphrase of several words works well.",
                                      low=MIN_LENGTH, high=MAX_LENGTH))
    repeat = st.text_input("New password again", type="password")
    submitted = st.form_submit_button("Change password", type="primary")

if submitted:
    if new != repeat:
        st.error("The two new passwords differ; nothing was changed.")
    else:
        try:
            accounts.change_password(db, user.actor, current, new, keep_session=session_token())
        except ValidationError as error:
            show_error(error)
        else:
            flash.later("success", "Password changed.")
            st.rerun()          # a temporary password changed: the whole menu is open again
