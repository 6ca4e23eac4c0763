"""The one shape of every import: an Upload, an Importer that checks it and writes it, an Outcome.

Every import (the entry kinds, businesses, incidents, districts, the mappings) is an `Importer`
listed in core/importing/registry.py. The command line (`import KIND FILE --map field=column`) and
the pages use only that: read the columns, guess a mapping, `check` (every row judged, nothing
written) and `write` (one unit of work, all or nothing). A refused file raises a DataError with
nothing written; `problem_table(error)` says where and why (row, column, reason).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import pandas as pd

from core.tabular import COMMAND_LINE, UPLOAD, FileRefused, Limits, check_size, read_table
from queries.actor import Actor
from queries.db import Database
from queries.errors import DataError

PROBLEM_COLUMNS = ["row", "column", "reason"]
# progress of a long check or write: (fraction done 0..1, what is being done)
Progress = Callable[[float, str], None]


@dataclass
class Upload:
    """A file to import: an upload's bytes (within the upload limits), or a path the administrator
    names on the command line (no size limits). `frame()` reads it once through core/tabular.py."""
    filename: str
    data: bytes | None = None
    path: Path | None = None
    limits: Limits = UPLOAD
    _frame: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of_bytes(cls, data: bytes, filename: str, limits: Limits = UPLOAD) -> Upload:
        return cls(filename, data=data, limits=limits)

    @classmethod
    def of_path(cls, path: str | Path, limits: Limits = COMMAND_LINE) -> Upload:
        path = Path(path)
        if not path.exists():
            raise FileRefused(f"There is no file at {path}.")
        return cls(path.name, path=path, limits=limits)

    def read(self) -> bytes:
        if self.data is None:
            self.data = self.path.read_bytes()
        return self.data

    def frame(self) -> pd.DataFrame:
        """The rows as strings (core/tabular.py's read_table), read once."""
        if self._frame is None:
            self._frame = read_table(self.read(), self.filename, limits=self.limits)
        return self._frame

    def columns(self) -> list[str]:
        return [str(c) for c in self.frame().columns]

    @contextmanager
    def on_disk(self) -> Iterator[Path]:
        """A path holding the file, for a reader that takes a path (DuckDB): the named file, or the
        upload's bytes (within its size limit) in a private temporary folder."""
        if self.path is not None:
            yield self.path
            return
        check_size(self.data, self.filename, self.limits)
        with tempfile.TemporaryDirectory(prefix="import-") as folder:
            path = Path(folder) / ("upload" + (Path(self.filename).suffix.lower() or ".csv"))
            path.write_bytes(self.data)
            yield path


@dataclass(frozen=True)
class Option:
    """A choice an importer takes besides the mapping: a keyword of check() and write(), and on the
    command line `--name-with-dashes`. kind: "text", "flag", "choice" or "file" (a path on the command
    line, an Upload from a page)."""
    name: str
    help: str
    kind: str = "text"
    choices: tuple[str, ...] = ()
    default: Any = None
    metavar: str | None = None

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


def empty_problems() -> pd.DataFrame:
    return pd.DataFrame(columns=PROBLEM_COLUMNS)


@dataclass
class Outcome:
    """What a check found or a write did."""
    written: bool
    heading: str                                   # one sentence: "Imported 3 programs from x.csv."
    lines: list[str] = field(default_factory=list)     # the summary below it
    warnings: list[str] = field(default_factory=list)  # what the importer should look at
    problems: pd.DataFrame = field(default_factory=empty_problems)   # row, column, reason: rows
                                                   # refused (check) or left out (write)
    counts: dict[str, int] = field(default_factory=dict)
    preview: pd.DataFrame | None = None            # the rows as they would be written
    refused: bool = False                          # (a check) write would refuse this file
    detail: Any = None                             # the importer's own summary, for its page

    @property
    def ok(self) -> bool:
        """No row was refused or left out."""
        return self.problems.empty


@runtime_checkable
class Importer(Protocol):
    kind: str                       # the command's name and the saved-mapping key: "events"
    title: str                      # "Program events"
    table: str                      # the main table written (the permission checked)
    fields: tuple[str, ...]         # the fields a column can be mapped to, in the order shown
    required: frozenset[str]
    options: tuple[Option, ...]     # the choices besides the mapping
    suffixes: tuple[str, ...]       # the files it reads: ("csv", "xlsx")
    fills_unmapped: bool            # with a mapping given, columns named like a field still map

    def describe(self, field: str) -> str:
        """The field as a file names it, with what to put there (the command's help)."""

    def columns(self, upload: Upload) -> list[str]:
        """What the file offers to map: its header (or a GeoJSON file's property names)."""

    def guess(self, columns: list[str]) -> dict[str, str]:
        """The default mapping, field -> column."""

    def saved(self, db: Database) -> dict[str, dict[str, str]]:
        """Mappings saved under a name for this kind (none for kinds that do not save them)."""

    def check(self, db: Database, actor: Actor, upload: Upload, mapping: dict[str, str], *,
              progress: Progress | None = None, **options) -> Outcome:
        """Every row judged as the write would judge it; nothing written. A file that cannot be read
        or mapped raises as write does; rows that would be refused or left out come back in
        `problems`, and `refused` says whether write would refuse the file."""

    def write(self, db: Database, actor: Actor, upload: Upload, mapping: dict[str, str], *,
              progress: Progress | None = None, **options) -> Outcome:
        """One unit of work, all or nothing; a refused file raises (DataError) with nothing written."""


class Refused(DataError):
    """Some rows are wrong: nothing was written; `problems` says where and why (row, column, reason)."""

    def __init__(self, problems: pd.DataFrame):
        super().__init__(f"{len(problems)} problem(s) in the file; nothing was imported.")
        self.problems = problems


class RolledBack(Exception):
    """Raised at the end of a check's unit of work: everything it wrote is rolled back."""


@contextmanager
def rolled_back() -> Iterator[None]:
    """Around a unit of work: `raise RolledBack` inside it ends it rolled back, and carries on after."""
    try:
        yield
    except RolledBack:
        pass


def with_rows(error: Exception, rows: list[dict]) -> Exception:
    """Attach where a refusal is (row, column, reason dicts) to the error raised."""
    error.rows = rows
    return error


def problem_table(error: Exception) -> pd.DataFrame:
    """Where and why a file was refused: row (the file's line, the header being line 1; empty for the
    whole file), column and reason."""
    table = getattr(error, "problems", None)
    if isinstance(table, pd.DataFrame):
        return table[PROBLEM_COLUMNS].reset_index(drop=True)
    if isinstance(table, dict):
        rows = [{"row": None, "column": name, "reason": reason} for name, reason in table.items()]
    else:
        rows = getattr(error, "rows", None) or [{"row": None, "column": "", "reason": str(error)}]
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
