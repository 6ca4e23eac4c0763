"""The re-login cookie's route (components/sign_in_cookie.py): an HttpOnly cookie in the library's own
format for a good ticket, and nothing for a ticket that is old, forged, or fetched by another site.
(That a browser gets it and is signed in again by it is in tests/test_browser_sign_in.py.)"""

from __future__ import annotations

import asyncio
import time
from email.utils import parsedate_to_datetime

import httpx
import jwt
import pytest
from starlette.applications import Starlette

from components import sign_in_cookie

KEY = "route-test-cookie-key-" + "k" * 40


@pytest.fixture
def client(monkeypatch):
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", KEY)
    return "http://app.test"


def fetch(base_url, headers=None, **params):
    """The route's answer to a GET from a page of the app (unless `headers` say otherwise)."""
    async def get():
        transport = httpx.ASGITransport(Starlette(routes=[sign_in_cookie.route]))
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
            return await client.get(sign_in_cookie.ROUTE, params=params,
                                    headers={"sec-fetch-site": "same-origin", **(headers or {})})
    return asyncio.run(get())


def attributes(set_cookie: str) -> dict[str, str]:
    first, *rest = [p.strip() for p in set_cookie.split(";")]
    name, _, value = first.partition("=")
    return {"name": name, "value": value, **{k.lower(): v for k, _, v in (p.partition("=") for p in rest)}}


def test_a_good_ticket_gets_an_httponly_strict_cookie_the_library_reads(client):
    expires = time.time() + 3600
    answer = fetch(client, ticket=sign_in_cookie.ticket("chief", expires, KEY))
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/gif"
    cookie = attributes(answer.headers["set-cookie"])
    assert cookie["name"] == "community_auth"
    assert {"httponly", "samesite", "path"} <= cookie.keys() and "secure" not in cookie
    assert cookie["samesite"] == "Strict" and cookie["path"] == "/"
    # streamlit-authenticator's CookieModel decodes exactly this
    assert jwt.decode(cookie["value"], KEY, algorithms=["HS256"]) == {"username": "chief", "exp_date": expires}
    assert abs(parsedate_to_datetime(cookie["expires"]).timestamp() - expires) < 1
    assert abs(int(cookie["max-age"]) - 3600) <= 2
    assert answer.headers["cache-control"] == "no-store"


def test_over_https_the_cookie_is_secure(monkeypatch):
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", KEY)
    answer = fetch("https://app.test", ticket=sign_in_cookie.ticket("chief", time.time() + 60, KEY))
    assert "secure" in attributes(answer.headers["set-cookie"])


@pytest.mark.parametrize("case", ["old ticket", "other key", "session over", "no ticket", "not a ticket",
                                  "cookie value as ticket", "another site"])
def test_anything_but_a_good_ticket_from_the_apps_own_page_gets_no_cookie(client, case):
    now = time.time()
    made = {"old ticket": sign_in_cookie.ticket("chief", now + 3600, KEY, now=now - sign_in_cookie.TICKET_SECONDS - 1),
            "other key": sign_in_cookie.ticket("chief", now + 3600, "another-key-" + "x" * 40),
            "session over": sign_in_cookie.ticket("chief", now - 1, KEY),
            "no ticket": None, "not a ticket": "abc.def.ghi",
            # a cookie's value (a stolen one, say) is not a ticket: it has no time limit
            "cookie value as ticket": sign_in_cookie.token("chief", now + 3600, KEY),
            "another site": sign_in_cookie.ticket("chief", now + 3600, KEY)}[case]
    headers = {"sec-fetch-site": "cross-site"} if case == "another site" else None
    answer = fetch(client, headers, **({} if made is None else {"ticket": made}))
    assert answer.status_code == 403
    assert "set-cookie" not in answer.headers


def test_clearing_expires_the_cookie_at_once(client):
    answer = fetch(client, clear="1")
    cookie = attributes(answer.headers["set-cookie"])
    assert answer.status_code == 200
    assert cookie["name"] == "community_auth" and cookie["value"] == "" and cookie["max-age"] == "0"
    assert "httponly" in cookie

