"""The period picker: every page that shows figures for a period chooses it here.

Two menus over the same custom-dates field:

- "calendar" (the monthly report): a whole month (last month by default), quarter or year, or a
  custom range;
- "presets" (overview, program results, map, crime targeting): this month to date, last month,
  this quarter to date, year to date, last 12 months (core.periods.PRESETS), or custom dates.

`today` is the department's date (core/clock.py). Widget keys start with the page's `key`.
"""

from __future__ import annotations

from datetime import date

import streamlit as st
from dateutil.relativedelta import relativedelta

from core import periods
from core.periods import Period, PeriodError
from core.text import md

CALENDAR, PRESETS = "calendar", "presets"
KINDS = ("Month", "Quarter", "Year", "Custom range")
PRESET_CHOICES = {**periods.PRESETS, "custom": "Custom dates"}
DEFAULT_PRESET = "last_month"


def period_picker(key: str, today: date, *, menu: str = CALENDAR, default: str = DEFAULT_PRESET,
                  custom_span: Period | None = None) -> Period | None:
    """The chosen period.

    The calendar menu gives None (with a note by the field) while a custom range is incomplete or
    wrong, and the page stops. The preset menu always gives a period: `default` is the preset chosen
    first, or `custom_span` as custom dates when given (the crime pages pass the last year of stored
    incidents when those end long before today, see components/crime_period.py); an incomplete range
    shows its first day, a wrong one stops the page."""
    if menu == PRESETS:
        return _preset(key, today, default, custom_span)
    if menu == CALENDAR:
        return _calendar(key, today)
    raise ValueError(f"Unknown period menu {menu!r}")


def _back(first: Period, count: int) -> list[Period]:
    """`first` and the periods before it, newest first."""
    out = [first]
    while len(out) < count:
        out.append(out[-1].previous())
    return out


def _calendar(key: str, today: date) -> Period | None:
    kind = st.segmented_control("Period", KINDS, default="Month", key=f"{key}-kind") or "Month"
    if kind == "Month":
        return st.selectbox("Month", _back(periods.last_month(today), 36), index=0, format_func=lambda p: p.label,
                            key=f"{key}-month")
    if kind == "Quarter":
        return st.selectbox("Quarter", _back(periods.quarter_of(today), 12), index=1, format_func=lambda p: p.label,
                            key=f"{key}-quarter")
    if kind == "Year":
        return st.selectbox("Year", _back(periods.year(today.year), 6), index=1 if today.month < 12 else 0,
                            format_func=lambda p: p.label, key=f"{key}-year")
    default = periods.last_month(today)
    picked = _custom_dates(f"{key}-range", (default.start, default.end))
    if len(picked) != 2:
        st.warning("Pick both the first and the last day of the range.")
        return None
    return _checked(*picked)


def _preset(key: str, today: date, default: str, custom_span: Period | None) -> Period:
    default = "custom" if custom_span else default
    choice = st.selectbox("Period", list(PRESET_CHOICES), index=list(PRESET_CHOICES).index(default),
                          format_func=PRESET_CHOICES.get, key=f"{key}_period")
    if choice != "custom":
        return periods.preset(choice, today)
    # about three months back from this month's start, unless the page knows better
    span = ((custom_span.start, custom_span.end) if custom_span
            else (periods.month_of(today).start - relativedelta(months=3), today))
    picked = _custom_dates(f"{key}_dates", span, max_value=max(today, span[1]))
    if len(picked) != 2:
        st.caption("Pick the last day too; until then the figures show the first day only.")
        picked = (picked[0], picked[0]) if picked else (today, today)
    period = _checked(*picked)
    if period is None:
        st.stop()
    return period


def _custom_dates(key: str, span: tuple[date, date], max_value: date | None = None) -> tuple[date, ...]:
    """The custom-dates field: the first and the last day as picked so far (none, one or both)."""
    picked = st.date_input("From / to", value=span, max_value=max_value, key=key, format="YYYY-MM-DD",
                           help="The first and the last day, both included.")
    if isinstance(picked, (tuple, list)):
        return tuple(picked)
    return (picked,) if picked else ()


def _checked(start: date, end: date) -> Period | None:
    """The custom period, or None with the reason shown (a year outside the range we keep)."""
    try:
        return periods.custom(start, end)
    except PeriodError as error:
        st.error(md(str(error)))
        return None
