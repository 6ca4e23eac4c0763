"""Processes that draw the report's pictures beside the server (reports/chart_images.py says why).

Each is `python -m reports.drawing_processes`, a program of its own: it reads a request (a chart's
name and its parts of the report) as a pickle on its stdin, draws it with chart_images' `_picture`
and writes the answer (the Image, or the error's text) as a pickle on its stdout, until its stdin
closes (the server stopped). They are not started by multiprocessing, whose processes first run the
parent's main script again: in the server that is the app's own script (Streamlit puts it in
sys.modules["__main__"] while it runs), which cannot run outside Streamlit, so each process died at
once.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NICENESS = 10          # the drawing processes' scheduling priority, below the server's


class DrawingFailed(Exception):
    """The chart could not be drawn (its own error, raised in the drawing process)."""


class Stopped(Exception):
    """The drawing process stopped before it answered (killed, out of memory, or stopped here)."""


class Drawer:
    """One drawing process, started when first needed and again after it stopped; one request at a
    time goes through its pipes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None

    def start(self) -> None:
        """Start the process now (it loads matplotlib), so that the first picture does not wait. A
        process drawing for someone is running: the page that asks does not wait for it."""
        if self._lock.acquire(blocking=False):
            try:
                self._running()
            finally:
                self._lock.release()

    def _running(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            if self._process is not None:
                _end(self._process)
            self._process = subprocess.Popen([sys.executable, "-m", __name__], cwd=ROOT,
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        return self._process

    def draw(self, name: str, parts: dict):
        """The chart's Image (or None: nothing to show), drawn in the process."""
        with self._lock:
            process = self._running()
            try:
                pickle.dump((name, parts), process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                process.stdin.flush()
                drawn, answer = pickle.load(process.stdout)
            except (OSError, ValueError, EOFError, pickle.UnpicklingError) as error:
                _end(process)
                raise Stopped(f"the drawing process stopped ({error!r})") from None
        if not drawn:
            raise DrawingFailed(answer)
        return answer

    def stop(self) -> None:
        """Stop the process (one that does not answer); a request waiting on it gets Stopped."""
        if self._process is not None:
            _end(self._process)


def _end(process: subprocess.Popen) -> None:
    process.kill()
    process.wait()
    for pipe in (process.stdin, process.stdout):
        with contextlib.suppress(OSError):       # what was left unsent to a stopped process
            pipe.close()


def serve(requests, answers) -> None:
    from reports.chart_images import _picture

    while True:
        try:
            name, parts = pickle.load(requests)
        except EOFError:
            return
        try:
            answer = (True, _picture(name, parts))
        except Exception as error:  # noqa: BLE001 - the chart's error goes back to the server
            answer = (False, f"{type(error).__name__}: {error}")
        pickle.dump(answer, answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()


if __name__ == "__main__":
    # the pages' runs come first: a process that loads matplotlib (about a second of CPU, when the
    # report's page is opened) or draws a report takes the CPU the sessions leave
    os.nice(NICENESS)
    # the answers get the process's stdout to themselves: anything a library prints goes to stderr
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, answers)
