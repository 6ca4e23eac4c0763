"""Accounts: lockout, sessions, idle timeout, password rules, administration."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import accounts, users
from core.passwords import hash_password
from queries.actor import SYSTEM
from queries.db import Database
from queries.errors import PermissionDenied, ValidationError
from queries.unit_of_work import utc_now

GOOD = "correct horse battery"


@pytest.fixture
def people(db, two_districts):
    north, _ = two_districts
    admin = users.add_user(db, SYSTEM, "boss", "Admin Person", "admin", GOOD, temporary=False)
    cop = users.add_user(db, SYSTEM, "patrol", "Pat Patrol", "officer", GOOD, ["N"], temporary=False)
    return admin, cop


def audit_actions(db, username=None) -> list[str]:
    with db.cursor() as cur:
        rows = cur.execute("select action, username from audit_log order by id").fetchall()
    return [a for a, u in rows if username is None or u == username]


def test_sign_in_with_the_right_password(db, people):
    assert accounts.check_sign_in(db, "patrol", GOOD).ok
    assert not accounts.check_sign_in(db, "patrol", GOOD.upper()).ok     # exactly as typed
    assert not accounts.check_sign_in(db, "patrol", GOOD + " ").ok


def test_five_failures_lock_the_account_and_the_lock_survives_a_restart(tmp_path):
    path = tmp_path / "lock.duckdb"
    db = Database(path)
    users.add_user(db, SYSTEM, "patrol", "Pat", "officer", GOOD, temporary=False)
    messages = [accounts.check_sign_in(db, "patrol", f"wrong password {i}").message for i in range(5)]
    assert messages[:4] == [accounts.WRONG] * 4 and messages[4] == accounts.LOCKED
    db.close()

    restarted = Database(path)
    result = accounts.check_sign_in(restarted, "patrol", GOOD)
    assert not result.ok and result.message == accounts.LOCKED
    assert audit_actions(restarted).count("sign_in_failed") == 6
    assert audit_actions(restarted).count("lockout") == 1

    accounts.unlock(restarted, SYSTEM, "patrol")
    assert accounts.check_sign_in(restarted, "patrol", GOOD).ok
    assert "unlock" in audit_actions(restarted)


def test_an_unknown_username_gets_the_same_messages(db, people):
    real = [accounts.check_sign_in(db, "patrol", f"nope {i}").message for i in range(6)]
    fake = [accounts.check_sign_in(db, "nobody", f"nope {i}").message for i in range(6)]
    assert real == fake
    assert fake[-1] == accounts.LOCKED


def test_old_failures_outside_the_window_do_not_count(db, people):
    long_ago = utc_now() - timedelta(minutes=16)
    with db.unit_of_work(SYSTEM) as uow:
        for _ in range(4):
            uow.execute("login_failure_insert", username="patrol", at_utc=long_ago)
    assert accounts.check_sign_in(db, "patrol", "wrong again").message == accounts.WRONG
    assert not accounts.is_locked(db, "patrol")


def test_a_lock_expires_after_fifteen_minutes(db, people):
    for i in range(5):
        accounts.check_sign_in(db, "patrol", f"wrong {i}")
    assert accounts.is_locked(db, "patrol")
    assert not accounts.is_locked(db, "patrol", now=utc_now() + timedelta(minutes=16))


def test_sessions_end_on_sign_out_and_after_thirty_idle_minutes(db, people):
    actor = accounts.actor_for(db, "patrol")
    accounts.start_session(db, actor, token_exp=1000.5)
    assert accounts.session_alive(db, "patrol", 1000.5)
    assert not accounts.session_alive(db, "patrol", 999.0)          # a forged expiry stamp
    accounts.end_session(db, actor, 1000.5, "sign_out")
    assert not accounts.session_alive(db, "patrol", 1000.5)          # the copied cookie is dead

    accounts.start_session(db, actor, token_exp=2000.5)
    with db.unit_of_work(SYSTEM) as uow:
        uow.execute("auth_session_touch", username="patrol", token_exp=2000.5,
                    now=utc_now() - timedelta(minutes=31))
    assert not accounts.session_alive(db, "patrol", 2000.5)
    assert db.one("auth_session", username="patrol", token_exp=2000.5)["end_reason"] == "idle"
    assert audit_actions(db, "patrol").count("sign_out") == 2


def test_sign_in_bookkeeping_leaves_the_figure_caches_valid_and_a_save_does_not(db, people):
    actor = accounts.actor_for(db, "patrol")
    before = db.write_count
    accounts.check_sign_in(db, "patrol", "wrong password")
    accounts.start_session(db, actor, token_exp=4000.5)
    with db.unit_of_work(SYSTEM, figures=False) as uow:          # as if the last request was 2 minutes ago
        uow.execute("auth_session_touch", username="patrol", token_exp=4000.5,
                    now=utc_now() - timedelta(minutes=2))
    assert accounts.session_alive(db, "patrol", 4000.5)            # writes a fresh "last seen"
    assert db.one("auth_session", username="patrol", token_exp=4000.5)["last_seen_at"] > utc_now() - timedelta(minutes=1)
    accounts.end_session(db, actor, 4000.5, "sign_out")
    assert db.write_count == before                                # every cached figure still holds
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("districts", {"code": "E", "name": "East"})
    assert db.write_count == before + 1


def test_deactivating_a_user_ends_their_sessions(db, people):
    actor = accounts.actor_for(db, "patrol")
    accounts.start_session(db, actor, token_exp=3000.5)
    user = db.one("user_by_username", username="patrol")
    users.set_active(db, SYSTEM, "patrol", user["version"], active=False)
    assert not accounts.session_alive(db, "patrol", 3000.5)
    assert accounts.actor_for(db, "patrol") is None
    assert not accounts.check_sign_in(db, "patrol", GOOD).ok


@pytest.mark.parametrize("password, problem", [
    ("short pass", "at least 12"),
    ("x" * 129, "at most 128"),
    ("qwerty123456", "commonly used"),
    ("1qaz2wsx3edc", "commonly used"),
    ("my name is patrol ok", "must not contain the username"),
])
def test_password_rules(password, problem):
    assert problem in accounts.password_problem(password, "patrol")


@pytest.mark.parametrize("password", ["twelve chars", "x" * 64, "Ünïcödé passphrase ✓ with more than seventy-two bytes " * 2])
def test_acceptable_passwords_including_long_ones(db, people, password):
    assert accounts.password_problem(password, "patrol") is None or len(password) > 128
    if len(password) <= 128:
        accounts.change_password(db, accounts.actor_for(db, "patrol"), GOOD, password)
        assert accounts.check_sign_in(db, "patrol", password).ok
        assert not accounts.check_sign_in(db, "patrol", password[:-1]).ok


def test_an_administrator_reset_must_be_changed_at_first_sign_in(db, people):
    accounts.set_password(db, SYSTEM, "patrol", "temporary pass 42")
    assert db.one("user_by_username", username="patrol")["must_change_password"]
    with pytest.raises(ValidationError):
        accounts.change_password(db, accounts.actor_for(db, "patrol"), "temporary pass 42", "temporary pass 42")
    accounts.change_password(db, accounts.actor_for(db, "patrol"), "temporary pass 42", "my own new secret")
    assert not db.one("user_by_username", username="patrol")["must_change_password"]


def test_only_an_administrator_manages_accounts(db, people):
    cop = accounts.actor_for(db, "patrol")
    with pytest.raises(PermissionDenied):
        users.add_user(db, cop, "sneaky", "Sneaky", "admin", GOOD)
    with pytest.raises(PermissionDenied):
        accounts.unlock(db, cop, "boss")
    assert db.one("user_by_username", username="sneaky") is None
    assert audit_actions(db, "patrol") == ["denied", "denied"]


def test_role_and_district_changes_are_audited_and_apply_at_once(db, people):
    user = db.one("user_by_username", username="patrol")
    users.change_access(db, SYSTEM, "patrol", user["version"], "officer", ["N", "S"])
    assert accounts.actor_for(db, "patrol").district_ids == frozenset(
        r["id"] for r in db.rows("districts_list"))
    assert audit_actions(db).count("permission_change") == 3  # two at creation, one now


def test_audit_rows_never_contain_password_hashes(db, people):
    accounts.set_password(db, SYSTEM, "patrol", "temporary pass 42")
    with db.cursor() as cur:
        text = " ".join(str(v) for row in cur.execute("select before, after from audit_log").fetchall() for v in row)
    assert "$2b$" not in text and "[redacted]" in text


def test_hashes_are_bcrypt():
    assert hash_password("anything at all", rounds=4).startswith("$2b$04$")
