"""Browser test: a server just started (serve.py, its warm-up under way) draws the sign-in page and,
after signing in, the home page with the figures the domain computes, and writes the sign-in cookie."""

from __future__ import annotations

import pytest

from components.headline import CARDS, format_value
from components.period_picker import DEFAULT_PRESET
from core import accounts, clock, metrics, periods
from demo.accounts import DEMO_ACCOUNTS
from queries.db import Database
from tests.browser_support import chromium, requires_chromium, streamlit_server, wait_drawn, wait_for_cookie, wait_idle

pytestmark = [pytest.mark.browser, requires_chromium]

PREVENTION = next(a for a in DEMO_ACCOUNTS if a.role == "prevention")


def expected_cards(path) -> dict[str, str]:
    """The overview's headline cards for the prevention officer, from core (before the server holds the file)."""
    db = Database(path)
    try:
        actor = accounts.actor_for(db, PREVENTION.username)
        period = periods.preset(DEFAULT_PRESET, clock.department_today(db))
        figures = metrics.headline(db, actor, period)
    finally:
        db.close()
    return {label: format_value(figure, figures.get(figure)) for figure, label in CARDS.items()}


def test_a_fresh_server_shows_sign_in_then_the_overview_with_cores_figures(demo_path):
    expected = expected_cards(demo_path)
    with streamlit_server(demo_path) as url, chromium() as browser:
        page = browser.new_context(viewport={"width": 1500, "height": 1200}).new_page()
        page.set_default_timeout(180_000)
        page.goto(url)               # at once: the warm-up began when the server came up
        page.get_by_role("textbox", name="Username").wait_for()
        wait_idle(page, 180_000)
        assert page.get_by_role("button", name="Sign in").count() == 1
        assert not page.locator('[data-testid="stException"]').count()

        page.get_by_role("textbox", name="Username").fill(PREVENTION.username)
        page.get_by_role("textbox", name="Password").fill(PREVENTION.password)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("heading", name="Trends by month").wait_for()
        wait_drawn(page, 180_000)

        assert not page.locator('[data-testid="stException"]').count()
        assert page.locator("h1").first.inner_text().strip() == "Overview"
        shown = dict(zip(page.locator('[data-testid="stMetricLabel"]').all_inner_texts(),
                         page.locator('[data-testid="stMetricValue"]').all_inner_texts()))
        assert {label.strip(): value.strip() for label, value in shown.items()} == expected
        # the first page fetched the re-login cookie from the server's own route (serve.py)
        assert wait_for_cookie(page)["httpOnly"]
    log = "".join(p.read_text() for p in demo_path.parent.glob(f"{demo_path.stem}.*.log"))
    assert "Warm-up done" in log and "Warm-up stopped early" not in log, log[-2000:]
