"""Page tests with AppTest: the sign-in form, each role's pages, and refusals."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.navigation import PAGES, specs_for
from components.session import SignedIn
from queries.actor import Actor
from queries.db import Database
from tests.apptest_support import ACCOUNTS, APP, make_accounts_db, page_file, signed_in

ROLES = ("admin", "command", "prevention", "officer")


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = make_accounts_db(tmp_path / "pages.duckdb")
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    return path


def audit(path, action: str) -> list[tuple]:
    db = Database(path)  # same process: DuckDB shares the open instance
    with db.cursor() as cur:
        return cur.execute("select username, detail from audit_log where action = $a order by id",
                           {"a": action}).fetchall()


def test_the_app_shows_the_sign_in_form_first(app_db):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.metric  # nothing of the app before signing in


def test_a_wrong_password_is_refused_with_a_message(app_db):
    at = signed_in("patrol", "not the password at all")
    assert [e.value for e in at.error] == ["Username or password is incorrect."]
    assert "signed_in" not in at.session_state
    assert audit(app_db, "sign_in_failed") == [("patrol", "wrong password")]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_exactly_its_pages(app_db, role):
    at = signed_in(ACCOUNTS[role])
    assert not at.exception
    assert at.session_state["signed_in"].actor.role == role
    for spec in PAGES:
        if role in spec.roles:
            at.switch_page(page_file(spec.file)).run()
            assert not at.exception, spec.key
            assert not [e.value for e in at.error], spec.key
        else:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(page_file(spec.file))
    assert audit(app_db, "sign_in") == [(ACCOUNTS[role], None)]


def test_the_registry_gives_administration_to_admins_only():
    for role in ROLES:
        sections = {spec.section for spec in specs_for(role)}
        assert ("Administration" in sections) == (role == "admin")
        assert specs_for(role)[0].key == "overview"
    assert [s.key for s in specs_for("officer", only={"account"})] == ["account"]


@pytest.mark.parametrize("spec", [s for s in PAGES if "officer" not in s.roles], ids=lambda s: s.key)
def test_every_page_checks_the_role_again_at_its_top(app_db, spec):
    """Run a page file directly as a patrol officer, bypassing the menu: it refuses."""
    at = AppTest.from_file(page_file(spec.file), default_timeout=60)
    at.session_state["signed_in"] = SignedIn(
        actor=Actor(username="patrol", role="officer", user_id=4, district_ids=frozenset({1})),
        display_name="Patrol", must_change_password=False, district_codes=("N",))
    at.run()
    assert [e.value for e in at.error] == ["You do not have access to this page."]
    assert not at.title  # the page stopped before drawing anything
    assert ("patrol", f"page {spec.key}") in audit(app_db, "denied")


def test_a_temporary_password_allows_only_the_account_page(app_db, monkeypatch):
    from core.accounts import set_password

    db = Database(app_db)
    from queries.actor import SYSTEM

    set_password(db, SYSTEM, "patrol", "temporary pass 42")
    at = signed_in("patrol", "temporary pass 42")
    assert [t.value for t in at.title] == ["My account"]
    with pytest.raises(ValueError):
        at.switch_page(page_file("overview.py"))
    inputs = at.text_input
    inputs[0].input("temporary pass 42")
    inputs[1].input("a brand new passphrase")
    inputs[2].input("a brand new passphrase")
    at.button[0].click().run()
    at.switch_page(page_file("overview.py")).run()
    assert [t.value for t in at.title] == ["Overview"]


def test_sign_out_ends_the_server_session(app_db):
    at = signed_in("chief")
    token = at.session_state["auth_token_exp"]
    at.sidebar.button[0].click().run()
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    db = Database(app_db)
    assert db.one("auth_session", username="chief", token_exp=token)["end_reason"] == "sign_out"


def test_the_app_says_so_when_another_process_holds_the_database(app_db):
    from tests.process_support import held_by_another_process

    with held_by_another_process(app_db) as pid:
        at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1 and f"process {pid}" in at.error[0].value
    assert "in use by another program" in at.error[0].value
    assert not at.text_input  # no sign-in form on a database it cannot open


def test_thirty_idle_minutes_sign_the_user_out(app_db):
    from datetime import timedelta

    from queries.actor import SYSTEM
    from queries.unit_of_work import utc_now

    at = signed_in("cpo")
    token = at.session_state["auth_token_exp"]
    db = Database(app_db)
    with db.unit_of_work(SYSTEM) as uow:
        uow.execute("auth_session_touch", username="cpo", token_exp=token, now=utc_now() - timedelta(minutes=31))
    at.run()
    assert any("30 minutes without activity" in w.value for w in at.warning)
    assert "signed_in" not in at.session_state
    assert db.one("auth_session", username="cpo", token_exp=token)["end_reason"] == "idle"


def test_a_role_change_applies_at_the_next_rerun_and_a_deactivated_user_is_signed_out(app_db):
    from components.database import _open
    from core import users
    from queries.actor import SYSTEM

    at = signed_in("patrol")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(page_file("crime_targeting.py"))
    db = _open(str(app_db))           # the app's own gateway, as the administrator's page would write
    version = db.one("user_by_username", username="patrol")["version"]
    users.change_access(db, SYSTEM, "patrol", version, "command", [])
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["signed_in"].actor.role == "command"
    at.switch_page(page_file("crime_targeting.py")).run()          # a page officers may not open
    assert not at.exception and not at.error, at.error

    version = db.one("user_by_username", username="patrol")["version"]
    users.set_active(db, SYSTEM, "patrol", version, False)
    at.run()                                  # deactivating ended the session: told and signed out
    assert "signed_in" not in at.session_state
    assert any("your session was ended" in w.value for w in at.warning)
    assert not at.title
    at.run()
    assert [t.label for t in at.text_input] == ["Username", "Password"]
