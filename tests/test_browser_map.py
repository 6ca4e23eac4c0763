"""The district map in headless Chromium with every non-local request blocked (no internet)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from demo.accounts import PASSWORDS
from tests.browser_support import (chromium, open_signed_in, requires_chromium, sign_in, streamlit_server, wait_drawn,
                                   wait_idle)

pytestmark = [pytest.mark.browser, requires_chromium]


def test_the_map_page_draws_every_district_offline(demo_path, tmp_path):
    outside: list[str] = []
    with streamlit_server(demo_path) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1100})

        def offline(route):
            host = urlparse(route.request.url).hostname
            if host in ("127.0.0.1", "localhost") or route.request.url.startswith("data:"):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        page.route("**/*", offline)
        sign_in(page, url, "cpo", PASSWORDS["prevention"])
        open_signed_in(page, url, "district-map", 90_000)
        plot = page.locator(".js-plotly-plot").first
        plot.wait_for(timeout=90_000)
        wait_drawn(page, 90_000)
        # one filled path per district, drawn as SVG (no WebGL, no tiles)
        fills = page.locator(".js-plotly-plot .scatterlayer .trace .js-fill")
        assert fills.count() == 6
        assert page.locator(".js-plotly-plot .mapboxgl-map, .js-plotly-plot .maplibregl-map, "
                            ".js-plotly-plot .geolayer > g").count() == 0
        assert page.get_by_text("Incidents by district").first.is_visible()
        assert page.locator('[data-testid="stException"]').count() == 0
        # clicking a district's label opens its detail
        label = page.locator(".js-plotly-plot .scatterlayer .trace text", has_text="D1").first.bounding_box()
        page.mouse.move(label["x"] + label["width"] / 2, label["y"] + label["height"] / 2)
        page.mouse.click(label["x"] + label["width"] / 2, label["y"] + label["height"] / 2)
        page.get_by_role("heading", name="D1 – Downtown").first.wait_for(timeout=90_000)
        wait_idle(page)
        shot = tmp_path / "district_map.png"
        plot.screenshot(path=str(shot))
        page.screenshot(path=str(tmp_path / "district_map_page.png"), full_page=True)
    assert shot.stat().st_size > 20_000          # a drawn map, not a blank box
    assert not [u for u in outside if "plot.ly" in u or "tile" in u or "mapbox" in u or "carto" in u]
