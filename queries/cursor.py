"""A PostgreSQL cursor that reads like a DuckDB one, so the gateway's code is written once.

The unit of work, the catalog and the reference checks run statements they build in Python from
catalog identifiers, with DuckDB's `$name` placeholders, and read results with `fetchone`,
`fetchall`, `description` and `df()`. `PostgresCursor.execute` takes the same text and turns
the placeholders into psycopg's `%(name)s` (`psycopg_placeholders`). A named query runs in its
PostgreSQL form (queries/sql_postgresql/<name>.sql, `load_sql(name, "postgresql")`): the gateway
names it (`execute_named`), and the text of a named DuckDB file handed to `execute` (as
queries/access.py does with `load_sql(...)`) is recognised and swapped for that form.

DuckDB answers an insert, update or delete without RETURNING with one row holding the count of
rows it changed, and the gateway and core/ read it (`execute(...).fetchone()[0]`); this cursor
answers such a statement the same way, from psycopg's rowcount.

A constraint the database enforces (a key, a unique value, not null, a check) refuses a write with
psycopg's IntegrityError; the cursor raises queries.errors.ConstraintViolation instead, a
subclass of DuckDB's ConstraintException, so code that catches that holds on both engines.

A cursor holds one pooled connection from `cursor()` until `close()` (or the end of a `with`
block), which hands the connection back to the pool.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

import psycopg

from queries.errors import ConstraintViolation
from queries.sql_files import SQL_DIR, bind, load_sql

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

# PostgreSQL type oid -> the dtypes DuckDB's .df() gives that type: without and with a gap
_DF_TYPES = {16: ("bool", "boolean"), 21: ("int32", "Int32"), 23: ("int32", "Int32"), 20: ("int64", "Int64"),
             700: ("float64", "float64"), 701: ("float64", "float64"), 1700: ("float64", "float64"),
             1082: ("datetime64[us]", None), 1114: ("datetime64[us]", None)}
COPY_BATCH_ROWS = 50_000      # rows of an Arrow table written as CSV and sent at a time
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@lru_cache(maxsize=1)
def _names_by_text() -> dict[str, str]:
    return {load_sql(path.stem): path.stem for path in SQL_DIR.glob("*.sql")}


def named_query_of(sql: str) -> str | None:
    """The name of the query whose DuckDB file holds exactly `sql`, if one does."""
    return _names_by_text().get(sql)


@lru_cache(maxsize=2048)
def psycopg_positional(sql: str) -> str:
    """DuckDB's positional `?` as psycopg's `%s`, every other `%` doubled (same limits as below)."""
    return sql.replace("%", "%%").replace("?", "%s")


@lru_cache(maxsize=2048)
def psycopg_placeholders(sql: str) -> str:
    """DuckDB's `$name` as psycopg's `%(name)s`, every other `%` doubled (psycopg reads `%%` as `%`).

    Only for statements the gateway builds from catalog identifiers and fixed text: such a
    statement has no `$` or `%` inside a string literal or an identifier, so a plain pattern
    finds every parameter and nothing else."""
    return _PARAMETER.sub(lambda found: f"%({found.group(1)})s", sql.replace("%", "%%"))


class PostgresCursor:
    """One psycopg cursor on a pooled connection, with the DuckDB cursor's reading methods."""

    def __init__(self, connection: psycopg.Connection, release: Callable[[psycopg.Connection], None]):
        self.connection = connection
        self._cur = connection.cursor()
        self._release = release
        self._count: int | None = None     # a changing statement's row count, not yet fetched

    # -- running -----------------------------------------------------------------------

    def execute(self, sql: str, params: dict | list | tuple | None = None) -> PostgresCursor:
        """A statement written with DuckDB's `$name` placeholders (or `?` with a list of values),
        or a named query's DuckDB text."""
        if isinstance(params, (list, tuple)):
            return self._run(psycopg_positional(sql), list(params))
        name = named_query_of(sql)
        if name is not None:
            return self.execute_named(name, params or {})
        # always a dict, even empty: psycopg turns `%%` back into `%` only when given parameters
        return self._run(psycopg_placeholders(sql), params or {})

    def execute_named(self, name: str, params: dict) -> PostgresCursor:
        """The named query `name` in its PostgreSQL form, with the values it takes out of `params`."""
        return self._run(load_sql(name, "postgresql"), bind(name, params) or {})

    def _run(self, sql: str, params: dict | list) -> PostgresCursor:
        try:
            self._cur.execute(sql, params)
        except psycopg.errors.IntegrityError as error:
            raise ConstraintViolation(str(error), error.sqlstate, error.diag.constraint_name) from error
        self._count = self._cur.rowcount if self._counted() else None
        return self

    def register(self, name: str, frame: pd.DataFrame | pa.Table, like: str | None = None) -> None:
        """The frame as a relation `name` for the statements that follow, as DuckDB's register:
        here a temporary table filled by COPY. Its columns take the types of the same columns of
        the table `like` (a bulk insert's target), or else types read from the frame's dtypes.
        An Arrow table of text columns (an import's file as read) is sent as CSV, a batch at a time."""
        if not hasattr(frame, "dtypes"):
            self._register_text_table(name, frame)
            return
        names = ", ".join(_quote(c) for c in frame.columns)
        if like is not None:
            self.execute(f"create temp table {_quote(name)} as select {names} from {like} with no data")
        else:
            columns = ", ".join(f"{_quote(c)} {_column_type(frame[c])}" for c in frame.columns)
            self.execute(f"create temp table {_quote(name)} ({columns})")
        integer_columns = {column.name for column in
                           self.execute(f"select * from {_quote(name)} limit 0")._cur.description
                           if column.type_code in _INTEGER_TYPES}
        with self._cur.copy(f"copy {_quote(name)} ({names}) from stdin") as copy:
            for row in _copy_rows(frame, integer_columns):
                copy.write_row(row)

    def _register_text_table(self, name: str, table: pa.Table) -> None:
        """An Arrow table of text columns as a temporary table of text columns, by COPY in CSV form:
        Arrow writes each batch as CSV in C, a missing value unquoted and empty, an empty text as
        "" (which PostgreSQL's CSV reads back as NULL and as '').
        A temporary table is never scanned in parallel nor from the middle (a synchronised scan
        is only for shared tables), so a query over it meets its rows in the order written."""
        import pyarrow as pa
        import pyarrow.csv as arrow_csv

        if not all(pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)
                   or pa.types.is_null(t) for t in table.schema.types):
            raise TypeError(f"{name}: only text columns are sent as CSV, not {table.schema}")
        names = ", ".join(_quote(c) for c in table.column_names)
        self.execute(f"create temp table {_quote(name)} ({', '.join(f'{_quote(c)} text' for c in table.column_names)})")
        options = arrow_csv.WriteOptions(include_header=False)
        with self._cur.copy(f"copy {_quote(name)} ({names}) from stdin (format csv)") as copy:
            for batch in table.to_batches(max_chunksize=COPY_BATCH_ROWS):
                out = pa.BufferOutputStream()
                arrow_csv.write_csv(batch, out, options)
                copy.write(out.getvalue().to_pybytes())

    def unregister(self, name: str) -> None:
        self.execute(f"drop table if exists {_quote(name)}")

    # -- reading -----------------------------------------------------------------------

    def _counted(self) -> bool:
        """The last statement changed rows and returned none: DuckDB answers it with its count."""
        return self._cur.description is None and self._cur.rowcount >= 0

    @property
    def description(self) -> list[tuple]:
        if self._counted():
            return [("Count", None)]
        return [(column.name, column.type_code) for column in self._cur.description or ()]

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount

    def fetchone(self) -> tuple | None:
        if self._counted():
            rows = self.fetchall()
            return rows[0] if rows else None
        return self._cur.fetchone()

    def fetchall(self) -> list[tuple]:
        if self._counted():
            count, self._count = self._count, None     # read once, as DuckDB's count row is
            return [] if count is None else [(count,)]
        return self._cur.fetchall()

    def df(self) -> pd.DataFrame:
        """The rows as a DataFrame with the column types DuckDB's `.df()` gives (pages and
        documents compute with them): dates and timestamps as datetime64, integers as int32 or
        int64 (Int32 / Int64 with a gap), numeric as float64, booleans as bool (boolean with a gap)."""
        import pandas as pd

        description = self._cur.description or ()
        frame = pd.DataFrame.from_records(self._cur.fetchall(), columns=[c.name for c in description])
        for position, column in enumerate(description):
            kinds = _DF_TYPES.get(column.type_code)
            if kinds is None:
                continue
            values = frame.iloc[:, position]
            if kinds[1] is None:                       # dates and timestamps: NaT for a gap
                converted = pd.to_datetime(values).astype(kinds[0])
            else:
                converted = values.astype(kinds[1] if values.isna().any() else kinds[0])
            frame.isetitem(position, converted)
        return frame

    # -- the connection ----------------------------------------------------------------

    def close(self) -> None:
        if self._release is None:
            return
        try:
            self._cur.close()
        finally:
            release, self._release = self._release, None
            release(self.connection)

    def __enter__(self) -> PostgresCursor:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


_INTEGER_TYPES = {20, 21, 23}       # bigint, smallint, integer


def _column_type(values: pd.Series) -> str:
    """A PostgreSQL type for a frame's column, from its dtype (text for anything else)."""
    import pandas as pd

    if pd.api.types.is_bool_dtype(values):
        return "boolean"
    if pd.api.types.is_integer_dtype(values):
        return "bigint"
    if pd.api.types.is_float_dtype(values):
        return "double precision"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "timestamp"
    return "text"


def _copy_rows(frame: pd.DataFrame, integer_columns: set[str]):
    """The frame's rows as Python values for COPY: missing values as None, and whole floats in
    integer columns as ints (pandas holds an integer column with gaps as floats; DuckDB's insert
    casts them, COPY would refuse '3.0')."""
    import pandas as pd

    values = frame.astype(object).where(pd.notna(frame), None)
    positions = [i for i, column in enumerate(frame.columns) if column in integer_columns]
    for row in values.itertuples(index=False, name=None):
        if positions:
            row = list(row)
            for i in positions:
                if isinstance(row[i], float):
                    row[i] = int(row[i])
            row = tuple(row)
        yield row
