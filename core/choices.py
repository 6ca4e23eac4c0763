"""Picker labels built column-wise.

A selectbox of every event or cohort is fine for the browser, but building its labels with
`itertuples` boxes every cell of every row (timestamps especially): ~100-200 ms a rerun for a
large city's 1,000-3,000 rows. These helpers format whole columns at once.
"""

from __future__ import annotations

import pandas as pd


def text(column: pd.Series) -> pd.Series:
    """The column as text, missing values as "" (never "nan" or "None")."""
    return column.astype(object).where(column.notna(), "").astype(str)


def stamp(column: pd.Series, fmt: str) -> pd.Series:
    """Dates or timestamps formatted with strftime `fmt`, missing ones as ""."""
    return text(pd.to_datetime(column).dt.strftime(fmt))


def picker(ids: pd.Series, label: pd.Series) -> dict[int, str]:
    """{id: label} in the frame's order, ids as Python ints (what a selectbox hands back)."""
    return dict(zip(ids.astype("int64").tolist(), text(label).tolist()))
