"""Streamlit's `clear_cache` message (the "Clear caches" menu item; any websocket client can send
it): only a signed-in administrator's session may clear the caches, and the database object and
its one write lock outlive any clear.

Streamlit handles the message in `AppSession._handle_clear_cache_request` with the sending
session's own state; these tests call that handler with the state an AppTest session left, as the
server does for a browser (the websocket test is in tests/test_browser_hardening.py).
"""

from __future__ import annotations

import time
import types

import pytest
import streamlit as st
from streamlit.runtime.app_session import AppSession
from streamlit.testing.v1 import AppTest

from queries.db import Database
from tests.apptest_support import ACCOUNTS, APP, make_accounts_db, signed_in

COMPUTED: list[str] = []


@st.cache_data(show_spinner=False)
def _cached_data() -> int:
    COMPUTED.append("data")
    return len(COMPUTED)


@st.cache_resource(show_spinner=False)
def _cached_resource() -> object:
    COMPUTED.append("resource")
    return object()


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = make_accounts_db(tmp_path / "caches.duckdb")
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    return path


def _send_clear_cache(at: AppTest) -> None:
    """What the server does when this session's browser sends the `clear_cache` BackMsg."""
    AppSession._handle_clear_cache_request(types.SimpleNamespace(_session_state=at._session_state._state))


def _denials(path, username: str, expected: int) -> list[str]:
    """The `denied` audit rows of `username` (written off the server's event loop: waited for)."""
    db = Database(path)      # same process: DuckDB shares the open instance
    deadline = time.monotonic() + 10
    while True:
        with db.cursor() as cur:
            rows = [r[0] for r in cur.execute(
                "select detail from audit_log where action = 'denied' and username = $u order by id",
                {"u": username}).fetchall()]
        if len(rows) >= expected or time.monotonic() > deadline:
            return rows
        time.sleep(0.05)


def _seed_caches() -> None:
    COMPUTED.clear()
    st.cache_data.clear()
    st.cache_resource.clear()
    _cached_data()
    _cached_resource()
    assert COMPUTED == ["data", "resource"]


def _the_app_database(path) -> Database:
    from components.database import _open

    return _open(str(path))


@pytest.mark.parametrize("role", ["unsigned", "officer", "command", "prevention"])
def test_clear_cache_from_anyone_but_an_administrator_is_refused(app_db, role):
    at = AppTest.from_file(APP, default_timeout=60).run() if role == "unsigned" else signed_in(ACCOUNTS[role])
    assert not at.exception
    db = _the_app_database(app_db)
    lock = db.write_lock
    _seed_caches()

    _send_clear_cache(at)

    _cached_data()
    _cached_resource()
    assert COMPUTED == ["data", "resource"]                 # nothing was cleared
    if role != "unsigned":
        assert at.session_state["signed_in"].actor.role == role      # the session kept its state
        assert _denials(app_db, ACCOUNTS[role], 1) == ["clear caches"]
    at.run()
    assert not at.exception
    assert _the_app_database(app_db) is db and db.write_lock is lock


def test_an_administrator_clears_the_caches_but_not_the_database_or_its_lock(app_db):
    at = signed_in(ACCOUNTS["admin"])
    assert not at.exception
    db = _the_app_database(app_db)
    lock = db.write_lock
    _seed_caches()

    _send_clear_cache(at)

    _cached_data()
    _cached_resource()
    assert COMPUTED == ["data", "resource", "data", "resource"]     # both caches were emptied
    assert _the_app_database(app_db) is db and db.write_lock is lock
    again = signed_in(ACCOUNTS["admin"])          # the app runs on, with the same database
    assert not again.exception
    assert _the_app_database(app_db) is db and db.write_lock is lock
    assert _denials(app_db, ACCOUNTS["admin"], 0) == []
