"""Charts at phone width (390 px): a long title wraps onto lines that fit, a bar's label beyond its
bar has room inside the figure, the heatmap's cells keep the width, and no name or legend covers
another."""

from __future__ import annotations

import pandas as pd

from components import charts

TITLE = "Programs by goal attainment (% of goal due), November 2026"


def _unwrapped(builder):
    return getattr(builder, "__wrapped__", builder)


def _goals():
    frame = pd.DataFrame({"program": ["Youth league", "Night watch"], "category": ["youth", "schools"],
                          "attendance": [1234.0, 3.0], "goal_attainment": [3.68, 0.5]})
    return _unwrapped(charts.horizontal_bars)(frame, "program", "goal_attainment", TITLE, "Reached",
                                              percent=True, cap=2.0)


def test_a_long_title_wraps_onto_short_lines_and_keeps_every_word():
    fig = _goals()
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) > 1 and all(len(line) <= 42 for line in lines), lines
    assert " ".join(lines) == TITLE
    assert fig.layout.margin.t >= 24 * len(lines) + 20        # the lines sit above the plot, not on it


def test_bar_labels_beyond_the_bars_have_room_at_the_right():
    fig = _goals()
    longest = max(len(t) for trace in fig.data for t in trace.text)         # "368%"
    assert fig.layout.margin.r >= 9 * longest, fig.layout.margin.r
    assert all(trace.cliponaxis is False for trace in fig.data)
    assert fig.layout.xaxis.nticks and fig.layout.xaxis.nticks <= 5          # few enough not to overlap


def _near_goal():
    frame = pd.DataFrame({"program": ["Youth league", "Night watch", "School visits", "Coffee", "Bike fix"],
                          "category": ["youth", "schools", "schools", "outreach", "youth"],
                          "attendance": [1.0] * 5, "goal_attainment": [3.68, 0.96, 0.94, 0.85, 0.14]})
    return _unwrapped(charts.horizontal_bars)(frame, "program", "goal_attainment", TITLE, "Reached",
                                              percent=True, cap=2.0)


def test_goal_axis_ticks_stay_level_and_few():
    axis = _near_goal().layout.xaxis
    assert axis.tickangle == 0                     # plotly turned "50%" ... on its side and cut it to "50"
    assert axis.tickvals is not None and list(axis.tickvals) == [0, 1, 2]       # 0%, 100%, 200%
    assert axis.tickformat == ".0%"


def test_the_100_percent_line_never_covers_a_bar_label():
    fig = _near_goal()
    lines = [s for s in fig.layout.shapes if s.x0 == 1.0 and s.x1 == 1.0]
    assert len(lines) == 1 and lines[0].layer == "below"          # labels are drawn over it, not under
    for trace in fig.data:
        positions = trace.textposition if isinstance(trace.textposition, (list, tuple)) else [trace.textposition] * len(trace.x)
        for value, position in zip(trace.x, positions):
            # a label beyond a bar that ends short of 100% would run into the line: it sits inside its bar
            assert position == "inside" or value < 0.5 or value > 1.0, (trace.name, value, position)


def _heatmap(title):
    body = pd.DataFrame([[455, 3], [12, 0]], index=["Larceny / theft", "Robbery"], columns=["D1", "D2"])
    return _unwrapped(charts.crime_heatmap)(body, title)


def _before_and_after(_title):
    table = pd.DataFrame({"area": ["Target districts", "Other districts"], "incidents_before": [483, 100],
                          "incidents_after": [444, 106]})
    return _unwrapped(charts.before_and_after)(table, 90, "1 Jan 2026", "Mobile Precinct")


def test_crime_targeting_chart_titles_wrap_to_phone_width():
    """The heatmap's and the before-and-after chart's titles were cut at a phone's right edge."""
    for build, title in ((_heatmap, "Incidents by crime type and district, 12 months to 2 Dec 2026"),
                         (_before_and_after, "Incidents of the target crime types, 90 days before and after "
                                             "1 Jan 2026 (Mobile Precinct)")):
        fig = build(title)
        lines = fig.layout.title.text.split("<br>")
        assert len(lines) > 1 and all(len(line) <= 42 for line in lines), lines
        assert " ".join(lines) == title
        assert fig.layout.margin.t >= 24 * len(lines) + 20


def test_business_and_map_titles_wrap_to_phone_width():
    from datetime import date

    from components.business_currency import currency_figure
    from components.map_figure import district_figure
    table = pd.DataFrame({"district": ["D1", "D2"], "share_verified_12m": [0.5, 0.7], "verified_12m": [5, 7],
                          "businesses": [10, 10], "share_after_hours": [0.2, 0.1], "with_after_hours": [2, 1]})
    square = '{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}'
    districts = pd.DataFrame({"code": ["D1"], "name": ["Downtown"], "geometry": [square], "events": [3]})
    for fig in (currency_figure(table, date(2026, 11, 30)),
                _unwrapped(district_figure)(districts, "events", "Events", "Events held per district, November 2026 "
                                            "(darker = more)")):
        lines = fig.layout.title.text.split("<br>")
        assert len(lines) > 1 and all(len(line) <= 42 for line in lines), lines
        assert fig.layout.margin.t >= 24 * len(lines) + 20


def test_crime_heatmap_labels_its_cells_only_while_they_are_wide_enough_to_read():
    """A large city's heatmap has hundreds of district columns, each a few pixels wide: a count
    written in every cell could not be read, and thousands of labels took the browser most of the
    page's drawing. Its counts are then in the hover and in the table below it."""
    types = ["Burglary", "Robbery", "Larceny / theft"]
    few = pd.DataFrame([[455, 3], [12, 0], [7, 1]], index=types, columns=["D1", "D2"])
    many = pd.DataFrame([[i % 50 for i in range(330)]] * 3, index=types, columns=[f"D{i}" for i in range(330)])
    labelled = _unwrapped(charts.crime_heatmap)(few, "Incidents")
    unlabelled = _unwrapped(charts.crime_heatmap)(many, "Incidents")
    assert labelled.data[0].texttemplate == "%{z}"
    assert not unlabelled.data[0].texttemplate
    for fig in (labelled, unlabelled):
        assert "%{z" in fig.data[0].hovertemplate           # the count is named on hover either way


def test_the_crime_heatmap_gives_its_width_to_the_cells():
    """On a phone the crime type names, an axis title beside them and a colour scale at the right left
    the cells about 65 px: the scale lies under the cells, and the rows need no title (the chart's
    title and the names say what they are)."""
    fig = _heatmap("Incidents by crime type and district, 12 months to 2 Dec 2026")
    colorbar = fig.layout.coloraxis.colorbar
    assert colorbar.orientation == "h" and colorbar.y < 0                  # under the cells
    assert not fig.layout.yaxis.title.text
    assert fig.layout.xaxis.title.text == "District"
    assert colorbar.title.text == "Incidents"
    assert fig.layout.margin.b >= 60                                      # room for the scale and its title


def test_the_open_concerns_by_age_have_no_axis_title_for_the_legend_to_cover():
    """On a phone the legend's two lines below the rotated age labels were drawn over the x axis's
    title "Age"; the chart's title and each label ("8-14 days") already say it."""
    buckets = pd.DataFrame({"age": ["0-7 days", "8-14 days", "over 60 days"], "within": [1, 2, 0],
                            "overdue": [0, 0, 18]})
    fig = _unwrapped(charts.concerns_by_age)(buckets, 30)
    assert not fig.layout.xaxis.title.text
    assert "age" in fig.layout.title.text.lower()
    assert [t.name for t in fig.data] == ["within the response time", "over 30 days (overdue)"]


def _label_boxes(fig, width: float, height: float) -> dict[str, tuple[float, float, float, float]]:
    """Each point's label as a box in pixels of a plot `width` x `height`, 7 px a character, 14 px
    high, 6 px from its point on the side its text position names."""
    x_range, y_range = fig.layout.xaxis.range, fig.layout.yaxis.range
    boxes = {}
    for trace in fig.data:
        if trace.text is None:
            continue
        for x, y, text, position in zip(trace.x, trace.y, trace.text, trace.textposition):
            px = (x - x_range[0]) / (x_range[1] - x_range[0]) * width
            py = (1 - (y - y_range[0]) / (y_range[1] - y_range[0])) * height
            w, h = 7 * len(text), 14
            vertical, horizontal = position.split()
            left = {"left": px - 6 - w, "right": px + 6, "center": px - w / 2}[horizontal]
            top = {"top": py - 6 - h, "bottom": py + 6, "middle": py - h / 2}[vertical]
            boxes[text] = (left, top, left + w, top + h)
    return boxes


def test_district_names_on_the_perception_chart_do_not_cover_each_other_on_a_phone():
    """Downtown, West Hills and Riverside, close together near the town's figures, were written on top
    of each other: each name now takes a side of its point where no other name is."""
    from components.survey_charts import perception_beside_record

    frame = pd.DataFrame({
        "place": ["All districts", "North End", "Downtown", "West Hills", "Riverside", "East Side", "South Meadows"],
        "share": [0.32, 0.50, 0.35, 0.29, 0.28, 0.30, 0.20], "margin": [0.02, 0.08, 0.07, 0.07, 0.06, 0.08, 0.07],
        "rate": [8.0, 3.7, 7.6, 8.7, 8.8, 8.6, 12.0],
        "candidate": [None, "fear_above_record", None, None, None, None, "record_above_fear"],
        "total": [True, False, False, False, False, False, False]})
    fig = _unwrapped(perception_beside_record)(frame, "Burglary: rated serious against the record", "All districts")
    boxes = _label_boxes(fig, 300, 260)                      # the plot's area on a 390 px phone
    assert set(boxes) == set(frame["place"][1:])
    named = list(boxes.items())
    for i, (one, a) in enumerate(named):
        assert -20 <= a[0] and a[2] <= 320, (one, a)          # within the plot (its margins at most)
        for other, b in named[i + 1:]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, (one, other, a, b)
