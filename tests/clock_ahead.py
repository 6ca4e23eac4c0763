"""Streamlit's command line with the app's clock ahead of the real one, for tests of time limits:
`python tests/clock_ahead.py run serve.py ...` moves `queries.unit_of_work.utc_now` (every time the
app stores or compares) ahead by the minutes written in the file named by $CLOCK_AHEAD_FILE, read
on each call, so a test can let 31 idle minutes pass at once while the server runs."""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import queries.unit_of_work as unit_of_work  # noqa: E402  (patched before the app imports it)

_real_now = unit_of_work.utc_now
_AHEAD = Path(os.environ["CLOCK_AHEAD_FILE"])


def _utc_now_ahead():
    minutes = float(_AHEAD.read_text() or 0) if _AHEAD.exists() else 0.0
    return _real_now() + timedelta(minutes=minutes)


unit_of_work.utc_now = _utc_now_ahead

if __name__ == "__main__":
    from streamlit.web.cli import main

    sys.exit(main())
