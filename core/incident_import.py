"""Importing crime incidents from the records system's CSV or XLSX export.

Built for large files: DuckDB reads the CSV (every cell as text), one SQL file
parses and maps all rows at once (queries/sql/incident_stage.sql), districts
not given by a matching district column are found by point in polygon over all
points at once, and three set-based statements write everything (update the stored numbers, then insert
the new ones).
No Python loop runs per row. All of it is one unit of work: a refused file, or
any failure, leaves the database as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from duckdb import ColumnExpression, ConstantExpression

from core import clock, coordinates, district_mapping
from core.district_codes import match_district_texts
from core.geo import DistrictLocator
from core.importing.shape import RolledBack, rolled_back, with_rows
from core.incident_summary import IncidentImportSummary
from core.tabular import (COMMAND_LINE, FileRefused, Limits, check_columns, read_table,
                          refuse_duplicates, sniff_text_file)
from queries.access import authorize_import
from queries.actor import Actor
from queries.db import Database
from queries.sql_files import load_sql

FIELDS = ("incident_number", "occurred_at", "occurred_date", "occurred_time", "offense", "description", "district",
          "latitude", "longitude", "address", "location", "x", "y")
# location: a "(lat, lon)" text or a WKT "POINT (lon lat)"; x, y: projected coordinates (with --crs),
# or longitude/latitude in degrees. A row's point is read from the first of latitude/longitude,
# location, x/y that it fills (core/coordinates.py).
COORDINATE_FIELDS = ("latitude", "longitude", "location", "x", "y")
REQUIRED = {"incident_number"}
# When it happened: occurred_at (a date and time in one column), or occurred_date with an optional
# occurred_time (separate columns). See queries/sql/incident_stage.sql for the forms read.
DATE_FIELDS = ("occurred_at", "occurred_date")     # a workbook's time-only cell there is Excel's day 0
# Column names of common exports, offered as the default mapping (field -> column).
KNOWN_COLUMNS = {     # the usual export column names, in order of preference (case is ignored)
    "incident_number": ("INCIDENT_NUMBER", "incident_number", "Incident Number", "IncidentNumber", "case_number",
                        "INCIDENT_KEY", "CCN", "DR_NO", "Incident ID", "Report Number", "dc_key",
                        "Full Complaint ID"),
    "occurred_at": ("OCCURRED_ON_DATE", "occurred_at", "Occurred", "Date", "date_time", "OccurredDate",
                    "Incident Datetime", "Offense Start DateTime", "START_DATE"),
    "occurred_date": ("OCCUR_DATE", "occurred_date", "Incident Date", "DATE OCC", "dispatch_date",
                      "Record Create Date"),
    "occurred_time": ("OCCUR_TIME", "occurred_time", "Incident Time", "TIME OCC", "dispatch_time"),
    "offense": ("OFFENSE_CODE", "offense", "Offense Code", "offense_code", "Crm Cd", "ucr_general"),
    "description": ("OFFENSE_DESCRIPTION", "description", "Offense", "Offense Description", "offense_description",
                    "OFNS_DESC", "Crm Cd Desc", "text_general_code", "Incident Description"),
    "district": ("DISTRICT", "district", "District", "Sector", "beat", "PRECINCT", "Police District", "dc_dist",
                 "AREA", "Complaint Precinct Code"),
    "latitude": ("Lat", "latitude", "Latitude", "LAT", "lat"),
    "longitude": ("Long", "longitude", "Longitude", "LON", "lon", "lng"),
    "location": ("point", "New Georeferenced Column"),    # not "Location": often an address (LA)
    "address": ("STREET", "address", "Address", "Block", "block_address", "100 Block Address", "Intersection",
                "LOCATION_DESC", "location_block"),
}
# A column of the hour of day beside the date and time (Boston's HOUR): not imported, read only to
# judge whether the file's UTC offsets are right (IncidentImportSummary.warnings).
HOUR_COLUMNS = ("hour",)
Progress = Callable[[float, str], None]


def default_mapping(columns: list[str]) -> dict[str, str]:
    """Guess field -> column from the usual export column names."""
    lower = {c.lower(): c for c in columns}
    mapping = {}
    for name, candidates in KNOWN_COLUMNS.items():
        for candidate in candidates:
            if candidate.lower() in lower:
                mapping[name] = lower[candidate.lower()]
                break
    if "occurred_at" in mapping or "occurred_date" not in mapping:   # one way of giving the time
        mapping.pop("occurred_date", None)
        mapping.pop("occurred_time", None)
    return mapping


def check_mapping(mapping: dict[str, str], columns: list[str]) -> None:
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise FileRefused(f"Unknown field(s) {', '.join(unknown)}; the fields are {', '.join(FIELDS)}.")
    missing = sorted({c for c in mapping.values() if c not in columns})
    if missing:
        raise FileRefused(f"The file has no column {', '.join(missing)}; its columns are {', '.join(columns)}.")
    unmapped = sorted(REQUIRED - set(mapping))
    if unmapped:
        raise FileRefused(f"Required field(s) {', '.join(unmapped)} are not mapped to a column.")
    _check_when(mapping)
    if not ({"district", "latitude", "location", "x"} & set(mapping)):
        raise FileRefused("Map a district column, or latitude and longitude, a location or x and y, so "
                          "incidents can be placed.")
    if ("latitude" in mapping) != ("longitude" in mapping):
        raise FileRefused("Map both latitude and longitude, or neither.")
    if ("x" in mapping) != ("y" in mapping):
        raise FileRefused("Map both x and y, or neither.")


def _check_when(mapping: dict[str, str]) -> None:
    """When it happened comes from one column (occurred_at) or from a date column and, optionally, a
    time column (occurred_date, occurred_time): not from both, and never from a time alone."""
    if "occurred_at" in mapping and ({"occurred_date", "occurred_time"} & set(mapping)):
        raise FileRefused("Map the date and time (occurred_at), or a date column (occurred_date) and a time "
                          "column (occurred_time), not both.")
    if "occurred_time" in mapping and "occurred_date" not in mapping:
        raise FileRefused("occurred_time is mapped without occurred_date: map the date column too.")
    if "occurred_at" not in mapping and "occurred_date" not in mapping:
        raise FileRefused("Required field occurred_at is not mapped to a column: map the date and time "
                          "(occurred_at), or a date column (occurred_date) and a time column (occurred_time).")


def file_columns(path: str | Path, name: str | None = None, limits: Limits = COMMAND_LINE) -> list[str]:
    """The header of a CSV or XLSX file (for the mapping form)."""
    path = Path(path)
    name = name or path.name
    if Path(name).suffix.lower() == ".xlsx":
        return list(read_table(path.read_bytes(), name, limits=limits).columns)
    con = duckdb.connect()
    try:
        return list(_read_csv(con, path, name, limits).columns)
    finally:
        con.close()


def _read_csv(cur, path: Path, name: str, limits: Limits = COMMAND_LINE) -> duckdb.DuckDBPyRelation:
    if Path(name).suffix.lower() not in (".csv", ".txt"):
        raise FileRefused(f"{name} is not a CSV or XLSX file; save it as .csv or .xlsx and try again.")
    found = sniff_text_file(path, name, limits)      # refuses what is not a text CSV, or is too wide
    try:
        rel = cur.sql(load_sql("incident_source_csv"),
                      params={"path": str(path), "encoding": found.duckdb_encoding, "delimiter": found.delimiter})
        columns = rel.columns
    except duckdb.Error as error:
        first = str(error).splitlines()[0][:300]
        raise FileRefused(f"{name} is not a well-formed CSV file ({first}).") from None
    check_columns(len(columns), name, limits)
    refuse_duplicates(list(columns), name)
    return rel


def _register_source(cur, path: Path, name: str, mapping: dict[str, str],
                     limits: Limits = COMMAND_LINE) -> str | None:
    """Make `incident_source` (one varchar column per field, and hour_written: the file's hour column)
    readable on this cursor; returns the name of the file's hour column, if it has one."""
    if Path(name).suffix.lower() == ".xlsx":
        # workbooks are small (their cell limit): pandas reads them, DuckDB scans the frame
        frame = read_table(path.read_bytes(), name, limits=limits, typed=True)
        check_mapping(mapping, list(frame.columns))
        fields = pd.DataFrame({f: _workbook_text(frame[mapping[f]], f in DATE_FIELDS) if f in mapping else None
                               for f in FIELDS}, dtype="string")
        hour = _hour_column(list(frame.columns))
        fields["hour_written"] = pd.Series(_workbook_text(frame[hour], False) if hour else None,
                                           index=fields.index, dtype="string")
        cur.register("incident_source", fields)
        return hour
    rel = _read_csv(cur, path, name, limits)
    check_mapping(mapping, rel.columns)
    varchar = duckdb.sqltype("VARCHAR")
    exprs = [ColumnExpression(mapping[f]).cast(varchar).alias(f) if f in mapping
             else ConstantExpression(None).cast(varchar).alias(f) for f in FIELDS]
    hour = _hour_column(rel.columns)
    exprs.append((ColumnExpression(hour) if hour else ConstantExpression(None)).cast(varchar).alias("hour_written"))
    # register (not create_view, which would store a view in the database file): a temporary view
    cur.register("incident_source", rel.select(*exprs))
    return hour


def _hour_column(columns: list[str]) -> str | None:
    """The file's hour-of-day column (HOUR, hour), if it has one."""
    return next((c for c in columns if c.strip().lower() in HOUR_COLUMNS), None)


def _workbook_text(cells: pd.Series, date_field: bool) -> pd.Series:
    """A workbook column as text, as a CSV would hold it. A number with a date number format is a
    datetime (openpyxl reads it so) and is written as ISO date and time text; a number with any other
    format stays a number ('44870'), which is not a date. A time-only cell (a day number under 1) in
    a date field is that time on Excel's day 0, '1900-01-00 HH:MM:SS': a placeholder date."""
    def text(value):
        if value is None:
            return None
        if isinstance(value, time):
            return f"1900-01-00 {value.isoformat()}" if date_field else value.isoformat()
        return str(value)
    return cells.map(text)


def _district_locator(db: Database) -> tuple[DistrictLocator | None, dict[str, int]]:
    shapes = [r for r in db.rows("district_shapes", all_districts=True, districts=[])
              if r["geometry"] and r["kind"] == "district"]
    if not shapes:
        return None, {}
    return DistrictLocator({r["code"]: r["geometry"] for r in shapes}), {r["code"]: r["id"] for r in shapes}


def import_incidents(db: Database, actor: Actor, path: str | Path, mapping: dict[str, str],
                     filename: str | None = None, progress: Progress | None = None,
                     limits: Limits = COMMAND_LINE, district_map: dict[str, str] | None = None,
                     crs: str | None = None, offsets_are_local: bool = False,
                     dry_run: bool = False) -> IncidentImportSummary:
    """Import one file; returns what happened. Refusals raise FileRefused with nothing written.
    `dry_run`: every step as written, in a unit of work that is then rolled back (the check).
    `limits`: the command line's (a file the administrator names) unless it is an upload.
    `district_map`: {district text: district code} saved to the district mapping in the same unit
    of work (so a refused file saves none of it either), then used by this import.

    The district a row states wins: each distinct district text is matched once
    (core/district_codes.py); only rows whose text is blank or names no district are placed by
    their point. Rows that state a district and have a point are checked against that district's
    shape, and those lying elsewhere are counted (a data-quality figure), never moved.
    `crs`: the coordinate system of the x/y columns (an EPSG code such as EPSG:2263) when they are
    projected; projected coordinates without one refuse the file.
    `offsets_are_local`: the importer's choice that the file's UTC offsets are wrong: every time is
    the department's wall-clock time as written, its offset dropped (else an offset is converted)."""
    path = Path(path)
    name = filename or path.name
    step = progress or (lambda fraction, text: None)
    authorize_import(actor, "incidents")
    if not path.exists():
        raise FileRefused(f"There is no file at {path}.")
    if path.stat().st_size == 0:
        raise FileRefused(f"{name} is empty.")
    if crs and not ("x" in mapping and "y" in mapping):
        raise FileRefused("A coordinate system was named, but no x and y columns are mapped.")
    locator, district_ids = _district_locator(db)
    known = district_mapping.districts(db)
    mapped = district_mapping.check_mapping(db, district_map) if district_map else {}
    saved = {**district_mapping.saved_mapping(db), **mapped}
    summary = IncidentImportSummary(filename=name, offsets_are_local=offsets_are_local)
    with rolled_back(), db.unit_of_work(actor) as uow:
        cur = uow.cur
        if mapped:
            summary.district_mappings_saved = len(mapped)
            district_mapping.save_in(uow, mapped)
        step(0.05, f"Reading {name}…")
        summary.hour_column = _register_source(cur, path, name, mapping, limits)
        # temp objects are dropped on success; any failure rolls the whole transaction back
        step(0.15, "Reading dates, offenses and districts…")
        try:
            cur.execute(load_sql("incident_stage"), {"time_zone": clock.zone(db).key,
                                                     "date_column": "occurred_date" in mapping,
                                                     "offsets_local": offsets_are_local})
        except duckdb.Error as error:
            first = str(error).splitlines()[0][:300]
            raise FileRefused(f"{name} could not be read as a CSV file ({first}).") from None
        step(0.3, "Reading coordinates…")
        _read_coordinates(cur, locator, mapping, crs)
        step(0.35, "Matching district texts to districts…")
        _match_districts(cur, summary, known, saved)
        counts = _one(cur, "incident_stage_summary")
        if counts["rows_read"] == 0:
            raise FileRefused(f"{name} has a header row but no data rows.")
        summary.problems = _all(cur, "incident_stage_problems", limit=20)
        if counts["rows_ok"] == 0:
            raise with_rows(FileRefused(f"No row of {name} can be imported: " + _describe(summary.problems)),
                            summary.problems)
        step(0.45, "Placing incidents in districts by location…")
        summary.located_by_point = _locate(cur, locator, district_ids)
        step(0.55, "Checking stated districts against locations…")
        summary.located_in_other_district, summary.stated_outside_every_district = _check_stated(
            cur, locator, district_ids)
        step(0.6, f"Updating {counts['existing']:,} incidents already stored…")
        now = uow.now
        batch = {"import_batch": f"{name} {now:%Y-%m-%d %H:%M:%S}", "imported_at": now}
        if counts["existing"]:
            uow.execute("incidents_update_existing", **batch)
            uow.execute("incidents_update_existing_links")
        step(0.8, f"Writing {counts['rows_ok'] - counts['existing']:,} new incidents…")
        uow.execute("incidents_insert_new", **batch)
        no_district = _one(cur, "incident_stage_no_district")["n"]
        summary.offset_hours = _one(cur, "incident_stage_offset_hours")
        counted = {r["coordinates"]: r["n"] for r in _all(cur, "incident_stage_coordinate_counts")}
        cur.execute(load_sql("incident_stage_drop"))
        _drop_source(cur)
        summary.rows_read = counts["rows_read"]
        summary.imported = counts["rows_ok"]
        summary.updated = counts["existing"]
        summary.added = counts["rows_ok"] - counts["existing"]
        for key in ("no_number", "bad_date", "placeholder_date", "duplicates_in_file", "without_location",
                    "location_bad", "district_from_column", "unmapped_rows", "unmapped_offenses"):
            setattr(summary, key, counts[key])
        summary.coordinates = {k: 0 for k in coordinates.CLASSES}
        summary.coordinates.update(counted)
        summary.location_bad = summary.coordinates["unreadable"]
        summary.no_district = no_district
        summary.no_district_no_location = counts["rows_ok"] - counts["district_from_column"] - counts["needs_locating"]
        summary.no_district_outside = counts["needs_locating"] - summary.located_by_point
        summary.no_boundaries = locator is None and counts["needs_locating"] > 0
        uow.audit("import", "incidents", None, None, None, json.dumps({
            "file": name, "mapping": mapping, "rows_read": summary.rows_read, "imported": summary.imported,
            "added": summary.added, "updated": summary.updated,
            "not_imported": summary.no_number + summary.bad_date + summary.placeholder_date,
            "placeholder_date": summary.placeholder_date, "without_location": summary.without_location,
            "unmapped_rows": summary.unmapped_rows,
            "district_from_column": summary.district_from_column, "located_by_point": summary.located_by_point,
            "no_district_no_location": summary.no_district_no_location,
            "no_district_outside": summary.no_district_outside,
            "located_in_other_district": summary.located_in_other_district,
            "stated_outside_every_district": summary.stated_outside_every_district,
            "coordinates": summary.coordinates, "crs": crs, "offsets_are_local": offsets_are_local,
            "district_rules": summary.district_rules, "district_mappings_saved": summary.district_mappings_saved,
            "unmatched_districts": summary.unmatched_districts[:100]}))
        if dry_run:
            raise RolledBack
        step(1.0, "Done.")
    return summary


def last_import_placement(db: Database) -> dict | None:
    """How the latest incident import placed its rows (for the Crime data page): file, at_utc,
    imported, district_from_column, located_by_point, no_district_no_location, no_district_outside,
    located_in_other_district, stated_outside_every_district. None before the first import, or when
    the latest import predates these figures."""
    row = db.one("incidents_last_import")
    if row is None:
        return None
    detail = json.loads(row["detail"] or "{}")
    if "located_in_other_district" not in detail:
        return None
    return {"at_utc": row["at_utc"], **{k: v for k, v in detail.items() if not isinstance(v, (dict, list))}}


def _drop_source(cur) -> None:
    try:
        cur.unregister("incident_source")   # a registered frame or relation: a temporary view
    except duckdb.Error:
        pass


def _read_coordinates(cur, locator: DistrictLocator | None, mapping: dict[str, str], crs: str | None) -> None:
    """Read every row's point as the file writes it, judge it (core/coordinates.py) and set the staged
    rows' latitude, longitude and class where the reading changes what the stage read (a row with a
    point as written in the latitude/longitude columns is left as it is). Refuses (FileRefused)
    projected numbers without a coordinate system, inside the unit of work: nothing is written."""
    cur.execute(load_sql("incident_stage_add_coordinates"))
    if not set(COORDINATE_FIELDS) & set(mapping):
        return
    cells = cur.execute(load_sql("incident_stage_coordinates")).fetchnumpy()

    def column(name: str):
        if name not in mapping:
            return None
        values = cells[name]
        if name == "location":
            return np.where(np.ma.getmaskarray(values), None, np.ma.getdata(values))   # filled(None) is '?'
        return np.ma.filled(np.ma.asarray(values, dtype=float), np.nan)

    extent = coordinates.district_extent(locator.geometries) if locator else None
    lat, lon = column("latitude"), column("longitude")
    found = coordinates.read_locations(len(cells["line"]), latitude=lat, longitude=lon,
                                       location=column("location"), x=column("x"), y=column("y"), crs=crs,
                                       extent=extent, names=mapping,
                                       not_number=np.ma.filled(cells["not_number"], False))
    as_read = (np.isfinite(lat) & np.isfinite(lon)) if lat is not None else np.zeros(len(found.kind), dtype=bool)
    changed = np.isin(found.kind, ("swapped", "unreadable", "zero", "repeated", "outside")) | (
        (found.kind == "ok") & ~as_read)
    if not changed.any():
        return
    answer = pd.DataFrame({"line": np.asarray(cells["line"])[changed],
                           "latitude": pd.array(found.latitude[changed], dtype="Float64"),
                           "longitude": pd.array(found.longitude[changed], dtype="Float64"),
                           "coordinates": found.kind[changed].astype(str)})
    answer.loc[answer["latitude"].isna(), ["latitude", "longitude"]] = pd.NA   # NaN would be stored as NaN
    cur.register("incident_coordinates", answer)
    try:
        cur.execute(load_sql("incident_stage_set_coordinates"))
    finally:
        cur.unregister("incident_coordinates")


def _locate(cur, locator: DistrictLocator | None, district_ids: dict[str, int]) -> int:
    if locator is None:
        return 0
    points = cur.execute(load_sql("incident_stage_to_locate")).fetchnumpy()
    if len(points["line"]) == 0:
        return 0
    codes = locator.locate_many(points["longitude"], points["latitude"])
    located = pd.DataFrame({"line": points["line"],
                            "district_id": pd.array([district_ids.get(c) if c else None for c in codes],
                                                    dtype="Int64")}).dropna()
    cur.register("incident_located", located)
    try:
        cur.execute(load_sql("incident_stage_set_located"))
    finally:
        cur.unregister("incident_located")
    return len(located)


def _match_districts(cur, summary: IncidentImportSummary, known, saved: dict[str, int]) -> None:
    """Match each distinct district text of the file once; set the staged rows' stated district."""
    texts = _all(cur, "incident_stage_district_texts")
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
    cur.register("incident_district_keys", keys)
    try:
        cur.execute(load_sql("incident_stage_set_districts"))
    finally:
        cur.unregister("incident_district_keys")


def _check_stated(cur, locator: DistrictLocator | None, district_ids: dict[str, int]) -> tuple[int, int]:
    """Of the rows placed by their district column that have a point: how many points lie in another
    district, and how many in none. A point on the stated district's border lies in it; a stated
    district without a boundary is not judged."""
    if locator is None:
        return 0, 0
    points = cur.execute(load_sql("incident_stage_stated_located")).fetchnumpy()
    ids, x, y = points["district_id"], points["longitude"], points["latitude"]
    if len(ids) == 0:
        return 0, 0
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


def _one(cur, name: str, **params) -> dict:
    result = cur.execute(load_sql(name), params or None)
    return dict(zip([d[0] for d in result.description], result.fetchone()))


def _all(cur, name: str, **params) -> list[dict]:
    result = cur.execute(load_sql(name), params or None)
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row)) for row in result.fetchall()]


def _describe(problems: list[dict]) -> str:
    shown = [f"line {p['line']}: {p['problem']}" + (f" ('{p['value']}')" if p["value"] else "")
             for p in problems[:3]]
    return "; ".join(shown) + "."
