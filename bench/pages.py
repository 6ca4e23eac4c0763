"""Every page and role the registry allows, and per page and role the server-side script time of a
rerun (AppTest). The browser's figures are bench/browser.py's."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from components.navigation import PAGES
from demo.accounts import DEMO_ACCOUNTS

ROOT = Path(__file__).resolve().parents[1]
ACCOUNT = {}
for _account in DEMO_ACCOUNTS:        # the first demo account of each role
    ACCOUNT.setdefault(_account.role, _account)
ROLES = ("admin", "command", "prevention", "officer")


ONLY_PAGES: set[str] = set()     # bench/run.py --page KEY: measure only these pages


def pairs() -> list[tuple[str, str]]:
    """Every (page key, role) the registry allows, in menu order."""
    return [(spec.key, role) for spec in PAGES for role in ROLES
            if role in spec.roles and (not ONLY_PAGES or spec.key in ONLY_PAGES)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> dict:
    return {"median_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(percentile(values, 0.95) * 1000, 1), "n": len(values)}


def apptest_reruns(db_path: Path | str, reruns: int) -> list[dict]:
    """Sign in once per role, switch to each page, time `at.run()` reruns (the first run after the
    switch is reported apart: it fills the figure cache). `db_path`: a DuckDB file or a
    postgresql:// URL (server mode, bench/server_mode.py)."""
    from streamlit.testing.v1 import AppTest

    from bench.server import COOKIE_KEY

    os.environ["COMMUNITY_DB"] = str(db_path)
    os.environ["COMMUNITY_COOKIE_KEY"] = COOKIE_KEY
    by_key = {spec.key: spec for spec in PAGES}
    rows = []
    for role in ROLES:
        if not any(r == role for _, r in pairs()):
            continue
        account = ACCOUNT[role]
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()
        at.text_input[0].input(account.username)
        at.text_input[1].input(account.password)
        at.button[0].click().run()
        for key, page_role in pairs():
            if page_role != role:
                continue
            started = time.perf_counter()
            at.switch_page(str(ROOT / "app_pages" / by_key[key].file)).run()
            first = time.perf_counter() - started
            times = []
            for _ in range(reruns):
                started = time.perf_counter()
                at.run()
                times.append(time.perf_counter() - started)
            error = "; ".join(str(e.value)[:200] for e in at.exception) or None
            rows.append({"page": key, "role": role, "first_ms": round(first * 1000, 1), **summary(times),
                         "error": error})
    release_database()
    return rows


def release_database() -> None:
    """Close the database AppTest opened in this process (components/database.py keeps it open for
    the process, under the name resolve_path gives $COMMUNITY_DB), so the `streamlit run` servers
    measured next can open the file."""
    from components import database
    from queries.db import resolve_path

    database.close(str(resolve_path()))
