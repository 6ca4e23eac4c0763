"""Named queries learn their parameters from their own text: the gateway binds only those."""

from __future__ import annotations

import duckdb
import pytest

from queries.access import read_scope
from queries.actor import SYSTEM
from queries.sql_files import SQL_DIR, parameters_of, sql_parameters


def test_parameters_are_read_from_the_sql_not_from_its_comments_or_strings():
    text = ("-- params: $in_comment\n"
            "select $first::integer as a, '$in_string' as b, $second::date as c /* $in_block */\n"
            "where $first::integer is not null")
    assert parameters_of(text) == frozenset({"first", "second"})


def test_every_named_query_has_its_parameters_learned_once():
    for path in SQL_DIR.glob("*.sql"):
        learned = sql_parameters(path.stem)
        assert learned is sql_parameters(path.stem), path.name    # cached, not parsed again
        assert all(name.isidentifier() for name in learned), path.name
    assert sql_parameters("metric_concerns") == frozenset(
        {"start_date", "end_date", "all_districts", "districts", "district_id"})


def test_the_gateway_binds_only_the_parameters_a_query_names(db):
    every = {**read_scope(SYSTEM), "start_date": "2026-01-01", "end_date": "2026-11-22",
             "district_id": None, "category": None, "program_id": None}
    row = db.one("metric_businesses", **every)          # names end_date and the scope, not the rest
    assert row["businesses"] == 0
    assert db.scalar("setting_value", key="no-such-setting", unused="ignored") is None


def test_a_parameter_the_query_needs_is_still_required(db):
    with pytest.raises(duckdb.Error, match="(?i)param"):
        db.one("metric_businesses", end_date="2026-11-22", district_id=None)
