"""The report's charts and district map as PNG pictures for print (PDF, DOCX), drawn with matplotlib.

The same data, titles and colours as the screen's plotly charts (reports/chart_data.py). matplotlib
draws all three in a fraction of a second with no browser, so any server prints charts. If one
cannot be drawn all the same, its Image carries a note and the documents print that in its place:
the report still downloads.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from PIL import Image as PILImage

from reports.chart_data import (COLOURS, MAP_ASPECT, NAMES, attendance_rows, concern_series, district_areas,
                                events_label, map_title, shade_colour)

NOT_DRAWN = "Chart not shown: it could not be drawn. The figures are in the table below."
DPI = 100          # sizes are given in pixels, as for the screen
PRINT_DPI = 150    # saved at 1.5 times that for print (an 8-inch chart at 150 dpi reads well on paper)
STYLE = {
    "text.parse_math": False,      # stored names are text: "$5 coupons" is not a formula
    "font.family": "DejaVu Sans", "font.size": 10, "axes.titlesize": 12, "axes.titleweight": "bold",
    "axes.spines.top": False, "axes.spines.right": False, "axes.edgecolor": "#999999",
}
_lock = threading.Lock()           # matplotlib's style settings are process-wide: one drawing at a time
# the last pictures drawn, by chart and content: a report downloaded as PDF and then as DOCX (or by a
# second reader) reuses them
_drawn: OrderedDict[str, "Image"] = OrderedDict()
DRAWN_KEPT = 24


@dataclass(frozen=True)
class Image:
    title: str
    png: bytes | None
    note: str | None = None


def _figure(width: int, height: int) -> Figure:
    return Figure(figsize=(width / DPI, height / DPI), dpi=DPI, layout="constrained")


def _title(fig: Figure, title: str) -> None:
    """The picture's title at its left edge, wrapped onto lines as wide as the picture (matplotlib
    measures each line at draw time). A title over the plot starts where the plot starts: the
    district map keeps its true shape, so a tall city's map is narrow, stood in the middle of the
    picture, and its title ran out on the right ("(darker = m"); long names did the same on any
    chart. The layout makes room above the plot for every line."""
    fig.suptitle(title, x=0.01, ha="left", wrap=True, fontsize=matplotlib.rcParams["axes.titlesize"],
                 fontweight=matplotlib.rcParams["axes.titleweight"])


def _png(fig: Figure) -> bytes:
    """The figure at print resolution, laid out and painted in one pass: savefig draws a figure
    with a layout engine twice (once to lay it out, once to paint), and the layout and text of the
    first pass were a third of a picture's time. Saved as RGB: the figure is opaque, and an alpha
    channel would reach the PDF as a second picture (a soft mask) to decode and compress."""
    fig.set_dpi(PRINT_DPI)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    picture = PILImage.fromarray(np.asarray(canvas.buffer_rgba())[..., :3])
    out = io.BytesIO()
    # fast PNG compression: the PDF writer compresses the picture again anyway, and the
    # pictures at 150 rather than 200 dpi with zlib level 1 made a large city's PDF 0.5 s quicker
    picture.save(out, format="png", compress_level=1, dpi=(PRINT_DPI, PRINT_DPI))
    return out.getvalue()


def attendance_by_program(report: dict) -> tuple[Figure, str] | None:
    made = attendance_rows(report)
    if made is None:
        return None
    rows, title, width, height = made
    fig = _figure(width, height)
    ax = fig.add_subplot()
    values = [r["attendance"] for r in rows]
    bars = ax.barh(range(len(rows)), values, color=COLOURS["attendance"])
    ax.set_yticks(range(len(rows)), labels=[r["program"] for r in rows])
    ax.bar_label(bars, labels=[f"{v:,}" for v in values], padding=3)
    ax.set_xlabel("people attending (headcount)")
    ax.set_xlim(0, max(values) * 1.12)
    _title(fig, title)
    return fig, title


def concerns_by_category(report: dict) -> tuple[Figure, str] | None:
    """Grouped horizontal bars: the category names read level on the left, whatever their length,
    and the legend (when there is more than one series) sits below the figure in its own room."""
    made = concern_series(report)
    if made is None:
        return None
    labels, series, title, width, height = made
    fig = _figure(width, max(height, 140 + 36 * len(labels)))
    ax = fig.add_subplot()
    step = 0.8 / len(series)
    for number, (name, values, colour) in enumerate(series):
        ax.barh([i - 0.4 + step * (number + 0.5) for i in range(len(labels))], values, step,
                label=name, color=colour)
    ax.set_yticks(range(len(labels)), labels=labels)
    ax.invert_yaxis()                  # the first category at the top, as in the table below
    ax.set_xlabel("concerns")
    ax.xaxis.get_major_locator().set_params(integer=True)
    if len(series) > 1:
        fig.legend(loc="outside lower center", ncols=len(series), frameon=False)
    _title(fig, title)
    return fig, title


def district_map(report: dict) -> tuple[Figure, str] | None:
    areas = district_areas(report)
    if not areas:
        return None
    fig = _figure(700, 560)
    ax = fig.add_subplot()
    rings = [ring for area in areas for ring in area.rings]
    fills = [shade_colour(area.shade) for area in areas for _ in area.rings]
    ax.add_collection(PolyCollection(rings, facecolors=fills, edgecolors="#333333", linewidths=0.8))
    for area in areas:
        ax.text(area.label_x, area.label_y, f"{area.code}\n{events_label(area.events)}", ha="center",
                va="center", fontsize=8, color=area.text_colour, linespacing=1.1)
    ax.autoscale_view()
    ax.set_aspect(MAP_ASPECT)
    ax.set_axis_off()
    title = map_title(report)
    _title(fig, title)
    return fig, title


def _draw(name: str, report: dict) -> Image | None:
    """The chart as an Image; None when it has nothing to show; a note when it fails."""
    builder, sections = CHARTS[name]
    content = json.dumps({k: report.get(k) for k in ("period", *sections)}, sort_keys=True, default=str)
    key = hashlib.sha256(f"{builder.__name__}:{content}".encode()).hexdigest()
    try:
        with _lock:
            if key in _drawn:
                _drawn.move_to_end(key)
                return _drawn[key]
            with matplotlib.rc_context(STYLE):
                made = builder(report)
                image = None if made is None else Image(made[1], _png(made[0]))
            _drawn[key] = image
            while len(_drawn) > DRAWN_KEPT:
                _drawn.popitem(last=False)
            return image
    except Exception:  # noqa: BLE001 - a chart that cannot be drawn must not cost the report
        return Image(f"{NAMES[name]}, {report['period']['label']}", None, NOT_DRAWN)


# each chart, keyed by the report section it belongs to, with the parts of the report it is drawn
# from (its picture's cache key)
CHARTS = {"programs": (attendance_by_program, ("by_program",)),
          "concerns": (concerns_by_category, ("concerns",)),
          "map": (district_map, ("map", "by_district"))}


def report_images(report: dict) -> dict[str, Image | None]:
    """Every image of the monthly report, keyed by the section it belongs to."""
    return {name: _draw(name, report) for name in CHARTS}


def forget_drawn() -> None:
    """Forget every picture drawn so far: the next report draws its own (the benchmark times each
    document as a first download)."""
    with _lock:
        _drawn.clear()
