"""The monthly trend figures (metric_*_by_month) month by month against independent counts.

Each month of a trend is the part of the calendar month inside the period. The independent side
reads the raw tables into pandas and counts every month with the glossary's rules: concerns
received and resolved in the month and still open at its last day; non-enforcement contacts and
shifts logged per shift.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from core import metrics
from core.metrics import Filters
from core.periods import custom, month_of
from queries.actor import Actor
from queries.db import Database

COMMAND = Actor(username="commander", role="command", user_id=2)
OFFICER = Actor(username="officer1", role="officer", user_id=5, district_ids=frozenset({1, 3}))
# starts and ends inside a month, so the first and last months are partial
TREND = custom(date(2025, 10, 12), date(2026, 11, 14))
CASES = [("command, all", COMMAND, Filters()), ("district 2", COMMAND, Filters(district_id=2)),
         ("officer D1+D3", OFFICER, Filters())]


@pytest.fixture(scope="module")
def demo(demo_file):
    database = Database(demo_file)
    yield database
    database.close()


@pytest.fixture(scope="module")
def raw(demo):
    with demo.cursor() as cur:
        return {name: cur.execute(f"select * from main.{name} where deleted_at is null").df()
                for name in ("concerns", "contact_log")}


def visible(frame: pd.DataFrame, actor: Actor, filters: Filters) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    if actor.role == "officer":
        keep &= frame["district_id"].isin(actor.district_ids)
    if filters.district_id is not None:
        keep &= frame["district_id"] == filters.district_id
    return frame[keep]


def months(period) -> list[tuple[date, date, date]]:
    """(month, first day, last day) of every month the period touches, clipped to it."""
    out, first = [], month_of(period.start).start
    while first <= period.end:
        last = month_of(first).end
        out.append((first, max(first, period.start), min(last, period.end)))
        first = last + timedelta(days=1)
    return out


def day(value):
    return None if pd.isna(value) else pd.Timestamp(value).date()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_concerns_by_month_match_an_independent_count(demo, raw, case):
    _, actor, filters = case
    concerns = visible(raw["concerns"], actor, filters)
    received = [day(v) for v in concerns["received_on"]]
    resolved = [day(v) for v in concerns["resolved_on"]]
    want = []
    for first_of_month, first, last in months(TREND):
        want.append({"month": first_of_month,
                     "concerns_received": sum(first <= r <= last for r in received),
                     "concerns_resolved": sum(s is not None and first <= s <= last for s in resolved),
                     "concerns_open_end": sum(r <= last and (s is None or s > last)
                                              for r, s in zip(received, resolved))})
    got = metrics.concerns_by_month(demo, actor, TREND, filters)
    got = [{**row, "month": day(row["month"])} for row in got.to_dict("records")]
    assert got == want
    assert sum(m["concerns_received"] for m in want) > 10 and min(m["concerns_open_end"] for m in want) > 0


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_contacts_by_month_match_an_independent_count(demo, raw, case):
    _, actor, filters = case
    log = visible(raw["contact_log"], actor, filters)
    log = log.assign(day=[day(v) for v in log["contact_date"]])
    want = []
    for first_of_month, first, last in months(TREND):
        in_month = log[(log["day"] >= first) & (log["day"] <= last)]
        for shift in ("day", "evening", "night"):
            entries = in_month[in_month["shift"] == shift]
            contacts = int(entries.loc[entries["non_enforcement"], "contact_count"].sum())
            shifts = len({(o, d) for o, d in zip(entries["officer_id"], entries["day"])})
            want.append({"month": first_of_month, "shift": shift, "contacts": contacts, "shifts_logged": shifts,
                         "contacts_per_shift": contacts / shifts if shifts else None})
    got = metrics.contacts_by_month(demo, actor, TREND, filters)
    got = [{**row, "month": day(row["month"]),
            "contacts_per_shift": None if pd.isna(row["contacts_per_shift"]) else pytest.approx(row["contacts_per_shift"])}
           for row in got.to_dict("records")]
    assert [{k: r[k] for k in ("month", "shift", "contacts", "shifts_logged")} for r in got] == \
        [{k: r[k] for k in ("month", "shift", "contacts", "shifts_logged")} for r in want]
    assert [r["contacts_per_shift"] for r in got] == [w["contacts_per_shift"] for w in want]
    assert sum(m["shifts_logged"] for m in want) > 10
