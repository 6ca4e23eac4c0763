"""Tables as users read them: every grid on a page is drawn here.

`table()` shows a frame with its coded columns in words (core.vocabulary), each column under its
header and a missing value as "–" (Streamlit's own default is the word "None"). `editor()` does the
same for an editable grid, whose cells keep their stored values (a coded column there is a
SelectboxColumn with the labels as its format). Headers come from the column_config the caller
gives (a string or a column's label) or else from core.vocabulary.COLUMNS; a column_config entry of
None hides the column, as in Streamlit. Dates and times read "1 Jul 2024" and "1 Jul 2024, 14:05"
(core.formatting) unless the caller gives a format, and a count of 1,000 or more reads "1,734" (ids,
years and codes keep their digits). A phone number, stored in international form (+16172270144),
reads as people write it: "(617) 227-0144" at home, "+44 20 7946 0958" abroad.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from core.formatting import DAY_COLUMN, MOMENT_COLUMN
from core.text import MISSING
from core.validate import format_phone
from core.vocabulary import heading, labelled


def headers(columns, column_config: dict | None = None) -> dict[str, Any]:
    """The column_config with a header for every column: the caller's label, or the vocabulary's."""
    config = dict(column_config or {})
    for column in columns:
        if column not in config:
            config[column] = heading(column)
        elif isinstance(config[column], dict) and not config[column].get("label"):
            config[column] = {**config[column], "label": heading(column)}
    return config


def dated(frame: pd.DataFrame, config: dict[str, Any]) -> dict[str, Any]:
    """Date and datetime columns written as everywhere else ('1 Jul 2024', '1 Jul 2024, 14:05')
    unless the caller gave a format. A stored date reaches pandas as a timestamp at midnight: a
    column of midnights is a date, unless it is a moment (named ..._at)."""
    for position, (column, dtype) in enumerate(zip(frame.columns, frame.dtypes.tolist())):
        entry = config.get(column)
        kind = _date_kind(frame.iloc[:, position], str(column)) if _may_hold_dates(dtype) else None
        if isinstance(entry, str) and kind:
            make = st.column_config.DateColumn if kind == "date" else st.column_config.DatetimeColumn
            config[column] = make(entry, format=DAY_COLUMN if kind == "date" else MOMENT_COLUMN)
        elif isinstance(entry, dict):
            typed = entry.get("type_config") or ({"type": kind} if kind else {})
            if typed.get("type") in ("date", "datetime") and not typed.get("format"):
                shown = DAY_COLUMN if typed["type"] == "date" else MOMENT_COLUMN
                config[column] = {**entry, "type_config": {**typed, "format": shown}}
    return config


_DIGITS = {"id", "year", "code", "zip", "phone", "number", "no"}    # names of numbers that are not counts


def counted(frame: pd.DataFrame, config: dict[str, Any]) -> dict[str, Any]:
    """Whole-number columns with a value above 999 shown with thousands separators ("1,734", in the
    reader's locale), unless the caller gave the column a format or it names an id, year or code.
    The numeric columns are judged together in one numpy pass: column by column in pandas this took
    9 ms on a 52-column table, on every rerun of the page that shows it."""
    candidates = []                 # (position, column, entry): a frame may repeat a column name
    dtypes = frame.dtypes.tolist()
    for position, column in enumerate(frame.columns):
        entry = config.get(column, heading(column))
        if entry is None or _DIGITS & set(re.split(r"[^a-z0-9]+", str(column).lower())):
            continue
        dtype = dtypes[position]
        if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
            candidates.append((position, column, entry))
    if not candidates:
        return config
    values = frame.iloc[:, [position for position, _, _ in candidates]].to_numpy(dtype="float64", na_value=np.nan)
    present = ~np.isnan(values)
    known = np.where(present, values, 0.0)
    counts = (np.abs(known) > 999).any(axis=0) & (np.mod(known, 1) == 0).all(axis=0)
    for (_, column, entry), whole_and_large in zip(candidates, counts):
        if not whole_and_large:
            continue
        if isinstance(entry, str):
            config[column] = st.column_config.NumberColumn(entry, format="localized")
        elif isinstance(entry, dict):
            typed = entry.get("type_config") or {"type": "number"}
            if typed.get("type") == "number" and not typed.get("format"):
                config[column] = {**entry, "type_config": {**typed, "format": "localized"}}
    return config


def _may_hold_dates(dtype) -> bool:
    """Only a datetime column or one of Python objects can hold dates: numbers, booleans and strings
    are not scanned (on a wide table of counts that scan was most of the grid's time)."""
    return dtype == object or pd.api.types.is_datetime64_any_dtype(dtype)


def _date_kind(values: pd.Series, name: str) -> str | None:
    if not pd.api.types.is_datetime64_any_dtype(values.dtype):
        present = values.dropna()
        if present.empty or not all(type(v) is date for v in present.head(50)):
            return None
        return "date"
    present = values.dropna()
    midnights = present.empty or bool((present == present.dt.normalize()).all())
    return "date" if midnights and not name.endswith("_at") else "datetime"


def table(frame: pd.DataFrame, *, codes: dict[str, str] | None = None, column_config: dict | None = None,
          hide_index: bool = True, **options: Any):
    """st.dataframe of `frame` in words; codes: column -> vocabulary (core.vocabulary)."""
    shown = _phones_written(labelled(frame, **codes) if codes else frame)
    return st.dataframe(shown, column_config=counted(shown, dated(shown, headers(shown.columns, column_config))),
                        hide_index=hide_index, placeholder=MISSING, **options)


def _phones_written(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its phone columns (named "...phone") as people write the numbers; a missing
    one stays missing, drawn as "–"."""
    phones = [c for c in frame.columns if str(c).endswith("phone") and frame[c].notna().any()]
    if not phones:
        return frame
    return frame.assign(**{c: frame[c].map(lambda v: format_phone(v) if isinstance(v, str) else v) for c in phones})


def editor(frame: pd.DataFrame, *, column_config: dict | None = None, hide_index: bool = True, **options: Any):
    """st.data_editor of `frame`, each column under its header, a missing value drawn as "–"."""
    return st.data_editor(frame, column_config=counted(frame, dated(frame, headers(frame.columns, column_config))),
                          hide_index=hide_index,
                          placeholder=options.pop("placeholder", MISSING), **options)
