"""Browser test: the Crime Prevention officer logs an event and finds it in the list."""

from __future__ import annotations

import pytest

from queries.db import Database
from tests.browser_support import (choose, chromium, open_signed_in, requires_chromium, sign_in, streamlit_server,
                                   wait_idle)
from tests.entry_support import PASSWORD, build_world

pytestmark = [pytest.mark.browser, requires_chromium]

TIMEOUT = 120_000     # generous: the machine may be loaded; nothing here is timed


def test_log_an_event_and_find_it_in_the_list(tmp_path):
    path = tmp_path / "browser.duckdb"
    db = Database(path)
    build_world(db)
    db.close()
    with streamlit_server(path) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        page.set_default_timeout(TIMEOUT)
        sign_in(page, url, "cpo", PASSWORD, timeout=TIMEOUT)
        open_signed_in(page, url, "events", TIMEOUT)
        choose(page, page.get_by_role("combobox", name="Program").first, "Car-seat station", TIMEOUT)
        page.get_by_role("spinbutton", name="Car seats inspected").first.wait_for()   # the program's outcome fields
        wait_idle(page, TIMEOUT)
        page.get_by_role("textbox", name="Location").first.fill("Browser test garage")
        choose(page, page.get_by_role("combobox", name="District").first, "N · North", TIMEOUT)
        page.get_by_role("spinbutton", name="Adults").first.fill("7")
        page.get_by_role("spinbutton", name="Car seats inspected").first.fill("5")
        page.get_by_role("button", name="Save event").first.click()
        page.get_by_text("saved").first.wait_for(timeout=TIMEOUT)
        wait_idle(page, TIMEOUT)
        page.get_by_role("tab", name="Event list").click()
        wait_idle(page, TIMEOUT)
        page.screenshot(path=str(tmp_path / "events.png"), full_page=True)
        grid = page.locator('[data-testid="stDataFrame"]').first
        grid.wait_for(timeout=TIMEOUT)
        assert "1 event, 7 people reached." in page.inner_text("body")       # the noun agrees with its count
    db = Database(path)
    assert db.cursor().execute("select location, headcount_adult from events").fetchall() == [
        ("Browser test garage", 7)]
