"""What the district map shows: the districts' shapes and measures, its point layers, and one
district's detail, each for the actor's districts and a period."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.periods import Period
from queries.access import read_scope
from queries.actor import Actor
from queries.db import Database

if TYPE_CHECKING:
    import pandas as pd


def district_shapes(db: Database, actor: Actor) -> pd.DataFrame:
    """The districts and beats the actor may see: code, name, kind, parent_code, population, geometry."""
    return db.df("district_shapes", **read_scope(actor))


def district_measures(db: Database, actor: Actor, period: Period, crime_type: str | None = None,
                      program_id: int | None = None) -> pd.DataFrame:
    """Each district's incidents (of `crime_type`), events and attendance (of `program_id`), open
    concerns at the period's end and businesses verified, in `period`."""
    return db.df("map_district_measures", **read_scope(actor), **period.params(), crime_type=crime_type,
                 program_id=program_id)


def layer_cells(db: Database, actor: Actor, period: Period, layer: str, cell: float,
                crime_type: str | None = None, program_id: int | None = None) -> pd.DataFrame:
    """One point layer ('incidents', 'events', 'concerns', 'businesses') counted in square cells of
    `cell` degrees: longitude, latitude, points, label."""
    return db.df("map_layer_cells", **read_scope(actor), **period.params(), crime_type=crime_type,
                 program_id=program_id, layer=layer, cell=cell)


def district_crime_types(db: Database, actor: Actor, district_id: int, period: Period) -> pd.DataFrame:
    """A district's incidents by crime type in `period` and in the period before it."""
    return db.df("district_crime_types", **read_scope(actor), district_id=district_id, **period.params(),
                 **period.previous().params("prev"))


def district_programs(db: Database, actor: Actor, district_id: int, period: Period) -> pd.DataFrame:
    """The programs that held events in a district in `period`, with their events and attendance."""
    return db.df("district_programs", **read_scope(actor), district_id=district_id, **period.params())
