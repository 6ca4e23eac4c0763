"""The monthly report asks the database for each figure once.

The report prints the headline figures of four periods (the period, the one before, the same
period last year and the year to date) and the period's figures by district. Both come from the
same figure families, so assembling the report runs each family's query once per period it
compares, and never the same query with the same values twice.
"""

from __future__ import annotations

from collections import Counter

import pytest

from core.periods import month
from queries.actor import SYSTEM
from queries.db import Database
from reports.monthly import assemble_report
from tests.figures_report import report


@pytest.fixture()
def counted(demo_db, monkeypatch):
    """Every named query the gateway runs, with the values it is run with."""
    calls: Counter = Counter()
    for method in ("df", "rows", "scalar"):
        original = getattr(Database, method)

        def counting(self, name, _original=original, **params):
            calls[(name, tuple(sorted((k, repr(v)) for k, v in params.items())))] += 1
            return _original(self, name, **params)

        monkeypatch.setattr(Database, method, counting)
    return demo_db, calls


def test_the_report_runs_no_query_twice_with_the_same_values(counted, request):
    db, calls = counted
    period = month(2026, 10)
    built = assemble_report(db, period, SYSTEM, "Test")
    assert built["headline"] and built["by_district"]
    repeated = {name: n for (name, _), n in calls.items() if n > 1}
    assert repeated == {}
    families = Counter(name for (name, _), n in calls.items() for _ in range(n)
                       if name in {f"metric_{f}" for f in ("events", "participants", "contacts", "businesses",
                                                          "concerns", "organizations")})
    # four compared periods at most, whichever way the families are asked for
    assert families and max(families.values()) <= 4
    report(request, f"report of {period.label}: {sum(calls.values())} queries, family queries {dict(families)}")
