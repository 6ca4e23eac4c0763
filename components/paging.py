"""One page of a long list at a time: a large city's lists run to tens of thousands of rows, which
the browser would otherwise receive and draw in full on every rerun."""

from __future__ import annotations

import streamlit as st

from components import say

PAGE_ROWS = 200


def page_start(total: int, key: str, rows: int, disabled: bool = False) -> tuple[int, int]:
    """A page-number box when `total` rows need `rows` per page and more than one page; returns
    (first row, page number)."""
    pages = max(1, -(-total // rows))
    if pages == 1:
        return 0, 1
    page = int(st.number_input(say.text("Page (of {pages:,}, {rows:,} rows each)", pages=pages, rows=rows),
                               min_value=1, max_value=pages,
                               value=1, step=1, disabled=disabled, key=key))
    return (page - 1) * rows, page


def shown_caption(start: int, shown: int, total: int) -> str:
    """' · rows 201–400 shown' when the list is paged, else nothing."""
    return f" · rows {start + 1:,}–{start + shown:,} shown" if shown < total else ""
