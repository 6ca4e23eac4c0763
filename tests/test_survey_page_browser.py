"""The Community perception page in headless Chromium: what only this page needs beyond the sweeps.

tests/test_browser_vocabulary.py reads the page (words not codes, no None/nan, no fraction on an axis
of counts) for every role, each tab, at 1400x900 and 390x844; tests/test_browser_hostile.py probes it
with a payload in every free-text cell, the waves' names among them. Both read the demo town, which
holds two waves and a district with too few answers (demo/town/surveys.py). This file adds:

- a problem measure picked from the measure box (the sweeps read the first measure): its subject in
  words, at both sizes;
- the wave picker's options, which are the waves' names themselves: on a poisoned copy, each payload
  is shown as text and nothing runs.

One Chromium serves both tests.
"""

from __future__ import annotations

import shutil

import pytest

from queries.db import Database
from tests.browser_support import (COUNT_RUNS, act_and_settle, choose, chromium, open_signed_in,
                                   requires_chromium, sign_in, streamlit_server, wait_drawn)
from tests.hostile_support import EVIL, poison
from tests.survey_page_support import ensure_waves
from tests.test_browser_hostile import _check
from tests.test_browser_vocabulary import (HOVER_LOG, OPEN_EXPANDERS, PHONE, READ, ROLE_ACCOUNT, WIDE,
                                           _hover_charts, _resize, findings, stored_codes)

pytestmark = [pytest.mark.browser, requires_chromium]


@pytest.fixture(scope="module")
def browser():
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def with_waves(demo_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("survey_page") / "waves.duckdb"
    shutil.copyfile(demo_file, path)
    db = Database(path)
    ensure_waves(db)
    db.close()
    return path


def _measures(page) -> list[str]:
    box = page.locator(".st-key-surveys_measure").first
    box.click()
    page.get_by_role("option").first.wait_for()
    options = [o.inner_text().strip() for o in page.get_by_role("option").all()]
    page.keyboard.press("Escape")
    return options


def _new_page(browser, viewport: dict, *scripts: str):
    context = browser.new_context(viewport=viewport)
    for script in (COUNT_RUNS, *scripts):
        context.add_init_script(script)
    page = context.new_page()
    page.set_default_timeout(120_000)
    return context, page


def test_a_problem_measure_reads_in_words(with_waves, browser):
    codes = stored_codes(with_waves)
    problems: dict[str, set[str]] = {}
    with streamlit_server(with_waves) as url:
        context, page = _new_page(browser, WIDE, HOVER_LOG)
        account = ROLE_ACCOUNT["prevention"]
        sign_in(page, url, account.username, account.password, timeout=120_000)
        open_signed_in(page, url, "surveys")
        problem = next((m for m in _measures(page) if ":" in m), None)
        assert problem, "no problem among the measures to pick"
        box = page.locator(".st-key-surveys_measure").first
        wait_drawn(page)
        act_and_settle(page, lambda: choose(page, box, problem))
        page.evaluate(OPEN_EXPANDERS)
        for size in (WIDE, PHONE):
            if page.viewport_size != size:
                _resize(page, size)
            hover, _ = _hover_charts(page) if size == WIDE else ([], 0)
            for found in findings(page.evaluate(READ), hover, codes):
                problems.setdefault(found, set()).add(f"{problem} at {size['width']}")
        context.close()
    assert not problems, "\n".join(f"- {p}: on {', '.join(sorted(w))}" for p, w in sorted(problems.items()))


@pytest.fixture(scope="module")
def poisoned_waves(demo_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("survey_hostile") / "poisoned.duckdb"
    shutil.copyfile(demo_file, path)
    db = Database(path)
    ensure_waves(db)
    seeded = poison(db)
    db.close()
    return path, seeded


def test_the_wave_pickers_payloads_are_shown_as_text(poisoned_waves, browser):
    path, seeded = poisoned_waves
    assert any(table == "survey_waves" for table, _, _ in seeded["written"]), "the waves' names hold no payload"
    with streamlit_server(path) as url:
        context, page = _new_page(browser, {"width": 1400, "height": 2200})
        account = ROLE_ACCOUNT["command"]
        events = {"dialogs": [], "requests": []}
        page.on("dialog", lambda dialog: (events["dialogs"].append(dialog.message), dialog.dismiss()))
        page.on("request", lambda r: events["requests"].append(r.url) if EVIL in r.url else None)
        sign_in(page, url, account.username, account.password, timeout=120_000)
        open_signed_in(page, url, "surveys")
        box = page.locator(".st-key-surveys_wave").first
        wait_drawn(page)
        for attempt in range(3):        # a click that lands during a rerun leaves the list shut
            box.click()
            try:
                page.get_by_role("option").first.wait_for(timeout=15_000)
                break
            except Exception:
                if attempt == 2:
                    raise
                page.keyboard.press("Escape")
                wait_drawn(page)
        names = [o.inner_text() for o in page.get_by_role("option").all()]
        page.keyboard.press("Escape")
        assert any("<script>" in n or "onerror" in n or EVIL in n for n in names), names
        _check(page, events, "the wave picker as command")
        context.close()
