"""Settings an administrator changes in the app, stored as text in the `settings` table.

Each setting has a reader with a sensible default (a fresh database has none of
them) and a check that turns typed text into the stored value or refuses it.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, available_timezones

from queries.actor import Actor
from queries.db import Database
from queries.errors import ValidationError

DEPARTMENT_NAME = "department_name"
RESPONSE_DAYS = "concern_response_days"
TIME_ZONE = "time_zone"
DEMO = "demo"                       # "true" in a database the demo (demo/) built
DEFAULT_DEPARTMENT = "Police Department"
DEFAULT_RESPONSE_DAYS = 30          # a concern open longer than this is overdue
MAX_RESPONSE_DAYS = 365
DEFAULT_TIME_ZONE = "UTC"           # until an administrator names the department's zone
NOT_ZONES = {"localtime", "Factory", "posixrules"}   # files of the zone database that name no place
# signing in through the department's identity provider (core/identity.py)
PROVIDER_NAME = "sign_in_provider_name"          # the name on the sign-in button
GROUPS_CLAIM = "sign_in_groups_claim"            # the ID token claim that lists the person's groups or roles
GROUP_ROLES = "sign_in_group_roles"              # one line per group: "<group> = <role> <district codes>"
PASSWORDS_OFF_EXCEPT = "sign_in_passwords_off_except"   # set: only this administrator signs in by password
DEFAULT_PROVIDER_NAME = "the department's account"
DEFAULT_GROUPS_CLAIM = "groups"


def value(db: Database, key: str) -> str | None:
    return db.scalar("setting_value", key=key)


def row(db: Database, key: str) -> dict | None:
    """The setting with its version (for a form that saves against what it showed)."""
    return db.one("setting_row", key=key)


def department_name(db: Database) -> str:
    return value(db, DEPARTMENT_NAME) or DEFAULT_DEPARTMENT


def response_days(db: Database) -> int:
    """Days within which every concern should get a response; older open ones are overdue."""
    stored = value(db, RESPONSE_DAYS)
    return int(stored) if stored and stored.isdigit() else DEFAULT_RESPONSE_DAYS


def time_zone(db: Database) -> str:
    """The department's IANA time zone name (core/clock.py reads the time through it)."""
    return value(db, TIME_ZONE) or DEFAULT_TIME_ZONE


def is_demo(db: Database) -> bool:
    """Whether the demo built this database: the sign-in page then lists the demo accounts."""
    return value(db, DEMO) == "true"


def passwords_off_except(db: Database) -> str | None:
    """With local passwords switched off, the one break-glass administrator who may still sign in by
    password (the account that works when the identity provider is down); None while passwords are on."""
    stored = (value(db, PASSWORDS_OFF_EXCEPT) or "").strip().lower()
    return stored or None


def provider_name(db: Database) -> str:
    return value(db, PROVIDER_NAME) or DEFAULT_PROVIDER_NAME


def groups_claim(db: Database) -> str:
    return value(db, GROUPS_CLAIM) or DEFAULT_GROUPS_CLAIM


def time_zone_names() -> list[str]:
    return sorted(available_timezones() - NOT_ZONES)


def check_time_zone(text: object) -> str:
    """A name of the IANA time zone database, as it is spelt there (any letter case is accepted)."""
    typed = str(text if text is not None else "").strip()
    names = {name.lower(): name for name in time_zone_names()}
    name = names.get(typed.lower())
    if name is None:
        raise ValidationError({"time zone": (f"“{typed}” is not the name of a time zone" if typed else "blank")
                                            + "; use a name of the IANA time zone database, such as "
                                              "America/New_York, America/Chicago or Pacific/Honolulu."})
    ZoneInfo(name)   # the zone's rules load
    return name


def check_response_days(text: object) -> str:
    typed = str(text if text is not None else "").strip()
    if not typed.isdigit() or not 1 <= int(typed) <= MAX_RESPONSE_DAYS:
        raise ValidationError({"response time": f"a whole number of days from 1 to {MAX_RESPONSE_DAYS} "
                                                f"(not {typed or 'blank'})."})
    return str(int(typed))


def check_department_name(text: object) -> str:
    typed = " ".join(str(text or "").split())
    if not typed or len(typed) > 120:
        raise ValidationError({"department name": "1 to 120 characters, as it should appear on reports."})
    return typed


CHECKS = {DEPARTMENT_NAME: check_department_name, RESPONSE_DAYS: check_response_days, TIME_ZONE: check_time_zone}


def clean(typed: dict[str, object]) -> dict[str, str]:
    """The stored text of each typed setting, or one ValidationError naming every refused one."""
    cleaned, problems = {}, {}
    for key, text in typed.items():
        try:
            cleaned[key] = CHECKS[key](text)
        except ValidationError as refused:
            problems.update(refused.problems)
    if problems:
        raise ValidationError(problems)
    return cleaned


def save(db: Database, actor: Actor, key: str, stored: str | None, version: int | None) -> None:
    """Write (or clear, with None) a setting; `version` is the one the form showed (None when unset)."""
    save_all(db, actor, {key: (stored, version)})


def save_all(db: Database, actor: Actor, changes: dict[str, tuple[str | None, int | None]]) -> None:
    """Write several settings in one unit of work: all of them or, on a conflict, none."""
    with db.unit_of_work(actor) as uow:
        for key, (stored, version) in changes.items():
            current = uow.row("settings", key)
            if current is None:
                uow.insert("settings", {"key": key, "value": stored})
            elif current["deleted_at"] is not None:
                restored = uow.restore("settings", key, current["version"])
                uow.update("settings", key, restored["version"], {"value": stored})
            else:
                uow.update("settings", key, version if version is not None else current["version"],
                           {"value": stored})
