"""Messages that outlive the rerun that follows an action.

A page that saves and then calls st.rerun() (so everything on screen shows the saved state)
throws away whatever it drew in that run, its "Saved." included. `later` keeps the message in
the session instead; `show`, called by app.py on every page, draws and forgets it on the next run.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from components import say

_KEY = "flash_messages"


def later(kind: str, template: str, /, **values: Any) -> None:
    """Show `template` (values escaped, as in say) as an alert of `kind` on the next run."""
    st.session_state.setdefault(_KEY, []).append((kind, say.text(template, **values)))


def show() -> None:
    for kind, message in st.session_state.pop(_KEY, []):
        say.alert(kind, message)
