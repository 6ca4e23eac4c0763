"""Community Relations Dashboard: the server, as ./run.sh starts it (`streamlit run serve.py`).

Streamlit's st.App runs app.py (the app itself) and adds what a script cannot set for the server:
security headers on every response and no metrics page (components/security_headers.py). Before
anything is served, files this process creates are made owner-only (queries/private_files.py) and
only an administrator's session may clear the caches (components/cache_guard.py); once it is up, the
first pages' modules are imported in the background (components/warm_up.py).
`streamlit run app.py` still runs the app, without the headers: use it for development only.
"""

from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from components import cache_guard, warm_up
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

app = st.App("app.py", middleware=[Middleware(SecurityHeaders)], lifespan=warmed_up)
