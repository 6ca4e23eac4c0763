"""Hostile input shown on every page, to the administrator, command staff and a patrol officer, in
headless Chromium: nothing executes.

The demo town gets a script-injection payload in every free-text cell the schema has
(tests/hostile_support.py finds them from the catalog and writes them through the gateway).
Then each role signs in and opens every page of the registry it may open, through the menu as a
user does (a page switch, not a reload of the whole app). The crime prevention officer is left out:
their pages are the administrator's without the administration ones, drawn by the same code with
the same rows (the access matrix tests what each role may open). After each page:
no payload ran (a `window.__xss` flag, `alert()` dialogs), no request went to the payloads'
host (markdown images, CSS imports), no link points at `javascript:` or that host, no element
carries an inline event handler, no exception element or traceback is on screen. The plotly
charts are hovered point by point so their hover labels are checked too.
New pages and new free-text columns are covered as soon as they are registered / migrated.
Actions whose messages name stored text are performed too (test_no_payload_renders_after_actions:
marking a business with a payload name verified; an administration address typed by an officer);
the other actions' messages are checked without a browser in tests/test_hostile_actions.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from components.navigation import PAGES, specs_for
from demo.accounts import DEMO_ACCOUNTS
from tests.browser_support import (COUNT_RUNS, act_and_settle, chromium, click_and_settle, described,
                                   open_from_menu, open_signed_in, open_tab, requires_chromium, sign_in,
                                   streamlit_server)
from tests.figures_report import report
from tests.hostile_support import EVIL, PAYLOADS, poisoned_copy

pytestmark = [pytest.mark.browser, requires_chromium]

ROLES = ("admin", "command", "officer")
ROLE_ACCOUNT = {}
for account in DEMO_ACCOUNTS:
    ROLE_ACCOUNT.setdefault(account.role, account)

PROBE = """() => ({
  xss: window.__xss === undefined ? null : String(window.__xss),
  handlers: document.querySelectorAll('[onerror],[onload],[ontoggle],[onclick],[onmouseover]').length,
  js_links: [...document.querySelectorAll('a')]
          .filter(a => /^\\s*javascript:/i.test(a.getAttribute('href') || a.getAttribute('xlink:href') || '')).length,
  evil: [...document.querySelectorAll('img,iframe,link,source,image,object,embed')]
          .filter(e => ['href', 'src', 'xlink:href', 'data'].some(n => (e.getAttribute(n) || '').includes('EVIL'))).length,
  // a link whose visible text hides where it goes ([reset your password](https://...));
  // a bare URL that Streamlit turns into a link shows its own address, which is allowed
  deceptive: [...document.querySelectorAll('a')].filter(a => {
      const href = a.getAttribute('href') || a.getAttribute('xlink:href') || '';
      if (!href.includes('EVIL')) return false;
      let target = href; try { target = decodeURI(href); } catch (e) {}
      const text = (a.textContent || '').trim();
      return !text || !target.includes(text);
  }).map(a => a.outerHTML.slice(0, 200)),
  iframes: [...document.querySelectorAll('iframe')].filter(f => !f.src || f.src.startsWith('javascript')).length,
  text: document.body.innerText,
})""".replace("EVIL", EVIL)


def _hover_charts(page) -> int:
    """Move the mouse across every plotly chart so its hover labels are drawn."""
    hovered = 0
    plots = page.locator(".js-plotly-plot")
    for index in range(plots.count()):
        plot = plots.nth(index)
        if not plot.is_visible():          # in a tab not shown now; hovered when its tab is
            continue
        plot.scroll_into_view_if_needed(timeout=10_000)
        box = plot.bounding_box()
        if not box:
            continue
        for step in range(1, 7):
            page.mouse.move(box["x"] + box["width"] * step / 7, box["y"] + box["height"] * 0.6)
            page.wait_for_timeout(40)
            hovered += 1
    return hovered


def _check(page, events: dict, where: str) -> None:
    found = page.evaluate(PROBE)
    assert found["xss"] is None, f"a payload ran on {where}: window.__xss = {found['xss']}"
    assert not events["dialogs"], f"alert() ran on {where}: {events['dialogs']}"
    assert not events["requests"], f"requests to {EVIL} from {where}: {events['requests'][:3]}"
    assert found["handlers"] == 0, f"inline event handlers in the page on {where}"
    assert found["js_links"] == 0, f"javascript: links on {where}"
    assert found["evil"] == 0, f"images, frames or styles from {EVIL} on {where}"
    assert not found["deceptive"], f"links whose text hides their target on {where}: {found['deceptive']}"
    assert found["iframes"] == 0, f"an injected iframe on {where}"
    assert page.locator('[data-testid="stException"]').count() == 0, f"exception shown on {where}"
    assert "Traceback (most recent call last)" not in found["text"], where
    assert "Page not found" not in found["text"], where
    assert "49" not in found["text"].split("{{7*7}}")[0][-3:], where   # templates are not evaluated


@pytest.fixture(scope="module")
def poisoned(demo_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "poisoned.duckdb"
    return path, poisoned_copy(demo_file, path)


class App:
    """The poisoned town's server, shared by this module's tests and started when first asked for;
    a test that reads the database afterwards stops it (the server holds the file)."""

    def __init__(self, path):
        self.path, self._server, self._url = path, None, None

    @property
    def url(self) -> str:
        if self._server is None:
            self._server = streamlit_server(self.path)
            self._url = self._server.__enter__()
        return self._url

    def stop(self) -> None:
        if self._server is not None:
            server, self._server = self._server, None
            server.__exit__(None, None, None)


@pytest.fixture(scope="module")
def payload_business(poisoned):
    """(name, address, district code) of a business in the officer's districts whose name is a
    payload, read before the server holds the file."""
    import duckdb

    with duckdb.connect(str(poisoned[0]), read_only=True) as con:
        return con.execute(
            "select b.name, b.address, d.code from businesses b join districts d on d.id = b.district_id "
            "join user_districts ud on ud.district_id = b.district_id join users u on u.id = ud.user_id "
            "where u.username = $u and b.name like '%track.png%' and b.deleted_at is null order by b.id limit 1",
            {"u": ROLE_ACCOUNT["officer"].username}).fetchone()


@pytest.fixture(scope="module")
def app(poisoned, payload_business):
    running = App(poisoned[0])
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module (Playwright's sync API allows one at a time)."""
    with chromium() as running:
        yield running


def test_no_payload_runs_on_any_page(poisoned, app, browser, tmp_path, request):
    path, seeded = poisoned
    visited, hovers, programs = [], 0, 0
    url = app.url
    with described(browser):
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
            _check(page, events, f"{role} home")
            for spec in PAGES:
                if role not in spec.roles:
                    continue
                home = specs_for(role)[0].key == spec.key   # the default page's URL is "/"
                open_from_menu(page, url, spec.key, home)
                tabs = page.get_by_role("tab").all()
                # every tab's content, charts drawn and checked while shown (a lazy tab's content
                # is gone once another tab is opened)
                for tab in tabs or [None]:
                    if tab is not None:
                        open_tab(page, tab)
                    hovers += _hover_charts(page)
                    try:
                        _check(page, events, f"{spec.key} as {role}")
                    except AssertionError:
                        page.screenshot(path=str(tmp_path / f"{role}-{spec.key}.png"), full_page=True)
                        raise
                visited.append((role, spec.key))
            if role == "command":
                # the program results page shows one program at a time: open each one holding a link
                linked = {k[1] for k, v in seeded["written"].items()
                          if k[0] == "programs" and ("](" in v or "http" in v or "<a " in v)}
                for program_id in sorted(linked):
                    open_signed_in(page, url, f"program-results?program={program_id}")
                    _check(page, events, f"program-results?program={program_id} as {role}")
                    programs += 1
            context.close()
    roles = {r for r, _ in visited}
    assert roles == set(ROLES)
    expected = sum(len(s.roles & roles) for s in PAGES)
    assert len(visited) == expected
    report(request, f"{len(PAYLOADS)} payloads in {seeded['cells']:,} cells of "
                    f"{sum(len(c) for c in seeded['columns'].values())} free-text columns "
                    f"({len(seeded['columns'])} tables); {len(visited)} role x page views "
                    f"({len(PAGES)} pages, {len(ROLES)} roles), {programs} program pages, {hovers} chart hover "
                    "positions: nothing executed, no exception shown")


VERIFY_WITH_HOSTILE_NAME = """() => [...document.querySelectorAll('[data-testid="stAlert"]')]
    .map(a => a.innerText).filter(t => t.includes('marked verified today'))"""


def test_no_payload_renders_after_actions(poisoned, payload_business, app, browser, tmp_path):
    """Actions whose message names stored text, in Chromium: an officer marks a business whose name
    is a payload verified (an unescaped image in the message would be fetched from the payloads'
    host), and opens an administration page's address by hand (refused, and on record). The
    messages of the other actions are checked in tests/test_hostile_actions.py (AppTest)."""
    import duckdb

    path, seeded = poisoned
    account = ROLE_ACCOUNT["officer"]
    mine = payload_business
    assert mine is not None, "no business with a payload name in the officer's districts"
    label = f"{mine[0]} — {mine[1]} ({mine[2]})"     # components/business_contacts._labels
    url = app.url
    with described(browser):
        context = browser.new_context(viewport={"width": 1400, "height": 2200})
        context.add_init_script(COUNT_RUNS)
        page = context.new_page()
        page.set_default_timeout(120_000)
        events = {"dialogs": [], "requests": []}
        page.on("dialog", lambda dialog: (events["dialogs"].append(dialog.message), dialog.dismiss()))
        page.on("request", lambda r: events["requests"].append(r.url) if EVIL in r.url else None)
        sign_in(page, url, account.username, account.password, timeout=120_000)
        open_signed_in(page, url, "businesses")
        box = page.locator(".st-key-contacts_business input").first
        box.click()
        page.keyboard.type(mine[0][:40])
        act_and_settle(page, lambda: page.get_by_role("option", name=label, exact=True).first.click())
        chosen = page.locator(".st-key-contacts_business").inner_text()
        business = page.locator('[class*="st-key-verify_"] button').first
        click_and_settle(page, business)
        try:        # the message comes with the save's rerun, which a loaded machine may still be drawing
            page.wait_for_function(f"({VERIFY_WITH_HOSTILE_NAME})().length > 0", timeout=60_000)
        except PlaywrightTimeout:
            pass
        shown = page.evaluate(VERIFY_WITH_HOSTILE_NAME)
        try:
            assert shown and "evil.invalid" in shown[0], (shown, chosen)
            _check(page, events, "the verify message")
        except AssertionError:
            page.screenshot(path=str(tmp_path / "verify.png"), full_page=True)
            raise
        # an administration page's address typed by hand: refused on screen and on record
        open_signed_in(page, url, "admin-users")
        page.get_by_text("You do not have access to this page.").wait_for(timeout=60_000)
        assert "Page not found" not in page.evaluate("document.body.innerText")
        context.close()
    app.stop()                                       # the server holds the file
    with duckdb.connect(str(path), read_only=True) as con:
        denied = con.execute("select detail from audit_log where action = 'denied' and username = $u",
                             {"u": account.username}).fetchall()
        verified = con.execute("select count(*) from audit_log where action = 'update' and table_name = "
                               "'businesses' and username = $u", {"u": account.username}).fetchone()[0]
    assert ("page admin-users (address)",) in denied
    assert verified >= 1
