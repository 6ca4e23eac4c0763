"""What the report's three charts show, taken from the assembled report: the rows, the shades,
the titles, the sizes and the colours. The screen (reports/charts.py, plotly) and print
(reports/chart_images.py, matplotlib) draw from these, so the two cannot disagree."""

from __future__ import annotations

import json
from dataclasses import dataclass

from core.vocabulary import label

# one colour per meaning, the same in every chart of the report
COLOURS = {"events": "#1f4e79", "attendance": "#2e75b6", "received": "#c55a11", "resolved": "#548235",
           "open": "#7f7f7f", "map_low": "#deebf7", "map_high": "#08519c"}
MAP_SHADES = 5     # districts are shaded in five classes of events held (a classed choropleth)
MAP_ASPECT = 1.3   # y drawn 1.3 times x: a degree of longitude is shorter than one of latitude
# what each chart shows: its title adds the period (the map's also says how to read it)
NAMES = {"programs": "Attendance by program", "concerns": "Community concerns by category",
         "map": "Events held by district"}


def attendance_rows(report: dict) -> tuple | None:
    """Programs with attendance, smallest first (drawn bottom up): (rows, title, width, height)."""
    rows = sorted((r for r in report["by_program"] if r["attendance"]), key=lambda r: r["attendance"])
    if not rows:
        return None
    return (rows, f"{NAMES['programs']}, {report['period']['label']}", 900,
            max(300, 32 * len(rows) + 120))


def concern_series(report: dict) -> tuple | None:
    """(category labels, [(series name, values, colour)], title, width, height)."""
    rows = report["concerns"]["by_category"]
    if not rows:
        return None
    labels = [label("concern_category", r["category"]) for r in rows]
    series = [(name, [r[key] for r in rows], COLOURS[colour]) for key, name, colour in (
        ("received", "Received", "received"), ("resolved", "Resolved", "resolved"),
        ("open_at_end", "Open at the end of the period", "open"))]
    return labels, series, f"{NAMES['concerns']}, {report['period']['label']}", 900, 420


@dataclass(frozen=True)
class Area:
    code: str
    rings: list            # outer rings, each a list of [x, y]
    events: int
    shade: int             # 0 (fewest events) .. MAP_SHADES - 1 (most)
    label_x: float
    label_y: float

    @property
    def text_colour(self) -> str:
        return "#ffffff" if self.shade >= MAP_SHADES - 2 else "#000000"


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def district_areas(report: dict) -> list[Area]:
    """Every district with an outline, shaded by the events it held in the period."""
    shapes = [s for s in report.get("map", []) if s.get("geometry")]
    events = {r["district"]: r["events"] for r in report["by_district"]}
    top = max(events.values(), default=0) or 1
    areas = []
    for s in shapes:
        geometry = json.loads(s["geometry"]) if isinstance(s["geometry"], str) else s["geometry"]
        count = events.get(s["code"], 0)
        areas.append(Area(s["code"], _rings(geometry), count, round((MAP_SHADES - 1) * count / top),
                          s["label_x"], s["label_y"]))
    return areas


def shade_colour(shade: int) -> str:
    """The fill of a shade class, from COLOURS' map_low to map_high."""
    share = shade / (MAP_SHADES - 1)
    low, high = COLOURS["map_low"], COLOURS["map_high"]
    parts = [int(low[i:i + 2], 16) + share * (int(high[i:i + 2], 16) - int(low[i:i + 2], 16)) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(p):02x}" for p in parts)


def events_label(count: int) -> str:
    return f"{count} event{'' if count == 1 else 's'}"


def map_title(report: dict) -> str:
    return f"{NAMES['map']}, {report['period']['label']} (darker = more)"
