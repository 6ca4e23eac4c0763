"""The overview draws one trend and one program ranking at a time: only the open tab of each runs and
is sent, and each chart, once opened, shows core's figures, built anew after a save."""

from __future__ import annotations

import base64
import html
import json
from datetime import datetime

import numpy as np

from core import metrics
from core.metrics import ALL
from queries.actor import SYSTEM
from tests.apptest_support import open_tab
from tests.test_overview_pages import PERIOD, actor_for, choose_custom_period, demo_app, sign_in  # noqa: F401

EVENTS = "Events held each month, by program category"
ATTENDANCE = "Attendance each month, by program category"
BY_ATTENDANCE = "Programs by attendance"
BY_GOALS = "Programs by goal attainment"


def _specs(at) -> dict[str, dict]:
    return {json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " "): json.loads(c.proto.spec)
            for c in at.get("plotly_chart")}


def _chart(at, start: str) -> dict | None:
    return next((spec for title, spec in _specs(at).items() if title.startswith(start)), None)


def _values(array) -> list:
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def _bar_lengths(spec: dict) -> dict[str, float]:
    """Program -> the length of its bar (horizontal bars: one trace per category)."""
    return {html.unescape(name): value for trace in spec["data"]
            for value, name in zip(_values(trace["x"]), _values(trace["y"]))}


def test_one_trend_and_one_ranking_are_drawn_and_the_others_open_on_demand(demo_app):
    at = choose_custom_period(sign_in("commander"))
    titles = list(_specs(at))
    assert [t for t in titles if t.startswith(EVENTS)] and [t for t in titles if t.startswith(BY_ATTENDANCE)]
    assert not [t for t in titles if t.startswith((ATTENDANCE, BY_GOALS))]          # not built, not sent
    assert len(titles) == 2

    open_tab(at, "overview_trend", "Attendance")
    assert _chart(at, ATTENDANCE) is not None and _chart(at, EVENTS) is None
    open_tab(at, "overview_top", "By goal attainment")
    assert not at.exception, at.exception
    assert _chart(at, BY_GOALS) is not None and _chart(at, BY_ATTENDANCE) is None


def test_the_rankings_show_cores_figures_and_follow_a_save(demo_app):
    at = choose_custom_period(sign_in("commander"))
    actor = actor_for(demo_app, "commander")
    from components.database import _open

    db = _open(str(demo_app.resolve()))                 # the app's own gateway, as a save on a page goes

    def expected(column: str) -> dict[str, float]:
        table = metrics.by_program(db, actor, PERIOD, ALL).dropna(subset=[column])
        return dict(zip(table["program"], table[column].astype(float)))

    shown = _bar_lengths(_chart(at, BY_ATTENDANCE))
    want = expected("attendance")
    assert shown and all(want[name] == value for name, value in shown.items())
    assert sorted(shown.values(), reverse=True) == sorted(want.values(), reverse=True)[:len(shown)]

    open_tab(at, "overview_top", "By goal attainment")
    goals = _bar_lengths(_chart(at, BY_GOALS))
    want_goals = expected("goal_attainment")
    assert goals and all(abs(min(want_goals[name], 2.0) - value) < 1e-9 for name, value in goals.items())

    open_tab(at, "overview_top", "By attendance")
    top = max(shown, key=shown.get)
    program_id = int(db.cursor().execute("select id from live.programs where name = $n", {"n": top}).fetchone()[0])
    district_id = db.cursor().execute("select min(id) from live.districts").fetchone()[0]
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("events", {"program_id": program_id, "district_id": district_id, "headcount_adult": 50,
                              "starts_at": datetime(2026, 10, 5, 10), "ends_at": datetime(2026, 10, 5, 11)})
    at.run()
    after = _bar_lengths(_chart(at, BY_ATTENDANCE))
    assert after[top] == shown[top] + 50 == expected("attendance")[top]
