"""Accounts, sign-in checks, lockout and server-side sessions (no streamlit here).

The login form and re-login cookie come from streamlit-authenticator; what a
security officer asks for beyond it lives here, in the database:
  * 5 failed attempts within 15 minutes lock the typed username (existing or
    not, so the message reveals nothing) for 15 minutes or until an admin unlocks;
  * each sign-in is a row in `auth_sessions`, keyed by the cookie's expiry
    stamp; sign-out, 30 idle minutes or deactivation end it, and an ended row
    makes a copied cookie worthless;
  * passwords: checked exactly as typed, hashed with bcrypt; a new one must pass
    core/password_rule.py and must not be one of the user's last 5 passwords;
    a change ends the user's other sessions;
  * a wrong password costs the same work whether the username exists or not (a
    dummy bcrypt hash stands in for a missing account), so timing reveals nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from core import password_rule, settings
from core.passwords import dummy_hash, hash_password, verify_password
from queries.access import require_admin
from queries.actor import Actor
from queries.db import Database
from queries.errors import ValidationError
from queries.unit_of_work import utc_now

MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCK_DURATION = timedelta(minutes=15)
IDLE_TIMEOUT = timedelta(minutes=30)
SEEN_WRITE_INTERVAL = timedelta(seconds=60)
PASSWORDS_REMEMBERED = 5            # the current one and the 4 before it (password_history)

WRONG = "Username or password is incorrect."
LOCKED = ("Too many failed sign-in attempts: this account is locked for 15 minutes. "
          "An administrator can unlock it sooner.")
RECENT = (f"It is one of your last {PASSWORDS_REMEMBERED} passwords; "
          "choose one you have not used recently.")
PASSWORDS_OFF = ("Passwords are switched off for this app: use the button to sign in with the "
                 "department's account.")
PASSWORD = "password"               # the way in of a sign-in by this app's own password (audit_log.way_in)


@dataclass(frozen=True)
class SignInResult:
    ok: bool
    message: str | None = None


def password_problem(password: str, username: str = "", names: Iterable[str] = ()) -> str | None:
    """Why a new password is refused, or None when it is acceptable (core/password_rule.py);
    `names` are the words of the department's and town's names (rule_names)."""
    return password_rule.problem(password, username, names)


def rule_names(db: Database) -> tuple[str, ...]:
    """The words a password must not be built from: the department's name (which holds the
    town's) and the unit's, as set on the Settings page."""
    return password_rule.names_in([settings.value(db, settings.DEPARTMENT_NAME),
                                   settings.value(db, "unit_name")])


def account(db: Database, username: str) -> dict | None:
    """An account as stored: role, district ids and codes, active, password state, version."""
    return db.one("user_by_username", username=username)


def actor_for(db: Database, username: str) -> Actor | None:
    return actor_from_row(account(db, username))


def actor_from_row(user: dict | None) -> Actor | None:
    """The actor of a `user_by_username` row; None for no account or a disabled one."""
    if user is None or not user["active"]:
        return None
    return Actor(username=user["username"], role=user["role"], user_id=user["id"],
                 district_ids=frozenset(user["district_ids"] or []))


def authenticator_credentials(db: Database, rows: list[dict] | None = None) -> dict:
    """Accounts in the shape streamlit-authenticator expects, hashes as stored: the given rows
    (each with username, display_name, email, password_hash, role), or every active account."""
    users = {}
    for row in db.rows("users_for_sign_in") if rows is None else rows:
        users[row["username"]] = {
            "name": row["display_name"], "email": row["email"] or "",
            "password": row["password_hash"], "roles": [row["role"]],
        }
    return {"usernames": users}


def is_locked(db: Database, username: str, now: datetime | None = None) -> bool:
    return bool(db.scalar("login_locks_in_force", username=username.lower(), now=now or utc_now()))


def check_sign_in(db: Database, username: str, password: str) -> SignInResult:
    """Verify a typed username and password, counting failures and locking."""
    username = (username or "").strip().lower()
    if not username:
        return SignInResult(False, WRONG)
    if not password_allowed(db, username):
        # the same bcrypt work as any other answer; no failure counted (it is no guess of a password)
        verify_password(password, dummy_hash())
        _record(db, username, "sign_in_failed", "passwords off")
        return SignInResult(False, PASSWORDS_OFF)
    now = utc_now()
    if is_locked(db, username, now):
        _record(db, username, "sign_in_failed", "account locked")
        return SignInResult(False, LOCKED)
    user = db.one("user_by_username", username=username)
    # bcrypt runs whether or not the account exists or is active, at the same cost: a wrong
    # password takes as long for an unknown username as for a known one
    matches = verify_password(password, (user or {}).get("password_hash") or dummy_hash())
    if user and user["active"] and matches:
        return SignInResult(True)
    with db.unit_of_work(_as(username, user), figures=False) as uow:
        uow.execute("login_failure_insert", username=username, at_utc=now)
        uow.audit("sign_in_failed", "users", user["id"] if user else None, way_in=PASSWORD,
                  detail="unknown user" if user is None else ("inactive" if not user["active"] else "wrong password"))
        recent = uow.execute("login_failures_recent", username=username,
                             since=now - FAILURE_WINDOW).fetchone()[0]
        if recent >= MAX_FAILURES:
            uow.execute("login_locks_upsert", username=username, now=now, until=now + LOCK_DURATION)
            uow.audit("lockout", "users", user["id"] if user else None, detail=f"{recent} failures",
                      way_in=PASSWORD)
            return SignInResult(False, LOCKED)
    return SignInResult(False, WRONG)


def password_allowed(db: Database, username: str) -> bool:
    """Whether this username may sign in by password: always, unless an administrator has switched
    local passwords off (Settings), which leaves only the named break-glass administrator."""
    kept = settings.passwords_off_except(db)
    return kept is None or username.strip().lower() == kept


def unlock(db: Database, admin: Actor, username: str) -> None:
    with db.unit_of_work(admin) as uow:
        require_admin(admin)
        uow.execute("login_locks_lift", username=username.lower(), now=uow.now, by=admin.username)
        uow.execute("login_failures_clear", username=username.lower())
        uow.audit("unlock", "users", username.lower())


def _as(username: str, user: dict | None) -> Actor:
    return Actor(username=username, role=user["role"] if user else "anonymous",
                 user_id=user["id"] if user else None)


def _record(db: Database, username: str, action: str, detail: str) -> None:
    user = db.one("user_by_username", username=username)
    with db.unit_of_work(_as(username, user), figures=False) as uow:
        uow.audit(action, "users", user["id"] if user else None, detail=detail, way_in=PASSWORD)



# -- sessions ---------------------------------------------------------------

def start_session(db: Database, actor: Actor, token_exp: float) -> None:
    with db.unit_of_work(actor, figures=False) as uow:
        uow.execute("auth_sessions_start", username=actor.username, token_exp=token_exp, now=uow.now)
        uow.execute("login_failures_clear", username=actor.username)
        uow.audit("sign_in", "users", actor.user_id, way_in=PASSWORD)


def session_alive(db: Database, username: str, token_exp: float) -> bool:
    """True while the session is neither ended nor idle; keeps it alive when it is."""
    row = db.one("auth_session", username=username, token_exp=token_exp)
    if row is None or row["ended_at"] is not None:
        return False
    now = utc_now()
    actor = Actor(username=username, role=row["role"], user_id=row["user_id"])
    if now - row["last_seen_at"] > IDLE_TIMEOUT:
        end_session(db, actor, token_exp, "idle")
        return False
    if now - row["last_seen_at"] > SEEN_WRITE_INTERVAL:
        with db.unit_of_work(actor, figures=False) as uow:
            # bookkeeping, not a change of record: no audit row, and the figure caches stay valid
            uow.execute("auth_session_touch", username=username, token_exp=token_exp, now=now)
    return True


def session_active(db: Database, username: str, token_exp: float | None) -> bool:
    """True while the session is neither ended nor idle; a read only (one row by its key): unlike
    `session_alive` it neither counts as activity nor ends an idle session, so a timer may ask."""
    row = None if token_exp is None else db.one("auth_session", username=username, token_exp=token_exp)
    return row is not None and row["ended_at"] is None and utc_now() - row["last_seen_at"] <= IDLE_TIMEOUT


def end_session(db: Database, actor: Actor, token_exp: float | None, reason: str) -> None:
    way_in = None if token_exp is None else db.scalar("auth_sessions_way_in", username=actor.username,
                                                      token_exp=token_exp)
    with db.unit_of_work(actor, figures=False) as uow:
        if token_exp is not None:
            uow.execute("auth_sessions_end", username=actor.username, token_exp=token_exp,
                        now=uow.now, reason=reason)
        uow.audit("sign_out", "users", actor.user_id, detail=reason, way_in=way_in)


# -- passwords --------------------------------------------------------------

def change_password(db: Database, actor: Actor, current: str, new: str,
                    keep_session: float | None = None) -> None:
    """The user's own change. Every other session of theirs ends; `keep_session` (the expiry stamp
    of the session making the change) stays signed in."""
    user = db.one("user_by_username", username=actor.username)
    if user is None or not verify_password(current, user["password_hash"]):
        raise ValidationError({"current password": "is not correct"})
    problem = password_problem(new, actor.username, rule_names(db))
    if problem:
        raise ValidationError({"new password": problem})
    if verify_password(new, user["password_hash"]):
        raise ValidationError({"new password": "must differ from the current one"})
    earlier = db.rows("password_history_recent", user_id=user["id"], keep=PASSWORDS_REMEMBERED - 1)
    if any(verify_password(new, row["password_hash"]) for row in earlier):
        raise ValidationError({"new password": RECENT})
    with db.unit_of_work(actor) as uow:
        ended = _replace_password(uow, user, new, must_change=False, keep_session=keep_session)
        uow.audit("password_change", "users", user["id"])
        for way_in, count in ended:
            uow.audit("sign_out", "users", user["id"], way_in=way_in,
                      detail=f"password changed: {_sessions(count, 'other ')} ended")


def set_password(db: Database, admin: Actor, username: str, new: str, temporary: bool = True,
                 keep_session: float | None = None) -> None:
    """An administrator's reset: the user must change it at next sign-in, and every session of
    theirs ends (but the administrator's own `keep_session` when it is their own account)."""
    problem = password_problem(new, username, rule_names(db))
    if problem:
        raise ValidationError({"password": problem})
    user = db.one("user_by_username", username=username.lower())
    if user is None:
        raise ValidationError({"username": "no such user"})
    with db.unit_of_work(admin) as uow:
        require_admin(admin)
        ended = _replace_password(uow, user, new, must_change=temporary,
                                  keep_session=keep_session if user["username"] == admin.username else None)
        uow.audit("password_change", "users", user["id"], detail="reset by administrator")
        for way_in, count in ended:
            uow.audit("sign_out", "users", user["id"], way_in=way_in,
                      detail=f"password set by an administrator: {_sessions(count)} ended")


def _replace_password(uow, user: dict, new: str, must_change: bool,
                      keep_session: float | None) -> list[tuple[str, int]]:
    """Store the new hash, remember the replaced one (the last few only) and end the account's
    other sessions, inside the caller's unit of work; returns how many sessions ended, by the way
    their users came in (password or provider)."""
    uow.update("users", user["id"], user["version"], {
        "password_hash": hash_password(new), "must_change_password": must_change,
        "password_changed_at": uow.now,
    })
    if user["password_hash"]:
        uow.execute("password_history_insert", user_id=user["id"], password_hash=user["password_hash"],
                    replaced_at=uow.now)
        uow.execute("password_history_prune", user_id=user["id"], keep=PASSWORDS_REMEMBERED - 1)
    ways = uow.execute("auth_sessions_open_ways", username=user["username"],
                       keep_token_exp=keep_session).fetchall()
    uow.execute("auth_sessions_end_others", username=user["username"], keep_token_exp=keep_session,
                now=uow.now, reason="password_change")
    return [(way_in, count) for way_in, count in ways]


def _sessions(count: int, other: str = "") -> str:
    return f"{count} {other}session" + ("" if count == 1 else "s")
