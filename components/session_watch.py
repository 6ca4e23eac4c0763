"""A signed-in screen is cleared when its session ends, without waiting for the next click.

The sign-in gate checks the session on every run, but a run needs a click: a screen left open
would keep showing names and phone numbers after the 30 idle minutes. This timer (a fragment that
runs on its own every WATCH_SECONDS) reads the session's row, without counting as activity
(`accounts.session_active`), and once the session has ended (idle, signed out elsewhere,
deactivated) runs the whole app again: the gate then ends the session and replaces the page with
its sign-in message.

The timer is a fragment, so it also runs in every run of the whole app, right after the sign-in
gate has read the same row: it then leaves the row alone (JUST_CHECKED_SECONDS), and reads it on
its own runs.
"""

from __future__ import annotations

import time

import streamlit as st

from components.session import CHECKED_KEY, TOKEN_KEY, current_user
from core import accounts
from queries.db import Database

WATCH_SECONDS = 30
# the gate found the session alive this recently: in this same run (a run of a large page takes a
# second or two), never as long ago as the timer's last run
JUST_CHECKED_SECONDS = 5


@st.fragment(run_every=WATCH_SECONDS)
def watch_session(db: Database) -> None:
    user = current_user()
    if user is None or time.monotonic() - st.session_state.get(CHECKED_KEY, float("-inf")) < JUST_CHECKED_SECONDS:
        return
    if not accounts.session_active(db, user.actor.username, st.session_state.get(TOKEN_KEY)):
        st.rerun(scope="app")
