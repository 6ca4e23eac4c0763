"""The demo towns on PostgreSQL (`cli.py --db postgresql://... demo [--scale ...]`).

The builders write with DuckDB's SQL (range(), DuckDB's relations over data frames), so the town is
built by the same builders in a temporary DuckDB file, then copied into the PostgreSQL database by
queries/copy_to_postgresql.py, the copy `cli.py move-to-postgresql` uses: every table through COPY
in one transaction, the sequences set where the file's stand. The copy holds the build's own audit
rows, so the server's database is the file's, row for row.

Like the demo into a DuckDB file, it fills only an empty database: one that holds any settings,
districts, users, records or audit rows is refused with nothing written. It is checked before the
build (so a refusal is quick) and again inside the copy's transaction under a lock, so a second
demo, a move or an app process that wrote meanwhile is never overwritten.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable

import duckdb
import psycopg
from psycopg import sql

from queries.copy_to_postgresql import copy_database
from queries.db import Database, open_database
from queries.errors import DataError
from queries.postgresql_db import shown_url

# Rows in any of these mean the database is in use: the demo's own rule (demo.FILLED_ROWS), and the
# audit log, which every write through the app adds to. The copy would delete them.
HELD_TABLES = ("settings", "districts", "users", "programs", "events", "businesses", "incidents", "audit_log")


def rows_held(con) -> dict[str, int]:
    """Rows in each HELD_TABLES table that has any (a psycopg connection or the gateway's cursor)."""
    counted = sql.SQL(" union all ").join(
        sql.SQL("select {}, count(*) from main.{}").format(sql.Literal(table), sql.Identifier(table))
        for table in HELD_TABLES)
    return {table: count for table, count in con.execute(counted.as_string()).fetchall() if count}


def _refusal(url: str, held: dict[str, int]) -> DataError:
    rows = ", ".join(f"{count:,} row{'s' if count != 1 else ''} in {table}" for table, count in held.items())
    return DataError(f"The database {shown_url(url)} already holds data ({rows}); the demo fills only an "
                     "empty database. Nothing was written.")


def _count(pg: psycopg.Connection, table: str) -> int:
    return pg.execute(sql.SQL("select count(*) from main.{}").format(sql.Identifier(table))).fetchone()[0]


def build_on_postgresql(url: str, build: Callable[[Database], dict[str, int]]) -> dict[str, int]:
    """Build a demo with `build(db)` (demo.town.build_demo, demo.large.build_large_demo) and put it
    into the empty PostgreSQL database at `url`; the rows `build` reports per table."""
    server = open_database(url)        # its migrations, into a new database too
    try:
        with server.cursor() as cur:
            held = rows_held(cur)
    finally:
        server.close()
    if held:
        raise _refusal(url, held)
    # the large city's file takes a few GB at scale 1: $TMPDIR says where
    with tempfile.TemporaryDirectory(prefix="community-demo-") as folder:
        path = Path(folder) / "demo.duckdb"
        db = Database(path)
        try:
            counts = build(db)
        finally:
            db.close()
        duck = duckdb.connect(str(path), read_only=True)
        try:
            # one transaction: commits when the block ends, rolls everything back on any error
            with psycopg.connect(url) as pg:
                # as a move does: a second demo or move started at the same moment waits here,
                # then finds this one's rows
                pg.execute("lock table main.users, main.audit_log in share row exclusive mode")
                held = rows_held(pg)
                if held:
                    raise _refusal(url, held)
                copied = copy_database(duck, pg)
                short = {table: n for table, n in copied.items() if _count(pg, table) != n}
                if short:
                    raise DataError("The demo's copy into PostgreSQL is incomplete, so nothing was kept: "
                                    + ", ".join(sorted(short)))
        finally:
            duck.close()
    return counts
