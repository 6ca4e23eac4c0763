import sys, time, tempfile, shutil, subprocess
from pathlib import Path
import duckdb
from bench.imports import GENERATE, COLUMNS
folder = Path("/tmp/imp"); folder.mkdir(exist_ok=True)
csv_path = folder / "incidents_1000000.csv"
if not csv_path.exists():
    with duckdb.connect("/tmp/large_s3.duckdb", read_only=True) as con:
        con.execute("""create temp table districts_sample as
            select row_number() over (order by d.code) - 1 as n, d.code, avg(c.latitude) as lat, avg(c.longitude) as lon
            from live.districts as d left join live.events as c on c.district_id = d.id group by d.code""")
        n = con.execute("select count(*) from districts_sample").fetchone()[0]
        con.execute(GENERATE.format(rows=1000000, districts=n, path=csv_path))
target = folder / "target.duckdb"
if not (folder / "demo.duckdb").exists():
    subprocess.run([sys.executable, "cli.py", "--db", str(folder / "demo.duckdb"), "demo"], check=True, capture_output=True)
shutil.copyfile(folder / "demo.duckdb", target)
t0 = time.perf_counter()
from queries.db import Database
from queries.actor import SYSTEM
from core.incident_import import import_incidents
db = Database(target)
print(f"{time.perf_counter()-t0:6.2f} open")
last = [time.perf_counter()]
def progress(f, text):
    now = time.perf_counter(); print(f"{now-t0:6.2f} (+{now-last[0]:5.2f}) {text}"); last[0] = now
mapping = {f: c for f, c in COLUMNS.items()}
s = import_incidents(db, SYSTEM, csv_path, mapping, progress=progress)
print(f"{time.perf_counter()-t0:6.2f} end", s.imported, s.located_by_point)
