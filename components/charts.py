"""Plotly charts readable at a glance: a title that says what is shown, units on the axes,
the palette's colours, and words instead of an empty chart.

Builders return a figure, or None when there is nothing to draw; `show` draws it or says why not.
"""

from __future__ import annotations

import functools
import numbers
import textwrap
from typing import Callable

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.subplots import make_subplots
import streamlit as st

from components.cache_keys import BY_CONTENT
from components.palette import (ACCENT, CATEGORY_LABELS, CONCERN_COLORS, EVENT_COLOUR, INCIDENT_COLOUR, LABEL_COLORS,
                                SHIFT_COLORS, category_label)
from core import formatting
from core.text import md, plotly_text
from core.vocabulary import SHIFTS

# two-line labels ("Sep" over "2026") stay level, so they never run into the legend below them; the
# hover names the month the same way ("Sep 2026"), not plotly's "Sep 1, 2026"
MONTH_AXIS = {"tickformat": "%b<br>%Y", "hoverformat": "%b %Y", "title": None}

class _Shown(go.Figure):
    """A figure that is only shown from now on. `st.plotly_chart` copies a figure (`to_dict`: a deep
    copy of every trace, arrays turned to base64) on each rerun that shows it; this one makes that
    copy once and hands out the same one, which Streamlit only reads."""

    def to_dict(self) -> dict:
        if self.__dict__.get("_as_dict") is None:
            self._as_dict = super().to_dict()
        return self._as_dict


def frozen(fig: go.Figure | None) -> go.Figure | None:
    """`fig` to be shared and shown, never changed again (None stays None)."""
    return None if fig is None else _Shown(fig)


def built_once(build: Callable[..., go.Figure | None]) -> Callable[..., go.Figure | None]:
    """Building a plotly express figure costs tens of milliseconds (validation of every property),
    more than drawing it: each builder is therefore built once per distinct input. The inputs (small
    aggregated frames and titles) are keyed by content (components/cache_keys.py), so new data
    after a save builds a new figure; the figure is shared by every session, frozen, and nothing
    changes it."""
    @functools.wraps(build)         # Streamlit keys the cache on the builder's own name and source
    def build_frozen(*args, **kwargs):
        return frozen(build(*args, **kwargs))
    return st.cache_resource(show_spinner=False, max_entries=256, hash_funcs=BY_CONTENT)(build_frozen)


TITLE_LINE = 42      # characters of a 16 px title that fit a phone's width (390 px)


def _title(title: str) -> tuple[str, int]:
    """The title on lines of at most TITLE_LINE characters (plotly never wraps one, it cuts it at the
    figure's edge), each escaped for plotly's HTML subset; and the number of lines."""
    lines = textwrap.wrap(title, TITLE_LINE, break_long_words=False, break_on_hyphens=False) or [""]
    return "<br>".join(plotly_text(line) for line in lines), len(lines)


def titled(fig: go.Figure, title: str, plot_height: int) -> go.Figure:
    """The wrapped title above the plot, the figure as tall as the plot and the title's lines."""
    text, lines = _title(title)
    fig.update_layout(title={"text": text, "x": 0, "xanchor": "left", "font": {"size": 16}},
                      margin={"l": 10, "r": 10, "t": 36 + 24 * lines, "b": 10}, height=plot_height + 24 * lines)
    return fig


def _layout(fig: go.Figure, title: str, y_title: str, legend: bool = True) -> go.Figure:
    """Titles may name a program, a measure or a district: escaped for plotly's HTML subset."""
    titled(fig, title, 336)
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "top", "y": -0.3, "x": 0, "title": None},
        showlegend=legend, hovermode="x unified",
    )
    fig.update_yaxes(title=plotly_text(y_title), rangemode="tozero")
    return fig


def _top(fig: go.Figure, axis: str) -> float:
    """The largest value drawn along `axis` ("x", "y"; "y2" for the traces on the second y axis):
    stacked bars count as their sum at each position."""
    letter, name = axis[0], ("y" + axis[1:]) if axis.startswith("y") else "x"
    traces = [t for t in fig.data if getattr(t, letter, None) is not None
              and (letter == "x" or (getattr(t, "yaxis", None) or "y") == name)]
    stacked = fig.layout.barmode in ("stack", "relative")
    totals: dict = {}
    top = 0.0
    for trace in traces:
        other = getattr(trace, "y" if letter == "x" else "x", None)
        values = getattr(trace, letter)
        for position, value in zip(other if other is not None else range(len(values)), values):
            if isinstance(value, numbers.Real) and value == value:      # numpy numbers too; not NaN
                if stacked and trace.type == "bar":
                    totals[position] = totals.get(position, 0) + max(value, 0)
                else:
                    top = max(top, value)
    return max([top, *totals.values()])


def whole_ticks(fig: go.Figure, axis: str = "y") -> go.Figure:
    """An axis of counts: whole-number ticks with thousands separators, never 0.5 or 24.6 (below ten,
    plotly's own steps may be halves, so the step is then one)."""
    settings = {"tickformat": ",d", "tick0": 0, **({"dtick": 1} if _top(fig, axis) < 10 else {})}
    fig.update_layout({f"{axis[0]}axis{axis[1:]}": settings})
    return fig


def show(fig: go.Figure | None, empty: str, key: str | None = None) -> None:
    """Draw the chart, or say in words that the period has nothing to show."""
    if fig is None:
        st.info(md(empty), icon=":material/info:")   # plain text escaped whole, say.text kept
    else:
        st.plotly_chart(fig, key=key, config={"displaylogo": False})


@built_once
def by_category_per_month(frame: pd.DataFrame, value: str, title: str, y_title: str) -> go.Figure | None:
    """Stacked monthly bars of `value` by program category (events_by_month rows)."""
    if frame.empty or frame[value].sum() == 0:
        return None
    data = frame[frame.groupby("category")[value].transform("sum") > 0].copy()
    data["Category"] = data["category"].map(category_label)
    order = [CATEGORY_LABELS[c] for c in CATEGORY_LABELS if CATEGORY_LABELS[c] in set(data["Category"])]
    fig = px.bar(data, x="month", y=value, color="Category", color_discrete_map=LABEL_COLORS,
                 category_orders={"Category": order},
                 labels={"month": "Month", value: plotly_text(y_title)})
    fig.update_xaxes(**MONTH_AXIS)
    return whole_ticks(_layout(fig, title, y_title))


@built_once
def contacts_per_shift(frame: pd.DataFrame, title: str) -> go.Figure | None:
    """Non-enforcement contacts per shift logged, each month, by shift and overall."""
    if frame.empty or frame["shifts_logged"].sum() == 0:
        return None
    data = frame.copy()
    data["Shift"] = data["shift"].map(SHIFTS)
    total = data.groupby("month", as_index=False)[["contacts", "shifts_logged"]].sum()
    total["Shift"] = "All shifts"
    data = pd.concat([data, total], ignore_index=True)
    data["per_shift"] = data["contacts"] / data["shifts_logged"].where(data["shifts_logged"] > 0)
    fig = px.line(data, x="month", y="per_shift", color="Shift", markers=True,
                  color_discrete_map=SHIFT_COLORS,
                  category_orders={"Shift": ["All shifts", "Day", "Evening", "Night"]},
                  labels={"month": "Month", "per_shift": "Contacts per shift"})
    fig.update_traces(selector={"name": "All shifts"}, line={"width": 4})
    fig.update_traces(hovertemplate="%{y:.1f} contacts per shift")
    fig.update_xaxes(**MONTH_AXIS)
    return _layout(fig, title, "People contacted per shift logged")


@built_once
def concerns_received_resolved(frame: pd.DataFrame, title: str) -> go.Figure | None:
    """Bars of concerns received and resolved each month, a line of concerns open at month end."""
    if frame.empty or (frame[["concerns_received", "concerns_resolved", "concerns_open_end"]].sum().sum() == 0):
        return None
    fig = go.Figure()
    for column, name in (("concerns_received", "Received"), ("concerns_resolved", "Resolved")):
        fig.add_bar(x=frame["month"], y=frame[column], name=name, marker_color=CONCERN_COLORS[name])
    fig.add_scatter(x=frame["month"], y=frame["concerns_open_end"], name="Open at month end",
                    mode="lines+markers", line={"color": CONCERN_COLORS["Open at month end"], "dash": "dot"})
    fig.update_layout(barmode="group")
    fig.update_xaxes(**MONTH_AXIS)
    return whole_ticks(_layout(fig, title, "Concerns"))


@built_once
def concerns_by_age(buckets: pd.DataFrame, overdue_days: int) -> go.Figure:
    """Open concerns per age bucket, the overdue part stacked in red on the part still in time."""
    fig = go.Figure()
    fig.add_bar(x=buckets["age"], y=buckets["within"], name="within the response time", marker_color="#2e86c1")
    fig.add_bar(x=buckets["age"], y=buckets["overdue"], name=f"over {overdue_days} days (overdue)",
                marker_color="#c0392b")
    # no x axis title: the chart's title and each label ("8-14 days") say it, and on a phone the
    # legend below the rotated labels covered it
    fig.update_layout(barmode="stack")
    fig = _layout(fig, "Open concerns by age (days since received)", "Open concerns")
    fig.update_layout(height=320, hovermode="closest")
    return whole_ticks(fig)


# beyond this many districts a heatmap cell is too narrow for its count at desktop width
HEATMAP_LABELLED_COLUMNS = 30
HEATMAP_SCALE_GAP = 74       # px from the cells' lower edge to the colour scale: the district codes and title
HEATMAP_SCALE_ROOM = 90      # px below the plot for the scale, its title and its numbers


@built_once
def crime_heatmap(body: pd.DataFrame, title: str) -> go.Figure:
    """Incidents per crime type (rows) and district (columns), each cell labelled with its count
    while the cells are wide enough to read one. A large city's hundreds of districts leave each
    cell a few pixels: the counts are then in the hover and the table (thousands of labels nobody
    could read took the browser most of the page's drawing)."""
    body = body.rename(index=plotly_text, columns=plotly_text)     # crime type names, district codes
    labelled = len(body.columns) <= HEATMAP_LABELLED_COLUMNS
    fig = px.imshow(body, text_auto=labelled, aspect="auto", color_continuous_scale="Reds",
                    labels={"x": "District", "y": "", "color": "Incidents"})
    # the colour scale lies under the cells and the rows have no axis title (the crime type names say
    # what they are): on a phone the names, a title and a scale beside the cells left them 65 px
    titled(fig, title, 96 + 28 * len(body) + HEATMAP_SCALE_ROOM)
    fig.update_layout(margin_b=10 + HEATMAP_SCALE_ROOM)
    plot_px = 50 + 28 * len(body)              # the height less the margins (titled's and the scale's)
    top = float(body.max().max()) if body.size else 0
    fig.update_coloraxes(colorbar={"tickformat": ",d", "tick0": 0, **({"dtick": 1} if top < 10 else {}),
                                   "orientation": "h", "x": 0, "xanchor": "left", "len": 1.0, "thickness": 12,
                                   "y": -HEATMAP_SCALE_GAP / plot_px, "yanchor": "top", "title": {"side": "top"}})
    return fig


@built_once
def incidents_beside_events(table: pd.DataFrame, title: str) -> go.Figure:
    """Incidents (upper panel) and program events (lower panel) per district code, each panel on its
    own axis from zero and the two sharing the district axis: two y axes over one bar chart made
    2,851 incidents and 121 events look the same height."""
    codes = table["code"].map(plotly_text)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12)
    fig.add_bar(x=codes, y=table["incidents"], name="Incidents", marker_color=INCIDENT_COLOUR, row=1, col=1)
    fig.add_bar(x=codes, y=table["events"], name="Program events", marker_color=EVENT_COLOUR, row=2, col=1)
    titled(fig, title, 460)
    fig.update_layout(yaxis={"title": "Incidents", "rangemode": "tozero"},
                      yaxis2={"title": "Program events", "rangemode": "tozero"}, showlegend=False)
    fig.update_xaxes(title=None, automargin=True)
    fig.update_xaxes(title="District", row=2, col=1)
    return whole_ticks(whole_ticks(fig, "y"), "y2")


@built_once
def before_and_after(table: pd.DataFrame, days: int, day: str, program: str) -> go.Figure:
    """Incidents of a program's target crime types per area, `days` days before and after `day`."""
    fig = go.Figure()
    areas = table["area"].map(plotly_text)
    fig.add_bar(x=areas, y=table["incidents_before"], name=f"{days} days before", marker_color="#9e9e9e")
    fig.add_bar(x=areas, y=table["incidents_after"], name=f"{days} days after", marker_color=INCIDENT_COLOUR)
    titled(fig, f"Incidents of the target crime types, {days} days before and after {day} ({program})", 316)
    fig.update_layout(yaxis={"title": "Incidents"}, barmode="group")
    return whole_ticks(fig)


@built_once
def horizontal_bars(frame: pd.DataFrame, label: str, value: str, title: str, x_title: str,
                    *,
                    percent: bool = False, cap: float | None = None) -> go.Figure | None:
    """Ranked horizontal bars (top programs), coloured by program category. With `cap`, longer
    bars stop there and their label still gives the true value."""
    if frame.empty:
        return None
    data = frame.copy()
    data["Category"] = data["category"].map(category_label)
    data[label] = data[label].map(plotly_text)   # user text: plotly shows its HTML subset
    data["shown"] = data[value].clip(upper=cap) if cap else data[value]
    data["label"] = data[value].map((lambda v: formatting.percent(100 * v)) if percent else formatting.count)
    order = [CATEGORY_LABELS[c] for c in CATEGORY_LABELS if CATEGORY_LABELS[c] in set(data["Category"])]
    fig = px.bar(data, x="shown", y=label, orientation="h", color="Category", text="label",
                 color_discrete_map=LABEL_COLORS, category_orders={"Category": order},
                 labels={"shown": x_title, label: "", "label": plotly_text(x_title)},
                 hover_data={"shown": False, "label": True})
    fig.update_yaxes(categoryorder="total ascending", title=None)
    fig.update_traces(textposition="outside", cliponaxis=False)
    if percent:
        top = cap or float(data["shown"].max())
        step = 1.0 if top > 1 else 0.5           # 0%, 100%, 200%: level and apart even at phone width
        ticks = [i * step for i in range(int(top / step + 1e-9) + 1)]
        fig.update_xaxes(tickformat=".0%", range=[0, top * 1.15], tickvals=ticks, tickangle=0)
        # the 100% line lies under the bars' labels, and a bar ending short of it carries its label
        # inside, so "94%" is never drawn across the line
        for trace in fig.data:
            trace.textposition = ["inside" if 0.5 <= x <= 1.0 else "outside" for x in trace.x]
            trace.insidetextanchor = "end"
        fig.add_vline(x=1.0, line_dash="dash", line_color="#595959", layer="below")
    fig = _layout(fig, title, "", legend=True)
    longest = int(data["label"].str.len().max())              # "368%" beyond its bar, inside the figure
    lines = fig.layout.title.text.count("<br>") + 1
    fig.update_layout(hovermode="closest", height=396 + 24 * lines,
                      margin={"r": max(10, 9 * longest)},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "title": None})
    fig.update_xaxes(title=None, nticks=5)                   # a few ticks, apart even at phone width
    return fig if percent else whole_ticks(fig, "x")


@built_once
def program_trend(frame: pd.DataFrame, value: str, title: str, y_title: str,
                  target_per_month: float | None = None, unit: str = "count") -> go.Figure | None:
    """One program's monthly figure as bars, with its goal's monthly share as a dashed line; a figure
    in hours keeps one decimal, any other is whole."""
    if frame.empty or frame[value].sum() == 0:
        return None
    fig = go.Figure()
    fig.add_bar(x=frame["month"], y=frame[value], name=plotly_text(y_title), marker_color=ACCENT)
    if target_per_month:
        fig.add_scatter(x=frame["month"], y=[target_per_month] * len(frame), mode="lines",
                        name=f"Goal ({formatting.amount(target_per_month, unit)} a month)",
                        line={"dash": "dash", "color": "#D55E00"})
    fig.update_xaxes(**MONTH_AXIS)
    fig = _layout(fig, title, y_title)
    return fig if unit == "hours" else whole_ticks(fig)


@built_once
def share_over_time(frame: pd.DataFrame, title: str, y_title: str) -> go.Figure | None:
    """A share (0-1) per month as a percentage line (e.g. car seats installed incorrectly)."""
    data = frame.dropna(subset=["share"])
    if data.empty:
        return None
    fig = px.line(data, x="month", y="share", markers=True, labels={"month": "Month", "share": plotly_text(y_title)})
    fig.update_traces(line_color=ACCENT, hovertemplate="%{y:.0%}")
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    fig.update_xaxes(**MONTH_AXIS)
    return _layout(fig, title, y_title, legend=False)
