"""The deployment on loopback: scripts/serve_many.sh with two app processes on one PostgreSQL
database behind HAProxy, as a department starts it.

Through the proxy: the health endpoint answers; a client that keeps the proxy's SERVERID cookie
always reaches the process the cookie names (the proxy's own log says which process served each
request); clients without the cookie are spread over both. In Chromium, on the demo town: a user
pinned to one process and a user pinned to the other sign in; an organization one of them saves
shows to the other at their next rerun (the other process's cached lists go stale through the data
version); both open it, both save it, and one save is stored while the other user is told that
someone saved first; a file uploaded through the proxy reaches the uploader's own process. When a
process is killed, its user's open page goes on on the other one, signed in again by cookie, and
the command starts the killed process again.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from demo.accounts import PASSWORDS
from queries.postgresql_db import PostgresDatabase
from tests.browser_support import (COUNT_RUNS, chromium, choose, click_and_settle, requires_chromium, sign_in,
                                   wait_drawn, wait_for_cookie, wait_idle)
from tests.figures_report import report

ROOT = Path(__file__).resolve().parents[1]
COOKIE_KEY = "deploy-test-cookie-key-" + "z" * 40
READY = re.compile(r"Serving (\d+) app process\S* \(ports \d+-\d+\) at (http://\S+) \(ready in ([\d.]+) s\)")
STARTUP = 240                  # seconds: two Streamlit processes and the proxy on a loaded 2-core machine
TIMEOUT = 180_000              # browser waits, generous for the same reason; nothing here is timed


def _free_ports(count: int) -> int:
    """The first of `count` consecutive loopback ports that are free now."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + count > 65535:
            continue
        try:
            for port in range(first, first + count):
                with socket.socket() as taken:
                    taken.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise RuntimeError("no free loopback ports")


class Deployment:
    def __init__(self, url: str, log: Path, ready_in: float, launcher_seconds: float, launcher: int,
                 first_port: int):
        self.url, self.log, self.ready_in, self.launcher_seconds = url, log, ready_in, launcher_seconds
        self.launcher, self.first_port = launcher, first_port

    def app_pid(self, number: int) -> int:
        """The process id of app process `number` (1, 2, ...): the launcher's child serving its port."""
        port = str(self.first_port + number - 1)
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                args = (proc / "cmdline").read_bytes().split(b"\0")
                parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == self.launcher and b"serve.py" in args and port.encode() in args:
                return int(proc.name)
        raise LookupError(f"no app process on port {port}")

    def served_by(self, marker: str) -> list[str]:
        """The process (app1, app2) that served each request whose line in the proxy's log holds
        `marker`, in order."""
        return re.findall(r" app/(app\d+) .*" + re.escape(marker), self.log.read_text())


@contextmanager
def deployment(database_url: str, folder: Path, processes: int = 2) -> Iterator[Deployment]:
    """The documented command, started and stopped as an administrator would (SIGTERM)."""
    listen = _free_ports(1)
    first = _free_ports(processes)
    log = folder / "serve_many.log"
    env = {**os.environ, "COMMUNITY_DB": database_url, "COMMUNITY_COOKIE_KEY": COOKIE_KEY}
    started = time.monotonic()
    with open(log, "w") as out:
        launcher = subprocess.Popen([str(ROOT / "scripts" / "serve_many.sh"), "--processes", str(processes),
                                     "--listen", f"127.0.0.1:{listen}", "--first-port", str(first)],
                                    cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        while not (found := READY.search(log.read_text())):
            if launcher.poll() is not None or time.monotonic() - started > STARTUP:
                raise RuntimeError("scripts/serve_many.sh did not start:\n" + log.read_text()[-5000:])
            time.sleep(0.2)
        assert int(found.group(1)) == processes
        yield Deployment(found.group(2), log, float(found.group(3)), time.monotonic() - started, launcher.pid,
                         first)
    finally:
        launcher.send_signal(signal.SIGTERM)
        try:
            launcher.wait(timeout=60)
        except subprocess.TimeoutExpired:
            launcher.kill()
            raise
    # every process it started has stopped: nothing answers on their ports any more
    for port in [listen, *range(first, first + processes)]:
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still answers"


def get(url: str, cookie: str | None = None) -> tuple[int, str, str | None]:
    """Status, body and the SERVERID the proxy set (None when it set none)."""
    request = urllib.request.Request(url, headers={"Cookie": f"SERVERID={cookie}"} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as answer:
        set_cookies = answer.headers.get_all("Set-Cookie") or []
        server = next((c.split(";")[0].split("=", 1)[1] for c in set_cookies if c.startswith("SERVERID=")), None)
        return answer.status, answer.read().decode(), server


def check_config(text: str, folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    config = folder / "haproxy.cfg"
    config.write_text(text)
    return subprocess.run(["/usr/sbin/haproxy", "-c", "-f", str(config)], env={**os.environ, **env},
                          capture_output=True, text=True)


def test_the_proxy_configuration_holds_with_tls_and_on_loopback_with_any_number_of_processes(tmp_path):
    from deploy.cluster import CONFIG, haproxy_config

    written = haproxy_config([9101, 9102, 9103])
    servers = [line.strip() for line in written.splitlines() if line.strip().startswith("server ")]
    assert servers == [f"server app{n} 127.0.0.1:{9100 + n} cookie app{n}" for n in (1, 2, 3)]
    # everything else is the file as it is
    assert [l for l in written.splitlines() if not l.strip().startswith("server ")] == \
        [l for l in CONFIG.read_text().splitlines() if not l.strip().startswith("server ")]
    loopback = check_config(written, tmp_path, {"COMMUNITY_LISTEN": "127.0.0.1:9100"})
    assert loopback.returncode == 0, loopback.stderr
    # the department's own: TLS with a certificate (a throwaway one here)
    pem = tmp_path / "community.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=community.example.gov", "-keyout", str(tmp_path / "key.pem"),
                    "-out", str(tmp_path / "cert.pem")], check=True, capture_output=True)
    pem.write_text((tmp_path / "cert.pem").read_text() + (tmp_path / "key.pem").read_text())
    tls = check_config(CONFIG.read_text(), tmp_path, {"COMMUNITY_HTTP": "127.0.0.1:9080",
                                                      "COMMUNITY_HTTPS": "127.0.0.1:9443",
                                                      "COMMUNITY_TLS_CERT": str(pem)})
    assert tls.returncode == 0, tls.stderr
    # without its address the proxy refuses to start rather than listen somewhere unintended
    assert check_config(written, tmp_path, {}).returncode != 0


def test_the_proxy_answers_keeps_a_client_on_its_process_and_spreads_new_ones(postgres_url, tmp_path, request):
    with deployment(postgres_url, tmp_path) as cluster:
        status, body, first = get(f"{cluster.url}/_stcore/health?client=a0")
        assert (status, body) == (200, "ok")
        assert first in ("app1", "app2")

        # a client that keeps its cookie: the same process every time, and no new cookie
        for n in range(1, 13):
            status, _, again = get(f"{cluster.url}/_stcore/health?client=a{n}", cookie=first)
            assert (status, again) == (200, None)
        # clients without the cookie, each new
        given = [get(f"{cluster.url}/_stcore/health?client=new{n}")[2] for n in range(20)]
        # the proxy's metrics page stays private, as the app's does
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{cluster.url}/_stcore/metrics", timeout=30)
        assert refused.value.code == 404
        time.sleep(0.5)                      # the proxy writes a request's log line as it ends
        kept = [cluster.served_by(f"client=a{n} ")[0] for n in range(13)]
        fresh = [cluster.served_by(f"client=new{n} ")[0] for n in range(20)]

    assert kept == [first] * 13               # what the proxy's log says served them, not only the cookie
    assert fresh == given                      # each new client is served where its cookie will send it
    assert given[:2] in (["app1", "app2"], ["app2", "app1"])   # two clients: one on each process
    spread = {name: given.count(name) for name in ("app1", "app2")}
    assert abs(spread["app1"] - spread["app2"]) <= 2, spread
    report(request, f"2 processes behind HAProxy ready in {cluster.ready_in:.1f} s after the command "
                    f"(launcher to ready {cluster.launcher_seconds:.1f} s); 13 requests with one cookie all "
                    f"served by {first}; 20 new clients spread {spread['app1']}/{spread['app2']}")


# -- in Chromium, on the demo town --------------------------------------------------------------

SAVED = "Organization saved."
CONFLICT = "Someone else saved this record after you opened it"
NEW_ORG = "Riverside Tenants Association"


def pinned_page(browser, base: str, process: str):
    """A browser of its own, its proxy cookie naming `process` (as if the proxy had chosen it)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    context.add_init_script(COUNT_RUNS)
    context.add_cookies([{"name": "SERVERID", "value": process, "url": base}])
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    return page


def open_organizations(page, tab: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a[href$="/organizations"]').click()
    page.get_by_role("tab", name=tab).wait_for(timeout=TIMEOUT)
    wait_drawn(page, TIMEOUT)
    page.get_by_role("tab", name=tab).click()
    wait_idle(page, TIMEOUT)


def offers(page, label: str, option: str) -> bool:
    """Whether a select box offers `option` now: typed into it (its list only draws the options in
    view), then closed again."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.press_sequentially(option)
    found = page.get_by_role("option", name=option, exact=True)
    found.or_(page.get_by_text("No results")).first.wait_for(timeout=TIMEOUT)
    offered = found.count() > 0
    page.keyboard.press("Escape")
    return offered


def pick(page, label: str, option: str) -> None:
    """Choose `option` in a long select box: typed, so that it is drawn, then clicked."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.press_sequentially(option)
    page.get_by_role("option", name=option, exact=True).click()


def first_option(page, label: str) -> str:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option").first.wait_for(timeout=TIMEOUT)
    name = page.get_by_role("option").first.inner_text()
    page.keyboard.press("Escape")
    return name


def shown(page, *texts: str) -> str | None:
    wanted = page.get_by_text(texts[0])
    for text in texts[1:]:
        wanted = wanted.or_(page.get_by_text(text))
    try:
        wanted.first.wait_for(timeout=30_000)
    except Exception:
        return None
    return next((t for t in texts if page.get_by_text(t).count()), None)


@pytest.fixture(scope="module")
def demo_cluster(postgres_server, postgres_demo_template, tmp_path_factory) -> Iterator[tuple[Deployment, str]]:
    url = postgres_server.new_database(template=postgres_demo_template)
    with deployment(url, tmp_path_factory.mktemp("cluster")) as cluster:
        yield cluster, url


@pytest.mark.browser
@requires_chromium
def test_two_users_on_two_processes_see_each_others_saves_and_one_of_two_saves_wins(demo_cluster, request):
    cluster, database_url = demo_cluster
    base = cluster.url
    with chromium() as browser:
        first = pinned_page(browser, base, "app1")      # the prevention officer, on one process
        second = pinned_page(browser, base, "app2")     # the administrator, on the other
        sign_in(first, base, "cpo", PASSWORDS["prevention"])
        sign_in(second, base, "admin", PASSWORDS["admin"])
        assert {c["value"] for c in first.context.cookies() if c["name"] == "SERVERID"} == {"app1"}
        assert {c["value"] for c in second.context.cookies() if c["name"] == "SERVERID"} == {"app2"}
        open_organizations(first, "Add an organization")
        open_organizations(second, "Edit and log meetings")
        # the second process has the list of organizations in its cache now
        assert not offers(second, "Organization", NEW_ORG)
        first.screenshot(path="/tmp/deploy-app1-signed-in.png", full_page=True)
        second.screenshot(path="/tmp/deploy-app2-signed-in.png", full_page=True)

        # a save on app1 ...
        first.get_by_role("textbox", name="Name").fill(NEW_ORG)
        choose(first, first.get_by_role("combobox", name="Type"), "Civic group")
        district = first_option(first, "District")
        choose(first, first.get_by_role("combobox", name="District"), district)
        click_and_settle(first, first.get_by_role("button", name="Save organization"))
        assert shown(first, f"{NEW_ORG} saved.") is not None
        # ... shows on app2 at its next rerun (any widget: here the list's "Active only" switch)
        second.get_by_role("tab", name="Organizations").click()
        click_and_settle(second, second.get_by_text("Active only"))
        second.get_by_role("tab", name="Edit and log meetings").click()
        assert offers(second, "Organization", NEW_ORG)

        # both open it; app1's user saves first, app2's user saves over the version they opened
        pick(second, "Organization", NEW_ORG)
        second.get_by_role("heading", name="Details").wait_for(timeout=TIMEOUT)
        wait_idle(second, TIMEOUT)
        first.get_by_role("tab", name="Edit and log meetings").click()
        pick(first, "Organization", NEW_ORG)
        first.get_by_role("heading", name="Details").wait_for(timeout=TIMEOUT)
        wait_idle(first, TIMEOUT)
        first.get_by_role("textbox", name="Notes").fill("Meets on Tuesdays (saved on app1)")
        second.get_by_role("textbox", name="Notes").fill("Meets on Thursdays (typed on app2)")
        click_and_settle(first, first.get_by_role("button", name="Save organization"))
        click_and_settle(second, second.get_by_role("button", name="Save organization"))
        told = shown(first, SAVED, CONFLICT), shown(second, SAVED, CONFLICT)
        first.screenshot(path="/tmp/deploy-app1-saved.png", full_page=True)
        second.screenshot(path="/tmp/deploy-app2-conflict.png", full_page=True)
        assert told == (SAVED, CONFLICT)
        # the refused user keeps what they typed
        assert second.get_by_role("textbox", name="Notes").input_value() == "Meets on Thursdays (typed on app2)"

        # a file upload goes through the proxy to the process that holds the uploader's session
        second.locator('[data-testid="stSidebarNav"] a[href$="/imports"]').click()
        second.locator('input[type="file"]').first.wait_for(state="attached", timeout=TIMEOUT)
        wait_idle(second, TIMEOUT)
        second.locator('input[type="file"]').first.set_input_files(files=[{
            "name": "through-the-proxy.csv", "mimeType": "text/csv",
            "buffer": b"name,phone\nCorner Bakery,617-227-0000\nHarbor Hardware,617-227-0001\n"}])
        second.get_by_text("through-the-proxy.csv: 2 rows").wait_for(timeout=TIMEOUT)
        second.screenshot(path="/tmp/deploy-app2-upload.png", full_page=True)
        first.context.close()
        second.context.close()

    db = PostgresDatabase(database_url)
    try:
        with db.cursor() as cur:
            org_id, version, notes, created_by, updated_by = cur.execute(
                "select id, version, notes, created_by, updated_by from organizations where name = $name",
                {"name": NEW_ORG}).fetchone()
            audit = cur.execute("select username, action, after from audit_log where table_name = 'organizations' "
                                "and record_id = $id order by id", {"id": str(org_id)}).fetchall()
    finally:
        db.close()
    assert (version, notes, created_by, updated_by) == (2, "Meets on Tuesdays (saved on app1)", "cpo", "cpo")
    assert [(u, a) for u, a, _ in audit] == [("cpo", "create"), ("cpo", "update")]
    assert json.loads(audit[1][2])["notes"] == "Meets on Tuesdays (saved on app1)"
    time.sleep(0.5)
    # each browser's websocket went through the proxy to the process its cookie names
    assert {"app1", "app2"} <= set(cluster.served_by('"GET /_stcore/stream'))
    uploads = cluster.served_by("/_stcore/upload_file")
    assert uploads and set(uploads) == {"app2"}, uploads
    report(request, "Chromium through HAProxy: cpo on app1 saved an organization, admin on app2 saw it at "
                    "the next rerun; both saved it: one stored (version 2), one told of the conflict; "
                    f"admin's upload reached app2 ({len(uploads)} upload request(s))")


@pytest.mark.browser
@requires_chromium
def test_a_user_whose_process_stops_goes_on_on_the_other_signed_in_and_the_process_comes_back(demo_cluster):
    cluster, _ = demo_cluster
    base = cluster.url
    with chromium() as browser:
        page = pinned_page(browser, base, "app1")
        sign_in(page, base, "commander", PASSWORDS["command"])
        wait_for_cookie(page, TIMEOUT)      # the re-login cookie is written
        wait_idle(page, TIMEOUT)
        runs = page.evaluate("window.__runs")
        stopped = cluster.app_pid(1)
        os.kill(stopped, signal.SIGKILL)
        # the page, not reloaded, reconnects through the proxy to the other process, whose new
        # session runs the app, which signs the user in again from the re-login cookie
        page.wait_for_function("runs => window.__runs > runs", arg=runs, timeout=TIMEOUT)
        page.get_by_text("Signed in as").wait_for(timeout=TIMEOUT)
        deadline = time.monotonic() + 60
        while not any(c["name"] == "SERVERID" and c["value"] == "app2" for c in page.context.cookies()):
            assert time.monotonic() < deadline, page.context.cookies()
            time.sleep(0.5)
        wait_idle(page, TIMEOUT)
        page.screenshot(path="/tmp/deploy-after-failover.png", full_page=True)
        assert page.get_by_text("Signed in as").count() == 1
        assert page.locator('[data-testid="stException"]').count() == 0
    # the launcher started the stopped process again, on its port
    deadline = time.monotonic() + 180
    while True:
        try:
            restarted = cluster.app_pid(1)
            status, _, _ = get(f"http://127.0.0.1:{cluster.first_port}/_stcore/health")
            if status == 200:
                break
        except (LookupError, OSError):
            pass
        assert time.monotonic() < deadline, cluster.log.read_text()[-3000:]
        time.sleep(0.5)
    assert restarted != stopped
    assert "The app process on port" in cluster.log.read_text()
