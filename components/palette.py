"""One palette for every chart: a program category always has the same colour and label.

Colours are the Okabe-Ito / Tableau-like set, distinguishable by most colour-blind readers;
figures that are not categories (received vs resolved, shifts) have their own fixed colours.
"""

from __future__ import annotations

from core.vocabulary import PROGRAM_CATEGORIES, label

CATEGORY_LABELS = PROGRAM_CATEGORIES      # the words are the vocabulary's; the colours are here

CATEGORY_COLORS = {
    "youth": "#E69F00",
    "schools": "#56B4E9",
    "traffic_safety": "#009E73",
    "neighborhood_watch": "#0072B2",
    "business": "#D55E00",
    "seniors": "#CC79A7",
    "education": "#7F3C8D",
    "tip_line": "#595959",
    "health": "#F0E442",
    "outreach": "#882255",
    "fundraising": "#A6761D",
    "other": "#A5AA99",
}

# colour by label, for charts whose legend shows the label
LABEL_COLORS = {CATEGORY_LABELS[k]: v for k, v in CATEGORY_COLORS.items()}

SHIFT_COLORS = {"Day": "#E69F00", "Evening": "#0072B2", "Night": "#4B4B8F", "All shifts": "#222222"}
CONCERN_COLORS = {"Received": "#D55E00", "Resolved": "#009E73", "Open at month end": "#595959"}
ACCENT = "#0072B2"


def category_label(code: str | None) -> str:
    return label("program_category", code)


# crime against program activity (the targeting page)
INCIDENT_COLOUR = "#d62728"
EVENT_COLOUR = "#2ca02c"
