"""Chart and map images for the printed report, drawn from the assembled report alone.

Plotly figures are turned into PNG bytes by kaleido, which drives a headless
Chromium. Where no browser can be started (a machine without one), every
image comes back as None with a one-sentence note, and the documents print
that note in place of the chart: the report still downloads.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import threading
import warnings
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass

import plotly.graph_objects as go

from core.text import plotly_text

# one colour per meaning, the same in every chart of the report
COLOURS = {"events": "#1f4e79", "attendance": "#2e75b6", "received": "#c55a11", "resolved": "#548235",
           "open": "#7f7f7f", "map_low": "#deebf7", "map_high": "#08519c"}
NO_RENDERER = ("Chart not shown: no chart renderer (Chromium) is available on this machine. "
               "The figures are in the table below.")

_lock = threading.Lock()
_drawn_lock = threading.Lock()


@dataclass(frozen=True)
class Image:
    title: str
    png: bytes | None
    note: str | None = None


_drawn: OrderedDict[str, bytes] = OrderedDict()   # the last few images, by figure and size
DRAWN_KEPT = 24


def _to_png(fig: go.Figure, width: int, height: int) -> bytes:
    """The one place that needs a browser (kaleido + Chromium); tests replace it to simulate none.

    The same figure at the same size is drawn once: a report downloaded as PDF and then as DOCX
    (or by a second reader) reuses the pictures, each of which costs the browser about a second."""
    key = hashlib.sha256(f"{width}x{height}:{fig.to_json()}".encode()).hexdigest()
    with _drawn_lock:
        if key in _drawn:
            _drawn.move_to_end(key)
            return _drawn[key]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "kopts ignored when using a server"
        png = fig.to_image(format="png", width=width, height=height, scale=2)
    with _drawn_lock:
        _drawn[key] = png
        while len(_drawn) > DRAWN_KEPT:
            _drawn.popitem(last=False)
    return png


def styled(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(title=title, template="plotly_white", margin=dict(l=60, r=20, t=60, b=60),
                      font=dict(family="Arial", size=13), height=height)
    return fig


def render(fig: go.Figure, title: str, width: int = 900, height: int = 420) -> Image:
    styled(fig, title, height)
    try:
        return Image(title, _to_png(fig, width, height))
    except Exception:  # noqa: BLE001 - any renderer failure means "no chart, keep the report"
        _renderer["failed"] = True
        return Image(title, None, NO_RENDERER)


_renderer = {"running": False}


def _stop_renderer() -> None:
    if _renderer["running"]:
        try:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
        except Exception:  # noqa: BLE001
            pass
        _renderer["running"] = False


@contextmanager
def renderer_session():
    """One browser for the charts of every document (starting Chromium takes seconds, more than
    drawing the charts): started on first use and kept until the process exits, or restarted
    after a chart failed. One document at a time in a threaded server."""
    with _lock:
        if not _renderer["running"]:
            try:
                import kaleido

                kaleido.start_sync_server(mathjax=False, silence_warnings=True)  # no CDN: works offline
                _renderer["running"] = True
                if not _renderer.get("atexit"):
                    atexit.register(_stop_renderer)
                    _renderer["atexit"] = True
            except Exception:  # noqa: BLE001 - no browser: each chart falls back on its own
                pass
        _renderer["failed"] = False
        try:
            yield
        except BaseException:
            _stop_renderer()
            raise
        if _renderer["failed"]:     # a broken browser: start a fresh one for the next document
            _stop_renderer()


def warm_up() -> threading.Thread:
    """Start the chart browser in the background, e.g. while the report is assembled: Chromium
    takes seconds to start, as long as assembling a large city's report. A chart drawn meanwhile
    waits for it (renderer_session's lock); without a browser this quietly does nothing."""
    def start() -> None:
        try:
            with renderer_session():
                _to_png(go.Figure(layout={"width": 100, "height": 100}), 100, 100)
        except Exception:  # noqa: BLE001 - the charts will say there is no renderer
            pass

    thread = threading.Thread(target=start, name="chart-renderer-warm-up", daemon=True)
    thread.start()
    return thread


def attendance_by_program(report: dict) -> Image | None:
    return _image(attendance_by_program_figure(report))


def concerns_by_category(report: dict) -> Image | None:
    return _image(concerns_by_category_figure(report))


def district_map(report: dict) -> Image | None:
    return _image(district_map_figure(report))


def _image(made: tuple | None) -> Image | None:
    return None if made is None else render(*made)


def attendance_by_program_figure(report: dict) -> tuple | None:
    rows = [r for r in report["by_program"] if r["attendance"]]
    if not rows:
        return None
    rows = sorted(rows, key=lambda r: r["attendance"])
    fig = go.Figure(go.Bar(x=[r["attendance"] for r in rows], y=[plotly_text(r["program"]) for r in rows],
                           orientation="h", marker_color=COLOURS["attendance"],
                           text=[f"{r['attendance']:,}" for r in rows], textposition="outside"))
    fig.update_xaxes(title="people attending (headcount)")
    fig.update_layout(yaxis=dict(automargin=True))
    return fig, f"Attendance by program, {report['period']['label']}", 900, max(300, 32 * len(rows) + 120)


def concerns_by_category_figure(report: dict) -> tuple | None:
    rows = report["concerns"]["by_category"]
    if not rows:
        return None
    labels = [r["category"].replace("_", " ") for r in rows]
    fig = go.Figure()
    for key, name, colour in (("received", "received", COLOURS["received"]),
                              ("resolved", "resolved", COLOURS["resolved"]),
                              ("open_at_end", "open at end of period", COLOURS["open"])):
        fig.add_bar(x=labels, y=[r[key] for r in rows], name=name, marker_color=colour)
    fig.update_yaxes(title="concerns")
    fig.update_layout(barmode="group", legend=dict(orientation="h", y=-0.25))
    return fig, f"Community concerns by category, {report['period']['label']}", 900, 420


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def _mix(share: float) -> str:
    low, high = COLOURS["map_low"], COLOURS["map_high"]
    parts = [int(low[i:i + 2], 16) + share * (int(high[i:i + 2], 16) - int(low[i:i + 2], 16)) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(p):02x}" for p in parts)


MAP_SHADES = 5   # districts are shaded in five classes of events held (a classed choropleth)


def district_map_figure(report: dict) -> tuple | None:
    """District outlines shaded by events held; drawn on plain axes, so no map tiles or internet.

    One filled trace per shade (outlines joined with gaps) and one text trace for the labels: a
    large city's 50 districts as 50 traces and 50 annotations took seconds to build and to draw."""
    shapes = [s for s in report.get("map", []) if s.get("geometry")]
    if not shapes:
        return None
    events = {r["district"]: r["events"] for r in report["by_district"]}
    top = max(events.values(), default=0) or 1
    outlines: dict[int, tuple[list, list]] = {}
    label_x, label_y, labels, label_colours = [], [], [], []
    for shape in shapes:
        geometry = json.loads(shape["geometry"]) if isinstance(shape["geometry"], str) else shape["geometry"]
        count = events.get(shape["code"], 0)
        shade = round((MAP_SHADES - 1) * count / top)
        xs, ys = outlines.setdefault(shade, ([], []))
        for ring in _rings(geometry):
            xs.extend([p[0] for p in ring] + [None])
            ys.extend([p[1] for p in ring] + [None])
        label_x.append(shape["label_x"])
        label_y.append(shape["label_y"])
        labels.append(f"<b>{plotly_text(shape['code'])}</b><br>{count} event{'' if count == 1 else 's'}")
        label_colours.append("#ffffff" if shade >= MAP_SHADES - 2 else "#000000")
    fig = go.Figure()
    for shade, (xs, ys) in sorted(outlines.items()):
        fig.add_scatter(x=xs, y=ys, fill="toself", mode="lines", line=dict(color="#333333", width=1),
                        fillcolor=_mix(shade / (MAP_SHADES - 1)), hoverinfo="skip", showlegend=False)
    fig.add_scatter(x=label_x, y=label_y, mode="text", text=labels, hoverinfo="skip", showlegend=False,
                    textfont=dict(size=11, color=label_colours))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1.3)
    return fig, f"Events held by district, {report['period']['label']} (darker = more)", 700, 560


def report_images(report: dict) -> dict[str, Image | None]:
    """Every image of the monthly report, keyed by the section it belongs to."""
    with renderer_session():
        return {"programs": attendance_by_program(report), "concerns": concerns_by_category(report),
                "map": district_map(report)}
