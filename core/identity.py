"""Signing in through the department's identity provider (OpenID Connect); no Streamlit here.

Streamlit (`st.login`, through Authlib) runs the OpenID Connect exchange and hands over the ID
token's claims; this module decides what they sign in as:
  * a person at the provider is the token's issuer and subject. The first sign-in links them to the
    one account whose e-mail address an administrator entered, and only when the provider says the
    address is verified (`email_verified`); later sign-ins follow the link, whatever the address
    becomes;
  * an identity linked to no account, or to a deactivated one, is refused and audited: nobody gets
    a default role;
  * with a group mapping in Settings, the groups (or roles) claim sets the account's role and
    districts at each sign-in; an account whose role came from its groups is refused once none of
    its groups is mapped any more;
  * each ID token starts one session of the app's own (`auth_sessions`), which is what grants
    access, as a password sign-in's does: sign-out, 30 idle minutes and deactivation end it. The same
    token seen again (the provider's cookie in a new tab, a reload) resumes that session while it
    lives, and starts nothing once it has ended.
Every sign-in, sign-out and refusal is audited with its way in (`audit_log.way_in`).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

import duckdb

from core import accounts, settings
from queries.access import ADMIN, ROLES, require_admin
from queries.actor import Actor
from queries.db import Database
from queries.errors import ValidationError
from queries.unit_of_work import utc_now

PROVIDER = "provider"               # the way in of a sign-in through the identity provider
SESSION_HOURS = 12                  # as a password sign-in's cookie; the idle timeout usually ends it sooner
# the account changes a groups claim makes are the provider's, not the signed-in user's
PROVIDER_ACTOR = Actor(username="identity provider", role=ADMIN)

NOT_LINKED = ("You signed in at {provider}, but that sign-in is not linked to an account of this app. "
              "Ask your administrator to enter your e-mail address on your account, then sign in again.")
DEACTIVATED = "Your account in this app is deactivated. Ask your administrator."
NO_GROUP = ("Your groups at {provider} no longer give you a role in this app. Ask your administrator.")
ENDED = "That sign-in has ended. Sign in again."


@dataclass(frozen=True)
class ProviderSignIn:
    ok: bool
    username: str | None = None
    token_exp: float | None = None
    message: str | None = None       # why it was refused (a template with {provider})
    resumed: bool = False            # an earlier sign-in's session, still alive


@dataclass(frozen=True)
class GroupRole:
    group: str
    role: str
    districts: tuple[str, ...]


# -- the claims -------------------------------------------------------------

def token_key(claims: Mapping) -> str:
    """One ID token: its issuer, subject, nonce and issue time (each sign-in at the provider differs)."""
    parts = [str(claims.get(name, "")) for name in ("iss", "sub", "nonce", "iat", "exp")]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def email_verified(claims: Mapping) -> bool:
    """The provider vouches for the e-mail address: `email_verified` (Okta, Google, Keycloak), or for a
    token without it, Entra ID's optional claim `xms_edov` (the address's domain is one the tenant has
    verified; Entra ID sends no `email_verified` for its own accounts)."""
    if "email_verified" in claims:
        return claims["email_verified"] in (True, "true", "True", 1)
    return claims.get("xms_edov") in (True, "true", "True", 1)


def claim_values(claims: Mapping, name: str) -> list[str]:
    """The values of a claim that lists groups or roles; a dotted name reads inside an object
    (Keycloak's `realm_access.roles`)."""
    value = claims
    for part in name.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _who(claims: Mapping) -> str:
    """Whom a refusal names in the audit log: the e-mail address, else the subject."""
    return str(claims.get("email") or claims.get("preferred_username") or claims.get("sub") or "unknown")[:200]


# -- signing in -------------------------------------------------------------

def sign_in(db: Database, claims: Mapping) -> ProviderSignIn:
    """Sign in (or resume) the account the ID token's person is linked to; refusals are audited."""
    issuer, subject = str(claims.get("iss") or ""), str(claims.get("sub") or "")
    if not issuer or not subject:
        _refuse(db, claims, None, "the ID token names no issuer or subject")
        return ProviderSignIn(False, message=NOT_LINKED)
    key = token_key(claims)
    started = db.one("identity_sessions_by_key", token_key=key)
    if started is not None:
        return _resume(db, claims, started)
    link = db.one("identity_links_by_subject", issuer=issuer, subject=subject)
    if link is None:
        link = _link_by_email(db, claims)
        if link is None:
            return ProviderSignIn(False, message=NOT_LINKED)
    user = accounts.account(db, link["username"]) if link["username"] else None
    if user is None or not user["active"]:
        _refuse(db, claims, user, "inactive")
        return ProviderSignIn(False, message=DEACTIVATED)
    if not _apply_groups(db, claims, user, link):
        _refuse(db, claims, user, "no mapped group in the " + settings.groups_claim(db) + " claim")
        return ProviderSignIn(False, message=NO_GROUP)
    actor = accounts.actor_for(db, user["username"])
    token_exp = (utc_now() + timedelta(hours=SESSION_HOURS)).timestamp() + secrets.randbelow(10**6) / 10**9
    try:
        with db.unit_of_work(actor, figures=False) as uow:
            uow.execute("auth_sessions_start_provider", username=actor.username, token_exp=token_exp, now=uow.now)
            uow.execute("identity_sessions_insert", token_key=key, username=actor.username,
                        token_exp=token_exp, now=uow.now)
            uow.execute("login_failures_clear", username=actor.username)
            uow.audit("sign_in", "users", actor.user_id, way_in=PROVIDER, detail=f"{issuer} {subject}")
    except duckdb.ConstraintException:
        # the same token in two tabs at once: the other tab started the session
        started = db.one("identity_sessions_by_key", token_key=key)
        if started is None:
            raise
        return _resume(db, claims, started)
    return ProviderSignIn(True, actor.username, token_exp)


def _resume(db: Database, claims: Mapping, started: dict) -> ProviderSignIn:
    if accounts.session_alive(db, started["username"], started["token_exp"]):
        return ProviderSignIn(True, started["username"], started["token_exp"], resumed=True)
    _refuse(db, claims, accounts.account(db, started["username"]), "the session of this sign-in has ended")
    return ProviderSignIn(False, message=ENDED)


def _link_by_email(db: Database, claims: Mapping) -> dict | None:
    """The first sign-in of a person: link them to the one account with their verified e-mail address."""
    issuer, subject, email = str(claims["iss"]), str(claims["sub"]), str(claims.get("email") or "").strip()
    if not email:
        _refuse(db, claims, None, f"no account linked to {issuer} {subject}; the ID token has no e-mail address")
        return None
    if not email_verified(claims):
        _refuse(db, claims, None, f"no account linked to {issuer} {subject}; its e-mail address {email} "
                                  "is not verified by the provider")
        return None
    matches = db.rows("users_by_email", email=email)
    if len(matches) != 1:
        _refuse(db, claims, None, f"no account linked to {issuer} {subject}; "
                                  + ("no account has" if not matches else f"{len(matches)} accounts have")
                                  + f" the e-mail address {email}")
        return None
    user = accounts.account(db, matches[0]["username"])
    if any(row["issuer"] == issuer for row in db.rows("identity_links_of_user", user_id=user["id"])):
        _refuse(db, claims, user, f"{issuer} {subject} has the e-mail address of an account already "
                                  "linked to another identity of that provider")
        return None
    with db.unit_of_work(_as(user), figures=False) as uow:
        uow.execute("identity_links_insert", issuer=issuer, subject=subject, user_id=user["id"], email=email,
                    now=uow.now)
        uow.audit("create", "identity_links", f"{issuer} {subject}", way_in=PROVIDER,
                  after={"issuer": issuer, "subject": subject, "user_id": user["id"], "email": email},
                  detail="linked by the verified e-mail address on the account")
    return db.one("identity_links_by_subject", issuer=issuer, subject=subject)


def _apply_groups(db: Database, claims: Mapping, user: dict, link: dict) -> bool:
    """Role and districts from the groups claim, when Settings map one of the person's groups;
    False when the role came from the groups before and none of them is mapped now."""
    rules = group_roles(db)
    if not rules:
        return True
    held = set(claim_values(claims, settings.groups_claim(db)))
    rule = next((r for r in rules if r.group in held), None)
    if rule is None:
        return not link["roles_from_groups"]
    known = {row["code"]: row["id"] for row in db.rows("districts_list")}
    codes = [c for c in rule.districts if c in known]
    with db.unit_of_work(PROVIDER_ACTOR) as uow:
        if rule.role != user["role"] or sorted(codes) != sorted(user["district_codes"]):
            uow.update("users", user["id"], user["version"], {"role": rule.role})
            uow.replace_links("user_districts", {"user_id": user["id"]}, [{"district_id": known[c]} for c in codes])
            uow.audit("permission_change", "users", user["id"], way_in=PROVIDER,
                      detail=f"from the group {rule.group} at the identity provider: role {user['role']} -> "
                             f"{rule.role}; districts {', '.join(user['district_codes']) or 'none'} -> "
                             f"{', '.join(codes) or 'none'}")
        uow.execute("identity_links_set_groups", issuer=link["issuer"], subject=link["subject"],
                    roles_from_groups=True)
    return True


def _as(user: dict | None, claims: Mapping | None = None) -> Actor:
    if user is None:
        return Actor(username=_who(claims or {}), role="anonymous")
    return Actor(username=user["username"], role=user["role"], user_id=user["id"])


def _refuse(db: Database, claims: Mapping, user: dict | None, detail: str) -> None:
    with db.unit_of_work(_as(user, claims), figures=False) as uow:
        uow.audit("sign_in_failed", "users", user["id"] if user else None, detail=detail, way_in=PROVIDER)


# -- what an administrator sets ---------------------------------------------

def group_roles(db: Database) -> list[GroupRole]:
    """The group mapping as saved in Settings (checked when it was saved)."""
    return parse_group_roles(settings.value(db, settings.GROUP_ROLES) or "")


def parse_group_roles(text: str, district_codes: set[str] | None = None) -> list[GroupRole]:
    """One line per group: `<group> = <role> [district codes]`, e.g. `crd-north = officer N`; the first
    line naming one of a person's groups decides. With `district_codes`, every code must be one of them."""
    rules, problems = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.strip().startswith("#"):
            continue
        group, sep, rest = line.rpartition("=")
        words = rest.replace(",", " ").split()
        if not sep or not group.strip() or not words:
            problems.append(f"line {number} is not “group = role [districts]”")
            continue
        role, districts = words[0].lower(), tuple(w.upper() for w in words[1:])
        if role not in ROLES:
            problems.append(f"line {number}: the role must be one of {', '.join(ROLES)}")
        unknown = [c for c in districts if district_codes is not None and c not in district_codes]
        if unknown:
            problems.append(f"line {number}: unknown district code(s) {', '.join(unknown)}")
        rules.append(GroupRole(group.strip(), role, districts))
    if problems:
        raise ValidationError({"group mapping": "; ".join(problems)})
    return rules


def save_sign_in_settings(db: Database, admin: Actor, provider_name: str, groups_claim: str,
                          group_mapping: str, passwords_off_except: str | None) -> None:
    """The Settings page's sign-in section, all or nothing. `passwords_off_except`: None keeps local
    passwords on; a username switches them off for everyone else. That break-glass account must be an
    active administrator's: it is the way in when the identity provider is down."""
    require_admin(admin, "settings")
    problems = {}
    codes = {row["code"] for row in db.rows("districts_list")}
    try:
        rules = parse_group_roles(group_mapping or "", codes)
    except ValidationError as error:
        problems.update(error.problems)
        rules = []
    kept = None if passwords_off_except is None else passwords_off_except.strip().lower()
    if kept == "":
        problems["break-glass administrator"] = ("name the administrator whose password keeps working when "
                                                 "the identity provider is down")
    elif kept is not None:
        account = accounts.account(db, kept)
        if account is None or not account["active"] or account["role"] != ADMIN:
            problems["break-glass administrator"] = f"{kept} is not an active administrator's account"
    claim = (groups_claim or "").strip() or settings.DEFAULT_GROUPS_CLAIM
    name = " ".join((provider_name or "").split())[:80] or None
    if problems:
        raise ValidationError(problems)
    mapping = "\n".join(f"{r.group} = {' '.join((r.role, *r.districts))}" for r in rules) or None
    changes = {key: (stored, (settings.row(db, key) or {}).get("version"))
               for key, stored in ((settings.PROVIDER_NAME, name), (settings.GROUPS_CLAIM, claim),
                                   (settings.GROUP_ROLES, mapping), (settings.PASSWORDS_OFF_EXCEPT, kept))}
    settings.save_all(db, admin, changes)
    if kept is not None:
        _end_password_sessions(db, admin, kept)


def _end_password_sessions(db: Database, admin: Actor, kept: str) -> None:
    """Passwords switched off: every open password session but the break-glass administrator's ends,
    each with a sign-out row (a password change's reason: the password no longer signs in)."""
    with db.unit_of_work(admin, figures=False) as uow:
        ended = [row[0] for row in uow.execute("auth_sessions_end_passwords", keep_username=kept, now=uow.now,
                                               reason="password_change").fetchall()]
        for username in sorted(set(ended)):
            user = db.one("user_by_username", username=username)
            uow.audit("sign_out", "users", user["id"] if user else None, way_in=accounts.PASSWORD,
                      detail=f"local passwords switched off: {ended.count(username)} session(s) of {username} ended")


def links(db: Database, user_id: int) -> list[dict]:
    """The provider identities linked to an account (issuer, subject, e-mail, when)."""
    return db.rows("identity_links_of_user", user_id=user_id)


def unlink(db: Database, admin: Actor, username: str) -> int:
    """Unlink every identity of an account (a link made by mistake); the next sign-in through the
    provider links again by the account's e-mail address."""
    user = accounts.account(db, username)
    if user is None:
        raise ValidationError({"username": "no such user"})
    with db.unit_of_work(admin) as uow:
        require_admin(admin)
        count = uow.execute("identity_links_clear", user_id=user["id"]).fetchone()[0]
        uow.audit("delete", "identity_links", user["id"], detail=f"{count} identities unlinked from {username}")
    return count
