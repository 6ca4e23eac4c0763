"""The warm-up (components/warm_up.py): what it loads, what it leaves alone, and when a script may go on.

Each case runs in a new interpreter, as a server process starts: the test process has loaded most
modules already."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.apptest_support import ROOT

# the modules a script's top-level imports would load on top of those already loaded
NEW_ON_IMPORT = """
import ast, importlib, sys
from components.warm_up import imported_by
def new_on_import(path, leave_out=()):
    before = set(sys.modules)
    for name in imported_by(path, leave_out):
        importlib.import_module(name)
    return sorted(set(sys.modules) - before)
"""


def run_fresh(code: str, tmp_path) -> dict:
    database = tmp_path / "never-opened.duckdb"
    done = subprocess.run([sys.executable, "-c", NEW_ON_IMPORT + textwrap.dedent(code)], cwd=ROOT,
                          env={"COMMUNITY_DB": str(database), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["database_created"] = database.exists() or database.with_name(database.name + ".wal").exists()
    return result


def test_after_the_warm_up_the_sign_in_page_and_every_home_page_import_nothing_new(tmp_path):
    result = run_fresh("""
        import json, sys
        from components import warm_up
        from components.navigation import PAGES_DIR, specs_for
        from queries.access import ROLES
        warm_up.start().join()
        homes = sorted({specs_for(role)[0].file for role in ROLES})
        print(json.dumps({
            "sign_in": new_on_import(warm_up.ROOT / "app.py", leave_out=("demo",)),
            "homes": homes,
            "home": [m for f in homes for m in new_on_import(PAGES_DIR / f)],
            "libraries": [m for m in ("numpy", "pandas", "pyarrow", "PIL.Image", "plotly.express",
                                      "streamlit_authenticator") if m not in sys.modules],
            "demo": sorted(m for m in sys.modules if m == "demo" or m.startswith("demo.")),
        }))
    """, tmp_path)
    assert result["homes"] == ["overview.py"]
    assert result["sign_in"] == [] and result["home"] == [], result
    assert result["libraries"] == []
    # modules only: the demo is not the components' to load, and no database is opened or made
    assert result["demo"] == [] and not result["database_created"]


def test_a_script_waits_for_a_stage_the_warm_up_has_begun_and_not_for_one_never_started(tmp_path):
    result = run_fresh("""
        import json, sys, time
        from components import warm_up
        started = time.perf_counter()
        warm_up.ready(warm_up.HOME)          # never started: at once, loading nothing
        alone = {"waited_s": time.perf_counter() - started, "pandas": "pandas" in sys.modules}
        warm_up.start()
        warm_up.ready(warm_up.SIGN_IN)
        sign_in = {m: m in sys.modules for m in ("streamlit_authenticator", "components.sign_in")}
        warm_up.ready(warm_up.HOME)
        home = {m: m in sys.modules for m in ("pandas", "plotly.express", "core.metrics", "components.charts")}
        print(json.dumps({"alone": alone, "sign_in": sign_in, "home": home}))
    """, tmp_path)
    assert result["alone"]["pandas"] is False and result["alone"]["waited_s"] < 1
    assert all(result["sign_in"].values()), result["sign_in"]
    assert all(result["home"].values()), result["home"]


def test_the_sign_in_page_comes_before_the_home_pages_modules(tmp_path):
    result = run_fresh("""
        import json
        from components import warm_up
        stages = warm_up.stages()
        print(json.dumps({k: list(v) for k, v in stages.items()}))
    """, tmp_path)
    assert {"components.sign_in", "components.database"} <= set(result["sign-in"])
    assert {"components.charts", "core.metrics"} <= set(result["home"])
    assert not set(result["sign-in"]) & set(result["home"])


FROZEN = """
import gc
from components import warm_up
warm_up.start().join()
print(gc.get_freeze_count(), len(gc.get_objects()))
"""


def test_the_warm_up_leaves_the_loaded_modules_out_of_every_later_collection():
    # Streamlit runs a full collection after every script run; with the modules' objects frozen it
    # walks only what runs made since
    done = subprocess.run([sys.executable, "-c", FROZEN], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    frozen, tracked = map(int, done.stdout.split())
    assert frozen > 100_000, frozen                  # pandas, plotly, streamlit and the app's modules
    assert tracked < frozen / 10, (frozen, tracked)
