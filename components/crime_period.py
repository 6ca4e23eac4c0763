"""The period picker of the map and targeting pages: the preset menu, defaulting to 12 months.

When the stored incidents end long before today (an archive, or test data), the
default is the last 12 months of data instead of an empty "last 12 months".
"""

from __future__ import annotations

from datetime import date, timedelta

from components.figures import cached
from components.period_picker import PRESETS, period_picker
from core import clock, formatting, periods
from core.crime import incident_span
from queries.db import Database


def _data_default(db: Database, today: date) -> periods.Period | None:
    span = cached(incident_span, db)
    if not span or not span["incidents"] or span["last_day"] >= today - timedelta(days=90):
        return None
    end = span["last_day"]
    start = max(span["first_day"], end - timedelta(days=364))
    return periods.custom(start, end, f"{formatting.day(start)} to {formatting.day(end)} (latest crime data)")


def crime_period_picker(db: Database, key: str, today: date | None = None) -> periods.Period:
    today = today or clock.department_today(db)
    return period_picker(key, today, menu=PRESETS, default="last_12_months", custom_span=_data_default(db, today))
