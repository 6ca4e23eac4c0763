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
