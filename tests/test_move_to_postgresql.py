"""Moving a department from its DuckDB file to PostgreSQL (`cli.py move-to-postgresql`,
queries/move_to_postgresql.py): every table arrives whole, a database that already holds data is
refused and left as it was, and the app then reads the same figures from PostgreSQL.
"""

from __future__ import annotations

import psycopg

from cli import main as cli_main
from core import metrics, periods
from queries.actor import SYSTEM
from queries.db import open_database
from tests.conftest import DEMO_TODAY
from tests.postgres_support import row_counts_duckdb, row_counts_postgresql


def move_audits(url: str) -> list[tuple]:
    with psycopg.connect(url) as con:
        return con.execute("select username, action, detail from main.audit_log "
                           "where detail like 'moved from %' order by id").fetchall()


def test_the_demo_town_moves_to_postgresql_whole_and_only_once(demo_path, postgres_server, capsys):
    url = postgres_server.new_database()          # empty: the move migrates it
    on_duckdb = row_counts_duckdb(demo_path)
    assert on_duckdb["events"] > 0 and on_duckdb["audit_log"] > 0

    assert cli_main(["--db", str(demo_path), "move-to-postgresql", "--to", url]) == 0
    printed = capsys.readouterr().out
    moved = row_counts_postgresql(url)
    # every table as DuckDB holds it, but the one audit row the move itself writes
    assert set(moved) == set(on_duckdb)
    assert {**moved, "audit_log": moved["audit_log"] - 1} == on_duckdb
    assert move_audits(url) == [(SYSTEM.username, "import", f"moved from {demo_path}: "
                                 f"{sum(on_duckdb.values()):,} rows in {len(on_duckdb)} tables")]
    assert f"{on_duckdb['events']:,}" in printed and "events" in printed

    # a second move into the same database is refused and changes nothing
    assert cli_main(["--db", str(demo_path), "move-to-postgresql", "--to", url]) == 2
    assert "already holds data" in capsys.readouterr().err
    assert row_counts_postgresql(url) == moved

    # the app reads the same figures from PostgreSQL as from the file
    period = periods.custom(DEMO_TODAY.replace(month=1, day=1), DEMO_TODAY)
    figures = []
    for target in (demo_path, url):
        db = open_database(target)
        try:
            figures.append(metrics.headline(db, SYSTEM, period))
        finally:
            db.close()
    on_file, on_server = figures
    assert on_file["events"] > 0
    assert on_server == on_file
