"""What the crime targeting page draws on each rerun: the crime matrix's grid only once its expander is
opened (then the figures of core), and the before-and-after chart with core's figures, built once per
content and built anew after a save."""

from __future__ import annotations

import base64
from datetime import datetime

import numpy as np
import pandas as pd

from core import clock
from core.accounts import actor_for
from core.targeting import before_and_after, incidents_by_type_and_district
from queries.actor import SYSTEM
from tests.test_map_pages import chart_specs, demo_app, open_page  # noqa: F401  (fixture)


def _matrix_grids(at) -> list[pd.DataFrame]:
    return [grid.value for grid in at.dataframe if "Crime type" in grid.value.columns]


def _app_db():
    from components.database import _open
    from queries.db import resolve_path

    return _open(str(resolve_path()))


def test_the_crime_matrix_grid_is_drawn_once_opened_with_the_figures_of_core(demo_app):
    at = open_page("commander", "crime_targeting.py")
    assert _matrix_grids(at) == []                                   # closed: not built, not sent
    heatmap = chart_specs(at)[0]
    assert heatmap["data"][0]["type"] == "heatmap"                   # the chart above it is drawn

    at.session_state["targeting_matrix_table"] = True
    at.run()
    (shown,) = _matrix_grids(at)
    db = _app_db()
    period = crime_period_default(db)
    assert any(period.label in c.value for c in at.caption)          # the period the page shows
    expected = incidents_by_type_and_district(db, actor_for(db, "commander"), period)
    assert shown.reset_index(drop=True).equals(expected.reset_index(drop=True))
    assert shown.set_index("Crime type").loc["Total", "Total"] > 0


def crime_period_default(db):
    """The period the map and targeting pages open on (components/crime_period.py): the last 12 months,
    or the last 12 months of data when the incidents end long before today."""
    from datetime import timedelta

    from core import periods
    from core.crime import incident_span

    today = clock.department_today(db)
    span = incident_span(db)
    if span["last_day"] >= today - timedelta(days=90):
        return periods.preset("last_12_months", today)
    end = span["last_day"]
    start = max(span["first_day"], end - timedelta(days=364))
    return periods.custom(start, end)


def _before_after_chart(at) -> dict:
    return next(s for s in chart_specs(at) if "days before and after" in s["layout"]["title"]["text"])


def _values(array) -> list:
    """A trace's array as sent: a list, or plotly's typed array (base64 bytes and their dtype)."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def _bars(spec: dict) -> dict[str, dict[str, int]]:
    return {trace["name"]: dict(zip(_values(trace["x"]), _values(trace["y"]))) for trace in spec["data"]}


def test_the_before_and_after_chart_shows_the_figures_of_core_and_follows_a_save(demo_app):
    at = open_page("commander", "crime_targeting.py")
    program_id = at.selectbox(key="targeting_program").value
    start_on = at.date_input(key=f"targeting_start_{program_id}").value
    days = at.selectbox(key="targeting_days").value
    db = _app_db()
    actor = actor_for(db, "commander")

    def expected() -> dict[str, dict[str, int]]:
        table = before_and_after(db, actor, program_id, start_on, days)
        return {f"{days} days before": dict(zip(table["area"], table["incidents_before"].astype(int))),
                f"{days} days after": dict(zip(table["area"], table["incidents_after"].astype(int)))}

    first = _bars(_before_after_chart(at))
    assert first == expected()
    at.run()
    assert _bars(_before_after_chart(at)) == first                  # the rerun shows the same figure

    crime_type, district_id = db.cursor().execute(
        "select (select min(crime_type_code) from program_target_crime_types where program_id = $p), "
        "(select min(district_id) from program_target_districts where program_id = $p)", {"p": program_id}).fetchone()
    assert crime_type and district_id                       # the page opens on a program it can compare
    when = datetime.combine(start_on, datetime.min.time()).replace(hour=12)
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("incidents", {"incident_number": "BEFORE-AFTER-1", "occurred_at": when,
                                 "crime_type_code": crime_type, "district_id": district_id,
                                 "imported_at": clock.utc_now()})
    at.run()
    after = _bars(_before_after_chart(at))
    assert after == expected()
    assert after[f"{days} days after"]["Target districts"] == first[f"{days} days after"]["Target districts"] + 1
