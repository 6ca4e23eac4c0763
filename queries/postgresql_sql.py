"""The PostgreSQL form of the named queries, generated from their DuckDB files.

Queries are written once, in DuckDB's dialect (queries/sql/<name>.sql). Their PostgreSQL form
(queries/sql_postgresql/<name>.sql) is generated from them: sqlglot reads DuckDB and writes
PostgreSQL, and the fix-up rules in queries/postgresql_rules.py mend what it gets wrong. The files
are committed, so a change to a query shows its PostgreSQL form in review;
`.venv/bin/python scripts/postgres_sql.py` writes them, `--check` says which are stale.

Parameters: DuckDB's `$name` becomes psycopg's `%(name)s`, so every other `%` (a LIKE pattern,
modulo) is doubled, and comments are left out but for the file's header.

Where generation cannot work, the PostgreSQL file is written by hand, and named in HAND_WRITTEN
with the reason. A query with no PostgreSQL form at all is in DUCKDB_ONLY.

sqlglot is a development dependency (requirements-dev.txt): the app only reads the files.
"""

from __future__ import annotations

import re
from pathlib import Path

import sqlglot
from sqlglot import exp

from queries.postgresql_rules import RULES
from queries.sql_files import POSTGRESQL_SQL_DIR, SQL_DIR

# beside queries/sql, not in it: the files are generated copies, and queries/sql is checked for
# repeated logic (tests/test_sql_duplicates.py)
POSTGRESQL_DIR = POSTGRESQL_SQL_DIR
COMMAND = ".venv/bin/python scripts/postgres_sql.py"

# name -> why its PostgreSQL file is written by hand (kept in POSTGRESQL_DIR, first line HAND_WRITTEN_MARK)
HAND_WRITTEN = {
    "auth_sessions_start": "DuckDB's INSERT OR REPLACE is INSERT ... ON CONFLICT (username, token_exp) DO UPDATE",
    "login_locks_upsert": "DuckDB's INSERT OR REPLACE is INSERT ... ON CONFLICT (username) DO UPDATE",
    "incident_stage": "try_strptime with lists of formats and regexp_full_match have no generated form; "
                      "the temp table is made with CREATE TEMP TABLE ... AS (no OR REPLACE: the importer "
                      "drops it first)",
}

# name -> why the query has no PostgreSQL form: its work is done another way on PostgreSQL
DUCKDB_ONLY = {
    "incident_source_csv": "DuckDB's read_csv reads a file on the database's machine; on PostgreSQL the "
                           "importer sends the file's rows with COPY ... FROM STDIN into the temp table",
}

HAND_WRITTEN_MARK = "-- Hand-written PostgreSQL form of queries/sql/{name}.sql (queries/postgresql_sql.py, HAND_WRITTEN)."
_PLACEHOLDER = re.compile(r"%\(\w+\)s")


def header_comment(text: str) -> str:
    """The DuckDB file's leading comment lines (purpose, parameters, columns)."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line)
    return "\n".join(lines)


def _literal_percent_free(tree: exp.Expression) -> None:
    for literal in tree.find_all(exp.Literal):
        if literal.is_string and "%(" in literal.this:
            raise ValueError(f"a string holds '%(', which psycopg would read as a placeholder: {literal.this!r}")


def translate(duckdb_sql: str, pretty: bool = True) -> str:
    """One DuckDB statement as PostgreSQL for psycopg: `%(name)s` parameters, every other `%` doubled
    (`pretty`: one clause a line, as the files are written; else one line)."""
    statements = [s for s in sqlglot.parse(duckdb_sql, read="duckdb") if s is not None]
    if len(statements) != 1:
        raise ValueError(f"a named query is one statement, not {len(statements)}")
    tree = statements[0]
    _literal_percent_free(tree)
    for rule in RULES:           # one pass each: a pass does not look inside a node it replaced
        tree = tree.transform(rule)
    sql = tree.sql(dialect="postgres", pretty=pretty, comments=False, unsupported_level=sqlglot.ErrorLevel.RAISE)
    return _double_percent(sql)


def _double_percent(sql: str) -> str:
    """Every `%` but the placeholders' doubled, as psycopg reads `%%` as one `%`."""
    parts = _PLACEHOLDER.split(sql)
    placeholders = _PLACEHOLDER.findall(sql)
    doubled = [part.replace("%", "%%") for part in parts]
    out = doubled[0]
    for placeholder, part in zip(placeholders, doubled[1:]):
        out += placeholder + part
    return out


def generated_text(name: str) -> str:
    """The PostgreSQL file of a generated query, as scripts/postgres_sql.py writes it."""
    source = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    header = header_comment(source).replace("%", "%%")
    lines = [f"-- Generated from queries/sql/{name}.sql by `{COMMAND}`; do not edit.", header, "",
             translate(source) + "\n"]
    return "\n".join(lines)


def query_names() -> list[str]:
    return sorted(path.stem for path in SQL_DIR.glob("*.sql"))


def generated_names() -> list[str]:
    return [name for name in query_names() if name not in HAND_WRITTEN and name not in DUCKDB_ONLY]


def postgresql_path(name: str) -> Path:
    return POSTGRESQL_DIR / f"{name}.sql"


def stale_files() -> list[str]:
    """What is not as generation would write it: 'name: why', for every generated, hand-written and
    left-over file of POSTGRESQL_DIR."""
    found = []
    for name in generated_names():
        path = postgresql_path(name)
        if not path.exists():
            found.append(f"{name}: missing")
        elif path.read_text(encoding="utf-8") != generated_text(name):
            found.append(f"{name}: stale")
    for name in HAND_WRITTEN:
        path = postgresql_path(name)
        if not path.exists():
            found.append(f"{name}: hand-written file missing")
        elif not path.read_text(encoding="utf-8").startswith(HAND_WRITTEN_MARK.format(name=name)):
            found.append(f"{name}: hand-written file without its first line {HAND_WRITTEN_MARK.format(name=name)!r}")
    wanted = set(generated_names()) | set(HAND_WRITTEN)
    for path in sorted(POSTGRESQL_DIR.glob("*.sql")):
        if path.stem not in wanted:
            found.append(f"{path.stem}: no such query (or DuckDB only), delete the file")
    return found


def write_files() -> list[str]:
    """Write every generated file that differs, and delete the files of queries no longer there
    (a hand-written file is left alone); the names written or deleted."""
    POSTGRESQL_DIR.mkdir(exist_ok=True)
    changed = []
    for name in generated_names():
        path, text = postgresql_path(name), generated_text(name)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(f"{name}: written")
    wanted = set(generated_names()) | set(HAND_WRITTEN)
    for path in sorted(POSTGRESQL_DIR.glob("*.sql")):
        if path.stem not in wanted:
            path.unlink()
            changed.append(f"{path.stem}: deleted")
    return changed
