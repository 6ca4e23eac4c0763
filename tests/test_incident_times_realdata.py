"""Real exports' times, imported whole and compared on every row with an answer computed here by
pandas from the raw file: Philadelphia's UTC dispatch_date_time equals its local dispatch_date +
dispatch_time, DC's UTC REPORT_DAT is converted to Eastern time and its END_DATE placeholders are
counted, Los Angeles's date and HHMM time columns agree between the CSV and the workbook (Excel
serial dates), New York's and San Francisco's separate columns, and Seattle's 12-hour clock."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from core import settings
from core.incident_import import import_incidents
from queries.actor import SYSTEM
from queries.db import Database
from tests.realdata import REALDATA

pytestmark = [pytest.mark.realdata,
              pytest.mark.skipif(not REALDATA.exists(), reason=f"real public test data not found at {REALDATA}")]
EASTERN = "America/New_York"


def imported(tmp_path, name: str, file: str, mapping: dict[str, str], zone: str = EASTERN):
    """Import `file` into a fresh database of a department in `zone`: (number -> occurred_at, summary)."""
    db = Database(tmp_path / f"{name}.duckdb")
    try:
        settings.save(db, SYSTEM, settings.TIME_ZONE, zone, None)
        summary = import_incidents(db, SYSTEM, REALDATA / file, mapping)
        with db.cursor() as cur:
            rows = dict(cur.execute("select incident_number, occurred_at from incidents").fetchall())
    finally:
        db.close()
    return rows, summary


def raw(file: str, number: str) -> pd.DataFrame:
    """The file's rows with a number, the last row of a repeated number kept (as the import does)."""
    frame = pd.read_csv(REALDATA / file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame["num"] = frame[number].str.strip()
    return frame[frame["num"] != ""].drop_duplicates("num", keep="last").set_index("num")


def as_dict(moments: pd.Series) -> dict[str, datetime]:
    return {num: moment.to_pydatetime() for num, moment in moments.items()}


def test_philadelphias_utc_dispatch_time_is_its_local_dispatch_date_and_time_on_every_row(tmp_path):
    file = "philadelphia_crime_incidents_2025_01.csv"
    utc, _ = imported(tmp_path, "utc", file, {"incident_number": "objectid", "occurred_at": "dispatch_date_time",
                                              "district": "dc_dist"})
    local, _ = imported(tmp_path, "local", file, {"incident_number": "objectid", "occurred_date": "dispatch_date",
                                                  "occurred_time": "dispatch_time", "district": "dc_dist"})
    rows = raw(file, "objectid")
    want = pd.to_datetime(rows["dispatch_date_time"], utc=True).dt.tz_convert(EASTERN).dt.tz_localize(None)
    assert len(utc) == len(rows) == 7874
    assert utc == local == as_dict(want)
    assert as_dict(pd.to_datetime(rows["dispatch_date"] + " " + rows["dispatch_time"])) == local


def test_dcs_utc_report_times_are_eastern_and_its_end_date_placeholders_are_counted(tmp_path):
    file = "dc_crime_incidents_2021_jan_apr.csv"
    reported, _ = imported(tmp_path, "reported", file, {"incident_number": "CCN", "occurred_at": "REPORT_DAT",
                                                        "district": "DISTRICT"})
    rows = raw(file, "CCN")
    want = pd.to_datetime(rows["REPORT_DAT"], format="%Y/%m/%d %H:%M:%S%z", utc=True)
    assert reported == as_dict(want.dt.tz_convert(EASTERN).dt.tz_localize(None))
    ended, summary = imported(tmp_path, "ended", file, {"incident_number": "CCN", "occurred_at": "END_DATE",
                                                        "district": "DISTRICT"})
    every = pd.read_csv(REALDATA / file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    placeholders = every[(every["CCN"].str.strip() != "") & every["END_DATE"].str.startswith("1970/01/01")]
    assert summary.placeholder_date == len(placeholders) > 700
    assert not set(ended) & set(rows.index[rows["END_DATE"].str.startswith("1970/01/01")])
    assert min(ended.values()) > datetime(2000, 1, 1)


def _los_angeles_answer(rows: pd.DataFrame) -> pd.Series:
    day = pd.to_datetime(rows["DATE OCC"], format="%m/%d/%Y %H:%M")
    hhmm = rows["TIME OCC"].str.zfill(4)
    return day + pd.to_timedelta(hhmm.str[:2].astype(int), unit="h") + pd.to_timedelta(hhmm.str[2:].astype(int),
                                                                                         unit="m")


def test_los_angeles_date_and_hhmm_time_agree_between_the_csv_and_the_workbook(tmp_path):
    mapping = {"incident_number": "DR_NO", "occurred_date": "DATE OCC", "occurred_time": "TIME OCC",
               "district": "AREA"}
    from_csv, _ = imported(tmp_path, "csv", "los_angeles_crime_incidents_2022_sample.csv", mapping)
    from_xlsx, summary = imported(tmp_path, "xlsx", "los_angeles_crime_incidents_2022_sample.xlsx", mapping)
    want = as_dict(_los_angeles_answer(raw("los_angeles_crime_incidents_2022_sample.csv", "DR_NO")))
    assert len(want) == 1000 and summary.imported == 1000
    assert from_csv == from_xlsx == want


def test_new_york_and_san_francisco_separate_date_and_time_columns(tmp_path):
    nyc, _ = imported(tmp_path, "nyc", "nyc_shooting_incidents_2022.csv",
                      {"incident_number": "INCIDENT_KEY", "occurred_date": "OCCUR_DATE",
                       "occurred_time": "OCCUR_TIME", "district": "PRECINCT"})
    rows = raw("nyc_shooting_incidents_2022.csv", "INCIDENT_KEY")
    assert nyc == as_dict(pd.to_datetime(rows["OCCUR_DATE"] + " " + rows["OCCUR_TIME"], format="%m/%d/%Y %H:%M:%S"))
    file = "san_francisco_crime_incidents_2018_12.csv"
    separate, _ = imported(tmp_path, "sf_separate", file, {"incident_number": "Row ID", "occurred_date": "Incident Date",
                                                           "occurred_time": "Incident Time",
                                                           "district": "Police District"})
    together, _ = imported(tmp_path, "sf_together", file, {"incident_number": "Row ID",
                                                           "occurred_at": "Incident Datetime",
                                                           "district": "Police District"})
    rows = raw(file, "Row ID")
    assert separate == together == as_dict(pd.to_datetime(rows["Incident Datetime"], format="%Y/%m/%d %I:%M:%S %p"))


def test_seattles_twelve_hour_clock_with_seconds(tmp_path):
    file = "seattle_robbery_incidents_2007_2020.csv"
    got, summary = imported(tmp_path, "seattle", file, {"incident_number": "Offense ID",
                                                        "occurred_at": "Report DateTime", "district": "Beat"},
                            zone="America/Los_Angeles")
    rows = raw(file, "Offense ID")
    assert summary.bad_date == 0 and summary.placeholder_date == 0
    assert got == as_dict(pd.to_datetime(rows["Report DateTime"], format="%m/%d/%Y %I:%M:%S %p"))
