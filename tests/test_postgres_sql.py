"""The PostgreSQL form of the named queries (queries/postgresql_sql.py, queries/sql_postgresql/).

The files are current (generated again in memory and compared), every named query has one, each
fix-up rule does what it says on a tiny DuckDB query, and every named query prepares on a
PostgreSQL database built by the PostgreSQL migrations, with the parameters of its DuckDB file.
"""

from __future__ import annotations

import re
import shutil

import psycopg
import pytest

from core.incident_import import FIELDS
from queries import postgresql_sql
from queries.postgresql_sql import DUCKDB_ONLY, HAND_WRITTEN, POSTGRESQL_DIR, query_names, stale_files, translate
from queries.sql_files import load_sql, sql_parameters

pytest_plugins = ["tests.postgres_support"]

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def one_line(duckdb_sql: str) -> str:
    return translate(duckdb_sql, pretty=False)


# -- the files ---------------------------------------------------------------------------------

def test_the_postgresql_files_are_current():
    assert stale_files() == [], "run .venv/bin/python scripts/postgres_sql.py and commit the files"


def test_a_stale_missing_or_left_over_file_is_named(tmp_path, monkeypatch):
    copy = tmp_path / "sql_postgresql"
    shutil.copytree(POSTGRESQL_DIR, copy)
    monkeypatch.setattr(postgresql_sql, "POSTGRESQL_DIR", copy)
    (copy / "districts_list.sql").write_text("select 1\n", encoding="utf-8")
    (copy / "users_list.sql").unlink()
    (copy / "no_such_query.sql").write_text("select 1\n", encoding="utf-8")
    (copy / "login_locks_upsert.sql").write_text("insert into login_locks ...\n", encoding="utf-8")
    found = stale_files()
    assert "districts_list: stale" in found
    assert "users_list: missing" in found
    assert any(line.startswith("no_such_query: ") for line in found)
    assert any(line.startswith("login_locks_upsert: hand-written file without") for line in found)
    assert len(found) == 4


def test_every_named_query_has_a_postgresql_form_or_a_reason():
    names = set(query_names())
    assert set(HAND_WRITTEN) <= names and set(DUCKDB_ONLY) <= names
    assert not set(HAND_WRITTEN) & set(DUCKDB_ONLY)
    for name in sorted(names - set(DUCKDB_ONLY)):
        assert load_sql(name, engine="postgresql").strip(), name
    for name, reason in {**HAND_WRITTEN, **DUCKDB_ONLY}.items():
        assert len(reason) > 20, name


def test_each_postgresql_form_takes_the_parameters_of_its_duckdb_file():
    for name in sorted(set(query_names()) - set(DUCKDB_ONLY)):
        text = load_sql(name, engine="postgresql")
        assert set(_PLACEHOLDER.findall(text)) == set(sql_parameters(name)), name


def test_each_postgresql_form_reads_as_psycopg_placeholders():
    # psycopg reads every '%' of the text: a lone one (a LIKE pattern, modulo, a comment) is an error
    for name in sorted(set(query_names()) - set(DUCKDB_ONLY)):
        text = load_sql(name, engine="postgresql")
        leftover = _PLACEHOLDER.sub("", text).replace("%%", "")
        assert "%" not in leftover, name


# -- the fix-up rules, each on a tiny query -------------------------------------------------------

def test_parameters_become_psycopg_placeholders_and_every_other_percent_is_doubled():
    assert one_line("select a from t where a like '%x' and b % 2 = $c") == (
        "SELECT a FROM t WHERE a LIKE '%%x' AND b %% 2 = %(c)s")


def test_comments_are_left_out_of_the_statement():
    assert one_line("select 1 -- 100% sure\n") == "SELECT 1"


def test_try_cast_stays_null_on_a_bad_value():
    assert one_line("select try_cast(x as bigint) from t") == (
        r"SELECT CASE WHEN CAST(x AS TEXT) ~ '^\s*[+-]?[0-9]{1,18}\s*$' THEN CAST(x AS BIGINT) END FROM t")


def test_try_cast_to_a_type_without_a_shape_is_refused():
    with pytest.raises(ValueError, match="try_cast to DATE"):
        one_line("select try_cast(x as date) from t")


def test_any_value_is_min():
    assert one_line("select any_value(x) from t") == "SELECT MIN(x) FROM t"
    assert one_line("select any_value(x ignore nulls) from t") == "SELECT MIN(x) FROM t"


def test_round_of_a_double_rounds_a_numeric_and_returns_a_double():
    assert one_line("select round(x / 3, 1) from t") == (
        "SELECT CAST(ROUND(CAST(CAST(x AS DOUBLE PRECISION) / 3 AS DECIMAL), 1) AS DOUBLE PRECISION) FROM t")


def test_unnest_of_a_series_is_the_series_of_timestamps():
    assert one_line("select unnest(generate_series($a::date, $b::date, interval 1 month)) as m") == (
        "SELECT GENERATE_SERIES(CAST(CAST(%(a)s AS DATE) AS TIMESTAMP), CAST(CAST(%(b)s AS DATE) AS TIMESTAMP), "
        "INTERVAL '1 MONTH') AS m")


def test_make_date_is_postgresql_make_date():
    assert one_line("select make_date($year::integer, 12, 31)") == "SELECT MAKE_DATE(CAST(%(year)s AS INT), 12, 31)"


def test_to_days_is_a_number_of_days():
    assert one_line("select $d::date - to_days($n::integer)") == (
        "SELECT CAST(%(d)s AS DATE) - ((CAST(%(n)s AS INT)) * INTERVAL '1 DAY')")


def test_contains_is_strpos():
    assert one_line("select contains(a, 'x') from t") == "SELECT STRPOS(a, 'x') > 0 FROM t"


def test_hour_is_extracted_as_a_bigint():
    assert one_line("select hour(ts) from t") == "SELECT CAST(EXTRACT(hour FROM ts) AS BIGINT) FROM t"


def test_thousands_format_is_to_char():
    assert one_line("select format('{:,}', n) from t") == "SELECT TO_CHAR(n, 'FM999,999,999,999,999,990') FROM t"


def test_regexp_extract_gives_an_empty_text_where_nothing_matches():
    assert one_line("select regexp_extract(u, '[0-9]+$') from t") == (
        "SELECT CASE WHEN u IS NULL THEN NULL ELSE COALESCE((REGEXP_MATCH(u, '([0-9]+$)'))[1], '') END FROM t")


def test_group_by_all_names_the_grouped_columns_by_place():
    assert one_line("select a, b, count(*) from t group by all") == "SELECT a, b, COUNT(*) FROM t GROUP BY 1, 2"


def test_a_subquery_in_from_gets_a_name():
    assert one_line("select * from (select 1 as a)") == "SELECT * FROM (SELECT 1 AS a) AS from_0_query"


def test_an_untyped_empty_list_and_star_replace_are_refused_with_the_convention():
    with pytest.raises(ValueError, match=r"\[\]::integer\[\]"):
        one_line("select coalesce(l, []) from t")
    assert one_line("select coalesce(l, []::integer[]) from t") == "SELECT COALESCE(l, CAST(ARRAY[] AS INT[])) FROM t"
    with pytest.raises(ValueError, match="name the columns"):
        one_line("select * replace (a + 1 as a) from t")
    with pytest.raises(ValueError, match="name the columns"):
        one_line("select * exclude (a) from t")


# -- every named query prepares on the migrated PostgreSQL schema ---------------------------------

# What the importers register as temp relations on the connection before their queries run (DuckDB
# registers a frame; on PostgreSQL they are temp tables filled by COPY), with the columns they read.
STAND_INS = (
    "create temp table incident_source (" + ", ".join(f"{field} varchar" for field in (*FIELDS, "hour_written")) + ")",
    "create temp table incident_coordinates (line bigint, latitude double precision, "
    "longitude double precision, coordinates varchar)",
    "create temp table incident_located (line bigint, district_id integer)",
    "create temp table incident_district_keys (source_district varchar, district_id integer, district_rule varchar)",
    "create temp table survey_comment_rows (respondent integer, question varchar, answer varchar)",
)
# Run, not only prepared: the importer's staging table that the later import queries read
STAGING = ("incident_stage", "incident_stage_add_coordinates")


def numbered(text: str) -> str:
    """psycopg's `%(name)s` as PostgreSQL's `$n` (one number a name, as psycopg sends them)."""
    numbers: dict[str, int] = {}

    def number(match: re.Match) -> str:
        return f"${numbers.setdefault(match.group(1), len(numbers) + 1)}"

    return _PLACEHOLDER.sub(number, text).replace("%%", "%")


def prepare_errors(con: psycopg.Connection, texts: dict[str, str]) -> dict[str, str]:
    """name -> PostgreSQL's error, for each query text that does not prepare (parameters left
    untyped, as the server then infers every parameter's type from the query itself)."""
    errors = {}
    for place, (name, text) in enumerate(sorted(texts.items())):
        statement = f"q{place}".encode()
        con.pgconn.exec_(b"savepoint prepared")      # a query that does not prepare spoils only itself
        result = con.pgconn.prepare(statement, numbered(text).encode(), None)
        if result.status != psycopg.pq.ExecStatus.COMMAND_OK:
            errors[name] = result.error_field(psycopg.pq.DiagnosticField.MESSAGE_PRIMARY).decode()
        con.pgconn.exec_(b"rollback to savepoint prepared")
    return errors


@pytest.fixture
def staged(postgres_url):
    """A connection to a migrated database, in a transaction (rolled back at the end) holding the
    importers' temp relations and the incident staging table."""
    with psycopg.connect(postgres_url, options="-c search_path=main,public") as con:
        for statement in STAND_INS:
            con.execute(statement)
        con.execute(load_sql("incident_stage", engine="postgresql"),
                    {"time_zone": "America/New_York", "date_column": False, "offsets_local": False})
        con.execute(load_sql("incident_stage_add_coordinates", engine="postgresql"))
        yield con
        con.rollback()


def test_every_named_query_prepares_on_postgresql(staged):
    names = [name for name in query_names() if name not in DUCKDB_ONLY and name not in STAGING]
    assert prepare_errors(staged, {name: load_sql(name, engine="postgresql") for name in names}) == {}


def test_a_query_that_does_not_fit_the_schema_is_named_with_the_error(staged):
    errors = prepare_errors(staged, {"fits": "select name from live.districts where id = %(id)s",
                                     "does_not": "select title from live.districts where id = %(id)s"})
    assert errors == {"does_not": 'column "title" does not exist'}
