"""Report periods: months, quarters, years and custom date ranges.

One parser and one set of comparisons ("previous period", "same period last
year", "year to date") so the monthly report, the dashboard filters and the CLI
agree on what "2026-Q3" means. A period also knows its query parameters
(`params()`), so no caller spells out $start_date / $end_date. All ends are
inclusive. Calendar arithmetic is dateutil's relativedelta: a month back from
31 March is 29 February (or 28), a year back from 29 February is 28 February.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

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
            return f"{self.start.year}-Q{_quarter_number(self.start)}"
        if self.kind == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def params(self, prefix: str | None = None) -> dict[str, date]:
        """The period as bound query parameters: `$start_date` and `$end_date`; with a prefix, a
        comparison period of the same query (`params("prev")` gives `$prev_start`, `$prev_end`)."""
        if prefix is None:
            return {"start_date": self.start, "end_date": self.end}
        return {f"{prefix}_start": self.start, f"{prefix}_end": self.end}

    def previous(self) -> Period:
        """The period just before: the previous month, quarter or year; for custom dates the
        equally long stretch that ends the day before."""
        if self.kind == "month":
            return month_of(self.start - relativedelta(months=1))
        if self.kind == "quarter":
            return quarter_of(self.start - relativedelta(months=3))
        if self.kind == "year":
            return year(self.start.year - 1)
        end = self.start - timedelta(days=1)
        return custom(end - timedelta(days=self.days - 1), end)

    def year_before(self) -> Period:
        """The same period a year earlier: the same month, quarter or year; custom dates a year
        back each (29 February becomes 28 February)."""
        a_year = relativedelta(years=1)
        if self.kind == "month":
            return month_of(self.start - a_year)
        if self.kind == "quarter":
            return quarter_of(self.start - a_year)
        if self.kind == "year":
            return year(self.start.year - 1)
        return custom(self.start - a_year, self.end - a_year)

    def year_to_date(self) -> Period:
        """1 January of the period's end year through the period's end."""
        return custom(date(self.end.year, 1, 1), self.end, f"1 Jan to {_day(self.end)}")

    def comparisons(self) -> dict[str, Period]:
        """The periods a report sets beside this one, by the name the report gives them."""
        return {"previous": self.previous(), "last_year": self.year_before(), "year_to_date": self.year_to_date()}


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


def _quarter_number(day: date) -> int:
    return (day.month - 1) // 3 + 1


def month_of(day: date) -> Period:
    """The calendar month that holds `day`."""
    return month(day.year, day.month)


def quarter_of(day: date) -> Period:
    """The calendar quarter that holds `day`."""
    return quarter(day.year, _quarter_number(day))


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


def last_month(today: date) -> Period:
    return month_of(today - relativedelta(months=1))


def preset(name: str, today: date) -> Period:
    """Dashboard shortcuts; "to date" presets end today and are custom periods,
    so Period.previous() compares them with an equally long stretch."""
    if name == "this_month":
        return custom(month_of(today).start, today, f"{today:%B %Y} to date")
    if name == "last_month":
        return last_month(today)
    if name == "quarter":
        return custom(quarter_of(today).start, today, f"Q{_quarter_number(today)} {today.year} to date")
    if name == "year_to_date":
        return custom(today, today).year_to_date()
    if name == "last_12_months":
        # rolling window: the 12 months ending today, 365 or 366 days
        start = today - relativedelta(years=1) + timedelta(days=1)
        return custom(start, today, f"12 months to {_day(today)}")
    raise PeriodError(f"Unknown preset '{name}'; choose one of {', '.join(PRESETS)}.")
