"""Helpers for AppTest page tests: a small database with one account per role."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from core import users
from queries.actor import SYSTEM
from tests.database_support import copy_of, new_database

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PASSWORD = "correct horse battery"
ACCOUNTS = {"admin": "boss", "command": "chief", "prevention": "cpo", "officer": "patrol"}


def make_accounts_db(path: Path) -> Path:
    """Two districts and one account per role (the officer patrols district N): a copy of the file
    _build_accounts makes once per test process (tests/database_support.copy_of)."""
    copy_of(_build_accounts, path)
    return path


def _build_accounts(path: Path) -> None:
    db = new_database(path)
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("districts", {"code": "N", "name": "North"})
        uow.insert("districts", {"code": "S", "name": "South"})
    for role, username in ACCOUNTS.items():
        users.add_user(db, SYSTEM, username, username.title(), role, PASSWORD,
                       ["N"] if role == "officer" else [], temporary=False)
    db.close()


def page_file(name: str) -> str:
    return str(ROOT / "app_pages" / name)


def signed_in(username: str, password: str = PASSWORD) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click().run()
    return at


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Select a tab of `st.tabs(..., key=key, on_change="rerun")`, whose hidden tabs do not run
    (AppTest has no click for tabs; the tab state is the key's session state, as in the browser)."""
    at.session_state[key] = label
    return at.run()
