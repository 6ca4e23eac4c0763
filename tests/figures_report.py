"""Printing what a test proved so that it shows in the CI log with or without `-s`."""

from __future__ import annotations


def report(request, line: str) -> None:
    """Write `line` through pytest's terminal reporter (always shown) and to stdout."""
    print(line)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"\n[figures] {request.node.name}: {line}")
