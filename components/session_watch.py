"""A signed-in screen is cleared when its session ends, without waiting for the next click.

The sign-in gate checks the session on every run, but a run needs a click: a screen left open
would keep showing names and phone numbers after the 30 idle minutes. This timer (a fragment that
runs on its own every WATCH_SECONDS) reads the session's row, without counting as activity
(`accounts.session_active`), and once the session has ended (idle, signed out elsewhere,
deactivated) runs the whole app again: the gate then ends the session and replaces the page with
its sign-in message.
"""

from __future__ import annotations

import streamlit as st

from components.session import TOKEN_KEY, current_user
from core import accounts
from queries.db import Database

WATCH_SECONDS = 30


@st.fragment(run_every=WATCH_SECONDS)
def watch_session(db: Database) -> None:
    user = current_user()
    token = st.session_state.get(TOKEN_KEY)
    if user is not None and not accounts.session_active(db, user.actor.username, token):
        st.rerun(scope="app")
