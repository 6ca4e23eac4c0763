"""The sign-in gate: streamlit-authenticator's form and cookie, hardened.

The library renders the form and reads the signed re-login cookie. Four of
its methods are replaced on our instance so that the database decides:
  * the typed password reaches the check exactly as typed (the library's own
    login strips it; only the username is trimmed and lowercased);
  * the password check goes through `core.accounts.check_sign_in` (lockout,
    failure audit, bcrypt of passwords of any length);
  * a cookie only signs someone in while its server-side session is alive
    (not signed out, not idle for 30 minutes, account still active);
  * the cookie (same JWT format as the library's) is set by this server, HttpOnly, in answer to a
    picture on the first page after the sign-in (components/sign_in_cookie.py), and the library's
    cookie component, whose reports rerun the whole page, is never drawn.

When an administrator has configured the department's identity provider (`[auth]` in
`.streamlit/secrets.toml`), the form is joined by "Sign in with ...": Streamlit's `st.login` runs the
OpenID Connect exchange and `st.user` carries the ID token's claims, which `core.identity` turns into
one of the app's own server-side sessions (or a refusal). That session, not the provider's cookie,
is what grants access, so sign-out, the idle timeout and deactivation hold for both ways in.
Without a provider nothing here differs from the password sign-in.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.models import cookie_model

from components import page_style, say, sign_in_cookie, warm_up
from components.session import CHECKED_KEY, TOKEN_KEY, SignedIn, current_user, set_current_user
from core import accounts, identity, settings
from core.secret_key import cookie_key
from core.text import md
from queries.db import Database

COOKIE_NAME = sign_in_cookie.NAME
COOKIE_DAYS = 0.5            # one long shift; the idle timeout usually ends it sooner
_MESSAGE = "sign_in_message"
_PENDING = "auth_cookie_pending"   # (username, expiry) of a sign-in whose cookie is still to be set
_CLEAR = "auth_cookie_clear"       # signed out in this tab: the form clears the cookie
_LOOKED = "auth_cookie_looked"     # the form has looked at the cookie this tab's page load brought
WAY_KEY = "auth_way_in"              # "provider" for a sign-in through the identity provider
_REFUSED = "provider_refused"        # (ID token key, message): a refused provider sign-in, audited once


class _NoCookieFrame:
    """Stands in for extra_streamlit_components' CookieManager, which the library makes with every
    Authenticate object. That one draws a frame that reads every cookie and reports them back, which
    reruns the page, for a value nothing reads (the library reads its cookie from the request). The
    cookie is set and cleared by this server (components/sign_in_cookie.py), so this one draws
    nothing; the library's sign-out asks it to delete the cookie, which the next sign-in form does."""

    def __init__(self, key: str = "init"):
        self.cookies: dict = {}

    def delete(self, cookie: str, key: str = "delete") -> None:
        st.session_state[_CLEAR] = True


# the library makes its cookie manager through this module name (models/cookie_model.py)
cookie_model.stx = type("NoCookieComponents", (), {"CookieManager": _NoCookieFrame})


@st.cache_resource(show_spinner=False)
def _cookie_key() -> str:
    return cookie_key()


def _authenticator(db: Database, account: dict | None) -> stauth.Authenticate:
    """The library's object. Signed in, it is given only that account (read once for the whole
    rerun): it needs every account only to show the form, which checks passwords through us anyway."""
    rows = None if account is None else [account]
    auth = stauth.Authenticate(
        accounts.authenticator_credentials(db, rows), COOKIE_NAME, _cookie_key(), COOKIE_DAYS,
        auto_hash=False, login_sleep_time=0,
    )
    model = auth.authentication_controller.authentication_model
    cookie = auth.cookie_controller.cookie_model

    def check_credentials(username: str, password: str) -> bool:
        result = accounts.check_sign_in(db, username, password)
        # the library indexes its dict by the name as typed; accounts are lowercase
        ok = result.ok and username in model.credentials["usernames"]
        st.session_state[_MESSAGE] = None if ok else (result.message or accounts.WRONG)
        return ok

    library_get_cookie = cookie.get_cookie

    def set_cookie():
        # Only stamp the session's expiry here; the first page after the form has the browser fetch
        # the cookie (_write_pending_cookie).
        cookie.exp_date = (datetime.now() + timedelta(days=COOKIE_DAYS)).timestamp()
        st.session_state[_PENDING] = (st.session_state["username"], cookie.exp_date)

    def get_cookie():
        token = library_get_cookie()
        if token and accounts.session_alive(db, token["username"], token["exp_date"]):
            st.session_state[TOKEN_KEY] = token["exp_date"]
            return token
        return None

    def login(username=None, password=None, max_concurrent_users=None, max_login_attempts=None,
              token=None, single_session=False, callback=None, captcha=False, entered_captcha=None):
        # the library's controller strips the password; this form has no captcha
        username = username.strip().lower() if username else username
        return model.login(username, password, max_concurrent_users, max_login_attempts, token,
                           single_session, callback)

    model.check_credentials = check_credentials
    auth.authentication_controller.login = login
    cookie.get_cookie = get_cookie
    cookie.set_cookie = set_cookie
    return auth


def session_token() -> float | None:
    """The expiry stamp naming this browser's server-side session (a password change keeps it)."""
    return st.session_state.get(TOKEN_KEY)


def _write_pending_cookie() -> None:
    pending = st.session_state.pop(_PENDING, None)
    if pending:
        sign_in_cookie.set_in_browser(*pending, _cookie_key())


def _clear_dead_cookie() -> None:
    """On the sign-in form, clear a cookie that signed nobody in (timed out, ended, expired) or whose
    session this tab has just signed out. Once for each: the cookie is the browser's, not the tab's,
    and a later form run in a tab loaded long ago must not clear one another tab has since set."""
    first_look = sign_in_cookie.sent_with_page() and not st.session_state.get(_LOOKED)
    st.session_state[_LOOKED] = True
    if st.session_state.pop(_CLEAR, False) or first_look:
        sign_in_cookie.clear_in_browser()


def provider_names() -> list[str]:
    """The identity providers configured in `.streamlit/secrets.toml`: each `[auth.<name>]` section
    with a client, or "default" for a client written in `[auth]` itself; none without `[auth]`."""
    from streamlit.auth_util import get_secrets_auth_section

    try:
        section = get_secrets_auth_section()
    except Exception:               # no secrets file, or one Streamlit cannot read: no provider
        return []
    if not section or "redirect_uri" not in section or "cookie_secret" not in section:
        return []
    names = [name for name, value in section.items()
             if hasattr(value, "get") and value.get("client_id") and value.get("server_metadata_url")]
    return (["default"] if section.get("client_id") else []) + names


def sign_in_gate(db: Database) -> tuple[SignedIn | None, stauth.Authenticate | None]:
    """Render the form when nobody is signed in; return the signed-in user, if any."""
    user = current_user()           # as the last rerun left it; None until signed in
    if user is not None and st.session_state.get(WAY_KEY) == identity.PROVIDER:
        return _provider_rerun(db, user), None
    providers = provider_names() if user is None else []
    ended = None
    if providers:
        claims = st.user.to_dict()
        if claims.get("is_logged_in"):
            signed, refusal = _provider_sign_in(db, claims)
            if signed is not None:
                return signed, None
            if refusal != identity.ENDED:
                _show_refusal(db, refusal)
                return None, None
            ended = refusal          # the provider's cookie of an ended session: sign in again
    account = (_account(db, user.actor.username)
               if user is not None and st.session_state.get("authentication_status") else None)
    auth = _authenticator(db, account)
    with st.container(key=page_style.FORM_KEY):
        form_area = st.empty()
    with form_area.container():
        _, middle, _ = st.columns([1, 2, 1])
        with middle:
            try:
                auth.login(location="main", fields={
                    "Form name": "Sign in", "Username": "Username", "Password": "Password", "Login": "Sign in",
                })
            except stauth.utilities.exceptions.LoginError:
                st.session_state["authentication_status"] = None
                st.session_state[_MESSAGE] = accounts.WRONG
            if not st.session_state.get("authentication_status") and st.session_state.get(_MESSAGE):
                st.error(md(st.session_state[_MESSAGE]))
            if providers and not st.session_state.get("authentication_status"):
                if ended:
                    st.info(md(ended))
                if st.button(say.text("Sign in with {name}", name=settings.provider_name(db)),
                             key="provider_sign_in", icon=":material/badge:", width="stretch"):
                    st.login(providers[0])
    if not st.session_state.get("authentication_status"):
        _clear_dead_cookie()
        set_current_user(None)
        return None, auth

    username = st.session_state["username"]
    if user is None or user.actor.username != username:
        # a fresh sign-in by form (no token yet in state) or by cookie (token set by get_cookie)
        token_exp = st.session_state.get(TOKEN_KEY) or auth.cookie_controller.cookie_model.exp_date
        actor = accounts.actor_for(db, username)
        if actor is None or token_exp is None:
            _forget(auth)
            return None, auth
        if TOKEN_KEY not in st.session_state:
            accounts.start_session(db, actor, token_exp)
            st.session_state[TOKEN_KEY] = token_exp
        form_area.empty()
        _write_pending_cookie()
    elif not _session_alive(db, username, st.session_state[TOKEN_KEY]):
        sign_out(db, auth, reason=None)
        st.warning("You were signed out after 30 minutes without activity, or your session was ended. "
                   "Please sign in again.")
        st.stop()
    # the account as it is now, so a role or district change applies at once
    refreshed = _signed_in(account if account is not None and account["username"] == username
                           else _account(db, username))
    if refreshed is None:
        sign_out(db, auth, reason="disabled")
        st.stop()
    set_current_user(refreshed)
    return refreshed, auth


def _session_alive(db: Database, username: str, token_exp: float | None) -> bool:
    """accounts.session_alive, noting when the session was found alive: the open-screen timer, which
    also runs in every run of the whole app, then does not read the same row again
    (components/session_watch.py)."""
    if token_exp is None or not accounts.session_alive(db, username, token_exp):
        return False
    st.session_state[CHECKED_KEY] = time.monotonic()
    return True


def _account(db: Database, username: str) -> dict | None:
    """The account as stored, cached until the next write. Every change to an account goes through
    this process's gateway (DuckDB lets no other process write while the app has the file open), so
    a role, district or password change is seen at the next rerun; whether the session is still
    alive (signed out elsewhere, deactivated, idle) is read afresh on every rerun."""
    # the signed-in runs' first import of the home page's modules: after the warm-up has loaded them,
    # never beside it (components/warm_up.py)
    warm_up.ready(warm_up.HOME)
    from components.figures import cached     # here, not at the top: pandas stays off the sign-in page

    return cached(accounts.account, db, username)


def _signed_in(row: dict | None, provider: bool = False) -> SignedIn | None:
    actor = accounts.actor_from_row(row)
    if actor is None:
        return None
    # a user who came in through the provider has no password of this app to change
    return SignedIn(actor=actor, display_name=row["display_name"],
                    must_change_password=row["must_change_password"] and not provider,
                    district_codes=tuple(row["district_codes"]))


def _provider_sign_in(db: Database, claims: dict) -> tuple[SignedIn | None, str | None]:
    """The signed-in user of the provider's ID token, or why it is refused (audited once per token
    and browser session, however often the page reruns)."""
    key = identity.token_key(claims)
    refused = st.session_state.get(_REFUSED)
    if refused and refused[0] == key:
        return None, refused[1]
    result = identity.sign_in(db, claims)
    signed = _signed_in(_account(db, result.username), provider=True) if result.ok else None
    if signed is None:
        st.session_state[_REFUSED] = (key, result.message or identity.NOT_LINKED)
        return None, st.session_state[_REFUSED][1]
    st.session_state[TOKEN_KEY] = result.token_exp
    st.session_state[WAY_KEY] = identity.PROVIDER
    set_current_user(signed)
    return signed, None


def _provider_rerun(db: Database, user: SignedIn) -> SignedIn | None:
    """Every later run of a provider sign-in: its session alive, its account as it is now."""
    token = st.session_state.get(TOKEN_KEY)
    if not _session_alive(db, user.actor.username, token):
        _forget(None)
        st.warning("You were signed out after 30 minutes without activity, or your session was ended. "
                   "Please sign in again.")
        st.stop()
    refreshed = _signed_in(_account(db, user.actor.username), provider=True)
    if refreshed is None:
        sign_out(db, None, reason="disabled")
        st.stop()
    set_current_user(refreshed)
    return refreshed


def _show_refusal(db: Database, message: str) -> None:
    """The page of an identity the app does not let in: why, and a way to try another account."""
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.subheader("No access with this sign-in")
        # the message is the domain's (core/identity.py), with the provider's name as the administrator set it
        st.error(md(message.replace("{provider}", settings.provider_name(db))))
        if st.button(say.text("Sign out of {name}", name=settings.provider_name(db)), key="provider_sign_out"):
            st.session_state.pop(_REFUSED, None)
            st.logout()
    set_current_user(None)


def sign_out(db: Database, auth: stauth.Authenticate | None, reason: str | None = "sign_out") -> None:
    """End the session on the server (its cookie stops working), then in the browser; a user who came
    in through the provider is then sent to sign out there too (Streamlit's `st.logout`)."""
    user = current_user()
    token_exp = st.session_state.get(TOKEN_KEY)
    provider = st.session_state.get(WAY_KEY) == identity.PROVIDER
    if user is not None and reason is not None:
        accounts.end_session(db, user.actor, token_exp, reason)
    _forget(auth)
    if provider and reason == "sign_out":
        st.logout()
        st.stop()        # no rerun after it: the browser is on its way to sign out at the provider


def _forget(auth: stauth.Authenticate | None) -> None:
    if auth is not None and st.session_state.get("authentication_status"):
        auth.logout(location="unrendered")
    for key in (TOKEN_KEY, _MESSAGE, _PENDING, WAY_KEY):
        st.session_state.pop(key, None)
    set_current_user(None)
