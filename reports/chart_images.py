"""The report's charts and district map as PNG pictures for print (PDF, DOCX), drawn with matplotlib.

The same data, titles and colours as the screen's plotly charts (reports/chart_data.py). matplotlib
draws all three with no browser, so any server prints charts. If one cannot be drawn all the same,
its Image carries a note and the documents print that in its place: the report still downloads.

Each picture takes matplotlib about 0.3 s of CPU (text layout and glyphs, on a large city's report),
and matplotlib holds the interpreter's lock while it draws: drawn in threads, the three took as long
as one after another, and the server's other sessions waited for the lock meanwhile. So they are
drawn side by side in `WORKERS` processes of their own (reports/drawing_processes.py), started by
`start_drawing`, which the report's page calls when it is opened and the CLI's report command when
it starts, so that the processes have loaded matplotlib before the first pictures are asked for.
Where a process has stopped, its picture is drawn here.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from PIL import Image as PILImage

from reports.chart_data import (COLOURS, MAP_ASPECT, NAMES, attendance_rows, concern_series, district_areas,
                                events_label, map_title, shade_colour)
from reports.drawing_processes import Drawer, DrawingFailed, Stopped

NOT_DRAWN = "Chart not shown: it could not be drawn. The figures are in the table below."
DPI = 100          # sizes are given in pixels, as for the screen
PRINT_DPI = 150    # saved at 1.5 times that for print (an 8-inch chart at 150 dpi reads well on paper)
STYLE = {
    "text.parse_math": False,      # stored names are text: "$5 coupons" is not a formula
    "font.family": "DejaVu Sans", "font.size": 10, "axes.titlesize": 12, "axes.titleweight": "bold",
    "axes.spines.top": False, "axes.spines.right": False, "axes.edgecolor": "#999999",
}
WORKERS = 3        # drawing processes, one per chart of the report (0: draw here)
DRAW_SECONDS = 120  # a picture not back by then is left out with its note
_style_lock = threading.Lock()     # matplotlib's style settings are process-wide: one drawing at a time
_lock = threading.Lock()           # the pictures kept
# the last pictures drawn, by chart and content: a report downloaded as PDF and then as DOCX (or by a
# second reader) reuses them
_drawn: OrderedDict[str, "Image"] = OrderedDict()
DRAWN_KEPT = 24
_drawers = [Drawer() for _ in range(WORKERS)]
# a thread per drawing process waits for its answer (a wait on a pipe leaves the interpreter free)
_waiting = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="drawing")


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


def _picture(name: str, parts: dict) -> Image | None:
    """The chart drawn from its parts of the report; None when it has nothing to show. Runs in a
    drawing process (or here, when there is none)."""
    builder, _ = CHARTS[name]
    with _style_lock, matplotlib.rc_context(STYLE):
        made = builder(parts)
        return None if made is None else Image(made[1], _png(made[0]))


def _not_drawn(name: str, parts: dict) -> Image:
    return Image(f"{NAMES[name]}, {parts['period']['label']}", None, NOT_DRAWN)


def _drawn_here(name: str, parts: dict) -> Image | None:
    try:
        return _picture(name, parts)
    except Exception:  # noqa: BLE001 - a chart that cannot be drawn must not cost the report
        return _not_drawn(name, parts)


def start_drawing() -> None:
    """Start the drawing processes (each loads matplotlib, about a second of CPU); at once when they
    are running."""
    for drawer in _drawers[:WORKERS]:
        drawer.start()


def _draw_all(names: list[str], parts: dict[str, dict]) -> dict[str, Image | None]:
    """The pictures named, side by side in the drawing processes (here when WORKERS is 0)."""
    if not WORKERS:
        return {name: _drawn_here(name, parts[name]) for name in names}
    drawers = {name: _drawers[number % WORKERS] for number, name in enumerate(names)}
    waiting = {name: _waiting.submit(drawers[name].draw, name, parts[name]) for name in names}
    images = {}
    for name, answer in waiting.items():
        try:
            images[name] = answer.result(timeout=DRAW_SECONDS)
        except Stopped:              # the process stopped: drawn here, and it starts again next time
            images[name] = _drawn_here(name, parts[name])
        except DrawingFailed:
            images[name] = _not_drawn(name, parts[name])
        except TimeoutError:         # the future's wait (an alias of the built-in since Python 3.11)
            drawers[name].stop()
            images[name] = _not_drawn(name, parts[name])
    return images


# each chart, keyed by the report section it belongs to, with the parts of the report it is drawn
# from (its picture's cache key)
CHARTS = {"programs": (attendance_by_program, ("by_program",)),
          "concerns": (concerns_by_category, ("concerns",)),
          "map": (district_map, ("map", "by_district"))}


def report_images(report: dict) -> dict[str, Image | None]:
    """Every image of the monthly report, keyed by the section it belongs to: those drawn for the
    same content before, and the others drawn side by side."""
    parts = {name: {k: report.get(k) for k in ("period", *sections)} for name, (_, sections) in CHARTS.items()}
    keys = {name: hashlib.sha256(f"{name}:{json.dumps(parts[name], sort_keys=True, default=str)}".encode())
            .hexdigest() for name in CHARTS}
    images = {}
    with _lock:
        for name, key in keys.items():
            if key in _drawn:
                _drawn.move_to_end(key)
                images[name] = _drawn[key]
    new = _draw_all([name for name in CHARTS if name not in images], parts)
    with _lock:
        for name, image in new.items():
            if image is None or image.png is not None:       # a note is not kept: the next report tries again
                _drawn[keys[name]] = image
        while len(_drawn) > DRAWN_KEPT:
            _drawn.popitem(last=False)
    return {name: images.get(name, new.get(name)) for name in CHARTS}


def forget_drawn() -> None:
    """Forget every picture drawn so far: the next report draws its own (the benchmark times each
    document as a first download)."""
    with _lock:
        _drawn.clear()
