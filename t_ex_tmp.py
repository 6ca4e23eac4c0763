import time
from queries.db import Database
from queries.sql_files import load_sql
from queries.access import read_scope
from queries.actor import SYSTEM
from datetime import date
db = Database("/tmp/large_s3.duckdb")
import sys
name=sys.argv[1]
sql=load_sql(name)
import re
params={**read_scope(SYSTEM),"start_date":date(2026,10,1),"end_date":date(2026,10,31),"district_id":None,"category":None,"program_id":None}
wanted=set(re.findall(r"\$([a-z_]+)", sql))
params={k:v for k,v in params.items() if k in wanted}
cur=db.cursor()
cur.execute(sql, params).fetchall()
t=time.perf_counter(); cur.execute(sql, params).fetchall(); print("run", round((time.perf_counter()-t)*1000,1))
cur.execute("pragma enable_profiling='no_output'")
cur.execute("pragma profiling_mode='detailed'") if False else None
r=cur.execute("explain analyze "+sql, params).fetchall()
print(r[0][1][:6000])
