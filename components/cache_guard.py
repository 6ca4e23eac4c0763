"""Only a signed-in administrator's session may clear Streamlit's caches.

Streamlit clears `st.cache_data` and `st.cache_resource` for every user, and the sending session's
state, whenever a browser sends the websocket's `clear_cache` message (the "Clear caches" menu item
sends it; the minimal toolbar hides that item, but any websocket client can send the message).
Streamlit 1.67 handles it in `AppSession._handle_clear_cache_request`
(streamlit/runtime/app_session.py), called with the sending session; `install()` wraps that method
so that Streamlit's own handler runs only when that session's user is an administrator whose
sign-in session is still alive. A refusal is logged, and for a signed-in user also kept as a
`denied` audit row. Either way the database object and its write lock stay as they are: they are
not a cache entry (components/database.py).

Installed from app.py (every run; once is enough) and by serve.py at process start.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from streamlit.logger import get_logger
from streamlit.runtime.app_session import AppSession

from components.database import opened
from components.session import SIGNED_IN_KEY, TOKEN_KEY, SignedIn
from core import accounts
from queries.access import can
from queries.db import resolve_path

_LOGGER = get_logger(__name__)
# the handler runs on the server's event loop: a denial's audit row is written off it, one at a time
_AUDIT = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cache-guard-audit")


def install() -> None:
    handler = AppSession._handle_clear_cache_request
    if getattr(handler, "admin_only", False):
        return

    def clear_cache_if_admin(session: AppSession) -> None:
        user, token = _signed_in(session)
        db = opened(str(resolve_path()))
        allowed = (user is not None and can(user.actor, "clear", "caches") and db is not None
                   and accounts.session_active(db, user.actor.username, token))
        if allowed:
            _LOGGER.info("Caches cleared at the request of administrator %s", user.actor.username)
            handler(session)
            return
        who = ("a session nobody is signed in to" if user is None
               else f"{user.actor.username} ({user.actor.role})")
        _LOGGER.warning("Refused to clear the caches for %s: only an administrator may", who)
        if user is not None and db is not None:
            _AUDIT.submit(_record_denial, db, user)

    clear_cache_if_admin.admin_only = True
    AppSession._handle_clear_cache_request = clear_cache_if_admin


def _signed_in(session: AppSession) -> tuple[SignedIn | None, float | None]:
    state = session._session_state
    try:
        user = state[SIGNED_IN_KEY] if SIGNED_IN_KEY in state else None
        token = state[TOKEN_KEY] if TOKEN_KEY in state else None
    except (KeyError, RuntimeError):          # the session's own run changed its state meanwhile
        return None, None
    return (user, token) if isinstance(user, SignedIn) else (None, None)


def _record_denial(db, user: SignedIn) -> None:
    try:
        # on record, but no change to anything a page counts: cached figures stay valid
        with db.unit_of_work(user.actor, figures=False) as uow:
            uow.audit("denied", detail="clear caches")
    except Exception:                          # a failed audit write must not pass silently
        _LOGGER.exception("Could not record the refused cache clear of %s", user.actor.username)
