"""Community Relations Dashboard: the server, as ./run.sh starts it (`streamlit run serve.py`).

Streamlit's st.App runs app.py (the app itself) and adds what a script cannot set for the server:
security headers on every response and no metrics page (components/security_headers.py). Before
anything is served, files this process creates are made owner-only (queries/private_files.py) and
only an administrator's session may clear the caches (components/cache_guard.py).
`streamlit run app.py` still runs the app, without the headers: use it for development only.
"""

import streamlit as st
from starlette.middleware import Middleware

from components import cache_guard
from components.security_headers import SecurityHeaders
from queries.private_files import owner_only

owner_only()
cache_guard.install()

app = st.App("app.py", middleware=[Middleware(SecurityHeaders)])
