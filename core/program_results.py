"""One program's results: its figures month by month against its goals, its events, its outcome
figures, course cohorts and evaluations. Figures come from the shared metric queries (core/metrics)
narrowed to the program, so they equal the overview's and the monthly report's.
"""

from __future__ import annotations

import pandas as pd

from core import metrics
from core.metrics import Filters, run
from core.periods import Period, month_of
from queries.access import read_scope
from queries.actor import Actor


def program(programs: pd.DataFrame, program_id: int) -> dict | None:
    """One program's row of the programs list the page already holds (core.entry.programs.figure_programs)."""
    found = programs[programs["id"] == program_id]
    return None if found.empty else found.iloc[0].to_dict()


def monthly(db, actor: Actor, period: Period, program_id: int, district_id: int | None = None) -> pd.DataFrame:
    """month, measure, value: events, attendance and every outcome measure per month (zeros for
    quiet months for events and attendance)."""
    filters = Filters(district_id=district_id, program_id=program_id)
    delivery = metrics.events_by_month(db, actor, period, filters)
    months = pd.DataFrame({"month": pd.date_range(month_of(period.start).start, period.end, freq="MS")})
    per_month = delivery.groupby("month", as_index=False)[["events", "attendance"]].sum() if not delivery.empty \
        else pd.DataFrame(columns=["month", "events", "attendance"])
    per_month["month"] = pd.to_datetime(per_month["month"])
    base = months.merge(per_month, on="month", how="left").fillna(0)
    frames = [base.melt(id_vars="month", value_vars=["events", "attendance"], var_name="measure")]
    outcomes = metrics.outcomes_by_month(db, actor, period, filters)
    if not outcomes.empty:
        out = outcomes[["month", "measure_code", "value"]].rename(columns={"measure_code": "measure"})
        out["month"] = pd.to_datetime(out["month"])
        for measure, group in out.groupby("measure"):
            filled = months.merge(group.drop(columns="measure"), on="month", how="left").fillna({"value": 0})
            filled["measure"] = measure
            frames.append(filled)
    frame = pd.concat(frames, ignore_index=True)
    frame["value"] = frame["value"].astype(float)
    return frame


def shares_by_month(db, actor: Actor, period: Period, program_id: int, district_id: int | None = None) -> pd.DataFrame:
    """month, measure_code, label, share: outcome measures that are a part of another
    (car seats installed incorrectly of those inspected)."""
    frame = metrics.outcomes_by_month(db, actor, period, Filters(district_id=district_id, program_id=program_id))
    return frame[frame["base_measure"].notna()] if not frame.empty else frame


def events(db, actor: Actor, period: Period, program_id: int, district_id: int | None = None) -> pd.DataFrame:
    return run(db, "program_results_events", {**read_scope(actor), "program_id": program_id, **period.params(),
                                               "district_id": district_id})


def goals(db, program_id: int) -> pd.DataFrame:
    return db.df("program_results_goals", program_id=program_id)


def cohorts(db, program_id: int) -> pd.DataFrame:
    return db.df("program_results_cohorts", program_id=program_id)


def evaluations(db, program_id: int) -> pd.DataFrame:
    return db.df("program_results_evaluations", program_id=program_id)


def monthly_target(target: float, per_period: str) -> float | None:
    """A goal's target for one month (None for per-cohort goals)."""
    if per_period == "year":
        return float(target) / 12
    if per_period == "month":
        return float(target)
    return None
