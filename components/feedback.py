"""Showing the data layer's refusals next to the form that caused them."""

from __future__ import annotations

import streamlit as st

from queries.errors import ConflictError, DataError, ValidationError


def show_error(error: DataError) -> None:
    if isinstance(error, ValidationError):
        for field, reason in error.problems.items():
            st.error(f"**{field[:1].upper() + field[1:]}**: {reason}")  # keep names as typed
    elif isinstance(error, ConflictError):
        st.error(str(error))
        if error.current:
            with st.expander("Current values"):
                st.json({k: str(v) for k, v in error.current.items() if k != "password_hash"})
    else:
        st.error(str(error))
