"""Numbered, append-only migrations recorded in `schema_migrations`.

Each file `migrations/NNNN_name.sql` is applied once, in order, inside its own
transaction, and recorded with a checksum. An applied file whose text later
changes is reported instead of silently ignored: migrations are append-only.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


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


def _ensure_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        create table if not exists schema_migrations (
            version     integer primary key,
            name        varchar not null,
            checksum    varchar not null,
            applied_at  timestamp not null
        )
        """
    )


def applied(con: duckdb.DuckDBPyConnection) -> dict[int, str]:
    _ensure_table(con)
    return dict(con.execute("select version, checksum from schema_migrations").fetchall())


def apply_migrations(con: duckdb.DuckDBPyConnection, directory: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply every pending migration; return the names applied (empty when up to date)."""
    done = applied(con)
    newly = []
    for migration in available(directory):
        if migration.version in done:
            if done[migration.version] != migration.checksum:
                raise MigrationError(
                    f"Migration {migration.path.name} was changed after it was applied; "
                    "add a new migration instead of editing an old one."
                )
            continue
        con.execute("begin transaction")
        try:
            con.execute(migration.text)
            con.execute(
                "insert into schema_migrations values ($version, $name, $checksum, $at)",
                {
                    "version": migration.version,
                    "name": migration.name,
                    "checksum": migration.checksum,
                    "at": datetime.now(timezone.utc).replace(tzinfo=None),
                },
            )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        newly.append(migration.path.name)
    return newly
