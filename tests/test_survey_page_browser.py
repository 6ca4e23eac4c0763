"""The Community perception page in headless Chromium with survey waves on record, as every role that
may open it: the vocabulary sweep's reading (words not codes, no None/nan, no fraction on an axis of
counts) at 1400x900 and 390x844, and the hostile sweep's probe with a payload in every free-text cell,
the waves' names among them. The sweeps of tests/test_browser_vocabulary.py and
tests/test_browser_hostile.py read the demo town; this file makes sure the page is read with waves
(including a district with too few answers) whether or not the demo town has them.
"""

from __future__ import annotations

import shutil

import pytest

from components.navigation import BY_KEY
from queries.db import Database
from tests.browser_support import (COUNT_RUNS, act_and_settle, choose, chromium, open_signed_in, open_tab,
                                   requires_chromium, sign_in, streamlit_server, wait_drawn)
from tests.hostile_support import EVIL, poison
from tests.survey_page_support import ensure_waves
from tests.test_browser_hostile import _check, _hover_charts as hover_for_payloads
from tests.test_browser_vocabulary import (HOVER_LOG, OPEN_EXPANDERS, PHONE, READ, ROLE_ACCOUNT, WIDE,
                                           _hover_charts, _resize, findings, stored_codes)

pytestmark = [pytest.mark.browser, requires_chromium]

ROLES = sorted(BY_KEY["surveys"].roles)


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


def test_the_survey_page_reads_in_words_for_every_role(with_waves, request):
    codes = stored_codes(with_waves)
    problems: dict[str, set[str]] = {}
    readings = 0
    with streamlit_server(with_waves) as url, chromium() as browser:
        for role in ROLES:
            account = ROLE_ACCOUNT[role]
            context = browser.new_context(viewport=WIDE)
            context.add_init_script(COUNT_RUNS)
            context.add_init_script(HOVER_LOG)
            page = context.new_page()
            page.set_default_timeout(120_000)
            sign_in(page, url, account.username, account.password, timeout=120_000)
            open_signed_in(page, url, "surveys")
            measures = _measures(page)
            assert measures, "no measure to pick"
            # the first measure, then one of the problems (their subjects in words)
            shown = [None] + [m for m in measures if ":" in m][:1]
            for measure in shown:
                if measure is not None:
                    if page.viewport_size != WIDE:
                        _resize(page, WIDE)
                    box = page.locator(".st-key-surveys_measure").first
                    act_and_settle(page, lambda: choose(page, box, measure))
                tabs = page.get_by_role("tab").all()
                for tab in (tabs if measure is None else []) or [None]:
                    if tab is not None:
                        if page.viewport_size != WIDE:
                            _resize(page, WIDE)
                        open_tab(page, tab)
                    page.evaluate(OPEN_EXPANDERS)
                    name = f"surveys{'' if tab is None else ' > ' + tab.inner_text().strip()} ({measure or 'first'})"
                    for size in (WIDE, PHONE) if page.viewport_size == WIDE else (PHONE, WIDE):
                        if page.viewport_size != size:
                            _resize(page, size)
                        hover, _ = _hover_charts(page) if size == WIDE else ([], 0)
                        read = page.evaluate(READ)
                        for problem in findings(read, hover, codes):
                            problems.setdefault(problem, set()).add(f"{name} as {role} at {size['width']}")
                        readings += 1
                if tabs and measure is None:
                    open_tab(page, tabs[0])                      # back to the results for the next measure
            wait_drawn(page)
            context.close()
    assert not problems, "\n".join(f"- {p}: on {', '.join(sorted(w)[:3])}" for p, w in sorted(problems.items()))
    assert readings >= 2 * len(ROLES)


@pytest.fixture(scope="module")
def poisoned_waves(demo_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("survey_hostile") / "poisoned.duckdb"
    shutil.copyfile(demo_file, path)
    db = Database(path)
    ensure_waves(db)
    seeded = poison(db)
    db.close()
    return path, seeded


def test_no_payload_runs_on_the_survey_page(poisoned_waves, tmp_path):
    path, seeded = poisoned_waves
    assert any(table == "survey_waves" for table, _, _ in seeded["written"]), "the waves' names hold no payload"
    with streamlit_server(path) as url, chromium() as browser:
        for role in ROLES:
            account = ROLE_ACCOUNT[role]
            context = browser.new_context(viewport={"width": 1400, "height": 2200})
            context.add_init_script(COUNT_RUNS)
            page = context.new_page()
            page.set_default_timeout(120_000)
            events = {"dialogs": [], "requests": []}
            page.on("dialog", lambda dialog: (events["dialogs"].append(dialog.message), dialog.dismiss()))
            page.on("request", lambda r: events["requests"].append(r.url) if EVIL in r.url else None)
            sign_in(page, url, account.username, account.password, timeout=120_000)
            open_signed_in(page, url, "surveys")
            tabs = page.get_by_role("tab").all()
            for tab in tabs or [None]:
                if tab is not None:
                    open_tab(page, tab)
                hover_for_payloads(page)
                try:
                    _check(page, events, f"surveys as {role}")
                except AssertionError:
                    page.screenshot(path=str(tmp_path / f"{role}-surveys.png"), full_page=True)
                    raise
            # the wave picker's options are the payloads themselves, shown as text
            if tabs:
                open_tab(page, tabs[0])
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
            assert any("<script>" in n or "onerror" in n or "evil.invalid" in n for n in names), names
            _check(page, events, f"the wave picker as {role}")
            context.close()
