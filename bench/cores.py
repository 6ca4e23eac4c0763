"""Which core the Streamlit servers run on and which the browser runs on.

A user's browser runs on the user's own machine, not on the server's cores: the browser figures are
measured with every server on one core and Chromium (with Playwright's driver and the benchmark's
own process, which only waits) on another, so that they measure the app rather than the two
contending. A machine with a single core cannot do that; its figures say they were not pinned."""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True)
class Cores:
    server: int | None       # the core every `streamlit run` of the browser sections runs on
    browser: int | None      # the core Chromium runs on (None: not pinned)

    @property
    def pinned(self) -> bool:
        return self.server is not None

    def describe(self) -> str:
        if not self.pinned:
            return "server and browser not pinned (one core available)"
        return f"server pinned to core {self.server}, browser to core {self.browser} (taskset)"

    def server_command(self, command: list[str]) -> list[str]:
        """The command, started on the server's core (taskset execs it: the process id stays its own)."""
        return ["taskset", "--cpu-list", str(self.server), *command] if self.pinned else command


def plan() -> Cores:
    """The first core this process may use for the servers, the second for the browser."""
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return Cores(None, None)
    return Cores(available[0], available[1])


@contextmanager
def browser_side(cores: Cores) -> Iterator[None]:
    """Run the block on the browser's core: whatever it starts (Playwright's driver, and Chromium
    with every renderer process and thread it later makes) inherits that core. Restored after."""
    if not cores.pinned:
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {cores.browser})
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def descendants_cores(pid: int | None = None) -> dict[str, list[str]]:
    """The cores each process started from `pid` (default: this one) may run on, by command name:
    the check that Chromium and its renderers did inherit the browser's core."""
    root = os.getpid() if pid is None else pid
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):      # ended while read
                continue
    found, frontier = {}, [root]
    while frontier:
        parent = frontier.pop()
        for child in [p for p, pp in parents.items() if pp == parent]:
            frontier.append(child)
            try:
                with open(f"/proc/{child}/status") as status:
                    fields = dict(line.split(":", 1) for line in status.read().splitlines() if ":" in line)
            except OSError:
                continue
            name, allowed = fields.get("Name", "?").strip(), fields.get("Cpus_allowed_list", "?").strip()
            if allowed not in found.setdefault(name, []):
                found[name].append(allowed)
    return found
