"""The gateway on PostgreSQL (server mode): the same interface as queries/db.py's Database.

Several app processes, on several machines, share one PostgreSQL database, so what DuckDB's one
process guarantees with its write lock the database guarantees here:

* a unit of work is one database transaction (READ COMMITTED); an update names the version it
  read (`where version = $version`), and of two transactions updating one row at one version the
  second waits for the first and then counts no row: a ConflictError, in any process;
* references and unique values are foreign keys and unique constraints (migration 0016): the
  gateway still checks them first for the message, and when another process commits the same
  value in between, the database refuses the write and the check, run again, raises the same
  ValidationError (`constraint_guard`);
* cached figures are keyed on `write_count`, here the data version that every unit of work that
  changes figures adds one to (main.data_version, migration 0017), read once per rerun
  (`data_version()`).

Connections come from a small pool (psycopg_pool): a Streamlit process runs each session's reruns
on threads, and a cursor holds one connection from `cursor()` until it is closed. The pool checks
a connection before handing it out, so one the server ended (a restart, pg_terminate_backend) is
replaced rather than failing the page that gets it (`_check_connection`); while the server is down a
read waits for a connection (WAIT_TIMEOUT) and then raises DatabaseUnreachable. Connections are
in autocommit mode with search_path main, public; a unit of work opens its transaction with
`begin`. Named queries run in their generated PostgreSQL form (queries/sql_postgresql/).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from queries.actor import Actor
from queries.catalog import Catalog, Table, quote as _q
from queries.cursor import PostgresCursor
from queries.errors import ConstraintViolation, DatabaseUnreachable
from queries.migrate import apply_migrations
from queries.unit_of_work import UnitOfWork, run_unit_of_work

if TYPE_CHECKING:
    import pandas as pd

UNIQUE_VIOLATION, FOREIGN_KEY_VIOLATION = "23505", "23503"     # PostgreSQL's SQLSTATEs
POOL_SIZE = 10       # connections per app process: reruns are Python-bound, a few run at once
WAIT_TIMEOUT = 30    # seconds a read or a unit of work waits for a connection: a restart takes a few


def shown_url(url: str) -> str:
    """The URL without its password, for logs, messages and cache keys."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc}" if user else netloc))


class PostgresDatabase:
    """A migrated PostgreSQL database, opened once per process through a pool of connections."""

    engine = "postgresql"

    def __init__(self, url: str, migrate: bool = True, pool_size: int = POOL_SIZE, open_timeout: float = 30,
                 wait_timeout: float = WAIT_TIMEOUT):
        self.url = url
        self.path = shown_url(url)        # what names this database in cache keys and messages
        self._pool = ConnectionPool(url, min_size=1, max_size=pool_size, open=False, timeout=wait_timeout,
                                    kwargs={"autocommit": True}, configure=_configure,
                                    check=self._check_connection, name="community")
        try:
            self._pool.open(wait=True, timeout=open_timeout)
        except Exception as error:        # psycopg_pool.PoolTimeout, names the server it could not reach
            self._pool.close()
            raise DatabaseUnreachable(f"The database server at {self.path} cannot be reached ({error}); "
                                      "check that it runs and that this machine may connect to it.") from None
        # DuckDB's lock serialises a process's writes; here the database does (`writing`): the
        # attribute is kept for code written for DuckDB that holds it around work of its own
        self.write_lock = threading.RLock()
        self._catalog: Catalog | None = None
        # At most half the pool in units of work at once: a unit of work holds its connection while
        # code inside it reads through the gateway (a second connection) or waits for a row lock,
        # so if every connection were held by such units, none could ever get its second one.
        self._units = threading.BoundedSemaphore(max(1, pool_size // 2))
        self._version_lock = threading.Lock()
        self.write_count = 0
        if migrate:
            self.migrate()
        self.data_version()
        self.catalog                       # read now, not from inside the first unit of work

    def _check_connection(self, con: psycopg.Connection) -> None:
        """Before the pool hands out a connection: does it still answer? (psycopg_pool's own check,
        one empty statement.) The server ends connections on a restart, pg_terminate_backend or an
        idle timeout, and a page would otherwise get the dead one's error. The pool then tries
        another one after a back-off wait (1, 2, 4 ... s, up to its 30 s timeout): the server
        most likely ended every idle one at once, so they are all checked and replaced now, and a
        page waits once, about a second, instead of once per dead connection."""
        try:
            ConnectionPool.check_connection(con)
        except psycopg.Error:
            self._pool.check()
            raise

    # -- the engine's own parts ----------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply pending migrations (several processes may start at once: the runner's advisory
        lock lets one apply each file); the names applied."""
        with self._pool.connection() as con:
            return apply_migrations(con)

    def run(self, cur: PostgresCursor, name: str, params: dict) -> PostgresCursor:
        """Run the named query `name` on `cur` (the gateway's one way to run a named query)."""
        return cur.execute_named(name, params)

    def writing(self) -> threading.BoundedSemaphore:
        """Units of work run side by side, the database's row locks and constraints ordering them,
        up to half the pool at once (see __init__)."""
        return self._units

    @staticmethod
    @contextmanager
    def constraint_guard(cur: PostgresCursor, recheck: Callable[[], None] | None) -> Iterator[None]:
        """A write that another process may have made invalid since the gateway's own check: on a
        unique or foreign-key violation the statement alone is undone (a savepoint), the check runs
        again and raises the app's ValidationError; a violation the check does not know is raised
        as the database's error, the transaction still usable."""
        # on the connection, not `cur`: the guarded statement's result stays there to be read
        con = cur.connection
        con.execute("savepoint guarded_write")
        try:
            yield
        except ConstraintViolation as refused:
            if refused.sqlstate not in (UNIQUE_VIOLATION, FOREIGN_KEY_VIOLATION):
                raise
            con.execute("rollback to savepoint guarded_write")
            if recheck is not None:
                recheck()
            raise
        con.execute("release savepoint guarded_write")

    @contextmanager
    def staged(self, cur: PostgresCursor, table: Table, frame: pd.DataFrame) -> Iterator[str]:
        """The frame as a temporary table of the target's column types, sent with COPY, for one
        bulk insert; its name."""
        cur.register("bulk_frame", frame, like=f"main.{_q(table.name)}")
        try:
            yield "bulk_frame"
        finally:
            cur.unregister("bulk_frame")

    def next_data_version(self, cur: PostgresCursor) -> int:
        """Count this unit of work in main.data_version, in its transaction (just before commit, so
        the row is held only while committing); the new version."""
        return cur.execute("update main.data_version set version = version + 1 where id = 1 "
                           "returning version").fetchone()[0]

    def saved(self, version: int) -> None:
        """A unit of work that changed figures committed as `version`."""
        with self._version_lock:
            self.write_count = max(self.write_count, version)

    def data_version(self) -> int:
        """The data version as committed by every process, read now; cached figures are keyed on it
        (`write_count` keeps it until the next read). Called once per rerun."""
        with self.cursor() as cur:
            version = cur.execute("select version from main.data_version where id = 1").fetchone()[0]
        with self._version_lock:
            self.write_count = version
        return version

    # -- reads ---------------------------------------------------------------------------

    def cursor(self) -> PostgresCursor:
        """A cursor on a pooled connection, handed back when the cursor is closed."""
        try:
            connection = self._pool.getconn()
        except PoolTimeout:
            raise DatabaseUnreachable(
                f"The database server at {self.path} gave no connection within {self._pool.timeout:g} s: it is "
                "down, cannot be reached or is overloaded. Try again in a moment.") from None
        return PostgresCursor(connection, self._pool.putconn)

    def df(self, name: str, **params: Any) -> pd.DataFrame:
        with self.cursor() as cur:
            return self.run(cur, name, params).df()

    def rows(self, name: str, **params: Any) -> list[dict]:
        with self.cursor() as cur:
            result = self.run(cur, name, params)
            columns = [d[0] for d in result.description]
            return [dict(zip(columns, row)) for row in result.fetchall()]

    def one(self, name: str, **params: Any) -> dict | None:
        found = self.rows(name, **params)
        return found[0] if found else None

    def scalar(self, name: str, **params: Any) -> Any:
        with self.cursor() as cur:
            row = self.run(cur, name, params).fetchone()
            return row[0] if row else None

    # -- writes --------------------------------------------------------------------------

    @contextmanager
    def unit_of_work(self, actor: Actor, figures: bool = True) -> Iterator[UnitOfWork]:
        """All writes of one user action in one transaction, audited, all or nothing (see Database)."""
        with run_unit_of_work(self, actor, figures) as uow:
            yield uow

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            with self.cursor() as cur:
                self._catalog = Catalog.read(cur, self.engine)
        return self._catalog

    def close(self) -> None:
        self._pool.close()


def _configure(con: psycopg.Connection) -> None:
    # the tables live in schema main, as on DuckDB, where it is the default schema
    con.execute("set search_path to main, public")
