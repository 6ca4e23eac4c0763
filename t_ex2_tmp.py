import json, re, sys, time
from datetime import date
from queries.db import Database
from queries.sql_files import load_sql
from queries.access import read_scope
from queries.actor import SYSTEM
db = Database(sys.argv[2] if len(sys.argv) > 2 else "/tmp/large_s3.duckdb")
sql = load_sql(sys.argv[1])
params = {**read_scope(SYSTEM), "start_date": date(2026,10,1), "end_date": date(2026,10,31), "district_id": None,
          "category": None, "program_id": None, "prev_start": date(2026,9,1), "prev_end": date(2026,9,30),
          "ly_start": date(2025,10,1), "ly_end": date(2025,10,31), "as_of": date(2026,10,31), "today": date(2026,11,22)}
params = {k: v for k, v in params.items() if k in set(re.findall(r"\$([a-z_]+)", sql))}
cur = db.cursor()
cur.execute(sql, params).fetchall()
ts = []
for _ in range(3):
    t = time.perf_counter(); cur.execute(sql, params).fetchall(); ts.append(time.perf_counter() - t)
print("best ms", round(min(ts) * 1000, 1))
plan = json.loads(cur.execute("explain (analyze, format json) " + sql, params).fetchall()[0][1])
rows = []
def walk(node, depth=0):
    name = node.get("type")
    t = node.get("timing", 0)
    extra = node.get("extra_info", {})
    label = extra.get("Table") or extra.get("Conditions") or extra.get("Expression") or extra.get("CTE Name") or ""
    rows.append((t, depth, name, str(label)[:90], node.get("intermediate_rows")))
    for c in node.get("children", []):
        walk(c, depth + 1)
walk(plan["operator"][0])
print("total", plan.get("latency") or plan.get("timing"))
for t, d, n, l, c in sorted(rows, reverse=True)[:12]:
    print(f"{t*1000:7.1f} ms {'  '*0}{n} {l} rows={c}")
