"""Dates of recurring sessions: every N weeks, or the nth weekday of each month.

"Every first Saturday for a year" is `monthly_nth_weekday(start, 1, 5, until)`.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from core.formatting import day
from core.validate import FieldError

MAX_OCCURRENCES = 60
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


def _check(start: date, until: date) -> None:
    if until < start:
        raise FieldError("repeat until", f"{day(until)} is before the first date {day(start)}.")
    if (until - start).days > 3 * 366:
        raise FieldError("repeat until", "a series may span at most three years.")


def _limit(dates: list[date]) -> list[date]:
    if not dates:
        raise FieldError("repeat", "no date between the first date and the end matches the rule.")
    if len(dates) > MAX_OCCURRENCES:
        raise FieldError("repeat", f"the rule gives {len(dates)} sessions; at most {MAX_OCCURRENCES} "
                                   "are created at once.")
    return dates


def weekly(start: date, until: date, every_weeks: int = 1) -> list[date]:
    _check(start, until)
    if every_weeks < 1:
        raise FieldError("repeat", "every how many weeks must be 1 or more.")
    out, day = [], start
    while day <= until and len(out) <= MAX_OCCURRENCES:
        out.append(day)
        day += timedelta(weeks=every_weeks)
    return _limit(out)


def nth_weekday(year: int, month: int, nth: int, weekday: int) -> date | None:
    days = [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == weekday]
    if nth == -1:
        return days[-1]
    return days[nth - 1] if nth <= len(days) else None


def monthly_nth_weekday(start: date, until: date, nth: int, weekday: int) -> list[date]:
    """The nth (1-4, or -1 for last) given weekday of every month from start to until."""
    _check(start, until)
    if nth not in ORDINALS or not 0 <= weekday <= 6:
        raise FieldError("repeat", "choose first, second, third, fourth or last, and a weekday.")
    out, first = [], start.replace(day=1)
    while first <= until and len(out) <= MAX_OCCURRENCES:
        day = nth_weekday(first.year, first.month, nth, weekday)
        if day is not None and start <= day <= until:
            out.append(day)
        first += relativedelta(months=1)
    return _limit(out)


def describe(nth: int, weekday: int) -> str:
    return f"every {ORDINALS[nth]} {WEEKDAYS[weekday]} of the month"


REPEATS = ("Does not repeat", "Every week", "Every two weeks", "Monthly, same weekday")


def nth_of(day: date) -> int:
    """1-4 for the first to fourth such weekday of its month, -1 for a fifth (the last)."""
    nth = (day.day - 1) // 7 + 1
    return -1 if nth == 5 else nth


def series_dates(repeat: str, first: date, until: date) -> list[date]:
    """The dates of a series as the form names it; ValidationError names the field."""
    from queries.errors import ValidationError

    try:
        if repeat == "Monthly, same weekday":
            return monthly_nth_weekday(first, until, nth_of(first), first.weekday())
        if repeat in ("Every week", "Every two weeks"):
            return weekly(first, until, 1 if repeat == "Every week" else 2)
    except FieldError as error:
        raise ValidationError({error.field: error.message}) from None
    raise ValidationError({"repeat": f"'{repeat}' is not one of {', '.join(REPEATS)}."})
