"""The audit log as the administrator reads it: filtered by person, action, table and the
department's days."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from core import clock
from queries.db import Database

if TYPE_CHECKING:
    import pandas as pd


def filter_values(db: Database) -> pd.DataFrame:
    """The usernames, actions and tables on record (kind, value), for the filters."""
    return db.df("audit_log_filter_values")


def entries(db: Database, first_day: date, last_day: date, username: str | None = None,
            action: str | None = None, table_name: str | None = None, limit: int = 5000) -> pd.DataFrame:
    """The newest `limit` audit rows of the department's days `first_day` to `last_day` (both
    included), with an `at` column on the department's clock beside the stored `at_utc`."""
    from_utc, until_utc = clock.day_bounds_utc(db, first_day, last_day)
    rows = db.df("audit_log_search", username=username, action=action, table_name=table_name,
                 from_utc=from_utc, until_utc=until_utc, row_limit=limit)
    rows.insert(0, "at", clock.column_to_department(rows["at_utc"], db))     # stored in UTC, shown locally
    return rows
