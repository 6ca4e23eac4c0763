"""A Streamlit server for the benchmark: like tests/browser_support.streamlit_server, but it also
yields the process (for its peak memory) and the moment it was started (for the cold start), and
runs on the server's core when the browser sections pin it (bench/cores.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from bench.cores import Cores
from tests.browser_support import IDLE, free_port

ROOT = Path(__file__).resolve().parents[1]
COOKIE_KEY = "bench-cookie-key-" + "b" * 40


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    started: float          # time.perf_counter() just before the process was started

    def memory_mb(self) -> dict[str, float]:
        """Current (VmRSS) and peak (VmHWM) resident memory of the server process, in MB."""
        return _memory_mb(self.process.pid)

    def children_memory_mb(self) -> dict[str, float]:
        """The same, summed over the processes the server started (the report's drawing processes)."""
        children = [int(pid) for task in Path(f"/proc/{self.process.pid}/task").iterdir()
                    for pid in (task / "children").read_text().split()]
        total = {"VmRSS": 0.0, "VmHWM": 0.0, "processes": len(children)}
        for pid in children:
            for key, value in _memory_mb(pid).items():
                total[key] += value
        return total


def _memory_mb(pid: int) -> dict[str, float]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values


@contextmanager
def serve(script: Path, db_path: Path, wait: bool = True, cores: Cores | None = None) -> Iterator[Server]:
    port = free_port()
    env = {**os.environ, "COMMUNITY_DB": str(db_path), "COMMUNITY_COOKIE_KEY": COOKIE_KEY}
    log_path = db_path.with_name(f"{db_path.stem}.{script.stem}.{port}.log")
    log = open(log_path, "w")
    started = time.perf_counter()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(cores.server_command(command) if cores else command,
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", process, started)
    try:
        if wait:
            wait_healthy(server, log_path)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def wait_healthy(server: Server, log_path: Path | None = None, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while True:
        try:
            urllib.request.urlopen(server.url + "/_stcore/health", timeout=1)
            return
        except OSError:
            if server.process.poll() is not None or time.time() > deadline:
                raise RuntimeError("streamlit did not start" + (f": {log_path.read_text()}" if log_path else ""))
            time.sleep(0.05)


# true when the script has stopped with `marker` on screen
READY = """(marker) => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelector(marker) !== null;
}"""


def wait_ready(page, marker: str = "h1", timeout: float = 120_000, settle_ms: int = 300) -> float:
    """Wait until the script has stopped with `marker` on screen and stays stopped for `settle_ms`
    (a quick second rerun, e.g. the sign-in cookie, restarts the wait). Returns the perf_counter()
    of the moment the final idle state was first seen (the settle time is not counted)."""
    while True:
        page.wait_for_function(READY, arg=marker, timeout=timeout, polling=20)
        seen = time.perf_counter()
        page.wait_for_timeout(settle_ms)
        if page.evaluate(READY, marker) and page.locator(IDLE).count() == 1:
            return seen
