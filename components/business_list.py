"""The actor's business list, read once after each save and shared by the page's two views of it
(cards on a phone, the grid on a wider screen: both are drawn, a style sheet shows one). A large
city's list is tens of thousands of rows; each view read it on its own before."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from core.businesses import list_businesses
from queries.actor import Actor
from queries.db import Database


@st.cache_resource(show_spinner=False, max_entries=16)
def _listed(_db: Database, db_path: str, write_count: int, actor: Actor, today: date) -> pd.DataFrame:
    return list_businesses(_db, actor, today)


def listed(db: Database, actor: Actor, today: date) -> pd.DataFrame:
    """list_businesses(db, actor, today), read again after each write through the gateway (the write
    count is part of the key). Shared by every session of the actor: never changed in place."""
    return _listed(db, str(db.path), db.write_count, actor, today)
