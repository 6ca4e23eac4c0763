"""The district's business list as an editable grid: filter, sort, edit, add, remove, verify, save."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from components import flash, say
from components.business_list import listed
from components.feedback import show_error
from components.paging import page_start, shown_caption
from components.record_grid import SnapshotGrid
from components.session import SignedIn
from components.tables import editor, table
from core import clock, formatting
from core.business_writes import LikelyDuplicate, save_businesses
from core.businesses import shown_phone
from core.formatting import plural
from core.users import changed_by
from core.vocabulary import heading, labelled, present
from queries.db import Database
from queries.errors import ConflictError, DataError

GRID = SnapshotGrid("businesses")
EDITABLE = ["verify", "name", "dba", "address", "category", "main_phone", "district", "latitude",
            "longitude", "notes"]
SHOWN = ["verify", "check", "name", "dba", "address", "category", "main_phone", "district",
         "contacts", "after_hours", "last_verified_on", "last_verified_by", "latitude", "longitude",
         "outside", "notes"]
SORTS = {"Name": (["name", "address"], True), "Address": (["address", "name"], True),
         "Oldest check first": (["last_verified_on", "name"], True), "District": (["district", "name"], True)}
PAGE_ROWS = 200            # a large city's 60,000 businesses are shown a page at a time
# the check column's pill colours (the words: "Verified 26 Jan 2026", "Overdue", "Never verified")
STATUSES = {"current": "green", "overdue": "red", "never verified": "orange"}
_CONFLICT = "businesses__conflict"
_DUPLICATES = "businesses__duplicates"


def _grid_frame(raw: pd.DataFrame, district: str | None, search: str, overdue_only: bool,
                sort: str) -> pd.DataFrame:
    """Every business matching the filters, in the order chosen, with its verification status:
    what the count and the pages need. The words and numbers people read are _page_rows's."""
    frame = raw.copy()
    frame["district"] = frame["district_code"]
    if district:
        frame = frame[frame["district"] == district]
    if search:
        needle = search.strip().lower()
        hay = (frame["name"].fillna("") + " " + frame["dba"].fillna("") + " " + frame["address"].fillna(""))
        frame = frame[hay.str.lower().str.contains(needle, regex=False)]
    if overdue_only:
        frame = frame[frame["overdue"]]
    columns, ascending = SORTS[sort]
    frame = frame.sort_values(columns, ascending=ascending, na_position="first", kind="stable")
    frame["status"] = np.where(frame["last_verified_on"].isna(), "never verified",
                               np.where(frame["overdue"].fillna(False).astype(bool), "overdue", "current"))
    return frame.reset_index(drop=True)


def _page_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """One page of _grid_frame's rows as the grid shows them. Dates in words, labels and phone
    numbers are made row by row, so only the rows of the page shown are made (a large city's
    district holds thousands of businesses: formatting all of them cost more than reading them)."""
    frame = rows.copy()
    frame["verify"] = False
    verified = pd.to_datetime(frame["last_verified_on"])
    frame["check"] = [[f"Verified {formatting.day(day)}" if status == "current" else status.capitalize()]
                      for status, day in zip(frame["status"], verified)]     # one coloured pill (see STATUSES)
    frame = labelled(frame, category="business_category")
    frame["main_phone"] = frame["main_phone"].map(shown_phone)
    frame["after_hours"] = frame["after_hours_contacts"] > 0
    frame["outside"] = frame["outside_districts"]
    frame["last_verified_on"] = verified.dt.date
    return frame[["id", "version", "status", *SHOWN]].reset_index(drop=True)


@st.cache_resource(show_spinner=False, max_entries=16)
def _matching(_db: Database, db_path: str, write_count: int, actor, filters: tuple) -> pd.DataFrame:
    """Every business matching the filters (_grid_frame); read again after each save through the
    gateway (the write count is part of the key). Shared, so never changed in place: the grid
    takes a copy of one page."""
    return _grid_frame(listed(_db, actor, date.fromisoformat(filters[4])), *filters[:4])


def _column_config(codes: list[str], shown: pd.DataFrame) -> dict:
    cc = st.column_config
    pills = dict(zip((words[0] for words in shown["check"]), (STATUSES[s] for s in shown["status"])))
    return {
        "verify": cc.CheckboxColumn("Verified today", help="Tick after checking the details with the business."),
        # coloured pills rather than a pandas Styler tint, which took 60 ms a rerun for 200 rows
        "check": cc.MultiselectColumn("Check", options=list(pills), color=list(pills.values()), disabled=True,
                                      help="Verified in the last 12 months, overdue, or never verified"),
        "name": cc.TextColumn("Name", required=True, max_chars=200),
        "dba": cc.TextColumn("Doing business as", max_chars=200),
        "address": cc.TextColumn("Address", required=True, max_chars=300),
        "category": cc.TextColumn("Category", max_chars=100),
        "main_phone": cc.TextColumn("Main phone", help="Any common format; stored in international form."),
        "district": cc.SelectboxColumn("District", options=codes, default=codes[0] if len(codes) == 1 else None,
                                       help="Set from the location when latitude/longitude are given."),
        "contacts": cc.NumberColumn("Contacts", disabled=True, format="%d"),
        "after_hours": cc.CheckboxColumn("After-hours contact", disabled=True),
        "last_verified_on": cc.DateColumn("Last verified", disabled=True, format=formatting.DAY_COLUMN),
        "last_verified_by": cc.TextColumn("By", disabled=True),
        "latitude": cc.NumberColumn("Latitude", min_value=-90, max_value=90, format="%.6f"),
        "longitude": cc.NumberColumn("Longitude", min_value=-180, max_value=180, format="%.6f"),
        "outside": cc.CheckboxColumn("Outside all districts", disabled=True),
        "notes": cc.TextColumn("Notes", max_chars=2000),
    }


def _save(db: Database, user: SignedIn, today: date, allow_duplicates: bool = False,
          version_override: dict[int, int] | None = None) -> None:
    changes = GRID.changes(EDITABLE, label_column="name")
    for change in changes.updated + changes.deleted:
        if version_override and change.id in version_override:
            change.version = version_override[change.id]
    verify_ids = {c.id for c in changes.updated if c.values.pop("verify", False)}
    for change in changes.added:
        change.values.pop("verify", None)
    try:
        summary = save_businesses(db, user.actor, changes.updated, changes.added, changes.deleted, today,
                                  verify_ids=verify_ids, allow_duplicates=allow_duplicates)
    except LikelyDuplicate as duplicate:
        st.session_state[_DUPLICATES] = duplicate.matches
    except ConflictError as conflict:
        mine = next((c for c in changes.updated + changes.deleted if c.id == conflict.key
                     or str(c.id) == str(conflict.key)), None)
        st.session_state[_CONFLICT] = {"current": conflict.current, "mine": mine.values if mine else {},
                                       "label": mine.label if mine else str(conflict.key)}
    except DataError as error:
        show_error(error)
    else:
        st.session_state.pop(_CONFLICT, None)
        st.session_state.pop(_DUPLICATES, None)
        GRID.reset()
        flash.later("success", "{summary}", summary=summary.sentence())
        st.rerun()


def _show_duplicates(db, user, today) -> None:
    matches = st.session_state.get(_DUPLICATES)
    if not matches:
        return
    say.warning("**Likely duplicate — nothing was saved yet.**\n\n{matches}",
                matches=say.join("\n", [say.text("- {match}", match=m) for m in matches]))
    c1, c2 = st.columns(2)
    if c1.button("Save anyway", key="businesses_save_anyway"):
        st.session_state.pop(_DUPLICATES, None)
        _save(db, user, today, allow_duplicates=True)
    if c2.button("Go back to editing", key="businesses_dup_back"):
        st.session_state.pop(_DUPLICATES, None)
        st.rerun()


def _show_conflict(db, user, today) -> None:
    conflict = st.session_state.get(_CONFLICT)
    if not conflict:
        return
    current = conflict["current"] or {}
    when = clock.to_department(current.get("updated_at") or current.get("deleted_at"), db)
    when = say.text(" at {when}", when=formatting.moment(when)) if when else ""
    say.error("**{label}** was changed by {who}{when} after you opened the list. Nothing was saved; "
              "your edits are still in the grid.", label=conflict["label"], who=changed_by(db, current), when=when)
    rows = [{"Field": heading(field), "Your value": str(present(value)),
             "Current value": str(present(shown_phone(current.get("main_phone")) if field == "main_phone"
                                          else current.get("district_id" if field == "district" else field)))}
            for field, value in conflict["mine"].items() if field != "verify"]
    if current.get("deleted_at") is not None:
        st.caption("The business has been removed from the list since.")
    if rows:
        table(pd.DataFrame(rows))
    with st.expander("All current values"):
        st.json({k: str(v) for k, v in current.items()})
    c1, c2 = st.columns(2)
    if current.get("id") is not None and current.get("deleted_at") is None and \
            c1.button("Save my values over theirs", key="businesses_conflict_mine"):
        st.session_state.pop(_CONFLICT, None)
        _save(db, user, today, version_override={int(current["id"]): int(current["version"])})
    if c2.button("Discard my edits and load the current list", key="businesses_conflict_discard"):
        st.session_state.pop(_CONFLICT, None)
        GRID.reset()
        st.rerun()


def business_grid(db: Database, user: SignedIn, today: date, codes: list[str], editable: bool) -> pd.DataFrame:
    """Draw the filters and the grid; returns the rows shown (for the contact panel)."""
    locked = GRID.pending()
    c1, c2, c3, c4 = st.columns([1, 1.6, 1, 1.2])     # room for the toggle's label on a laptop's screen
    district = c1.selectbox("District", ["All", *codes], disabled=locked, key="businesses_district")
    search = c2.text_input("Search name or address", disabled=locked, key="businesses_search")
    sort = c3.selectbox("Sort by", list(SORTS), disabled=locked, key="businesses_sort")
    overdue_only = c4.toggle("Not verified in 12 months", disabled=locked, key="businesses_overdue")
    if locked:
        st.caption("Save or discard your changes to change the filter or sort order.")
    filters = (None if district == "All" else district, search.strip(), overdue_only, sort, str(today))
    matching = _matching(db, str(db.path), db.write_count, user.actor, filters)
    overdue = int((matching["status"] != "current").sum())
    start, page = page_start(len(matching), "businesses_page", PAGE_ROWS, disabled=locked)
    # the grid's snapshot (kept in session state until save, discard or a filter change) is one page
    shown = GRID.frame((filters, page), lambda: _page_rows(matching.iloc[start:start + PAGE_ROWS]))
    say.caption("{count} {match} · {overdue:,} not verified in the last 12 months "
                "(red, or orange if never){shown}", count=plural(len(matching), "business"),
                match="matches" if len(matching) == 1 else "match", overdue=overdue,
                shown=shown_caption(start, len(shown), len(matching)))
    if not editable:
        table(shown, column_order=[c for c in SHOWN if c != "verify"], column_config=_column_config(codes, shown),
              width="stretch")
        return shown
    editor(shown, key=GRID.editor_key, num_rows="dynamic",
           column_order=SHOWN, column_config=_column_config(codes, shown), width="stretch",
           alt="Editable business contact list", placeholder="")
    c1, c2, _ = st.columns([1, 1, 3])
    if c1.button("Save changes", type="primary", disabled=not GRID.pending(), key="businesses_save"):
        st.session_state.pop(_CONFLICT, None)
        _save(db, user, today)
    if c2.button("Discard changes", disabled=not GRID.pending(), key="businesses_discard"):
        GRID.reset()
        st.rerun()
    _show_duplicates(db, user, today)
    _show_conflict(db, user, today)
    return shown
