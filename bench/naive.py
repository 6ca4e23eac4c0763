"""The naive way, for comparison: whole tables loaded into pandas and the figures computed there.

`naive_overview` computes the overview's headline figures of the events, contacts and concerns
families for the period, the previous period and the same period last year, plus their monthly
trends; `sql_overview` asks core/metrics.py for the same figures. `naive_report` adds the
year to date, attendance by program and the crime context (incidents by district and crime type
for three periods); it is compared with the whole report as reports/monthly.py assembles it.
The naive figures are checked against the SQL ones so the comparison is of equals.
"""

from __future__ import annotations

import time

import pandas as pd

from core import metrics
from core.periods import Period
from queries.actor import SYSTEM
from queries.db import Database

TABLES = {
    "events": "select * from live.events",
    "event_officers": "select * from live.event_officers",
    "programs": "select * from live.programs",
    "contact_log": "select * from live.contact_log",
    "concerns": "select * from live.concerns",
}


def _load(db: Database, names) -> dict[str, pd.DataFrame]:
    with db.cursor() as cur:
        return {name: cur.execute(TABLES[name]).df() for name in names}


def _between(series: pd.Series, period: Period) -> pd.Series:
    days = pd.to_datetime(series).dt.normalize()
    return (days >= pd.Timestamp(period.start)) & (days <= pd.Timestamp(period.end))


def _figures(t: dict[str, pd.DataFrame], period: Period) -> dict:
    events = t["events"][_between(t["events"]["starts_at"], period)]
    staffing = t["event_officers"][t["event_officers"]["event_id"].isin(events["id"])]
    log = t["contact_log"][_between(t["contact_log"]["contact_date"], period)]
    shifts = len(log[["officer_id", "contact_date", "shift"]].drop_duplicates())
    concerns = t["concerns"]
    received = pd.to_datetime(concerns["received_on"])
    resolved = pd.to_datetime(concerns["resolved_on"])
    end = pd.Timestamp(period.end)
    heads = ["headcount_youth", "headcount_adult", "headcount_senior", "headcount_business"]
    return {
        "events": len(events), "attendance": int(events[heads].sum().sum()),
        "officers_involved": staffing["user_id"].nunique(), "officer_hours": float(staffing["hours"].sum()),
        "contacts": int(log.loc[log["non_enforcement"], "contact_count"].sum()),
        "contact_entries": len(log), "shifts_logged": shifts,
        "concerns_received": int(_between(received, period).sum()),
        "concerns_resolved": int(_between(resolved, period).sum()),
        "concerns_open_end": int(((received <= end) & (resolved.isna() | (resolved > end))).sum()),
    }


def _trends(t: dict[str, pd.DataFrame], period: Period) -> dict[str, pd.DataFrame]:
    events = t["events"][_between(t["events"]["starts_at"], period)]
    log = t["contact_log"][_between(t["contact_log"]["contact_date"], period)]
    concerns = t["concerns"][_between(t["concerns"]["received_on"], period)]
    return {"events": events.groupby(pd.to_datetime(events["starts_at"]).dt.to_period("M")).size(),
            "contacts": log.groupby([pd.to_datetime(log["contact_date"]).dt.to_period("M"), "shift"])
                           ["contact_count"].sum(),
            "concerns": concerns.groupby(pd.to_datetime(concerns["received_on"]).dt.to_period("M")).size()}


def naive_overview(db: Database, period: Period, t: dict[str, pd.DataFrame] | None = None) -> dict:
    t = t if t is not None else _load(db, ("events", "event_officers", "contact_log", "concerns"))
    out = {label: _figures(t, p) for label, p in
           (("now", period), ("before", period.previous()), ("ago", period.year_before()))}
    out["trends"] = _trends(t, metrics.trend_period(period))
    return out


def sql_overview(db: Database, period: Period) -> dict:
    out = {}
    for label, p in (("now", period), ("before", period.previous()), ("ago", period.year_before())):
        out[label] = metrics.headline(db, SYSTEM, p, metrics.ALL, ("events", "contacts", "concerns"))
    out["trends"] = metrics.by_month(db, SYSTEM, metrics.trend_period(period))
    return out


def naive_report(db: Database, period: Period) -> dict:
    # each table loaded once (reloading the contact log for the year to date would add a quarter
    # of this side's time for nothing, and flatter the comparison)
    t = _load(db, ("events", "event_officers", "programs", "contact_log", "concerns"))
    out = naive_overview(db, period, t)
    out["year_to_date"] = _figures(t, period.year_to_date())
    events = t["events"][_between(t["events"]["starts_at"], period)]
    out["by_program"] = events.merge(t["programs"], left_on="program_id", right_on="id").groupby("name").size()
    with db.cursor() as cur:
        incidents = cur.execute("select * from live.incidents").df()
    when = pd.to_datetime(incidents["occurred_at"])
    for label, p in (("now", period), ("before", period.previous()), ("ago", period.year_before())):
        inside = (when >= pd.Timestamp(p.start)) & (when < pd.Timestamp(p.end) + pd.Timedelta(days=1))
        out[f"incidents_{label}"] = incidents[inside].groupby(["district_id", "crime_type_code"]).size()
    return out


def _timed(function, *args) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def compare(db: Database, period: Period, repeat: int = 3) -> list[dict]:
    """Median of `repeat` runs of each way (no cache involved: core.metrics is called directly)."""
    from reports.monthly import assemble_report

    def median_time(function, *args):
        runs = [_timed(function, *args) for _ in range(repeat)]
        return sorted(r[0] for r in runs)[len(runs) // 2], runs[0][1]

    naive_s, naive = median_time(naive_overview, db, period)
    sql_s, fast = median_time(sql_overview, db, period)
    mismatched = [f"{label}.{key}" for label in ("now", "before", "ago") for key, value in naive[label].items()
                  if abs(float(value or 0) - float(fast[label].get(key) or 0)) > 1e-6]
    rows = [{"what": "overview figures", "naive_s": round(naive_s, 3), "metrics_s": round(sql_s, 3),
             "ratio": round(naive_s / sql_s, 1),
             "check": "same figures" if not mismatched else "differ: " + ", ".join(mismatched)}]
    naive_s, _ = median_time(naive_report, db, period)
    sql_s, _ = median_time(lambda: assemble_report(db, period, SYSTEM, "Benchmark"))
    rows.append({"what": "monthly report figures", "naive_s": round(naive_s, 3), "metrics_s": round(sql_s, 3),
                 "ratio": round(naive_s / sql_s, 1),
                 "check": "naive computes a subset of the report (a conservative ratio)"})
    return rows
