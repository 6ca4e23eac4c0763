"""Figures of the crime targeting page that take more than one query to shape."""

from __future__ import annotations

import pandas as pd

from core import periods
from queries.db import Database


def crime_matrix(db: Database, scope: dict, period: periods.Period) -> pd.DataFrame:
    """Crime type x district counts as a wide table (rows: crime types; columns: districts; totals)."""
    long = db.df("targeting_crime_matrix", **scope, **period.params())
    if long.empty:
        return pd.DataFrame()
    wide = long.pivot_table(index="crime_type", columns="district_code", values="incidents",
                            aggfunc="sum", fill_value=0)
    wide["Total"] = wide.sum(axis=1)
    wide = wide.sort_values("Total", ascending=False)
    wide.loc["Total"] = wide.sum()
    wide.columns.name = None
    return wide.reset_index().rename(columns={"crime_type": "Crime type"}).astype(
        {c: "int64" for c in wide.columns})
