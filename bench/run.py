"""The performance benchmark: one command, a table on screen and the figures as JSON.

    .venv/bin/python bench/run.py --scale demo|large|FACTOR [--db FILE] [--out bench/results/X.json]

Builds the database for the scale (or reuses --db), then measures: every page for every role that
may open it (server-side rerun time with AppTest; a switch to it from the menu until idle in
headless Chromium, to its first content and to the complete page, beside the same switch in an
empty Streamlit app, with the servers on one core and the browser on another), the cold start, the
monthly report in each format and the annual evaluation (each made three times: the median, with
the load average), the incident import (when the importer exists),
the server's peak memory with 10 sessions open, the overview and report figures against the
naive pandas way, and server mode (`--only server`, bench/server_mode.py): the city copied into
PostgreSQL, its pages' reruns there, and the simulated users served within the rerun targets by 1,
2 and 4 app processes on PostgreSQL beside one on DuckDB.
Targets (large scale) are printed beside each figure; a miss is marked MISS. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.report_table import render_table  # noqa: E402

SECTIONS = ("pages", "browser", "cold", "documents", "imports", "memory", "naive", "server")


def build_database(scale: str, folder: Path) -> Path:
    path = folder / f"bench-{scale}.duckdb"
    started = time.perf_counter()
    subprocess.run([sys.executable, "cli.py", "--db", str(path), "demo", "--scale", scale, "--replace"],
                   cwd=ROOT, check=True, capture_output=True)
    print(f"built the {scale} database in {time.perf_counter() - started:.0f} s: {path}", flush=True)
    return path


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory / 1024 / 1024, 1),
            "python": platform.python_version(), "system": platform.platform()}


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="demo", help="demo (the small town), large, or a factor such as 0.01")
    parser.add_argument("--db", help="reuse this database (built by `cli.py demo --scale ...`) instead of building")
    parser.add_argument("--out", help="JSON file to write (default: bench/results/<scale>.json)")
    parser.add_argument("--reruns", type=int, default=12, help="AppTest reruns per page and role (default 12)")
    parser.add_argument("--visits", type=int, default=3,
                        help="rounds of menu visits per page and role in the browser (default 3)")
    parser.add_argument("--sessions", type=int, default=10, help="browser sessions for the memory figure")
    parser.add_argument("--import-rows", type=int, default=1_000_000, help="rows of the incident CSV")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each document and of each naive/metrics comparison (default 3)")
    parser.add_argument("--browser-sample", action="store_true",
                        help="browser: one page per role (bench/browser.py SAMPLE) instead of every page")
    parser.add_argument("--server-sample", action="store_true",
                        help="server: the PostgreSQL reruns of one page per role (bench/browser.py SAMPLE), "
                             "and the users meet servers not warmed up first (the smoke test's quick pass)")
    parser.add_argument("--user-processes", default="1,2,4",
                        help="server: numbers of app processes on PostgreSQL the users meet (default 1,2,4)")
    parser.add_argument("--users-max", type=int, default=128,
                        help="server: the most simulated users a step may have (steps 1, 2, 4, ...)")
    parser.add_argument("--users-think", type=float, default=3.0,
                        help="server: a user's mean think time between clicks, seconds (default 3)")
    parser.add_argument("--users-seconds", type=float, default=30.0,
                        help="server: the measured seconds of each users step (default 30)")
    parser.add_argument("--only", action="append", choices=SECTIONS, help="measure only these sections")
    parser.add_argument("--page", action="append", metavar="KEY", help="measure only these pages (repeatable)")
    args = parser.parse_args(argv)
    if args.page:
        from bench import pages

        pages.ONLY_PAGES.update(args.page)
    sections = set(args.only or SECTIONS)

    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    db_path = Path(args.db) if args.db else build_database(args.scale, folder)
    result: dict = {"scale": args.scale, "database": str(db_path),
                    "database_mb": round(db_path.stat().st_size / 1e6),
                    "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "machine": machine(), "load_average_start": load_average(),
                    "settings": {k: getattr(args, k) for k in ("reruns", "visits", "sessions", "import_rows",
                                                               "repeat", "browser_sample", "server_sample",
                                                               "user_processes", "users_max", "users_think",
                                                               "users_seconds")}}

    out = Path(args.out) if args.out else ROOT / "bench" / "results" / f"{args.scale}.json"
    out.parent.mkdir(parents=True, exist_ok=True)

    def step(name: str, function, *a):
        print(f"[{time.strftime('%H:%M:%S')}] {name} (load {load_average()[0]}) ...", flush=True)
        started = time.perf_counter()
        value = function(*a)
        print(f"    {time.perf_counter() - started:.0f} s", flush=True)
        out.with_suffix(".partial.json").write_text(json.dumps({**result, name: value}, indent=1, default=str))
        return value

    if sections & {"documents", "naive"}:
        from queries.db import Database

        db = Database(db_path)
        if "documents" in sections:
            from bench.documents import annual_evaluation, monthly_report

            result["documents"] = step("monthly report and evaluation", monthly_report, db, args.repeat)
            result["documents"] += annual_evaluation(db, args.repeat)
        if "naive" in sections:
            from bench.documents import last_full_month
            from bench.naive import compare

            result["naive"] = step("naive pandas comparison", compare, db, last_full_month(), args.repeat)
        db.close()
    if "imports" in sections:
        from bench.imports import incident_import

        result["imports"] = [step("incident import", incident_import, db_path, args.import_rows, folder)]
    if "pages" in sections:
        from bench.pages import apptest_reruns

        result["pages"] = step("AppTest reruns", apptest_reruns, db_path, args.reruns)
    if sections & {"browser", "cold", "memory"}:
        from bench.browser import browser_pages
        from bench.cores import browser_side, descendants_cores, plan
        from bench.server import serve
        from bench.server_figures import cold_start, peak_memory
        from tests.browser_support import BROWSER, chromium

        cores = plan()
        print(cores.describe(), flush=True)
        with browser_side(cores), chromium(BROWSER) as browser:
            # what the processes started for the browser may run on (Chromium's renderers start later,
            # from its zygote, and inherit it)
            result["cores"] = {"pinned": cores.pinned, "server": cores.server, "browser": cores.browser,
                               "described": cores.describe(), "browser_processes": descendants_cores()}
            if "cold" in sections:
                result["cold_start"] = step("cold start", cold_start, db_path, browser, cores)
            if "browser" in sections:
                # the server ./run.sh starts: its route sets the re-login cookie the reloads sign in by
                with serve(ROOT / "serve.py", db_path, cores=cores) as server, \
                        serve(ROOT / "bench" / "empty_app.py", db_path, cores=cores) as empty:
                    result["browser"], result["empty_page"] = step(
                        "browser pages", browser_pages, server, empty, browser, args.visits, args.browser_sample)
            if "memory" in sections:
                result["memory"] = step("peak memory", peak_memory, db_path, browser, args.sessions, cores)
    if "server" in sections:
        from bench.cores import plan
        from bench.server_mode import concurrent_users, postgresql_city, postgresql_pages

        cores = plan()
        processes = tuple(int(n) for n in args.user_processes.split(","))
        with postgresql_city(db_path) as (cluster, url, copy):
            print(f"copied the database into PostgreSQL in {copy['seconds']} s", flush=True)
            result["postgresql_copy"] = copy
            result["server_pages"] = step("AppTest reruns on PostgreSQL", postgresql_pages, url, args.reruns,
                                          args.server_sample)
            result["users"] = step("simulated users", concurrent_users, db_path, cluster, url, processes,
                                   args.users_think, args.users_seconds, args.users_max, folder, cores,
                                   not args.server_sample)
            result["users_cores"] = cores.describe().replace("browser", "load generator")
    result["load_average_end"] = load_average()
    result["finished"] = datetime.now(timezone.utc).isoformat(timespec="seconds")

    table = render_table(result)
    result["table"] = table
    print(table)
    out.with_suffix(".partial.json").unlink(missing_ok=True)
    out.write_text(json.dumps(result, indent=1, default=str) + "\n")
    print(f"written: {out}")
    return result


if __name__ == "__main__":
    main()
