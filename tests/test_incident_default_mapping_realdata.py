"""A city's own export maps itself: the import form and `cli.py import incidents` without --map
recognise each real export's incident number, date, district and location columns, and
importing with that guess places the same incidents in their stated districts as an explicit map."""

from __future__ import annotations

import pytest

from core.incident_import import default_mapping, file_columns
from tests.realdata import REALDATA, realdata

EXPORTS = {      # file -> the columns a person reading the file would pick
    "boston_crime_incidents_2023q1.csv":
        {"incident_number": "INCIDENT_NUMBER", "occurred_at": "OCCURRED_ON_DATE", "district": "DISTRICT",
         "latitude": "Lat", "longitude": "Long"},
    "dc_crime_incidents_2021_jan_apr.csv":
        {"incident_number": "CCN", "occurred_at": "START_DATE", "district": "DISTRICT",
         "latitude": "LATITUDE", "longitude": "LONGITUDE"},
    "los_angeles_crime_incidents_2022_sample.csv":
        {"incident_number": "DR_NO", "occurred_date": "DATE OCC", "occurred_time": "TIME OCC", "district": "AREA",
         "latitude": "LAT", "longitude": "LON", "description": "Crm Cd Desc"},
    "nyc_shooting_incidents_2022.csv":
        {"incident_number": "INCIDENT_KEY", "occurred_date": "OCCUR_DATE", "occurred_time": "OCCUR_TIME",
         "district": "PRECINCT", "latitude": "Latitude", "longitude": "Longitude",
         "location": "New Georeferenced Column"},
    "nyc_hate_crimes_2019_2021.csv":
        {"incident_number": "Full Complaint ID", "occurred_date": "Record Create Date",
         "district": "Complaint Precinct Code", "description": "Offense Description"},
    "philadelphia_crime_incidents_2025_01.csv":
        {"incident_number": "dc_key", "occurred_date": "dispatch_date", "occurred_time": "dispatch_time",
         "district": "dc_dist",
         "latitude": "lat", "longitude": "lng", "description": "text_general_code"},
    "san_francisco_crime_incidents_2018_12.csv":
        {"incident_number": "Incident Number", "occurred_at": "Incident Datetime", "district": "Police District",
         "latitude": "Latitude", "longitude": "Longitude", "location": "point",
         "description": "Incident Description"},
    "seattle_robbery_incidents_2007_2020.csv":
        {"incident_number": "Report Number", "occurred_at": "Offense Start DateTime",
         "latitude": "Latitude", "longitude": "Longitude", "address": "100 Block Address"},
}


@realdata
@pytest.mark.parametrize("file", sorted(EXPORTS))
def test_each_real_export_s_columns_are_recognised(file):
    guessed = default_mapping(file_columns(REALDATA / file))
    expected = EXPORTS[file]
    assert {field: guessed.get(field) for field in expected} == expected
    # one way of giving the time, and never a coordinate column that is really an address
    assert not ("occurred_at" in guessed and "occurred_date" in guessed)
    assert guessed.get("location") in (None, "point", "New Georeferenced Column", "the_geom")
