"""The department's districts as pages list and pick them (code, name, kind, parent)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from queries.access import read_scope
from queries.actor import Actor
from queries.db import Database

if TYPE_CHECKING:
    import pandas as pd


def all_districts(db: Database) -> list[dict]:
    """Every district and beat: id, code, name, kind, parent_code, in code order."""
    return db.rows("districts_list")


def district_table(db: Database) -> pd.DataFrame:
    """The same districts as a table."""
    return db.df("districts_list")


def visible_districts(db: Database, actor: Actor) -> pd.DataFrame:
    """The districts the actor's figures may cover: all of them, or a patrol officer's own."""
    districts = district_table(db)
    scope = read_scope(actor)
    if not scope["all_districts"]:
        districts = districts[districts["id"].isin(scope["districts"])]
    return districts
