"""Import a city business list (CSV/XLSX) into the business contact list.

    python cli.py import businesses FILE --map name=BusinessName --map address=Address \
        --map phone=DAYPHN --map location=Location --map category=DESCRIPT

Fields: name, address (required), dba, phone, category, latitude, longitude
(separate columns), location (a "(lat, lon)" text or a WKT "POINT (lon lat)"),
x and y (projected coordinates, converted from the coordinate system named with
--crs) and district (a district code, used when the row has no location inside
a district). Points are read and judged by core/coordinates.py: swapped pairs
are corrected, and 0,0 placeholders, a latitude repeated as longitude and points
far from every district are kept without a location; each is counted.

Each row is cleaned with the same rules as the grid. Rows without a name or
address are refused; rows kept with a problem (unreadable phone left blank,
no location and no district, a point outside every district) are flagged.
Rows sharing a normalised name and address are merged, within the file and
with the businesses already listed (blanks in the file never erase stored
values). `plan_import` works out all of it without writing, for the preview;
`run_import` writes it in one unit of work: one bulk insert (one audit row)
plus one audited update per business that changed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from core.businesses import (
    BUSINESS_TEXT,
    Places,
    blank,
    duplicate_key,
    load_places,
    place,
)
from core.coordinates import CLASSES, Located, counts_sentence, district_extent, read_locations
from core.tabular import FileRefused
from core.validate import FieldError, normalize_phone, require_text
from queries import access
from queries.actor import Actor
from queries.db import Database

FIELDS = {"name", "dba", "address", "phone", "category", "latitude", "longitude", "location", "x", "y", "district"}
ORDER = ("name", "address", "dba", "phone", "category", "location", "latitude", "longitude", "district", "x", "y")
# column-name hints for a first guess of the mapping (the user can change every choice)
HINTS = {"name": ("businessname", "name", "business"), "address": ("address", "street"),
         "dba": ("dba", "dbaname"), "phone": ("phone", "dayphn", "telephone", "tel"),
         "category": ("category", "descript", "type"), "latitude": ("lat", "latitude", "y"),
         "longitude": ("lon", "long", "longitude", "lng", "x"), "location": ("location", "latlon"),
         "x": ("xcoord", "xcoordcd", "xblock"), "y": ("ycoord", "ycoordcd", "yblock"),
         "district": ("district",)}
REQUIRED = {"name", "address"}
STORED = ("name", "dba", "address", "category", "main_phone", "district_id", "latitude", "longitude",
          "outside_districts")
PREVIEW_COLUMNS = ["line", "outcome", "name", "dba", "address", "category", "main_phone", "district",
                   "latitude", "longitude", "note"]


@dataclass
class ImportPlan:
    rows: pd.DataFrame                                  # one row per file row: outcome and note
    new: list[dict] = field(default_factory=list)       # businesses to add
    changes: list[tuple[int, int, dict]] = field(default_factory=list)  # (id, version, changed columns)
    flags: Counter = field(default_factory=Counter)     # reason -> rows
    refusals: Counter = field(default_factory=Counter)  # reason -> rows
    coordinates: dict[str, int] = field(default_factory=dict)  # class of core.coordinates -> rows of the file

    def count(self, outcome: str) -> int:
        return int((self.rows["outcome"] == outcome).sum()) if len(self.rows) else 0

    @property
    def summary(self) -> dict[str, int]:
        flagged = int(self.rows["flagged"].sum()) if len(self.rows) else 0
        return {"rows": len(self.rows), "added": len(self.new), "updated": len(self.changes),
                "unchanged": self.count("unchanged"), "merged": self.count("merged"),
                "flagged": flagged, "refused": self.count("refused")}

    def sentence(self) -> str:
        s = self.summary
        return (f"{s['rows']:,} rows: {s['added']:,} added, {s['updated']:,} updated, "
                f"{s['unchanged']:,} unchanged, {s['merged']:,} merged as duplicates, "
                f"{s['flagged']:,} flagged, {s['refused']:,} refused.")

    def coordinates_sentence(self) -> str:
        return counts_sentence(self.coordinates)


# the flag of a row whose point is not stored as written (core/coordinates.py classes)
POINT_FLAGS = {
    "swapped": "latitude and longitude swapped (corrected)",
    "unreadable": "location unreadable (kept without a location)",
    "zero": "0,0 placeholder (kept without a location)",
    "repeated": "latitude repeated as longitude (kept without a location)",
    "outside": "far from every district (kept without a location)",
}


def locate_rows(mapped: pd.DataFrame, places: Places, crs: str | None = None) -> Located:
    """Every row's point, read and classed at once; FileRefused for projected numbers without a
    coordinate system (before anything is written)."""
    has = lambda f: mapped[f] if f in mapped else None   # noqa: E731
    if crs and not ("x" in mapped and "y" in mapped):
        raise FileRefused("A coordinate system was named, but no x and y columns are mapped.")
    extent = district_extent(places.locator.geometries) if places.locator else None
    return read_locations(len(mapped), latitude=has("latitude"), longitude=has("longitude"),
                          location=has("location"), x=has("x"), y=has("y"), crs=crs, extent=extent,
                          names=getattr(mapped, "attrs", {}).get("columns"))


def _clean_row(row: dict, places: Places, point: tuple[float, float, str]
               ) -> tuple[dict | None, list[str], str | None]:
    """(stored values, flags, refusal). `point`: (lat, lon, class) from locate_rows."""
    flags: list[str] = []
    try:
        values = {"name": require_text(row.get("name"), "name", BUSINESS_TEXT["name"]),
                  "address": require_text(row.get("address"), "address", BUSINESS_TEXT["address"])}
        for name in ("dba", "category"):
            values[name] = None if blank(row.get(name)) else require_text(row.get(name), name, BUSINESS_TEXT[name])
    except FieldError as error:
        return None, flags, f"{error.field} {error.message}"
    try:
        values["main_phone"] = normalize_phone(row.get("phone"))
    except FieldError as error:
        values["main_phone"] = None
        flags.append(f"phone: {error.message.rstrip('.')} (left blank)")
    lat, lon, kind = point
    lat, lon = (None, None) if kind not in ("ok", "swapped") else (float(lat), float(lon))
    if kind in POINT_FLAGS:
        flags.append(POINT_FLAGS[kind])
    code = None if blank(row.get("district")) else str(row.get("district")).strip()
    if code is not None and code not in places.ids_by_code:
        flags.append(f"district '{code}' is not a district code (ignored)")
        code = None
    located = place(places, lat, lon, code, chose_district=False)
    values.update(latitude=lat, longitude=lon, district_id=located.district_id,
                  outside_districts=located.outside_districts)
    if located.outside_districts:
        flags.append("the point lies outside every district")
    elif located.district_id is None:
        flags.append("no location and no district")
    return values, flags, None


def _merge(first: dict, later: dict) -> dict:
    """Blanks of the first row are filled from a later duplicate row."""
    return {k: (later.get(k) if blank(v) and not blank(later.get(k)) else v) for k, v in first.items()}


def _short_flag(text: str) -> str:
    """The reason without the row's own value, so the summary can count rows per reason."""
    if text.startswith("phone"):
        return "phone not a valid number (left blank)"
    if text.startswith("district '"):
        return "unknown district code (ignored)"
    return text


def plan_import(db: Database, mapped: pd.DataFrame, places: Places | None = None,
                progress: Callable[[float, str], None] | None = None, crs: str | None = None) -> ImportPlan:
    """What an import of `mapped` (columns = field names) would do; writes nothing.
    `crs`: the coordinate system of the x/y columns (an EPSG code), when they are projected."""
    places = places or load_places(db)
    points = locate_rows(mapped, places, crs)
    existing: dict[str, dict] = {}
    for stored in db.rows("business_match_keys"):
        existing.setdefault(duplicate_key(stored["name"], stored["address"]), stored)
    report, flags, refusals = [], Counter(), Counter()
    in_file: dict[str, int] = {}      # key -> index into `records`
    records: list[dict] = []
    total = len(mapped)
    for number, raw in enumerate(mapped.to_dict("records")):
        if progress and number % 250 == 0:
            progress(number / max(total, 1), f"Checking row {number + 1:,} of {total:,}")
        line = number + 2  # the header is line 1
        values, row_flags, refusal = _clean_row(raw, places, (points.latitude[number], points.longitude[number],
                                                               points.kind[number]))
        entry = {"line": line, "note": "; ".join(row_flags), "flagged": bool(row_flags) and refusal is None}
        if refusal:
            refusals[refusal if "characters long" not in refusal else refusal.split(" is ")[0] + " too long"] += 1
            report.append({**entry, "outcome": "refused", "note": refusal, "name": raw.get("name"),
                           "address": raw.get("address")})
            continue
        key = duplicate_key(values["name"], values["address"])
        if key in in_file:  # its flags are noted on the row; the merged record's own flags count
            records[in_file[key]] = _merge(records[in_file[key]], values)
            report.append({**entry, **values, "outcome": "merged", "flagged": False,
                           "note": "; ".join(filter(None, [f"same business as line {records[in_file[key]]['_line']}",
                                                           entry["note"]]))})
            continue
        for flag in row_flags:
            flags[_short_flag(flag)] += 1
        in_file[key] = len(records)
        records.append({**values, "_line": line, "_key": key})
        report.append({**entry, **values, "outcome": "pending"})
    plan = ImportPlan(rows=pd.DataFrame(report), flags=flags, refusals=refusals,
                      coordinates={k: points.counts.get(k, 0) for k in CLASSES})
    outcome_by_line = {}
    for record in records:
        values = {k: v for k, v in record.items() if not k.startswith("_")}
        stored = existing.get(record["_key"])
        if stored is None:
            plan.new.append(values)
            outcome_by_line[record["_line"]] = "added"
            continue
        changes = {k: v for k, v in values.items()
                   if not blank(v) and k != "outside_districts" and _differs(stored.get(k), v)}
        if "latitude" in changes or "longitude" in changes:
            changes["outside_districts"] = values["outside_districts"]
        if changes:
            plan.changes.append((stored["id"], stored["version"], changes))
            outcome_by_line[record["_line"]] = "updated"
        else:
            outcome_by_line[record["_line"]] = "unchanged"
    if len(plan.rows):
        pending = plan.rows["outcome"] == "pending"
        plan.rows.loc[pending, "outcome"] = plan.rows.loc[pending, "line"].map(outcome_by_line)
        codes = plan.rows.get("district_id", pd.Series(index=plan.rows.index, dtype=object))
        plan.rows["district"] = codes.map(lambda i: None if blank(i) else places.codes_by_id.get(int(i)))
        for column in PREVIEW_COLUMNS:
            if column not in plan.rows:
                plan.rows[column] = None
    else:
        plan.rows = pd.DataFrame(columns=[*PREVIEW_COLUMNS, "flagged"])
    if progress:
        progress(1.0, f"Checked {total:,} rows")
    return plan


def _differs(old, new) -> bool:
    if blank(old):
        return True
    if isinstance(new, float):
        return abs(float(old) - new) > 1e-9
    return old != new


def run_import(db: Database, actor: Actor, mapped: pd.DataFrame, filename: str,
               progress: Callable[[float, str], None] | None = None, crs: str | None = None,
               plan: ImportPlan | None = None) -> ImportPlan:
    """Plan (unless `plan` is that of `mapped`), then write the plan all or nothing; returns the plan
    (its summary is what was done)."""
    plan = plan or plan_import(db, mapped, progress=progress, crs=crs)
    detail = f"{filename}: {plan.sentence()} {plan.coordinates_sentence()}"
    with db.unit_of_work(actor) as uow:
        access.authorize_import(actor, "businesses")  # officers keep lists by hand, not by import
        if plan.new:
            frame = pd.DataFrame(plan.new, columns=list(STORED))
            frame["district_id"] = frame["district_id"].astype("Int64")
            for column in ("latitude", "longitude"):  # NaN would be stored as NaN, not NULL
                frame[column] = frame[column].astype("Float64")
            uow.bulk_insert("businesses", frame, detail=detail)
        for number, (business_id, version, changes) in enumerate(plan.changes):
            if progress and number % 100 == 0:
                progress(number / max(len(plan.changes), 1), f"Updating {number + 1:,} of {len(plan.changes):,}")
            uow.update("businesses", business_id, version, changes)
        if not plan.new:
            uow.audit("import", "businesses", detail=detail)
    return plan


def guess_mapping(columns: list[str]) -> dict[str, str]:
    """A first guess of field -> column from the usual column names (letters only, case ignored)."""
    simple = {re.sub(r"[^a-z]", "", str(c).lower()): c for c in columns}
    found = {f: next((simple[h] for h in HINTS[f] if h in simple), None) for f in ORDER}
    return {f: c for f, c in found.items() if c is not None}


def with_column_names(mapped: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """Remember which column of the file each field came from (named in refusals)."""
    mapped.attrs["columns"] = dict(mapping)
    return mapped


__all__ = ["FIELDS", "REQUIRED", "ImportPlan", "plan_import", "run_import", "FileRefused"]
