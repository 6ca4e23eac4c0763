"""Passwords through the real forms (AppTest of app.py): checked exactly as typed at sign-in and at
change, and a change signs the user's other browsers out."""

from __future__ import annotations

import pytest

from core.passwords import verify_password
from queries.db import Database
from tests.apptest_support import PASSWORD, make_accounts_db, page_file, signed_in

SPACED = "  Rt spaced passphrase 2026  "


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = make_accounts_db(tmp_path / "passwords.duckdb")
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    return path


def change_password_on_the_account_page(at, current: str, new: str):
    at.switch_page(page_file("account.py")).run()
    current_box, new_box, repeat_box = at.text_input
    current_box.input(current)
    new_box.input(new)
    repeat_box.input(new)
    next(b for b in at.button if b.label == "Change password").click().run()
    assert not at.exception, at.exception
    return at


def is_signed_in(at, username: str) -> bool:
    return "signed_in" in at.session_state and at.session_state["signed_in"].actor.username == username


def test_a_password_with_spaces_at_both_ends_is_kept_and_signs_in_only_as_typed(app_db):
    at = change_password_on_the_account_page(signed_in("patrol"), PASSWORD, SPACED)
    assert [s.value for s in at.success] == ["Password changed."]
    assert verify_password(SPACED, Database(app_db).one("user_by_username", username="patrol")["password_hash"])

    assert is_signed_in(signed_in("patrol", SPACED), "patrol")          # the sign-in form, as typed

    trimmed = signed_in("patrol", SPACED.strip())
    assert not is_signed_in(trimmed, "patrol")
    assert [e.value for e in trimmed.error] == ["Username or password is incorrect."]


def test_a_password_change_signs_the_users_other_browsers_out_and_keeps_this_one(app_db):
    elsewhere = signed_in("patrol")                                     # a browser left signed in
    here = signed_in("patrol")
    old_token = elsewhere.session_state["auth_token_exp"]
    assert old_token != here.session_state["auth_token_exp"]

    change_password_on_the_account_page(here, PASSWORD, "a brand new passphrase")
    here.run()
    assert is_signed_in(here, "patrol") and not here.warning

    elsewhere.run()
    assert not is_signed_in(elsewhere, "patrol")
    assert any("your session was ended" in w.value for w in elsewhere.warning)
    db = Database(app_db)
    assert db.one("auth_session", username="patrol", token_exp=old_token)["end_reason"] == "password_change"
