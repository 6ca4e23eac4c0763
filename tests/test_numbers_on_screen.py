"""Numbers as people write them on the pages: whole counts and whole-number axis ticks, hours with one
decimal, a colour scale over one value showing that value, a change from zero written as "new"."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import shapely

from components import charts
from components.headline import format_value
from components.map_figure import district_figure

MONTHS = pd.to_datetime(["2026-08-01", "2026-09-01", "2026-10-01"])


def _unwrapped(builder):
    """The chart builder itself, not its cached copy (each test builds its own figure)."""
    return getattr(builder, "__wrapped__", builder)


def test_an_axis_of_a_few_concerns_has_a_tick_per_whole_concern():
    frame = pd.DataFrame({"month": MONTHS, "concerns_received": [1, 3, 2], "concerns_resolved": [0, 2, 1],
                          "concerns_open_end": [2, 3, 1]})
    fig = _unwrapped(charts.concerns_received_resolved)(frame, "Concerns")
    assert (fig.layout.yaxis.tickformat, fig.layout.yaxis.dtick) == (",d", 1)      # not 0.5, 1, 1.5


def test_stacked_counts_are_judged_by_their_total():
    frame = pd.DataFrame({"month": list(MONTHS) * 2, "category": ["youth"] * 3 + ["schools"] * 3,
                          "events": [4, 5, 6, 4, 5, 6]})            # stacks of 8 to 12
    fig = _unwrapped(charts.by_category_per_month)(frame, "events", "Events", "Events held")
    assert fig.layout.yaxis.tickformat == ",d" and fig.layout.yaxis.dtick is None   # plotly's own whole steps
    small = frame.assign(events=[1, 2, 1, 1, 2, 1])                  # stacks of 2 to 4
    assert _unwrapped(charts.by_category_per_month)(small, "events", "Events", "Events held").layout.yaxis.dtick == 1


def test_both_axes_of_incidents_beside_events_are_whole():
    table = pd.DataFrame({"code": ["D1", "D2"], "incidents": [120, 80], "events": [2, 1]})
    fig = _unwrapped(charts.incidents_beside_events)(table, "Incidents and events")
    assert fig.layout.yaxis.tickformat == ",d" and fig.layout.yaxis.dtick is None
    assert (fig.layout.yaxis2.tickformat, fig.layout.yaxis2.dtick) == (",d", 1)


def test_horizontal_bars_label_counts_whole_and_percentages_one_way():
    frame = pd.DataFrame({"program": ["A", "B"], "category": ["youth", "schools"], "attendance": [1234.0, 3.0],
                          "goal_attainment": [0.125, 1.0]})
    fig = _unwrapped(charts.horizontal_bars)(frame, "program", "attendance", "Attendance", "People")
    assert sorted(t for trace in fig.data for t in trace.text) == ["1,234", "3"]
    assert fig.layout.xaxis.tickformat == ",d"
    fig = _unwrapped(charts.horizontal_bars)(frame, "program", "goal_attainment", "Goals", "Reached", percent=True)
    assert sorted(t for trace in fig.data for t in trace.text) == ["100%", "13%"]    # 12.5% rounds half up


def _square(x: float) -> str:
    return json.dumps(shapely.geometry.mapping(shapely.box(x, 41.0, x + 0.01, 41.01)))


def test_a_colour_scale_over_one_district_shows_its_value_not_a_range():
    districts = pd.DataFrame({"code": ["D1"], "name": ["Downtown"], "geometry": [_square(-72.0)],
                              "events": [2851]})
    fig = _unwrapped(district_figure)(districts, "events", "Program events", "Events by district")
    marker = next(t for t in fig.data if (t.meta or {}).get("kind") == "labels").marker
    assert list(marker.colorbar.ticktext) == ["2,851"] and list(marker.colorbar.tickvals) == [2851]
    assert marker.colorscale[0][1] == marker.colorscale[-1][1]        # one colour, not a gradient from 2,851 to 2,852


def test_a_colour_scale_of_counts_has_whole_ticks():
    districts = pd.DataFrame({"code": ["D1", "D2"], "name": ["Downtown", "Harbor"],
                              "geometry": [_square(-72.0), _square(-71.9)], "events": [1, 4]})
    fig = _unwrapped(district_figure)(districts, "events", "Program events", "Events by district")
    marker = next(t for t in fig.data if (t.meta or {}).get("kind") == "labels").marker
    assert (marker.colorbar.tickformat, marker.colorbar.dtick) == (",d", 1)
    assert (marker.cmin, marker.cmax) == (1, 4)


@pytest.mark.parametrize("figure, value, shown", [
    ("officer_hours", 14.75, "14.8 h"),            # one decimal, half up, as in the report
    ("officer_hours", 1229.5, "1,229.5 h"),        # not "1,230 h" above a hundred
    ("median_days_to_resolve", 1, "1 day"),
    ("median_days_to_resolve", 2.5, "3 days"),
    ("events", 1234, "1,234"),
    ("attendance", 399.73, "400"),                 # counts are whole
    ("events", None, "–"),
])
def test_headline_cards_write_numbers_as_people_do(figure, value, shown):
    assert format_value(figure, value) == shown


def test_the_line_against_last_year_says_new_after_a_year_with_none():
    """'November 2025: 0 (new)', as the card's arrow would say: not a bare 0 beside a figure."""
    from streamlit.testing.v1 import AppTest

    def cards():
        from components.headline import CARDS, headline_cards
        from core.periods import parse_period

        now = {figure: 5 for figure in CARDS}
        headline_cards(now, now, {figure: 0 for figure in CARDS}, parse_period("2026-10"), parse_period("2025-11"))

    at = AppTest.from_function(cards).run()
    assert not at.exception
    lines = [c.value for c in at.caption]
    assert lines and all(line.endswith("(new)") for line in lines), lines
