"""The detail panel of one business: its contact persons (editable grid) and "verified today"."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components import flash, say
from components.business_grid import GRID as BUSINESS_GRID
from components.feedback import show_error
from components.figures import cached
from components.record_grid import SnapshotGrid
from components.session import SignedIn
from components.tables import editor, table
from core import formatting
from core.business_writes import CONTACT_FIELDS, save_contacts, verify_business
from core.businesses import CONTACT_ROLES, get_business, list_contacts, shown_phone
from core.text import MISSING
from core.users import name_of
from core.vocabulary import label
from queries.db import Database
from queries.errors import DataError

SHOWN = ["name", "role", "phone", "alt_phone", "email", "after_hours"]


def _contacts_frame(db: Database, user: SignedIn, business_id: int) -> pd.DataFrame:
    frame = list_contacts(db, user.actor, business_id)
    for column in ("phone", "alt_phone"):
        frame[column] = frame[column].map(shown_phone)
    frame["after_hours"] = frame["after_hours"].astype(bool)
    return frame[["id", "version", *SHOWN]]


def _config() -> dict:
    cc = st.column_config
    return {
        "name": cc.TextColumn("Name", required=True, max_chars=200),
        "role": cc.SelectboxColumn("Role", options=list(CONTACT_ROLES), required=True, default="owner",
                                   format_func=lambda role: label("contact_role", role)),
        "phone": cc.TextColumn("Phone", help="Any common format, e.g. 617-555-0134 or +44 20 7946 0958"),
        "alt_phone": cc.TextColumn("Other phone"),
        "email": cc.TextColumn("E-mail"),
        "after_hours": cc.CheckboxColumn("After hours", help="May be called out after hours (keyholder)",
                                         default=False),
    }


def refresh_list() -> None:
    """Reread the business list, unless the user has unsaved edits in it."""
    if not BUSINESS_GRID.pending():
        BUSINESS_GRID.reset()


def _labels(shown: pd.DataFrame) -> dict[int, str]:
    """id -> "name — address (district)" for every row shown, built column-wise (a large city lists
    60,000 businesses; a row-by-row loop took a second on every rerun)."""
    district = shown["district"].fillna("").astype(str)
    text = (shown["name"].astype(str) + " — " + shown["address"].astype(str)
            + district.where(district == "", " (" + district + ")"))
    return dict(zip(shown["id"].astype(int).tolist(), text.tolist()))


def contacts_panel(db: Database, user: SignedIn, shown: pd.DataFrame, today: date, editable: bool) -> None:
    st.subheader("Contact persons")
    if shown.empty:
        st.info("No business is shown with the current filter.")
        return
    labels = _labels(shown)
    business_id = st.selectbox("Business", list(labels), format_func=labels.get, key="contacts_business")
    try:
        business = cached(get_business, db, user.actor, int(business_id))
    except DataError as error:
        show_error(error)
        return
    verified = business["last_verified_on"]
    line = (say.text("Last verified {day} by {who}", day=formatting.day(verified),
                     who=cached(name_of, db, business["last_verified_by"]))
            if verified else "Never verified")
    c1, c2 = st.columns([3, 1])
    c1.caption(say.text("{address} · main phone {phone} · {line}{outside}", address=business["address"],
                        phone=shown_phone(business["main_phone"]) or MISSING, line=line,
                        outside=say.text(" · **outside every district**") if business["outside_districts"] else ""))
    if editable and c2.button("Verified today", key=f"verify_{business_id}", icon=":material/verified:"):
        try:
            verify_business(db, user.actor, int(business_id), int(business["version"]), today)
        except DataError as error:
            show_error(error)
        else:
            flash.later("success", "{name} marked verified today.", name=business["name"])
            refresh_list()  # the list shows the new date
            st.rerun()

    grid = SnapshotGrid(f"contacts_{business_id}")
    frame = grid.frame(0, lambda: _contacts_frame(db, user, int(business_id)))
    if frame.empty:
        st.warning("No contact person yet: add at least one, ideally someone reachable after hours.")
    if not editable:
        table(frame, column_order=SHOWN, column_config=_config(), width="stretch")
        return
    editor(frame, key=grid.editor_key, num_rows="dynamic", column_order=SHOWN,
           column_config=_config(), width="stretch", alt="Contact persons", placeholder="")
    c1, c2, _ = st.columns([1, 1, 3])
    if c1.button("Save contacts", type="primary", disabled=not grid.pending(), key=f"save_contacts_{business_id}"):
        changes = grid.changes(list(CONTACT_FIELDS), label_column="name")
        try:
            summary = save_contacts(db, user.actor, int(business_id), changes.updated, changes.added,
                                    changes.deleted)
        except DataError as error:
            show_error(error)
            st.caption("Nothing was saved; your edits are still in the grid.")
        else:
            grid.reset()
            refresh_list()  # contact counts in the list
            sentence = summary.sentence()
            flash.later("success", "Contacts {summary}", summary=sentence[0].lower() + sentence[1:])
            st.rerun()
    if c2.button("Discard", disabled=not grid.pending(), key=f"discard_contacts_{business_id}"):
        grid.reset()
        st.rerun()
