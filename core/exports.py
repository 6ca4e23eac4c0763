"""CSV and XLSX downloads that a spreadsheet cannot turn into formulas.

Text in our tables comes from the public (concern descriptions, business
names, imported files). A cell such as =HYPERLINK("http://evil", "click")
would run when a commander opens the download in Excel, so every text cell
and header is escaped the way OWASP recommends for CSV injection.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
from pandas.api.types import is_datetime64_any_dtype, is_object_dtype, is_string_dtype

# OWASP "CSV Injection": characters that make a spreadsheet read a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def escape_formula(value: Any) -> Any:
    """Prefix a single quote to text a spreadsheet would run; leave the rest."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _escaped(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.columns = [escape_formula(str(c)) for c in out.columns]
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(object)  # escaping may merge categories
        if is_string_dtype(column.dtype) or is_object_dtype(column.dtype):
            out.isetitem(position, column.map(escape_formula))
        elif is_datetime64_any_dtype(column.dtype) and getattr(column.dt, "tz", None):
            # Excel has no time zones; keep the wall-clock time shown in the app
            out.isetitem(position, column.dt.tz_localize(None))
    return out


def dataframe_to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM so Excel shows accented names correctly."""
    buffer = io.StringIO()
    _escaped(df).to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def sheet_name(name: Any, taken: set[str] | None = None) -> str:
    """An Excel-legal sheet name: <= 31 chars, none of []:*?/\\, unique."""
    text = _SHEET_FORBIDDEN.sub("_", str(name)).strip().strip("'")
    text = text[:31].strip() or "Sheet"
    if text.lower() == "history":  # reserved by Excel
        text = "History_"
    taken = taken if taken is not None else set()
    candidate, n = text, 1
    while candidate.lower() in taken:  # Excel compares names case-blind
        n += 1
        suffix = f" ({n})"
        candidate = text[: 31 - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


def dataframe_to_xlsx_bytes(data: pd.DataFrame | Mapping[str, pd.DataFrame], title: str | None = None,
                            number_formats: Mapping[str, str] | None = None) -> bytes:
    """One sheet per frame; text is written as text, never as a formula. With a `title`, each
    sheet opens with it in bold on the first row and the table starts on the third.
    `number_formats` maps a column header to an Excel number format ("0.0" for hours)."""
    frames = {"Sheet1": data} if isinstance(data, pd.DataFrame) else dict(data)
    if not frames:
        raise ValueError("nothing to export: no sheets given")
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    top = 2 if title else 0
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options},
                        date_format="d mmm yyyy", datetime_format="d mmm yyyy, hh:mm") as writer:   # 1 Jul 2024
        taken: set[str] = set()
        formats = {code: writer.book.add_format({"num_format": code}) for code in set((number_formats or {}).values())}
        bold = writer.book.add_format({"bold": True})
        for name, frame in frames.items():
            safe = sheet_name(name, taken)
            _escaped(frame).to_excel(writer, sheet_name=safe, index=False, startrow=top, freeze_panes=(top + 1, 0))
            sheet = writer.sheets[safe]
            for position, column in enumerate(frame.columns):
                if column in (number_formats or {}):
                    sheet.set_column(position, position, None, formats[number_formats[column]])
            sheet.autofit()
            if title:      # after autofit, so that the title does not widen the first column
                sheet.write_string(0, 0, escape_formula(title), bold)
    return buffer.getvalue()
