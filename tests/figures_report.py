"""What a test proved (sessions, saves, kills, payloads, cases), shown in the CI log.

The line rides on the test's report (`user_properties`), so it reaches the main pytest process
from a parallel worker too, where a worker's own output is not shown; `pytest_terminal_summary`
in tests/conftest.py prints every such line at the end of the run."""

from __future__ import annotations

KEY = "figures"


def report(request, line: str) -> None:
    request.node.user_properties.append((KEY, line))


def summary(terminalreporter) -> None:
    """Print the figures of every test that reported some, in test order."""
    lines = sorted((r.nodeid, value) for outcome in ("passed", "failed") for r in terminalreporter.stats.get(outcome, [])
                   if getattr(r, "when", None) == "call" for key, value in r.user_properties if key == KEY)
    if lines:
        terminalreporter.section("what the tests proved")
        for nodeid, value in lines:
            terminalreporter.write_line(f"[figures] {nodeid.split('::')[-1]}: {value}")
