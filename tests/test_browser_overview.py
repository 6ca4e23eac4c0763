"""Browser test in headless Chromium: the overview on the demo town, as command staff see it."""

from __future__ import annotations

import pytest

from demo.accounts import DEMO_ACCOUNTS
from tests.browser_support import (COUNT_RUNS, choose, chromium, open_tab, requires_chromium, sign_in,
                                   streamlit_server, wait_drawn)

pytestmark = [pytest.mark.browser, requires_chromium]

PASSWORD = {a.username: a.password for a in DEMO_ACCOUNTS}


def test_the_overview_renders_figures_charts_and_lists(demo_path, tmp_path):
    with streamlit_server(demo_path) as url, chromium() as browser:
        context = browser.new_context(viewport={"width": 1500, "height": 3000})
        context.add_init_script(COUNT_RUNS)
        page = context.new_page()
        page.set_default_timeout(120_000)
        sign_in(page, url, "commander", PASSWORD["commander"])
        page.get_by_role("heading", name="Trends by month").wait_for()
        wait_drawn(page, timeout=120_000)
        shot = tmp_path / "overview.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 50_000

        assert page.locator('[data-testid="stException"]').count() == 0
        headings = [h.strip() for h in page.locator("h1, h2, h3").all_inner_texts()]
        for heading in ("Overview", "Trends by month", "By district", "Top programs", "To act on"):
            assert heading in headings
        assert page.locator('[data-testid="stMetric"]').count() == 9
        assert page.locator(".js-plotly-plot").first.is_visible()
        titles = page.locator(".js-plotly-plot .gtitle").evaluate_all(     # a long title is drawn on lines
            "ts => ts.map(t => [...t.querySelectorAll('tspan.line')].map(l => l.textContent).join(' ')"
            " || t.textContent)")
        assert "Events held each month, by program category" in titles, titles

        open_tab(page, page.get_by_role("tab", name="Concerns"))    # a lazy tab: it runs when opened
        page.get_by_text("Community concerns received and resolved").wait_for()
        page.screenshot(path=str(tmp_path / "overview-concerns.png"), full_page=True)

        # a district chosen: the caption names it and the other pickers still read "All ..."
        choose(page, page.get_by_role("combobox", name="District"), "D2 North End")
        wait_drawn(page, timeout=120_000)
        # what each select box shows: its value, or its placeholder when it holds none
        pickers = page.locator('[data-testid="stSelectbox"] input').evaluate_all(
            "inputs => inputs.map(i => i.value || i.placeholder || i.closest('[data-testid=stSelectbox]').innerText)")
        assert not any("Choose an option" in p for p in pickers), pickers
        assert any("All categories" in p for p in pickers) and any("All programs" in p for p in pickers), pickers
        assert "Community work in D2 North End" in page.locator('[data-testid="stMain"]').inner_text()
