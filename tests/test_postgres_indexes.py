"""The indexes PostgreSQL needs for the reads that pick a few rows out of the two largest tables.

DuckDB answers these by scanning its compressed columns; PostgreSQL scanned the whole contact log
(2 million rows in the large city, about 0.4 s) for each officer's own list. With sequential scans
switched off the planner shows whether an index can answer the query at all: a query whose filter
no index matches is still planned as a sequential scan."""

from __future__ import annotations

import psycopg
import pytest

from queries.sql_files import load_sql


@pytest.fixture
def pg(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute("set search_path = main, public")
        con.execute("set enable_seqscan = off")
        yield con


def _plan(pg, name: str, params: dict) -> str:
    rows = pg.execute("explain " + load_sql(name, "postgresql"), params).fetchall()
    return "\n".join(r[0] for r in rows)


@pytest.mark.parametrize(("query", "params", "index"), [
    ("contact_log_mine", {"officer_id": 7, "date_from": "2026-11-01", "date_to": "2026-11-30"},
     "contact_log_officer_date"),
    ("incidents_coverage", {}, "incidents_occurred_at"),
    ("offense_unmapped", {}, "incidents_unmapped"),
])
def test_an_index_answers_the_read(pg, query, params, index):
    assert index in _plan(pg, query, params)
