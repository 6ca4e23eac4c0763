"""The demo towns on PostgreSQL (`cli.py --db postgresql://... demo [--scale ...]`, demo/postgresql.py),
and the app started on an empty PostgreSQL database (demo/bootstrap.py).

The demo built on PostgreSQL is the one built on DuckDB: every table holds as many rows, the
figures the app shows agree, and ids continue the same series. A database that already holds data
is refused before anything is built, and again just before the copy, and keeps what it held.
"""

from __future__ import annotations

import contextlib
import io

import duckdb
import pandas as pd
import psycopg
import pytest

from cli import main as cli_main
from core import clock, metrics, periods
from core.settings import is_demo
from queries.actor import SYSTEM
from queries.db import Database, open_database
from queries.errors import DataError
from tests.conftest import DEMO_TODAY
from tests.postgres_support import row_counts_duckdb, row_counts_postgresql

pytest_plugins = ["tests.postgres_support"]


def audit_rows(url: str) -> list[tuple]:
    with psycopg.connect(url) as con:
        return con.execute("select id, action, table_name, record_id from main.audit_log order by id").fetchall()


def printed_counts(out: str) -> dict[str, int]:
    """The table and count lines the demo command prints after its "Demo database written to" line."""
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("Demo database written to"))
    counts = {}
    for line in lines[start + 1:]:
        table, count = line.split()
        counts[table] = int(count.replace(",", ""))
    return counts


def figures(target, period) -> dict:
    db = open_database(target)
    try:
        return {"headline": metrics.headline(db, SYSTEM, period),
                "by_district": metrics.by_district(db, SYSTEM, period),
                "by_program": metrics.by_program(db, SYSTEM, period),
                "demo": is_demo(db)}
    finally:
        db.close()


def sequences_duckdb(path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return dict(con.execute("select sequence_name, last_value from duckdb_sequences() "
                                "where schema_name = 'main' and database_name = current_database()").fetchall())
    finally:
        con.close()


def sequences_postgresql(url: str) -> dict[str, int]:
    with psycopg.connect(url) as con:
        return dict(con.execute("select sequencename, last_value from pg_sequences "
                                "where schemaname = 'main'").fetchall())


@pytest.fixture
def demo_today(monkeypatch):
    """The command builds the town as of the department's today: the tests' demo day instead."""
    monkeypatch.setattr(clock, "today_in", lambda zone: DEMO_TODAY)


@pytest.fixture(scope="module")
def built_on_postgresql(postgres_server) -> tuple[str, dict[str, int]]:
    """`cli.py --db URL demo` into a new, empty database (as IT creates it: no tables yet)."""
    url = postgres_server.new_database()
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(out):
        patch.setattr(clock, "today_in", lambda zone: DEMO_TODAY)
        assert cli_main(["--db", url, "demo"]) == 0
    return url, printed_counts(out.getvalue())


def test_the_demo_town_on_postgresql_has_every_row_of_the_duckdb_demo(built_on_postgresql, demo_file):
    url, printed = built_on_postgresql
    on_duckdb = row_counts_duckdb(demo_file)         # built by build_demo(seed 2026, the demo day)
    on_postgresql = row_counts_postgresql(url)
    assert on_duckdb["events"] > 0 and on_duckdb["incidents"] > 0
    assert on_postgresql == on_duckdb                # every table, the audit rows of the build included
    # what the command says it wrote is what the database holds
    assert printed and all(on_postgresql[table] == count for table, count in printed.items())


def test_the_demo_town_on_postgresql_shows_the_same_figures(built_on_postgresql, demo_path):
    url, _ = built_on_postgresql
    for period in (periods.custom(DEMO_TODAY.replace(month=1, day=1), DEMO_TODAY),
                   periods.preset("last_12_months", DEMO_TODAY),
                   periods.month(DEMO_TODAY.year - 1, 3)):
        on_file, on_server = figures(demo_path, period), figures(url, period)
        assert on_file["headline"]["events"] > 0 and len(on_file["by_district"]) > 1
        assert on_server["headline"] == on_file["headline"], period
        for breakdown in ("by_district", "by_program"):
            pd.testing.assert_frame_equal(on_server[breakdown], on_file[breakdown], check_dtype=False)
        assert on_server["demo"] is on_file["demo"] is True    # the sign-in page lists the demo accounts


def test_ids_continue_the_demo_series_on_postgresql(built_on_postgresql, demo_file):
    url, _ = built_on_postgresql
    on_file = sequences_duckdb(demo_file)
    assert max(last for last in on_file.values() if last is not None) > 1      # None: never used
    assert sequences_postgresql(url) == on_file


def test_the_large_city_on_postgresql_has_every_row_of_the_one_on_duckdb(postgres_server, tmp_path, demo_today,
                                                                          capsys):
    url, path = postgres_server.new_database(), tmp_path / "lakeport.duckdb"
    assert cli_main(["--db", str(path), "demo", "--scale", "0.005"]) == 0
    on_file = printed_counts(capsys.readouterr().out)
    assert cli_main(["--db", url, "demo", "--scale", "0.005"]) == 0
    on_server = printed_counts(capsys.readouterr().out)
    assert on_server == on_file and on_file["incidents"] > 0
    assert row_counts_postgresql(url) == row_counts_duckdb(path)
    assert sequences_postgresql(url) == sequences_duckdb(path)


def test_the_demo_refuses_a_postgresql_database_that_holds_data_and_changes_nothing(postgres_url, capsys):
    db = open_database(postgres_url)
    try:
        with db.unit_of_work(SYSTEM) as uow:
            uow.insert("districts", {"code": "N", "name": "North"})
    finally:
        db.close()
    before, audited = row_counts_postgresql(postgres_url), audit_rows(postgres_url)
    # the test cluster trusts local connections: a password in the URL is accepted and ignored
    with_password = postgres_url.replace("community@", "community:s3cret@")

    for extra in ([], ["--replace"], ["--scale", "0.005"]):
        assert cli_main(["--db", with_password, "demo", *extra]) == 2
        err = capsys.readouterr().err
        assert f"The database {postgres_url} already holds data (1 row in districts, 1 row in audit_log)" in err
        assert "Nothing was written" in err and "s3cret" not in err
        assert row_counts_postgresql(postgres_url) == before
        assert audit_rows(postgres_url) == audited


def test_data_written_while_the_demo_is_built_is_kept_and_the_copy_refused(postgres_url):
    """Another process (an app, a second demo command) writes while the town is being built: the
    copy checks again under lock and writes nothing."""
    from demo.postgresql import build_on_postgresql

    def build(duck: Database) -> dict[str, int]:
        with duck.unit_of_work(SYSTEM) as uow:
            uow.insert("districts", {"code": "D", "name": "Demo"})
        meanwhile = open_database(postgres_url)
        try:
            with meanwhile.unit_of_work(SYSTEM) as uow:
                uow.insert("districts", {"code": "R", "name": "Real"})
        finally:
            meanwhile.close()
        return {"districts": 1}

    with pytest.raises(DataError, match="already holds data"):
        build_on_postgresql(postgres_url, build)
    with psycopg.connect(postgres_url) as con:
        assert con.execute("select code from main.districts").fetchall() == [("R",)]
        assert con.execute("select count(*) from main.audit_log").fetchone()[0] == 1


# -- the app on an empty PostgreSQL database ---------------------------------------------------

def test_the_app_on_an_empty_postgresql_database_says_what_to_run_and_writes_nothing(postgres_url, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from components.database import close
    from core.text import md
    from tests.apptest_support import APP

    before = row_counts_postgresql(postgres_url)
    monkeypatch.setenv("COMMUNITY_DB", postgres_url)
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
        assert not at.exception, [e.value for e in at.exception]
        shown = [e.value for e in at.error]
        assert len(shown) == 1, shown
        assert md(f"cli.py --db {postgres_url} demo") in shown[0]     # as Markdown shows it literally
        assert "move-to-postgresql" in shown[0] and "user add" in shown[0]
        assert not at.text_input                         # no sign-in form nobody could use
        at.run()                                         # every rerun says it again
        assert [e.value for e in at.error] == shown
    finally:
        close(postgres_url)
    assert row_counts_postgresql(postgres_url) == before

    # the command it names for a department's own start works, and the same process then serves it
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    assert cli_main(["--db", postgres_url, "user", "add", "boss", "--role", "admin", "--password-stdin"]) == 0
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
        assert not at.exception and not at.error
        assert len(at.text_input) == 2                   # the sign-in form
    finally:
        close(postgres_url)
