"""Picker labels built column-wise.

A selectbox of every event or cohort is fine for the browser, but building its labels with
`itertuples` boxes every cell of every row (timestamps especially), and pandas' `.dt.strftime` is
hardly quicker: ~100-200 ms a rerun for a large city's 1,000-3,000 rows. These helpers take whole
columns as plain lists (numpy formats the timestamps): a few milliseconds.
"""

from __future__ import annotations

from itertools import repeat

import numpy as np
import pandas as pd


def text(column: pd.Series) -> list[str]:
    """The column's values as text, missing ones as "" (never "nan" or "None")."""
    return ["" if value is None or value != value else str(value) for value in column.tolist()]


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def stamp(column: pd.Series, unit: str = "m") -> list[str]:
    """Timestamps as "1 Jul 2024, 14:05" (unit "m") or dates as "1 Jul 2024" (unit "D"), the forms of
    core.formatting; missing: ""."""
    values = pd.to_datetime(column).to_numpy(dtype="datetime64[ns]")
    shown = np.datetime_as_string(values, unit=unit).tolist()          # 2024-07-01T14:05
    return ["" if s == "NaT" else _written(s) for s in shown]


def _written(iso: str) -> str:
    year, month, rest = iso.split("-", 2)
    day, _, time = rest.partition("T")
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}" + (f", {time}" if time else "")


def join(*parts: list[str] | str) -> list[str]:
    """Row-wise concatenation of columns (lists) and fixed strings."""
    columns = [part if isinstance(part, list) else repeat(part) for part in parts]
    return ["".join(cells) for cells in zip(*columns)]


def picker(ids: pd.Series, label: list[str]) -> dict[int, str]:
    """{id: label} in the frame's order, ids as Python ints (what a selectbox hands back)."""
    return dict(zip(ids.astype("int64").tolist(), label))
