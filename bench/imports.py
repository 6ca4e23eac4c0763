"""Incident import rate (rows per second) for a generated CSV, through `cli.py import incidents`,
when that importer exists (it arrives with the maps and crime pages); otherwise a clear note."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]

# A records-system export layout (Boston's column names); a sixth of the rows have no district,
# so the importer locates them by point in polygon, and a few have no location at all.
COLUMNS = {"incident_number": "INCIDENT_NUMBER", "occurred_at": "OCCURRED_ON_DATE", "offense": "OFFENSE_CODE",
           "description": "OFFENSE_DESCRIPTION", "district": "DISTRICT", "latitude": "Lat",
           "longitude": "Long", "address": "STREET"}

GENERATE = """
copy (
    select
        'B' || lpad(i::varchar, 9, '0') as INCIDENT_NUMBER,
        (i % 300)::varchar as OFFENSE_CODE,
        ['LARCENY', 'SHOPLIFTING', 'ASSAULT', 'GRAFFITI', 'BURGLARY', 'SOMETHING UNMAPPED'][1 + i % 6]
            as OFFENSE_DESCRIPTION,
        case when i % 6 = 0 then '' else d.code end as DISTRICT,
        strftime(timestamp '2025-01-01' + to_seconds(i * 31), '%Y-%m-%d %H:%M:%S') as OCCURRED_ON_DATE,
        (i % 900)::varchar || ' MAIN ST' as STREET,
        case when i % 17 = 0 then '' else d.lat::varchar end as Lat,
        case when i % 17 = 0 then '' else d.lon::varchar end as Long
    from range(1, {rows} + 1) as t(i)
    join districts_sample as d on d.n = i % {districts}
) to '{path}' (header, delimiter ',')
"""


def importer_available() -> bool:
    import contextlib
    import io

    from cli import build_parser

    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            build_parser().parse_args(["import", "incidents", "--help"])
    except SystemExit as exit_:
        return exit_.code == 0
    return True


def incident_import(db_path: Path, rows: int, folder: Path) -> dict:
    what = f"incident import, {rows:,}-row CSV"
    if not importer_available():
        return {"what": what, "rows_per_s": None,
                "note": "not available: there is no `cli.py import incidents` on this branch"}
    with duckdb.connect(str(db_path), read_only=True) as con:   # district codes and a point inside each
        con.execute("""create temp table districts_sample as
            select row_number() over (order by d.code) - 1 as n, d.code,
                   avg(c.latitude) as lat, avg(c.longitude) as lon
            from live.districts as d left join live.events as c on c.district_id = d.id
            group by d.code""")
        districts = con.execute("select count(*) from districts_sample").fetchone()[0]
        csv_path = folder / f"incidents_{rows}.csv"
        con.execute(GENERATE.format(rows=rows, districts=districts, path=csv_path))
    target = folder / "import-target.duckdb"
    target.unlink(missing_ok=True)
    target.write_bytes(db_path.read_bytes()) if db_path.stat().st_size < 200e6 else None
    if not target.exists():   # the large file: import into a fresh copy of the demo town instead
        subprocess.run([sys.executable, "cli.py", "--db", str(target), "demo"], cwd=ROOT, check=True,
                       capture_output=True)
    command = [sys.executable, "cli.py", "--db", str(target), "import", "incidents", str(csv_path), "--quiet"]
    for field, column in COLUMNS.items():
        command += ["--map", f"{field}={column}"]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    target.unlink(missing_ok=True)
    if done.returncode != 0:
        return {"what": what, "rows_per_s": None, "note": "import failed: " + (done.stderr or done.stdout)[-300:]}
    return {"what": what, "seconds": round(seconds, 1), "rows_per_s": round(rows / seconds),
            "note": "wall time of the CLI command, Python start included"}
