"""Crime data as the pages show it: the department's crime types and the incidents on record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from queries.db import Database

if TYPE_CHECKING:
    import pandas as pd


def crime_types(db: Database) -> pd.DataFrame:
    """The department's crime types (code, label), in their order."""
    return db.df("crime_types_list")


def crime_type_labels(db: Database) -> dict[str, str]:
    """Crime type code -> label, in their order (the pickers)."""
    return {row["code"]: row["label"] for row in db.rows("crime_types_list")}


def incident_span(db: Database) -> dict | None:
    """How many incidents are on record and their first and last day (incidents, first_day, last_day)."""
    return db.one("incidents_date_range")
