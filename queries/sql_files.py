"""Named queries: one `.sql` file per query under queries/sql/, loaded by name.

Each file's `$name` parameters are learned once, from the file itself, by DuckDB's own parser
(so a `$word` in a comment or a string literal is not one): the gateway binds exactly those, and a
caller may hand every query of a family the same set of values.

On PostgreSQL a query is read from its form in queries/sql_postgresql/ (generated from the DuckDB
file, or written by hand: queries/postgresql_sql.py), with psycopg's `%(name)s` placeholders; its
parameters are still the DuckDB file's.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).parent / "sql"
POSTGRESQL_SQL_DIR = Path(__file__).parent / "sql_postgresql"
_FOLDERS = {"duckdb": SQL_DIR, "postgresql": POSTGRESQL_SQL_DIR}
_NAME = re.compile(r"^[a-z0-9_]+$")


@lru_cache(maxsize=None)
def load_sql(name: str, engine: str = "duckdb") -> str:
    """A named query's text for the engine ('duckdb' or 'postgresql')."""
    if not _NAME.match(name):
        raise ValueError(f"Query names are lowercase words: {name!r}")
    return (_FOLDERS[engine] / f"{name}.sql").read_text(encoding="utf-8")


def parameters_of(text: str) -> frozenset[str]:
    """The named `$parameters` of SQL text, as DuckDB's parser reads them."""
    return frozenset(name for statement in duckdb.extract_statements(text)
                     for name in statement.named_parameters)


@lru_cache(maxsize=None)
def sql_parameters(name: str) -> frozenset[str]:
    """The parameters a named query takes, parsed once per file."""
    return parameters_of(load_sql(name))


def bind(name: str, values: dict) -> dict | None:
    """The values a named query takes, out of `values` (None when it takes none)."""
    wanted = sql_parameters(name)
    return {key: value for key, value in values.items() if key in wanted} or None
