"""Accounts, sign-in checks, lockout and server-side sessions (no streamlit here).

The login form and re-login cookie come from streamlit-authenticator; what a
security officer asks for beyond it lives here, in the database:
  * 5 failed attempts within 15 minutes lock the typed username (existing or
    not, so the message reveals nothing) for 15 minutes or until an admin unlocks;
  * each sign-in is a row in `auth_sessions`, keyed by the cookie's expiry
    stamp; sign-out, 30 idle minutes or deactivation end it, and an ended row
    makes a copied cookie worthless;
  * passwords: 12 to 128 characters, checked exactly as typed, not on the
    common-password list, hashed with bcrypt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from core.passwords import MAX_LENGTH, MIN_LENGTH, hash_password, verify_password
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

WRONG = "Username or password is incorrect."
LOCKED = ("Too many failed sign-in attempts: this account is locked for 15 minutes. "
          "An administrator can unlock it sooner.")


@dataclass(frozen=True)
class SignInResult:
    ok: bool
    message: str | None = None


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def password_problem(password: str, username: str = "") -> str | None:
    """Why a new password is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    if password.lower() in _common_passwords():
        return "That password is on a list of commonly used passwords; choose another."
    if username and username.lower() in password.lower():
        return "The password must not contain the username."
    return None


def actor_for(db: Database, username: str) -> Actor | None:
    return actor_from_row(db.one("user_by_username", username=username))


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
    return bool(db.scalar("login_locked", username=username.lower(), now=now or utc_now()))


def check_sign_in(db: Database, username: str, password: str) -> SignInResult:
    """Verify a typed username and password, counting failures and locking."""
    username = (username or "").strip().lower()
    if not username:
        return SignInResult(False, WRONG)
    now = utc_now()
    if is_locked(db, username, now):
        _record(db, username, "sign_in_failed", "account locked")
        return SignInResult(False, LOCKED)
    user = db.one("user_by_username", username=username)
    if user and user["active"] and verify_password(password, user["password_hash"]):
        return SignInResult(True)
    with db.unit_of_work(_as(username, user), figures=False) as uow:
        uow.execute("login_failure_insert", username=username, at_utc=now)
        uow.audit("sign_in_failed", "users", user["id"] if user else None,
                  detail="unknown user" if user is None else ("inactive" if not user["active"] else "wrong password"))
        recent = uow.execute("login_failures_recent", username=username,
                             since=now - FAILURE_WINDOW).fetchone()[0]
        if recent >= MAX_FAILURES:
            uow.execute("login_lock_upsert", username=username, now=now, until=now + LOCK_DURATION)
            uow.audit("lockout", "users", user["id"] if user else None, detail=f"{recent} failures")
            return SignInResult(False, LOCKED)
    return SignInResult(False, WRONG)


def unlock(db: Database, admin: Actor, username: str) -> None:
    with db.unit_of_work(admin) as uow:
        require_admin(admin)
        uow.execute("login_unlock", username=username.lower(), now=uow.now, by=admin.username)
        uow.execute("login_failures_clear", username=username.lower())
        uow.audit("unlock", "users", username.lower())


def _as(username: str, user: dict | None) -> Actor:
    return Actor(username=username, role=user["role"] if user else "anonymous",
                 user_id=user["id"] if user else None)


def _record(db: Database, username: str, action: str, detail: str) -> None:
    user = db.one("user_by_username", username=username)
    with db.unit_of_work(_as(username, user), figures=False) as uow:
        uow.audit(action, "users", user["id"] if user else None, detail=detail)



# -- sessions ---------------------------------------------------------------

def start_session(db: Database, actor: Actor, token_exp: float) -> None:
    with db.unit_of_work(actor, figures=False) as uow:
        uow.execute("auth_session_start", username=actor.username, token_exp=token_exp, now=uow.now)
        uow.execute("login_failures_clear", username=actor.username)
        uow.audit("sign_in", "users", actor.user_id)


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
    with db.unit_of_work(actor, figures=False) as uow:
        if token_exp is not None:
            uow.execute("auth_session_end", username=actor.username, token_exp=token_exp,
                        now=uow.now, reason=reason)
        uow.audit("sign_out", "users", actor.user_id, detail=reason)


# -- passwords --------------------------------------------------------------

def change_password(db: Database, actor: Actor, current: str, new: str) -> None:
    user = db.one("user_by_username", username=actor.username)
    if user is None or not verify_password(current, user["password_hash"]):
        raise ValidationError({"current password": "is not correct"})
    problem = password_problem(new, actor.username)
    if problem:
        raise ValidationError({"new password": problem})
    if verify_password(new, user["password_hash"]):
        raise ValidationError({"new password": "must differ from the current one"})
    with db.unit_of_work(actor) as uow:
        uow.update("users", user["id"], user["version"], {
            "password_hash": hash_password(new), "must_change_password": False,
            "password_changed_at": uow.now,
        })
        uow.audit("password_change", "users", user["id"])


def set_password(db: Database, admin: Actor, username: str, new: str, temporary: bool = True) -> None:
    """An administrator's reset: the user must change it at next sign-in."""
    problem = password_problem(new, username)
    if problem:
        raise ValidationError({"password": problem})
    user = db.one("user_by_username", username=username.lower())
    if user is None:
        raise ValidationError({"username": "no such user"})
    with db.unit_of_work(admin) as uow:
        require_admin(admin)
        uow.update("users", user["id"], user["version"], {
            "password_hash": hash_password(new), "must_change_password": temporary,
            "password_changed_at": uow.now,
        })
        uow.audit("password_change", "users", user["id"], detail="reset by administrator")

