"""The shared figure layer (core/metrics.py + queries/sql/metric_*.sql) against independent counts.

The independent side reads the raw tables into pandas and counts with plain Python rules written
from the glossary, so a mistake in a SQL file does not repeat itself here.
"""

from __future__ import annotations

import math
import threading
from datetime import date, timedelta

import pandas as pd
import pytest

from core import metrics
from core.metrics import Filters, change_text, expected_target, relative_change
from core.periods import custom, month, preset, quarter, year
from queries.actor import SYSTEM, Actor
from queries.db import Database
from tests.conftest import DEMO_TODAY

PERIODS = [
    month(2026, 10),
    quarter(2026, 2),
    year(2025),
    preset("last_12_months", DEMO_TODAY),
    custom(date(2025, 12, 20), date(2026, 1, 10)),
]
COMMAND = Actor(username="commander", role="command", user_id=2)


@pytest.fixture(scope="module")
def demo(demo_file):
    database = Database(demo_file)
    yield database
    database.close()


@pytest.fixture(scope="module")
def raw(demo):
    """Raw tables, soft-deleted rows dropped, read without the live views."""
    def table(name):
        with demo.cursor() as cur:
            frame = cur.execute(f"select * from main.{name}").df()
        if "deleted_at" in frame:
            frame = frame[frame["deleted_at"].isna()]
        return frame

    names = ["events", "programs", "event_officers", "roster_attendance", "enrolments", "course_cohorts",
             "contact_log", "businesses", "business_verifications", "concerns", "organizations", "org_meetings",
             "event_outcomes"]
    return {name: table(name) for name in names}


@pytest.fixture(scope="module")
def ids(demo):
    with demo.cursor() as cur:
        car_seat = cur.execute("select id from programs where name like 'Child Car-Seat%'").fetchone()[0]
        cpa = cur.execute("select id from programs where name like 'Citizens%'").fetchone()[0]
    return {"car_seat": car_seat, "cpa": cpa}


def officer_actor(*districts: int) -> Actor:
    return Actor(username="officer1", role="officer", user_id=5, district_ids=frozenset(districts))


def _visible(district, actor: Actor, filters: Filters) -> bool:
    missing = district is None or (isinstance(district, float) and math.isnan(district)) or district is pd.NA
    if actor.role == "officer" and (missing or int(district) not in actor.district_ids):
        return False
    if filters.district_id is not None and (missing or int(district) != filters.district_id):
        return False
    return True


def expected(raw, actor: Actor, period, filters: Filters) -> dict:
    """Every headline figure counted by hand from the raw tables."""
    def in_period(day) -> bool:
        return period.start <= day <= period.end

    programs = raw["programs"].set_index("id")
    events = raw["events"]
    chosen = []
    for e in events.itertuples():
        program = programs.loc[e.program_id]
        if not in_period(e.starts_at.date()) or not _visible(e.district_id, actor, filters):
            continue
        if filters.category and program.category != filters.category:
            continue
        if filters.program_id and e.program_id != filters.program_id:
            continue
        chosen.append(e)
    event_ids = {e.id for e in chosen}
    staffing = raw["event_officers"][raw["event_officers"]["event_id"].isin(event_ids)]
    present = raw["roster_attendance"]
    present = present[present["event_id"].isin(event_ids) & present["present"]]
    enrol = raw["enrolments"].set_index("id")
    participants = {int(enrol.loc[e, "participant_id"]) for e in present["enrolment_id"]}

    log = [c for c in raw["contact_log"].itertuples()
           if in_period(c.contact_date.date() if hasattr(c.contact_date, "date") else c.contact_date)
           and _visible(c.district_id, actor, filters)]
    non_enf = sum(c.contact_count for c in log if c.non_enforcement)
    shifts = {(c.officer_id, str(c.contact_date)[:10], c.shift) for c in log}

    biz = [b for b in raw["businesses"].itertuples() if _visible(b.district_id, actor, filters)]
    year_back = period.end.replace(year=period.end.year - 1) if not (period.end.month == 2 and period.end.day == 29) \
        else date(period.end.year - 1, 2, 28)
    checked = {int(v.business_id) for v in raw["business_verifications"].itertuples()
               if year_back < pd.Timestamp(v.verified_on).date() <= period.end}
    verified = [b for b in biz if b.id in checked]

    concerns = [c for c in raw["concerns"].itertuples() if _visible(c.district_id, actor, filters)]
    day = lambda v: None if pd.isna(v) else pd.Timestamp(v).date()  # noqa: E731
    received = [c for c in concerns if in_period(day(c.received_on))]
    resolved = [c for c in concerns if day(c.resolved_on) and in_period(day(c.resolved_on))]
    open_end = [c for c in concerns if day(c.received_on) <= period.end
                and (day(c.resolved_on) is None or day(c.resolved_on) > period.end)]
    durations = sorted((day(c.resolved_on) - day(c.received_on)).days for c in resolved)

    orgs = [o for o in raw["organizations"].itertuples() if _visible(o.district_id, actor, filters)]
    active = [o for o in orgs if o.active and (day(o.founded_on) is None or day(o.founded_on) <= period.end)]
    return {
        "events": len(chosen),
        "attendance": sum(e.headcount_youth + e.headcount_adult + e.headcount_senior + e.headcount_business
                          for e in chosen),
        "attendance_youth": sum(e.headcount_youth for e in chosen),
        "officers_involved": staffing["user_id"].nunique(),
        "officer_hours": pytest.approx(float(staffing["hours"].sum())),
        "programs_active": len({e.program_id for e in chosen}),
        "participants": len(participants),
        "contacts": non_enf,
        "shifts_logged": len(shifts),
        "businesses": len(biz),
        "businesses_verified_12m": len(verified),
        "concerns_received": len(received),
        "concerns_resolved": len(resolved),
        "concerns_open_end": len(open_end),
        "median_days_to_resolve": (pytest.approx(float(pd.Series(durations).median())) if durations else None),
        "organizations_active": len(active),
    }


CASES = [
    ("command, all", COMMAND, Filters()),
    ("district 2", COMMAND, Filters(district_id=2)),
    ("outreach", COMMAND, Filters(category="outreach")),
    ("officer D1+D3", officer_actor(1, 3), Filters()),
    ("officer asks for D2", officer_actor(1, 3), Filters(district_id=2)),
]


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p.key)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_every_headline_figure_matches_an_independent_count(demo, raw, period, case):
    _, actor, filters = case
    figures = metrics.headline(demo, actor, period, filters)
    want = expected(raw, actor, period, filters)
    assert {k: figures[k] for k in want} == want
    for key in metrics.HEADLINE:
        assert key in figures and key in metrics.GLOSSARY and key in metrics.FIGURES


def test_program_filter_counts_only_that_programs_events(demo, raw, ids):
    period = year(2025)
    filters = Filters(program_id=ids["car_seat"])
    figures = metrics.headline(demo, SYSTEM, period, filters)
    assert {k: figures[k] for k in ("events", "attendance")} == \
        {k: v for k, v in expected(raw, SYSTEM, period, filters).items() if k in ("events", "attendance")}
    assert figures["events"] == 12     # second Saturday of every month


def test_the_demo_has_something_to_count_in_the_test_periods(demo):
    figures = metrics.headline(demo, COMMAND, month(2026, 10))
    assert figures["events"] > 10 and figures["contacts"] > 100 and figures["concerns_open_end"] > 0


def test_townwide_events_count_only_without_a_district(demo):
    period = month(2026, 10)
    everything = metrics.headline(demo, COMMAND, period)["events"]
    by_district = metrics.by_district(demo, COMMAND, period)
    assert by_district["events"].sum() == everything
    assert by_district.loc[by_district["district"] == "Townwide", "events"].item() == 1  # the tip line summary


def test_an_officer_sees_only_their_districts_in_every_breakdown(demo):
    period = preset("last_12_months", DEMO_TODAY)
    officer = officer_actor(1, 3)
    table = metrics.by_district(demo, officer, period)
    assert sorted(table["district_id"].dropna().tolist()) == [1, 3]
    assert "Townwide" not in table["district"].tolist()
    # a crafted filter for a district outside the scope gives nothing, not the other district
    assert metrics.headline(demo, officer, period, Filters(district_id=2))["events"] == 0
    assert metrics.by_district(demo, officer, period, Filters(district_id=2)).empty


def test_by_month_adds_up_to_the_headline(demo):
    period = preset("last_12_months", DEMO_TODAY)
    head = metrics.headline(demo, COMMAND, period)
    events = metrics.events_by_month(demo, COMMAND, period)
    assert events["events"].sum() == head["events"]
    assert events["attendance"].sum() == head["attendance"]
    assert events["month"].nunique() == 13          # 16 Nov 2025 .. 15 Nov 2026 touches 13 months
    contacts = metrics.contacts_by_month(demo, COMMAND, period)
    assert contacts["contacts"].sum() == head["contacts"]
    assert contacts["shifts_logged"].sum() == head["shifts_logged"]
    concerns = metrics.concerns_by_month(demo, COMMAND, period)
    assert concerns["concerns_received"].sum() == head["concerns_received"]
    assert concerns["concerns_resolved"].sum() == head["concerns_resolved"]
    assert concerns["concerns_open_end"].iloc[-1] == head["concerns_open_end"]


def test_by_district_adds_up_for_district_figures(demo):
    period = quarter(2026, 3)
    head = metrics.headline(demo, COMMAND, period)
    table = metrics.by_district(demo, COMMAND, period)
    for key in ("contacts", "businesses", "concerns_received", "organizations_active", "attendance"):
        assert table[key].sum() == head[key], key


def test_by_program_adds_up_and_car_seat_share_is_incorrect_over_inspected(demo, raw, ids):
    period = year(2025)
    table = metrics.by_program(demo, COMMAND, period)
    assert table["events"].sum() == metrics.headline(demo, COMMAND, period)["events"]
    out = metrics.outcomes(demo, COMMAND, period, Filters(program_id=ids["car_seat"])).set_index("measure_code")
    outcomes = raw["event_outcomes"]
    seat_events = raw["events"][(raw["events"]["program_id"] == ids["car_seat"])
                                & (raw["events"]["starts_at"].dt.year == 2025)]["id"]
    mine = outcomes[outcomes["event_id"].isin(seat_events)].groupby("measure_code")["value"].sum()
    assert out.loc["car_seats_inspected", "value"] == mine["car_seats_inspected"]
    assert out.loc["car_seats_incorrect", "share"] == pytest.approx(
        mine["car_seats_incorrect"] / mine["car_seats_inspected"])


def test_goal_attainment_scales_the_target_to_the_period(demo, ids):
    goals = metrics.goal_attainment(demo, COMMAND, year(2025), Filters(program_id=ids["car_seat"]))
    events_goal = goals[goals["measure"] == "events"].iloc[0]
    assert events_goal["actual"] == 12
    assert events_goal["expected"] == pytest.approx(12 * 365 / 365.25)
    assert events_goal["attainment"] == pytest.approx(365.25 / 365)


def test_expected_target_per_kind():
    assert expected_target(120, "year", year(2024)) == pytest.approx(120 * 366 / 365.25)
    assert expected_target(10, "month", month(2026, 2)) == pytest.approx(10 * 28 / 30.4375)
    assert expected_target(16, "cohort", month(2026, 2), 2) == 32
    assert expected_target(16, "cohort", month(2026, 2), 0) == 0


# ---------------------------------------------------------------- change arithmetic

@pytest.mark.parametrize("current, prev, want", [
    (120, 100, 0.2), (80, 100, -0.2), (100, 100, 0.0), (0, 50, -1.0), (5, 0, None), (0, 0, None),
    (None, 3, None), (3, None, None), (4.5, 3.0, 0.5),
])
def test_change_from_previous_period(current, prev, want):
    got = relative_change(current, prev)
    assert got == (pytest.approx(want) if want is not None else None)


def test_change_text_says_what_happened():
    assert change_text(120, 100, "previous period") == "+20% vs previous period"
    assert change_text(80, 100, "last year") == "-20% vs last year"
    assert change_text(5, 0, "previous period") == "new vs previous period"     # from nothing: not "+5"
    assert change_text(624, 0) == "new"
    assert change_text(0, 0, "previous period") == "no change vs previous period"
    assert change_text(None, 4, "last year") is None
    assert change_text(1001, 1000) == "+1"
    assert change_text(12, 10) == "+20%"
    assert change_text(225, 200) == "+13%"        # 12.5% rounded half up, as every percentage is
    assert change_text(14.75, 14.7) == "+0.1"     # hours with one decimal


def test_compare_uses_previous_and_last_year(demo):
    period = month(2026, 10)
    now = metrics.headline(demo, COMMAND, period)
    before = metrics.headline(demo, COMMAND, period.previous())
    ago = metrics.headline(demo, COMMAND, period.year_before())
    table = metrics.compare(now, before, ago)
    assert table["events"]["previous"] == before["events"]
    assert table["events"]["change_last_year"] == relative_change(now["events"], ago["events"])


def test_an_empty_period_gives_zeros_not_errors(demo):
    period = custom(date(2010, 1, 1), date(2010, 1, 31))
    figures = metrics.headline(demo, COMMAND, period)
    assert figures["events"] == 0 and figures["contacts"] == 0 and figures["median_days_to_resolve"] is None
    assert figures["contacts_per_shift"] is None
    assert metrics.events_by_month(demo, COMMAND, period).empty
    assert metrics.by_program(demo, COMMAND, period).empty


def test_a_new_event_moves_the_count_by_one(demo_db):
    day = DEMO_TODAY - timedelta(days=1)
    period = custom(day, day)
    before = metrics.headline(demo_db, COMMAND, period)
    with demo_db.unit_of_work(SYSTEM) as uow:
        program = 1
        uow.insert("events", {"program_id": program, "starts_at": pd.Timestamp(day) + pd.Timedelta(hours=10),
                              "ends_at": pd.Timestamp(day) + pd.Timedelta(hours=11), "district_id": 1,
                              "headcount_adult": 7})
    after = metrics.headline(demo_db, COMMAND, period)
    assert after["events"] == before["events"] + 1
    assert after["attendance"] == before["attendance"] + 7


def test_the_trend_span_reaches_back_twelve_whole_months():
    january = metrics.trend_period(month(2026, 1))
    assert (january.start, january.end) == (date(2025, 2, 1), date(2026, 1, 31))
    to_date = metrics.trend_period(custom(date(2024, 2, 10), date(2024, 2, 29)))
    assert (to_date.start, to_date.end) == (date(2023, 3, 1), date(2024, 2, 29))
    assert to_date.label == "Mar 2023 to 29 Feb 2024"
    longer = custom(date(2024, 1, 15), date(2026, 3, 31))
    assert metrics.trend_period(longer).start == date(2024, 1, 15)       # a longer period keeps its start
    assert metrics.trend_period(year(2026), months=3).start == date(2026, 1, 1)


def test_a_periods_figure_families_are_read_side_by_side(demo, monkeypatch):
    """Each family's query waits at a barrier for a second one (six families: three pairs). Read one
    after the other, the first would wait alone and the barrier break."""
    barrier = threading.Barrier(2, timeout=20)
    rows = Database.rows

    def meeting(self, name, **params):
        if name.startswith("metric_") and name.removeprefix("metric_") in metrics.FAMILIES:
            barrier.wait()
        return rows(self, name, **params)
    alone = metrics.headline(demo, SYSTEM, custom(date(2026, 9, 1), date(2026, 10, 31)))
    monkeypatch.setattr(Database, "rows", meeting)
    together = metrics.headline(demo, SYSTEM, custom(date(2026, 9, 1), date(2026, 10, 31)))
    assert together == alone and together["events"] > 0
