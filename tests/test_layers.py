"""The layering, read from the source: the app's layers never import the demo, the demo builds on
core and queries only, and the demo package has no import circles and no private imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("core", "queries", "reports", "components", "app_pages")


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """Every import in a file, at any depth (inside functions and `if TYPE_CHECKING:` too):
    (line, module, names); `importlib.import_module("x")` counts as importing x."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module, [alias.name for alias in node.names]))
        elif (isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute))
              and getattr(node.func, "attr", getattr(node.func, "id", None)) in ("import_module", "__import__")
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.append((node.lineno, node.args[0].value, []))
    return found


def _python_files(root: Path, folders) -> list[Path]:
    return sorted(p for folder in folders for p in (root / folder).rglob("*.py") if "__pycache__" not in p.parts)


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def demo_importers(root: Path, package: str = "demo") -> list[str]:
    """Files of the app's layers that import the demo package."""
    return [f"{path.relative_to(root)}:{line}: {module}"
            for path in _python_files(root, LAYERS)
            for line, module, _ in _imports(path)
            if _within(module, package)]


def _modules(root: Path, package: str) -> dict[str, Path]:
    base = root.joinpath(*package.split("."))
    out = {}
    for path in _python_files(root, [base.relative_to(root)]):
        parts = path.relative_to(root).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def import_circles(root: Path, package: str = "demo") -> list[list[str]]:
    """Groups of the package's modules that import each other, directly or round a longer circle
    (imports inside functions and under TYPE_CHECKING included: they hide a circle, not end it)."""
    modules = _modules(root, package)
    graph = {}
    for name, path in modules.items():
        targets = set()
        for _, module, names in _imports(path):
            for imported in [f"{module}.{n}" for n in names] + [module]:
                if imported in modules:
                    targets.add(imported)
                    break
        graph[name] = targets - {name}
    # Tarjan's strongly connected components
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return circles


def private_imports(root: Path, package: str = "demo") -> list[str]:
    """`from other_module import _name`: a name another module keeps to itself."""
    return [f"{path.relative_to(root)}:{line}: from {module} import {name}"
            for path in _modules(root, package).values()
            for line, module, names in _imports(path)
            for name in names if name.startswith("_") and not name.startswith("__")]


def test_nothing_in_core_queries_reports_components_or_pages_imports_the_demo():
    assert demo_importers(ROOT) == []


def test_the_demo_builds_on_core_and_queries_only():
    outside = [f"{path.relative_to(ROOT)}:{line}: {module}"
               for path in _python_files(ROOT, ["demo"])
               for line, module, _ in _imports(path)
               if any(_within(module, p) for p in ("components", "app_pages", "reports", "streamlit", "app", "cli"))]
    assert outside == []


def test_the_app_reaches_the_demo_only_through_its_bootstrap():
    reached = {module for script in ("app.py", "serve.py") for _, module, _ in _imports(ROOT / script)
               if _within(module, "demo")}
    assert reached == {"demo.bootstrap"}
    # and loading the bootstrap loads no builder: the sign-in page does not wait on numpy or shapely
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, demo.bootstrap; "
                               "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
                               "('demo', 'numpy', 'pandas', 'shapely'))))"],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert loaded == ["demo", "demo.accounts", "demo.bootstrap"]


def test_the_demo_package_has_no_import_circles():
    assert import_circles(ROOT) == []


def test_no_demo_module_imports_another_modules_private_names():
    assert private_imports(ROOT) == []
