import re, sys, time
from datetime import date
from queries.db import Database
from queries.sql_files import load_sql
from queries.access import read_scope
from queries.actor import SYSTEM
db = Database("/tmp/large_s3.duckdb")
cur = db.cursor()
def best(f, n=5):
    ts=[]
    for _ in range(n):
        t=time.perf_counter(); f(); ts.append(time.perf_counter()-t)
    return round(min(ts)*1000,1)
for name in sys.argv[1:]:
    sql = load_sql(name)
    params = {**read_scope(SYSTEM), "start_date": date(2026,10,1), "end_date": date(2026,10,31), "district_id": None,
          "category": None, "program_id": None, "prev_start": date(2026,9,1), "prev_end": date(2026,9,30),
          "ly_start": date(2025,10,1), "ly_end": date(2025,10,31), "as_of": date(2026,10,31), "today": date(2026,11,22),
          "year": 2026, "period_end": date(2026,10,31), "after_start": date(2026,10,1), "after_end": date(2026,10,31), "before_start": date(2026,9,1), "before_end": date(2026,9,30), "crime_type": None, "limit": 50, "days": 30, "overdue_days": 30}
    params = {k: v for k, v in params.items() if k in set(re.findall(r"\$([a-z_]+)", sql))}
    print(name, "run", best(lambda: cur.execute(sql, params).fetchall()), "explain", best(lambda: cur.execute("explain " + sql, params).fetchall()))
print("select 1", best(lambda: cur.execute("select 1").fetchall()))
print("count events", best(lambda: cur.execute("select count(*) from live.events").fetchall()))
print("count events main", best(lambda: cur.execute("select count(*) from events").fetchall()))
