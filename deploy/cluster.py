"""Several app processes on one PostgreSQL database behind HAProxy, on one machine.

    COMMUNITY_DB=postgresql://community@dbhost/community scripts/serve_many.sh --processes 4

In order: the database is migrated once (`cli.py init`; the runner's advisory lock would also
let processes that start together migrate it safely, one after the other); the cookie key every
process signs the re-login cookie with is made once (core/secret_key.py: processes generating it
at the same moment would each write their own); N app processes start as ./run.sh starts one
(`streamlit run serve.py`), each on its own loopback port; and when each answers its health check,
HAProxy starts with deploy/haproxy.cfg, its `server` lines written again for these ports. Stop with
Ctrl-C or SIGTERM: the proxy and every process stop. An app process that ends on its own is started
again (the others and their users go on); when the proxy ends, everything stops and the command
fails (a service manager such as systemd starts it again).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "deploy" / "haproxy.cfg"
SERVER_LINE = re.compile(r"^\s*server\s.*\n", re.MULTILINE)
STARTUP_SECONDS = 120
RESTART_PAUSE = 5


def haproxy_config(ports: list[int], template: str | None = None) -> str:
    """deploy/haproxy.cfg with one `server appN 127.0.0.1:PORT cookie appN` line per port, in place
    of the file's own server lines."""
    text = template if template is not None else CONFIG.read_text()
    lines = "".join(f"    server app{n} 127.0.0.1:{port} cookie app{n}\n" for n, port in enumerate(ports, 1))
    first = SERVER_LINE.search(text)
    if first is None:
        raise ValueError("deploy/haproxy.cfg has no server line to replace")
    rest = SERVER_LINE.sub("", text[first.start():])
    return text[:first.start()] + lines + rest


def shared_secrets(env: dict[str, str]) -> dict[str, str]:
    """What every process must share. The re-login cookie's key (read once here, so that it is
    generated once when new): a browser that moves to another process when its own stops is signed
    in again there by cookie. And Streamlit's own cookie secret (it signs st.login's cookie where no
    [auth] cookie_secret is set), derived from that key rather than random in each process."""
    sys.path.insert(0, str(ROOT))
    from core.secret_key import cookie_key

    key = env.get("COMMUNITY_COOKIE_KEY") or cookie_key()
    derived = hashlib.sha256(b"streamlit-cookie-secret\0" + key.encode()).hexdigest()
    return {"COMMUNITY_COOKIE_KEY": key, "STREAMLIT_SERVER_COOKIE_SECRET": derived}


def wait_healthy(url: str, processes: list[subprocess.Popen], deadline: float) -> None:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        ended = [p for p in processes if p.poll() is not None]
        if ended or time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer" + (f": {ended[0].args[:3]} ended" if ended else ""))
        time.sleep(0.2)


def stop(processes: list[subprocess.Popen]) -> None:
    for process in reversed(processes):        # the proxy first: no request reaches a stopping app
        if process.poll() is None:
            process.terminate()
    for process in reversed(processes):
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/serve_many.sh", description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=int(os.environ.get("PROCESSES", "2")),
                        help="app processes to start (default: $PROCESSES or 2; about one per core)")
    parser.add_argument("--listen", default=os.environ.get("LISTEN", "127.0.0.1:8500"),
                        help="the proxy's address (default: $LISTEN or 127.0.0.1:8500; plain HTTP, so "
                             "keep it on loopback and put TLS in front, see deploy/README.md)")
    parser.add_argument("--first-port", type=int, default=int(os.environ.get("FIRST_PORT", "8501")),
                        help="the first app process's port on 127.0.0.1; the others follow it")
    parser.add_argument("--db", default=os.environ.get("COMMUNITY_DB"), help="postgresql:// URL "
                        "(default: $COMMUNITY_DB)")
    args = parser.parse_args(argv)
    if not args.db or not args.db.startswith(("postgresql://", "postgres://")):
        parser.error("give the PostgreSQL database as COMMUNITY_DB=postgresql://... or --db: "
                     "several processes cannot share a DuckDB file (one process serves it: ./run.sh)")
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(haproxy).exists():
        parser.error("HAProxy is not installed: scripts/serve_many.sh installs Debian's package")

    started = time.monotonic()
    env = {**os.environ, "COMMUNITY_DB": args.db}
    # once, before any process starts (it prints what it applied)
    subprocess.run([sys.executable, "cli.py", "init"], cwd=ROOT, env=env, check=True)
    env.update(shared_secrets(env))

    ports = [args.first_port + n for n in range(args.processes)]
    runtime = Path(tempfile.mkdtemp(prefix="community-proxy-"))
    config = runtime / "haproxy.cfg"
    config.write_text(haproxy_config(ports))
    proxy_env = {**env, "COMMUNITY_LISTEN": args.listen}
    subprocess.run([haproxy, "-c", "-q", "-f", str(config)], env=proxy_env, check=True)

    processes: list[subprocess.Popen] = []

    def on_signal(_number, _frame):
        raise KeyboardInterrupt

    def app_process(port: int) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"], cwd=ROOT, env=env)

    signal.signal(signal.SIGTERM, on_signal)
    try:
        processes.extend(app_process(port) for port in ports)
        ended: dict[int, float] = {}           # app process number -> when it was seen to have ended
        deadline = time.monotonic() + STARTUP_SECONDS
        for port in ports:
            wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", processes, deadline)
        # -db: in the foreground, its log on stderr (a service manager keeps it)
        proxy = subprocess.Popen([haproxy, "-db", "-f", str(config)], env=proxy_env)
        processes.append(proxy)
        wait_healthy(f"http://{args.listen}/_stcore/health", processes, deadline)
        print(f"Serving {args.processes} app process{'es' if args.processes > 1 else ''} "
              f"(ports {ports[0]}-{ports[-1]}) at http://{args.listen} "
              f"(ready in {time.monotonic() - started:.1f} s)", flush=True)
        while proxy.poll() is None:
            time.sleep(0.5)
            for number, port in enumerate(ports):
                # an app process that ended is started again on its port RESTART_PAUSE seconds after
                # it ended, not at once: by then its browsers have reconnected through the proxy to
                # the others (within a second or two) and signed in again by cookie, and one that
                # cannot start does not spin
                if processes[number].poll() is None:
                    continue
                if time.monotonic() - ended.setdefault(number, time.monotonic()) >= RESTART_PAUSE:
                    del ended[number]
                    print(f"The app process on port {port} ended ({processes[number].returncode}); "
                          "starting it again", file=sys.stderr, flush=True)
                    processes[number] = app_process(port)
        print(f"HAProxy ended ({proxy.returncode}); stopping the app processes", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop(processes)
        shutil.rmtree(runtime, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
