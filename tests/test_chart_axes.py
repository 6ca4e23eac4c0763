"""Charts whose axes tell the truth and whose words fit: two measures of different size are never
drawn against two y axes over one another, and the report's charts keep their titles and labels
inside the figure at phone width."""

from __future__ import annotations

import pandas as pd

from components import charts


def _unwrapped(builder):
    return getattr(builder, "__wrapped__", builder)


def _districts():
    table = pd.DataFrame({"code": ["D1", "D2", "D3"], "incidents": [2851, 1400, 300], "events": [121, 40, 7]})
    return _unwrapped(charts.incidents_beside_events)(table, "Incidents and program events per district, Nov 2026")


def test_incidents_and_events_each_have_their_own_axis_and_panel():
    fig = _districts()
    layout = fig.layout
    # no second axis laid over the first (2,851 incidents and 121 events looked the same height)
    assert all(getattr(layout, name, None) is None or layout[name].overlaying is None
               for name in ("yaxis", "yaxis2"))
    axes = {trace.name: trace.yaxis or "y" for trace in fig.data}
    assert axes == {"Incidents": "y", "Program events": "y2"}
    top, bottom = sorted([layout.yaxis.domain, layout.yaxis2.domain], key=lambda d: -d[0])
    assert top[0] >= bottom[1]                                   # one panel above the other, apart
    assert layout.yaxis.title.text and layout.yaxis2.title.text
    # the districts line up: the two panels share the district axis
    assert layout.xaxis.matches == "x2" or layout.xaxis2.matches == "x"
    assert layout.yaxis.tickformat == ",d" and layout.yaxis2.tickformat == ",d"
