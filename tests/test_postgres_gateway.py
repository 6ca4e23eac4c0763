"""The gateway on PostgreSQL (server mode): the same writes as on DuckDB, and what must stay exact
when several app processes write to one database at once.

The core cases of tests/test_gateway.py run here unchanged on a PostgreSQL database. Two database
objects on one database stand for two app processes: each has its own pool of connections, so
their units of work are separate transactions that meet only in the database.
"""

from __future__ import annotations

import json
import threading
import time

import duckdb
import pandas as pd
import psycopg
import pytest

from queries.actor import SYSTEM
from queries.db import Database, open_database
from queries.errors import ConflictError, ConstraintViolation, ValidationError
from queries.postgresql_db import PostgresDatabase
from tests import test_gateway as gateway_cases

# the cases of tests/test_gateway.py that say nothing engine-specific
SHARED_CASES = [
    gateway_cases.test_each_write_leaves_exactly_one_audit_row_per_changed_record,
    gateway_cases.test_a_failing_unit_of_work_leaves_no_row_and_no_audit_row,
    gateway_cases.test_an_exception_in_caller_code_rolls_back_everything,
    gateway_cases.test_a_stale_version_is_rejected_and_changes_nothing,
    gateway_cases.test_soft_deleted_rows_disappear_from_queries_and_can_be_restored,
    gateway_cases.test_a_refused_write_changes_nothing_and_is_audited_as_denied,
    gateway_cases.test_bulk_insert_is_one_statement_and_one_import_audit_row,
    gateway_cases.test_values_are_bound_not_spliced,
    gateway_cases.test_unknown_identifiers_are_refused_before_any_sql_runs,
    gateway_cases.test_a_district_other_records_refer_to_can_still_be_updated_and_deleted,
]

PROGRAM = {"category": "youth", "delivery_kind": "one_off"}


@pytest.fixture
def pg(postgres_url) -> PostgresDatabase:
    database = open_database(postgres_url)
    yield database
    database.close()


@pytest.fixture
def pg_pair(postgres_url) -> tuple[PostgresDatabase, PostgresDatabase]:
    """Two app processes' gateways on one database."""
    first, second = open_database(postgres_url), open_database(postgres_url)
    yield first, second
    first.close()
    second.close()


def audit_rows(db) -> list[dict]:
    return gateway_cases.audit_rows(db)


def stored(db, sql: str, **params) -> list[tuple]:
    with db.cursor() as cur:
        return cur.execute(sql, params).fetchall()


def waiting_for_a_lock(db, count: int = 1, within: float = 10.0) -> None:
    """Return once `count` other connections wait for a row lock (the second writer is blocked)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        waiting = stored(db, "select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                             "and datname = current_database()")[0][0]
        if waiting >= count:
            return
        time.sleep(0.02)
    raise AssertionError("the second writer never waited for the first one's lock")


class Background:
    """Run `work()` on a thread; `result()` returns what it returned or raises what it raised."""

    def __init__(self, work):
        self._outcome: list = []
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True)
        self._thread.start()

    def _run(self, work) -> None:
        try:
            self._outcome.append(("value", work()))
        except BaseException as error:     # handed to the test's thread
            self._outcome.append(("error", error))

    def result(self, timeout: float = 30.0):
        self._thread.join(timeout)
        assert self._outcome, "the background unit of work did not finish"
        kind, value = self._outcome[0]
        if kind == "error":
            raise value
        return value


# -- the switch ----------------------------------------------------------------------------

def test_a_url_opens_postgresql_and_a_path_opens_duckdb(postgres_url, tmp_path, monkeypatch):
    pg = open_database(postgres_url)
    duck = open_database(tmp_path / "file.duckdb")
    try:
        assert isinstance(pg, PostgresDatabase) and isinstance(duck, Database)
        assert stored(pg, "select count(*) from main.schema_migrations")[0][0] >= 2
        assert pg.catalog.table("events").key == duck.catalog.table("events").key == ("id",)
        assert pg.catalog.tables.keys() == duck.catalog.tables.keys()
        assert all(pg.catalog.tables[t].columns == duck.catalog.tables[t].columns for t in duck.catalog.tables)
    finally:
        pg.close()
        duck.close()
    monkeypatch.setenv("COMMUNITY_DB", postgres_url)
    from_environment = open_database()
    try:
        assert isinstance(from_environment, PostgresDatabase)
    finally:
        from_environment.close()


def test_the_password_never_shows_in_the_database_name():
    from queries.postgresql_db import shown_url

    assert shown_url("postgresql://app:s3cret@db.example:5432/community") == "postgresql://app@db.example:5432/community"
    assert shown_url("postgresql://app@db/community") == "postgresql://app@db/community"


# -- the same writes as on DuckDB ------------------------------------------------------------

@pytest.mark.parametrize("case", SHARED_CASES, ids=lambda case: case.__name__.removeprefix("test_"))
def test_the_gateway_cases_hold_on_postgresql(case, pg):
    case(pg)


def test_a_constraint_the_database_enforces_raises_what_code_written_for_duckdb_catches(pg):
    # districts.code is unique in both schemas and no gateway check knows it: the database refuses
    with pytest.raises(ConstraintViolation) as refused:
        with pg.unit_of_work(SYSTEM) as uow:
            uow.insert("districts", {"code": "N", "name": "North"})
            uow.insert("districts", {"code": "N", "name": "Duplicate code"})
    assert isinstance(refused.value, duckdb.ConstraintException)
    assert refused.value.sqlstate == "23505" and refused.value.constraint == "districts_code_key"
    assert isinstance(refused.value.__cause__, psycopg.errors.UniqueViolation)


def test_a_duplicate_is_refused_with_the_message_duckdb_gives(pg, db):
    messages = []
    for database in (db, pg):
        with database.unit_of_work(SYSTEM) as uow:
            uow.insert("programs", {"name": "Block Watch", **PROGRAM})
        with pytest.raises(ValidationError) as refused:
            with database.unit_of_work(SYSTEM) as uow:
                uow.insert("programs", {"name": "Block Watch", **PROGRAM})
        messages.append((refused.value.problems, str(refused.value)))
        assert [r["action"] for r in audit_rows(database)] == ["create"]
    assert messages[0] == messages[1] == (
        {"name": "a program with name 'Block Watch' already exists."},
        "name: a program with name 'Block Watch' already exists.")


def test_a_bulk_insert_through_copy_checks_references_and_keeps_gaps(pg):
    with pg.unit_of_work(SYSTEM) as uow:
        north = uow.insert("districts", {"code": "N", "name": "North"})["id"]
    # a district column with a gap is float in pandas: the rows still go in as integers and nulls
    frame = pd.DataFrame({"name": ["Deli", "Bakery", "Garage"], "address": ["1 Main", "2 Main", "3 Main"],
                          "district_id": [north, None, north]})
    with pg.unit_of_work(SYSTEM) as uow:
        assert uow.bulk_insert("businesses", frame, detail="file.csv") == 3
    assert stored(pg, "select name, district_id from main.businesses order by name") == [
        ("Bakery", None), ("Deli", north), ("Garage", north)]
    dangling = pd.DataFrame({"name": ["Florist"], "address": ["4 Main"], "district_id": [north + 99]})
    with pytest.raises(ValidationError) as refused:
        with pg.unit_of_work(SYSTEM) as uow:
            uow.bulk_insert("businesses", dangling)
    assert refused.value.problems == {"district": f"there is no district with id {north + 99}."}
    assert stored(pg, "select count(*) from main.businesses") == [(3,)]
    imports = [json.loads(r["detail"]) for r in audit_rows(pg) if r["action"] == "import"]
    assert imports == [{"rows": 3, "detail": "file.csv"}]


def test_a_write_without_returning_answers_with_its_count_on_both_engines(pg, db):
    answers = []
    for database in (db, pg):
        with database.unit_of_work(SYSTEM) as uow:
            uow.insert("districts", {"code": "N", "name": "North"})
            uow.insert("districts", {"code": "S", "name": "South"})
        with database.cursor() as cur:
            changed = cur.execute("update main.districts set population = $n where code <> $code",
                                  {"n": 100, "code": "none"})
            count, after = changed.fetchone(), changed.fetchone()
            selected = cur.execute("select code from main.districts where population = 100 order by code")
            answers.append((count, after, selected.fetchall()))
    assert answers[0] == answers[1] == ((2,), None, [("N",), ("S",)])


# -- two processes at once ---------------------------------------------------------------

def test_two_processes_saving_one_version_get_one_save_and_one_conflict(pg_pair):
    first, second = pg_pair
    with first.unit_of_work(SYSTEM) as uow:
        district = uow.insert("districts", {"code": "N", "name": "North"})
    first_saving = threading.Event()
    first_may_commit = threading.Event()

    def first_save():
        with first.unit_of_work(SYSTEM) as uow:
            saved = uow.update("districts", district["id"], 1, {"name": "North End"})
            first_saving.set()
            assert first_may_commit.wait(30)
        return saved

    saving = Background(first_save)
    assert first_saving.wait(30)
    # the second process read version 1 too (the first has not committed) and saves against it
    assert stored(second, "select version from main.districts") == [(1,)]

    def second_save():
        with second.unit_of_work(SYSTEM) as uow:
            return uow.update("districts", district["id"], 1, {"name": "Northside"})

    competing = Background(second_save)
    waiting_for_a_lock(first)          # the second update waits for the first's row lock
    first_may_commit.set()
    assert saving.result()["version"] == 2
    with pytest.raises(ConflictError) as conflict:
        competing.result()
    assert conflict.value.current["name"] == "North End" and conflict.value.current["version"] == 2
    assert stored(first, "select name, version from main.districts") == [("North End", 2)]
    assert [r["action"] for r in audit_rows(first)] == ["create", "update"]


def test_two_processes_adding_one_name_store_it_once_and_refuse_the_other_with_the_app_message(pg_pair):
    first, second = pg_pair
    first_inserted = threading.Event()
    first_may_commit = threading.Event()

    def first_add():
        with first.unit_of_work(SYSTEM) as uow:
            uow.insert("programs", {"name": "Block Watch", **PROGRAM})
            first_inserted.set()
            assert first_may_commit.wait(30)

    adding = Background(first_add)
    assert first_inserted.wait(30)

    def second_add():
        # the gateway's own check cannot see the first's uncommitted row: the database's
        # unique constraint is what refuses this one
        with second.unit_of_work(SYSTEM) as uow:
            uow.insert("programs", {"name": "Block Watch", **PROGRAM})

    competing = Background(second_add)
    waiting_for_a_lock(first)
    first_may_commit.set()
    adding.result()
    with pytest.raises(ValidationError) as refused:
        competing.result()
    assert refused.value.problems == {"name": "a program with name 'Block Watch' already exists."}
    assert stored(first, "select name from main.programs") == [("Block Watch",)]
    assert [(r["action"], r["table_name"]) for r in audit_rows(first)] == [("create", "programs")]


def test_a_unit_of_work_goes_on_after_the_database_refused_one_of_its_writes(pg_pair):
    """After a refused write that the app reports as a ValidationError (an import row), the
    transaction is still usable, as after the gateway's own check: a savepoint undid the write."""
    first, second = pg_pair
    first_inserted, first_may_commit = threading.Event(), threading.Event()

    def first_add():
        with first.unit_of_work(SYSTEM) as uow:
            uow.insert("programs", {"name": "Bike Safety", **PROGRAM})
            first_inserted.set()
            assert first_may_commit.wait(30)

    adding = Background(first_add)
    assert first_inserted.wait(30)

    def second_import():
        problems = []
        with second.unit_of_work(SYSTEM) as uow:
            for name in ("Bike Safety", "Senior Safety"):
                try:
                    uow.insert("programs", {"name": name, **PROGRAM})
                except ValidationError as error:
                    problems.append(error.problems)
        return problems

    importing = Background(second_import)
    waiting_for_a_lock(first)
    first_may_commit.set()
    adding.result()
    assert importing.result() == [{"name": "a program with name 'Bike Safety' already exists."}]
    assert stored(first, "select name from main.programs order by name") == [("Bike Safety",), ("Senior Safety",)]


# -- cached figures go stale in every process ----------------------------------------------------

def test_a_save_in_one_process_changes_the_data_version_every_process_reads(pg_pair):
    first, second = pg_pair
    seen = second.data_version()
    assert second.write_count == seen

    with first.unit_of_work(SYSTEM) as uow:
        uow.insert("districts", {"code": "N", "name": "North"})
        assert second.data_version() == seen          # not before the save commits
    assert first.write_count == seen + 1
    assert second.write_count == seen                 # kept until the next read (once per rerun)
    assert second.data_version() == seen + 1 and second.write_count == seen + 1

    # sign-in bookkeeping changes nothing a page counts: the version stays
    with first.unit_of_work(SYSTEM, figures=False) as uow:
        uow.audit("sign_in", "users", 1, way_in="password")
    assert second.data_version() == seen + 1

    # a unit of work that fails counts nothing
    with pytest.raises(RuntimeError):
        with first.unit_of_work(SYSTEM) as uow:
            uow.insert("districts", {"code": "S", "name": "South"})
            raise RuntimeError("the page failed half way")
    assert second.data_version() == seen + 1


def test_duckdb_counts_its_own_saves_as_before(db):
    assert db.data_version() == db.write_count == 0
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("districts", {"code": "N", "name": "North"})
    with db.unit_of_work(SYSTEM, figures=False) as uow:
        uow.audit("sign_in", "users", 1, way_in="password")
    assert db.write_count == db.data_version() == 1
    # the row in the database is PostgreSQL's: DuckDB's one process leaves it as it is
    assert stored(db, "select version from main.data_version") == [(0,)]


def test_a_cached_list_goes_stale_when_another_process_saves(pg_pair):
    from components.figures import cached
    from core.districts import all_districts

    app, other = pg_pair                     # `app` serves pages; `other` is a second app process
    with other.unit_of_work(SYSTEM) as uow:
        uow.insert("districts", {"code": "N", "name": "North"})
    app.data_version()                       # a rerun starts (app.py)
    assert [d["code"] for d in cached(all_districts, app)] == ["N"]
    with other.unit_of_work(SYSTEM) as uow:
        uow.insert("districts", {"code": "S", "name": "South"})
    assert [d["code"] for d in cached(all_districts, app)] == ["N"]     # within the same rerun: cached
    app.data_version()                       # the next rerun
    assert [d["code"] for d in cached(all_districts, app)] == ["N", "S"]


# -- the app on PostgreSQL -------------------------------------------------------------------

def test_every_role_signs_in_and_sees_the_overview_on_postgresql(pg, monkeypatch):
    from core import users
    from tests.apptest_support import ACCOUNTS, PASSWORD, signed_in

    with pg.unit_of_work(SYSTEM) as uow:
        uow.insert("districts", {"code": "N", "name": "North"})
    for role, username in ACCOUNTS.items():
        users.add_user(pg, SYSTEM, username, username.title(), role, PASSWORD,
                       ["N"] if role == "officer" else [], temporary=False)
    monkeypatch.setenv("COMMUNITY_DB", pg.url)
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    from components.database import close

    try:
        for username in ACCOUNTS.values():
            at = signed_in(username)
            assert not at.exception, (username, [e.value for e in at.exception])
            assert [t.value for t in at.title] == ["Overview"], username
    finally:
        close(pg.url)                        # the app's own pool on this database
    signed_in_rows = stored(pg, "select username from main.audit_log where action = 'sign_in' order by id")
    assert [r[0] for r in signed_in_rows] == list(ACCOUNTS.values())


def test_a_frame_has_the_column_types_duckdb_gives(pg, db):
    frames = []
    for database in (db, pg):
        with database.unit_of_work(SYSTEM) as uow:
            north = uow.insert("districts", {"code": "N", "name": "North", "population": 1200})
            uow.insert("districts", {"code": "S", "name": "South"})
            uow.update("districts", north["id"], 1, {"name": "North End"})
        with database.cursor() as cur:
            frames.append(cur.execute(
                "select id, code, population, population > 1000 as large, version, created_at, updated_at, "
                "cast(created_at as date) as created_on, cast(population as double precision) / 2 as half "
                "from main.districts order by code").df())
    duck, postgres = frames
    assert postgres.dtypes.to_dict() == duck.dtypes.to_dict()
    assert postgres.drop(columns=["created_at", "updated_at", "created_on"]).equals(
        duck.drop(columns=["created_at", "updated_at", "created_on"]))


# pages that do not run on PostgreSQL yet, each with what it needs (none: the Backup page keeps a
# server database's pg_dump files in core/backups.py's folder, tests/test_postgres_backup_page.py)
NOT_YET_ON_POSTGRESQL: dict[str, str] = {}


@pytest.mark.parametrize("role", ["admin", "officer"])
def test_every_page_a_role_may_open_runs_on_the_demo_town_on_postgresql(role, postgres_demo_url, monkeypatch):
    from components.database import close
    from components.navigation import PAGES
    from demo.accounts import DEMO_ACCOUNTS
    from tests.apptest_support import page_file, signed_in

    monkeypatch.setenv("COMMUNITY_DB", postgres_demo_url)
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    account = next(a for a in DEMO_ACCOUNTS if a.role == role)
    failed, opened = {}, []
    try:
        at = signed_in(account.username, account.password)
        for spec in PAGES:
            if role not in spec.roles or spec.key in NOT_YET_ON_POSTGRESQL:
                continue
            at.switch_page(page_file(spec.file)).run()
            opened.append(spec.key)
            if at.exception:
                failed[spec.key] = [e.stack for e in at.exception]
            elif not at.title:
                failed[spec.key] = ["the page drew no title"]
    finally:
        close(postgres_demo_url)
    assert failed == {}
    assert "overview" in opened and len(opened) >= (20 if role == "admin" else 5)


def test_a_registered_frame_reads_as_a_relation_on_both_engines(pg, db):
    frame = pd.DataFrame({"respondent": [1, 2, 3], "question": ["q1", "q1", None], "score": [1.5, None, 3.0],
                          "agreed": [True, False, True]})
    answers = []
    for database in (db, pg):
        with database.cursor() as cur:
            cur.register("answer_rows", frame)
            try:
                answers.append(cur.execute(
                    "select respondent, question, score, agreed from answer_rows order by respondent").fetchall())
            finally:
                cur.unregister("answer_rows")
    assert answers[0] == answers[1] == [(1, "q1", 1.5, True), (2, "q1", None, False), (3, None, 3.0, True)]


class TwoProcesses:
    """A gateway that hands each thread one of two gateways on one database, alternately, so the
    sessions of a test written for one process are served by two app processes at once."""

    def __init__(self, first: PostgresDatabase, second: PostgresDatabase):
        self._gateways = (first, second)
        self._next = 0
        self._lock = threading.Lock()
        self._local = threading.local()

    def _mine(self) -> PostgresDatabase:
        if not hasattr(self._local, "gateway"):
            with self._lock:
                self._local.gateway = self._gateways[self._next % 2]
                self._next += 1
        return self._local.gateway

    def __getattr__(self, name: str):
        return getattr(self._mine(), name)


def test_twenty_sessions_on_two_processes_lose_nothing_and_conflicts_are_reported(pg_pair, request):
    from tests import test_reliability

    test_reliability.test_twenty_concurrent_sessions_lose_nothing_and_conflicts_are_reported(
        TwoProcesses(*pg_pair), request)
    # every committed unit of work counted once in the data version, whichever process made it:
    # one made the five shared organizations, each later one wrote one audit row
    first, second = pg_pair
    audited = stored(first, "select count(*) from main.audit_log where table_name = 'organizations'")[0][0]
    assert first.data_version() == second.data_version() == audited - 5 + 1


def test_a_server_that_does_not_answer_is_said_in_one_sentence_without_the_password():
    from queries.errors import DatabaseBusy
    from tests.postgres_support import _free_port

    url = f"postgresql://app:s3cret@127.0.0.1:{_free_port()}/community?connect_timeout=1"
    with pytest.raises(DatabaseBusy) as refused:
        PostgresDatabase(url, open_timeout=2)
    assert "cannot be reached" in str(refused.value) and "s3cret" not in str(refused.value)


def test_units_of_work_that_read_through_the_gateway_never_starve_a_small_pool(postgres_url):
    db = PostgresDatabase(postgres_url, pool_size=2)
    try:
        with db.unit_of_work(SYSTEM) as uow:
            uow.insert("districts", {"code": "N", "name": "North"})
        ready = threading.Barrier(6)

        def save_and_read(number: int):
            ready.wait()
            with db.unit_of_work(SYSTEM) as uow:
                uow.insert("programs", {"name": f"Program {number}", **PROGRAM})
                return len(db.rows("districts_list"))     # a second connection, while holding the first

        sessions = [Background(lambda n=n: save_and_read(n)) for n in range(6)]
        assert [s.result(timeout=60) for s in sessions] == [1] * 6
        assert stored(db, "select count(*) from main.programs") == [(6,)]
    finally:
        db.close()
