"""Every named query file in queries/sql is used, and every query name the code uses has a file.

A query is named in Python: `db.df("events_list")`, `uow.execute(...)`, `load_sql(...)`, the
page helpers `read_df(db, ...)`, the importer's `_one(cur, ...)`, or a name built at run time
(`run(db, f"metric_{name}", ...)`, listed in DYNAMIC with the values it takes). A file no code
names is dead; a name with no file fails only when that line runs.
"""

from __future__ import annotations

import ast
import os
import re
from functools import lru_cache
from pathlib import Path

from queries.sql_files import SQL_DIR

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", ".git", "__pycache__", "data", "node_modules"}

# function name -> position of the query-name argument
RUNNERS = {"df": {0}, "rows": {0}, "one": {0, 1}, "scalar": {0}, "execute": {0}, "load_sql": {0},
           "read_df": {1}, "read_rows": {1}, "read_one": {1}, "_frame": {1}, "run": {1}, "definition": {0},
           "_one": {1}, "_all": {1}}
# every query name is <subject>_<what> (CONTRIBUTING.md), so it has an underscore; "commit" is not one
QUERY_NAME = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+")


def _dynamic() -> dict[str, tuple[str, ...]]:
    """Query names built at run time: the f-string's shape -> the values its placeholder takes."""
    from core.metrics import FAMILIES

    return {"metric_{}": FAMILIES}


def _python_files():
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = sorted(d for d in subfolders if d not in SKIP and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".py"):
                yield Path(folder) / name


@lru_cache(maxsize=None)
def _scan():
    """(every string constant in the Python code, query names passed to a runner, f-string shapes passed)."""
    constants, named, built = set(), {}, {}
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            if not isinstance(node, ast.Call):
                continue
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            for position in RUNNERS.get(func, ()):
                if position >= len(node.args):
                    continue
                arg = node.args[position]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and QUERY_NAME.fullmatch(arg.value):
                    named.setdefault(arg.value, f"{where}:{node.lineno}")
                elif isinstance(arg, ast.JoinedStr):
                    shape = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in arg.values)
                    if QUERY_NAME.fullmatch(shape.replace("{}", "x")):    # a name, not SQL text
                        built.setdefault(shape, f"{where}:{node.lineno}")
    return constants, named, built


def _files() -> set[str]:
    return {path.stem for path in SQL_DIR.glob("*.sql")}


def test_every_sql_file_is_named_by_the_code():
    constants, _, _ = _scan()
    expanded = {shape.format(value) for shape, values in _dynamic().items() for value in values}
    unused = sorted(_files() - constants - expanded)
    assert unused == [], f"queries/sql files no code names (delete them, or use them): {unused}"


def test_every_query_name_the_code_uses_has_a_file():
    _, named, built = _scan()
    files = _files()
    missing = {name: where for name, where in named.items() if name not in files}
    assert missing == {}, f"query names without a queries/sql file: {missing}"
    dynamic = _dynamic()
    unlisted = {shape: where for shape, where in built.items() if shape not in dynamic}
    assert unlisted == {}, f"query names built at run time: list the values each takes in DYNAMIC: {unlisted}"
    for shape, values in dynamic.items():
        assert shape in built, f"{shape} is no longer built anywhere: take it out of DYNAMIC"
        assert {shape.format(v) for v in values} <= files, shape


def test_the_scan_sees_the_ways_queries_are_named():
    constants, named, built = _scan()
    assert "events_list" in named                       # db.df / read_df
    assert "audit_insert" in named                      # load_sql in the unit of work
    assert "incidents_last_import" in named             # the importer's _one(cur, ...)
    assert "metric_{}" in built                         # run(db, f"metric_{name}", ...)
    assert "commit" not in named and "events" not in named


# Screens and documents whose queries join many tables are named for the screen (CONTRIBUTING.md).
SCREENS = ("metric", "entry", "map", "targeting", "report", "program_results", "survey_results")
# Older names that break the rule, left until their code is next worked on. The incident importer's
# files (incident_*) and the business list's (business_*) are being reworked as a whole.
NOT_YET_RENAMED_FAMILIES = ("incident_", "business_")
NOT_YET_RENAMED = {
    "audit_insert", "auth_session", "auth_session_touch", "cohort_attendance", "cohort_roster",
    "cohort_sessions", "cohorts_list", "concern_by_id", "concern_history", "concern_people",
    "district_crime_types", "district_programs", "district_shapes", "login_failure_insert",
    "monthly_report_by_id", "monthly_report_by_period", "offense_unmapped", "organization_by_id",
    "program_evaluation_row", "program_profile", "setting_row", "setting_value", "stored_district_texts",
    "user_by_id", "user_by_username",
}


def _tables() -> set[str]:
    import duckdb

    from queries.migrate import apply_migrations

    con = duckdb.connect()
    apply_migrations(con)
    return {row[0] for row in con.execute(
        "select table_name from duckdb_tables() where database_name = current_database()").fetchall()}


def _follows_the_rule(name: str, subjects: set[str]) -> bool:
    return any(name.startswith(subject + "_") and len(name) > len(subject) + 1 for subject in subjects)


def test_sql_file_names_follow_the_rule():
    subjects = _tables() | set(SCREENS)
    assert _follows_the_rule("districts_by_code", subjects) and not _follows_the_rule("district_by_code", subjects)
    breaking = sorted(name for name in _files() - NOT_YET_RENAMED
                      if not name.startswith(NOT_YET_RENAMED_FAMILIES) and not _follows_the_rule(name, subjects))
    assert breaking == [], (
        f"name these <table>_<what> after the table they are about, as the table is spelled "
        f"(plural), or <screen>_<what> for {', '.join(SCREENS)} (CONTRIBUTING.md, 'Name a query file'): {breaking}")
    renamed = sorted(NOT_YET_RENAMED - {n for n in _files() if not _follows_the_rule(n, subjects)})
    assert renamed == [], f"renamed or gone: take these out of NOT_YET_RENAMED: {renamed}"
