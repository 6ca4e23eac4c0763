"""Community Relations Dashboard: the server, as ./run.sh starts it (`streamlit run serve.py`).

Streamlit's st.App runs app.py (the app itself) and adds what a script cannot set for the server:
security headers on every response and no metrics page (components/security_headers.py), and the
route that sets the re-login cookie (components/sign_in_cookie.py). Before
anything is served, files this process creates are made owner-only (queries/private_files.py) and
only an administrator's session may clear the caches (components/cache_guard.py); once it is up, the
first pages' modules are imported in the background (components/warm_up.py).
`streamlit run app.py` still runs the app, without the headers and the re-login cookie: use it for
development only.
"""

from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from components import cache_guard, sign_in_cookie, warm_up
from components.security_headers import SecurityHeaders
from queries.private_files import owner_only


@asynccontextmanager
async def warmed_up(_app):
    """Once the server is up (Streamlit's runtime started), the modules of the sign-in page and of
    the first page after it load in the background while the first browser fetches Streamlit's
    scripts (components/warm_up.py)."""
    warm_up.start()
    yield


owner_only()
cache_guard.install()

app = st.App("app.py", routes=[sign_in_cookie.route], middleware=[Middleware(SecurityHeaders)],
             lifespan=warmed_up)
