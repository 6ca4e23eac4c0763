"""The migrated schema as data, so generic writes can check every identifier.

Table and column names cannot be bound as parameters; the unit of work builds
its statements only from names found here, and binds every value. DuckDB's catalog is read from
its information_schema; PostgreSQL's from pg_catalog in one statement: its information_schema
views are general ones over the whole catalog and took about 0.6 s at every process start,
pg_catalog about 15 ms, for the same tables, columns and keys (tests/test_postgres_catalog.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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


# schema main's tables (partitioned ones too, as information_schema's BASE TABLE), each column in
# order and its place in the primary key: pg_index.indkey counts from 0, null for other columns
POSTGRESQL_COLUMNS = """
select t.relname as table_name, a.attname as column_name,
       array_position(k.indkey::int2[], a.attnum) as key_position
from pg_catalog.pg_class as t
inner join pg_catalog.pg_attribute as a on a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped
left join pg_catalog.pg_index as k on k.indrelid = t.oid and k.indisprimary
where t.relnamespace = 'main'::regnamespace and t.relkind in ('r', 'p')
order by t.relname, a.attnum
"""


@dataclass(frozen=True)
class Catalog:
    tables: dict[str, Table]

    @classmethod
    def read(cls, cur: Any, engine: str = "duckdb") -> "Catalog":
        """The tables of schema main in the current database (a backup's attached copy is not);
        `engine` is the database object's (PostgreSQL's catalog is read from pg_catalog)."""
        if engine == "postgresql":
            return cls._read_postgresql(cur)
        columns: dict[str, list[str]] = {}
        for table, column in cur.execute(
            "select c.table_name, c.column_name from information_schema.columns c "
            "join information_schema.tables t on t.table_catalog = c.table_catalog "
            "and t.table_schema = c.table_schema and t.table_name = c.table_name "
            "where c.table_schema = 'main' and c.table_catalog = current_database() "
            "and t.table_type = 'BASE TABLE' "
            "order by c.table_name, c.ordinal_position"
        ).fetchall():
            columns.setdefault(table, []).append(column)
        keys: dict[str, list[str]] = {}
        for table, column in cur.execute(
            "select k.table_name, k.column_name from information_schema.table_constraints c "
            "join information_schema.key_column_usage k on k.constraint_catalog = c.constraint_catalog "
            "and k.constraint_schema = c.constraint_schema and k.constraint_name = c.constraint_name "
            "and k.table_name = c.table_name "
            "where c.constraint_type = 'PRIMARY KEY' and c.table_schema = 'main' "
            "and c.table_catalog = current_database() "
            "order by k.table_name, k.ordinal_position"
        ).fetchall():
            keys.setdefault(table, []).append(column)
        return cls({t: Table(t, tuple(cols), tuple(keys.get(t, ()))) for t, cols in columns.items()})

    @classmethod
    def _read_postgresql(cls, cur: Any) -> "Catalog":
        columns: dict[str, list[str]] = {}
        keys: dict[str, list[tuple[int, str]]] = {}
        for table, column, key_position in cur.execute(POSTGRESQL_COLUMNS).fetchall():
            columns.setdefault(table, []).append(column)
            if key_position is not None:
                keys.setdefault(table, []).append((key_position, column))
        return cls({t: Table(t, tuple(cols), tuple(column for _, column in sorted(keys.get(t, ()))))
                    for t, cols in columns.items()})

    def table(self, name: str) -> Table:
        try:
            return self.tables[name]
        except KeyError:
            raise ValueError(f"Unknown table {name!r}") from None

    def check_columns(self, table: Table, names) -> None:
        unknown = set(names) - set(table.columns)
        if unknown:
            raise ValueError(f"Unknown column(s) for {table.name}: {sorted(unknown)}")
