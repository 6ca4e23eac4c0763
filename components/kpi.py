"""A row of headline figures."""

from __future__ import annotations

import streamlit as st

from core.text import md


UNSIGNED = ("new", "no change")     # a change from zero, or none: grey and without an arrow, not growth


def kpi_row(items: list[tuple[str, object, str | None]]) -> None:
    """items: (label, value, delta text or None), shown side by side."""
    for column, (label, value, delta) in zip(st.columns(len(items)), items):
        plain = delta in UNSIGNED
        column.metric(md(label), value, delta=delta, delta_color="off" if plain else "normal",
                      delta_arrow="off" if plain else "auto")
