"""Both engines give the same rows: a query's PostgreSQL form against its DuckDB file, on the same data.

A translation can be wrong and still prepare (a string subscript off by one, make_date): these tests
run both forms and compare every row, values and Python types.

- The incident staging query, written by hand for PostgreSQL: the same file rows (every date/time
  shape it reads, days that do not exist, offsets, placeholder dates, separate date and time
  columns) staged on both engines.
- Every metric query (queries/sql/metric_*.sql) on the demo town, copied into PostgreSQL table by
  table (queries/copy_to_postgresql.py), for five parameter sets.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import duckdb
import psycopg
import pytest
import sqlglot

from core.incident_import import FIELDS
from core import periods
from core.periods import Period
from queries.copy_to_postgresql import copy_database
from queries.postgresql_sql import DUCKDB_ONLY
from queries.sql_files import SQL_DIR, bind, load_sql
from tests.conftest import DEMO_TODAY

pytest_plugins = ["tests.postgres_support"]

COLUMNS = (*FIELDS, "hour_written")
# jit off: PostgreSQL's JIT compiles a large query for longer than it then runs on the test's data
PG_OPTIONS = "-c search_path=main,public -c jit=off"

# occurred_at texts: each shape DuckDB reads, the same shape with a day, hour or minute that does not
# exist, spacing and case variants, offsets, placeholders and things that are not dates
DATE_TIMES = (
    "2024-03-05", "2024-3-5 7:08", "2024-03-05T07:08:09", "2024-03-05 07:08:09.1234567", "2024-02-30",
    "2024-02-29 10:00", "2023-02-29", "2024-01-02 24:00:00", "2024-01-02 24:00:01", "2024-01-02 23:60",
    "2024-01-02 1:05 PM", "2024-01-02 1:05:07PM", "2024-01-02 12:05 am", "2024-01-02 13:05 PM",
    "2024-01-02 0:05 AM",
    "3/5/2024 7:08 PM", "3/5/2024 7:08PM", "3/5/2024 7:08:09 pm", "12/31/2024 12:05 AM", "13/5/2024 7:08 PM",
    "3/5/2024 17:08", "3/5/2024 17:08:09", "3/5/2024 24:00", "3/5/2024", "2/30/2024", "02/29/2024",
    "3/5/24", "3/5/69", "3/5/68", "3/5/24 17:08", "3/5/24 5:08 PM", "3/5/24 5:08PM", "3/5/24 PM",
    "3/5/24 13:08 PM",
    "2024/03/05 7:08 PM", "2024/03/05 7:08:09PM", "2024/03/05", "2024/03/05 17:08", "2024/02/30 10:00",
    "5-Mar-2024", "5-mar-2024 17:08", "31-Apr-2024", "5-Sep-2024", "5-Sept-2024",
    "Mar 5, 2024", "March 5, 2024", "mar. 5, 2024 7:08 pm", "Mar 5, 2024  7:8 PM", "Mar 5,  2024",
    "Sept 5, 2024", "Marc 5, 2024", "Mar 5, 2024 extra", "Feb 30, 2024", "May 5, 2024 12:00 AM",
    "2024-03-05 07:08:09Z", "2024-03-05 07:08-05:00", "2024-03-05T07:08:09+0530", "3/5/2024 17:08 +01",
    "1970-01-01", "1900-01-00 00:00", "1/0/1900", "0000-00-00", "1899-12-30 00:00:00",
    "45321", "12.5", "yesterday", "", None,
)

# occurred_date and occurred_time pairs (the date_column reading)
DATES_AND_TIMES = (
    ("2024-03-05", None), ("2024-03-05", "7:08"), ("2024-03-05", "17:08:09"), ("2024-03-05", "730"),
    ("2024-03-05", "5"), ("2024-03-05", "2460"), ("2024-03-05", "7:08 PM"), ("2024-03-05", "12:08am"),
    ("2024-03-05", "11:08:09 pm"), ("2024-03-05", "13:08 PM"), ("2024-03-05", "later"),
    ("2024-03-05 10:00", "7:08"), ("3/5/2024", "07:08"), ("2024-02-30", "7:08"), (None, "7:08"),
    ("1970-01-01", "7:08"),
)


def file_rows() -> list[dict]:
    rows = []
    for number, text in enumerate(DATE_TIMES):
        rows.append({"incident_number": f"T-{number}", "occurred_at": text, "offense": "Burglary",
                     "hour_written": "7" if number % 3 else None,
                     "latitude": ("41.5", "x", "", "91")[number % 4], "longitude": "-72.6"})
    for number, (day, clock) in enumerate(DATES_AND_TIMES):
        rows.append({"incident_number": f"D-{number}", "occurred_date": day, "occurred_time": clock,
                     "description": " theft  from vehicle "})
    rows.append({"incident_number": "T-0", "occurred_at": "2024-03-06"})      # the same number again
    return [{column: row.get(column) for column in COLUMNS} for row in rows]


def duckdb_stage(rows: list[dict], params: dict) -> duckdb.DuckDBPyConnection:
    from queries.migrate import apply_migrations

    con = duckdb.connect()
    apply_migrations(con)
    con.execute("create temp table incident_source (" + ", ".join(f"{c} varchar" for c in COLUMNS) + ")")
    con.executemany(f"insert into incident_source values ({', '.join('?' for _ in COLUMNS)})",
                    [[row[c] for c in COLUMNS] for row in rows])
    con.execute(load_sql("incident_stage"), params)
    return con


def postgresql_stage(url: str, rows: list[dict], params: dict) -> psycopg.Connection:
    con = psycopg.connect(url, options=PG_OPTIONS, autocommit=True)
    con.execute("create temp table incident_source (" + ", ".join(f"{c} varchar" for c in COLUMNS) + ")")
    with con.cursor() as cur:
        with cur.copy(f"copy incident_source ({', '.join(COLUMNS)}) from stdin") as copy:
            for row in rows:
                copy.write_row([row[c] for c in COLUMNS])
    con.execute(load_sql("incident_stage", engine="postgresql"), params)
    return con


STAGED = "select * from incident_stage order by line"


def typed(rows: list[tuple]) -> list[tuple]:
    return [tuple((type(value).__name__, value) for value in row) for row in rows]


@pytest.mark.parametrize("params", [
    {"time_zone": "America/New_York", "date_column": False, "offsets_local": False},
    {"time_zone": "Asia/Kolkata", "date_column": False, "offsets_local": True},
    {"time_zone": "America/New_York", "date_column": True, "offsets_local": False},
], ids=["occurred_at", "offsets_local", "date_column"])
def test_incident_stage_stages_the_same_rows_on_both_engines(postgres_url, params):
    rows = file_rows()
    with duckdb_stage(rows, params) as duck, postgresql_stage(postgres_url, rows, params) as pg:
        on_duckdb = duck.execute(STAGED).fetchall()
        on_postgresql = pg.execute(STAGED).fetchall()
    assert len(on_duckdb) == len(rows)
    # the texts read to a time are most of them, so the comparison is not of nulls alone
    assert sum(row[3] is not None for row in on_duckdb) > len(DATE_TIMES) // 2 or params["date_column"]
    different = [(d, p) for d, p in zip(typed(on_duckdb), typed(on_postgresql)) if d != p]
    assert different == []


def test_the_importer_reads_the_same_from_the_staged_rows_on_both_engines(postgres_url):
    rows = file_rows()
    params = {"time_zone": "America/New_York", "date_column": False, "offsets_local": False}
    reads = sorted(path.stem for path in SQL_DIR.glob("incident_stage_*.sql") if _reads_only(path.stem))
    different = {}
    with duckdb_stage(rows, params) as duck, postgresql_stage(postgres_url, rows, params) as pg:
        duck.execute(load_sql("incident_stage_add_coordinates"))
        pg.execute(load_sql("incident_stage_add_coordinates", engine="postgresql"))
        for name in reads:
            values = bind(name, {"limit": 20}) or {}
            on_duckdb = duck.execute(load_sql(name), values).fetchall()
            on_postgresql = [tuple(row) for row in pg.execute(load_sql(name, engine="postgresql"), values).fetchall()]
            if not ordered(name):
                on_duckdb, on_postgresql = sorted(on_duckdb, key=repr), sorted(on_postgresql, key=repr)
            if len(on_duckdb) != len(on_postgresql) or not all(close(d, p) for d, p in zip(on_duckdb, on_postgresql)):
                different[name] = (on_duckdb[:3], on_postgresql[:3])
    assert len(reads) > 5 and different == {}


# -- the figures: every metric query on the demo town, copied into PostgreSQL ------------------------

METRICS = sorted(path.stem for path in SQL_DIR.glob("metric_*.sql"))


@pytest.fixture(scope="module")
def demo_on_both(demo_file, postgres_server):
    """The demo town on DuckDB (read only) and the same rows copied into a migrated PostgreSQL."""
    duck = duckdb.connect(str(demo_file), read_only=True)
    url = postgres_server.new_database(migrated=True)
    with psycopg.connect(url, options=PG_OPTIONS) as pg:
        copied = copy_database(duck, pg)
    assert copied["events"] == duck.execute("select count(*) from main.events").fetchone()[0] > 0
    yield duck, url
    duck.close()


def parameter_sets(duck) -> dict[str, dict]:
    """Admin and a district-scoped officer, a month, a quarter and a year, a district, a category,
    a program: each set holds every parameter a metric query names (the gateway binds those a file
    takes)."""
    district, other = [r[0] for r in duck.execute(
        "select id from live.districts where kind = 'district' order by code limit 2").fetchall()]
    program, category = duck.execute(
        "select p.id, p.category from live.programs as p inner join live.events as e on e.program_id = p.id "
        "group by p.id, p.category order by count(*) desc, p.id limit 1").fetchone()
    wave = duck.execute("select min(id) from live.survey_waves").fetchone()[0]
    month = periods.last_month(DEMO_TODAY)
    quarter = periods.quarter(DEMO_TODAY.year, 3)
    year = periods.custom(date(DEMO_TODAY.year, 1, 1), DEMO_TODAY)

    def values(period: Period, **changes) -> dict:
        base = {"all_districts": True, "districts": [], "district_id": None, "category": None,
                "program_id": None, **period.params(), **period.previous().params("prev"),
                **period.year_before().params("ly"), "period_end": period.end,
                "before_start": period.start - timedelta(days=90), "before_end": period.start - timedelta(days=1),
                "after_start": period.start, "after_end": period.end, "wave_id": wave, "min_answers": 30}
        return {**base, **changes}

    return {
        "admin, a month": values(month),
        "officer of one district, a month": values(month, all_districts=False, districts=[district]),
        "admin, a year, one district": values(year, district_id=other),
        "admin, a quarter, one category": values(quarter, category=category),
        "officer of two districts, a year, one program": values(year, all_districts=False,
                                                              districts=[district, other], program_id=program),
    }


def close(a, b) -> bool:
    """Equal values of equal Python type; floats to 12 significant digits (a sum's order of
    addition differs between the engines)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))
    return a == b


@pytest.mark.parametrize("name", METRICS)
def test_metric_query_gives_the_same_rows_on_both_engines(demo_on_both, name):
    duck, url = demo_on_both
    different = {}
    rows_seen = 0
    with psycopg.connect(url, options=PG_OPTIONS) as pg:
        for label, params in parameter_sets(duck).items():
            on_duckdb = duck.execute(load_sql(name), bind(name, params)).fetchall()
            on_postgresql = [tuple(row) for row in pg.execute(load_sql(name, engine="postgresql"),
                                                              bind(name, params)).fetchall()]
            rows_seen += len(on_duckdb)
            if len(on_duckdb) != len(on_postgresql) or not all(
                    close(d, p) for d, p in zip(on_duckdb, on_postgresql)):
                different[label] = (on_duckdb[:5], on_postgresql[:5])
    assert different == {}
    assert rows_seen > 0


# -- every other query that reads, on the same copy ---------------------------------------------------

def _reads_only(name: str) -> bool:
    body = "\n".join(line for line in load_sql(name).splitlines() if not line.startswith("--")).strip().lower()
    return body.startswith(("select", "with"))


# the importer's staging queries read the temp table incident_stage (compared above through the
# query that makes it); incident_source_csv has no PostgreSQL form (DUCKDB_ONLY)
READS = sorted(name for name in (path.stem for path in SQL_DIR.glob("*.sql"))
               if _reads_only(name) and not name.startswith(("metric_", "incident_stage_"))
               and name not in DUCKDB_ONLY)

# which table a query's `$id` names, by the start of the query's name
_ID_OF = (("programs", "programs"), ("program_", "programs"), ("events", "events"), ("event_", "events"),
          ("district", "districts"), ("business", "businesses"), ("concern", "concerns"),
          ("organization", "organizations"), ("org_", "organizations"), ("user", "users"),
          ("course_cohorts", "course_cohorts"), ("cohort", "course_cohorts"),
          ("monthly_report", "monthly_reports"))


def read_values(duck, name: str, scoped: bool) -> dict:
    """A value for every parameter a read query may name, taken from the demo town: the first row
    of each kind, the latest month, and no filter where a filter may be null."""
    def first(sql: str):
        return duck.execute(sql).fetchone()[0]

    table = next((t for prefix, t in _ID_OF if name.startswith(prefix)), "programs")
    district = first("select min(id) from live.districts where kind = 'district'")
    month = periods.last_month(DEMO_TODAY)
    noon = datetime(DEMO_TODAY.year, DEMO_TODAY.month, DEMO_TODAY.day, 12)
    user = duck.execute("select id, username, email from live.users order by id limit 1").fetchone()
    values = {
        "all_districts": not scoped, "districts": [district] if scoped else [],
        **month.params(), **month.previous().params("prev"),
        "date_from": month.start, "date_to": month.end, "since": date(DEMO_TODAY.year, 1, 1),
        "today": DEMO_TODAY, "as_of": DEMO_TODAY, "start_on": month.start, "year": DEMO_TODAY.year,
        "days": 90, "overdue_days": 14, "from_utc": noon - timedelta(days=365), "until_utc": noon,
        "now": noon, "starts_at": noon,
        "id": first(f"select min(id) from live.{table}"),
        "program_id": first("select min(id) from live.programs"), "district_id": None,
        "event_id": first("select min(id) from live.events"),
        "cohort_id": first("select min(id) from live.course_cohorts"),
        "concern_id": first("select min(id) from live.concerns"),
        "business_id": first("select min(id) from live.businesses"),
        "organization_id": first("select min(id) from live.organizations"),
        "participant_id": first("select min(id) from live.participants"),
        "officer_id": user[0], "user_id": user[0], "username": user[1], "email": user[2],
        "wave_id": first("select min(id) from live.survey_waves"),
        "wave_name": first("select min(name) from live.survey_waves"),
        "program_name": first("select min(name) from live.programs"),
        "cohort_name": first("select min(name) from live.course_cohorts"),
        "code": first("select min(code) from live.districts"),
        "ids": [r[0] for r in duck.execute("select id from live.businesses order by id limit 5").fetchall()],
        "exclude_id": None, "limit": 50, "max_rows": 50, "row_limit": 50, "keep": 5,
        "token_exp": 0.0, "keep_token_exp": 0.0, "token_key": "none", "subject": "none", "issuer": "none",
        "active_only": True, "open_only": False, "mine_only": False, "deleted": False,
        "search": "a", "status": None, "category": None, "crime_type": None, "org_type": None,
        "action": None, "table_name": None, "kind": "events", "layer": "events", "cell": 0.01,
        "lookup": "none", "key": "none", "title": "none", "first_name": "none", "last_name": "none",
        "address": "none", "location": "none",
    }
    return values


def ordered(name: str) -> bool:
    return sqlglot.parse_one(load_sql(name), read="duckdb").args.get("order") is not None


@pytest.mark.parametrize("name", READS)
def test_read_query_gives_the_same_rows_on_both_engines(demo_on_both, name):
    duck, url = demo_on_both
    different = {}
    with psycopg.connect(url, options=PG_OPTIONS) as pg:
        for scoped in (False, True):
            params = bind(name, read_values(duck, name, scoped)) or {}
            on_duckdb = duck.execute(load_sql(name), params).fetchall()
            on_postgresql = [tuple(row) for row in pg.execute(load_sql(name, engine="postgresql"), params).fetchall()]
            if not ordered(name):           # rows in no stated order: compared as a set
                on_duckdb, on_postgresql = sorted(on_duckdb, key=repr), sorted(on_postgresql, key=repr)
            if len(on_duckdb) != len(on_postgresql) or not all(close(d, p) for d, p in zip(on_duckdb, on_postgresql)):
                different["district-scoped" if scoped else "admin"] = (on_duckdb[:3], on_postgresql[:3])
    assert different == {}
