"""The survey chart: one measure's share by district and wave, each bar with its margin of error.

Built as components/charts.py builds every chart (a title that wraps at phone width, the data's
text escaped for plotly, built once per input and frozen). A cell with too few answers has no bar:
the words "too few answers" stand where it would start, so an empty place never reads as 0%.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.charts import _layout, built_once
from core.surveys.results import TOO_FEW, margin_words, rate_words, share_words
from core.text import plotly_text

# waves oldest to newest: light to dark blue (the newest wave is the darkest bar)
WAVE_COLOURS = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
BAR_ROW = 26            # pixels per bar


@built_once
def shares_by_district(frame: pd.DataFrame, title: str) -> go.Figure | None:
    """Horizontal bars, one group per district (the first one 'All districts', at the top) and one bar
    per wave. `frame`: place (words), wave (words, the waves in the order to draw them, oldest first),
    share, margin (0-1, NaN when suppressed), answers."""
    if frame.empty:
        return None
    places = list(dict.fromkeys(frame["place"]))
    waves = list(dict.fromkeys(frame["wave"]))
    colours = WAVE_COLOURS[-len(waves):] if len(waves) <= len(WAVE_COLOURS) else None
    fig = go.Figure()
    for number, wave in enumerate(waves):
        rows = frame[frame["wave"] == wave].set_index("place").reindex(places)
        suppressed = rows["share"].isna()
        shares = rows["share"].fillna(0)
        margins = rows["margin"].where(~suppressed)
        text = [TOO_FEW if off else share_words(share) for off, share in zip(suppressed, rows["share"])]
        hover = [plotly_text(f"{wave}, {place}: " + (
                 f"{TOO_FEW} ({_answers(answers)})" if off else
                 f"{share_words(share)} {margin_words(margin)} ({_answers(answers)})"))
                 for place, off, share, margin, answers in zip(places, suppressed, rows["share"], margins,
                                                               rows["answers"])]
        colour = colours[number] if colours else None
        # the share inside its bar, at the start, so the margin's line at the bar's end never crosses it;
        # a bar too short for it (and "too few answers") has the words beyond it
        fig.add_bar(x=shares, y=[plotly_text(p) for p in places], orientation="h", name=plotly_text(wave),
                    text=text, textposition=["outside" if off else "auto" for off in suppressed],
                    insidetextanchor="start", cliponaxis=False,
                    insidetextfont={"color": "#1f1f1f" if colour in WAVE_COLOURS[:2] else "#ffffff"},
                    outsidetextfont={"color": "#1f1f1f"}, marker_color=colour,
                    error_x={"type": "data", "array": [None if pd.isna(m) else m for m in margins],
                             "visible": True, "color": "#444444", "thickness": 1.2, "width": 3},
                    hovertext=hover, hovertemplate="%{hovertext}<extra></extra>")
    fig = _layout(fig, title, "")
    lines = fig.layout.title.text.count("<br>") + 1
    fig.update_yaxes(autorange="reversed", title=None, automargin=True, rangemode=None)
    fig.update_xaxes(tickformat=".0%", range=[0, 1.22], tickvals=[0, 0.25, 0.5, 0.75, 1.0], tickangle=0,
                     title="Share of the answers (with margin of error)")
    height = 120 + 24 * lines + BAR_ROW * len(places) * len(waves) + 14 * len(places)
    fig.update_layout(barmode="group", hovermode="closest", height=max(300, height), bargap=0.25,
                      margin={"l": 10, "r": 10, "t": 36 + 24 * lines, "b": 10},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.08 - 60 / max(300, height), "x": 0,
                              "title": None, "traceorder": "normal"})
    return fig


def _answers(answers) -> str:
    count = 0 if pd.isna(answers) else int(answers)
    return f"{count:,} answer" if count == 1 else f"{count:,} answers"


CANDIDATE_COLOURS = {"fear_above_record": "#D55E00", "record_above_fear": "#7F3C8D", None: "#0072B2"}


@built_once
def perception_beside_record(frame: pd.DataFrame, title: str, everyone: str) -> go.Figure | None:
    """One point per district: how many rate the problem serious (up, with its margin of error) against
    how many are on record per 1,000 residents (across); dashed lines through all districts' figures, so
    the candidates stand in the upper left (seen as serious, little on record) and lower right corners.
    `frame`: place, share, margin, rate, candidate (a code or None), total; districts with too few
    answers or no population on record are left out (the table lists them)."""
    total = frame[frame["total"]]
    points = frame[~frame["total"] & frame["share"].notna() & frame["rate"].notna()]
    if points.empty:
        return None
    # neighbours along the axis take turns above and below their point; near an edge a name reads inwards
    widest = max(float(points["rate"].max()), float(total["rate"].max()) if not total.empty else 0.0) or 1.0
    points = points.sort_values("rate").assign(position=[
        ("top" if number % 2 == 0 else "bottom") + (" left" if rate > 0.7 * widest else " right" if rate < 0.3 * widest
                                                    else " center")
        for number, rate in enumerate(points.sort_values("rate")["rate"])])
    fig = go.Figure()
    for candidate, rows in points.groupby(points["candidate"].fillna(""), sort=False):
        code = candidate or None
        hover = [plotly_text(f"{place}: {share_words(share)} rate it serious {margin_words(margin)}; "
                             f"{rate_words(rate)} on record per 1,000 residents")
                 for place, share, margin, rate in zip(rows["place"], rows["share"], rows["margin"], rows["rate"])]
        fig.add_scatter(x=rows["rate"], y=rows["share"], mode="markers+text", text=[plotly_text(p) for p in rows["place"]],
                        textposition=rows["position"].tolist(), cliponaxis=False, showlegend=False,
                        marker={"size": 12, "color": CANDIDATE_COLOURS.get(code, CANDIDATE_COLOURS[None])},
                        error_y={"type": "data", "array": rows["margin"].tolist(), "visible": True,
                                 "color": "#9e9e9e", "thickness": 1},
                        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>")
    if not total.empty and pd.notna(total["share"].iloc[0]) and pd.notna(total["rate"].iloc[0]):
        share, rate = float(total["share"].iloc[0]), float(total["rate"].iloc[0])
        fig.add_hline(y=share, line_dash="dash", line_color="#595959", layer="below")
        fig.add_vline(x=rate, line_dash="dash", line_color="#595959", layer="below")
        fig.add_scatter(x=[rate], y=[share], mode="markers", showlegend=False,
                        marker={"size": 11, "symbol": "diamond", "color": "#595959"},
                        hovertext=[plotly_text(f"{everyone}: {share_words(share)} rate it serious; "
                                               f"{rate_words(rate)} on record per 1,000 residents")],
                        hovertemplate="%{hovertext}<extra></extra>")
    fig = _layout(fig, title, "Rate it serious", legend=False)
    top = float((points["share"] + points["margin"]).max())
    fig.update_yaxes(tickformat=".0%", range=[0, min(1.0, top + 0.12)], rangemode=None)
    fig.update_xaxes(title="On record per 1,000 residents", range=[0, widest * 1.08], tickformat=",.1f")
    fig.update_layout(hovermode="closest")
    return fig
