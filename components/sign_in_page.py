"""What the sign-in screen shows beside the form."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from components import say
from core.settings import is_demo
from core.text import md
from core.vocabulary import label
from queries.db import Database


def render_sign_in_help(db: Database, demo_accounts: Sequence[tuple[str, str, str]] = ()) -> None:
    """The unit's line and, while the database is the demo one, its accounts: (username, role,
    password) each; app.py passes demo.bootstrap.DEMO_ACCOUNTS (components do not import the demo)."""
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.caption("Community Relations / Crime Prevention unit. Accounts are issued by the administrator; "
                   "after 5 wrong passwords an account is locked for 15 minutes.")
        if not demo_accounts or not is_demo(db):
            return
        passwords = {role: password for _, role, password in demo_accounts}    # one per role, in order
        # a Markdown table, not a data frame: the sign-in page then needs neither pandas on the server
        # nor the data grid's scripts in the browser, and the first page of a cold start comes sooner
        names = {role: [md(name) for name, own, _ in demo_accounts if own == role] for role in passwords}
        names = {role: say.join(", ", n) if len(n) <= 3 else say.text("{first} to {last}", first=n[0], last=n[-1])
                 for role, n in names.items()}
        rows = [say.text("| {role} | {names} | `{password}` |", role=label("role", role), names=names[role],
                         password=password)
                for role, password in passwords.items()]
        with st.expander("Demo accounts (shown only while this is the demo database)", expanded=True):
            st.markdown(say.join("\n", [say.text("| Role | Usernames | Password |\n|---|---|---|"), *rows]))
