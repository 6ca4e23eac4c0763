"""What the map shows about one district once it is selected."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import say
from components.figures import cached
from components.kpi import kpi_row
from components.tables import table
from core import formatting, periods
from core.district_map import district_crime_types, district_programs
from queries.actor import Actor
from queries.db import Database


def _figure(value) -> str:
    return formatting.count(None if value is None or pd.isna(value) else value)      # every figure here is a count


def show_district_detail(db: Database, actor: Actor, district_id: int, code: str, row: pd.Series,
                         period: periods.Period) -> None:
    before = period.previous()
    name = f"{code} – {row['name']}" if row["name"] != code else code
    say.subheader("{name}, {period}", name=name, period=period.label)
    kpi_row([
        ("Incidents", _figure(row["incidents"]), None),
        ("Program events", _figure(row["events"]), None),
        ("Attendance", _figure(row["attendance"]), None),
        ("Open concerns", _figure(row["open_concerns"]), None),
        ("Businesses verified", f"{_figure(row['businesses_verified_12m'])} of "
                                f"{_figure(row['businesses'])}", None),
    ])
    crimes = cached(district_crime_types, db, actor, district_id, period)
    programs = cached(district_programs, db, actor, district_id, period)
    left, right = st.columns(2)
    with left:
        say.markdown("**Incidents by crime type** (previous period: {before})", before=before.label)
        if crimes.empty:
            say.info("No incidents recorded in {code} in this period or the one before.", code=code)
        else:
            table(crimes, column_config={"crime_type": "Crime type", "previous_period": "Previous period"})
    with right:
        st.markdown("**Program events in the district**")
        if programs.empty:
            say.info("No program events were held in {code} in this period.", code=code)
        else:
            table(programs)
