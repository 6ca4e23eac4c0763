"""queries/schema.sql, the current shape of the database, is what the migrations build today."""

from __future__ import annotations

import difflib
import re
import shutil

import duckdb
import pytest

from queries.migrate import MIGRATIONS_DIR, apply_migrations
from queries.schema_dump import COMMAND, ROWS, SCHEMA_FILE, generate


def migrated() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    apply_migrations(con)
    return con


def test_schema_sql_is_current(tmp_path):
    fresh = generate(tmp_path / "schema.sql").read_text(encoding="utf-8")
    committed = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
    if committed != fresh:
        diff = "".join(list(difflib.unified_diff(committed.splitlines(True), fresh.splitlines(True),
                                                 "queries/schema.sql (committed)", "from the migrations"))[:60])
        pytest.fail(f"queries/schema.sql is not what the migrations build: run `{COMMAND}` and commit it.\n{diff}")


def _created(text: str, kind: str) -> set[str]:
    return set(re.findall(rf"^create (?:unique )?{kind} ([a-z_.]+)", text, re.MULTILINE))


def test_schema_sql_has_every_table_view_macro_index_and_sequence():
    text = SCHEMA_FILE.read_text(encoding="utf-8")
    con = migrated()
    here = "database_name = current_database()"
    tables = {r[0] for r in con.execute(f"select table_name from duckdb_tables() where {here}").fetchall()}
    views = {f"{s}.{v}" for s, v in con.execute(
        f"select schema_name, view_name from duckdb_views() where {here} and not internal").fetchall()}
    macros = {f"{s}.{f}" for s, f in con.execute(
        f"select schema_name, function_name from duckdb_functions() where {here} and not internal "
        "and function_type in ('macro', 'table_macro')").fetchall()}
    indexes = {r[0] for r in con.execute(f"select index_name from duckdb_indexes() where {here}").fetchall()}
    sequences = {r[0] for r in con.execute(f"select sequence_name from duckdb_sequences() where {here}").fetchall()}
    assert {"events", "audit_log", "schema_migrations"} <= tables and "live.business_last_checks" in macros
    assert _created(text, "table") == tables
    assert _created(text, "view") == views
    assert _created(text, "macro") == macros
    assert _created(text, "index") == indexes
    assert _created(text, "sequence") == sequences


def test_every_table_says_what_a_row_is():
    tables = {r[0] for r in migrated().execute(
        "select table_name from duckdb_tables() where database_name = current_database()").fetchall()}
    described = {table for group in ROWS.values() for table in group}
    assert tables - described == set(), "add what a row is to ROWS in queries/schema_dump.py"
    assert described - tables == set(), "ROWS in queries/schema_dump.py names tables that no longer exist"


def test_a_new_migrations_macro_and_its_comment_reach_the_file(tmp_path):
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder)
    (folder / "9999_probe.sql").write_text(
        "-- The districts numbered up to n.\n"
        "create macro live.probe_rows(n) as table select id from main.districts where id <= n;\n"
        "create macro live.probe_twice(x) as x * 2;\n", encoding="utf-8")
    text = generate(tmp_path / "schema.sql", folder).read_text(encoding="utf-8")
    assert "9999_probe" in text.split("\n\n")[0]          # the header names the latest migration
    assert ("-- The districts numbered up to n.\ncreate macro live.probe_rows(n) as table\n"
            "    select id\n    from main.districts\n    where (id <= n);") in text
    assert "create macro live.probe_twice(x) as\n    (x * 2);" in text
