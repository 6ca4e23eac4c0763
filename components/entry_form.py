"""Helpers shared by the entry pages: messages next to the fields, saving with
one call, conflicts that keep what the user typed, and list downloads.

A form is submitted, its input checked in core/ (ValidationError names each
field), and the reasons are kept in session state and drawn under each widget
on the next run, so the message sits next to the field it is about.
"""

from __future__ import annotations

from typing import Callable

import pandas as pd
import streamlit as st

from components import flash, say
from components.downloads import audited
from components.database import get_database
from core import clock, formatting
from core.exports import dataframe_to_csv_bytes, dataframe_to_xlsx_bytes
from core.vocabulary import headed, heading, labelled
from core.text import md
from queries.errors import ConflictError, DataError, ValidationError


class FormState:
    """Problems, conflicts and a generation counter (a new one clears the form) for one form."""

    def __init__(self, name: str):
        self.name = name
        self._problems = f"{name}__problems"
        self._conflict = f"{name}__conflict"
        self._gen = f"{name}__gen"
        self._said = None           # where show_outcome drew, emptied once the user saves again

    @property
    def problems(self) -> dict[str, str]:
        return st.session_state.get(self._problems, {})

    def key(self, field: str) -> str:
        """Widget key: stable while the user edits, new after a successful save."""
        return f"{self.name}_{st.session_state.get(self._gen, 0)}_{field}"

    def note(self, *fields: str) -> None:
        """The reason(s) for these fields, drawn right under their widget."""
        for field in fields:
            for name, reason in self.problems.items():
                if name == field or name.startswith(field + " ("):
                    say.error("{name}: {reason}", name=name.capitalize(), reason=reason, icon=":material/error:")

    def leftover(self, shown: set[str]) -> None:
        """Reasons about fields with no widget of their own, at the top of the form."""
        for name, reason in self.problems.items():
            if not any(name == f or name.startswith(f + " (") for f in shown):
                say.error("{name}: {reason}", name=name.capitalize(), reason=reason, icon=":material/error:")

    def opened(self, loaded: dict) -> dict:
        """The record as it was when the user opened it: the form shows it and saves against its version."""
        key = f"{self.name}__opened"
        kept = st.session_state.get(key)
        if kept is None or ("id" in loaded and kept.get("id") != loaded["id"]):
            st.session_state[key] = loaded
            st.session_state.pop(self._conflict, None)
        return st.session_state[key]

    @property
    def conflict(self) -> dict | None:
        return st.session_state.get(self._conflict)

    def version(self, loaded: int) -> int:
        """The version to save against: the current one once the user has seen a conflict."""
        current = self.conflict
        return int(current["version"]) if current else loaded

    def show_outcome(self) -> None:
        """What the last save said (until the next save or another page), and a conflict it met."""
        self._said = st.empty()
        with self._said.container():
            self._draw_outcome()

    def _draw_outcome(self) -> None:
        flash.show(self.name)
        current = self.conflict
        if current:
            st.warning("Someone else saved this record after you opened it, so your changes were not saved. "
                       "What you typed is still in the form; the current values are below. "
                       "Save again to apply your values over theirs.", icon=":material/sync_problem:")
            with st.expander("Current saved values", expanded=True):
                db = get_database()        # updated_at is stored in UTC: shown on the department's clock
                st.json({k: str(clock.to_department(v, db) if k == "updated_at" else v) for k, v in current.items()
                         if not k.startswith(("created_", "deleted_")) and v is not None})

    def submit(self, action: Callable[[], object], success: str | Callable[[object], str],
               clear: bool = True) -> bool:
        """Run the write; on success clear (new generation) and rerun; on refusal keep the input.
        `success` (or what it returns) is shown as it is when made by say.text, else escaped whole."""
        flash.forget(self.name)         # this try is what the form says about next, not the last save
        if self._said is not None:
            self._said.empty()          # not left on screen while this save runs
        try:
            result = action()
        except ValidationError as error:
            st.session_state[self._problems] = error.problems
            st.session_state.pop(self._conflict, None)
            st.rerun()
        except ConflictError as error:
            st.session_state[self._conflict] = error.current
            st.session_state.pop(self._problems, None)
            st.rerun()
        except DataError as error:
            st.session_state[self._problems] = {"error": str(error)}
            st.rerun()
        for key in (self._problems, self._conflict, f"{self.name}__opened"):
            st.session_state.pop(key, None)
        if clear:
            st.session_state[self._gen] = st.session_state.get(self._gen, 0) + 1
        flash.later("success", "{message}", slot=self.name,
                    message=success(result) if callable(success) else success)
        st.rerun()
        return True


def export_buttons(frame: pd.DataFrame, name: str, key: str, codes: dict[str, str] | None = None) -> None:
    """Download this list as CSV or XLSX (cells a spreadsheet would run are escaped), in words: coded
    columns (codes: column -> vocabulary) by their labels, each column under its header. The files are
    made when a button is clicked, not on every rerun: a large city's open list takes seconds.
    Each file made is on record (an audit row `download`, components/downloads.py)."""
    def in_words() -> pd.DataFrame:      # at the click: on every rerun it was a fifth of a large list's page
        return headed(labelled(frame, **(codes or {})))

    stamp = clock.department_today(get_database()).isoformat()     # the department's date in the file name
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button("CSV", audited(lambda: dataframe_to_csv_bytes(in_words()), name, f"{name}-{stamp}.csv",
                                      len(frame)),
                       f"{name}-{stamp}.csv", "text/csv",
                       key=f"{key}_csv", icon=":material/download:", disabled=frame.empty, on_click="ignore")
    sheet = name.replace("-", " ").capitalize()
    c2.download_button("XLSX", audited(lambda: dataframe_to_xlsx_bytes({sheet: in_words()}), name, f"{name}-{stamp}.xlsx",
                                       len(frame)),
                       f"{name}-{stamp}.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"{key}_xlsx", icon=":material/download:", disabled=frame.empty, on_click="ignore")


def confirm(key: str, question: str, action: Callable[[], None], label: str = "Delete") -> None:
    """A button that asks before doing something that cannot be undone by the user. `question` is
    shown as it is when made by say.text, else escaped whole."""
    flag = f"{key}__confirm"
    if not st.session_state.get(flag):
        if st.button(md(label), key=f"{key}_ask", icon=":material/delete:"):
            st.session_state[flag] = True
            st.rerun()
        return
    st.warning(md(question))
    c1, c2, _ = st.columns([1, 1, 4])
    if c1.button(say.text("Yes, {label}", label=label.lower()), key=f"{key}_yes", type="primary"):
        st.session_state[flag] = False
        try:
            action()
        except DataError as error:
            st.error(md(str(error)))
            return
        st.rerun()
    if c2.button("Cancel", key=f"{key}_no"):
        st.session_state[flag] = False
        st.rerun()


def date_columns(frame: pd.DataFrame, **extra) -> dict:
    """Column settings that show calendar dates as dates (DuckDB DATE arrives as a timestamp)."""
    config = {c: st.column_config.DateColumn(heading(c), format=formatting.DAY_COLUMN) for c in frame.columns
              if c.endswith(("_date", "_on")) or c in ("last_meeting", "met_on")}
    config.update(extra)
    return config
