"""Cold start and the server's peak memory with many sessions open, in headless Chromium."""

from __future__ import annotations

import os
import time
from pathlib import Path

from bench.cores import Cores
from bench.pages import ACCOUNT, ROLES
from bench.server import serve, wait_healthy, wait_ready

ROOT = Path(__file__).resolve().parents[1]


def cold_start(db_path: Path, browser, cores: Cores | None = None) -> dict:
    """Server start -> idle sign-in page, and -> the first page after signing in (the home page).
    The server is the one ./run.sh starts (serve.py: app.py with the security headers and the
    warm-up of the first pages' modules), not `streamlit run app.py`, which is for development.
    Beside it, the empty app's server start -> its idle first page, measured the same way: the part
    of the figure that is Streamlit's own start and the browser's first load of its scripts."""
    page = browser.new_context(viewport={"width": 1500, "height": 1000}).new_page()
    page.set_default_timeout(300_000)
    account = ACCOUNT["prevention"]
    with serve(ROOT / "serve.py", db_path, wait=False, cores=cores) as server:
        wait_healthy(server)
        healthy = time.perf_counter()
        page.goto(server.url)
        page.get_by_role("textbox", name="Username").wait_for()
        sign_in_idle = wait_ready(page, marker='input[aria-label="Username"]')
        page.get_by_role("textbox", name="Username").fill(account.username)
        page.get_by_role("textbox", name="Password").fill(account.password)
        clicked = time.perf_counter()
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("Signed in as").wait_for()
        first_page = wait_ready(page)
        heading = page.locator("h1").first.inner_text()
        page.context.close()
    return {"health_s": round(healthy - server.started, 2), "empty_app_s": _empty_app_start(db_path, browser, cores),
            "sign_in_page_s": round(sign_in_idle - server.started, 2),
            "first_page_after_sign_in_s": round(first_page - clicked, 2),
            "start_to_first_page_s": round(sign_in_idle - server.started + first_page - clicked, 2),
            "first_page": heading, "server": "serve.py", "load_1m": round(os.getloadavg()[0], 2)}


def _empty_app_start(db_path: Path, browser, cores: Cores | None) -> float:
    page = browser.new_context(viewport={"width": 1500, "height": 1000}).new_page()
    page.set_default_timeout(300_000)
    with serve(ROOT / "bench" / "empty_app.py", db_path, wait=False, cores=cores) as server:
        wait_healthy(server)
        page.goto(server.url)
        idle = wait_ready(page)
        page.context.close()
    return round(idle - server.started, 2)


def peak_memory(db_path: Path, browser, sessions: int, cores: Cores | None = None) -> dict:
    """`sessions` browser contexts signed in on one fresh server (roles in turn), each on its home
    page and then the monthly report or businesses page; the server's peak RSS (VmHWM), and that of
    the processes it started (the report's drawing processes), summed."""
    from tests.browser_support import sign_in

    contexts = []
    # the server ./run.sh starts: each page opened by its address signs in again by the re-login
    # cookie, which its route sets
    with serve(ROOT / "serve.py", db_path, cores=cores) as server:
        for index in range(sessions):
            role = ROLES[index % len(ROLES)]
            context = browser.new_context(viewport={"width": 1500, "height": 1000})
            page = context.new_page()
            page.set_default_timeout(300_000)
            sign_in(page, server.url, ACCOUNT[role].username, ACCOUNT[role].password)
            wait_ready(page)
            page.goto(f"{server.url}/{'report-monthly' if role in ('admin', 'prevention') else 'businesses'}")
            wait_ready(page)
            contexts.append(context)
        memory, children = server.memory_mb(), server.children_memory_mb()
        for context in contexts:
            context.close()
    return {"sessions": sessions, "peak_rss_mb": round(memory["VmHWM"]), "rss_mb": round(memory["VmRSS"]),
            "children": children["processes"], "children_peak_rss_mb": round(children["VmHWM"])}
