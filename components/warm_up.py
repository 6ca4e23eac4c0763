"""The modules the first two screens need, imported in the background before anyone asks for them.

A fresh server has imported Streamlit and nothing of the app. The sign-in page then imports the
app's modules and streamlit-authenticator, and Streamlit's own helpers import numpy and PIL (for
the page icon); the first page after signing in, every role's home page, adds pandas, plotly
express, the charts and the figures: CPU a fresh server would spend before the sign-in form and
after the click. The CPU is the same whenever it is spent, so it is spent while the server
would otherwise wait: serve.py starts the warm-up once the server is up (while the browser loads
Streamlit's scripts) and app.py once the sign-in form is drawn (while the user types).

Only modules are loaded (and plotly's property checkers made once): nothing is read from the
database or computed, so nothing here can go stale. A script run asks `ready(stage)` before it
imports a stage's modules itself, so a module is never imported by the warm-up and a page at once
(two threads importing modules that import each other can fail with a deadlock error).
"""

from __future__ import annotations

import ast
import atexit
import gc
import importlib
import importlib.util
import threading
import time
from pathlib import Path

from streamlit.logger import get_logger

ROOT = Path(__file__).resolve().parents[1]
SIGN_IN, HOME = "sign-in", "home"

# what Streamlit imports only when the sign-in page first needs it: numpy and PIL for the page icon
# (st.set_page_config)
STREAMLIT_LAZY = ("numpy", "PIL.Image")

_LOGGER = get_logger(__name__)
_STARTED = threading.Lock()
_thread: threading.Thread | None = None
_done = {SIGN_IN: threading.Event(), HOME: threading.Event()}


def imported_by(path: Path, leave_out: tuple[str, ...] = ()) -> list[str]:
    """The modules a Python file imports at its top level, in order (`from package import name`
    gives the package and, when `name` is a module of it, that module), but for the packages named
    in `leave_out` (nothing of them is loaded, not even to look a name up)."""
    names: list[str] = []
    for node in ast.parse(path.read_text(), str(path)).body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names if alias.name.split(".")[0] not in leave_out]
        elif (isinstance(node, ast.ImportFrom) and node.level == 0 and node.module != "__future__"
              and node.module.split(".")[0] not in leave_out):
            names.append(node.module)
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                if importlib.util.find_spec(node.module).submodule_search_locations is not None \
                        and importlib.util.find_spec(submodule) is not None:
                    names.append(submodule)
    return list(dict.fromkeys(names))


def stages() -> dict[str, list[str]]:
    """What each stage imports: the sign-in page's modules (app.py's and Streamlit's lazy ones), then
    those of every role's home page (the first page of its menu) not imported already."""
    from components.navigation import PAGES_DIR, specs_for
    from queries.access import ROLES

    # app.py's own imports, but not the demo's bootstrap: components import nothing of the demo
    sign_in = [*STREAMLIT_LAZY, *imported_by(ROOT / "app.py", leave_out=("demo",))]
    homes = dict.fromkeys(specs_for(role)[0].file for role in ROLES)
    home = [name for file in homes for name in imported_by(PAGES_DIR / file)]
    return {SIGN_IN: sign_in, HOME: [name for name in dict.fromkeys(home) if name not in sign_in]}


def _plotly_checkers() -> None:
    """Plotly makes the checker of each figure property the first time a figure sets it (about
    50 ms for the first chart of a page); one small stacked bar chart makes those charts use."""
    import plotly.express as px

    px.bar(x=["a", "b"], y=[1, 2], color=["a", "b"], title="t", labels={"x": "x"}).update_layout(
        legend_title_text="", margin={"t": 40}).update_xaxes(tickformat="%b").update_yaxes(rangemode="tozero")


def _run() -> None:
    started, cpu = time.perf_counter(), time.thread_time()
    try:
        for stage, names in stages().items():
            try:
                for name in names:
                    importlib.import_module(name)
                if stage == HOME:
                    _plotly_checkers()
            finally:
                _done[stage].set()
    except Exception:
        # the page imports what it needs itself and shows any error there
        _LOGGER.exception("Warm-up stopped early")
    finally:
        for event in _done.values():
            event.set()
    # Streamlit collects every generation after each script run (runner.postScriptGC), and that
    # walked every object of every module imported here: about 160 ms of a large city server's
    # run, holding the lock that the server's sending of the run's last messages waits for. The
    # modules stay loaded for the life of the process, so the collector need not look at them again.
    # At exit they are handed back, so that the interpreter's last collection frees them as it did
    # (DuckDB's bindings otherwise report their objects as leaked).
    gc.freeze()
    atexit.register(gc.unfreeze)
    _LOGGER.info("Warm-up done in %.2f s (%.2f s CPU)", time.perf_counter() - started, time.thread_time() - cpu)


def start() -> threading.Thread:
    """Start the warm-up once per process (later calls return the same thread)."""
    global _thread
    with _STARTED:
        if _thread is None:
            _thread = threading.Thread(target=_run, name="warm-up", daemon=True)
            _thread.start()
        return _thread


def ready(stage: str) -> None:
    """Return once `stage` is imported, if the warm-up is under way; at once if it never started
    (the script then imports what it needs itself, as it would without a warm-up)."""
    if _thread is not None:
        _done[stage].wait()
