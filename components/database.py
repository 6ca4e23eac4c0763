"""The process-wide database, opened once and shared by every session.

Not a Streamlit cache entry: any browser can ask Streamlit to clear its caches (the websocket's
`clear_cache` message), and a database object made again would come with a second write lock, so
"one lock per process" would no longer hold. The registry below lives as long as the process.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.logger import get_logger

from core.text import md
from queries.db import Database, is_server_url, open_database as open_target, resolve_path
from queries.errors import DatabaseBusy


_LOGGER = get_logger(__name__)
_OPEN: dict[str, Database] = {}        # path or URL -> the database, for the life of the process
_OPENING = threading.Lock()


def _open(path: str, open_database: Callable[[str], Database] = open_target) -> Database:
    """The database at `path`, opened once per process by `open_database(path)`."""
    with _OPENING:
        db = _OPEN.get(path)
        if db is None:
            db = _OPEN[path] = open_database(path)
            _LOGGER.info("Opened the database %s", db.path)     # a URL's password left out
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


def opening_words(path: str) -> str:
    """What the first page says while the process opens its database: only a file that does not
    exist yet is built into the demo town (a server's database never is)."""
    if is_server_url(path) or Path(path).exists():
        return "Opening the database…"
    return "Setting up the demo database (first start only, about half a minute)…"


def get_database(open_database: Callable[[str], Database] = open_target) -> Database:
    """The database for this server, or a one-sentence stop when it cannot be opened.

    The first call in a process opens it with `open_database(path)` (a DuckDB file, or a
    postgresql:// URL in server mode: queries.db.open_database decides): app.py, which runs before
    every page, passes demo.bootstrap.ensure_database, so a file that does not exist yet is
    created with the demo town. Later calls (the pages') return the open one."""
    path = str(resolve_path())
    try:
        if path in _OPEN:
            return _OPEN[path]
        with st.spinner(opening_words(path)):
            return _open(path, open_database)
    except DatabaseBusy as busy:
        st.error(md(str(busy)))
        st.stop()
