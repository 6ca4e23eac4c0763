"""Numbers as a department writes them, one rule for every page, download and document.

Counts are whole numbers (a goal due for part of a year too), and so are days; hours have one
decimal; percentages are whole. Every rounding is half up (14.25 hours is 14.3, 12.5% is 13%).
A change from zero is "new", not a signed number that reads like growth; a value that is not
there is "–"; a count agrees with its noun ("1 session", "2 sessions").
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from core.vocabulary import MISSING

HOURS = {"hours", "hour"}
MONEY = {"dollars", "$"}


def _missing(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


def rounded(value: float, places: int = 0) -> float | int:
    """`value` rounded half up (away from zero) to `places` decimals; an int when places is 0."""
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return int(exact) if places == 0 else float(exact)


def count(value: Any) -> str:
    """1,234"""
    return MISSING if _missing(value) else f"{rounded(value):,}"


def hours(value: Any) -> str:
    """1,229.5"""
    return MISSING if _missing(value) else f"{rounded(value, 1):,.1f}"


def percent(value: Any) -> str:
    """`value` in percent (12.5 -> '13%')."""
    return MISSING if _missing(value) else f"{rounded(value)}%"


def amount(value: Any, unit: str = "count") -> str:
    """A figure in its unit: hours with one decimal, dollars as $1,234, everything else whole."""
    if _missing(value):
        return MISSING
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        try:
            value = float(value)
        except (TypeError, ValueError):
            return str(value)
    if unit in HOURS:
        return hours(value)
    if unit in MONEY:
        return f"${count(value)}"
    return count(value)


def change(current: Any, previous: Any, unit: str = "count") -> str:
    """'+3 (+12%)', '-1.5 (-8%)', 'no change', 'new' (from zero) or '–' (either unknown)."""
    if _missing(current) or _missing(previous):
        return MISSING
    if previous == 0:
        return "no change" if current == 0 else "new"
    difference = current - previous
    shown = amount(abs(difference), unit)
    if shown in ("0", "0.0", "$0"):
        return "no change"
    pct = rounded(100 * difference / abs(previous))
    sign = "+" if difference > 0 else "-"
    return f"{sign}{shown} ({'+' if pct > 0 else '-' if pct < 0 else ''}{abs(pct)}%)"


def change_words(current: Any, previous: Any, unit: str = "count") -> str:
    """The change in words, for a spreadsheet cell (where a leading sign reads as a formula):
    'up 3 (12%)', 'down 1.5 (8%)', 'no change', 'new' or '–'."""
    text = change(current, previous, unit)
    if text[:1] not in "+-":
        return text
    return f"{'up' if text[0] == '+' else 'down'} {text[1:].replace('(+', '(').replace('(-', '(')}"


def plural(value: Any, noun: str, many: str | None = None) -> str:
    """'1 session', '2 sessions', '1 business', '3 businesses' (the count as count() writes it)."""
    if _missing(value):
        return f"{MISSING} {many or _plural(noun)}"
    return f"{count(value)} {noun if rounded(value) == 1 else many or _plural(noun)}"


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


# The same forms in a grid: momentjs formats for st.column_config.DateColumn / DatetimeColumn
DAY_COLUMN = "D MMM YYYY"
MOMENT_COLUMN = "D MMM YYYY, HH:mm"


def day(value: date | str | None) -> str:
    """A date as people write it, the same everywhere: '1 Jul 2024' (a time of day is left out;
    an ISO date as a stored report keeps it, '2024-07-01', is written the same way)."""
    if isinstance(value, str) and value:
        value = date.fromisoformat(value[:10])
    return MISSING if _no_time(value) else f"{value.day} {value:%b %Y}"


def moment(value: datetime | None) -> str:
    """A date and time as people write them: '1 Jul 2024, 14:05' (24-hour clock, no seconds)."""
    return MISSING if _no_time(value) else f"{day(value)}, {value:%H:%M}"


def _no_time(value: Any) -> bool:
    return value is None or value is pd.NaT or value == "" or (isinstance(value, float) and value != value)
