"""Copy a department's data from a DuckDB database into a PostgreSQL database, table by table.

Both are migrated to the same version (PostgreSQL by queries/migrations/postgresql/). In one
PostgreSQL transaction every table of schema main but schema_migrations is emptied and filled with
the DuckDB table's rows through COPY (in an order that keeps every foreign key satisfied, parents
first), and each sequence is set to where DuckDB's stands, so that the next id continues the same
series. Nothing is written unless everything is: a failure rolls the whole copy back.

Used by the tests that compare the engines' results on the same data, and by `cli.py
move-to-postgresql`, which moves a department from a DuckDB file to PostgreSQL
(queries/move_to_postgresql.py).
"""

from __future__ import annotations

from graphlib import TopologicalSorter

import duckdb

KEPT = {"schema_migrations"}        # each engine's record of its own migrations
BATCH = 5_000


def _postgresql_tables(pg) -> dict[str, list[str]]:
    """main's tables on PostgreSQL, each with its columns in order."""
    tables: dict[str, list[str]] = {}
    for table, column in pg.execute(
            "select c.table_name, c.column_name from information_schema.columns as c "
            "inner join information_schema.tables as t "
            "  on t.table_schema = c.table_schema and t.table_name = c.table_name "
            "where c.table_schema = 'main' and t.table_type = 'BASE TABLE' "
            "order by c.table_name, c.ordinal_position").fetchall():
        tables.setdefault(table, []).append(column)
    return tables


def _parents_first(pg, tables) -> list[str]:
    """The tables ordered so that a table comes after every table its foreign keys name."""
    graph = {table: set() for table in tables}
    for child, parent in pg.execute(
            "select c.conrelid::regclass::text, c.confrelid::regclass::text from pg_constraint as c "
            "where c.contype = 'f' and c.connamespace = 'main'::regnamespace").fetchall():
        child, parent = child.removeprefix("main."), parent.removeprefix("main.")
        if child in graph and parent in graph and child != parent:
            graph[child].add(parent)
    return list(TopologicalSorter(graph).static_order())


def copy_database(duck: duckdb.DuckDBPyConnection, pg) -> dict[str, int]:
    """Copy every table's rows from `duck` into `pg` (a psycopg connection, not in autocommit), and
    the sequences; commits once at the end. Returns rows copied per table."""
    tables = {t: cols for t, cols in _postgresql_tables(pg).items() if t not in KEPT}
    order = _parents_first(pg, tables)
    copied = {}
    with pg.transaction():
        for table in reversed(order):
            pg.execute(f'delete from main."{table}"')
        for table in order:
            columns = tables[table]
            names = ", ".join(f'"{c}"' for c in columns)
            # rows by their key's order where the table has an id: a row's parent row (a sector's
            # district) is copied before it
            key = " order by id" if "id" in columns else ""
            source = duck.execute(f'select {names} from main."{table}"{key}')
            count = 0
            with pg.cursor() as cur, cur.copy(f'copy main."{table}" ({names}) from stdin') as copy:
                while batch := source.fetchmany(BATCH):
                    for row in batch:
                        copy.write_row(row)
                    count += len(batch)
            copied[table] = count
        for name, last in duck.execute(
                "select sequence_name, last_value from duckdb_sequences() "
                "where schema_name = 'main' and database_name = current_database()").fetchall():
            if last is not None:
                pg.execute("select setval(%s, %s)", (f"main.{name}", last))
    return copied
