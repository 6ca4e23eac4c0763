"""Showing the data layer's refusals next to the form that caused them.

Messages may quote what the user typed or uploaded (a business name, a file name), so
they are escaped (core.text.md): shown as written, never rendered as Markdown links.
"""

from __future__ import annotations

import streamlit as st

from components import say
from core.text import md
from queries.errors import ConflictError, DataError, ValidationError


def show_error(error: DataError) -> None:
    if isinstance(error, ValidationError):
        for field, reason in error.problems.items():
            say.error("**{field}**: {reason}", field=field[:1].upper() + field[1:], reason=reason)  # as typed
    elif isinstance(error, ConflictError):
        st.error(md(str(error)))
        if error.current:
            with st.expander("Current values"):
                st.json({k: str(v) for k, v in error.current.items() if k != "password_hash"})
    else:
        st.error(md(str(error)))
