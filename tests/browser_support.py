"""Running the real app with `streamlit run` and driving it with Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

import pytest

from components import sign_in_cookie

ROOT = Path(__file__).resolve().parents[1]
# The tests drive Debian's headless shell: the same Blink and V8 as its Chromium without the browser's
# own interface (its tabs, menus and their renderers), at about half the CPU per page (13.5 against
# 23 CPU-seconds for three sign-in pages). bench/ measures the full browser a user runs (BROWSER).
CHROMIUM = "/usr/bin/chromium-headless-shell"
BROWSER = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

requires_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium-headless-shell is not installed (./test.sh installs it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(db_path: Path, extra_env: dict | None = None,
                     streamlit: tuple[str, ...] = ("-m", "streamlit")) -> Iterator[str]:
    """`streamlit run serve.py` (as ./run.sh starts the app: app.py with its security headers) on a
    free loopback port; yields the base URL. `streamlit`: how Python starts Streamlit's command line."""
    port = free_port()
    env = {**os.environ, "COMMUNITY_DB": str(db_path),
           "COMMUNITY_COOKIE_KEY": "browser-test-cookie-key-" + "y" * 40, **(extra_env or {})}
    command = [sys.executable, *streamlit, "run", str(ROOT / "serve.py"), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true"]
    url = f"http://127.0.0.1:{port}"
    with running(command, ROOT, env, db_path.with_suffix(f".{port}.log"), url + "/_stcore/health", 60, "streamlit"):
        yield url


@contextmanager
def running(command: list[str], cwd: Path, env: dict, log_path: Path, ready_url: str, seconds: float,
            what: str) -> Iterator[None]:
    """A server process, its output in `log_path`, until `ready_url` answers (or it ends, or `seconds`
    pass: RuntimeError with its log); stopped on leaving."""
    log = open(log_path, "w")
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + seconds
        while True:
            try:
                urllib.request.urlopen(ready_url, timeout=1)
                break
            except OSError:
                if process.poll() is not None or time.time() > deadline:
                    log.flush()
                    raise RuntimeError(f"{what} did not start: " + log_path.read_text())
                time.sleep(0.2)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@contextmanager
def chromium(executable: str = CHROMIUM) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            with described(browser):
                yield browser
        finally:
            browser.close()


@contextmanager
def described(browser) -> Iterator:
    """On an error in the block, add what the browser's open pages show to it (describe_pages): for
    a test that uses a browser its module shares, whose errors never reach chromium()."""
    try:
        yield
    except Exception as error:
        describe_pages(browser, error)
        raise


# what a failing browser test's pages showed, so that a failure in CI can be read from its log
DESCRIBE = """() => ({
  state: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state'),
  runs: window.__runs, messages: window.__messages,
  headings: [...document.querySelectorAll('h1, h2')].map(h => h.innerText).slice(0, 4),
  alerts: [...document.querySelectorAll('[data-testid="stAlert"], [data-testid="stException"], '
           + '[role="dialog"]')].map(a => a.innerText.slice(0, 300)),
  text: document.body.innerText.slice(0, 600),
})"""


def describe_pages(browser, error: Exception) -> None:
    """Add each open page's address, script state, headings, alerts and first text to the error,
    and save its screenshot beside the test's temporary files."""
    folder = Path(tempfile.gettempdir()) / "browser-failures"
    folder.mkdir(exist_ok=True)
    for number, page in enumerate(p for context in browser.contexts for p in context.pages):
        try:
            seen = page.evaluate(DESCRIBE)
            shot = folder / f"{os.getpid()}-{int(time.time())}-{number}.png"
            page.screenshot(path=str(shot), full_page=True, timeout=20_000)
            error.add_note(f"page {number} at {page.url}: {seen} (screenshot {shot})")
        except Exception as failure:      # a crashed page must not hide the test's own error
            error.add_note(f"page {number} at {page.url}: not described ({failure!r})")


# true once the app is idle and neither the page nor the server's messages (counted where the context
# has COUNT_RUNS) have changed since the previous poll: a quick rerun (the sign-in cookie) starting
# within the poll shows as a message, a state or a size that changed
STILL = """() => {
  const idle = document.querySelector('%s') !== null;
  const seen = idle ? `${document.body.innerHTML.length}/${window.__messages}/${window.__runs}` : null;
  const stable = seen !== null && window.__stillSize === seen;
  window.__stillSize = seen;
  return stable;
}""" % IDLE


def wait_idle(page, timeout: float = 30_000) -> None:
    """Wait until the script has run and stopped, and what it shows is unchanged for one poll (the
    wait that outlasts a quick rerun: no fixed pause)."""
    page.wait_for_selector(IDLE, timeout=timeout)
    page.evaluate("window.__stillSize = undefined")
    page.wait_for_function(STILL, timeout=timeout, polling=250)


# true once the app is idle, every visible plotly chart has drawn its SVG, and neither the page nor
# the server's messages (counted where the context has COUNT_RUNS) have changed for one poll: plotly
# and the grids draw after the script stops, so "idle" alone is too early to look, and a quick rerun
# (the sign-in cookie) starting within the poll shows as a message, a state or a size that changed
DRAWN = """() => {
  const idle = document.querySelector('%s') !== null;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
      .filter(c => c.offsetParent !== null);
  const drawn = idle && charts.every(c => c.querySelector('.main-svg'));
  const seen = drawn ? `${document.body.innerHTML.length}/${window.__messages}/${window.__runs}` : null;
  const stable = seen !== null && window.__drawnSize === seen;
  window.__drawnSize = seen;
  return stable;
}""" % IDLE


def wait_drawn(page, timeout: float = 30_000) -> None:
    """Wait until the app is idle and what it shows is drawn and no longer changing (the unchanged
    poll is the wait that outlasts a quick rerun: no fixed pause before it)."""
    page.wait_for_selector(IDLE, timeout=timeout)
    page.evaluate("window.__drawnSize = undefined")
    page.wait_for_function(DRAWN, timeout=timeout, polling=250)


# counts every start of a script run, so that a wait can tell "the run my click caused has finished"
# from "no run has started yet" (add to a browser context before its pages open). The server's
# messages are counted too: a busy browser may take a short run's "started" and "finished" in one
# go, and React then never draws the "running" state.
COUNT_RUNS = """
window.__runs = 0; window.__messages = 0; window.__lastMessage = 0;
new MutationObserver(changes => {
  for (const c of changes) {
    if (c.target.getAttribute('data-test-script-state') === 'running') window.__runs++;
  }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ['data-test-script-state']});
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', () => { window.__messages++; window.__lastMessage = performance.now(); });
  }
};
"""
RUNS_BEFORE = "window.__clickMark = true; [window.__runs, window.__messages]"   # just before the action
# The app is idle after a run that started after the action: one drawn as running, or (not drawn
# so) messages that came and then stopped for 0.5 s. A click that reloads the whole document (a
# link followed before the app took it over) starts the counts again: the mark is then gone.
RAN_AND_IDLE = """([[runs, messages], selector]) => {
  const quiet = window.__messages > messages && performance.now() - window.__lastMessage > 500;
  const reloaded = !window.__clickMark && (window.__runs > 0 || window.__messages > 0);
  return (window.__runs > runs || quiet || reloaded) && document.querySelector(selector) !== null;
}"""


def act_and_settle(page, action, timeout: float = 120_000) -> None:
    """Do `action` (a click, a key press), then wait until a script run started after it has
    finished and what it shows is drawn (the page's context must have COUNT_RUNS)."""
    before = page.evaluate(RUNS_BEFORE)
    action()
    page.wait_for_function(RAN_AND_IDLE, arg=[before, IDLE], timeout=timeout, polling=50)
    wait_drawn(page, timeout)


def click_and_settle(page, target, timeout: float = 120_000) -> None:
    act_and_settle(page, target.click, timeout)


# tabs with a key are the app's lazy tabs (st.tabs(..., key=..., on_change="rerun")): only the open
# one runs, so opening another causes a run; tabs without a key were all sent and only switch views
LAZY_TAB = """tab => /(^| )st-key-/.test(tab.closest('[data-testid="stTabs"]').className)"""


def open_tab(page, tab, timeout: float = 120_000) -> None:
    """Open a tab and wait until its content is drawn (after the run it causes, for a lazy tab)."""
    if tab.get_attribute("aria-selected") == "true":
        wait_drawn(page, timeout)
    elif tab.evaluate(LAZY_TAB):
        click_and_settle(page, tab, timeout)
    else:
        tab.click()
        wait_drawn(page, timeout)


def menu_link(page, base_url: str, path: str):
    """The sidebar menu's link to a page ("" is the home page, whose link is the bare URL)."""
    selector = f'a[href="{base_url}/"]' if path == "" else f'a[href$="/{path}"]'
    return page.locator(f'[data-testid="stSidebarNav"] {selector}').first


def open_from_menu(page, url: str, key: str, home: bool, timeout: float = 120_000) -> None:
    """Open a page through the sidebar menu, in the same session: no reload of the whole app
    (a full page load costs seconds, a page switch a rerun). The home page's link is "/"."""
    if urlparse(page.url).path.strip("/") == ("" if home else key):
        wait_drawn(page, timeout)
        return
    click_and_settle(page, menu_link(page, url, "" if home else key), timeout)
    page.wait_for_function("path => location.pathname.replace(/\\/$/, '') === path",
                           arg="" if home else f"/{key}", timeout=timeout)


def browser_cookie(context) -> dict | None:
    """The re-login cookie the browser context holds, if any (HttpOnly: the browser's store is where
    it can be seen)."""
    return next((c for c in context.cookies() if c["name"] == sign_in_cookie.NAME), None)


def wait_for_cookie(page, timeout: float = 60_000) -> dict:
    """The re-login cookie, once the browser holds it (the page after the sign-in fetches it from the
    server: components/sign_in_cookie.py). It is HttpOnly, so it is looked for in the browser's
    store, where the page's scripts cannot see it."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        found = browser_cookie(page.context)
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError("the re-login cookie was not set")
        page.wait_for_timeout(100)


def open_signed_in(page, url: str, path: str, timeout: float = 120_000) -> None:
    """Load a page by its address in a browser already signed in: the app signs in again from the
    cookie, which a loaded machine may do a run or two after the first one has finished."""
    target = "/" + path.split("?")[0]
    # the address is typed once the re-login cookie is in the browser (the first page after the
    # sign-in form fetches it): before that, the page would show the sign-in form
    wait_for_cookie(page, timeout)
    # A known fault, not what these tests check: right after a sign-in on a loaded machine, the cookie
    # sign-in of an address typed then can land on the home page. A user types the address again.
    for _ in range(2):
        page.goto(f"{url}/{path}")
        page.get_by_text("Signed in as").wait_for(timeout=timeout)
        wait_idle(page, timeout)
        if urlparse(page.url).path.rstrip("/") == target:
            return
    raise AssertionError(f"{path} was not opened: the app went to {page.url}")


def choose(page, combobox, option: str, timeout: float = 60_000) -> None:
    """Open a select box and pick an option, opening it again if a rerun closed it first
    (on a loaded machine a click can land while the widget is still being redrawn)."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        combobox.click()
        try:
            page.get_by_role("option", name=option).click(timeout=5_000)
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            page.keyboard.press("Escape")


def sign_in(page, url: str, username: str, password: str, timeout: float = 180_000) -> None:
    page.goto(url)
    wait_idle(page, timeout)
    # a loaded machine may report idle before the first script run has drawn the form
    page.get_by_role("textbox", name="Username").wait_for(timeout=timeout)
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for(timeout=timeout)
    wait_idle(page, timeout)
