"""Pages and components ask the domain for what they show: none of them names a SQL file, runs a
query through the gateway, or builds a query's parameters.

Read from the source (every .py file of app_pages/ and components/):

- no call passes a string that names a queries/sql file (`db.df("events_list")`,
  `read_df(db, "events_list")`, `run(db, "events_list")`, ...);
- no call of the gateway's read methods (`db.df`, `.rows`, `.one`, `.scalar`, `.cursor`) or of a
  function that takes a query name (`load_sql`, the former `read_df` / `read_rows` / `read_one`);
- imports from `queries` only of what a page or component needs without running a query:
  the types in signatures (`queries.actor.Actor`, `queries.db.Database`), the errors it shows
  (`queries.errors`), the one permission question (`queries.access.can`, `scoped`) and the role
  names the menu groups by, and where the database file is (`queries.db.resolve_path`, for the
  one place that opens it, components/database.py, and the cache and header guards that find it).
  Writes still go through `db.unit_of_work(...)`: a component that records a download or a refusal
  in the audit log holds a unit of work, but runs no named query.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from queries.sql_files import SQL_DIR

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("app_pages", "components")
ALLOWED_IMPORTS = {
    "queries.actor": {"Actor"},
    # open_database: DuckDB or PostgreSQL; is_server_url: which of the two, to say what opening it does
    "queries.db": {"Database", "open_database", "resolve_path", "is_server_url"},
    "queries.errors": None,                          # any error class, to catch and show it
    "queries.access": {"can", "scoped", "ROLES", "ADMIN", "COMMAND", "PREVENTION", "OFFICER"},
}
GATEWAY_METHODS = {"df", "rows", "one", "scalar", "cursor"}            # db.df(...), db.cursor()
QUERY_RUNNERS = {"load_sql", "read_df", "read_rows", "read_one"}      # functions that take a query name


def _files() -> list[Path]:
    return sorted(p for folder in FOLDERS for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts)


def _query_names() -> set[str]:
    return {p.stem for p in SQL_DIR.glob("*.sql")}


def _where(path: Path, node: ast.AST) -> str:
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    return f"{shown}:{node.lineno}"


def named_queries(path: Path, names: set[str]) -> list[str]:
    """Calls in a file that name a SQL file in any argument (a string constant or an f-string's
    fixed text that is a query name)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value in names:
                found.append(f"{_where(path, node)} names {arg.value}")
    return found


def gateway_reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            method = isinstance(node.func, ast.Attribute) and node.func.attr in GATEWAY_METHODS
            runner = isinstance(node.func, ast.Name) and node.func.id in QUERY_RUNNERS
            if method or runner:
                found.append(f"{_where(path, node)} calls {ast.unparse(node.func)}")
    return found


def query_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [f"{_where(path, node)} imports {a.name}" for a in node.names
                      if a.name == "queries" or a.name.startswith("queries.")]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "queries" or node.module.startswith("queries."):
                allowed = ALLOWED_IMPORTS.get(node.module, set())
                found += [f"{_where(path, node)} imports {node.module}.{a.name}" for a in node.names
                          if allowed is not None and a.name not in allowed]
    return found


def test_no_page_or_component_names_a_sql_file():
    names = _query_names()
    assert len(names) > 50                  # the folder is where this test thinks it is
    assert [hit for path in _files() for hit in named_queries(path, names)] == []


def test_no_page_or_component_runs_a_query_through_the_gateway():
    assert [hit for path in _files() for hit in gateway_reads(path)] == []


def test_pages_and_components_import_from_queries_only_types_errors_and_the_permission_question():
    assert [hit for path in _files() for hit in query_imports(path)] == []


@pytest.mark.parametrize("source, expected", [
    ('rows = db.df("events_list", date_from=d)', ["named", "gateway"]),
    ('rows = read_df(db, "events_list")', ["named", "gateway"]),
    ('rows = cached(run, db, "events_list")', ["named"]),
    ('from queries.access import read_scope', ["import"]),
    ('from queries.sql_files import load_sql', ["import"]),
    ('import queries.db', ["import"]),
    ('from queries.errors import DataError\nfrom queries.access import can', []),
    ('rows = cached(event_list, db, actor, first, last)', []),
])
def test_the_checks_catch_a_page_that_runs_a_query(tmp_path, source, expected):
    path = tmp_path / "probe.py"
    path.write_text(source)
    found = [kind for kind, hits in (("named", named_queries(path, _query_names())),
                                     ("gateway", gateway_reads(path)), ("import", query_imports(path))) if hits]
    assert found == expected
