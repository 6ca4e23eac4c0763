"""The crime targeting page's program rows: the words a warning quotes."""

from __future__ import annotations

import re
from datetime import date


def test_the_most_incidents_list_writes_counts_with_thousands_separators(demo_db):
    table = demo_db.df("targeting_programs", all_districts=True, districts=[],
                       start_date=date(2025, 1, 1), end_date=date(2027, 1, 1))
    counts = [c for text in table["top_districts"].dropna() for c in re.findall(r"\(([^)]*)\)", text)]
    assert all(re.fullmatch(r"[\d,]+", c) for c in counts), counts        # whole numbers, nothing else
    large = [c for c in counts if int(c.replace(",", "")) >= 1000]
    assert large, counts                                   # the demo town has districts above a thousand
    assert all(re.fullmatch(r"\d{1,3}(,\d{3})+", c) for c in large), large
