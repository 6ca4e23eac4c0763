"""What the screen says about the user's last action, drawn on the runs that follow it.

A page that saves and then calls st.rerun() (so everything on screen shows the saved state)
throws away whatever it drew in that run, its "Saved." included. `later` keeps the message in
the session instead, and `show` draws it in its place (`slot`: the whole page's top, or one
form's) on every run until the user acts there again or goes to another page.

It is not said once and forgotten: another run can follow the one that drew it before the user
has looked (the browser reconnecting and running the page again, the session timer's run, a
request that preempted it), and the user would then be told nothing about a save that happened.

app.py calls `visiting` with the page of every run (before any page draws), and `show()` for
the page's top.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from components import say

_KEY = "flash_messages"        # [(slot, visit, run, kind, message)]
_VISIT = "flash_visit"         # (page, visit number, run number) of this run
PAGE = "page"                  # the slot at the top of every page


def visiting(page: str) -> None:
    """Count this run, and a new visit when `page` is not the page of the run before: messages of
    an earlier visit are dropped."""
    last, visit, run = st.session_state.get(_VISIT, (None, 0, 0))
    if page != last:
        visit += 1
    st.session_state[_VISIT] = (page, visit, run + 1)
    st.session_state[_KEY] = [m for m in st.session_state.get(_KEY, []) if m[1] == visit]


def later(kind: str, template: str, /, slot: str = PAGE, **values: Any) -> None:
    """Say `template` (values escaped, as in say) as an alert of `kind` in `slot`, from the next
    run on. It replaces what an earlier action said there; several in one run are all said."""
    _, visit, run = st.session_state.get(_VISIT, (None, 0, 0))
    kept = [m for m in st.session_state.get(_KEY, []) if m[0] != slot or m[2] == run]
    st.session_state[_KEY] = kept + [(slot, visit, run, kind, say.text(template, **values))]


def forget(slot: str) -> None:
    """Stop saying what was said in `slot`: the user has acted there again."""
    st.session_state[_KEY] = [m for m in st.session_state.get(_KEY, []) if m[0] != slot]


def show(slot: str = PAGE) -> None:
    for where, _, _, kind, message in st.session_state.get(_KEY, []):
        if where == slot:
            say.alert(kind, message, icon=":material/check_circle:" if kind == "success" else None)
