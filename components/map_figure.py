"""The district map as a plotly figure, drawn without any basemap by default.

Why not a `choropleth` (geo) or `choroplethmap` trace: plotly's `geo` traces
fetch their world topojson from cdn.plot.ly, and `map` traces need WebGL and a
style; this server may have no internet at all. So each district is a filled
scatter shape on plain axes with an equal-aspect scale (a degree of longitude
is drawn cos(latitude) as long as a degree of latitude), which needs nothing
from the network. When an administrator sets a tile URL (settings key
`map_tile_url`), the same shapes are drawn as `scattermap` traces over those
raster tiles instead.

No streamlit here: the page and the tests build the same figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely
from plotly.colors import sample_colorscale

from components.charts import built_once, titled
from core.text import plotly_text

COLORSCALE = "Blues"
NO_VALUE = "#e0e0e0"
LAYER_COLOURS = {"events": "#2ca02c", "businesses": "#9467bd", "concerns": "#ff7f0e", "incidents": "#d62728"}
LAYER_NAMES = {"events": "Program events", "businesses": "Businesses", "concerns": "Open concerns",
               "incidents": "Incidents"}


@dataclass(frozen=True)
class Layer:
    key: str                 # events | businesses | concerns | incidents
    cells: pd.DataFrame      # longitude, latitude, points, label
    aggregated: bool         # True when counted in grid cells


def _rings(geometry_json: str, tolerance: float) -> tuple[list[float | None], list[float | None], tuple]:
    """Outer rings of a (Multi)Polygon, simplified for drawing, as x/y lists split by None."""
    geom = shapely.from_geojson(geometry_json)
    if tolerance > 0:
        geom = shapely.simplify(geom, tolerance, preserve_topology=True)
    xs: list[float | None] = []
    ys: list[float | None] = []
    for polygon in shapely.get_parts(geom):
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        coords = np.asarray(polygon.exterior.coords)
        xs += coords[:, 0].round(6).tolist() + [None]
        ys += coords[:, 1].round(6).tolist() + [None]
    point = geom.representative_point()
    return xs, ys, (point.x, point.y)


def _colours(values: pd.Series) -> list[str]:
    known = values.dropna().astype(float)
    if known.empty:
        return [NO_VALUE] * len(values)
    low, high = float(known.min()), float(known.max())
    span = high - low or 1.0
    out = []
    for value in values:
        if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
            out.append(NO_VALUE)
        else:
            # keep the lightest shade readable against the white background
            out.append(sample_colorscale(COLORSCALE, [0.12 + 0.88 * (float(value) - low) / span])[0])
    return out


def _label_colour(fill: str) -> str:
    """White text on dark fills, near-black on light ones."""
    if not fill.startswith("rgb("):
        return "#111111"
    r, g, b = (float(v) for v in fill[4:-1].split(","))
    return "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 140 else "#111111"


def _format(value) -> str:
    if value is None or pd.isna(value):
        return "not known"
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"


def _scale(known: pd.Series, colours: list[str], measure_label: str) -> dict:
    """The colour bar's settings: ticks of whole numbers for counts; over a single value (one district,
    or every district alike) one colour and that value, not a range around it."""
    bar = {"title": {"text": plotly_text(measure_label)}, "thickness": 14}
    if known.empty:
        return {"colorscale": COLORSCALE, "cmin": 0, "cmax": 1, "showscale": False, "colorbar": bar}
    low, high = float(known.min()), float(known.max())
    if low == high:
        shade = next(c for c in colours if c != NO_VALUE)
        return {"colorscale": [[0, shade], [1, shade]], "cmin": low - 0.5, "cmax": high + 0.5, "showscale": True,
                "colorbar": {**bar, "tickmode": "array", "tickvals": [low], "ticktext": [_format(low)]}}
    if (known % 1 == 0).all():                       # counts: never a tick at 0.5 or 24.6
        bar.update(tickformat=",d", **({"dtick": 1, "tick0": 0} if high - low < 10 else {}))
    return {"colorscale": COLORSCALE, "cmin": low, "cmax": high, "showscale": True, "colorbar": bar}


@built_once      # fifty traces of district outlines: tens of milliseconds to build, so once per content
def district_figure(districts: pd.DataFrame, measure: str, measure_label: str, title: str,
                    layers: list[Layer] | None = None, tile_url: str | None = None,
                    selected_code: str | None = None, hover_columns: dict[str, str] | None = None) -> go.Figure:
    """districts: code, name, geometry and the measure columns (one row per district with a shape)."""
    hover_columns = hover_columns or {}
    shaped = districts[districts["geometry"].notna()].reset_index(drop=True)
    bounds = np.array([shapely.from_geojson(g).bounds for g in shaped["geometry"]])
    minx, miny = bounds[:, 0].min(), bounds[:, 1].min()
    maxx, maxy = bounds[:, 2].max(), bounds[:, 3].max()
    tolerance = max(maxx - minx, maxy - miny) / 1500
    mid_lat = (miny + maxy) / 2
    on_tiles = bool(tile_url)
    scatter = go.Scattermap if on_tiles else go.Scatter
    xy = (lambda x, y: {"lon": x, "lat": y}) if on_tiles else (lambda x, y: {"x": x, "y": y})

    fig = go.Figure()
    colours = _colours(shaped[measure])
    centres = []
    hovers = []
    for i, row in shaped.iterrows():
        xs, ys, centre = _rings(row["geometry"], tolerance)
        centres.append(centre)
        # names and codes are data: escaped for plotly's HTML subset (a name may hold a link)
        name = plotly_text(row["name"]) if row["name"] != row["code"] else ""
        lines = [f"<b>{plotly_text(row['code'])}</b> {name}", f"{plotly_text(measure_label)}: {_format(row[measure])}"]
        lines += [f"{plotly_text(label)}: {_format(row[column])}" for column, label in hover_columns.items()
                  if column != measure]
        hover = "<br>".join(lines)
        hovers.append(hover)
        selected = row["code"] == selected_code
        fig.add_trace(scatter(
            **xy(xs, ys), mode="lines", fill="toself", fillcolor=colours[i],
            line={"color": "#222222" if selected else "#555555", "width": 3 if selected else 1},
            name=plotly_text(row["code"]), legendgroup="districts", showlegend=False,
            **({} if on_tiles else {"hoveron": "fills"}), text=hover, hoverinfo="text",
            meta={"kind": "district", "code": row["code"]},
        ))
    values = shaped[measure].astype(float)
    known = values.dropna()
    fig.add_trace(scatter(
        **xy([c[0] for c in centres], [c[1] for c in centres]), mode="markers+text",
        text=[plotly_text(code) for code in shaped["code"]], textposition="middle center",
        textfont={"size": 11, "color": "#111111" if on_tiles else [_label_colour(c) for c in colours]},
        marker={"size": 18, "opacity": 0.01 if not on_tiles else 0.0, "color": values.fillna(known.min() if len(known) else 0),
                **_scale(known, colours, measure_label)},
        customdata=shaped["code"].tolist(), hovertext=hovers, hoverinfo="text",
        name="District labels", showlegend=False, meta={"kind": "labels"},
    ))
    for layer in layers or []:
        cells = layer.cells
        if cells.empty:
            continue
        size = 3 + 19 * np.sqrt(cells["points"] / cells["points"].max()) if layer.aggregated else 8
        name = LAYER_NAMES[layer.key] + (" (counted per grid cell)" if layer.aggregated else "")
        text = [f"{LAYER_NAMES[layer.key]}: {n:,}" + (f"<br>{plotly_text(label)}" if isinstance(label, str) else "")
                for n, label in zip(cells["points"], cells["label"])]
        fig.add_trace(scatter(
            **xy(cells["longitude"].tolist(), cells["latitude"].tolist()), mode="markers",
            marker={"size": size, "color": LAYER_COLOURS[layer.key], "opacity": 0.75,
                    **({} if on_tiles else {"line": {"width": 0.5, "color": "white"}})},
            text=text, hoverinfo="text", name=name, meta={"kind": "layer", "layer": layer.key},
        ))
    titled(fig, title, 534)
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "bottom", "y": 0, "x": 0}, clickmode="event+select",
        dragmode="pan" if on_tiles else "zoom", plot_bgcolor="white",
    )
    if on_tiles:
        zoom = max(1.0, min(16.0, math.log2(360 / max(maxx - minx, 1e-6)) + 0.5))
        fig.update_layout(map={
            "style": "white-bg", "center": {"lon": (minx + maxx) / 2, "lat": mid_lat}, "zoom": zoom,
            "layers": [{"sourcetype": "raster", "source": [tile_url], "below": "traces"}]})
    else:
        fig.update_xaxes(visible=False, range=[minx - (maxx - minx) * 0.02, maxx + (maxx - minx) * 0.02])
        fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(mid_lat)))
    return fig
