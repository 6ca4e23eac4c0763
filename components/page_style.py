"""The app's page-wide style: what Streamlit would otherwise give room it needs not take.

The sign-in library's cookie component is an invisible iframe drawn above every page, and the
sign-in form's place stays on the page once someone is signed in; on a phone the two pushed every
page's title some 90 px down. Both are taken out of the page's flow, not hidden, so the cookie
component still loads and runs. A st.html of style tags alone takes no room on the page.

A headline figure's title wraps onto a second line where Streamlit would cut it with an ellipsis:
"Active organizations" filled its card at 1400 px with a few pixels to spare, and a browser that
sets the same font a little wider showed "Active organizati…".
"""

from __future__ import annotations

import streamlit as st

FORM_KEY = "sign_in_form"     # the keyed container that holds the sign-in form while it shows
COOKIE_FRAME = 'iframe[title^="extra_streamlit_components.CookieManager"]'

STYLE = f"""<style>
.stElementContainer:has({COOKIE_FRAME}),
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
