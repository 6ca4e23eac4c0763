"""The report's headline figures, taken from the shared figure layer (core/metrics.py).

The figures are defined once, in the shared `metric_*` queries that the
overview also reads, so the report and the overview agree. This module only
chooses which of them the report prints, in which order, and with which label.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core import metrics


@dataclass(frozen=True)
class Headline:
    key: str          # the report's (and the JSON's) name for the figure
    figure: str       # core.metrics figure key
    unit: str = "count"

    @property
    def label(self) -> str:
        return metrics.FIGURES[self.figure][1]

    @property
    def better(self) -> str:
        return "up" if metrics.FIGURES[self.figure][3] else "down"

    @property
    def definition(self) -> str:
        return metrics.GLOSSARY[self.figure]


HEADLINES: tuple[Headline, ...] = (
    Headline("events", "events"),
    Headline("attendance_total", "attendance"),
    Headline("unique_participants", "participants"),
    Headline("programs_active", "programs_active"),
    Headline("officers_involved", "officers_involved"),
    Headline("officer_hours", "officer_hours", "hours"),
    Headline("non_enforcement_contacts", "contacts"),
    Headline("new_organizations", "organizations_new"),
    Headline("businesses_verified", "businesses_verified_12m"),
    Headline("concerns_received", "concerns_received"),
    Headline("concerns_resolved", "concerns_resolved"),
    Headline("concerns_open", "concerns_open_end"),
    Headline("median_days_to_resolve", "median_days_to_resolve", "days"),
)
# figures that describe a moment (the period's end), so a year-to-date sum means nothing
AS_OF_END = {"businesses_verified", "concerns_open", "median_days_to_resolve"}
# the figure families the year-to-date column needs (the businesses family is all as of the end)
YEAR_TO_DATE_FAMILIES = tuple(f for f in metrics.FAMILIES
                              if any(metrics.FIGURES[h.figure][0] == f for h in HEADLINES if h.key not in AS_OF_END))


def json_number(value: Any) -> Any:
    """JSON-ready numbers: whole numbers as int, the rest rounded to 0.01."""
    if value is None or isinstance(value, (bool, str)):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    if number != number:  # NaN
        return None
    return int(round(number)) if number.is_integer() else round(number, 2)


def headline_values(figures: dict[str, Any]) -> dict[str, Any]:
    """{headline key: value} out of one period's core.metrics.headline figures."""
    return {h.key: json_number(figures.get(h.figure)) for h in HEADLINES}


def difference_and_percent(current: Any, earlier: Any) -> dict:
    """{difference, percent}: the percentage per core.metrics.relative_change, to one decimal
    (None when the earlier value is 0). The words for it are core.formatting.change."""
    relative = metrics.relative_change(current, earlier)
    return {"difference": json_number(metrics.difference(current, earlier)),
            "percent": None if relative is None else round(100.0 * relative, 1)}
