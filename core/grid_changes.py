"""What an editable grid's edit state means in records: which ids changed, were added or removed.

`st.data_editor` reports edits by row *position* in the frame it was given
(`edited_rows` {position: {column: value}}, `added_rows` [{column: value}],
`deleted_rows` [position]). A filtered or sorted list puts record 17 at any
position, so positions are turned into ids here, against the very frame the
grid showed (kept by the caller), never against a freshly read one. No
streamlit here, so this is tested without a browser.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

import pandas as pd


@dataclass
class RowChange:
    label: str                      # how the user finds the row in messages ("row 3 (Joe's Pizza)")
    id: int | None = None           # None for an added row
    version: int | None = None
    values: dict = field(default_factory=dict)   # changed (or, for an added row, all entered) columns
    base: dict = field(default_factory=dict)     # the row as the grid showed it before editing


@dataclass
class GridChanges:
    updated: list[RowChange] = field(default_factory=list)
    added: list[RowChange] = field(default_factory=list)
    deleted: list[RowChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.updated or self.added or self.deleted)

    @property
    def count(self) -> int:
        return len(self.updated) + len(self.added) + len(self.deleted)


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def same(a: Any, b: Any) -> bool:
    """Cell equality as a user means it: blank == None == NaN, 3 == 3.0, ' x ' == 'x'."""
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    if isinstance(a, str) or isinstance(b, str):
        return str(a).strip() == str(b).strip()
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _python_value(value: Any) -> Any:
    if _missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            return value.item()  # numpy scalar -> python
        except (ValueError, AttributeError):
            return value
    return value


def grid_changes(shown: pd.DataFrame, state: Mapping | None, editable: list[str],
                 id_column: str = "id", version_column: str = "version",
                 label_column: str | None = None) -> GridChanges:
    """Turn the editor's state into record changes against `shown`, the frame the grid was given."""
    changes = GridChanges()
    if not state:
        return changes
    frame = shown.reset_index(drop=True)
    deleted = {int(p) for p in state.get("deleted_rows", []) or []}
    for position in sorted(deleted):
        if 0 <= position < len(frame):
            changes.deleted.append(_existing(frame, position, {}, id_column, version_column, label_column))
    for key, cells in sorted((state.get("edited_rows") or {}).items(), key=lambda kv: int(kv[0])):
        position = int(key)
        if position in deleted or not 0 <= position < len(frame):
            continue
        before = frame.iloc[position]
        values = {c: _python_value(v) for c, v in (cells or {}).items()
                  if c in editable and not same(v, before.get(c))}
        if values:
            changes.updated.append(_existing(frame, position, values, id_column, version_column,
                                             label_column))
    for number, row in enumerate(state.get("added_rows") or [], start=1):
        values = {c: _python_value(v) for c, v in (row or {}).items() if c in editable}
        if any(not _missing(v) and v is not False for v in values.values()):
            label = f"new row {number}"
            if label_column and not _missing(values.get(label_column)):
                label += f" ({values[label_column]})"
            changes.added.append(RowChange(label=label, values=values))
    return changes


def _existing(frame: pd.DataFrame, position: int, values: dict, id_column: str, version_column: str,
              label_column: str | None) -> RowChange:
    row = frame.iloc[position]
    base = {c: _python_value(row[c]) for c in frame.columns}
    label = f"row {position + 1}"
    if label_column and not _missing(base.get(label_column)):
        label += f" ({base[label_column]})"
    version = base.get(version_column)
    return RowChange(label=label, id=int(base[id_column]), version=None if version is None else int(version),
                     values=values, base=base)
