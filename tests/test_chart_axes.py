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


def _report():
    programs = ["Officer Friendly School Visits", "Special Olympics Fundraisers", "Senior Crime Prevention: Scams"]
    categories = ["noise", "drug_activity", "speeding", "suspicious_activity", "street_lighting", "graffiti",
                  "motor_vehicle_complaint", "parking", "disorderly_group", "blight", "other"]
    return {"period": {"label": "November 2026"},
            "by_program": [{"program": p, "attendance": a} for p, a in zip(programs, [143, 122, 65])],
            "concerns": {"by_category": [{"category": c, "received": 2, "resolved": 1, "open_at_end": 3}
                                         for c in categories]},
            "by_district": [{"district": "D1", "events": 5}], "map": []}


def test_report_attendance_labels_and_axis_title_stay_inside_the_figure():
    from reports import charts as report_charts
    fig, title, _w, height = report_charts.attendance_by_program_figure(_report())
    fig = report_charts.styled(fig, title, height)
    bar = fig.data[0]
    assert bar.cliponaxis is False                                  # "143" beyond the top bar was cut to "1"
    assert fig.layout.margin.r >= 9 * max(len(str(t)) for t in bar.text)
    assert all(len(line) <= 20 for line in fig.layout.xaxis.title.text.split("<br>"))   # "(headco" was cut


def test_report_concern_categories_read_level_with_the_legend_below_them():
    from reports import charts as report_charts
    fig, title, _w, height = report_charts.concerns_by_category_figure(_report())
    fig = report_charts.styled(fig, title, height)
    # category names down the side, whole ("Speedi" was cut when they stood on end under the bars)
    assert all(trace.orientation == "h" for trace in fig.data)
    assert fig.layout.yaxis.automargin is True
    assert [y for y in fig.data[0].y][:3] == ["Noise", "Drug activity", "Speeding"]
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.yanchor == "top" and fig.layout.legend.y < 0
    assert fig.layout.height >= 30 * len(fig.data[0].y)


def test_report_chart_titles_wrap_to_phone_width():
    from reports import charts as report_charts
    title = "Events held by district, November 2026 (darker = more)"
    fig = report_charts.styled(report_charts.go.Figure(), title, 430)
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) > 1 and all(len(line) <= 42 for line in lines) and " ".join(lines) == title
    assert fig.layout.margin.t >= 24 * len(lines) + 20


def test_report_concern_counts_run_along_the_bottom_in_whole_numbers():
    from components import report_view
    fig = report_view._styled_figure("concerns_by_category_figure", _report(), None)
    assert fig.layout.xaxis.tickformat == ",d"          # the counts' axis, not the names'
    assert fig.layout.yaxis.tickformat is None
