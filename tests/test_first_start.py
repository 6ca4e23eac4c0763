"""The app's two uses of the demo (AppTest from app.py): a server started on a database file that
does not exist yet creates the demo town, and the sign-in page lists the demo accounts only while
the database is the demo one. app.py hands both in (demo/bootstrap.py); the components import
nothing from the demo (tests/test_layers.py)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.vocabulary import label
from demo.accounts import DEMO_ACCOUNTS, PASSWORDS
from queries.db import Database
from tests.apptest_support import APP, make_accounts_db

COOKIE_KEY = "test-cookie-key-" + "x" * 40


@pytest.fixture
def serve(monkeypatch):
    def use(path):
        monkeypatch.setenv("COMMUNITY_DB", str(path))
        monkeypatch.setenv("COMMUNITY_COOKIE_KEY", COOKIE_KEY)
    return use


def _demo_accounts_shown(at: AppTest) -> str | None:
    """The text of the sign-in page's demo accounts box, or None when there is none."""
    boxes = [e for e in at.expander if e.label.startswith("Demo accounts")]
    return "\n".join(m.value for box in boxes for m in box.markdown) if boxes else None


def test_the_sign_in_page_lists_the_demo_accounts_on_the_demo_database(demo_path, serve):
    serve(demo_path)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    shown = _demo_accounts_shown(at)
    assert shown is not None
    for role, password in PASSWORDS.items():
        assert f"`{password}`" in shown
    lines = shown.splitlines()
    assert lines[0] == "| Role | Usernames | Password |"
    # each role by its name, never its stored code
    assert [line.split("|")[1].strip() for line in lines[2:]] == [label("role", role) for role in PASSWORDS]
    assert "commander, chief" in shown and "officer1 to officer12" in shown


def test_the_sign_in_page_lists_no_accounts_on_a_real_database(tmp_path, serve):
    serve(make_accounts_db(tmp_path / "real.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    assert _demo_accounts_shown(at) is None
    assert not any(password in m.value for m in at.markdown for password in PASSWORDS.values())


def test_a_server_started_on_a_new_file_creates_the_demo_town(tmp_path, serve):
    path = tmp_path / "new" / "community.duckdb"
    path.parent.mkdir()
    serve(path)
    at = AppTest.from_file(APP, default_timeout=240).run()
    assert not at.exception
    assert path.exists()
    assert _demo_accounts_shown(at) is not None
    db = Database(path)          # the same process: DuckDB shares the instance the app opened
    assert db.scalar("setting_value", key="demo") == "true"
    with db.cursor() as cur:
        usernames = {r[0] for r in cur.execute("select username from users").fetchall()}
        programs = cur.execute("select count(*) from programs").fetchone()[0]
    assert {a.username for a in DEMO_ACCOUNTS} <= usernames and programs > 0


def test_the_wait_names_the_demo_only_when_one_is_built(tmp_path):
    from components.database import opening_words
    assert "demo" in opening_words(str(tmp_path / "new.duckdb"))
    existing = tmp_path / "kept.duckdb"
    existing.write_bytes(b"")
    assert "demo" not in opening_words(str(existing))
    assert "demo" not in opening_words("postgresql://community@dbhost/community")
