"""Reading an uploaded or given CSV / XLSX file into a DataFrame of text, safely.

Every importer starts here, so every importer refuses the same bad files with
the same clear sentences: too large, too wide, too long, wrong type, not decodable,
malformed, empty. Cells are read as text (nothing guessed); importers parse each
field themselves and report problems per row and column. A CSV file's encoding and
delimiter are told here only (`sniff_text`, `sniff_text_file`), also for the incident
import, whose DuckDB reader takes them from `sniff_text_file`.

What reading a file may cost is bounded by `Limits`, each limit checked before the
work it bounds: the header's width before any row is read, the rows and cells while
they are read, and a workbook's unpacked size and its count of cells before openpyxl
parses anything. `UPLOAD` holds the limits of the web pages; the command line reads
the administrator's own files with `COMMAND_LINE`.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from queries.errors import DataError

MAX_BYTES = 10 * 1024 * 1024          # matches server.maxUploadSize in .streamlit/config.toml
SUFFIXES = (".csv", ".xlsx")
DELIMITERS = (",", ";", "\t", "|")       # the one of these the header line holds most of; "," on a tie
SNIFF_BYTES = 64 * 1024                  # what is read of a file on disk to tell its encoding and delimiter
_AS_CSV = "Save it as CSV (CSV UTF-8) and import that."


@dataclass(frozen=True)
class Limits:
    """What reading one file may cost; None is no limit. Real exports are far inside them: crime
    and business exports have 7 to 30 columns, resident surveys up to 160; the largest real
    workbook in ../shared/realdata has 235,214 cells and unpacks to 7 MB."""
    bytes: int | None = MAX_BYTES         # the file as given
    columns: int | None = 500
    rows: int | None = 1_000_000
    cells: int | None = 5_000_000         # rows x columns of the table read: ~0.35 us of CPU a CSV cell
    xlsx_unpacked: int | None = 50_000_000   # all parts of a workbook, uncompressed, together
    xlsx_cells: int | None = 300_000     # openpyxl spends ~7 us a cell: at most ~2 s, as for a CSV file
    xlsx_entries: int | None = 1_500_000   # XML elements in all parts (cells, values, texts, formats)


UPLOAD = Limits()
COMMAND_LINE = Limits(bytes=None, rows=None, cells=None, xlsx_unpacked=None, xlsx_cells=None, xlsx_entries=None)


class FileRefused(DataError):
    """The whole file is refused; nothing is imported."""


def read_table(data: bytes, filename: str, max_bytes: int | None = None, limits: Limits = UPLOAD,
               typed: bool = False) -> pd.DataFrame:
    """The file's rows as strings (missing cells as None), headers stripped. `typed`: a workbook's
    cells as openpyxl reads them instead (numbers, datetimes for numbers with a date format, times),
    for an importer that needs to know what a cell's number format made of it."""
    if max_bytes is not None:
        limits = replace(limits, bytes=max_bytes)
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise FileRefused(f"{filename} is not a CSV or XLSX file; save it as .csv or .xlsx and try again.")
    check_size(data, filename, limits)
    if not data.strip():
        raise FileRefused(f"{filename} is empty.")
    frame = _read_xlsx(data, filename, limits, typed) if suffix == ".xlsx" else _read_csv(data, filename, limits)
    frame.columns = [str(c).strip() for c in frame.columns]
    check_columns(len(frame.columns), filename, limits)
    refuse_duplicates(list(frame.columns), filename)
    if frame.empty:
        raise FileRefused(f"{filename} has a header row but no data rows.")
    return frame.astype(object).where(frame.notna(), None)


def read_path(path: str | Path, max_bytes: int | None = None) -> pd.DataFrame:
    """A file the administrator names on the command line: no size limits unless `max_bytes`."""
    path = Path(path)
    if not path.exists():
        raise FileRefused(f"There is no file at {path}.")
    return read_table(path.read_bytes(), path.name, limits=replace(COMMAND_LINE, bytes=max_bytes))


def check_size(data: bytes, filename: str, limits: Limits = UPLOAD) -> None:
    if limits.bytes is not None and len(data) > limits.bytes:
        raise FileRefused(f"{filename} is {len(data) / 1e6:.1f} MB; files over {limits.bytes / 1e6:.0f} MB "
                          "are refused. Split it into smaller files.")


def check_columns(columns: int, filename: str, limits: Limits = UPLOAD) -> None:
    if limits.columns is not None and columns > limits.columns:
        raise FileRefused(f"{filename} has {columns:,} columns; at most {limits.columns:,} are accepted.")


def _check_rows(rows: int, columns: int, filename: str, limits: Limits, cells: int | None, after: str) -> None:
    """`rows` data rows read so far, `columns` wide: refuse as soon as either passes its limit."""
    if limits.rows is not None and rows > limits.rows:
        raise FileRefused(f"{filename} has more than {limits.rows:,} rows; at most {limits.rows:,} are "
                          f"accepted. {after}")
    if cells is not None and rows * columns > cells:
        raise FileRefused(f"{filename} has more than {cells:,} cells (rows × columns); at most {cells:,} are "
                          f"accepted. {after}")


def first_line_width(text: str, delimiter: str = ",") -> int:
    """The columns of the first non-blank line: its delimiters counted when it holds no quote (the
    header of nearly every export; a count takes milliseconds where splitting a million names takes
    a second), else as the csv module reads that line."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    line = text[start:] if end < 0 else text[start:end]
    if '"' not in line:
        return line.count(delimiter) + 1
    try:
        return len(next(csv.reader([line], delimiter=delimiter), []))
    except csv.Error:
        return 0                      # the full read reports a malformed file


def refuse_duplicates(columns: list[str], filename: str) -> None:
    duplicated = sorted(name for name, count in Counter(columns).items() if count > 1)
    if duplicated:
        raise FileRefused(f"{filename} has more than one column named {', '.join(duplicated)}.")


@dataclass(frozen=True)
class TextFormat:
    """How a CSV file is written: `encoding` is "utf-8" (a byte order mark allowed) or "cp1252"
    (Excel's CSV exports on Windows), `delimiter` one of DELIMITERS."""
    encoding: str
    delimiter: str

    @property
    def python_encoding(self) -> str:
        return "utf-8-sig" if self.encoding == "utf-8" else self.encoding

    @property
    def duckdb_encoding(self) -> str:
        return "utf-8" if self.encoding == "utf-8" else "latin-1"   # DuckDB reads cp1252 as latin-1


def sniff_text(sample: bytes, filename: str, whole: bool = True) -> TextFormat:
    """The encoding and delimiter of a CSV file from `sample`: all of it (`whole`), or its first bytes.
    Refuses an empty file and one holding binary data. A sample that is not UTF-8 is Windows-1252,
    unless only a character cut at the end of a partial sample fails to decode. The delimiter is the
    one of DELIMITERS that the first line holds most of (a delimiter inside a quoted field of a later
    line does not count)."""
    if not sample.strip():
        raise FileRefused(f"{filename} is empty.")
    if b"\x00" in sample:
        raise FileRefused(f"{filename} contains binary data; it is not a CSV text file.")
    try:
        sample.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as error:
        encoding = "utf-8" if not whole and error.start >= len(sample) - 4 else "cp1252"
    end = sample.find(b"\n")
    header = sample if end < 0 else sample[:end]
    delimiter = max(DELIMITERS, key=lambda d: header.count(d.encode()))
    return TextFormat(encoding, delimiter)


def sniff_text_file(path: str | Path, filename: str, limits: Limits = COMMAND_LINE) -> TextFormat:
    """`sniff_text` for a file on disk, reading only its first bytes, then its header line's width
    checked against `limits` (the line read a piece at a time up to its end): before any reader
    parses the file."""
    path = Path(path)
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    found = sniff_text(head, filename, whole=len(head) < SNIFF_BYTES)
    pieces: list[bytes] = []
    with path.open("rb") as handle:
        while piece := handle.read(1 << 20):
            pieces.append(piece)
            if b"\n" in piece:
                break
    line = b"".join(pieces).split(b"\n", 1)[0]
    check_columns(first_line_width(line.decode("utf-8", errors="replace").lstrip("\ufeff"), found.delimiter),
                  filename, limits)
    return found


def _read_csv(data: bytes, filename: str, limits: Limits = UPLOAD) -> pd.DataFrame:
    found = sniff_text(data, filename)
    try:
        text = data.decode(found.python_encoding)
    except UnicodeDecodeError:   # the few bytes Windows-1252 leaves undefined
        raise FileRefused(f"{filename} is not UTF-8 or Windows-1252 text; save it as CSV UTF-8.") from None
    # before the csv module splits it
    check_columns(first_line_width(text, found.delimiter), filename, limits)
    header: list[str] | None = None
    body: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=found.delimiter):
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [h.strip() for h in row]
                check_columns(len(header), filename, limits)     # before a single row is read
                refuse_duplicates(header, filename)
                continue
            if len(row) > len(header):
                raise FileRefused(f"{filename} is not a well-formed CSV file: line {len(body) + 2} has "
                                  f"{len(row)} cells but the header has {len(header)}.")
            body.append(row)
            _check_rows(len(body), len(header), filename, limits, limits.cells, "Split it into smaller files.")
    except csv.Error as error:
        raise FileRefused(f"{filename} is not a well-formed CSV file ({error}).") from None
    if header is None:
        raise FileRefused(f"{filename} is empty.")
    # short rows (trailing empty cells left out) are padded
    padded = [row + [""] * (len(header) - len(row)) if len(row) < len(header) else row for row in body]
    frame = pd.DataFrame(padded, columns=header, dtype=object)
    return frame.replace({"": None})


def check_xlsx(data: bytes, filename: str, limits: Limits = UPLOAD) -> None:
    """Refuse a workbook that would cost too much to read, before openpyxl parses anything: from
    the sizes its zip directory declares, then from a count of the markup in its parts, unpacked a
    piece at a time. A part cannot unpack to more than it declares: Python's zipfile stops at the
    declared size, and the part's checksum then fails."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = [part for part in archive.infolist() if not part.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _unreadable(filename, "BadZipFile") from None
    unpacked = sum(part.file_size for part in parts)
    if limits.xlsx_unpacked is not None and unpacked > limits.xlsx_unpacked:
        raise FileRefused(f"{filename} unpacks to {unpacked / 1e6:,.0f} MB; at most "
                          f"{limits.xlsx_unpacked / 1e6:,.0f} MB are accepted from an XLSX workbook. {_AS_CSV}")
    if limits.xlsx_cells is None and limits.xlsx_entries is None:
        return
    cells = entries = 0
    most_cells = limits.xlsx_cells if limits.xlsx_cells is not None else float("inf")
    most_entries = limits.xlsx_entries if limits.xlsx_entries is not None else float("inf")
    try:
        for part in parts:
            with archive.open(part) as stream:
                tail = b""
                while cells <= most_cells and entries <= most_entries and (chunk := stream.read(1 << 22)):
                    text = tail + chunk
                    cells += _count(text, _CELL_TAGS) - _count(tail, _CELL_TAGS)
                    entries += _count(text, _ELEMENTS) - _count(tail, _ELEMENTS)
                    tail = text[-3:]
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, zlib.error) as error:
        raise _unreadable(filename, type(error).__name__) from None
    if cells > most_cells:
        raise FileRefused(f"{filename} has more than {limits.xlsx_cells:,} cells; at most {limits.xlsx_cells:,} "
                          f"are accepted from an XLSX workbook. {_AS_CSV}")
    if entries > most_entries:
        raise FileRefused(f"{filename} holds more than {limits.xlsx_entries:,} entries (cells, values, texts and "
                          f"formats); at most {limits.xlsx_entries:,} are accepted from an XLSX workbook. {_AS_CSV}")


# a cell element (<c r="A1" ...>, <c>, <c/>), and element starts counted as every "<" that does not
# close one ("<?xml" and comments are a handful); none of the patterns can overlap itself, so a
# count over the last bytes of a piece and the next piece, less the count over those last bytes
# alone, counts each once. The count stops at the first limit passed.
_CELL_TAGS = ((b"<c ", 1), (b"<c>", 1), (b"<c/", 1))
_ELEMENTS = ((b"<", 1), (b"</", -1))


def _count(text: bytes, patterns: tuple[tuple[bytes, int], ...]) -> int:
    return sum(text.count(pattern) * sign for pattern, sign in patterns)


def _unreadable(filename: str, reason: str) -> FileRefused:
    return FileRefused(f"{filename} is not a readable XLSX workbook ({reason}).")


def _read_xlsx(data: bytes, filename: str, limits: Limits = UPLOAD, typed: bool = False) -> pd.DataFrame:
    check_xlsx(data, filename, limits)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many types for damaged files
        raise _unreadable(filename, type(error).__name__) from None
    try:
        if book.worksheets:
            _limit_sheet(book.worksheets[0], filename, limits)   # the sheet pandas reads
        return pd.read_excel(book, dtype=object if typed else str, engine="openpyxl", keep_default_na=False,
                             na_values=[""])
    except FileRefused:
        raise
    except Exception as error:
        raise _unreadable(filename, type(error).__name__) from None
    finally:
        book.close()


def _limit_sheet(sheet, filename: str, limits: Limits) -> None:
    """Make openpyxl stop reading `sheet` once it holds more rows, columns or cells than allowed.
    openpyxl fills in the rows and cells up to each address in the file (<row r="1048000">,
    <c r="XFD2">), which a count of the markup does not see."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class LimitedSheet(ReadOnlyWorksheet):
        def _cells_by_row(self, *args, **kwargs):
            rows, widest = 0, 0
            for row in super()._cells_by_row(*args, **kwargs):
                widest = max(widest, len(row))
                check_columns(widest, filename, limits)
                _check_rows(rows, widest, filename, limits, limits.xlsx_cells, _AS_CSV)
                rows += 1
                yield row

    if isinstance(sheet, ReadOnlyWorksheet):
        sheet.__class__ = LimitedSheet


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
