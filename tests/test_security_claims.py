"""SECURITY.md names the test that proves each claim; every test it names exists.

A `file.py::test_name` reference names a test in tests/; a `::test_name` that follows refers to
the same file as the reference before it; a bare `file.py` names a whole test file.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = re.compile(r"`((?:tests/)?(test_\w+\.py))?(?:::(test_\w+))?`")


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_")}


def named_tests(text: str) -> list[tuple[str, str | None]]:
    found, current = [], None
    for match in REFERENCE.finditer(text):
        file, name = match.group(2), match.group(3)
        if file is None and name is None:
            continue
        current = file or current
        assert current is not None, f"{match.group(0)} names no file before it"
        found.append((current, name))
    return found


def test_every_test_security_md_names_exists():
    named = named_tests((ROOT / "SECURITY.md").read_text(encoding="utf-8"))
    assert len(named) >= 30
    missing = []
    for file, name in named:
        path = ROOT / "tests" / file
        if not path.exists() or (name is not None and name not in _tests_in(path)):
            missing.append(f"{file}::{name}" if name else file)
    assert not missing, missing


def test_the_reference_reader_follows_the_file_of_the_reference_before():
    text = "(`test_a.py::test_one`, `::test_two`; `tests/test_b.py`, `md()` and `::test_three`)"
    assert named_tests(text) == [("test_a.py", "test_one"), ("test_a.py", "test_two"), ("test_b.py", None),
                                 ("test_b.py", "test_three")]
