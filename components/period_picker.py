"""Choosing a report period: a month (default last month), a quarter, a year or a custom range."""

from __future__ import annotations

from datetime import date

import streamlit as st

from core.periods import Period, PeriodError, custom, last_month, month, quarter, year
from core.text import md

KINDS = ("Month", "Quarter", "Year", "Custom range")


def _months(today: date, count: int = 36) -> list[Period]:
    first = last_month(today)
    out, y, m = [], first.start.year, first.start.month
    for _ in range(count):
        out.append(month(y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out


def period_picker(key: str, today: date) -> Period | None:
    """The chosen period, or None (with a message next to the field) when a custom range is incomplete.
    `today` is the department's date (core/clock.py): the default month is the one before it."""
    kind = st.segmented_control("Period", KINDS, default="Month", key=f"{key}-kind") or "Month"
    if kind == "Month":
        options = _months(today)
        return st.selectbox("Month", options, index=0, format_func=lambda p: p.label, key=f"{key}-month")
    if kind == "Quarter":
        current_q = (today.month - 1) // 3 + 1
        options = []
        y, q = today.year, current_q
        for _ in range(12):
            options.append(quarter(y, q))
            y, q = (y, q - 1) if q > 1 else (y - 1, 4)
        return st.selectbox("Quarter", options, index=1, format_func=lambda p: p.label, key=f"{key}-quarter")
    if kind == "Year":
        options = [year(y) for y in range(today.year, today.year - 6, -1)]
        return st.selectbox("Year", options, index=1 if today.month < 12 else 0, format_func=lambda p: p.label,
                            key=f"{key}-year")
    default = last_month(today)
    chosen = st.date_input("From and to (inclusive)", value=(default.start, default.end), key=f"{key}-range",
                           format="YYYY-MM-DD")
    if not isinstance(chosen, (tuple, list)) or len(chosen) != 2:
        st.warning("Pick both the first and the last day of the range.")
        return None
    try:
        return custom(chosen[0], chosen[1])
    except PeriodError as error:
        st.error(md(str(error)))
        return None
