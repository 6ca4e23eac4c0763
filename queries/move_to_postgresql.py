"""Move a department from its DuckDB file to a PostgreSQL database (`cli.py move-to-postgresql`).

Both databases are first brought to the current schema (the file by its migrations, the server by
its own, queries/migrations/postgresql/), so their tables are the same. The copy itself is
queries/copy_to_postgresql.py: every table through COPY, in one transaction, sequences included.
A database that already holds the app's data (accounts or audit rows) is refused: a move never
merges two departments' rows nor overwrites what the server has. The table locks taken before
that check make a second move started at the same moment wait, then see the first one's rows.
Before the transaction commits, each table's row count on PostgreSQL is checked against the file's;
the move is then recorded as one audit row in the moved database.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import psycopg
from psycopg import sql

from queries.actor import SYSTEM, Actor
from queries.copy_to_postgresql import copy_database
from queries.db import Database, open_database
from queries.errors import DataError
from queries.postgresql_db import shown_url

# tables only the app's own use fills: a row in one of them means the database is in use
IN_USE = ("users", "audit_log")


def _count_postgresql(pg, table: str) -> int:
    return pg.execute(sql.SQL("select count(*) from main.{}").format(sql.Identifier(table))).fetchone()[0]


def _count_duckdb(duck, table: str) -> int:
    # the name comes from PostgreSQL's catalog, quoted as an identifier (DuckDB binds no table names)
    return duck.execute('select count(*) from main."{}"'.format(table.replace('"', '""'))).fetchone()[0]


def move(duckdb_path: Path, url: str, actor: Actor = SYSTEM) -> dict[str, int]:
    """Copy the department in `duckdb_path` into the database at `url`; return rows per table."""
    if not duckdb_path.exists():
        raise DataError(f"There is no database at {duckdb_path}.")
    Database(duckdb_path).close()          # current schema; refuses (DatabaseBusy) while the app holds the file
    open_database(url).close()             # the server's migrations, into an empty database too
    duck = duckdb.connect(str(duckdb_path), read_only=True)
    try:
        # one transaction: commits when the block ends, rolls everything back on any error
        with psycopg.connect(url) as pg:
            pg.execute("lock table main.users, main.audit_log in share row exclusive mode")
            held = {t: n for t in IN_USE if (n := _count_postgresql(pg, t))}
            if held:
                raise DataError(f"The database {shown_url(url)} already holds data ("
                                + ", ".join(f"{n:,} rows in {t}" for t, n in held.items())
                                + "); a department is moved only into a database of its own. Nothing was copied.")
            copied = copy_database(duck, pg)
            differing = {t: (_count_duckdb(duck, t), _count_postgresql(pg, t)) for t in copied}
            differing = {t: pair for t, pair in differing.items() if pair[0] != pair[1]}
            if differing:
                raise DataError("The copy does not match the file, so nothing was kept: "
                                + "; ".join(f"{t}: {a:,} rows in the file, {b:,} copied" for t, (a, b) in differing.items()))
    finally:
        duck.close()
    moved = open_database(url)
    try:
        with moved.unit_of_work(actor) as uow:
            uow.audit("import", detail=f"moved from {duckdb_path}: {sum(copied.values()):,} rows in "
                                       f"{len(copied)} tables")
    finally:
        moved.close()
    return copied
