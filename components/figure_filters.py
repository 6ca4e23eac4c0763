"""The district / program filters shared by the figure pages (their period picker is
components/period_picker.py).

Choices a reader may not make are never offered, and the data layer refuses them anyway: an
officer's district list holds only their own districts, and a district outside their scope
gives empty figures (see queries/access.read_scope).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.figures import cached
from components.palette import CATEGORY_LABELS
from core import districts as district_list
from core.entry.programs import figure_programs
from core.metrics import Filters
from queries.access import scoped
from queries.actor import Actor
from queries.db import Database


def visible_districts(db: Database, actor: Actor) -> pd.DataFrame:
    return cached(district_list.visible_districts, db, actor)


# "All" is an option of its own, not None: a select box whose value is None shows its placeholder
# ("Choose an option") after a rerun, as if nothing had been chosen.
EVERY = "all"


def figure_filters(db: Database, actor: Actor, key: str = "overview", program: bool = True) -> Filters:
    """District, program category and program pickers (each 'All' by default)."""
    districts = visible_districts(db, actor)
    options = [EVERY] + districts["id"].tolist()
    names = dict(zip(districts["id"], districts["code"] + " " + districts["name"]))
    all_label = "All my districts" if scoped(actor) else "All districts"
    columns = st.columns(3 if program else 1)
    district_id = columns[0].selectbox("District", options, key=f"{key}_district",
                                       format_func=lambda v: all_label if v == EVERY else names[v])
    district_id = None if district_id == EVERY else int(district_id)
    if not program:
        return Filters(district_id=district_id)
    category = columns[1].selectbox("Program category", [EVERY, *CATEGORY_LABELS], key=f"{key}_category",
                                    format_func=lambda v: "All categories" if v == EVERY else CATEGORY_LABELS[v])
    category = None if category == EVERY else category
    programs = cached(figure_programs, db)
    if category is not None:
        programs = programs[programs["category"] == category]
    program_names = dict(zip(programs["id"], programs["name"]))
    program_id = columns[2].selectbox("Program", [EVERY, *program_names], key=f"{key}_program",
                                      format_func=lambda v: "All programs" if v == EVERY else program_names[v])
    return Filters(district_id=district_id, category=category,
                   program_id=None if program_id == EVERY else int(program_id))


def where(db: Database, actor: Actor, filters: Filters) -> str:
    """The districts the figures cover, in words: "D2 North End", "all districts", "districts D1, D2"."""
    districts = visible_districts(db, actor)
    if filters.district_id is not None:
        chosen = districts[districts["id"] == filters.district_id]
        return " ".join(chosen[["code", "name"]].iloc[0]) if not chosen.empty else "no district"
    if scoped(actor):
        return "districts " + ", ".join(districts["code"])
    return "all districts"
