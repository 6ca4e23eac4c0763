"""The report's headline figures: which shared metric query each one comes from.

The figures themselves are defined in the shared `metric_*` queries (the
overview reads the same files), so the report and the overview agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from core.periods import Period
from queries.db import Database


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    query: str
    column: str
    unit: str = "count"          # count, hours, days
    better: str = "up"           # which direction is good, for the reader ("up", "down", "none")


HEADLINES: tuple[Headline, ...] = (
    Headline("events", "Events held", "metric_events", "events"),
    Headline("attendance_total", "Total attendance", "metric_events", "attendance"),
    Headline("unique_participants", "Unique course participants", "metric_participants", "participants"),
    Headline("programs_active", "Programs active", "metric_events", "programs_active"),
    Headline("officers_involved", "Officers involved", "metric_events", "officers_involved"),
    Headline("officer_hours", "Officer-hours of community engagement", "metric_events", "officer_hours", "hours"),
    Headline("non_enforcement_contacts", "Non-enforcement contacts", "metric_contacts", "contacts"),
    Headline("new_organizations", "New organizations", "metric_organizations", "organizations_new"),
    Headline("businesses_verified", "Businesses verified in the last 12 months", "metric_businesses",
             "businesses_verified_12m"),
    Headline("concerns_received", "Concerns received", "metric_concerns", "concerns_received", better="none"),
    Headline("concerns_resolved", "Concerns resolved", "metric_concerns", "concerns_resolved"),
    Headline("concerns_open", "Concerns still open at end of period", "metric_concerns", "concerns_open_end",
             better="down"),
    Headline("median_days_to_resolve", "Median days to resolve a concern", "metric_concerns",
             "median_days_to_resolve", "days", better="down"),
)

# which parameters each shared query takes (DuckDB refuses unused named parameters)
_FILTERS = {"district_id": None, "category": None, "program_id": None}
_PARAMS = {
    "metric_events": ("start_date", "end_date", "district_id", "category", "program_id"),
    "metric_participants": ("start_date", "end_date", "district_id", "category", "program_id"),
    "metric_contacts": ("start_date", "end_date", "district_id"),
    "metric_organizations": ("start_date", "end_date", "district_id"),
    "metric_businesses": ("end_date", "district_id"),
    "metric_concerns": ("start_date", "end_date", "district_id"),
}


def _plain(value: Any) -> Any:
    """JSON-ready numbers: whole numbers as int, the rest rounded to 0.01."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    if number != number:  # NaN
        return None
    return int(round(number)) if number.is_integer() else round(number, 2)


def query_params(query: str, start: date, end: date, scope: dict) -> dict:
    values = {"start_date": start, "end_date": end, **_FILTERS}
    return {**{name: values[name] for name in _PARAMS.get(query, ("start_date", "end_date"))}, **scope}


def headline_values(db: Database, period: Period, scope: dict) -> dict[str, Any]:
    """{headline key: value} for one period, each query run once."""
    rows: dict[str, dict] = {}
    for query in dict.fromkeys(h.query for h in HEADLINES):
        rows[query] = db.one(query, **query_params(query, period.start, period.end, scope)) or {}
    return {h.key: _plain(rows[h.query].get(h.column)) for h in HEADLINES}


def change(current: Any, earlier: Any) -> dict:
    """Difference and percentage change; the percentage is None when the earlier value is 0 or missing."""
    if current is None or earlier is None:
        return {"difference": None, "percent": None}
    difference = _plain(current - earlier)
    percent = None if not earlier else round(100.0 * (current - earlier) / earlier, 1)
    return {"difference": difference, "percent": percent}
