"""The re-login cookie, set and cleared by this server in an HTTP response (an HttpOnly cookie).

streamlit-authenticator reads the cookie from the page's request (`st.context.cookies`), but writes it
through a custom component (extra_streamlit_components' CookieManager): a frame whose script sets
`document.cookie` and then reports back, and the report reruns the whole page. The same component
also reads every cookie in the first run of each page load, to a value nothing uses, and that report
reruns the page too. A sign-in drew its first page three times (on a large city about 4 s of the
browser's and the server's time), and each new tab drew the sign-in form twice.

Here the page that follows a sign-in holds a one-pixel picture from serve.py's route `ROUTE`. Its
address carries a ticket: the account and the session's expiry, signed with the cookie key and good
for `TICKET_SECONDS`. The route answers with the cookie, in the library's own format, so the library
reads it back unchanged. A picture reports nothing back to the script, so nothing reruns. The cookie
is HttpOnly, which a cookie written by a script cannot be: no script in the page can read it.

The ticket names no cookie value: an address kept in a proxy's log is worthless after a minute, and
the cookie itself is made only here. The route answers only requests from the app's own pages (the
browser's Sec-Fetch-Site), and the cookie is SameSite=Strict, which browsers also refuse to set from
another site's page. The form of a new page load clears a cookie that no longer signs anyone in
(signed out, timed out, ended), with a second picture from the same route.

Under `streamlit run app.py` (development, no serve.py) the route does not exist: signing in works,
and reloading the page asks for the password again.
"""

from __future__ import annotations

import base64
import time
from datetime import datetime, timezone
from email.utils import format_datetime

import jwt
import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from core.secret_key import cookie_key

NAME = "community_auth"
ROUTE = "/_community/sign-in-cookie"
TICKET_SECONDS = 60
# a transparent GIF of one pixel: the answer to the picture's request
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
PICTURE = ('<img src="{src}" alt="" width="1" height="1" '
           'style="position:absolute;width:1px;height:1px;opacity:0">')


def token(username: str, exp_date: float, key: str) -> str:
    """The cookie's value, as streamlit-authenticator signs and reads it."""
    return jwt.encode({"username": username, "exp_date": exp_date}, key, algorithm="HS256")


def ticket(username: str, exp_date: float, key: str, now: float | None = None) -> str:
    """A ticket for the cookie of this account and session, good for TICKET_SECONDS."""
    until = (time.time() if now is None else now) + TICKET_SECONDS
    claims = {"username": username, "exp_date": exp_date, "ticket_until": until}
    return jwt.encode(claims, key, algorithm="HS256")


def set_in_browser(username: str, exp_date: float, key: str) -> None:
    """Have the browser fetch the cookie for this sign-in (in the run that shows the first page)."""
    st.html(PICTURE.format(src=f"{ROUTE}?ticket={ticket(username, exp_date, key)}"))


def clear_in_browser() -> None:
    """Have the browser drop its cookie (on the sign-in form, when the page load brought one)."""
    st.html(PICTURE.format(src=f"{ROUTE}?clear=1"))


def sent_with_page() -> bool:
    """Whether the browser sent a re-login cookie with this page load."""
    return NAME in st.context.cookies


def _cookie_header(value: str, expires: datetime | None, secure: bool) -> str:
    parts = [f"{NAME}={value}", "Path=/", "HttpOnly", "SameSite=Strict"]
    if expires is None:
        parts += ["Max-Age=0", "Expires=Thu, 01 Jan 1970 00:00:00 GMT"]
    else:
        parts += [f"Max-Age={max(0, int(expires.timestamp() - time.time()))}",
                  f"Expires={format_datetime(expires, usegmt=True)}"]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def _answer(status: int, cookie: str | None = None) -> Response:
    headers = {"cache-control": "no-store"}
    if cookie is not None:
        headers["set-cookie"] = cookie
    return Response(PIXEL if status == 200 else b"", status_code=status, media_type="image/gif",
                    headers=headers)


async def endpoint(request: Request) -> Response:
    """The cookie for a good ticket, or the cookie cleared; 403 and no cookie for anything else."""
    if request.headers.get("sec-fetch-site", "same-origin") != "same-origin":
        return _answer(403)
    secure = request.url.scheme == "https"
    if request.query_params.get("clear") == "1":
        return _answer(200, _cookie_header("", None, secure))
    key = cookie_key()
    try:
        claims = jwt.decode(request.query_params.get("ticket", ""), key, algorithms=["HS256"],
                            options={"require": ["username", "exp_date", "ticket_until"]})
    except jwt.PyJWTError:
        return _answer(403)
    now = time.time()
    numbers = all(isinstance(claims[k], (int, float)) for k in ("exp_date", "ticket_until"))
    if not (numbers and isinstance(claims["username"], str) and claims["ticket_until"] > now
            and claims["exp_date"] > now):
        return _answer(403)
    expires = datetime.fromtimestamp(claims["exp_date"], tz=timezone.utc)
    return _answer(200, _cookie_header(token(claims["username"], claims["exp_date"], key), expires, secure))


route = Route(ROUTE, endpoint, methods=["GET"])
