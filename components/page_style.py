"""The app's page-wide style: what Streamlit would otherwise give room it needs not take.

The one-pixel picture that fetches the re-login cookie (components/sign_in_cookie.py) sits in an
element of its own above the page, and the sign-in form's place stays on the page once someone is
signed in; on a phone such places pushed every page's title down. Both are taken out of the page's
flow, not hidden, so the picture is still fetched. A st.html of style tags alone takes no room on
the page.

A headline figure's title wraps onto a second line where Streamlit would cut it with an ellipsis:
"Active organizations" filled its card at 1400 px with a few pixels to spare, and a browser that
sets the same font a little wider showed "Active organizati…".
"""

from __future__ import annotations

import streamlit as st

from components.sign_in_cookie import ROUTE

FORM_KEY = "sign_in_form"     # the keyed container that holds the sign-in form while it shows
COOKIE_PICTURE = f'img[src^="{ROUTE}"]'

STYLE = f"""<style>
.stElementContainer:has({COOKIE_PICTURE}),
.st-key-{FORM_KEY}:not(:has(input)) {{
  position: absolute; width: 0; height: 0; overflow: hidden;
}}
[data-testid="stMetricLabel"] .stMarkdownEllipsis,
[data-testid="stMetricLabel"] .stMarkdownEllipsis p {{
  white-space: normal;
}}
</style>"""


def apply() -> None:
    st.html(STYLE)
