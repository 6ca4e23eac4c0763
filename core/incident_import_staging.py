"""The incident file staged in the target database, on DuckDB and PostgreSQL alike.

The rows read from the file (an Arrow table, one text column per field: core/incident_import.py)
become the relation `incident_source` on the unit of work's cursor (`register`: on DuckDB a view of
the table in memory, on PostgreSQL a temporary table filled by COPY, queries/cursor.py), and
queries/sql/incident_stage.sql parses them into the temporary table `incident_stage`, which the
other incident_stage_* queries read and correct. Everything here runs inside the import's unit of
work, so a failure leaves nothing behind: temporary tables made in a rolled-back transaction go
with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from queries.sql_files import load_sql

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

SOURCE = "incident_source"


def stage(cur, source: pa.Table, time_zone: str, date_column: bool, offsets_local: bool) -> None:
    """The file's rows as `incident_source`, parsed into `incident_stage`."""
    cur.register(SOURCE, source)
    # PostgreSQL has no `create or replace` for a table: an earlier stage on this connection goes first
    cur.execute(load_sql("incident_stage_drop"))
    cur.execute(load_sql("incident_stage"), {"time_zone": time_zone, "date_column": date_column,
                                             "offsets_local": offsets_local})


def drop(cur) -> None:
    cur.execute(load_sql("incident_stage_drop"))
    cur.unregister(SOURCE)


def one(cur, name: str, **params: Any) -> dict:
    """The one row of the named query, as a dict."""
    result = cur.execute(load_sql(name), params or None)
    return dict(zip([d[0] for d in result.description], result.fetchone()))


def every(cur, name: str, **params: Any) -> list[dict]:
    """Every row of the named query, as dicts."""
    result = cur.execute(load_sql(name), params or None)
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row)) for row in result.fetchall()]


def frame(cur, name: str) -> pd.DataFrame:
    """The named query's rows as a DataFrame: numbers as numbers (NaN where missing), on both engines."""
    return cur.execute(load_sql(name)).df()


def write_back(cur, relation: str, rows: pd.DataFrame, name: str) -> None:
    """Run the named update of incident_stage with `rows` readable as `relation`."""
    cur.register(relation, rows)
    cur.execute(load_sql(name))
    # not in a `finally`: after a failure PostgreSQL refuses every statement until the rollback,
    # which would hide the error; the rollback takes the temporary table away (and on DuckDB the
    # unit of work's cursor, which holds the view, is closed)
    cur.unregister(relation)
