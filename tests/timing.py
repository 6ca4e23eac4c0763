"""Where the suite's time goes: per test file, its wall time, its CPU time and when it ran.

A pytest plugin, not loaded by default:
    .venv/bin/python -m pytest -p tests.timing tests/test_x.py
    ./test.sh -p tests.timing --timing-file /tmp/timing.jsonl

CPU is the test process's own (RUSAGE_SELF) plus that of the processes it started and waited for
(RUSAGE_CHILDREN: `streamlit run` servers, Playwright's driver and the Chromium under it, CLI
subprocesses), which is most of a browser file's cost. A child is counted when it is reaped, so a
server a module fixture starts is charged to that module's last test, where it is stopped; a
PostgreSQL cluster (a daemon, not a waited-for child) is not counted, nor are Chromium's renderer
and zygote processes, which outlive the browser process that started them and are reaped by init
(about 2 CPU-seconds of 5 for a server and a browser started and stopped): for a file's whole CPU,
run it under `perf stat -e task-clock`, which follows every descendant. Session fixtures (the demo
town) are charged to the first file that asks for them on each worker.

Each worker appends one JSON line per file to --timing-file; the run's summary lists the files by CPU.
"""

from __future__ import annotations

import json
import os
import resource
import time
from pathlib import Path

import pytest


def pytest_addoption(parser):
    parser.addoption("--timing-file", default=None,
                     help="append one JSON line per test file (wall, CPU, start, end, worker) here")


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


class FileTimes:
    def __init__(self, path: str | None, worker: str):
        self.path = path
        self.worker = worker
        self.files: dict[str, dict] = {}
        self.order: list[str] = []

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        name = item.nodeid.split("::")[0]
        own, children = _cpu()
        start = time.time()
        yield
        end = time.time()
        own_after, children_after = _cpu()
        entry = self.files.get(name)
        if entry is None:
            entry = self.files[name] = {"file": name, "worker": self.worker, "start": start, "tests": 0,
                                        "wall": 0.0, "cpu_own": 0.0, "cpu_children": 0.0}
            self.order.append(name)
        entry["tests"] += 1
        entry["end"] = end
        entry["wall"] += end - start
        entry["cpu_own"] += own_after - own
        entry["cpu_children"] += children_after - children

    def pytest_sessionfinish(self, session):
        if not self.path:
            return
        with open(self.path, "a") as out:
            for name in self.order:
                entry = self.files[name]
                entry["cpu"] = entry["cpu_own"] + entry["cpu_children"]
                out.write(json.dumps(entry) + "\n")

    def pytest_terminal_summary(self, terminalreporter):
        entries = list(self.files.values())
        if self.path and Path(self.path).exists():          # under xdist the workers wrote them
            entries = [json.loads(line) for line in Path(self.path).read_text().splitlines() if line]
        if not entries:
            return
        for entry in entries:
            entry["cpu"] = entry["cpu_own"] + entry["cpu_children"]
        first = min(e["start"] for e in entries)
        write = terminalreporter.write_line
        terminalreporter.section("time per test file (CPU = own + children reaped)")
        write(f"{'cpu s':>7} {'own':>7} {'child':>7} {'wall s':>7} {'from':>6} {'to':>6}  worker file")
        for e in sorted(entries, key=lambda e: -e["cpu"])[:40]:
            write(f"{e['cpu']:7.1f} {e['cpu_own']:7.1f} {e['cpu_children']:7.1f} {e['wall']:7.1f} "
                  f"{e['start'] - first:6.0f} {e['end'] - first:6.0f}  {e['worker']:>6} {e['file']}")
        write(f"total: {sum(e['cpu'] for e in entries):.0f} CPU s in {len(entries)} files, "
              f"{max(e['end'] for e in entries) - first:.0f} s from first start to last end")


def pytest_configure(config):
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    path = config.getoption("--timing-file")
    if path and worker == "main" and not hasattr(config, "workerinput"):
        Path(path).unlink(missing_ok=True)                   # a fresh record for this run
    config.pluginmanager.register(FileTimes(path, worker), "file-times")
