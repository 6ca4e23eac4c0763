"""An editable grid whose edits are never lost to a rerun or another user's save.

`st.data_editor` reports edits by row position in the frame it was given, and
resets them when that frame's shape changes. So the frame is read once and
kept in session state (the "snapshot") until the user saves, discards or
changes the filter; rereading the database on every rerun would move rows
under the user's cursor and could wipe their typing when someone else saves.
Saving maps positions to ids against this same snapshot
(core/grid_changes.py) and names each row's version, so a stale row is
refused by the data layer rather than overwritten.
"""

from __future__ import annotations

from typing import Any, Callable

import pandas as pd
import streamlit as st

from core.grid_changes import GridChanges, grid_changes


class SnapshotGrid:
    def __init__(self, name: str):
        self.name = name
        self._state_key = f"{name}__grid"

    @property
    def _state(self) -> dict:
        return st.session_state.setdefault(self._state_key, {"nonce": 0, "filters": None, "frame": None})

    @property
    def editor_key(self) -> str:
        return f"{self.name}__editor_{self._state['nonce']}"

    def pending(self) -> bool:
        state = st.session_state.get(self.editor_key)
        return bool(state and (state.get("edited_rows") or state.get("added_rows") or state.get("deleted_rows")))

    def frame(self, filters: Any, load: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """The snapshot for these filters, read once (again after reset or a filter change)."""
        state = self._state
        if state["frame"] is None or state["filters"] != filters:
            state["frame"] = load().reset_index(drop=True)
            state["filters"] = filters
            state["nonce"] += 1  # a new frame gets a fresh editor (no stale positions)
        return state["frame"]

    def reset(self) -> None:
        """Forget the snapshot and the edits: the next run reads the database again."""
        state = self._state
        st.session_state.pop(self.editor_key, None)
        state["frame"] = None
        state["nonce"] += 1

    def changes(self, editable: list[str], label_column: str | None = None) -> GridChanges:
        frame = self._state["frame"]
        if frame is None:
            return GridChanges()
        return grid_changes(frame, st.session_state.get(self.editor_key), editable,
                            label_column=label_column)
