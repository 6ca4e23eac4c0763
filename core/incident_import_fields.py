"""The fields of an incident import, the usual export column names for them, and the checks of a
mapping (field -> the file's column) before any row is read."""

from __future__ import annotations

from core.tabular import FileRefused

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


def hour_column(columns: list[str]) -> str | None:
    """The file's hour-of-day column (HOUR, hour), if it has one."""
    return next((c for c in columns if c.strip().lower() in HOUR_COLUMNS), None)
