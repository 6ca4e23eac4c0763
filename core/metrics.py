"""The department's community-work figures: one definition each, shared by every screen and report.

Each figure family has one SQL file (`queries/sql/metric_<family>.sql`, plus its by-month and
by-district variants); this module runs them for a period, a reader's district scope and optional
filters, and does the little arithmetic on top (change from another period, goal attainment).
The overview page, the program page and the monthly report all call these functions, so a figure
means the same wherever it is printed. Nothing here imports streamlit.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
from dateutil.relativedelta import relativedelta

from core import formatting
from core.periods import Period, custom, month_of
from queries.access import read_scope
from queries.actor import Actor

CATEGORIES = ("youth", "schools", "traffic_safety", "neighborhood_watch", "business", "seniors",
              "education", "tip_line", "health", "outreach", "fundraising", "other")


@dataclass(frozen=True)
class Filters:
    """Optional narrowing of the figures; None means all. Applied on top of the reader's scope."""
    district_id: int | None = None
    category: str | None = None
    program_id: int | None = None

    @property
    def program_specific(self) -> bool:
        return self.category is not None or self.program_id is not None


ALL = Filters()

# figure -> (family, label, unit, higher_is_better)
FIGURES: dict[str, tuple[str, str, str, bool]] = {
    "events": ("events", "Events held", "events", True),
    "attendance": ("events", "Attendance", "people", True),
    "attendance_youth": ("events", "Attendance: youth", "people", True),
    "attendance_adult": ("events", "Attendance: adults", "people", True),
    "attendance_senior": ("events", "Attendance: seniors", "people", True),
    "attendance_business": ("events", "Attendance: business people", "people", True),
    "officers_involved": ("events", "Officers involved", "officers", True),
    "officer_hours": ("events", "Officer-hours", "hours", True),
    "programs_active": ("events", "Programs active", "programs", True),
    "participants": ("participants", "Unique course participants", "people", True),
    "completions": ("participants", "Course completions", "people", True),
    "contacts": ("contacts", "Non-enforcement contacts", "people", True),
    "contacts_all": ("contacts", "All community contacts", "people", True),
    "contact_entries": ("contacts", "Contact-log entries", "entries", True),
    "shifts_logged": ("contacts", "Shifts with contacts logged", "shifts", True),
    "contacts_per_shift": ("contacts", "Non-enforcement contacts per shift", "people per shift", True),
    "businesses": ("businesses", "Businesses on the list", "businesses", True),
    "businesses_verified_12m": ("businesses", "Businesses verified within 12 months", "businesses", True),
    "businesses_verified_share": ("businesses", "Share of businesses verified within 12 months", "share", True),
    "concerns_received": ("concerns", "Concerns received", "concerns", False),
    "concerns_resolved": ("concerns", "Concerns resolved", "concerns", True),
    "concerns_open_end": ("concerns", "Concerns still open at the end", "concerns", False),
    "median_days_to_resolve": ("concerns", "Median days to resolve a concern", "days", False),
    "organizations_new": ("organizations", "New organizations", "organizations", True),
    "organizations_active": ("organizations", "Active organizations", "organizations", True),
    "organizations_met": ("organizations", "Organizations met with", "organizations", True),
    "org_meetings": ("organizations", "Organization meetings attended", "meetings", True),
}

GLOSSARY: dict[str, str] = {
    "events": "Program events (deliveries of a program) that started in the period; townwide events "
              "without a district, such as the Crime Stoppers monthly summary, count only in all-district figures.",
    "attendance": "The sum of the headcounts recorded at those events (youth, adults, seniors and business people).",
    "attendance_youth": "Headcount of young people at the period's events.",
    "attendance_adult": "Headcount of adults at the period's events.",
    "attendance_senior": "Headcount of seniors at the period's events.",
    "attendance_business": "Headcount of business owners and staff at the period's events.",
    "officers_involved": "Distinct officers who staffed one or more of the period's events.",
    "officer_hours": "The sum of the hours each officer spent at the period's events.",
    "programs_active": "Programs that held one or more events in the period.",
    "participants": "Distinct people marked present at one or more course sessions (such as the "
                    "Citizens' Police Academy) in the period.",
    "completions": "Course enrolments completed on a day in the period.",
    "contacts": "People contacted by patrol officers in contact-log entries marked non-enforcement, dated in the period.",
    "contacts_all": "People contacted by patrol officers in all contact-log entries dated in the period.",
    "contact_entries": "Entries in the officers' contact log dated in the period.",
    "shifts_logged": "Officer shifts (officer, date and shift) with one or more contact-log entries in the period.",
    "contacts_per_shift": "Non-enforcement contacts divided by shifts with contacts logged.",
    "businesses": "Businesses on the contact list (current list; businesses are not dated).",
    "businesses_verified_12m": "Businesses whose contact details were verified at least once within the "
                               "12 months up to the period's end.",
    "businesses_verified_share": "Businesses verified within 12 months as a share of all businesses on the list.",
    "concerns_received": "Community concerns received in the period.",
    "concerns_resolved": "Concerns resolved or closed in the period.",
    "concerns_open_end": "Concerns received by the period's end and not yet resolved or closed on that day.",
    "median_days_to_resolve": "The median number of days from receipt to resolution of the concerns resolved in the period.",
    "organizations_new": "Community organizations founded in the period.",
    "organizations_active": "Organizations marked active and founded by the period's end (or founding date unknown).",
    "organizations_met": "Organizations with a meeting attended by an officer in the period.",
    "org_meetings": "Organization meetings attended by an officer in the period.",
    "goal_attainment": "What a program achieved in the period divided by the part of its goal due in the "
                       "period: a yearly goal times the share of the year the period covers, a monthly goal "
                       "times its months, a goal per class times the classes that ended. The part due is "
                       "shown as a whole number.",
}

# Program figures are narrowed by category and program; the other families are not tied to programs.
PROGRAM_FAMILIES = ("events", "participants")
FAMILIES = ("events", "participants", "contacts", "businesses", "concerns", "organizations")
# The figures of each family's breakdown by district (its query's rows after the total); the
# others are given for the whole selection only.
DISTRICT_FIGURES: dict[str, tuple[str, ...]] = {
    "events": ("events", "attendance", "officers_involved", "officer_hours", "programs_active"),
    "participants": ("participants",),
    "contacts": ("contacts", "shifts_logged", "contacts_per_shift"),
    "businesses": ("businesses", "businesses_verified_12m", "businesses_verified_share"),
    "concerns": ("concerns_received", "concerns_resolved", "concerns_open_end", "median_days_to_resolve"),
    "organizations": ("organizations_new", "organizations_active", "organizations_met"),
}
HEADLINE = ("events", "attendance", "participants", "officer_hours", "contacts",
            "businesses_verified_12m", "concerns_open_end", "median_days_to_resolve", "organizations_active")


# A period's family queries are small: most of each one's time is the engine planning it, on one
# core. The gateway gives each query its own cursor (DuckDB) or pooled connection (PostgreSQL), so
# they can run at once: side by side, a large city's overview figures took 0.10-0.15 s on two cores
# against 0.20-0.26 s one after the other. One pool for every session (at most four queries at
# once); its queries never wait on each other, so a caller that already runs periods side by side
# (reports/monthly.py) cannot starve it.
SIDE_BY_SIDE = ThreadPoolExecutor(max_workers=4, thread_name_prefix="figure-queries")


def params(actor: Actor, period: Period, filters: Filters = ALL) -> dict[str, Any]:
    """Every parameter a metric query may take: the period, the actor's scope and the filters."""
    return {**read_scope(actor), **period.params(),
            "district_id": filters.district_id, "category": filters.category, "program_id": filters.program_id}


def run(db, name: str, values: dict[str, Any]) -> pd.DataFrame:
    """Run a named query; the gateway binds the parameters the query names."""
    return db.df(name, **values)


def _python_number(value: Any) -> Any:
    """numpy / Decimal scalars as plain Python numbers (for JSON snapshots and comparisons)."""
    if value is None or isinstance(value, (int, str)):
        return value
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:  # NaN
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    return int(number) if number.is_integer() and not isinstance(value, float) else number


FRACTIONAL = {"officer_hours", "contacts_per_shift", "businesses_verified_share", "median_days_to_resolve"}


def _number(key: str, value: Any) -> Any:
    """Counts as int, rates and hours as float."""
    if value is None:
        return None
    return float(value) if key in FRACTIONAL else int(value)


def family(db, actor: Actor, name: str, period: Period, filters: Filters = ALL) -> dict[str, Any]:
    """One figure family's row: e.g. family(db, actor, "events", period)."""
    if name not in FAMILIES:
        raise ValueError(f"Unknown figure family {name!r}")
    return _total(_family_rows(db, actor, name, period, filters))


def _total(rows: list[dict]) -> dict[str, Any]:
    """The total row of a family's query (its first row), as {figure: value}."""
    row = next((r for r in rows if r["total"]), {})
    return {key: _number(key, _python_number(value)) for key, value in row.items()
            if key not in ("total", "district_id")}


def headline(db, actor: Actor, period: Period, filters: Filters = ALL,
             families: tuple[str, ...] = FAMILIES) -> dict[str, Any]:
    """Every figure of every family (or of the families named) for the period, as {figure: value}."""
    return _headline_of(_families(db, actor, period, filters, families))


def headline_and_districts(db, actor: Actor, period: Period,
                           filters: Filters = ALL) -> tuple[dict[str, Any], pd.DataFrame]:
    """headline() and by_district() of one period from one run of each family's query (its rows
    hold the total and every district), for a reader that shows both (the monthly report)."""
    families = _families(db, actor, period, filters)
    return _headline_of(families), _district_table(db, actor, filters, families)


def _families(db, actor: Actor, period: Period, filters: Filters,
              names: tuple[str, ...] = FAMILIES) -> dict[str, list[dict]]:
    unknown = set(names) - set(FAMILIES)
    if unknown:
        raise ValueError(f"Unknown figure families {sorted(unknown)}")
    running = {name: SIDE_BY_SIDE.submit(_family_rows, db, actor, name, period, filters) for name in names}
    return {name: found.result() for name, found in running.items()}


def _headline_of(families: dict[str, list[dict]]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for rows in families.values():
        figures.update(_total(rows))
    return figures


def relative_change(current: float | None, previous: float | None) -> float | None:
    """Relative change from `previous` to `current` (0.25 = up a quarter).

    None when there is nothing to compare: either figure is missing, or the previous one is 0
    (a rise from nothing has no percentage)."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / abs(previous)


def difference(current: float | None, previous: float | None) -> float | None:
    if current is None or previous is None:
        return None
    return current - previous


def change_text(current: float | None, previous: float | None, against: str | None = None) -> str | None:
    """'+12%', '+3', 'new' (from nothing: a rise from 0 has no percentage and is no growth) or
    'no change', followed by ' vs <against>' when given; None when either figure is unknown.
    Percentages are whole and rounded half up, as everywhere (core.formatting)."""
    if current is None or previous is None:
        return None
    relative = relative_change(current, previous)
    if relative is None:
        text = "new" if difference(current, previous) else "no change"
    elif current == previous:
        text = "no change"
    elif formatting.rounded(relative * 100) == 0:
        text = _signed(current - previous)
    else:
        text = f"{'+' if relative > 0 else ''}{formatting.rounded(relative * 100)}%"
    return f"{text} vs {against}" if against else text


def _signed(value: float) -> str:
    """+3, -1.5: whole when whole, else one decimal (hours)."""
    shown = formatting.rounded(value, 0 if float(value).is_integer() else 1)
    return f"{shown:+,}" if isinstance(shown, int) else f"{shown:+,.1f}"


def compare(current: dict, previous: dict, last_year: dict) -> dict[str, dict[str, Any]]:
    """{figure: {value, previous, last_year, change_previous, change_last_year}} for every figure."""
    return {key: {"value": current.get(key), "previous": previous.get(key), "last_year": last_year.get(key),
                  "change_previous": relative_change(current.get(key), previous.get(key)),
                  "change_last_year": relative_change(current.get(key), last_year.get(key))}
            for key in current}


# ---------------------------------------------------------------- breakdowns

def _frame(db, name: str, actor: Actor, period: Period, filters: Filters) -> pd.DataFrame:
    return run(db, name, params(actor, period, filters))


def _family_rows(db, actor: Actor, name: str, period: Period, filters: Filters) -> list[dict]:
    """A family's query: the total row (`total` true), then one row per district. As plain rows:
    a page reads six of them per period, and a data frame for a few dozen rows costs more than
    the query itself leaves to do (the district table makes one from the rows it needs)."""
    return db.rows(f"metric_{name}", **params(actor, period, filters))


def events_by_month(db, actor: Actor, period: Period, filters: Filters = ALL) -> pd.DataFrame:
    """month, category, events, attendance, officer_hours (zeros for quiet months)."""
    return _frame(db, "metric_events_by_month", actor, period, filters)


def contacts_by_month(db, actor: Actor, period: Period, filters: Filters = ALL) -> pd.DataFrame:
    """month, shift, contacts, shifts_logged, contacts_per_shift."""
    return _frame(db, "metric_contacts_by_month", actor, period, filters)


def concerns_by_month(db, actor: Actor, period: Period, filters: Filters = ALL) -> pd.DataFrame:
    """month, concerns_received, concerns_resolved, concerns_open_end."""
    return _frame(db, "metric_concerns_by_month", actor, period, filters)


def by_month(db, actor: Actor, period: Period, filters: Filters = ALL) -> dict[str, pd.DataFrame]:
    """The three trends, read side by side (SIDE_BY_SIDE)."""
    running = {name: SIDE_BY_SIDE.submit(trend, db, actor, period, filters)
               for name, trend in (("events", events_by_month), ("contacts", contacts_by_month),
                                   ("concerns", concerns_by_month))}
    return {name: found.result() for name, found in running.items()}


OUTCOME_COLUMNS = ["measure_code", "label", "unit", "value", "events", "base_measure", "base_value", "share"]


def _outcome_rows(db, actor: Actor, period: Period, filters: Filters, breakdown: str,
                  columns: list[str]) -> pd.DataFrame:
    """One breakdown ('total', 'month' or 'program') of the outcome figures' query."""
    frame = _frame(db, "metric_outcomes", actor, period, filters)
    return frame.loc[frame["breakdown"] == breakdown, columns].reset_index(drop=True)


def outcomes(db, actor: Actor, period: Period, filters: Filters = ALL) -> pd.DataFrame:
    """measure_code, label, unit, value, events, base_measure, base_value, share: by label."""
    return _outcome_rows(db, actor, period, filters, "total", OUTCOME_COLUMNS)


def outcomes_by_program(db, actor: Actor, period: Period, filters: Filters = ALL) -> pd.DataFrame:
    """outcomes() of every program in one query: program_id plus outcomes()'s columns (a program
    filter does not apply: every program of the selection is there)."""
    frame = _outcome_rows(db, actor, period, replace(filters, program_id=None), "program",
                          ["program_id", *OUTCOME_COLUMNS])
    return frame.astype({"program_id": "int32"})


def outcomes_by_month(db, actor: Actor, period: Period, filters: Filters = ALL) -> pd.DataFrame:
    """month, and outcomes()'s columns but events, for each month with a recorded value."""
    return _outcome_rows(db, actor, period, filters, "month",
                         ["month", *(c for c in OUTCOME_COLUMNS if c != "events")])


def by_district(db, actor: Actor, period: Period, filters: Filters = ALL) -> pd.DataFrame:
    """One row per district the reader may see (plus 'Townwide' when anything has no district),
    with the headline figures of every family."""
    return _district_table(db, actor, filters, _families(db, actor, period, filters))


def _district_table(db, actor: Actor, filters: Filters, families: dict[str, list[dict]]) -> pd.DataFrame:
    """by_district()'s table from the families' query rows (the rows after each total)."""
    scope = read_scope(actor)
    districts = db.df("districts_list")
    if not scope["all_districts"]:
        districts = districts[districts["id"].isin(scope["districts"])]
    if filters.district_id is not None:
        districts = districts[districts["id"] == filters.district_id]
    table = districts[["id", "code", "name"]].rename(columns={"id": "district_id", "name": "district"})
    parts = []
    for name, figures in DISTRICT_FIGURES.items():
        columns = ["district_id", *figures]
        part = pd.DataFrame([[r[c] for c in columns] for r in families[name] if not r["total"]], columns=columns)
        parts.append(part.astype({c: "float64" for c in figures if c in FRACTIONAL}))
    townwide = any(part["district_id"].isna().any() for part in parts)
    if townwide:
        table = pd.concat([table, pd.DataFrame([{"district_id": pd.NA, "code": "", "district": "Townwide"}])],
                          ignore_index=True)
    table["district_id"] = table["district_id"].astype("Int64")
    for part in parts:
        part = part.copy()
        part["district_id"] = part["district_id"].astype("Int64")
        table = table.merge(part, on="district_id", how="left")
    counts = [c for c in table.columns if c not in ("district_id", "code", "district", "contacts_per_shift",
                                                     "businesses_verified_share", "median_days_to_resolve",
                                                     "officer_hours")]
    table[counts] = table[counts].fillna(0).astype("int64")
    table["officer_hours"] = table["officer_hours"].astype("float64").fillna(0.0)
    return table


def goal_attainment(db, actor: Actor, period: Period, filters: Filters = ALL) -> pd.DataFrame:
    """Every program goal with actual, expected (target scaled to the period) and attainment (0-1+)."""
    frame = _frame(db, "metric_goal_actuals", actor, period, filters)
    frame["expected"] = [expected_target(t, per, period, cohorts)
                         for t, per, cohorts in zip(frame["target_value"], frame["per_period"], frame["cohorts_ended"])]
    frame["attainment"] = [a / e if e else None for a, e in zip(frame["actual"], frame["expected"])]
    return frame


def expected_target(target: float, per_period: str, period: Period, cohorts_ended: int = 0) -> float:
    """The part of a goal's target due in the period: a yearly target times the share of the
    year, a monthly one times the number of months (days / 30.4375), a per-cohort one times the
    cohorts that ended in the period."""
    if per_period == "year":
        return float(target) * period.days / 365.25
    if per_period == "month":
        return float(target) * period.days / (365.25 / 12)
    if per_period == "cohort":
        return float(target) * int(cohorts_ended)
    raise ValueError(f"Unknown goal period {per_period!r}")


def by_program(db, actor: Actor, period: Period, filters: Filters = ALL) -> pd.DataFrame:
    """Programs that held events in the period: events, attendance, officers, officer-hours, and
    the mean attainment of their goals (None when a program has no goal due in the period)."""
    table = _frame(db, "metric_events_by_program", actor, period, filters)
    goals = goal_attainment(db, actor, period, filters)
    mean = goals.dropna(subset=["attainment"]).groupby("program_id")["attainment"].mean()
    table["goal_attainment"] = table["program_id"].map(mean)
    return table


# ---------------------------------------------------------------- lists to act on

def overdue_concerns(db, actor: Actor, as_of, filters: Filters = ALL, limit: int = 50,
                     *, days: int) -> pd.DataFrame:
    """Concerns open on `as_of` and received more than `days` days before it, oldest first."""
    return run(db, "concerns_overdue", {**read_scope(actor), "as_of": as_of, "days": days,
                                         "district_id": filters.district_id, "max_rows": limit})


def stale_businesses(db, actor: Actor, as_of, filters: Filters = ALL, limit: int = 50) -> pd.DataFrame:
    """Businesses not verified within the 12 months up to `as_of`, never-verified first."""
    return run(db, "businesses_stale", {**read_scope(actor), "as_of": as_of,
                                         "district_id": filters.district_id, "max_rows": limit})


def trend_period(period: Period, months: int = 12) -> Period:
    """The span of the monthly trend charts: the chosen period, stretched back to cover at least
    `months` whole months ending with the period's last month."""
    start = min(period.start, month_of(period.end).start - relativedelta(months=months - 1))
    return custom(start, period.end, f"{start:%b %Y} to {period.end.day} {period.end:%b %Y}")
