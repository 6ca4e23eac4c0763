"""Server mode's connection pool survives connections the server ended (queries/postgresql_db.py).

PostgreSQL ends a connection when an administrator terminates it (pg_terminate_backend) or when it
restarts. The pool hands out only connections that answer: a page read after that gets a working
connection, not the dead one's error. While the server is down, a read fails in one sentence.
"""

from __future__ import annotations

import time

import psycopg
import pytest

from queries.actor import SYSTEM
from queries.errors import DatabaseUnreachable
from queries.postgresql_db import PostgresDatabase
from tests.postgres_support import PostgresServer

pytest_plugins = ["tests.postgres_support"]


def terminate_others(url: str) -> int:
    """End every other connection to the database at `url`, as an administrator would; how many."""
    with psycopg.connect(url, autocommit=True) as admin:
        ended = admin.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity "
            "where datname = current_database() and pid <> pg_backend_pid()").fetchall()
        # pg_terminate_backend only signals: wait until the backends are gone
        for _ in range(100):
            left = admin.execute("select count(*) from pg_stat_activity where datname = current_database() "
                                 "and pid <> pg_backend_pid()").fetchone()[0]
            if not left:
                break
            time.sleep(0.05)
    return len(ended)


def open_cursors(db: PostgresDatabase, count: int) -> None:
    """Take `count` connections at once and hand them back, so the pool holds that many idle."""
    cursors = [db.cursor() for _ in range(count)]
    for cur in cursors:
        cur.execute("select 1").fetchone()
    for cur in cursors:
        cur.close()


@pytest.fixture
def pg(postgres_url):
    database = PostgresDatabase(postgres_url)
    yield database
    database.close()


def test_a_read_after_the_server_ended_every_connection_succeeds(pg, postgres_url):
    with pg.unit_of_work(SYSTEM) as uow:
        uow.insert("districts", {"code": "N", "name": "North"})
    open_cursors(pg, 4)
    assert terminate_others(postgres_url) >= 4       # the pool's connections, all of them

    # the same database object, as a page's next rerun uses it
    assert pg.df("districts_list")["code"].tolist() == ["N"]
    assert pg.data_version() >= 1


def test_a_write_after_the_server_ended_every_connection_is_stored(pg, postgres_url):
    open_cursors(pg, 4)
    terminate_others(postgres_url)

    with pg.unit_of_work(SYSTEM) as uow:
        uow.insert("districts", {"code": "S", "name": "South"})
    with psycopg.connect(postgres_url) as con:
        stored = con.execute("select code, name from main.districts").fetchall()
        audited = con.execute("select action, table_name from main.audit_log").fetchall()
    assert stored == [("S", "South")]
    assert audited == [("create", "districts")]


def test_every_connection_the_pool_holds_is_replaced_at_once(pg, postgres_url):
    open_cursors(pg, 8)
    terminate_others(postgres_url)
    started = time.monotonic()
    for _ in range(8):                           # each read would meet another dead connection
        assert pg.scalar("districts_list") is None
    taken = time.monotonic() - started
    # without the check a dead connection is an error; with only psycopg_pool's check each dead one
    # found costs a back-off wait (1, 2, 4 ... s): eight of them would be over 30 s
    assert taken < 10, taken


# -- a server of its own, restarted and stopped -------------------------------------------------

@pytest.fixture
def own_server():
    """A cluster for this test alone: the worker's shared one must not go down under other tests."""
    server = PostgresServer().start()
    yield server
    server.stop()


def pg_ctl(server: PostgresServer, action: str) -> None:
    # restart keeps the options the server was started with (its postmaster.opts)
    server._run("pg_ctl", action, "--pgdata", str(server.data), "--log", str(server.log), "--mode", "fast", "--wait")


def test_a_read_after_a_restart_of_the_server_succeeds_and_a_stopped_server_is_one_sentence(own_server):
    url = own_server.new_database(migrated=True).replace("community@", "community:s3cret@")
    db = PostgresDatabase(url, wait_timeout=3)
    try:
        with db.unit_of_work(SYSTEM) as uow:
            uow.insert("districts", {"code": "N", "name": "North"})
        open_cursors(db, 4)
        pg_ctl(own_server, "restart")
        assert db.df("districts_list")["code"].tolist() == ["N"]

        pg_ctl(own_server, "stop")
        with pytest.raises(DatabaseUnreachable) as down:
            db.df("districts_list")
        assert str(down.value).startswith(f"The database server at {db.path} gave no connection within 3 s")
        assert "s3cret" not in str(down.value)
    finally:
        db.close()
