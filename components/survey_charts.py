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
    widest = max(float(points["rate"].max()), float(total["rate"].max()) if not total.empty else 0.0) or 1.0
    top = float((points["share"] + points["margin"]).max())
    x_end, y_end = widest * 1.08, min(1.0, top + 0.12)
    others = [(float(total["rate"].iloc[0]), float(total["share"].iloc[0]))] if not total.empty else []
    points = points.assign(position=_label_positions(
        [(float(r), float(v), str(p)) for r, v, p in zip(points["rate"], points["share"], points["place"])],
        x_end, y_end, others))
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
    fig.update_yaxes(tickformat=".0%", range=[0, y_end], rangemode=None)
    fig.update_xaxes(title="On record per 1,000 residents", range=[0, x_end], tickformat=",.1f")
    fig.update_layout(hovermode="closest")
    return fig


# Where each district's name goes beside its point, worked out for the plot's area on a phone (the
# narrowest it is drawn; wider, the names only stand further apart): 7 px a character, 14 px high,
# 6 px from the point. plotly places text where it is told and never moves a name off another.
PHONE_PLOT = (300.0, 260.0)
SIDES = ("top center", "bottom center", "middle right", "middle left", "top right", "top left",
         "bottom right", "bottom left")


def _label_box(px: float, py: float, text: str, side: str) -> tuple[float, float, float, float]:
    w, h = 7.0 * len(text), 14.0
    vertical, horizontal = side.split()
    left = {"left": px - 6 - w, "right": px + 6, "center": px - w / 2}[horizontal]
    top = {"top": py - 6 - h, "bottom": py + 6, "middle": py - h / 2}[vertical]
    return left, top, left + w, top + h


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _label_positions(points: list[tuple[float, float, str]], x_end: float, y_end: float,
                     others: list[tuple[float, float]]) -> list[str]:
    """A text position for each (x, y, name): from the highest point down, the first side whose name
    covers no name placed already, no point and does not leave the plot; else the side that covers least."""
    width, height = PHONE_PLOT

    def pixels(x: float, y: float) -> tuple[float, float]:
        return x / x_end * width, (1 - y / y_end) * height

    marks = [(px - 6, py - 6, px + 6, py + 6) for px, py in (pixels(x, y) for x, y, _ in points)]
    marks += [(px - 6, py - 6, px + 6, py + 6) for px, py in (pixels(x, y) for x, y in others)]
    placed: list[tuple[float, float, float, float]] = []
    chosen: dict[int, str] = {}
    for i in sorted(range(len(points)), key=lambda i: -points[i][1]):
        px, py = pixels(points[i][0], points[i][1])
        own = marks[i]

        def cost(side: str) -> float:
            box = _label_box(px, py, points[i][2], side)
            outside = max(0.0, -box[0]) + max(0.0, box[2] - width)
            return (sum(_overlap(box, other) for other in placed)
                    + sum(_overlap(box, mark) for mark in marks if mark is not own) + 100 * outside)

        side = min(SIDES, key=cost)           # min keeps the first of equals: the order above
        chosen[i] = side
        placed.append(_label_box(px, py, points[i][2], side))
    return [chosen[i] for i in range(len(points))]
