"""The migrated schema as data, so generic writes can check every identifier.

Table and column names cannot be bound as parameters; the unit of work builds
its statements only from names found here, and binds every value.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


def quote(identifier: str) -> str:
    """A table or column name as a quoted SQL identifier (names come from the catalog or code, never users)."""
    return '"' + identifier.replace('"', '""') + '"'


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]

    @property
    def versioned(self) -> bool:
        # schema_migrations has a `version` column too, but it is not a record version
        return "version" in self.columns and "updated_at" in self.columns

    @property
    def soft_deletes(self) -> bool:
        return "deleted_at" in self.columns


@dataclass(frozen=True)
class Catalog:
    tables: dict[str, Table]

    @classmethod
    def read(cls, cur: duckdb.DuckDBPyConnection) -> "Catalog":
        columns: dict[str, list[str]] = {}
        for table, column in cur.execute(
            "select table_name, column_name from duckdb_columns() "
            "where schema_name = 'main' and database_name = current_database() "
            "order by table_name, column_index"
        ).fetchall():
            columns.setdefault(table, []).append(column)
        keys: dict[str, tuple[str, ...]] = {}
        for table, key_columns in cur.execute(
            "select table_name, constraint_column_names from duckdb_constraints() "
            "where schema_name = 'main' and database_name = current_database() "
            "and constraint_type = 'PRIMARY KEY'"
        ).fetchall():
            keys[table] = tuple(key_columns)
        return cls({t: Table(t, tuple(cols), keys.get(t, ())) for t, cols in columns.items()})

    def table(self, name: str) -> Table:
        try:
            return self.tables[name]
        except KeyError:
            raise ValueError(f"Unknown table {name!r}") from None

    def check_columns(self, table: Table, names) -> None:
        unknown = set(names) - set(table.columns)
        if unknown:
            raise ValueError(f"Unknown column(s) for {table.name}: {sorted(unknown)}")
