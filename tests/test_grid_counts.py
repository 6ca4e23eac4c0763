"""Counts in the grids are written with thousands separators ("1,734"), as in the text above them;
ids, years and codes are left as they are."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from tests.test_map_pages import demo_app, open_page  # noqa: F401  (fixture)


def _formats(grid) -> dict[str, str | None]:
    config = json.loads(grid.proto.columns or "{}")
    return {name.removeprefix("col:"): (entry.get("type_config") or {}).get("format")
            for name, entry in config.items()}


def _large_counts(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns
            if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
            and frame[c].dropna().gt(999).any() and frame[c].dropna().mod(1).eq(0).all()]


def test_counts_in_the_targeting_and_map_tables_have_thousands_separators(demo_app):
    for page in ("crime_targeting.py", "district_map.py"):
        at = open_page("cpo", page)
        checked = 0
        for grid in at.dataframe:
            formats = _formats(grid)
            for column in _large_counts(grid.value):
                assert formats.get(column) == "localized", (page, column, formats)
                checked += 1
        assert checked, page                         # the demo town has counts above 999 on both pages


def test_ids_years_and_codes_keep_their_digits():
    from components.tables import counted

    frame = pd.DataFrame({"id": [1200], "year": [2024], "district_code": [1100], "Incidents": [1734],
                          "Small": [12], "Rate": [1734.5]})
    config = counted(frame, {"Rate": st.column_config.NumberColumn(format="%.1f")})
    assert config["Incidents"]["type_config"]["format"] == "localized"
    assert "id" not in config and "year" not in config and "district_code" not in config
    assert config["Rate"]["type_config"]["format"] == "%.1f"         # the caller's format stays
