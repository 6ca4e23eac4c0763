"""The server as ./run.sh starts it: security headers on every response, no metrics page, and
listening on this machine only unless told otherwise. (That the app draws under its policy, in
Chromium, is in tests/test_browser_hardening.py.)"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.apptest_support import ROOT, make_accounts_db
from tests.browser_support import free_port, streamlit_server

EXPECTED = {"x-frame-options": "SAMEORIGIN", "x-content-type-options": "nosniff",
            "referrer-policy": "no-referrer"}


def get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def directives(csp: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in csp.split(";")) if d}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db_path = make_accounts_db(tmp_path_factory.mktemp("headers") / "headers.duckdb")
    with streamlit_server(db_path) as url:
        yield url


def test_every_response_carries_the_security_headers(server):
    status, headers, index = get(server + "/")
    assert status == 200
    script = re.search(rb'<script type="module" crossorigin src="\./(static/js/[^"]+)"', index)[1].decode()
    for path in ("/", "/concerns", "/_stcore/health", "/" + script, "/favicon.png",
                 "/static/no-such-file.js"):
        status, headers, body = get(server + path)
        assert {k: headers.get(k) for k in EXPECTED} == EXPECTED, path
        policy = directives(headers["content-security-policy"])
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"], path
        assert policy["frame-ancestors"] == ["'self'"] and policy["connect-src"] == ["'self'"], path
        assert policy["img-src"] == ["'self'", "data:", "blob:"], path
        # scripts: the server's own files, and only the inline scripts of the document itself
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(policy["script-src"]), path
        scripts = re.findall(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", body, re.S)
        inline = [s for s in scripts if s.strip()]
        hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s).digest()).decode() + "'" for s in inline}
        assert set(policy["script-src"]) == {"'self'", "'wasm-unsafe-eval'", *hashes}, path
        if path in ("/", "/concerns"):
            assert inline                     # Streamlit's index.html has one, and it is allowed by hash


def test_the_metrics_page_is_not_served(server):
    for path in ("/_stcore/metrics", "/_stcore/metrics?families=session_state", "/_stcore/metrics/"):
        status, headers, body = get(server + path)
        assert status == 404, path
        assert b"session" not in body and b"cache" not in body
        assert headers["x-content-type-options"] == "nosniff"


def _serve(app, path: str, start: dict, body: list[bytes]) -> tuple[dict, bytes]:
    """Run the middleware around an app that sends `start` and `body` for `path`."""
    sent = []

    async def downstream(scope, receive, send):
        await send(start)
        for number, chunk in enumerate(body):
            await send({"type": "http.response.body", "body": chunk, "more_body": number < len(body) - 1})

    async def receive():
        return {"type": "http.request"}

    async def send(message):
        sent.append(message)

    asyncio.run(app(downstream)({"type": "http", "path": path}, receive, send))
    headers = {k.decode(): v.decode() for k, v in sent[0]["headers"]}
    return headers, b"".join(m.get("body", b"") for m in sent[1:])


def test_a_documents_inline_scripts_are_hashed_even_when_gzipped_but_never_under_media():
    from components.security_headers import SecurityHeaders

    document = b"<html><script>var a = 1</script><script src='x.js'></script></html>"
    digest = "'sha256-" + base64.b64encode(hashlib.sha256(b"var a = 1").digest()).decode() + "'"
    plain = {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]}
    zipped = {**plain, "headers": [*plain["headers"], (b"content-encoding", b"gzip")]}
    make = lambda downstream: SecurityHeaders(downstream, extra_sources=lambda: None)  # noqa: E731

    headers, body = _serve(make, "/component/x/index.html", plain, [document[:20], document[20:]])
    assert body == document and digest in headers["content-security-policy"]
    headers, body = _serve(make, "/", zipped, [gzip.compress(document)])
    assert gzip.decompress(body) == document and digest in headers["content-security-policy"]
    headers, _ = _serve(make, "/media/abc.html", plain, [document])      # a download: no hashes
    assert "sha256" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    # "not modified": the browser keeps the stored document's policy (a new one would drop its hashes)
    headers, _ = _serve(make, "/", {"type": "http.response.start", "status": 304, "headers": []}, [b""])
    assert "content-security-policy" not in headers and headers["x-frame-options"] == "SAMEORIGIN"


def _run_sh_command(port: int, address: str | None) -> list[str]:
    """The command ./run.sh ends with (its `exec` line), as bash expands it for PORT and ADDRESS."""
    line = next(l for l in (ROOT / "run.sh").read_text().splitlines() if l.startswith("exec "))
    settings = f"PORT={port}; " + (f"ADDRESS={address}; " if address else "unset ADDRESS; ")
    script = settings + "set -- " + line[len("exec "):] + '; printf "%s\\n" "$@"'
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True,
                          cwd=ROOT).stdout.splitlines()


def _accepts(address: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(2)
        return s.connect_ex((address, port)) == 0


@pytest.mark.parametrize("address, other_address_accepted", [(None, False), ("0.0.0.0", True)])
def test_run_sh_listens_on_this_machine_only_unless_told(tmp_path, address, other_address_accepted):
    db_path = make_accounts_db(tmp_path / "run.duckdb")
    port = free_port()
    command = _run_sh_command(port, address)
    env = {**os.environ, "COMMUNITY_DB": str(db_path), "COMMUNITY_COOKIE_KEY": "run-sh-test-key-" + "z" * 40}
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen([str(ROOT / command[0]), *command[1:], "--server.headless", "true"],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 60
        while not _accepts("127.0.0.1", port):
            assert process.poll() is None and time.time() < deadline, (tmp_path / "server.log").read_text()
            time.sleep(0.2)
        # 127.0.0.2 is this machine too, but not the address 127.0.0.1: only "every interface" takes it
        assert _accepts("127.0.0.2", port) == other_address_accepted
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()

