"""The process-wide database, opened once and shared by every session."""

from __future__ import annotations

import streamlit as st

from core.demo_bootstrap import ensure_database
from queries.db import Database, resolve_path
from queries.errors import DatabaseBusy


@st.cache_resource(show_spinner=False)
def _open(path: str) -> Database:
    with st.spinner("Setting up the demo database (first start only, about half a minute)…"):
        return ensure_database(path)


def get_database() -> Database:
    """The database for this server, or a one-sentence stop when it cannot be opened."""
    try:
        return _open(str(resolve_path()))
    except DatabaseBusy as busy:
        st.error(str(busy))
        st.stop()
