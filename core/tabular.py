"""Reading an uploaded or given CSV / XLSX file into a DataFrame of text, safely.

Every importer starts here, so every importer refuses the same bad files with
the same clear sentences: too large, wrong type, not decodable, malformed,
empty. Cells are read as text (nothing guessed); importers parse each field
themselves and report problems per row and column.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from queries.errors import DataError

MAX_BYTES = 10 * 1024 * 1024          # matches server.maxUploadSize in .streamlit/config.toml
SUFFIXES = (".csv", ".xlsx")
_ENCODINGS = ("utf-8-sig", "cp1252")   # Excel's CSV exports on Windows are cp1252


class FileRefused(DataError):
    """The whole file is refused; nothing is imported."""


def read_table(data: bytes, filename: str, max_bytes: int = MAX_BYTES) -> pd.DataFrame:
    """The file's rows as strings (missing cells as None), headers stripped."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise FileRefused(f"{filename} is not a CSV or XLSX file; save it as .csv or .xlsx and try again.")
    if len(data) > max_bytes:
        raise FileRefused(f"{filename} is {len(data) / 1e6:.1f} MB; files over {max_bytes / 1e6:.0f} MB "
                          "are refused. Split it into smaller files.")
    if not data.strip():
        raise FileRefused(f"{filename} is empty.")
    frame = _read_xlsx(data, filename) if suffix == ".xlsx" else _read_csv(data, filename)
    frame.columns = [str(c).strip() for c in frame.columns]
    _refuse_duplicates(list(frame.columns), filename)
    if frame.empty:
        raise FileRefused(f"{filename} has a header row but no data rows.")
    return frame.astype(object).where(frame.notna(), None)


def read_path(path: str | Path, max_bytes: int | None = None) -> pd.DataFrame:
    path = Path(path)
    if not path.exists():
        raise FileRefused(f"There is no file at {path}.")
    return read_table(path.read_bytes(), path.name, max_bytes or max(MAX_BYTES, path.stat().st_size))


def _read_csv(data: bytes, filename: str) -> pd.DataFrame:
    for encoding in _ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything; kept for clarity
        raise FileRefused(f"{filename} is not UTF-8 or Windows-1252 text; save it as CSV UTF-8.")
    if "\x00" in text:
        raise FileRefused(f"{filename} contains binary data; it is not a CSV text file.")
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline="")) if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise FileRefused(f"{filename} is not a well-formed CSV file ({error}).") from None
    if not rows:
        raise FileRefused(f"{filename} is empty.")
    header, body = rows[0], rows[1:]
    _refuse_duplicates([h.strip() for h in header], filename)
    for number, row in enumerate(body, start=2):
        if len(row) > len(header):
            raise FileRefused(f"{filename} is not a well-formed CSV file: line {number} has {len(row)} "
                              f"cells but the header has {len(header)}.")
    # short rows (trailing empty cells left out) are padded
    padded = [row + [""] * (len(header) - len(row)) for row in body]
    frame = pd.DataFrame(padded, columns=header, dtype=object)
    return frame.replace({"": None})


def _refuse_duplicates(columns: list[str], filename: str) -> None:
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise FileRefused(f"{filename} has more than one column named {', '.join(duplicated)}.")


def _read_xlsx(data: bytes, filename: str) -> pd.DataFrame:
    try:
        return pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl", keep_default_na=False,
                             na_values=[""])
    except Exception as error:  # openpyxl raises many types for damaged files
        raise FileRefused(f"{filename} is not a readable XLSX workbook ({type(error).__name__}).") from None


def apply_mapping(frame: pd.DataFrame, mapping: dict[str, str], required: set[str],
                  known_fields: set[str]) -> pd.DataFrame:
    """Rename the file's columns to field names: `mapping` is field -> column."""
    unknown_fields = sorted(set(mapping) - known_fields)
    if unknown_fields:
        raise FileRefused(f"Unknown field(s) {', '.join(unknown_fields)}; the fields are "
                          f"{', '.join(sorted(known_fields))}.")
    missing_columns = sorted(c for c in mapping.values() if c not in frame.columns)
    if missing_columns:
        raise FileRefused(f"The file has no column {', '.join(missing_columns)}; its columns are "
                          f"{', '.join(frame.columns)}.")
    unmapped = sorted(required - set(mapping))
    if unmapped:
        raise FileRefused(f"Required field(s) {', '.join(unmapped)} are not mapped to a column.")
    return pd.DataFrame({field: frame[column] for field, column in mapping.items()})


def parse_map_args(pairs: list[str] | None) -> dict[str, str]:
    """`--map FIELD=COLUMN` arguments of the CLI as a dict."""
    mapping = {}
    for pair in pairs or []:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise FileRefused(f"--map takes FIELD=COLUMN, not {pair!r}.")
        mapping[field.strip()] = column.strip()
    return mapping
