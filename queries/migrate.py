"""Numbered, append-only migrations recorded in `schema_migrations`.

Each file `migrations/NNNN_name.sql` is applied once, in order, inside its own
transaction, and recorded with a checksum. An applied file whose text later
changes is reported instead of silently ignored: migrations are append-only.

The same runner serves both engines. A DuckDB connection takes `migrations/`; a
PostgreSQL connection (psycopg 3) takes `migrations/postgresql/`, where the schema
starts at `0016_baseline.sql` (DuckDB's 0001-0016 in one file) and every later
version is the same number as its DuckDB twin. Both record what they applied in a
`main.schema_migrations` table of the same shape.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
POSTGRES_MIGRATIONS_DIR = MIGRATIONS_DIR / "postgresql"
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

_TABLE = """
    create table if not exists main.schema_migrations (
        version     integer primary key,
        name        varchar not null,
        checksum    varchar not null,
        applied_at  timestamp not null
    )
"""


class MigrationError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


def available(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise MigrationError(f"Migration file {path.name} is not named NNNN_name.sql.")
        found.append(Migration(int(match.group(1)), match.group(2), path))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise MigrationError("Two migration files share a number.")
    return found


class _DuckDB:
    """DuckDB: the default schema is main; one transaction per file, opened by hand."""

    directory = MIGRATIONS_DIR

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def ensure_table(self) -> None:
        self.con.execute(_TABLE)

    def recorded(self) -> dict[int, str]:
        return dict(self.con.execute("select version, checksum from schema_migrations").fetchall())

    def apply(self, migration: Migration, at: datetime) -> bool:
        self.con.execute("begin transaction")
        try:
            self.con.execute(migration.text)
            self.con.execute(
                "insert into schema_migrations values ($version, $name, $checksum, $at)",
                {"version": migration.version, "name": migration.name,
                 "checksum": migration.checksum, "at": at},
            )
            self.con.execute("commit")
        except Exception:
            self.con.execute("rollback")
            raise
        return True


class _Postgres:
    """PostgreSQL through psycopg 3: tables live in schema main, as on DuckDB, so each file runs
    with search_path main, public; the bookkeeping names main explicitly.

    Several app processes may start at once on one database: each transaction here first takes
    one transaction-level advisory lock, so one process applies a file while the others wait, and
    they then find it recorded and go on."""

    directory = POSTGRES_MIGRATIONS_DIR
    LOCK = 0x636F6D6D          # any fixed number, the same in every process ("comm")

    def __init__(self, con: Any):
        self.con = con

    def _idle(self) -> None:
        from psycopg.pq import TransactionStatus

        if self.con.info.transaction_status != TransactionStatus.IDLE:
            raise MigrationError("Migrations run each file in a transaction of its own: "
                                 "commit or roll back the connection's open transaction first.")

    def ensure_table(self) -> None:
        self._idle()
        with self.con.transaction():
            self.con.execute("select pg_advisory_xact_lock(%s)", [self.LOCK])
            self.con.execute("create schema if not exists main")
            self.con.execute(_TABLE)

    def recorded(self) -> dict[int, str]:
        self._idle()
        with self.con.transaction():
            return dict(self.con.execute("select version, checksum from main.schema_migrations").fetchall())

    def apply(self, migration: Migration, at: datetime) -> bool:
        self._idle()
        with self.con.transaction():          # rolled back when anything in the file fails
            self.con.execute("select pg_advisory_xact_lock(%s)", [self.LOCK])
            if self.con.execute("select 1 from main.schema_migrations where version = %s",
                                [migration.version]).fetchone():
                return False                  # another process applied it while this one waited
            self.con.execute("set local search_path to main, public")
            self.con.execute(migration.text)   # no parameters: run as written, several statements
            self.con.execute(
                "insert into main.schema_migrations values (%(version)s, %(name)s, %(checksum)s, %(at)s)",
                {"version": migration.version, "name": migration.name,
                 "checksum": migration.checksum, "at": at},
            )
        return True


def _engine(con: Any) -> _DuckDB | _Postgres:
    if isinstance(con, duckdb.DuckDBPyConnection):
        return _DuckDB(con)
    import psycopg

    if isinstance(con, psycopg.Connection):
        return _Postgres(con)
    raise TypeError(f"Migrations need a DuckDB or psycopg connection, not {type(con).__name__}.")


def applied(con: Any) -> dict[int, str]:
    engine = _engine(con)
    engine.ensure_table()
    return engine.recorded()


def apply_migrations(con: Any, directory: Path | None = None) -> list[str]:
    """Apply every pending migration; return the names applied (empty when up to date).

    `directory` defaults to the connection's engine: migrations/ for DuckDB,
    migrations/postgresql/ for PostgreSQL."""
    engine = _engine(con)
    engine.ensure_table()
    done = engine.recorded()
    newly = []
    for migration in available(engine.directory if directory is None else directory):
        if migration.version in done:
            if done[migration.version] != migration.checksum:
                raise MigrationError(
                    f"Migration {migration.path.name} was changed after it was applied; "
                    "add a new migration instead of editing an old one."
                )
            continue
        if engine.apply(migration, datetime.now(timezone.utc).replace(tzinfo=None)):
            newly.append(migration.path.name)
    return newly
