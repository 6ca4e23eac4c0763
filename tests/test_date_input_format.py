"""Every date picker shows its date in the one typed form (2026-12-01): Streamlit's default is
YYYY/MM/DD, which two pickers showed beside all the others' YYYY-MM-DD."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pickers_without_the_format() -> list[str]:
    found = []
    for folder in ("app_pages", "components"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                        and node.func.attr == "date_input":
                    given = {k.arg: k.value for k in node.keywords}
                    value = given.get("format")
                    if not (isinstance(value, ast.Constant) and value.value == "YYYY-MM-DD"):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_date_picker_writes_the_same_date_form():
    assert _pickers_without_the_format() == []
