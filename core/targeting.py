"""What the crime targeting page shows: incidents by crime type and district, crime beside program
activity per district, programs against their targets, and a program's area before and after it
started; each for the actor's districts."""

from __future__ import annotations

import pandas as pd

from core import periods
from queries.access import read_scope
from queries.actor import Actor
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


def incidents_by_type_and_district(db: Database, actor: Actor, period: periods.Period) -> pd.DataFrame:
    """`crime_matrix` for the districts the actor may see."""
    return crime_matrix(db, read_scope(actor), period)


def district_activity(db: Database, actor: Actor, period: periods.Period, crime_type: str | None = None
                      ) -> pd.DataFrame:
    """Per district: incidents (of `crime_type`) in `period` and the period before, events and
    attendance, and whether crime is high or rising while program activity is low."""
    return db.df("targeting_district_activity", **read_scope(actor), **period.params(),
                 **period.previous().params("prev"), crime_type=crime_type)


def program_targets(db: Database, actor: Actor, period: periods.Period) -> pd.DataFrame:
    """Each program's target crime types and districts against where those crimes were in `period`."""
    return db.df("targeting_programs", **read_scope(actor), **period.params())


def before_and_after(db: Database, actor: Actor, program_id: int, start_on, days: int) -> pd.DataFrame:
    """Incidents of a program's target crime types in its target area and elsewhere, `days` before
    and after `start_on`."""
    return db.df("targeting_before_after", **read_scope(actor), program_id=program_id, start_on=start_on,
                 days=days)
