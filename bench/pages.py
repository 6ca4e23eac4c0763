"""Per page and role: the server-side script time of a rerun (AppTest) and the time in headless
Chromium from navigation to the app's idle state, beside an empty Streamlit page."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from components.navigation import PAGES
from demo.accounts import DEMO_ACCOUNTS

ROOT = Path(__file__).resolve().parents[1]
ACCOUNT = {}
for _account in DEMO_ACCOUNTS:        # the first demo account of each role
    ACCOUNT.setdefault(_account.role, _account)
ROLES = ("admin", "command", "prevention", "officer")


ONLY_PAGES: set[str] = set()     # bench/run.py --page KEY: measure only these pages


def pairs() -> list[tuple[str, str]]:
    """Every (page key, role) the registry allows, in menu order."""
    return [(spec.key, role) for spec in PAGES for role in ROLES
            if role in spec.roles and (not ONLY_PAGES or spec.key in ONLY_PAGES)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> dict:
    return {"median_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(percentile(values, 0.95) * 1000, 1), "n": len(values)}


def apptest_reruns(db_path: Path, reruns: int) -> list[dict]:
    """Sign in once per role, switch to each page, time `at.run()` reruns (the first run after the
    switch is reported apart: it fills the figure cache)."""
    from streamlit.testing.v1 import AppTest

    from bench.server import COOKIE_KEY

    os.environ["COMMUNITY_DB"] = str(db_path)
    os.environ["COMMUNITY_COOKIE_KEY"] = COOKIE_KEY
    by_key = {spec.key: spec for spec in PAGES}
    rows = []
    for role in ROLES:
        if not any(r == role for _, r in pairs()):
            continue
        account = ACCOUNT[role]
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()
        at.text_input[0].input(account.username)
        at.text_input[1].input(account.password)
        at.button[0].click().run()
        for key, page_role in pairs():
            if page_role != role:
                continue
            started = time.perf_counter()
            at.switch_page(str(ROOT / "app_pages" / by_key[key].file)).run()
            first = time.perf_counter() - started
            times = []
            for _ in range(reruns):
                started = time.perf_counter()
                at.run()
                times.append(time.perf_counter() - started)
            error = "; ".join(str(e.value)[:200] for e in at.exception) or None
            rows.append({"page": key, "role": role, "first_ms": round(first * 1000, 1), **summary(times),
                         "error": error})
    release_database(db_path)
    return rows


def release_database(db_path: Path) -> None:
    """Close the database AppTest opened in this process (components/database.py keeps it open for
    the process), so the `streamlit run` servers measured next can open the file."""
    from components import database

    database.close(str(db_path.resolve()))


def browser_pages(server, empty_server, browser, visits: int) -> tuple[list[dict], dict]:
    """For each role: sign in once in its own browser context, then open every page from the
    sidebar menu, `visits` rounds (a page switch in the same session, the way people move around
    the app) and time click -> idle. The same switch between the two pages of the empty app is
    timed after each one, alternating, so both see the same load. Per role also: a reload of the
    home page by URL (the front end loaded again, signed in by cookie) beside the empty app's."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from bench.server import time_switch, wait_ready
    from tests.browser_support import menu_link, sign_in

    def open_context():
        context = browser.new_context(viewport={"width": 1500, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(300_000)
        return context, page

    _, empty_page = open_context()
    empty_page.goto(empty_server.url)
    wait_ready(empty_page)
    empty_times: list[float] = []

    def time_empty() -> None:
        other = "" if empty_page.url.endswith("/b") else "b"     # the empty app's other page
        empty_times.append(time_switch(empty_page, menu_link(empty_page, empty_server.url, other)))

    def time_reload(page, url: str) -> float:
        started = time.perf_counter()
        page.goto(url)
        return wait_ready(page, timeout=300_000) - started

    time_empty()   # warm-up, not counted
    empty_times.clear()
    rows, reloads = [], []
    for role in ROLES:
        keys = [key for key, page_role in pairs() if page_role == role]
        if not keys:
            continue
        home = next(spec.key for spec in PAGES if role in spec.roles)
        account = ACCOUNT[role]
        context, page = open_context()
        sign_in(page, server.url, account.username, account.password)
        # each click must switch pages: the session starts on the home page, so it comes last
        order = [key for key in keys if key != home] + [key for key in keys if key == home]
        times: dict[str, list[float]] = {key: [] for key in keys}
        failed: dict[str, str] = {}
        for _ in range(visits):
            for key in order:
                if key in failed:
                    continue
                try:
                    times[key].append(time_switch(page, menu_link(page, server.url, "" if key == home else key)))
                except PlaywrightTimeout:   # a row saying so, not a lost run
                    headings = page.locator("h1, h2, h3").all_inner_texts()
                    failed[key] = f"not idle within 300 s (headings on screen: {headings[:3]})"
                    continue
                errors = page.locator('[data-testid="stException"]').count()
                if errors:
                    failed[key] = f"{errors} exception(s) on screen"
                time_empty()
        for key in keys:
            rows.append({"page": key, "role": role,
                         "browser_ms": round(statistics.median(times[key]) * 1000, 1) if times[key] else None,
                         "error": failed.get(key)})
        app_reload = time_reload(page, server.url)
        empty_reload = time_reload(empty_page, empty_server.url)
        reloads.append({"role": role, "page": home, "reload_ms": round(app_reload * 1000, 1),
                        "empty_reload_ms": round(empty_reload * 1000, 1),
                        "ratio": round(app_reload / empty_reload, 2)})
        context.close()
    empty_ms = round(statistics.median(empty_times) * 1000, 1)
    for row in rows:
        row["empty_ms"] = empty_ms
        row["ratio"] = round(row["browser_ms"] / empty_ms, 2) if row["browser_ms"] else None
    return rows, {"empty_ms": empty_ms, "n": len(empty_times), "reloads": reloads}
