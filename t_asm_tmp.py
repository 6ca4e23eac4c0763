import time
from queries.db import Database
from reports import monthly
from core.periods import parse_period
from queries.actor import SYSTEM
from queries.access import read_scope
db = Database("/tmp/large_s3.duckdb")
p = parse_period("2026-10")
monthly.assemble_report(db, p, SYSTEM, "x")
def timed(label, f, *a):
    t=time.perf_counter(); r=f(*a); print(f"{label:12} {(time.perf_counter()-t)*1000:7.0f} ms"); return r
t=time.perf_counter(); monthly.assemble_report(db, p, SYSTEM, "x"); print("total", round((time.perf_counter()-t)*1000))
head = timed("headline", monthly.headline, db, p, SYSTEM)
timed("programs", monthly.programs, db, p, SYSTEM)
timed("districts", monthly.districts, db, p, SYSTEM)
cur={r["key"]: r["value"] for r in head}
scope=read_scope(SYSTEM)
timed("concerns", monthly.concerns, db, p, scope, {"concerns_received":0,"concerns_resolved":0,"concerns_open":0,"median_days_to_resolve":0})
timed("crime", monthly.crime_context, db, p, scope)
timed("appendix", lambda: monthly._records(db.df("report_events_appendix", start_date=p.start, end_date=p.end, **scope)))
from reports.figures import headline_values
timed("hv", headline_values, db, SYSTEM, p)
from core import metrics
timed("events_by_program", metrics._frame, db, "metric_events_by_program", SYSTEM, p, metrics.ALL)
timed("goal_attainment", metrics.goal_attainment, db, SYSTEM, p)
timed("outcomes_by_program", metrics.outcomes_by_program, db, SYSTEM, p)
import cProfile, pstats
cProfile.run("monthly.programs(db, p, SYSTEM)", "/tmp/prog.prof")
pstats.Stats("/tmp/prog.prof").sort_stats("tottime").print_stats(12)
for name in ("participants","businesses","organizations","events","contacts","concerns"):
    timed(name, metrics.family, db, SYSTEM, name, p)
