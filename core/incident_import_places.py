"""Where each staged incident lies: its point as the file writes it (judged by core/coordinates.py),
the district its district text names (core/district_codes.py), else the district its point lies in,
and how many points lie elsewhere than the district their row states.

Each step reads the staged rows it needs from the target database, answers in Python (numpy and
shapely, over all rows at once) and writes the answers back with one update of incident_stage
(core/incident_import_staging.py), the same on DuckDB and PostgreSQL.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core import coordinates
from core.district_codes import match_district_texts
from core.geo import DistrictLocator
from core.incident_import_fields import COORDINATE_FIELDS
from core.incident_import_staging import every, frame, write_back
from core.incident_summary import IncidentImportSummary
from queries.db import Database
from queries.sql_files import load_sql

# the point classes for which the reading changes what the stage read from the latitude/longitude cells
_CHANGED = ("swapped", "unreadable", "zero", "repeated", "outside")


def district_locator(db: Database) -> tuple[DistrictLocator | None, dict[str, int]]:
    """The districts' boundaries for point in polygon, and each district code's id."""
    shapes = [r for r in db.rows("district_shapes", all_districts=True, districts=[])
              if r["geometry"] and r["kind"] == "district"]
    if not shapes:
        return None, {}
    return DistrictLocator({r["code"]: r["geometry"] for r in shapes}), {r["code"]: r["id"] for r in shapes}


def read_coordinates(cur, locator: DistrictLocator | None, mapping: dict[str, str], crs: str | None) -> None:
    """Read every row's point as the file writes it, judge it (core/coordinates.py) and set the staged
    rows' latitude, longitude and class where the reading changes what the stage read (a row with a
    point as written in the latitude/longitude columns is left as it is). Refuses (FileRefused)
    projected numbers without a coordinate system, inside the unit of work: nothing is written."""
    cur.execute(load_sql("incident_stage_add_coordinates"))
    if not set(COORDINATE_FIELDS) & set(mapping):
        return
    cells = frame(cur, "incident_stage_coordinates")

    def column(name: str):
        if name not in mapping:
            return None
        values = cells[name]
        if name == "location":
            return values.astype(object).where(values.notna(), None).to_numpy()
        return values.to_numpy(dtype=float, na_value=np.nan)

    extent = coordinates.district_extent(locator.geometries) if locator else None
    lat, lon = column("latitude"), column("longitude")
    found = coordinates.read_locations(len(cells), latitude=lat, longitude=lon,
                                       location=column("location"), x=column("x"), y=column("y"), crs=crs,
                                       extent=extent, names=mapping,
                                       not_number=cells["not_number"].fillna(False).to_numpy(dtype=bool))
    as_read = (np.isfinite(lat) & np.isfinite(lon)) if lat is not None else np.zeros(len(found.kind), dtype=bool)
    changed = np.isin(found.kind, _CHANGED) | ((found.kind == "ok") & ~as_read)
    if not changed.any():
        return
    answer = pd.DataFrame({"line": cells["line"].to_numpy(dtype=np.int64)[changed],
                           "latitude": pd.array(found.latitude[changed], dtype="Float64"),
                           "longitude": pd.array(found.longitude[changed], dtype="Float64"),
                           "coordinates": found.kind[changed].astype(str)})
    answer.loc[answer["latitude"].isna(), ["latitude", "longitude"]] = pd.NA   # NaN would be stored as NaN
    write_back(cur, "incident_coordinates", answer, "incident_stage_set_coordinates")


def match_districts(cur, summary: IncidentImportSummary, known, saved: dict[str, int]) -> None:
    """Match each distinct district text of the file once; set the staged rows' stated district."""
    texts = every(cur, "incident_stage_district_texts")
    matched = match_district_texts([t["source_district"] for t in texts], known, saved)
    for t in texts:
        found = matched.get(t["source_district"])
        if found:
            summary.district_rules[found[1]] = summary.district_rules.get(found[1], 0) + t["rows_ok"]
        elif t["rows_ok"]:
            summary.unmatched_districts.append({"district_text": t["source_district"], "incidents": t["rows_ok"]})
    summary.unmatched_districts.sort(key=lambda u: (-u["incidents"], u["district_text"]))
    if not matched:
        return
    keys = pd.DataFrame({"source_district": list(matched),
                         "district_id": pd.array([m[0] for m in matched.values()], dtype="Int64"),
                         "district_rule": [m[1] for m in matched.values()]})
    write_back(cur, "incident_district_keys", keys, "incident_stage_set_districts")


def locate(cur, locator: DistrictLocator | None, district_ids: dict[str, int]) -> int:
    """Place the rows that state no district by their point; how many a district holds."""
    if locator is None:
        return 0
    points = frame(cur, "incident_stage_to_locate")
    if len(points) == 0:
        return 0
    codes = locator.locate_many(points["longitude"].to_numpy(dtype=float), points["latitude"].to_numpy(dtype=float))
    located = pd.DataFrame({"line": points["line"].to_numpy(dtype=np.int64),
                            "district_id": pd.array([district_ids.get(c) if c else None for c in codes],
                                                    dtype="Int64")}).dropna()
    write_back(cur, "incident_located", located, "incident_stage_set_located")
    return len(located)


def check_stated(cur, locator: DistrictLocator | None, district_ids: dict[str, int]) -> tuple[int, int]:
    """Of the rows placed by their district column that have a point: how many points lie in another
    district, and how many in none. A point on the stated district's border lies in it; a stated
    district without a boundary is not judged."""
    if locator is None:
        return 0, 0
    points = frame(cur, "incident_stage_stated_located")
    if len(points) == 0:
        return 0, 0
    ids = points["district_id"].to_numpy(dtype=np.int64)
    x, y = points["longitude"].to_numpy(dtype=float), points["latitude"].to_numpy(dtype=float)
    codes = {i: c for c, i in district_ids.items()}
    away = np.zeros(len(ids), dtype=bool)
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])       # rows come sorted by district
    for start, end in zip(starts, [*starts[1:], len(ids)]):
        code = codes.get(int(ids[start]))
        if code is not None:
            away[start:end] = ~locator.holds_many(code, x[start:end], y[start:end])
    if not away.any():
        return 0, 0
    elsewhere = locator.locate_many(x[away], y[away])
    other = sum(c is not None for c in elsewhere)
    return other, len(elsewhere) - other
