"""Account administration: add, change role and districts, deactivate."""

from __future__ import annotations

import re

from core import clock
from core.accounts import password_problem, rule_names
from core.passwords import hash_password
from queries.access import OFFICER, ROLES, require_admin
from queries.actor import Actor
from queries.db import Database
from queries.errors import ValidationError
from queries.unit_of_work import utc_now

_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")


def _district_ids(db: Database, codes: list[str]) -> list[int]:
    known = {row["code"]: row["id"] for row in db.rows("districts_list")}
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ValidationError({"districts": f"unknown district code(s): {', '.join(unknown)}"})
    return [known[c] for c in codes]



def add_user(db: Database, admin: Actor, username: str, display_name: str, role: str,
             password: str, district_codes: list[str] | None = None,
             email: str | None = None, temporary: bool = True) -> dict:
    username = (username or "").strip().lower()
    problems = {}
    if not _USERNAME.match(username):
        problems["username"] = "2 to 64 characters: lowercase letters, digits, dot, dash or underscore, starting with a letter"
    if not (display_name or "").strip():
        problems["display name"] = "is required"
    if role not in ROLES:
        problems["role"] = f"must be one of {', '.join(ROLES)}"
    problem = password_problem(password, username, rule_names(db))
    if problem:
        problems["password"] = problem
    if db.one("user_by_username", username=username):
        problems["username"] = "is already taken"
    if problems:
        raise ValidationError(problems)
    district_ids = _district_ids(db, district_codes or [])
    with db.unit_of_work(admin) as uow:
        require_admin(admin)
        row = uow.insert("users", {
            "username": username, "display_name": display_name.strip(), "role": role,
            "email": email or None, "password_hash": hash_password(password),
            "must_change_password": temporary,
        })
        uow.replace_links("user_districts", {"user_id": row["id"]},
                          [{"district_id": d} for d in district_ids])
        uow.audit("permission_change", "users", row["id"],
                  detail=f"role {role}; districts {', '.join(district_codes or []) or 'none'}")
    return row


def change_access(db: Database, admin: Actor, username: str, version: int, role: str,
                  district_codes: list[str]) -> None:
    if role not in ROLES:
        raise ValidationError({"role": f"must be one of {', '.join(ROLES)}"})
    user = db.one("user_by_username", username=username)
    if user is None:
        raise ValidationError({"username": "no such user"})
    district_ids = _district_ids(db, district_codes)
    with db.unit_of_work(admin) as uow:
        require_admin(admin)
        uow.update("users", user["id"], version, {"role": role})
        uow.replace_links("user_districts", {"user_id": user["id"]},
                          [{"district_id": d} for d in district_ids])
        uow.audit("permission_change", "users", user["id"],
                  detail=f"role {user['role']} -> {role}; districts "
                         f"{', '.join(user['district_codes']) or 'none'} -> {', '.join(district_codes) or 'none'}")


def change_email(db: Database, admin: Actor, username: str, version: int, email: str | None) -> None:
    """The account's e-mail address: the first sign-in through the identity provider links the
    person whose verified address it is (core/identity.py); a link once made stays until unlinked."""
    from core.validate import FieldError, normalize_email

    user = db.one("user_by_username", username=username)
    if user is None:
        raise ValidationError({"username": "no such user"})
    try:
        address = normalize_email(email, "e-mail")
    except FieldError as error:
        raise ValidationError({"e-mail": error.message}) from None
    with db.unit_of_work(admin) as uow:
        require_admin(admin)
        uow.update("users", user["id"], version, {"email": address})


def set_active(db: Database, admin: Actor, username: str, version: int, active: bool) -> None:
    user = db.one("user_by_username", username=username)
    if user is None:
        raise ValidationError({"username": "no such user"})
    if username == admin.username and not active:
        raise ValidationError({"username": "you cannot deactivate your own account"})
    with db.unit_of_work(admin) as uow:
        require_admin(admin)
        uow.update("users", user["id"], version, {"active": active})
        uow.audit("permission_change", "users", user["id"], detail="activated" if active else "deactivated")
        if not active:
            uow.execute("auth_sessions_end_all", username=username, now=uow.now, reason="disabled")


def name_of(db: Database, username: str | None) -> str:
    """The name a person is shown by: their account's display name, else the username itself."""
    if not username:
        return "–"
    row = db.one("user_by_username", username=username)
    return (row or {}).get("display_name") or username


def changed_by(db: Database, current: dict) -> str:
    """Who made the save (or removal) a conflicting save met, by name (`current`: the row as
    stored now); "someone else" when the row does not say."""
    username = current.get("deleted_by") or current.get("updated_by")
    return name_of(db, username) if username else "someone else"


def staff(db: Database) -> list[dict]:
    """The people the forms offer as officers, leads and assignees (id, display_name), by name."""
    return db.rows("entry_staff")


def accounts(db: Database):
    """Every account as the administrator lists it: role, districts, active, locked now, last sign-in
    (on the department's clock), and its version."""
    table = db.df("users_list", now=utc_now())
    table["last_sign_in"] = clock.column_to_department(table["last_sign_in"], db)     # stored in UTC
    # only a patrol officer's reading is limited to districts (queries/access.py); an officer with
    # none reads none, drawn as a missing value
    table["districts"] = table["districts"].mask(table["role"] != OFFICER, "All districts").mask(lambda d: d == "")
    return table

