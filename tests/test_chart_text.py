"""Chart labels and hover text built from data go through core.text.plotly_text.

Plotly draws titles, axis labels, legend names, text and hover labels as a small HTML subset:
`<a href=...>` becomes a live link, `<b>` bold. Every chart builder of components/ is given data
(names, codes, labels, titles) holding the payloads of tests/hostile_support.py, and no payload
that plotly would read as markup may appear unescaped anywhere in the figure.
"""

from __future__ import annotations

import json

import pandas as pd

from components import charts
from components.map_figure import Layer, district_figure
from tests.hostile_support import PAYLOADS

MARKUP = [p for p in PAYLOADS if "<" in p]
NOT_SHOWN = {"customdata", "meta", "ids"}       # handed to click events, never drawn
SQUARE = json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]})


def _raw_markup(fig) -> list[str]:
    """Payloads found as they are in any string of the figure."""
    strings: list[str] = []

    def walk(node):
        if isinstance(node, str):
            strings.append(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key not in NOT_SHOWN:
                    walk(key)
                    walk(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                walk(value)
        elif hasattr(node, "tolist"):
            walk(node.tolist())

    walk(fig.to_plotly_json())
    return sorted({p[:40] for p in MARKUP for s in strings if p in s})


def _hostile(n: int) -> list[str]:
    return [MARKUP[i % len(MARKUP)] for i in range(n)]


def test_the_district_map_escapes_names_codes_labels_and_titles():
    names = _hostile(len(MARKUP))
    districts = pd.DataFrame({"code": [f"D{i}" for i in range(len(names))], "name": names,
                              "geometry": [SQUARE] * len(names), "events": range(len(names)),
                              "incidents": range(len(names))})
    districts.loc[0, "code"] = MARKUP[0]
    cells = pd.DataFrame({"longitude": [0.5] * len(names), "latitude": [0.5] * len(names),
                          "points": [1] * len(names), "label": names})
    fig = district_figure(districts, "events", MARKUP[1], "Events by district " + MARKUP[2],
                          layers=[Layer("businesses", cells, aggregated=False)],
                          hover_columns={"incidents": MARKUP[3]})
    assert _raw_markup(fig) == []
    hovers = [t for trace in fig.data for t in (trace.text if isinstance(trace.text, (list, tuple)) else [trace.text])
              if isinstance(t, str)]
    assert any("&lt;a href=" in t for t in hovers)       # the name is there, as text


def test_every_chart_builder_escapes_data():
    months = pd.to_datetime(["2026-01-01", "2026-02-01"])
    built = {
        "by_category_per_month": charts.by_category_per_month(
            pd.DataFrame({"month": months, "category": ["youth", "youth"], "events": [1, 2]}),
            "events", MARKUP[0], MARKUP[1]),
        "horizontal_bars": charts.horizontal_bars(
            pd.DataFrame({"program": MARKUP[:3], "category": ["youth"] * 3, "attendance": [3, 2, 1]}),
            "program", "attendance", MARKUP[4], "People"),
        "crime_heatmap": charts.crime_heatmap(
            pd.DataFrame([[1, 2], [3, 4]], index=MARKUP[:2], columns=MARKUP[2:4]), MARKUP[5]),
        "incidents_beside_events": charts.incidents_beside_events(
            pd.DataFrame({"code": MARKUP[:2], "incidents": [1, 2], "events": [0, 1]}), MARKUP[6]),
        "program_trend": charts.program_trend(
            pd.DataFrame({"month": months, "value": [1, 2]}), "value", MARKUP[7], MARKUP[0], 1.5),
        "before_and_after": charts.before_and_after(
            pd.DataFrame({"area": MARKUP[:2], "incidents_before": [1, 2], "incidents_after": [2, 1]}), 90,
            "1 Jan 2026", MARKUP[3]),
        "share_over_time": charts.share_over_time(
            pd.DataFrame({"month": months, "share": [0.5, 0.25]}), MARKUP[1], MARKUP[2]),
    }
    leaks = {name: _raw_markup(fig) for name, fig in built.items() if fig is not None and _raw_markup(fig)}
    assert leaks == {}
    assert all(fig is not None for fig in built.values())
