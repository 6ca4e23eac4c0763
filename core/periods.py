"""Report periods: months, quarters, years and custom date ranges.

One parser and one set of comparisons ("previous period", "same period last
year") so the monthly report, the dashboard filters and the CLI agree on
what "2026-Q3" means. All ends are inclusive.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

KINDS = ("month", "quarter", "year", "custom")
MIN_YEAR, MAX_YEAR = 1900, 2199  # wide enough for any record; keeps +-1 year safe

PRESETS = {
    "this_month": "This month to date",
    "last_month": "Last month",
    "quarter": "This quarter to date",
    "year_to_date": "Year to date",
    "last_12_months": "Last 12 months",
}


class PeriodError(ValueError):
    """Text that is not a period we understand, with a message for the user."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    label: str
    kind: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise PeriodError(f"Unknown period kind '{self.kind}'.")
        if self.end < self.start:
            raise PeriodError(f"Period ends ({self.end}) before it starts ({self.start}).")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def key(self) -> str:
        """The text parse_period reads back (for URLs, CLI and saved reports)."""
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"Year {year} is outside {MIN_YEAR}-{MAX_YEAR}.")


def month(year: int, number: int) -> Period:
    _check_year(year)
    if not 1 <= number <= 12:
        raise PeriodError(f"Month must be 01 to 12, not {number:02d}.")
    last = calendar.monthrange(year, number)[1]
    start = date(year, number, 1)
    return Period(start, date(year, number, last), f"{start:%B %Y}", "month")


def quarter(year: int, number: int) -> Period:
    _check_year(year)
    if not 1 <= number <= 4:
        raise PeriodError(f"Quarter must be Q1 to Q4, not Q{number}.")
    first = month(year, 3 * number - 2)
    return Period(first.start, month(year, 3 * number).end, f"Q{number} {year}", "quarter")


def year(number: int) -> Period:
    _check_year(number)
    return Period(date(number, 1, 1), date(number, 12, 31), str(number), "year")


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"  # "%-d" is not portable (Windows)


def custom(start: date, end: date, label: str | None = None) -> Period:
    for day in (start, end):
        _check_year(day.year)
    if end < start:
        raise PeriodError(f"The range ends ({end}) before it starts ({start}).")
    return Period(start, end, label or f"{_day(start)} to {_day(end)}", "custom")


def _iso_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PeriodError(f"'{text}' is not a real date (YYYY-MM-DD).") from None


_FORMS = "YYYY-MM, YYYY-Qn, YYYY or YYYY-MM-DD..YYYY-MM-DD"


def parse_period(text: str | None) -> Period:
    """Read "2026-10", "2026-Q3", "2026" or "2026-01-01..2026-03-31"."""
    value = (text or "").strip()
    if not value:
        raise PeriodError(f"No period given; expected {_FORMS}.")
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", value):
        return month(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})-?[qQ](\d)", value):
        return quarter(int(m[1]), int(m[2]))
    if re.fullmatch(r"\d{4}", value):
        return year(int(value))
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})", value):
        return custom(_iso_day(m[1]), _iso_day(m[2]))
    raise PeriodError(f"'{value}' is not a period; expected {_FORMS}.")


def _shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def previous(period: Period) -> Period:
    """The period just before: previous calendar unit, or same length."""
    if period.kind == "month":
        return month(*_shift_month(period.start, -1))
    if period.kind == "quarter":
        y, m = _shift_month(period.start, -3)
        return quarter(y, (m - 1) // 3 + 1)
    if period.kind == "year":
        return year(period.start.year - 1)
    end = period.start - timedelta(days=1)
    return custom(end - timedelta(days=period.days - 1), end)


def _minus_year(day: date) -> date:
    # 29 Feb has no twin in a common year; 28 Feb is the closest same-month day
    if day.month == 2 and day.day == 29:
        return date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def same_period_last_year(period: Period) -> Period:
    if period.kind == "month":
        return month(period.start.year - 1, period.start.month)
    if period.kind == "quarter":
        return quarter(period.start.year - 1, (period.start.month - 1) // 3 + 1)
    if period.kind == "year":
        return year(period.start.year - 1)
    return custom(_minus_year(period.start), _minus_year(period.end))


def year_to_date(period: Period) -> Period:
    """1 January of the period's end year through the period's end."""
    end = period.end
    return custom(date(end.year, 1, 1), end, f"1 Jan to {_day(end)}")


def last_month(today: date) -> Period:
    return month(*_shift_month(today, -1))


def preset(name: str, today: date) -> Period:
    """Dashboard shortcuts; "to date" presets end today and are custom periods,
    so previous() compares them with an equally long stretch."""
    if name == "this_month":
        return custom(today.replace(day=1), today, f"{today:%B %Y} to date")
    if name == "last_month":
        return last_month(today)
    if name == "quarter":
        q = (today.month - 1) // 3 + 1
        return custom(quarter(today.year, q).start, today, f"Q{q} {today.year} to date")
    if name == "year_to_date":
        return year_to_date(custom(today, today))
    if name == "last_12_months":
        # rolling window: the 12 months ending today, 365 or 366 days
        start = _minus_year(today) + timedelta(days=1)
        return custom(start, today, f"12 months to {_day(today)}")
    raise PeriodError(f"Unknown preset '{name}'; choose one of {', '.join(PRESETS)}.")
