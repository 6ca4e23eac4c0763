"""The printed pictures' titles are drawn whole, inside the picture, however long they are.

The district map is drawn to its true shape: a city taller than it is wide leaves a narrow map in the
middle of the picture, and a title that started at the map's left edge ran out of the picture on the
right ("Events held by district, October 2026 (darker = m"). The title is measured where matplotlib
draws it, at print resolution, against the figure's own box."""

from __future__ import annotations

import json
import shutil

import matplotlib
import pytest
from matplotlib.text import Text

from core.periods import parse_period
from queries.actor import SYSTEM
from queries.db import Database
from reports import chart_images
from reports.monthly import assemble_report

LONG_LABEL = "the four weeks from Monday 28 September 2026 to Sunday 25 October 2026, both days included"


@pytest.fixture(scope="module")
def october(demo_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("titles") / "report.duckdb"
    shutil.copyfile(demo_file, path)
    database = Database(path)
    yield assemble_report(database, parse_period("2026-10"), SYSTEM, "Sgt. Dana Reyes")
    database.close()


def _stretched(geometry, factor: float):
    """The geometry with every y (latitude) drawn `factor` times as far from the first point's."""
    geometry = json.loads(geometry) if isinstance(geometry, str) else geometry

    def move(coordinates):
        if isinstance(coordinates[0], (int, float)):
            return [coordinates[0], coordinates[1] * factor]
        return [move(c) for c in coordinates]

    return {**geometry, "coordinates": move(geometry["coordinates"])}


def _tall_city(report: dict, factor: float = 4.0) -> dict:
    """The same districts, the whole city four times as tall as it is: a narrow map, as a large
    city's long coastline draws."""
    shapes = [{**s, "geometry": _stretched(s["geometry"], factor), "label_y": s["label_y"] * factor}
              for s in report["map"] if s.get("geometry")]
    return {**report, "map": shapes}


def _drawn_title(name: str, report: dict):
    """The title text and its box and the figure's box, in print pixels, after the picture is drawn."""
    with matplotlib.rc_context(chart_images.STYLE):
        fig, title = chart_images.CHARTS[name][0](report)
        chart_images._png(fig)                                   # drawn as for print
        renderer = fig.canvas.get_renderer()
        titles = [t for t in fig.findobj(Text) if t.get_text() == title and t.get_visible()]
        assert len(titles) == 1, f"the title is drawn once: {[t.get_text() for t in fig.findobj(Text)]}"
        return title, titles[0].get_window_extent(renderer), fig.bbox


def _assert_inside(box, figure):
    assert box.x0 >= figure.x0 and box.x1 <= figure.x1, (box, figure)
    assert box.y0 >= figure.y0 and box.y1 <= figure.y1, (box, figure)


def test_a_tall_citys_map_title_lies_inside_the_picture(october):
    report = _tall_city(october)
    title, box, figure = _drawn_title("map", report)
    assert title.endswith("(darker = more)")
    _assert_inside(box, figure)


@pytest.mark.parametrize("name", list(chart_images.CHARTS))
def test_a_long_title_wraps_onto_lines_inside_the_picture(october, name):
    report = {**october, "period": {**october["period"], "label": LONG_LABEL}}
    title, box, figure = _drawn_title(name, report)
    assert LONG_LABEL in title
    _assert_inside(box, figure)
    line = chart_images.STYLE["axes.titlesize"] * chart_images.PRINT_DPI / 72    # a title's size, in pixels
    assert box.height > 1.8 * line                                           # two lines or more
