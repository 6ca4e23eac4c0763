"""The report's charts as plotly figures, for the screen, built from the assembled report alone.

components/report_view.py draws them interactively on the report page. The printed report
(PDF, DOCX) draws the same charts from the same data and colours as pictures with matplotlib
(reports/chart_images.py), which needs no browser.
"""

from __future__ import annotations

import plotly.graph_objects as go

from core.text import plotly_text
from reports.chart_data import (COLOURS, MAP_ASPECT, attendance_rows, concern_series, district_areas,
                                events_label, map_title, shade_colour)


def styled(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(title=title, template="plotly_white", margin=dict(l=60, r=20, t=60, b=60),
                      font=dict(family="Arial", size=13), height=height)
    return fig


def attendance_by_program_figure(report: dict) -> tuple | None:
    made = attendance_rows(report)
    if made is None:
        return None
    rows, title, width, height = made
    fig = go.Figure(go.Bar(x=[r["attendance"] for r in rows], y=[plotly_text(r["program"]) for r in rows],
                           orientation="h", marker_color=COLOURS["attendance"],
                           text=[f"{r['attendance']:,}" for r in rows], textposition="outside"))
    fig.update_xaxes(title="people attending (headcount)")
    fig.update_layout(yaxis=dict(automargin=True))
    return fig, title, width, height


def concerns_by_category_figure(report: dict) -> tuple | None:
    made = concern_series(report)
    if made is None:
        return None
    labels, series, title, width, height = made
    fig = go.Figure()
    for name, values, colour in series:
        fig.add_bar(x=[plotly_text(label) for label in labels], y=values, name=name, marker_color=colour)
    fig.update_yaxes(title="concerns")
    fig.update_layout(barmode="group", legend=dict(orientation="h", y=-0.25))
    return fig, title, width, height


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
