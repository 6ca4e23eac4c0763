"""What the sign-in screen shows beside the form."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.demo_bootstrap import is_demo
from queries.db import Database


def render_sign_in_help(db: Database) -> None:
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.caption("Community Relations / Crime Prevention unit. Accounts are issued by the administrator; "
                   "after 5 wrong passwords an account is locked for 15 minutes.")
        if not is_demo(db):
            return
        # core.demo.people, not core.demo: the town builders (shapely, ...) are not needed to sign in
        from core.demo.people import PASSWORDS, USERS

        accounts = [(u.username, u.role, PASSWORDS[u.role]) for u in USERS]
        with st.expander("Demo accounts (shown only while this is the demo database)", expanded=True):
            st.dataframe(pd.DataFrame(accounts, columns=["username", "role", "password"]),
                         hide_index=True, width="stretch")
