"""The one gateway to the database: DuckDB, the default, here; PostgreSQL in queries/postgresql_db.py.

`open_database(target)` decides: a postgresql:// URL opens PostgreSQL (server mode, several app
processes on one database), anything else is a DuckDB file. Both objects have one interface (df,
rows, one, scalar, cursor, unit_of_work, catalog, write_count, data_version, close) and the
few engine-specific steps the unit of work calls (run, writing, constraint_guard,
staged, next_data_version, saved), so the write path is written once (unit_of_work.py).

On DuckDB: one connection per process, a cursor per call, named `.sql` files loaded by
name with bound parameters (only those the file names, learned from it once:
`sql_files.bind`), and writes serialised through one lock inside an
explicit transaction (see `unit_of_work.py`). Nothing here imports streamlit,
so the CLI, the tests and the benchmarks use it without a browser.
"""

from __future__ import annotations

import os
import re
import threading
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Union

import duckdb

from queries.actor import SYSTEM, Actor  # noqa: F401  (re-exported for callers)
from queries.catalog import Catalog, Table
from queries.errors import DatabaseBusy
from queries.migrate import apply_migrations
from queries.private_files import tighten
from queries.sql_files import bind, load_sql
from queries.unit_of_work import UnitOfWork, run_unit_of_work

if TYPE_CHECKING:               # DuckDB's .df() imports pandas itself: the sign-in page does not need it
    import pandas as pd

    from queries.cursor import PostgresCursor
    from queries.postgresql_db import PostgresDatabase

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "community.duckdb"


def is_server_url(target: object) -> bool:
    """Whether `target` is a PostgreSQL URL (postgresql://...) rather than a DuckDB file's path."""
    return isinstance(target, str) and target.split("://", 1)[0] in ("postgresql", "postgres")


def resolve_path(explicit: str | os.PathLike | None = None) -> Path | str:
    """--db, else $COMMUNITY_DB, else data/community.duckdb (the CLI and app share this rule): a
    DuckDB file as an absolute Path, or a postgresql:// URL as it was given."""
    chosen = explicit or os.environ.get("COMMUNITY_DB") or DEFAULT_PATH
    if is_server_url(chosen):
        return chosen
    return Path(chosen).expanduser().resolve()


def open_database(target: str | os.PathLike | None = None, migrate: bool = True) -> AnyDatabase:
    """The database `target` names (else $COMMUNITY_DB, else the default file), migrated: the one
    place that chooses the engine, for the app, the CLI and the tests."""
    resolved = resolve_path(target)
    if isinstance(resolved, str):
        from queries.postgresql_db import PostgresDatabase   # psycopg loads only in server mode

        return PostgresDatabase(resolved, migrate=migrate)
    return Database(resolved, migrate=migrate)


def _busy_message(path: Path, error: Exception) -> str:
    pid = re.search(r"PID (\d+)", str(error))
    holder = f" (process {pid.group(1)})" if pid else ""
    return (
        f"The database {path} is in use by another program{holder}, most likely the running app; "
        "stop it first, or use the app's admin pages for this task."
    )


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise DatabaseBusy(_busy_message(path, error)) from None
        raise


class Database:
    """A migrated DuckDB file, opened once per process."""

    engine = "duckdb"

    def __init__(self, path: str | os.PathLike, migrate: bool = True):
        self.path = Path(path)
        self._con = connect(self.path)
        for own in (self.path, self.path.with_name(self.path.name + ".wal")):
            tighten(own)          # owner-only, also for a file made before that rule (private_files.py)
        self.write_lock = threading.RLock()
        self._catalog: Catalog | None = None
        # Committed units of work so far in this process that changed figures: cached figures are
        # keyed on it, so a save through this gateway makes every cached figure stale at once
        # (components/figures.py). On PostgreSQL it is the data version every process shares.
        self.write_count = 0
        if migrate:
            self.migrate()

    def migrate(self) -> list[str]:
        """Apply pending migrations (cli.py migrate); the names applied."""
        with self.write_lock:
            return apply_migrations(self._con)

    # -- reads ---------------------------------------------------------------

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A fresh cursor: DuckDB cursors are cheap and not shared between threads."""
        return self._con.cursor()

    def df(self, name: str, **params: Any) -> pd.DataFrame:
        with self.cursor() as cur:
            return cur.execute(load_sql(name), bind(name, params)).df()

    def rows(self, name: str, **params: Any) -> list[dict]:
        with self.cursor() as cur:
            result = cur.execute(load_sql(name), bind(name, params))
            columns = [d[0] for d in result.description]
            return [dict(zip(columns, row)) for row in result.fetchall()]

    def one(self, name: str, **params: Any) -> dict | None:
        found = self.rows(name, **params)
        return found[0] if found else None

    def scalar(self, name: str, **params: Any) -> Any:
        with self.cursor() as cur:
            row = cur.execute(load_sql(name), bind(name, params)).fetchone()
            return row[0] if row else None

    # -- writes --------------------------------------------------------------

    @contextmanager
    def unit_of_work(self, actor: Actor, figures: bool = True) -> Iterator[UnitOfWork]:
        """All writes of one user action: one lock, one transaction, audited, all or nothing.

        `figures=False` for sign-in bookkeeping (sessions, failures), which changes nothing a
        page counts or lists: it leaves `write_count`, and so every cached figure, as it was.
        """
        with run_unit_of_work(self, actor, figures) as uow:
            yield uow

    @property
    def catalog(self) -> Catalog:
        """Tables and columns as migrated: writes name only identifiers found here."""
        if self._catalog is None:
            with self.cursor() as cur:
                self._catalog = Catalog.read(cur)
        return self._catalog

    def close(self) -> None:
        self._con.close()

    # -- the engine's own parts (see queries/postgresql_db.py for PostgreSQL's) -----------

    def run(self, cur: duckdb.DuckDBPyConnection, name: str, params: dict) -> duckdb.DuckDBPyConnection:
        """Run the named query `name` on `cur` (the gateway's one way to run a named query)."""
        return cur.execute(load_sql(name), bind(name, params))

    def writing(self) -> threading.RLock:
        """DuckDB allows one writer: units of work take the process's write lock in turn."""
        return self.write_lock

    @staticmethod
    def constraint_guard(cur: duckdb.DuckDBPyConnection, recheck: Callable[[], None] | None):
        """Nothing to guard: under the write lock the gateway's own checks see every other write."""
        return nullcontext()

    @contextmanager
    def staged(self, cur: duckdb.DuckDBPyConnection, table: Table, frame: pd.DataFrame) -> Iterator[str]:
        """The frame, registered as a relation for one bulk insert; its name."""
        cur.register("bulk_frame", frame)
        try:
            yield "bulk_frame"
        finally:
            cur.unregister("bulk_frame")

    def next_data_version(self, cur: duckdb.DuckDBPyConnection) -> int:
        """One process writes, so it counts its units of work in memory (under the write lock)."""
        return self.write_count + 1

    def saved(self, version: int) -> None:
        self.write_count = version

    def data_version(self) -> int:
        """Cached figures' key: this process's own count of saves (no other process writes)."""
        return self.write_count


AnyDatabase = Union[Database, "PostgresDatabase"]
Cursor = Union[duckdb.DuckDBPyConnection, "PostgresCursor"]   # what cursor() gives, read alike
