"""Headline figure cards: the value, its change from the previous period, and last year's."""

from __future__ import annotations

import streamlit as st

from components import say
from core.text import md
from core import formatting
from core.metrics import FIGURES, GLOSSARY, change_text, difference
from core.periods import Period

# figure -> card label (short) on the overview
CARDS = {
    "events": "Events held",
    "attendance": "Attendance",
    "participants": "Course participants",
    "officer_hours": "Officer-hours",
    "contacts": "Patrol contacts",
    "businesses_verified_12m": "Businesses verified",
    "concerns_open_end": "Concerns open",
    "median_days_to_resolve": "Days to resolve",
    "organizations_active": "Active organizations",
}
NOT_PROGRAM = ("contacts", "businesses_verified_12m", "concerns_open_end", "median_days_to_resolve",
               "organizations_active")


def format_value(figure: str, value) -> str:
    """A card's figure as people write it (core.formatting): hours with one decimal, days and counts whole."""
    if value is None:
        return formatting.MISSING
    if figure == "median_days_to_resolve":
        return formatting.plural(value, "day")
    if figure == "officer_hours":
        return f"{formatting.hours(value)} h"
    return formatting.count(value)


def headline_cards(now: dict, before: dict, ago: dict, previous: Period, last_year: Period,
                   per_row: int = 5) -> None:
    """One card per headline figure; the delta is against the previous period, the caption
    under it against the same period last year. Lower is better for open concerns and days."""
    keys = list(CARDS)
    for start in range(0, len(keys), per_row):
        columns = st.columns(per_row)
        for column, figure in zip(columns, keys[start:start + per_row]):
            higher_is_better = FIGURES[figure][3]
            now_value, before_value = now.get(figure), before.get(figure)
            with column.container(border=True):
                st.metric(md(CARDS[figure]), format_value(figure, now_value),
                          delta=change_text(now_value, before_value),
                          delta_color=("off" if not difference(now_value, before_value)
                                       else "normal" if higher_is_better else "inverse"),
                          delta_arrow="off" if not difference(now_value, before_value) else "auto",
                          help=say.text("{name}: {meaning} The change is against {previous}.",
                                        name=FIGURES[figure][1], meaning=GLOSSARY[figure], previous=previous.label))
                against_last_year = change_text(now_value, ago.get(figure))    # "new" after a year of none
                say.caption("{share}{year}: {value}{change}", share=_share_of_list(figure, now), year=last_year.label,
                            value=format_value(figure, ago.get(figure)),
                            change=say.text(" ({change})", change=against_last_year)
                            if against_last_year is not None else "")


def _share_of_list(figure: str, now: dict) -> str:
    """Verified businesses are a part of the list: say of how many, before the comparison."""
    if figure != "businesses_verified_12m":
        return ""
    share, listed = now.get("businesses_verified_share"), now.get("businesses")
    return (f"of {formatting.count(listed)} on the list ({formatting.percent(100 * share)}). "
            if share is not None and listed else "No businesses listed. ")
