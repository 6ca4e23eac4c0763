"""Calendar arithmetic on numpy datetime64 arrays (the small demo does it day by day)."""

from __future__ import annotations

import numpy as np

from demo.town.base import EVENT_SEASON

DAY = np.timedelta64(1, "D")


def weekday(days: np.ndarray) -> np.ndarray:
    """Monday = 0, as datetime.date.weekday(); 1970-01-01 was a Thursday."""
    return (days.astype("datetime64[D]").astype(np.int64) + 3) % 7


def month_index(days: np.ndarray) -> np.ndarray:
    """Calendar month 0..11."""
    return days.astype("datetime64[M]").astype(np.int64) % 12


def year(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[Y]").astype(np.int64) + 1970


def month_starts(first, last) -> np.ndarray:
    """First day of every month from first's month to last's month, as datetime64[D]."""
    months = np.arange(np.datetime64(first, "M"), np.datetime64(last, "M") + 1)
    return months.astype("datetime64[D]")


def nth_weekdays(months: np.ndarray, day_of_week, nth) -> np.ndarray:
    """The nth (1-based; -1 = last) given weekday of each month (months: first days)."""
    months = months.astype("datetime64[D]")
    day_of_week, nth = np.asarray(day_of_week), np.asarray(nth)
    first = months + ((day_of_week - weekday(months)) % 7) * DAY
    next_month = (months.astype("datetime64[M]") + 1).astype("datetime64[D]")
    last = next_month - 1 - ((weekday(next_month - 1) - day_of_week) % 7) * DAY
    return np.where(nth > 0, first + (np.maximum(nth, 1) - 1) * 7 * DAY, last)


def holidays(days: np.ndarray) -> np.ndarray:
    """Days programs do not meet (demo.town.base.is_holiday, for whole arrays)."""
    month, dom = month_index(days) + 1, (days - days.astype("datetime64[M]").astype("datetime64[D]")) // DAY + 1
    off = ((month == 12) & (dom >= 24)) | ((month == 1) & (dom == 1)) | ((month == 7) & (dom == 4))
    years = np.unique(year(days))
    fixed = np.concatenate([
        nth_weekdays(np.array([f"{y}-05-01" for y in years], dtype="datetime64[D]"), 0, -1),   # Memorial Day
        nth_weekdays(np.array([f"{y}-09-01" for y in years], dtype="datetime64[D]"), 0, 1),    # Labor Day
        nth_weekdays(np.array([f"{y}-11-01" for y in years], dtype="datetime64[D]"), 3, 4),    # Thanksgiving
    ])
    return off | np.isin(days, fixed)


def season(days: np.ndarray) -> np.ndarray:
    """The small demo's community-activity season, per day."""
    return EVENT_SEASON[month_index(days)]


def timestamps(days: np.ndarray, minutes: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[s]") + minutes.astype("timedelta64[m]")
