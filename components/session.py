"""The signed-in user of this browser session, as the pages see it."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from components.database import get_database
from queries.actor import Actor

# session-state keys, read also by components/cache_guard.py from outside a script run
SIGNED_IN_KEY = "signed_in"         # the user the last run signed in
TOKEN_KEY = "auth_token_exp"        # that sign-in's server-side session stamp (components/sign_in.py)
CHECKED_KEY = "session_checked_at"  # when the sign-in gate last found that session alive (time.monotonic)


@dataclass(frozen=True)
class SignedIn:
    actor: Actor
    display_name: str
    must_change_password: bool
    district_codes: tuple[str, ...]


def current_user() -> SignedIn | None:
    return st.session_state.get(SIGNED_IN_KEY)


def set_current_user(user: SignedIn | None) -> None:
    if user is None:
        st.session_state.pop(SIGNED_IN_KEY, None)
    else:
        st.session_state[SIGNED_IN_KEY] = user


def record_denial(user: SignedIn, detail: str) -> None:
    """A refused page or action is on record even though nothing was written."""
    with get_database().unit_of_work(user.actor) as uow:
        uow.audit("denied", detail=detail)
