"""Accounts: lockout, sessions, idle timeout, password rules, administration."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import accounts, settings, users
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


@pytest.mark.parametrize("password", [
    "twelve chars", "Kx7#mQ2vLp9@wR4tZn8$Hd3!Fy6^Jc1*Ub5&Ne0%Ts4(Gw8)Ar2+Ov7=Pi9_Lz3~",
    "Ünïcödé passphrase ✓ with more than seventy-two bytes, written once and never twice",
])
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


# -- the password rule, as a user meets it: a refused change keeps the old password ----------

@pytest.fixture
def millbrook(db, people):
    """The demo town's settings: the rule refuses passwords built from these names."""
    settings.save_all(db, SYSTEM, {"department_name": ("Millbrook Police Department", None),
                                   "unit_name": ("Community Relations / Crime Prevention Unit", None)})
    return accounts.actor_for(db, "patrol")


def stored_hash(db, username: str) -> str:
    return db.one("user_by_username", username=username)["password_hash"]


@pytest.mark.parametrize("password, reason", [
    ("aaaaaaaaaaaa", "repeats a character"),
    ("abcabcabcabc", "repeats a character"),
    ("Ünïcödé passphrase ✓ with more than seventy-two bytes " * 2, "repeats a character"),
    ("    a       b     ", "repeats a character"),
    ("123456789012", "a sequence"),
    ("abcdefghijklm", "a sequence"),
    ("zyxwvutsrqpo", "a sequence"),
    ("qwertyuiopas", "row of keys"),
    ("asdfghjkl;'z", "row of keys"),
    ("Millbrook2026", "department's or town's name"),
    ("Millbrook 2026!", "department's or town's name"),
    ("millbrook police 1987", "department's or town's name"),
    ("MILLBROOK-POLICE-DEPT", "department's or town's name"),
    ("Crime Prevention Unit", "department's or town's name"),
    ("patrol on the night shift", "must not contain the username"),
    ("zaq12wsxcde3", "too easy to guess"),
])
def test_the_password_rule_refuses_guessable_passwords_and_says_why(db, millbrook, password, reason):
    before = stored_hash(db, "patrol")
    with pytest.raises(ValidationError) as refused:
        accounts.change_password(db, millbrook, GOOD, password)
    assert reason in refused.value.problems["new password"]
    assert stored_hash(db, "patrol") == before                      # nothing written
    assert "password_change" not in audit_actions(db, "patrol")
    with pytest.raises(ValidationError) as refused_by_admin:        # an administrator's reset: the same rule
        accounts.set_password(db, SYSTEM, "patrol", password)
    assert reason in refused_by_admin.value.problems["password"]
    assert stored_hash(db, "patrol") == before


@pytest.mark.parametrize("password", [
    "  Rt spaced passphrase 2026  ", "a brand new passphrase", "temporary passphrase 7", "my own new secret",
    "Millbrook harbour lights at dusk", "Demo-Officer-2026",
    "Ünïcödé passphrase ✓ with more than seventy-two bytes, written once and never twice",
])
def test_the_password_rule_accepts_good_passphrases(db, millbrook, password):
    accounts.change_password(db, millbrook, GOOD, password)
    assert accounts.check_sign_in(db, "patrol", password).ok


def test_the_demo_and_test_passwords_pass_the_rule():
    from core.password_rule import names_in
    from demo.accounts import PASSWORDS, USERS
    from demo.town.people import SETTINGS

    names = names_in([SETTINGS["department_name"], SETTINGS["unit_name"]])
    for user in USERS:
        assert accounts.password_problem(PASSWORDS[user.role], user.username, names) is None, user.username
    for username in ("boss", "chief", "cpo", "patrol", "commander", "officer1"):
        assert accounts.password_problem(GOOD, username, names) is None


def test_none_of_the_last_five_passwords_can_be_chosen_again(db, millbrook):
    chain = [GOOD] + [f"{word} lantern over the quay" for word in ("amber", "brass", "cedar", "dusky", "ebony")]
    accounts.change_password(db, millbrook, GOOD, chain[1])
    with pytest.raises(ValidationError) as refused:                  # straight back to the previous one
        accounts.change_password(db, millbrook, chain[1], GOOD)
    assert "one of your last 5 passwords" in refused.value.problems["new password"]
    for old, new in zip(chain[1:], chain[2:]):
        accounts.change_password(db, millbrook, old, new)
    # the last five are chain[1:]: chain[1] is still refused, the first one is old enough again
    with pytest.raises(ValidationError):
        accounts.change_password(db, millbrook, chain[-1], chain[1])
    accounts.change_password(db, millbrook, chain[-1], GOOD)
    assert accounts.check_sign_in(db, "patrol", GOOD).ok
    with db.cursor() as cur:
        kept = cur.execute("select count(*) from password_history where user_id = $id",
                           {"id": millbrook.user_id}).fetchone()[0]
    assert kept == 4                                                 # with the current one, the last five


def test_after_an_administrators_reset_the_user_cannot_go_back_to_the_old_password(db, millbrook):
    accounts.set_password(db, SYSTEM, "patrol", "temporary passphrase 7")
    with pytest.raises(ValidationError) as refused:
        accounts.change_password(db, millbrook, "temporary passphrase 7", GOOD)
    assert "one of your last 5 passwords" in refused.value.problems["new password"]
    assert accounts.check_sign_in(db, "patrol", "temporary passphrase 7").ok


# -- a password change ends the user's other sessions ------------------------------------------

def test_a_password_change_ends_the_users_other_sessions_and_keeps_this_one(db, people):
    patrol, boss = accounts.actor_for(db, "patrol"), accounts.actor_for(db, "boss")
    accounts.start_session(db, patrol, token_exp=5000.5)             # this browser
    accounts.start_session(db, patrol, token_exp=6000.5)             # a browser left signed in elsewhere
    accounts.start_session(db, boss, token_exp=7000.5)
    accounts.change_password(db, patrol, GOOD, "a brand new passphrase", keep_session=5000.5)
    assert accounts.session_alive(db, "patrol", 5000.5)
    assert not accounts.session_alive(db, "patrol", 6000.5)          # its cookie signs nobody in now
    assert db.one("auth_session", username="patrol", token_exp=6000.5)["end_reason"] == "password_change"
    assert accounts.session_alive(db, "boss", 7000.5)
    with db.cursor() as cur:
        rows = cur.execute("select action, detail, at_utc from audit_log where username = 'patrol' "
                           "and action in ('password_change', 'sign_out') order by id").fetchall()
    assert [(a, d) for a, d, _ in rows] == [("password_change", None),
                                             ("sign_out", "password changed: 1 other session ended")]
    assert rows[0][2] == rows[1][2]                                  # one transaction


def test_an_administrator_setting_a_password_ends_every_session_of_the_user(db, people):
    patrol = accounts.actor_for(db, "patrol")
    accounts.start_session(db, patrol, token_exp=5000.5)
    accounts.start_session(db, patrol, token_exp=6000.5)
    accounts.set_password(db, SYSTEM, "patrol", "temporary passphrase 7")
    assert not accounts.session_alive(db, "patrol", 5000.5)
    assert not accounts.session_alive(db, "patrol", 6000.5)
    with db.cursor() as cur:
        details = [d for (d,) in cur.execute("select detail from audit_log where action = 'sign_out'").fetchall()]
    assert details == ["password set by an administrator: 2 sessions ended"]


# -- equal work for known and unknown usernames --------------------------------------------------

def test_a_wrong_password_takes_as_long_for_an_unknown_username_as_for_a_known_one(db, people, monkeypatch, request):
    """Medians of 20 interleaved tries each, at a real bcrypt cost, within 10%. The bound is on the
    process's CPU time, the work each path does: on a shared machine other programs stretch the
    wall-clock times at random (reported alongside), not the work."""
    from statistics import median
    from time import perf_counter, process_time

    from core import passwords
    from tests.figures_report import report

    monkeypatch.setattr(passwords, "ROUNDS", 10)                     # bcrypt dominates, as in production
    monkeypatch.setattr(accounts, "MAX_FAILURES", 10**6)             # 40 failures lock neither name
    users.add_user(db, SYSTEM, "sergeant", "Sgt Known", "officer", GOOD, temporary=False)
    assert stored_hash(db, "sergeant").startswith("$2b$10$")
    cpu = {"sergeant": [], "nobody": []}
    wall = {"sergeant": [], "nobody": []}
    for attempt in range(22):
        order = ("sergeant", "nobody") if attempt % 2 else ("nobody", "sergeant")
        for name in order:
            cpu_start, wall_start = process_time(), perf_counter()
            result = accounts.check_sign_in(db, name, f"wrong guess {attempt}")
            cpu_used, wall_used = process_time() - cpu_start, perf_counter() - wall_start
            assert result.message == accounts.WRONG
            if attempt >= 2:                                         # two warm-up rounds
                cpu[name].append(cpu_used)
                wall[name].append(wall_used)
    known, unknown = median(cpu["sergeant"]), median(cpu["nobody"])
    report(request, f"median check_sign_in, known user with a wrong password vs unknown user: CPU "
                    f"{known * 1000:.1f} vs {unknown * 1000:.1f} ms; wall clock "
                    f"{median(wall['sergeant']) * 1000:.1f} vs {median(wall['nobody']) * 1000:.1f} ms")
    assert abs(known - unknown) <= 0.10 * max(known, unknown)
