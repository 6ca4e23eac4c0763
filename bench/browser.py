"""Per page and role, in headless Chromium: a switch to the page from the sidebar menu, timed to its
first content and to the complete page (bench/switch.py), beside the same switch in an empty
Streamlit app, measured in turn in the same run."""

from __future__ import annotations

import statistics
import time

from components.navigation import PAGES
from bench.pages import ACCOUNT, ROLES, pairs

# The smoke test's browser section (bench/run.py --browser-sample): one page per role, chosen so
# that together they draw headline figures, plotly charts, data grids and the monthly report. Every
# page of every role is opened in the browser from the menu, drawn and read by
# tests/test_browser_vocabulary.py; a full run here measures every page.
SAMPLE = {"admin": "admin-audit", "command": "overview", "prevention": "report-monthly", "officer": "businesses"}


def median_ms(values: list[float]) -> float | None:
    return round(statistics.median(values) * 1000, 1) if values else None


def browser_pages(server, empty_server, browser, visits: int, sample: bool = False) -> tuple[list[dict], dict]:
    """For each role: sign in once in its own browser context, then open each page from the sidebar
    menu, `visits` rounds (a page switch in the same session, the way people move around the app),
    and time its first content and complete page. The same switch between the two pages of the
    empty app is timed after each one, alternating, so both see the same load. Per role also: a
    reload of the home page by URL (the front end loaded again, signed in by cookie) beside the
    empty app's. `sample`: only the page of SAMPLE for each role, and the reload for the first role."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from bench.server import wait_ready
    from bench.switch import time_switch
    from tests.browser_support import menu_link, sign_in

    def open_context():
        context = browser.new_context(viewport={"width": 1500, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(300_000)
        return context, page

    _, empty_page = open_context()
    empty_page.goto(empty_server.url)
    wait_ready(empty_page)
    empty_first: list[float] = []
    empty_complete: list[float] = []

    def time_empty() -> None:
        other = "" if empty_page.url.endswith("/b") else "b"     # the empty app's other page
        switch = time_switch(empty_page, menu_link(empty_page, empty_server.url, other))
        empty_first.append(switch.first_s)
        empty_complete.append(switch.complete_s)

    def time_reload(page, url: str) -> float:
        started = time.perf_counter()
        page.goto(url)
        return wait_ready(page, timeout=300_000) - started

    time_empty()   # warm-up, not counted
    empty_first.clear()
    empty_complete.clear()
    rows, reloads = [], []
    for role in ROLES:
        keys = [key for key, page_role in pairs() if page_role == role and (not sample or key == SAMPLE[role])]
        if not keys:
            continue
        menu = [spec.key for spec in PAGES if role in spec.roles]
        home = menu[0]
        account = ACCOUNT[role]
        context, page = open_context()
        sign_in(page, server.url, account.username, account.password)
        here = home

        def link(key: str):
            return menu_link(page, server.url, "" if key == home else key)

        # the session starts on the home page, so it comes last: each click switches pages
        order = [key for key in keys if key != home] + [key for key in keys if key == home]
        first: dict[str, list[float]] = {key: [] for key in keys}
        complete: dict[str, list[float]] = {key: [] for key in keys}
        figure: dict[str, bool] = {}
        failed: dict[str, str] = {}
        for _ in range(visits):
            for key in order:
                if key in failed:
                    continue
                try:
                    if key == here:      # a switch needs another page first (not timed)
                        here = next(other for other in menu if other != key)
                        time_switch(page, link(here))
                    switch = time_switch(page, link(key))
                    here = key
                except PlaywrightTimeout:   # a row saying so, not a lost run
                    headings = page.locator("h1, h2, h3").all_inner_texts()
                    failed[key] = f"not complete within 300 s (headings on screen: {headings[:3]})"
                    continue
                first[key].append(switch.first_s)
                complete[key].append(switch.complete_s)
                figure[key] = switch.with_figure
                errors = page.locator('[data-testid="stException"]').count()
                if errors:
                    failed[key] = f"{errors} exception(s) on screen"
                time_empty()
        for key in keys:
            rows.append({"page": key, "role": role, "first_ms": median_ms(first[key]),
                         "complete_ms": median_ms(complete[key]), "n": len(first[key]),
                         "first_is_figure": figure.get(key), "error": failed.get(key)})
        if not (sample and reloads):     # the sample reloads once, for its first role
            app_reload = time_reload(page, server.url)
            empty_reload = time_reload(empty_page, empty_server.url)
            reloads.append({"role": role, "page": home, "reload_ms": round(app_reload * 1000, 1),
                            "empty_reload_ms": round(empty_reload * 1000, 1),
                            "ratio": round(app_reload / empty_reload, 2)})
        context.close()
    empty = {"first_ms": median_ms(empty_first), "complete_ms": median_ms(empty_complete), "n": len(empty_first)}
    for row in rows:
        row["ratio"] = round(row["first_ms"] / empty["first_ms"], 2) if row["first_ms"] and empty["first_ms"] else None
    return rows, {**empty, "reloads": reloads}
