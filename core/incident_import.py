"""Importing crime incidents from the records system's CSV or XLSX export, into DuckDB or PostgreSQL.

Built for large files, and the same on both engines:
1. DuckDB, as a reading library in a connection of its own in memory, reads the file (every cell as
   text; encodings, delimiters and the limits in `Limits` as core/tabular.py sniffs them) into an
   Arrow table of the fields the mapping names; a file it cannot read is refused here, before the
   target database is touched;
2. in one unit of work on the target database, those rows become a relation there (DuckDB scans the
   Arrow table in place; PostgreSQL receives it by COPY into a temporary table) and one SQL file
   parses and maps all rows at once (queries/sql/incident_stage.sql, core/incident_import_staging.py);
3. points are judged and districts matched and located over all rows at once
   (core/incident_import_places.py), and three set-based statements write everything (update the
   stored numbers, then insert the new ones).
No Python loop runs per row. A refused file, or any failure, leaves the database as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import time
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
from duckdb import ColumnExpression, ConstantExpression

from core import clock, coordinates, district_mapping
from core.importing.shape import RolledBack, rolled_back, with_rows
from core.incident_import_fields import (COORDINATE_FIELDS, DATE_FIELDS, FIELDS, KNOWN_COLUMNS, REQUIRED,  # noqa: F401
                                         check_mapping, default_mapping, hour_column)
from core.incident_import_places import check_stated, district_locator, locate, match_districts, read_coordinates
from core.incident_import_staging import drop, every, one, stage
from core.incident_summary import IncidentImportSummary
from core.tabular import (COMMAND_LINE, FileRefused, Limits, check_columns, read_table,
                          refuse_duplicates, sniff_text_file)
from queries.access import authorize_import
from queries.actor import Actor
from queries.db import Database
from queries.sql_files import load_sql

Progress = Callable[[float, str], None]
# the relation the staging reads: one text column per field, then the file's hour column
SOURCE_COLUMNS = (*FIELDS, "hour_written")


# -- reading the file (DuckDB in memory, whatever the target database) ---------------------------

def file_columns(path: str | Path, name: str | None = None, limits: Limits = COMMAND_LINE) -> list[str]:
    """The header of a CSV or XLSX file (for the mapping form)."""
    path = Path(path)
    name = name or path.name
    if Path(name).suffix.lower() == ".xlsx":
        return list(read_table(path.read_bytes(), name, limits=limits).columns)
    with duckdb.connect() as reader:
        return list(_read_csv(reader, path, name, limits).columns)


def read_source(path: Path, name: str, mapping: dict[str, str],
                limits: Limits = COMMAND_LINE) -> tuple[pa.Table, str | None]:
    """The rows of the file as the staging reads them (an Arrow table of SOURCE_COLUMNS, all text), and
    the name of the file's hour column, if it has one. Refuses (FileRefused) a file that cannot be read
    or does not have the mapped columns."""
    if Path(name).suffix.lower() == ".xlsx":
        # workbooks are small (their cell limit): openpyxl reads them, with their cells' number formats
        frame = read_table(path.read_bytes(), name, limits=limits, typed=True)
        check_mapping(mapping, list(frame.columns))
        fields = pd.DataFrame({f: _workbook_text(frame[mapping[f]], f in DATE_FIELDS) if f in mapping else None
                               for f in FIELDS}, dtype="string")
        hour = hour_column(list(frame.columns))
        fields["hour_written"] = pd.Series(_workbook_text(frame[hour], False) if hour else None,
                                           index=fields.index, dtype="string")
        return pa.Table.from_pandas(fields, preserve_index=False), hour
    with duckdb.connect() as reader:
        rel = _read_csv(reader, path, name, limits)
        check_mapping(mapping, rel.columns)
        varchar = duckdb.sqltype("VARCHAR")
        exprs = [ColumnExpression(mapping[f]).cast(varchar).alias(f) if f in mapping
                 else ConstantExpression(None).cast(varchar).alias(f) for f in FIELDS]
        hour = hour_column(rel.columns)
        exprs.append((ColumnExpression(hour) if hour else ConstantExpression(None)).cast(varchar)
                     .alias("hour_written"))
        try:      # the whole file is parsed here: a bad row refuses it before the target is touched
            return rel.select(*exprs).to_arrow_table(), hour
        except duckdb.Error as error:
            first = str(error).splitlines()[0][:300]
            raise FileRefused(f"{name} could not be read as a CSV file ({first}).") from None


def _read_csv(reader: duckdb.DuckDBPyConnection, path: Path, name: str,
              limits: Limits = COMMAND_LINE) -> duckdb.DuckDBPyRelation:
    if Path(name).suffix.lower() not in (".csv", ".txt"):
        raise FileRefused(f"{name} is not a CSV or XLSX file; save it as .csv or .xlsx and try again.")
    found = sniff_text_file(path, name, limits)      # refuses what is not a text CSV, or is too wide
    try:
        rel = reader.sql(load_sql("incident_source_csv"),
                         params={"path": str(path), "encoding": found.duckdb_encoding,
                                 "delimiter": found.delimiter})
        columns = rel.columns
    except duckdb.Error as error:
        first = str(error).splitlines()[0][:300]
        raise FileRefused(f"{name} is not a well-formed CSV file ({first}).") from None
    check_columns(len(columns), name, limits)
    refuse_duplicates(list(columns), name)
    return rel


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


# -- the import's unit of work ----------------------------------------------------------------

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
    locator, district_ids = district_locator(db)
    known = district_mapping.districts(db)
    mapped = district_mapping.check_mapping(db, district_map) if district_map else {}
    saved = {**district_mapping.saved_mapping(db), **mapped}
    summary = IncidentImportSummary(filename=name, offsets_are_local=offsets_are_local)
    step(0.05, f"Reading {name}…")
    source, summary.hour_column = read_source(path, name, mapping, limits)
    with rolled_back(), db.unit_of_work(actor) as uow:
        cur = uow.cur
        if mapped:
            summary.district_mappings_saved = len(mapped)
            district_mapping.save_in(uow, mapped)
        # temp objects are dropped on success; any failure rolls the whole transaction back
        step(0.15, "Reading dates, offenses and districts…")
        stage(cur, source, time_zone=clock.zone(db).key, date_column="occurred_date" in mapping,
              offsets_local=offsets_are_local)
        step(0.3, "Reading coordinates…")
        read_coordinates(cur, locator, mapping, crs)
        step(0.35, "Matching district texts to districts…")
        match_districts(cur, summary, known, saved)
        counts = one(cur, "incident_stage_summary")
        if counts["rows_read"] == 0:
            raise FileRefused(f"{name} has a header row but no data rows.")
        summary.problems = every(cur, "incident_stage_problems", limit=20)
        if counts["rows_ok"] == 0:
            raise with_rows(FileRefused(f"No row of {name} can be imported: " + _describe(summary.problems)),
                            summary.problems)
        step(0.45, "Placing incidents in districts by location…")
        summary.located_by_point = locate(cur, locator, district_ids)
        step(0.55, "Checking stated districts against locations…")
        summary.located_in_other_district, summary.stated_outside_every_district = check_stated(
            cur, locator, district_ids)
        step(0.6, f"Updating {counts['existing']:,} incidents already stored…")
        now = uow.now
        batch = {"import_batch": f"{name} {now:%Y-%m-%d %H:%M:%S}", "imported_at": now}
        if counts["existing"]:
            uow.execute("incidents_update_existing", **batch)
            uow.execute("incidents_update_existing_links")
        step(0.8, f"Writing {counts['rows_ok'] - counts['existing']:,} new incidents…")
        uow.execute("incidents_insert_new", **batch)
        no_district = one(cur, "incident_stage_no_district")["n"]
        summary.offset_hours = one(cur, "incident_stage_offset_hours")
        counted = {r["coordinates"]: r["n"] for r in every(cur, "incident_stage_coordinate_counts")}
        drop(cur)
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


def _describe(problems: list[dict]) -> str:
    shown = [f"line {p['line']}: {p['problem']}" + (f" ('{p['value']}')" if p["value"] else "")
             for p in problems[:3]]
    return "; ".join(shown) + "."
