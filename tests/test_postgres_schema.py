"""PostgreSQL's migrations (queries/migrations/postgresql): recorded as DuckDB's are, the same schema
as a freshly migrated DuckDB file, and the keys DuckDB could not keep held by the database."""

from __future__ import annotations

import re
import threading
from datetime import date, datetime

import duckdb
import psycopg
import pytest

from queries import references
from queries.migrate import MigrationError, POSTGRES_MIGRATIONS_DIR, apply_migrations, available

# DuckDB's column types and what PostgreSQL's information_schema calls the same type
PG_TYPE = {"VARCHAR": "character varying", "INTEGER": "integer", "BIGINT": "bigint",
           "DOUBLE": "double precision", "BOOLEAN": "boolean", "DATE": "date",
           "TIMESTAMP": "timestamp without time zone"}
SCHEMAS = ("main", "live")


def pg_type(duckdb_type: str) -> str:
    if duckdb_type.endswith("[]"):
        return pg_type(duckdb_type[:-2]) + "[]"
    if duckdb_type.startswith("DECIMAL"):
        return "numeric"
    return PG_TYPE[duckdb_type]


@pytest.fixture(scope="module")
def duck() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    apply_migrations(con)
    yield con
    con.close()


@pytest.fixture
def pg(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as con:
        yield con


# -- the runner ----------------------------------------------------------------------

def test_a_fresh_database_migrates_once_and_is_recorded(postgres_server):
    expected = [m.path.name for m in available(POSTGRES_MIGRATIONS_DIR)]
    with psycopg.connect(postgres_server.new_database(), autocommit=True) as con:
        assert apply_migrations(con) == expected and expected[0] == "0016_baseline.sql"
        recorded = con.execute("select version, name, checksum from main.schema_migrations order by version").fetchall()
        assert recorded == [(m.version, m.name, m.checksum) for m in available(POSTGRES_MIGRATIONS_DIR)]
        catalog = con.execute("select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                              "where n.nspname in ('main', 'live')").fetchone()[0]
        assert catalog > 100
        assert apply_migrations(con) == []
        assert con.execute("select version, name, checksum from main.schema_migrations "
                           "order by version").fetchall() == recorded
        assert con.execute("select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                           "where n.nspname in ('main', 'live')").fetchone()[0] == catalog


def test_a_changed_applied_file_is_refused_and_a_failing_file_leaves_nothing(postgres_server, tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    # run as written: a `%` is no placeholder
    (folder / "0001_one.sql").write_text("-- 100% of x\ncreate table main.one (x integer);")
    with psycopg.connect(postgres_server.new_database(), autocommit=True) as con:
        assert apply_migrations(con, folder) == ["0001_one.sql"]
        (folder / "0001_one.sql").write_text("create table main.one (x integer, y integer);")
        (folder / "0002_two.sql").write_text("create table main.two (x integer);")
        with pytest.raises(MigrationError, match="0001_one.sql was changed after it was applied"):
            apply_migrations(con, folder)
        assert con.execute("select to_regclass('main.two')").fetchone()[0] is None

        (folder / "0001_one.sql").write_text("-- 100% of x\ncreate table main.one (x integer);")
        (folder / "0002_two.sql").write_text("create table two (x integer);\ninsert into two values (1);\n"
                                             "create table main.bad (x no_such_type);")
        with pytest.raises(psycopg.errors.UndefinedObject):
            apply_migrations(con, folder)
        assert con.execute("select to_regclass('main.two')").fetchone()[0] is None
        assert con.execute("select version from main.schema_migrations").fetchall() == [(1,)]


def test_processes_starting_at_once_apply_each_file_once(postgres_server):
    url = postgres_server.new_database()
    start = threading.Barrier(3)
    results: list[list[str]] = []

    def migrate() -> None:
        with psycopg.connect(url, autocommit=True) as con:
            start.wait()
            results.append(apply_migrations(con))

    workers = [threading.Thread(target=migrate) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    expected = [m.path.name for m in available(POSTGRES_MIGRATIONS_DIR)]
    assert len(results) == 3 and sorted(sum(results, [])) == sorted(expected)
    with psycopg.connect(url) as con:
        assert con.execute("select count(*) from main.schema_migrations").fetchone()[0] == len(expected)


def test_a_migration_inside_an_open_transaction_is_refused(postgres_server, tmp_path):
    with psycopg.connect(postgres_server.new_database()) as con:     # not autocommit
        con.execute("select 1")                                       # opens a transaction
        with pytest.raises(MigrationError, match="transaction of its own"):
            apply_migrations(con)
        con.rollback()
        assert apply_migrations(con) == [m.path.name for m in available(POSTGRES_MIGRATIONS_DIR)]
        assert con.execute("select count(*) from main.schema_migrations").fetchone()[0] == \
            len(available(POSTGRES_MIGRATIONS_DIR))


def test_the_postgresql_versions_are_versions_duckdb_has():
    duckdb_versions = {m.version for m in available()}
    postgres = available(POSTGRES_MIGRATIONS_DIR)
    assert postgres[0].version == 16 and {m.version for m in postgres} <= duckdb_versions
    # after the baseline, every DuckDB migration has its PostgreSQL twin, and the other way round
    assert {m.version for m in postgres} == {v for v in duckdb_versions if v >= 16}
    assert all(p.suffix == ".sql" for p in POSTGRES_MIGRATIONS_DIR.iterdir())


# -- the same schema as DuckDB's ---------------------------------------------------------

def _duck_columns(duck, schema: str) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = {}
    for table, column, kind, nullable, default in duck.execute(
            "select table_name, column_name, data_type, is_nullable, column_default from duckdb_columns() "
            "where database_name = current_database() and schema_name = ? order by table_name, column_index",
            [schema]).fetchall():
        found.setdefault(table, []).append((column, pg_type(kind), nullable, _default(default)))
    return found


def _pg_columns(pg, schema: str) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = {}
    for table, column, kind, element, nullable, default in pg.execute(
            "select c.table_name, c.column_name, c.data_type, e.data_type, "
            "c.is_nullable = 'YES', c.column_default "
            "from information_schema.columns c left join information_schema.element_types e "
            "on e.object_schema = c.table_schema and e.object_name = c.table_name "
            "and e.collection_type_identifier = c.dtd_identifier "
            "where c.table_schema = %s order by c.table_name, c.ordinal_position", [schema]).fetchall():
        kind = f"{element}[]" if kind == "ARRAY" else kind
        found.setdefault(table, []).append((column, kind, nullable, _default(default)))
    return found


def _default(text: str | None) -> str | None:
    """A column default in a form both engines write alike: no casts, no schema on sequences."""
    if text is None:
        return None
    text = re.sub(r"::[a-z ]+", "", text).replace("'main.", "'")
    return text


def _pg_relations(pg, schema: str, kinds: str) -> set[str]:
    return {r[0] for r in pg.execute(
        "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = %s and c.relkind::text = any(%s)", [schema, list(kinds)]).fetchall()}


def test_every_table_has_the_same_columns_types_nulls_and_defaults(duck, pg):
    duck_tables = {r[0] for r in duck.execute(
        "select table_name from duckdb_tables() where database_name = current_database()").fetchall()}
    assert {"events", "audit_log", "schema_migrations", "survey_answers", "identity_links"} <= duck_tables
    assert _pg_relations(pg, "main", "rp") == duck_tables
    duck_columns, pg_columns = _duck_columns(duck, "main"), _pg_columns(pg, "main")
    for table in sorted(duck_tables):
        assert pg_columns[table] == duck_columns[table], table


def test_a_fresh_database_holds_the_same_rows_as_a_fresh_duckdb_file(duck, pg):
    tables = [r[0] for r in duck.execute("select table_name from duckdb_tables() where database_name = "
                                         "current_database() and table_name <> 'schema_migrations'").fetchall()]
    filled = 0
    for table in tables:
        rows = _sorted(duck.execute(f'select * from main."{table}"').fetchall())
        assert _sorted(pg.execute(f'select * from main."{table}"').fetchall()) == rows, table
        filled += bool(rows)
    assert filled >= 2          # the crime types and outcome measures of 0003, at least


def test_every_live_view_has_the_same_columns(duck, pg):
    duck_views = {r[0] for r in duck.execute(
        "select view_name from duckdb_views() where database_name = current_database() "
        "and schema_name = 'live' and not internal").fetchall()}
    assert {"events", "districts", "district_rollup", "survey_answers"} <= duck_views
    assert _pg_relations(pg, "live", "v") == duck_views
    pg_columns = _pg_columns(pg, "live")
    for view in duck_views:
        # what a query of the view returns (DuckDB's catalog keeps a `select *` view's columns as they
        # were when it was made, but binds the view again when it is read): names and types
        returned = [(c, pg_type(t)) for c, t, *_ in duck.execute(f"describe select * from live.{view}").fetchall()]
        assert [c[:2] for c in pg_columns[view]] == returned, view


def test_every_sequence_index_and_key_is_there(duck, pg):
    here = "database_name = current_database()"
    assert _pg_relations(pg, "main", "S") == {r[0] for r in duck.execute(
        f"select sequence_name from duckdb_sequences() where {here}").fetchall()}
    assert {r[0] for r in duck.execute(f"select index_name from duckdb_indexes() where {here}").fetchall()} \
        <= _pg_relations(pg, "main", "i")
    keys = _pg_keys(pg)
    for table, kind, columns, target in duck.execute(
            f"select table_name, constraint_type, constraint_column_names, referenced_table "
            f"from duckdb_constraints() where {here} and constraint_type in "
            "('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY', 'CHECK')").fetchall():
        if kind == "CHECK":
            continue
        wanted = (table, {"PRIMARY KEY": "p", "UNIQUE": "u", "FOREIGN KEY": "f"}[kind], tuple(columns), target)
        assert wanted in keys, wanted
    checks = dict(duck.execute(f"select table_name, count(*) from duckdb_constraints() where {here} "
                               "and constraint_type = 'CHECK' group by table_name").fetchall())
    assert checks == dict(pg.execute(
        "select t.relname, count(*) from pg_constraint c join pg_class t on t.oid = c.conrelid "
        "join pg_namespace n on n.oid = t.relnamespace where n.nspname = 'main' and c.contype = 'c' "
        "group by t.relname").fetchall())


def _pg_keys(pg) -> set[tuple]:
    return {(table, kind, tuple(columns), target) for table, kind, columns, target in pg.execute(
        "select t.relname, c.contype::text, "
        "       array(select a.attname::text from unnest(c.conkey) with ordinality k(n, o) "
        "             join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o), "
        "       r.relname::text "
        "from pg_constraint c join pg_class t on t.oid = c.conrelid "
        "join pg_namespace n on n.oid = t.relnamespace left join pg_class r on r.oid = c.confrelid "
        "where n.nspname = 'main' and c.contype in ('p', 'u', 'f')").fetchall()}


def test_the_keys_the_gateway_checks_on_duckdb_are_in_the_database(pg):
    keys = _pg_keys(pg)
    for table, columns in references.REFERENCES.items():
        for column, target in columns.items():
            assert (table, "f", (column,), target) in keys, (table, column)
    for table, groups in references.UNIQUE.items():
        for group in groups:
            assert (table, "u", group, None) in keys, (table, group)


# -- macros as functions -------------------------------------------------------------------

ARGUMENT = {"all_districts": ("true", True), "districts": ("[]::integer[]", []),
            "of_district": ("1", 1), "period_start": ("date '2026-01-01'", date(2026, 1, 1)),
            "period_end": ("date '2026-12-31'", date(2026, 12, 31)), "as_of": ("date '2026-06-30'", date(2026, 6, 30))}


def _duck_macros(duck) -> dict[str, tuple[str, list[str]]]:
    return {name: (kind, params) for name, kind, params in duck.execute(
        "select function_name, function_type, parameters from duckdb_functions() "
        "where database_name = current_database() and not internal "
        "and function_type in ('macro', 'table_macro')").fetchall()}


def _pg_functions(pg) -> dict[str, tuple[bool, list[str]]]:
    return {name: (returns_set, list(names)) for name, returns_set, names in pg.execute(
        "select p.proname, p.proretset, "
        "       array(select a.name from unnest(p.proargnames, coalesce(p.proargmodes, "
        "             array_fill('i'::\"char\", array[p.pronargs]))) as a(name, mode) where a.mode = 'i') "
        "from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'live'").fetchall()}


def test_every_macro_is_a_function_with_the_same_arguments(duck, pg):
    macros, functions = _duck_macros(duck), _pg_functions(pg)
    assert {"in_scope", "scoped_events", "business_last_checks"} <= set(macros)
    assert set(functions) == set(macros)
    for name, (kind, params) in macros.items():
        assert functions[name] == (kind == "table_macro", params), name


def test_every_table_function_returns_the_macros_columns(duck, pg):
    for name, (kind, params) in _duck_macros(duck).items():
        if kind != "table_macro":
            continue
        duck_args = ", ".join(ARGUMENT.get(p, ("null",))[0] for p in params)
        duck_columns = [(c, pg_type(t)) for c, t, *_ in duck.execute(
            f"describe select * from live.{name}({duck_args})").fetchall()]
        # bound as the gateway binds them: Python values, None as an untyped NULL
        cursor = pg.execute(f"select * from live.{name}({', '.join(['%s'] * len(params))})",
                            [ARGUMENT.get(p, (None, None))[1] for p in params])
        pg_columns = [(c.name, pg.execute("select format_type(%s, null)", [c.type_code]).fetchone()[0])
                      for c in cursor.description]
        assert pg_columns == duck_columns, name


IN_SCOPE_CASES = [(False, [1, 2], 1), (False, [1, 2], 3), (True, [], None), (True, [], 5), (False, [], 1),
                  (False, [1, None], 3), (False, [1, None], 1), (False, None, 1), (False, [1], None),
                  (None, [1], 1), (None, [1], 2)]


def test_in_scope_answers_as_the_macro_does(duck, pg):
    for case in IN_SCOPE_CASES:
        on_duck = duck.execute("select live.in_scope($1::boolean, $2::integer[], $3::integer)", list(case)).fetchone()
        on_pg = pg.execute("select live.in_scope(%s, %s, %s)", list(case)).fetchone()
        assert on_pg == on_duck, case
    # a bound id of any size resolves (psycopg sends smallint, integer or bigint as the value needs)
    assert pg.execute("select live.in_scope(false, %s, %s)", [[70000, 2**40], 2**40]).fetchone() == (True,)


def test_the_table_functions_are_inlined_into_the_calling_query(pg):
    plan = "\n".join(r[0] for r in pg.execute(
        "explain select id from live.scoped_events(%s, %s, %s, %s, %s, %s, %s)",
        [False, [1, 2], date(2026, 1, 1), date(2026, 1, 31), 1, None, None]).fetchall())
    assert "Function Scan" not in plan and "events" in plan


# -- the keys hold, and the app's writes pass -------------------------------------------------

NOW = datetime(2026, 11, 15, 12, 0)


def _insert(pg, table: str, **values) -> dict:
    columns = {"created_by": "test", "created_at": NOW, **values}
    if table in ("user_districts", "event_officers", "event_outcomes", "event_partners"):
        columns = values
    names = ", ".join(columns)
    marks = ", ".join(f"%({c})s" for c in columns)
    cur = pg.execute(f"insert into main.{table} ({names}) values ({marks}) returning *", columns)
    return dict(zip([d.name for d in cur.description], cur.fetchone()))


def _set(pg, table: str, row: dict, **changes) -> int:
    """An update as the unit of work writes it: the version read, bumped, updated_by/at stamped."""
    changes = {**changes, "updated_by": "test", "updated_at": NOW}
    sets = ", ".join(f"{c} = %({c})s" for c in changes)
    return pg.execute(f"update main.{table} set {sets}, version = version + 1 "
                      "where id = %(id)s and version = %(version)s",
                      {**changes, "id": row["id"], "version": row["version"]}).rowcount


def _row(pg, table: str, row_id: int) -> dict:
    cur = pg.execute(f"select * from main.{table} where id = %s", [row_id])
    return dict(zip([d.name for d in cur.description], cur.fetchone()))


def _count(pg, table: str) -> int:
    return pg.execute(f"select count(*) from main.{table}").fetchone()[0]


@pytest.fixture
def world(pg) -> dict:
    north = _insert(pg, "districts", code="N", name="North")
    south = _insert(pg, "districts", code="S", name="South")
    ann = _insert(pg, "users", username="ann", display_name="Ann", role="officer", password_hash="x")
    bob = _insert(pg, "users", username="bob", display_name="Bob", role="prevention", password_hash="x")
    academy = _insert(pg, "programs", name="Citizens' Police Academy", category="education",
                      delivery_kind="course", lead_officer_id=ann["id"])
    seats = _insert(pg, "programs", name="Car seats", category="traffic_safety", delivery_kind="recurring")
    cohort = _insert(pg, "course_cohorts", program_id=academy["id"], name="Spring",
                     start_date=date(2026, 3, 1), end_date=date(2026, 4, 15))
    event = _insert(pg, "events", program_id=academy["id"], cohort_id=cohort["id"], district_id=north["id"],
                    starts_at=datetime(2026, 3, 2, 18), ends_at=datetime(2026, 3, 2, 20))
    _insert(pg, "event_officers", event_id=event["id"], user_id=ann["id"], hours=2.0)
    return {"north": north, "south": south, "ann": ann, "bob": bob, "academy": academy, "seats": seats,
            "cohort": cohort, "event": event}


def test_edits_of_referenced_rows_soft_deletes_and_restores_are_accepted(pg, world):
    academy, event = world["academy"], world["event"]
    # a program with events renamed and given another lead officer (DuckDB refused this before 0008)
    assert _set(pg, "programs", academy, name="Citizens' Academy", lead_officer_id=world["bob"]["id"]) == 1
    academy = _row(pg, "programs", academy["id"])
    assert (academy["name"], academy["lead_officer_id"], academy["version"]) == \
        ("Citizens' Academy", world["bob"]["id"], 2)
    # an event with officers moved to another program and district
    assert _set(pg, "events", event, program_id=world["seats"]["id"], district_id=world["south"]["id"],
                cohort_id=None) == 1
    assert _row(pg, "events", event["id"])["program_id"] == world["seats"]["id"]
    # a stale version changes nothing (the unit of work then reports a conflict)
    assert _set(pg, "events", event, title="stale") == 0
    # soft delete of a program that events and a cohort name: stamped, hidden from live, kept
    assert _set(pg, "programs", academy, deleted_at=NOW, deleted_by="test") == 1
    assert pg.execute("select count(*) from live.programs where id = %s", [academy["id"]]).fetchone()[0] == 0
    assert pg.execute("select count(*) from live.program_names where id = %s", [academy["id"]]).fetchone()[0] == 1
    # restored
    academy = _row(pg, "programs", academy["id"])
    assert _set(pg, "programs", academy, deleted_at=None, deleted_by=None) == 1
    assert pg.execute("select version from live.programs where id = %s", [academy["id"]]).fetchone() == (4,)
    # a district moved under another (a sector), and an account's districts replaced as replace_links does
    assert _set(pg, "districts", world["south"], parent_id=world["north"]["id"], kind="sector") == 1
    _insert(pg, "user_districts", user_id=world["ann"]["id"], district_id=world["north"]["id"])
    pg.execute("delete from main.user_districts where user_id = %s", [world["ann"]["id"]])
    _insert(pg, "user_districts", user_id=world["ann"]["id"], district_id=world["south"]["id"])
    assert pg.execute("select district_id from main.user_districts").fetchall() == [(world["south"]["id"],)]


def test_a_duplicate_a_unique_rule_forbids_is_refused_even_of_a_deleted_row(pg, world):
    seats = world["seats"]
    assert _set(pg, "programs", seats, deleted_at=NOW, deleted_by="test") == 1
    before = _count(pg, "programs")
    with pytest.raises(psycopg.errors.UniqueViolation, match="programs_name_key"):
        _insert(pg, "programs", name="Car seats", category="traffic_safety", delivery_kind="recurring")
    assert _count(pg, "programs") == before
    with pytest.raises(psycopg.errors.UniqueViolation, match="course_cohorts_program_id_name_key"):
        _insert(pg, "course_cohorts", program_id=world["academy"]["id"], name="Spring",
                start_date=date(2026, 9, 1), end_date=date(2026, 10, 15))
    with pytest.raises(psycopg.errors.UniqueViolation, match="programs_name_key"):
        _set(pg, "programs", world["academy"], name="Car seats")
    assert _row(pg, "programs", world["academy"]["id"])["name"] == "Citizens' Police Academy"
    _insert(pg, "survey_area_codes", lookup="ZIP", code="06510", district_id=world["north"]["id"])
    with pytest.raises(psycopg.errors.UniqueViolation, match="survey_area_codes_lookup_code_key"):
        _insert(pg, "survey_area_codes", lookup="ZIP", code="06510", district_id=world["south"]["id"])
    assert _count(pg, "survey_area_codes") == 1


def test_a_dangling_reference_is_refused(pg, world):
    missing = 1_000_000
    before = _count(pg, "events")
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="events_program_id_fkey"):
        _insert(pg, "events", program_id=missing, district_id=world["north"]["id"],
                starts_at=datetime(2026, 5, 1, 9), ends_at=datetime(2026, 5, 1, 10))
    assert _count(pg, "events") == before
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="events_district_id_fkey"):
        _set(pg, "events", world["event"], district_id=missing)
    assert _row(pg, "events", world["event"]["id"])["district_id"] == world["north"]["id"]
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="programs_lead_officer_id_fkey"):
        _set(pg, "programs", world["seats"], lead_officer_id=missing)
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="concern_updates_concern_id_fkey"):
        pg.execute("insert into main.concern_updates (concern_id, at_utc, by_user, note) "
                   "values (%s, %s, 'test', 'note')", [missing, NOW])
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="districts_parent_id_fkey"):
        _set(pg, "districts", world["south"], parent_id=missing)
    # a referenced row cannot be removed from under its references (the app only soft-deletes)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        pg.execute("delete from main.programs where id = %s", [world["academy"]["id"]])
    assert _count(pg, "events") == before


# -- the demo town, written by the app on DuckDB, fits the PostgreSQL schema ----------------------

def _sorted(rows) -> list[tuple]:
    return sorted((tuple(r) for r in rows), key=repr)


def test_the_demo_town_copies_whole_and_every_row_passes_the_keys(postgres_demo_url, demo_file, request):
    from tests.figures_report import report

    duck = duckdb.connect(str(demo_file), read_only=True)
    try:
        tables = [r[0] for r in duck.execute("select table_name from duckdb_tables() "
                                             "where database_name = current_database() order by 1").fetchall()]
        total = 0
        with psycopg.connect(postgres_demo_url) as pg:
            for table in tables:
                if table == "schema_migrations":
                    continue
                expected = _sorted(duck.execute(f'select * from main."{table}"').fetchall())
                assert _sorted(pg.execute(f'select * from main."{table}"').fetchall()) == expected, table
                total += len(expected)
            # the next id continues after the copied ones
            assert pg.execute("select nextval('main.seq_events')").fetchone()[0] == \
                duck.execute("select max(id) from main.events").fetchone()[0] + 1
    finally:
        duck.close()
    report(request, f"demo town on PostgreSQL: {total:,} rows in {len(tables) - 1} tables, every key held")
    assert total > 10_000


def _scopes(duck) -> list[dict]:
    districts = [r[0] for r in duck.execute("select id from live.districts order by id").fetchall()]
    program, category = duck.execute("select id, category from live.programs order by id limit 1").fetchone()
    month = {"period_start": date(2026, 10, 1), "period_end": date(2026, 10, 31), "as_of": date(2026, 10, 31)}
    year = {"period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31), "as_of": date(2026, 12, 31)}
    # a day many businesses were verified on: a check made on as_of itself counts
    busiest = duck.execute("select verified_on from main.business_verifications group by verified_on "
                           "order by count(*) desc, verified_on limit 1").fetchone()[0]
    return [
        {"all_districts": True, "districts": [], **year},
        {"all_districts": True, "districts": [], **year, "as_of": busiest},
        {"all_districts": False, "districts": districts[:1], **month},
        {"all_districts": False, "districts": districts[1:3], **year, "only_district": districts[1]},
        {"all_districts": True, "districts": [], **year, "only_category": category},
        {"all_districts": True, "districts": [], **month, "only_program": program},
        {"all_districts": False, "districts": [], **year},
    ]


def test_each_table_function_returns_the_macros_rows_on_the_demo_town(postgres_demo_url, demo_file, request):
    from tests.figures_report import report

    duck = duckdb.connect(str(demo_file), read_only=True)
    compared = 0
    try:
        macros = {n: p for n, (kind, p) in _duck_macros(duck).items() if kind == "table_macro"}
        scopes = _scopes(duck)
        with psycopg.connect(postgres_demo_url) as pg:
            for scope in scopes:
                for name, params in macros.items():
                    values = [scope.get(p) for p in params]
                    marks = ", ".join(f"${i + 1}" for i in range(len(params)))
                    on_duck = _sorted(duck.execute(f"select * from live.{name}({marks})", values).fetchall())
                    on_pg = _sorted(pg.execute(f"select * from live.{name}({', '.join(['%s'] * len(params))})",
                                               values).fetchall())
                    assert on_pg == on_duck, (name, scope)
                    compared += len(on_duck)
    finally:
        duck.close()
    report(request, f"table functions against DuckDB's macros: {compared:,} rows alike, "
                    f"{len(macros)} functions in {len(scopes)} scopes")
    assert compared > 1_000
