"""The period picker of the map and targeting pages: the dashboard presets or custom dates.

When the stored incidents end long before today (an archive, or test data), the
default is the last 12 months of data instead of an empty "last 12 months".
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from core import periods
from queries.db import Database

CUSTOM = "custom"


def _data_default(db: Database, today: date) -> periods.Period | None:
    span = db.one("incidents_date_range")
    if not span or not span["incidents"] or span["last_day"] >= today - timedelta(days=90):
        return None
    end = span["last_day"]
    start = max(span["first_day"], end - timedelta(days=364))
    return periods.custom(start, end, f"{start:%d %b %Y} to {end:%d %b %Y} (latest crime data)")


def crime_period_picker(db: Database, key: str, today: date | None = None) -> periods.Period:
    today = today or date.today()
    fallback = _data_default(db, today)
    options = list(periods.PRESETS) + [CUSTOM]
    labels = {**periods.PRESETS, CUSTOM: "Custom dates"}
    choice = st.selectbox("Period", options, index=options.index(CUSTOM if fallback else "last_12_months"),
                          format_func=labels.get, key=f"{key}_preset")
    if choice != CUSTOM:
        return periods.preset(choice, today)
    default = fallback or periods.preset("last_12_months", today)
    picked = st.date_input("From – to", (default.start, default.end), key=f"{key}_dates",
                           format="YYYY-MM-DD")
    if not isinstance(picked, (tuple, list)) or len(picked) != 2:
        st.caption("Pick the last day of the range too.")
        return default
    return periods.custom(picked[0], picked[1])
