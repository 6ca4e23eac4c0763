"""The server as ./run.sh starts it, driven by Chromium and by a hand-written websocket client:
  * every page draws under the Content-Security-Policy with no violation, and signing in asks no
    host but the app's own (the page icon included);
  * the database and its WAL are owner-only while the server runs;
  * the websocket's `clear_cache` message is refused unless an administrator sends it, and the
    database is opened once whatever is sent;
  * a screen left open is cleared when its session goes idle, without a click.
"""

from __future__ import annotations

import io
import stat
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from components.navigation import specs_for
from core import map_settings
from demo.accounts import PASSWORDS
from queries.actor import SYSTEM
from queries.db import Database
from tests.apptest_support import ACCOUNTS, PASSWORD, ROOT, make_accounts_db
from tests.browser_support import (COUNT_RUNS, chromium, free_port, open_from_menu, open_signed_in,
                                   requires_chromium, sign_in, streamlit_server, wait_drawn)

pytestmark = [pytest.mark.browser, requires_chromium]

DEMO_ADMIN = ("admin", PASSWORDS["admin"])
# every violation of the page's policy, as the browser reports it, and every websocket the app opens
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  [e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber].join(' ')));
window.__sockets = [];
const PlainWebSocket = window.WebSocket;
window.WebSocket = class extends PlainWebSocket {
  constructor(...args) { super(...args); window.__sockets.push(this); }
};
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def new_page(browser, url: str):
    """A fresh browser session whose requests to any other host are listed in `page.outside`."""
    context = browser.new_context()
    context.add_init_script(COUNT_RUNS)
    context.add_init_script(WATCH)
    page = context.new_page()
    own = urlparse(url).netloc
    page.outside = []
    page.on("request", lambda r: page.outside.append(r.url)
            if urlparse(r.url).scheme in ("http", "https", "ws", "wss") and urlparse(r.url).netloc != own
            else None)
    page.policy_errors = []
    page.on("console", lambda m: page.policy_errors.append(m.text)
            if "Content Security Policy" in m.text else None)
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__violations") + page.policy_errors


# -- every page under the policy ----------------------------------------------------------------

class TileServer:
    """A map tile server on another origin (an administrator may set one), serving one plain tile."""

    def __init__(self):
        from PIL import Image

        tile = io.BytesIO()
        Image.new("RGB", (256, 256), (220, 230, 220)).save(tile, "PNG")
        served = self.served = []
        fetched = self.fetched = threading.Event()      # set when the first tile is asked for

        class Tiles(BaseHTTPRequestHandler):
            def do_GET(self):
                served.append(self.path)
                fetched.set()
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()
                self.wfile.write(tile.getvalue())

            def log_message(self, *args):
                pass

        self.port = free_port()
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Tiles)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module (Playwright's sync API allows one at a time)."""
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def demo_server(demo_file, tmp_path_factory, browser):
    import shutil

    db_path = tmp_path_factory.mktemp("policy") / "demo.duckdb"
    shutil.copyfile(demo_file, db_path)
    db_path.chmod(0o644)                 # as an older copy may be: the server makes it owner-only
    with streamlit_server(db_path) as url:
        yield url, browser, db_path


def test_signing_in_asks_no_other_host_and_every_page_draws_with_no_policy_violation(demo_server):
    url, browser, _ = demo_server
    page = new_page(browser, url)
    sign_in(page, url, *DEMO_ADMIN)
    wait_drawn(page)
    assert page.outside == []                        # the page icon included: it is served by the app
    assert violations(page) == []
    for number, spec in enumerate(specs_for("admin")):    # the administrator may open every page
        if number:                                   # the first is the home page, where sign_in landed
            open_from_menu(page, url, spec.key, home=False)   # as people move around the app
        assert not page.locator('[data-testid="stException"]').count(), spec.key
        assert violations(page) == [], spec.key
    assert page.outside == []
    page.context.close()


def test_the_database_and_its_wal_are_owner_only_while_the_server_runs(demo_server):
    url, browser, db_path = demo_server
    page = new_page(browser, url)
    sign_in(page, url, *DEMO_ADMIN)                  # a sign-in is written: the WAL exists
    wal = db_path.with_name(db_path.name + ".wal")
    assert wal.exists()
    assert mode(db_path) == 0o600 and mode(wal) == 0o600
    page.context.close()


def test_a_map_on_an_administrators_tile_server_draws_with_no_policy_violation(browser, demo_file, tmp_path):
    import shutil

    tiles = TileServer()
    db_path = tmp_path / "tiles.duckdb"
    shutil.copyfile(demo_file, db_path)
    db = Database(db_path)
    map_settings.set_tile_url(db, SYSTEM, f"http://127.0.0.1:{tiles.port}/{{z}}/{{x}}/{{y}}.png", None)
    db.close()
    try:
        with streamlit_server(db_path) as url:
            page = new_page(browser, url)
            sign_in(page, url, *DEMO_ADMIN)
            open_signed_in(page, url, "district-map")
            wait_drawn(page)
            page.wait_for_function("() => document.querySelector('.maplibregl-canvas, canvas') !== null",
                                   timeout=60_000)
            tiles.fetched.wait(timeout=60)
            assert tiles.served                       # the tiles were fetched from the tile server
            assert violations(page) == []
            page.context.close()
    finally:
        tiles.server.shutdown()


# -- the websocket's clear_cache message --------------------------------------------------------

CLEAR_CACHE = BackMsg(clear_cache=True).SerializeToString()
HEARTBEAT = BackMsg(app_heartbeat=True).SerializeToString()


def _log(url: str, db_path: Path) -> str:
    return db_path.with_suffix(f".{urlparse(url).port}.log").read_text()


def _wait_for_log(url: str, db_path: Path, text: str, count: int = 1) -> None:
    deadline = time.monotonic() + 60
    while _log(url, db_path).count(text) < count:
        assert time.monotonic() < deadline, f"{text!r} not in the server log:\n{_log(url, db_path)}"
        time.sleep(0.1)


def _clear_cache_unsigned(url: str) -> None:
    """A websocket client that signs in to nothing and sends `clear_cache`, then a heartbeat: the
    server has handled the first message when the heartbeat's answer comes back."""
    from websockets.sync.client import connect

    with connect(f"ws://127.0.0.1:{urlparse(url).port}/_stcore/stream", subprotocols=["streamlit"]) as ws:
        ws.send(CLEAR_CACHE)
        ws.send(HEARTBEAT)
        deadline = time.monotonic() + 60
        while True:
            message = ForwardMsg()
            message.ParseFromString(ws.recv(timeout=60))
            if message.WhichOneof("type") == "heartbeat_ack":
                return
            assert time.monotonic() < deadline


def _clear_cache_from(page) -> None:
    """The signed-in browser's own websocket sends `clear_cache`, as the menu item would."""
    page.evaluate("""bytes => window.__sockets
                         .filter(s => s.readyState === 1 && s.url.includes('/_stcore/stream'))
                         .at(-1).send(new Uint8Array(bytes))""", list(CLEAR_CACHE))


def test_clear_cache_is_refused_unless_an_administrator_sends_it(browser, tmp_path):
    db_path = make_accounts_db(tmp_path / "clear.duckdb")
    with streamlit_server(db_path) as url:
        _clear_cache_unsigned(url)
        _wait_for_log(url, db_path, "Refused to clear the caches for a session nobody is signed in to")
        for role in ("officer", "command", "prevention", "admin"):
            page = new_page(browser, url)
            sign_in(page, url, ACCOUNTS[role], PASSWORD)
            _clear_cache_from(page)
            if role == "admin":
                _wait_for_log(url, db_path,
                              f"Caches cleared at the request of administrator {ACCOUNTS[role]}")
            else:
                _wait_for_log(url, db_path, f"Refused to clear the caches for {ACCOUNTS[role]} ({role})")
            page.reload()                        # the app runs again after the clear, and opens its database
            page.get_by_text("Signed in as").wait_for(timeout=120_000)
            wait_drawn(page)
            page.context.close()
        log = _log(url, db_path)
    assert log.count("Opened the database") == 1                 # one database object, one lock
    assert log.count("Caches cleared at the request") == 1
    db = Database(db_path)
    with db.cursor() as cur:
        denied = cur.execute("select username, role from audit_log where action = 'denied' "
                             "and detail = 'clear caches' order by id").fetchall()
    assert denied == [(ACCOUNTS[r], r) for r in ("officer", "command", "prevention")]


# -- the idle sign-out clears the screen --------------------------------------------------------

def test_a_screen_left_open_is_cleared_when_its_session_goes_idle(browser, tmp_path):
    from components.session_watch import WATCH_SECONDS

    db_path = make_accounts_db(tmp_path / "idle.duckdb")
    db = Database(db_path)
    north = next(r["id"] for r in db.rows("districts_list") if r["code"] == "N")
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("businesses", {"name": "Corner Deli", "address": "1 Main St", "district_id": north,
                                  "main_phone": "+12035550143"})
    db.close()
    ahead = tmp_path / "clock-ahead-minutes"
    launcher = (str(ROOT / "tests" / "clock_ahead.py"),)
    with streamlit_server(db_path, {"CLOCK_AHEAD_FILE": str(ahead)}, streamlit=launcher) as url:
        page = new_page(browser, url)
        sign_in(page, url, ACCOUNTS["officer"], PASSWORD)
        open_signed_in(page, url, "businesses")
        wait_drawn(page)
        assert page.get_by_text("Corner Deli").count()
        ahead.write_text("31")                   # 31 minutes pass with nobody touching the screen
        page.get_by_text("30 minutes without activity").wait_for(timeout=(WATCH_SECONDS + 90) * 1000)
        wait_drawn(page)
        assert not page.get_by_text("Corner Deli").count()
        assert not page.get_by_text("Signed in as").count()
        page.context.close()
    db = Database(db_path)
    with db.cursor() as cur:
        ended = cur.execute("select end_reason from auth_sessions where username = 'patrol'").fetchall()
    assert ended == [("idle",)]
