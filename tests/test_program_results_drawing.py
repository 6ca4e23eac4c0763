"""Program results draws one figure's monthly trend at a time (only the open tab runs and is sent);
each, once opened, shows core's monthly figures, a save shows at the next rerun, and a program that
lacks the open figure opens on its first."""

from __future__ import annotations

import base64
import json
from datetime import datetime

import numpy as np

from core import program_results
from queries.actor import SYSTEM
from tests.apptest_support import open_tab, page_file
from tests.test_overview_pages import actor_for, demo_app, sign_in  # noqa: F401  (fixture)


def _values(array) -> list:
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def _trends(at) -> list[dict]:
    return [spec for spec in (json.loads(c.proto.spec) for c in at.get("plotly_chart"))
            if " each month, " in spec["layout"]["title"]["text"] and "share of" not in spec["layout"]["title"]["text"]]


def _bars(spec: dict) -> list[float]:
    return [float(v) for v in _values(spec["data"][0]["y"])]


def test_one_trend_at_a_time_with_cores_figures_following_a_save(demo_app):
    at = sign_in("commander")
    at.switch_page(page_file("program_results.py")).run()
    assert not at.exception, at.exception
    tabs = [t.label for t in at.tabs]
    assert tabs[:2] == ["Events held", "Attendance"]
    (events,) = _trends(at)                                        # one chart, not one per figure
    assert events["layout"]["title"]["text"].startswith("Events held each month")

    from components.database import _open

    db = _open(str(demo_app.resolve()))                            # the app's own gateway
    program_id = at.selectbox(key="program_pick").value
    actor = actor_for(demo_app, "commander")
    caption = events["layout"]["title"]["text"].replace("<br>", " ").split(" each month, ", 1)[1]
    from core.metrics import trend_period
    from core.periods import preset
    from core import clock

    trend = trend_period(preset("last_12_months", clock.department_today(db)))
    assert trend.label == caption
    want = program_results.monthly(db, actor, trend, program_id)

    def core_values(measure: str) -> list[float]:
        return want[want["measure"] == measure].sort_values("month")["value"].astype(float).tolist()

    assert _bars(events) == core_values("events")
    open_tab(at, "program_trend_tab", "Attendance")
    (attendance,) = _trends(at)
    assert attendance["layout"]["title"]["text"].startswith("Attendance each month")
    assert _bars(attendance) == core_values("attendance")

    day = clock.department_today(db).replace(day=1)
    district_id = db.cursor().execute("select min(id) from live.districts").fetchone()[0]
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("events", {"program_id": program_id, "district_id": district_id, "headcount_adult": 7,
                              "starts_at": datetime.combine(day, datetime.min.time()).replace(hour=10),
                              "ends_at": datetime.combine(day, datetime.min.time()).replace(hour=11)})
    at.run()
    (after,) = _trends(at)
    assert _bars(after)[-1] == _bars(attendance)[-1] + 7
    assert sum(_bars(after)) == sum(_bars(attendance)) + 7


def test_a_program_without_the_open_figure_opens_on_its_first(demo_app):
    from core.entry.programs import figure_programs

    at = sign_in("commander")
    at.switch_page(page_file("program_results.py")).run()
    from components.database import _open

    ids = [int(i) for i in figure_programs(_open(str(demo_app.resolve())))["id"]]
    opened = None
    for program_id in ids:                      # a program with an outcome figure of its own
        at.selectbox(key="program_pick").set_value(program_id).run()
        extra = [t.label for t in at.tabs if t.label not in ("Events held", "Attendance")]
        if extra:
            opened = extra[0]
            open_tab(at, "program_trend_tab", opened)
            (chart,) = _trends(at)
            assert chart["layout"]["title"]["text"].startswith(opened)
            break
    assert opened is not None
    for program_id in ids:                      # then one without it
        at.selectbox(key="program_pick").set_value(program_id).run()
        if opened not in [t.label for t in at.tabs]:
            break
    assert not at.exception, at.exception
    assert opened not in [t.label for t in at.tabs]
    shown = _trends(at)
    assert len(shown) <= 1 and all(c["layout"]["title"]["text"].startswith("Events held") for c in shown)
