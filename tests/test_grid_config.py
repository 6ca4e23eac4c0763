"""The grid's column settings (components.tables: counts with thousands separators, dates in the one
form) are judged for all columns at once; they match the rule written out column by column, for every
kind of column a page hands a grid, on a wide table as on a narrow one."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd

from components.tables import counted, dated, headers
from core.formatting import DAY_COLUMN, MOMENT_COLUMN


def _mixed(rows: int = 40) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    frame = pd.DataFrame({
        "incidents": rng.integers(0, 3000, rows),                       # whole, above 999: a count
        "small": rng.integers(0, 50, rows),                              # whole, never above 999
        "negative": -rng.integers(1000, 2000, rows),                     # whole, below -999
        "rate": rng.random(rows) * 5000,                                 # fractional
        "whole_float": np.where(np.arange(rows) % 3 == 0, np.nan, 1500.0),   # whole with gaps
        "all_missing": np.full(rows, np.nan),
        "nullable": pd.array([None if i % 4 == 0 else 1200 + i for i in range(rows)], dtype="Int64"),
        "flag": rng.random(rows) > 0.5,
        "district_id": rng.integers(1000, 2000, rows),                   # an id keeps its digits
        "year": np.full(rows, 2026),
        "name": [f"N{i}" for i in range(rows)],
        "met_on": [date(2026, 1, 1 + i % 28) for i in range(rows)],
        "starts": pd.to_datetime([datetime(2026, 2, 1 + i % 28) for i in range(rows)]),
        "created_at": pd.to_datetime([datetime(2026, 2, 1 + i % 28) for i in range(rows)]),
        "stamped": pd.to_datetime([datetime(2026, 2, 1, 9, i % 60) for i in range(rows)]),
        "codes": [None] * rows,
    })
    for i in range(60):                                                  # a wide table of counts
        frame[f"D{i}"] = rng.integers(0, 1200 if i % 2 else 900, rows)
    return frame


def _expected_counts(frame: pd.DataFrame) -> set[str]:
    """The rule column by column, as components.tables states it."""
    out = set()
    for column in frame.columns:
        if column in ("district_id", "year"):
            continue
        values = frame[column]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        present = values.dropna()
        if not present.empty and present.abs().gt(999).any() and present.mod(1).eq(0).all():
            out.add(column)
    return out


def _format(entry):
    return entry.get("type_config", {}).get("format") if isinstance(entry, dict) else None


def test_counts_found_at_once_are_the_columns_the_rule_names():
    frame = _mixed()
    config = counted(frame, headers(frame.columns))
    found = {column for column, entry in config.items() if _format(entry) == "localized"}
    assert found == _expected_counts(frame)
    assert {"incidents", "negative", "whole_float", "nullable", "D1"} <= found
    assert not {"small", "rate", "all_missing", "flag", "district_id", "year", "D0"} & found


def test_a_callers_format_and_a_hidden_column_stay_as_given():
    frame = _mixed(5)
    config = counted(frame, headers(frame.columns, {"incidents": {"label": "I", "type_config": {
        "type": "number", "format": "%.1f"}}, "D1": None}))
    assert _format(config["incidents"]) == "%.1f"
    assert config["D1"] is None


def test_dates_found_without_scanning_numbers_are_the_date_columns():
    frame = _mixed()
    config = dated(frame, headers(frame.columns))
    formats = {column: _format(entry) for column, entry in config.items() if _format(entry)}
    assert formats == {"met_on": DAY_COLUMN, "starts": DAY_COLUMN, "created_at": MOMENT_COLUMN,
                       "stamped": MOMENT_COLUMN}
