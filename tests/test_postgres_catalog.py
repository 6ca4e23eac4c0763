"""The catalog on PostgreSQL (queries/catalog.py): read from pg_catalog in one statement, it is the
catalog information_schema gives, and the one DuckDB gives for the same migrations: every table,
its columns in order, and its primary key in order (composite keys included)."""

from __future__ import annotations

import time

import pytest

from queries.catalog import Catalog
from queries.db import Database
from queries.postgresql_db import PostgresDatabase
from tests.figures_report import report

pytest_plugins = ["tests.postgres_support"]


@pytest.fixture
def pg(postgres_url):
    database = PostgresDatabase(postgres_url)
    yield database
    database.close()


def timed(read) -> tuple[Catalog, float]:
    started = time.perf_counter()
    catalog = read()
    return catalog, time.perf_counter() - started


def test_the_catalog_read_from_pg_catalog_is_the_information_schema_one(pg, request):
    with pg.cursor() as cur:
        from_information_schema, slow = timed(lambda: Catalog.read(cur))        # the statements DuckDB's uses
        from_pg_catalog, quick = timed(lambda: Catalog.read(cur, "postgresql"))
    assert len(from_pg_catalog.tables) > 40
    assert from_pg_catalog == from_information_schema
    assert pg.catalog == from_information_schema                              # what the gateway reads
    assert from_pg_catalog.table("user_districts").key == ("user_id", "district_id")
    assert from_pg_catalog.table("survey_comments").key == ("wave_id", "respondent", "question")
    report(request, f"{len(from_pg_catalog.tables)} tables: information_schema {slow * 1000:.0f} ms, "
                    f"pg_catalog {quick * 1000:.0f} ms (wall clock, machine shared)")


def test_the_catalog_is_the_same_on_both_engines(pg, tmp_path):
    duck = Database(tmp_path / "fresh.duckdb")      # every DuckDB migration, replayed
    try:
        assert pg.catalog == duck.catalog
    finally:
        duck.close()
