"""The report's charts as plotly figures, for the screen, built from the assembled report alone.

components/report_view.py draws them interactively on the report page. The printed report
(PDF, DOCX) draws the same charts from the same data and colours as pictures with matplotlib
(reports/chart_images.py), which needs no browser.
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from core.text import plotly_text
from reports.chart_data import (COLOURS, MAP_ASPECT, attendance_rows, concern_series, district_areas,
                                events_label, map_title, shade_colour)


TITLE_LINE = 42      # characters of a title that fit a phone's width (390 px); plotly never wraps one


def styled(fig: go.Figure, title: str, height: int) -> go.Figure:
    """The report's look; the title on lines that fit a phone, the plot moved down to make room. A
    margin the chart already set (room for its labels) is kept."""
    lines = textwrap.wrap(title, TITLE_LINE, break_long_words=False, break_on_hyphens=False) or [""]
    margin = dict(l=60, r=20, t=36 + 24 * len(lines), b=60)
    margin.update({side: value for side, value in (fig.layout.margin.to_plotly_json() or {}).items()
                   if side in ("l", "r", "b") and value is not None})
    fig.update_layout(title=dict(text="<br>".join(lines), x=0, xanchor="left"), template="plotly_white",
                      margin=margin, font=dict(family="Arial", size=13), height=height + 24 * (len(lines) - 1))
    return fig


def attendance_by_program_figure(report: dict) -> tuple | None:
    made = attendance_rows(report)
    if made is None:
        return None
    rows, title, width, height = made
    fig = go.Figure(go.Bar(x=[r["attendance"] for r in rows], y=[plotly_text(r["program"]) for r in rows],
                           orientation="h", marker_color=COLOURS["attendance"],
                           text=[f"{r['attendance']:,}" for r in rows], textposition="outside",
                           cliponaxis=False))
    # two short lines: centred under a narrow plot (long program names at phone width) one line was cut
    fig.update_xaxes(title="people attending<br>(headcount)")
    longest = max(len(f"{r['attendance']:,}") for r in rows)          # the label beyond the longest bar
    fig.update_layout(yaxis=dict(automargin=True), margin=dict(r=max(20, 9 * longest + 10)))
    return fig, title, width, height


def concerns_by_category_figure(report: dict) -> tuple | None:
    made = concern_series(report)
    if made is None:
        return None
    labels, series, title, width, height = made
    fig = go.Figure()
    # categories down the side, first at the top: their names read level and whole at any width
    for name, values, colour in series:
        fig.add_bar(y=[plotly_text(label) for label in labels], x=values, name=name, marker_color=colour,
                    orientation="h")
    fig.update_xaxes(title="concerns")
    fig.update_yaxes(automargin=True, autorange="reversed")
    fig.update_layout(barmode="group", legend=dict(orientation="h", yanchor="top", y=-0.15, x=0))
    return fig, title, width, max(height, 36 * len(labels) + 200)


def district_map_figure(report: dict) -> tuple | None:
    """District outlines shaded by events held; drawn on plain axes, so no map tiles or internet.

    One filled trace per shade (outlines joined with gaps) and one text trace for the labels: a
    large city's 50 districts as 50 traces and 50 annotations took seconds to build and to draw."""
    areas = district_areas(report)
    if not areas:
        return None
    outlines: dict[int, tuple[list, list]] = {}
    for area in areas:
        xs, ys = outlines.setdefault(area.shade, ([], []))
        for ring in area.rings:
            xs.extend([p[0] for p in ring] + [None])
            ys.extend([p[1] for p in ring] + [None])
    fig = go.Figure()
    for shade, (xs, ys) in sorted(outlines.items()):
        fig.add_scatter(x=xs, y=ys, fill="toself", mode="lines", line=dict(color="#333333", width=1),
                        fillcolor=shade_colour(shade), hoverinfo="skip", showlegend=False)
    fig.add_scatter(x=[a.label_x for a in areas], y=[a.label_y for a in areas], mode="text",
                    text=[f"<b>{plotly_text(a.code)}</b><br>{events_label(a.events)}" for a in areas],
                    hoverinfo="skip", showlegend=False,
                    textfont=dict(size=11, color=[a.text_colour for a in areas]))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=MAP_ASPECT)
    return fig, map_title(report), 700, 560
