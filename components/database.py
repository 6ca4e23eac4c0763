"""The process-wide database, opened once and shared by every session.

Not a Streamlit cache entry: any browser can ask Streamlit to clear its caches (the websocket's
`clear_cache` message), and a database object made again would come with a second write lock, so
"one lock per process" would no longer hold. The registry below lives as long as the process.
"""

from __future__ import annotations

import threading

import streamlit as st
from streamlit.logger import get_logger

from core.demo_bootstrap import ensure_database
from core.text import md
from queries.db import Database, resolve_path
from queries.errors import DatabaseBusy


_LOGGER = get_logger(__name__)
_OPEN: dict[str, Database] = {}        # path -> the database, for the life of the process
_OPENING = threading.Lock()


def _open(path: str) -> Database:
    """The database at `path`, opened (on first start: created with the demo town) once per process."""
    with _OPENING:
        db = _OPEN.get(path)
        if db is None:
            db = _OPEN[path] = ensure_database(path)
            _LOGGER.info("Opened the database %s", path)
        return db


def close(path: str) -> None:
    """Close the database at `path` and forget it, so another process may open the file (the
    benchmark hands it to the servers it starts); the next get_database() opens it again."""
    with _OPENING:
        db = _OPEN.pop(path, None)
    if db is not None:
        db.close()


def opened(path: str) -> Database | None:
    """The database at `path` if this process has opened it; never opens one."""
    return _OPEN.get(path)


def get_database() -> Database:
    """The database for this server, or a one-sentence stop when it cannot be opened."""
    path = str(resolve_path())
    try:
        if path in _OPEN:
            return _OPEN[path]
        with st.spinner("Setting up the demo database (first start only, about half a minute)…"):
            return _open(path)
    except DatabaseBusy as busy:
        st.error(md(str(busy)))
        st.stop()
