"""Server mode in the benchmark: the city on PostgreSQL against the same page targets, and how many
simulated users 1, 2 and 4 app processes on one PostgreSQL serve within the rerun targets, beside
one process on DuckDB, in one run.

The DuckDB file is copied into a throwaway PostgreSQL cluster (tests/postgres_support.PostgresServer,
as the server mode tests start one; the copy is queries.copy_to_postgresql.copy_database, the one
`cli.py move-to-postgresql` uses). Then:

- pages: every page and role's rerun time with AppTest (bench/pages.py), the database being the
  PostgreSQL URL: the same measure as the DuckDB rows, marked with the engine;
- users: simulated users (bench/simulated_users.py) on one `streamlit run serve.py` on a copy of the
  DuckDB file, and on 1, 2 and 4 app processes behind HAProxy on the PostgreSQL copy (deploy/cluster.py,
  as scripts/serve_many.sh starts them). The servers, HAProxy and PostgreSQL run on one core and the
  load generator (this process) on the other (bench/cores.py), as the users' browsers run on their
  own machines.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bench.cores import Cores, browser_side

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def postgresql_city(db_path: Path) -> Iterator[tuple[object, str, dict]]:
    """A throwaway PostgreSQL cluster holding a copy of the DuckDB file: (cluster, URL, how the
    copy went); stopped and removed after."""
    from queries.db import Database
    from tests.postgres_support import PostgresServer, copy_duckdb

    Database(db_path).close()          # the file at the current schema, as move-to-postgresql brings it
    cluster = PostgresServer().start()
    try:
        url = cluster.new_database(migrated=True)
        started = time.perf_counter()
        rows = copy_duckdb(db_path, url)
        copy = {"seconds": round(time.perf_counter() - started, 1), "rows": sum(rows.values()),
                "tables": len(rows)}
        import psycopg

        with psycopg.connect(url, autocommit=True) as con:
            con.execute("vacuum analyze")         # as after a restore: the planner's statistics
            copy["database_mb"] = round(con.execute("select pg_database_size(current_database())")
                                        .fetchone()[0] / 1e6)
        yield cluster, url, copy
    finally:
        cluster.stop()


def postgresql_pages(url: str, reruns: int, sample: bool = False) -> list[dict]:
    """bench/pages.py's rows with the database on PostgreSQL, each marked with the engine; `sample`:
    one page per role (bench/browser.py SAMPLE, the smoke test's)."""
    from bench import pages
    from bench.browser import SAMPLE

    before, only = os.environ.get("COMMUNITY_DB"), set(pages.ONLY_PAGES)
    if sample:
        pages.ONLY_PAGES.update(SAMPLE.values())
    try:
        rows = pages.apptest_reruns(url, reruns)
        if sample:      # a sample page that is in another role's menu too is measured there as well
            rows = [row for row in rows if SAMPLE[row["role"]] == row["page"]]
        return [{**row, "engine": "postgresql"} for row in rows]
    finally:
        pages.ONLY_PAGES.clear()
        pages.ONLY_PAGES.update(only)
        if before is None:
            os.environ.pop("COMMUNITY_DB", None)
        else:
            os.environ["COMMUNITY_DB"] = before


# -- the servers the users reach ---------------------------------------------------------------------


def _free_ports(count: int) -> int:
    """The first of `count` consecutive free loopback ports."""
    for first in range(21000, 40000, 50):
        try:
            for port in range(first, first + count):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise RuntimeError("no free ports")


def _wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not start: {log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.3)


@contextmanager
def cluster(url: str, processes: int, cores: Cores, folder: Path) -> Iterator[str]:
    """`processes` app processes on the PostgreSQL database `url` behind HAProxy (deploy/cluster.py),
    on the servers' core; yields the proxy's address."""
    from bench.server import COOKIE_KEY

    first = _free_ports(processes + 1)       # the app processes' ports, then the proxy's
    listen = first + processes
    log = folder / f"cluster-{processes}.log"
    command = [sys.executable, "-m", "deploy.cluster", "--processes", str(processes), "--db", url,
               "--listen", f"127.0.0.1:{listen}", "--first-port", str(first)]
    env = {**os.environ, "COMMUNITY_DB": url, "COMMUNITY_COOKIE_KEY": COOKIE_KEY}
    with open(log, "w") as out:
        process = subprocess.Popen(cores.server_command(command), cwd=ROOT, env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    address = f"http://127.0.0.1:{listen}"
    try:
        _wait_healthy(address, process, log)
        yield address
    finally:
        process.send_signal(signal.SIGTERM)     # the launcher stops the proxy and every app process
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


def pin_postgresql(postgres_cluster, core: int | None) -> None:
    """Move the cluster's running processes (the postmaster and its workers) to `core`; the
    connections it starts later are forked from the postmaster and inherit it."""
    if core is None:
        return
    postmaster = int((postgres_cluster.data / "postmaster.pid").read_text().split()[0])
    children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
    for pid in [postmaster, *map(int, children)]:
        try:
            os.sched_setaffinity(pid, {core})
        except ProcessLookupError:
            pass


def concurrent_users(db_path: Path, postgres_cluster, url: str, processes: tuple[int, ...], think: float,
                     seconds: float, max_users: int, folder: Path, cores: Cores, warm_up: bool = True) -> list[dict]:
    """The users ramp (bench/simulated_users.ramp) on one process on DuckDB, then on each number of
    app processes on PostgreSQL; one row each. `warm_up`: visit every page in each process first."""
    from bench.server import serve
    from bench.simulated_users import ramp

    pin_postgresql(postgres_cluster, cores.server)
    rows = []

    def measure(engine: str, count: int, address: str) -> None:
        print(f"    {engine}, {count} app process{'es' if count > 1 else ''} ({cores.describe()})", flush=True)
        with browser_side(cores):          # the load generator on the other core
            outcome = ramp(address, think, seconds, max_users, count, warm_up)
        rows.append({"engine": engine, "processes": count, **outcome, "think_s": think, "step_s": seconds})

    # a copy: the users' saves do not change the file the other sections measure
    copy = folder / "users.duckdb"
    shutil.copyfile(db_path, copy)
    with serve(ROOT / "serve.py", copy, cores=cores) as server:
        measure("duckdb", 1, server.url)
    copy.unlink()
    for count in processes:
        with cluster(url, count, cores, folder) as address:
            measure("postgresql", count, address)
    return rows
