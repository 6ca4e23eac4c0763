"""A row of headline figures."""

from __future__ import annotations

import streamlit as st

from core.text import md


def kpi_row(items: list[tuple[str, object, str | None]]) -> None:
    """items: (label, value, delta text or None), shown side by side."""
    for column, (label, value, delta) in zip(st.columns(len(items)), items):
        column.metric(md(label), value, delta=delta)
