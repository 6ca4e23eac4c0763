"""Every grid (components.tables) writes date and datetime columns in the one form unless the caller
gives a format: "1 Jul 2024" and "1 Jul 2024, 14:05"."""

from __future__ import annotations

from core.formatting import DAY_COLUMN, MOMENT_COLUMN
from tests.test_date_format import _formats


def test_a_grid_shows_date_columns_in_the_one_form_unless_told_otherwise():
    from streamlit.testing.v1 import AppTest

    def page():
        from datetime import date, datetime

        import pandas as pd
        import streamlit as st

        from components.tables import table
        frame = pd.DataFrame({"met_on": [date(2026, 11, 1)], "starts_at": [datetime(2026, 11, 1, 0, 0)],
                              "stamped": pd.to_datetime(["2026-11-01 09:05"]), "count": [3]})
        table(frame)
        table(frame, column_config={"met_on": st.column_config.DateColumn("Met", format="MMM YYYY")})

    at = AppTest.from_function(page).run()
    assert not at.exception
    plain, told = (_formats(frame) for frame in at.dataframe)
    assert plain["met_on"][1] == DAY_COLUMN
    assert plain["starts_at"][1] == plain["stamped"][1] == MOMENT_COLUMN
    assert plain["count"][1] is None
    assert told["met_on"] == ("Met", "MMM YYYY")
