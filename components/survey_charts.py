"""The survey chart: one measure's share by district and wave, each bar with its margin of error.

Built as components/charts.py builds every chart (a title that wraps at phone width, the data's
text escaped for plotly, built once per input and frozen). A cell with too few answers has no bar:
the words "too few answers" stand where it would start, so an empty place never reads as 0%.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.charts import _layout, built_once
from core.surveys.results import TOO_FEW, margin_words, share_words
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
