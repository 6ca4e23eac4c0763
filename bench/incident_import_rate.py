"""Import rate of the incident importer on a generated CSV (default 1,000,000 rows).

    python bench/incident_import_rate.py [--rows N] [--keep DIR]

Builds a fresh database with the demo town's six districts, writes a CSV of N
incidents in the Boston export's layout (about a sixth without a district
column value, so point in polygon runs; some without a location; a mix of
date formats), imports it once (all new) and again (all updates), and prints
rows per second for both. Not a test: speed targets are measured here.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import duckdb  # noqa: E402

from core.incident_import import import_incidents  # noqa: E402
from queries.actor import SYSTEM  # noqa: E402
from queries.db import Database  # noqa: E402

MAPPING = {"incident_number": "INCIDENT_NUMBER", "occurred_at": "OCCURRED_ON_DATE", "offense": "OFFENSE_CODE",
           "description": "OFFENSE_DESCRIPTION", "district": "DISTRICT", "latitude": "Lat",
           "longitude": "Long", "address": "STREET"}

GENERATE = """
copy (
    select
        'I' || lpad(i::varchar, 9, '0') as INCIDENT_NUMBER,
        (i % 300)::varchar as OFFENSE_CODE,
        ['LARCENY 6TH DEGREE', 'SHOPLIFTING', 'ASSAULT 3RD DEGREE', 'GRAFFITI', 'SALE OF NARCOTICS',
         'SOMETHING UNMAPPED'][1 + i % 6] as OFFENSE_DESCRIPTION,
        case when i % 6 = 0 then '' else 'D' || (1 + i % 6)::varchar end as DISTRICT,
        case i % 3
            when 0 then strftime(timestamp '2025-01-01' + to_seconds(i * 31), '%Y-%m-%d %H:%M:%S') || '+00'
            when 1 then strftime(timestamp '2025-01-01' + to_seconds(i * 31), '%m/%d/%Y %I:%M %p')
            else strftime(timestamp '2025-01-01' + to_seconds(i * 31), '%Y-%m-%dT%H:%M:%S') end as OCCURRED_ON_DATE,
        (i % 900)::varchar || ' MAIN ST' as STREET,
        case when i % 17 = 0 then '' else (41.56 + (hash(i) % 800) / 10000.0)::varchar end as Lat,
        case when i % 17 = 0 then '' else (-72.77 + (hash(i * 7) % 1380) / 10000.0)::varchar end as Long
    from range(1, $rows + 1) as t(i)
) to '{path}' (header, delimiter ',')
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", help="folder to keep the CSV and database in")
    args = parser.parse_args()
    if args.keep:
        folder = Path(args.keep)
        folder.mkdir(parents=True, exist_ok=True)
        run(folder, args.rows)
    else:   # about 160 MB per million rows: not left behind in /tmp
        with tempfile.TemporaryDirectory(prefix="bench-incidents-") as scratch:
            run(Path(scratch), args.rows)


def run(folder: Path, rows: int) -> None:
    csv_path = folder / f"incidents_{rows}.csv"
    started = time.perf_counter()
    duckdb.sql(GENERATE.replace("{path}", str(csv_path)).replace("$rows", str(rows)))
    print(f"generated {rows:,} rows ({csv_path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
    # the rates move with what else runs on the machine: the load says how busy it was
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")

    db_path = folder / "bench.duckdb"
    db_path.unlink(missing_ok=True)
    db = Database(db_path)
    from demo.town.base import DemoContext
    from demo.town.town import build_town
    from datetime import date
    from demo.town.crime import offense_mappings
    with db.unit_of_work(SYSTEM) as uow:
        ctx = DemoContext(uow=uow, seed=2026, today=date(2026, 1, 1))
        build_town(ctx)
        ctx.insert("offense_mappings", offense_mappings())
    for label in ("first import (inserts)", "second import (updates)"):
        started, cpu = time.perf_counter(), time.process_time()
        last = [started, cpu]

        def step(fraction: float, text: str) -> None:
            wall, used = time.perf_counter(), time.process_time()
            print(f"    {wall - last[0]:6.2f} s wall {used - last[1]:6.2f} s cpu  -> {text}")
            last[:] = [wall, used]

        summary = import_incidents(db, SYSTEM, csv_path, MAPPING, progress=step)
        step(1.0, "Committed (the time since Done. is the commit).")
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        print(f"{label}: {summary.rows_read:,} rows in {seconds:.2f} s ({cpu:.1f} CPU-seconds over all threads) "
              f"= {summary.rows_read / seconds:,.0f} rows/s "
              f"(new {summary.added:,}, updated {summary.updated:,}, located by point {summary.located_by_point:,}, "
              f"no location {summary.without_location:,})")
    db.close()


if __name__ == "__main__":
    main()
