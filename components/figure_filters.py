"""The period picker and the district / program filters shared by the figure pages.

Choices a reader may not make are never offered, and the data layer refuses them anyway: an
officer's district list holds only their own districts, and a district outside their scope
gives empty figures (see queries/access.read_scope).
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from components.figures import read_df
from components.palette import CATEGORY_LABELS
from core import periods
from core.text import md
from core.metrics import Filters
from core.periods import Period, PeriodError
from queries.access import read_scope, scoped
from queries.actor import Actor
from queries.db import Database

PRESET_CHOICES = {**periods.PRESETS, "custom": "Custom dates"}
DEFAULT_PRESET = "last_month"


def visible_districts(db: Database, actor: Actor) -> pd.DataFrame:
    districts = read_df(db, "districts_list")
    scope = read_scope(actor)
    if not scope["all_districts"]:
        districts = districts[districts["id"].isin(scope["districts"])]
    return districts


def period_picker(today: date, key: str = "overview", default: str = DEFAULT_PRESET,
                  custom_span: Period | None = None) -> Period:
    """A preset (this month ... last 12 months) or custom dates; returns the chosen period.

    `custom_span`, when given, is preselected as custom dates (the crime pages pass the last
    year of stored incidents when those end long before today, see components/crime_period.py).
    """
    default = "custom" if custom_span else default
    choice = st.selectbox("Period", list(PRESET_CHOICES), index=list(PRESET_CHOICES).index(default),
                          format_func=PRESET_CHOICES.get, key=f"{key}_period")
    if choice != "custom":
        return periods.preset(choice, today)
    span = ((custom_span.start, custom_span.end) if custom_span
            else (today.replace(day=1) - timedelta(days=90), today))
    picked = st.date_input("From / to", value=span, max_value=max(today, span[1]), key=f"{key}_dates",
                           format="YYYY-MM-DD", help="The first and the last day, both included.")
    if not isinstance(picked, (tuple, list)) or len(picked) != 2:
        st.caption("Pick the last day too; until then the figures show the first day only.")
        picked = (picked[0], picked[0]) if isinstance(picked, (tuple, list)) and picked else (today, today)
    try:
        return periods.custom(picked[0], picked[1])
    except PeriodError as error:
        st.error(md(str(error)))
        st.stop()


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
    programs = read_df(db, "metric_programs")
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
