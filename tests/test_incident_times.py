"""Incident times as the file writes them, each form on a tiny file: a written offset or Z converted
to the department's zone (across a daylight-saving change), separate date and time columns
(unpadded HHMM times), workbook dates by their number format, the 12-hour clock with seconds, and
placeholder dates counted and reported, never stored as real dates. A refused file writes nothing."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import Workbook

import cli
from core import settings
from core.district_import import import_districts
from core.incident_import import FileRefused, default_mapping, import_incidents
from queries.actor import SYSTEM, Actor
from tests.incident_files import AT, DISTRICT, NEW_YORK, in_new_york, stored, write

PREVENTION = Actor(username="cpo", role="prevention", user_id=None)
DATE_TIME = {"incident_number": "num", "occurred_date": "day", "occurred_time": "time", "district": "dist"}


@pytest.fixture
def ny_db(db):
    """A department in New York with one district W."""
    return in_new_york(db)


def imports(db) -> int:
    with db.cursor() as cur:
        return cur.execute("select count(*) from audit_log where action = 'import' and table_name = 'incidents'"
                           ).fetchone()[0]


def csv_rows(header: str, rows: dict[str, str | tuple[str, ...]]) -> str:
    """One line per incident number: its cells (a text or a tuple of texts), then district W."""
    lines = [header]
    for number, cells in rows.items():
        cells = (cells,) if isinstance(cells, str) else cells
        lines.append(",".join([number, *(f'"{c}"' for c in cells), "W"]))
    return "\n".join(lines)


# -- offsets and Z -------------------------------------------------------------------------------

OFFSETS = {   # text -> New York wall-clock time
    # the spring change, 10 March 2024: 06:30Z is 01:30 EST, 07:30Z is 03:30 EDT (02:xx never happens)
    "2024-03-10 06:30:00Z": datetime(2024, 3, 10, 1, 30),
    "2024-03-10T07:30:00Z": datetime(2024, 3, 10, 3, 30),
    "2024-03-10 02:30:00-05:00": datetime(2024, 3, 10, 3, 30),
    # the autumn change, 3 November 2024: 01:30 happens twice
    "2024-11-03 05:30:00+00": datetime(2024, 11, 3, 1, 30),
    "2024-11-03 06:30:00+00": datetime(2024, 11, 3, 1, 30),
    # Philadelphia's dispatch_date_time (UTC) and DC's REPORT_DAT (UTC, slashes)
    "2025-01-07 02:45:00+00": datetime(2025, 1, 6, 21, 45),
    "2021/03/23 20:58:24+00": datetime(2021, 3, 23, 16, 58, 24),
    "2023-01-02 03:04 +0530": datetime(2023, 1, 1, 16, 34),
    "01/02/2024 10:00 -05:00": datetime(2024, 1, 2, 10, 0),
    "2023-07-01T12:00:00.5-07:00": datetime(2023, 7, 1, 15, 0, 0, 500000),
    # no offset: the department's wall clock as written, even a time the spring change skips
    "2024-03-10 06:30:00": datetime(2024, 3, 10, 6, 30),
    "2024-03-10 02:30": datetime(2024, 3, 10, 2, 30),
    "3/10/2024 7:30 AM": datetime(2024, 3, 10, 7, 30),
}


def test_an_offset_or_z_is_converted_to_the_departments_zone_and_a_naive_time_is_kept(ny_db, tmp_path):
    rows = {f"O{i}": text for i, text in enumerate(OFFSETS)}
    summary = import_incidents(ny_db, PREVENTION, write(tmp_path, csv_rows("num,when,dist", rows)), AT)
    assert stored(ny_db) == {f"O{i}": when for i, when in enumerate(OFFSETS.values())}
    assert summary.imported == len(OFFSETS) and summary.problems == []


def test_with_no_zone_named_an_offset_is_converted_to_utc(db, tmp_path):
    import_districts(db, SYSTEM, DISTRICT, id_field="code", name_field=None)
    rows = {"U1": "2023-01-02 03:04:05-05:00", "U2": "2023-01-02T03:04:05Z", "U3": "2023-01-02 03:04:05"}
    import_incidents(db, PREVENTION, write(tmp_path, csv_rows("num,when,dist", rows)), AT)
    assert stored(db) == {"U1": datetime(2023, 1, 2, 8, 4, 5), "U2": datetime(2023, 1, 2, 3, 4, 5),
                          "U3": datetime(2023, 1, 2, 3, 4, 5)}


# -- separate date and time columns --------------------------------------------------------------

DATES_AND_TIMES = {   # (date text, time text) -> wall-clock time
    ("01/05/2022", "23:45:00"): datetime(2022, 1, 5, 23, 45),          # NYC OCCUR_DATE / OCCUR_TIME
    ("2018/12/01", "00:25"): datetime(2018, 12, 1, 0, 25),             # San Francisco
    ("2025-01-06", "21:45:00"): datetime(2025, 1, 6, 21, 45),          # Philadelphia dispatch_date / _time
    ("11/6/2022 0:00", "1730"): datetime(2022, 11, 6, 17, 30),         # Los Angeles DATE OCC / TIME OCC
    ("11/6/2022 0:00", "5"): datetime(2022, 11, 6, 0, 5),
    ("11/6/2022 0:00", "58"): datetime(2022, 11, 6, 0, 58),
    ("11/6/2022 0:00", "130"): datetime(2022, 11, 6, 1, 30),
    ("11/6/2022 0:00", "0"): datetime(2022, 11, 6, 0, 0),
    ("3/10/2024", "2:30 PM"): datetime(2024, 3, 10, 14, 30),
    ("3/10/2024", "7:05:09"): datetime(2024, 3, 10, 7, 5, 9),
    ("3/10/2024", ""): datetime(2024, 3, 10, 0, 0),                    # no time written: the day at 00:00
    ("2024-03-10T00:00:00Z", "06:30"): datetime(2024, 3, 10, 6, 30),   # a date at midnight, as written
}
BAD_TIMES = {   # (date text, time text) -> (field, value, problem)
    ("3/10/2024", "2460"): ("occurred_time", "2460", "time not understood"),
    ("3/10/2024", "25:00"): ("occurred_time", "25:00", "time not understood"),
    ("3/10/2024", "12345"): ("occurred_time", "12345", "time not understood"),
    ("3/10/2024", "noon"): ("occurred_time", "noon", "time not understood"),
    ("3/10/2024 14:30", "14:30"): ("occurred_date", "3/10/2024 14:30",
                                   "the date column holds a time of day; map it as the date and time"),
    ("", "14:30"): ("occurred_date", None, "no date"),
    ("3/32/2024", "14:30"): ("occurred_date", "3/32/2024", "date not understood"),
}


def test_separate_date_and_time_columns_make_one_wall_clock_time(ny_db, tmp_path):
    good = {f"G{i}": pair for i, pair in enumerate(DATES_AND_TIMES)}
    bad = {f"B{i}": pair for i, pair in enumerate(BAD_TIMES)}
    summary = import_incidents(ny_db, PREVENTION, write(tmp_path, csv_rows("num,day,time,dist", good | bad)),
                               DATE_TIME)
    assert stored(ny_db) == {f"G{i}": when for i, when in enumerate(DATES_AND_TIMES.values())}
    assert [(p["field"], p["value"], p["problem"]) for p in summary.problems] == list(BAD_TIMES.values())
    assert summary.bad_date == len(BAD_TIMES)


def test_a_date_column_alone_imports_the_day_at_midnight(ny_db, tmp_path):
    rows = {"D1": "01/05/2022", "D2": "2025-01-06"}
    import_incidents(ny_db, PREVENTION, write(tmp_path, csv_rows("num,day,dist", rows)),
                     {"incident_number": "num", "occurred_date": "day", "district": "dist"})
    assert stored(ny_db) == {"D1": datetime(2022, 1, 5), "D2": datetime(2025, 1, 6)}


def test_the_usual_date_and_time_column_names_are_recognised():
    def when(columns: list[str]) -> dict[str, str]:
        return {f: c for f, c in default_mapping(columns).items() if f.startswith("occurred")}

    assert when(["INCIDENT_KEY", "OCCUR_DATE", "OCCUR_TIME", "BORO"]) == {
        "occurred_date": "OCCUR_DATE", "occurred_time": "OCCUR_TIME"}
    assert when(["DR_NO", "Date Rptd", "DATE OCC", "TIME OCC", "LAT", "LON"]) == {
        "occurred_date": "DATE OCC", "occurred_time": "TIME OCC"}
    assert when(["dispatch_date_time", "dispatch_date", "dispatch_time"]) == {
        "occurred_date": "dispatch_date", "occurred_time": "dispatch_time"}
    # a column holding the date and time wins over separate ones; a time alone is not offered
    assert when(["Incident Datetime", "Incident Date", "Incident Time"]) == {"occurred_at": "Incident Datetime"}
    assert when(["num", "OCCUR_TIME"]) == {}


@pytest.mark.parametrize("mapping, reason", [
    ({"incident_number": "num", "occurred_at": "when", "occurred_date": "day", "district": "dist"},
     "not both"),
    ({"incident_number": "num", "occurred_time": "time", "district": "dist"}, "occurred_time"),
    ({"incident_number": "num", "district": "dist"}, "occurred_at"),
])
def test_a_mapping_gives_one_date_and_time_or_a_date_and_a_time(ny_db, tmp_path, mapping, reason):
    path = write(tmp_path, "num,when,day,time,dist\nM1,2024-01-02 10:00,2024-01-02,10:00,W")
    with pytest.raises(FileRefused, match=reason):
        import_incidents(ny_db, PREVENTION, path, mapping)
    assert stored(ny_db) == {} and imports(ny_db) == 0


# -- workbooks -----------------------------------------------------------------------------------

def workbook(tmp_path, rows: list[tuple], formats: dict[int, str], name: str = "incidents.xlsx"):
    """A workbook with the header num, day, time, dist; `formats`: column index -> number format
    of that column's data cells."""
    book = Workbook()
    sheet = book.active
    sheet.append(["num", "day", "time", "dist"])
    for row in rows:
        sheet.append(list(row))
    for index, number_format in formats.items():
        for cells in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
            cells[0].number_format = number_format
    path = tmp_path / name
    book.save(path)
    return path


def test_workbook_dates_import_by_their_number_format_and_bare_numbers_are_not_dates(ny_db, tmp_path):
    # Los Angeles: DATE OCC an Excel serial day formatted m/d/yy h:mm (44870 = 5 Nov 2022), TIME OCC HHMM
    dated = workbook(tmp_path, [("L1", 44870, 1730, "W"), ("L2", 44870.75, None, "W"), ("L3", 44871, 5, "W")],
                     {1: "m/d/yy h:mm"})
    summary = import_incidents(ny_db, PREVENTION, dated, {"incident_number": "num", "occurred_at": "day",
                                                          "district": "dist"})
    assert stored(ny_db) == {"L1": datetime(2022, 11, 5), "L2": datetime(2022, 11, 5, 18), "L3": datetime(2022, 11, 6)}
    assert summary.imported == 3
    import_incidents(ny_db, PREVENTION, dated, {"incident_number": "num", "occurred_date": "day",
                                                "occurred_time": "time", "district": "dist"})
    assert stored(ny_db)["L1"] == datetime(2022, 11, 5, 17, 30) and stored(ny_db)["L3"] == datetime(2022, 11, 6, 0, 5)
    # the same numbers in General format are numbers: never silently a date
    general = workbook(tmp_path, [("N1", 44870, 1730, "W"), ("N2", "2022-11-05 10:00", None, "W")], {},
                       name="general.xlsx")
    summary = import_incidents(ny_db, PREVENTION, general, {"incident_number": "num", "occurred_at": "day",
                                                            "district": "dist"})
    assert "N1" not in stored(ny_db) and stored(ny_db)["N2"] == datetime(2022, 11, 5, 10)
    assert [(p["line"], p["value"], p["problem"]) for p in summary.problems] == [
        (2, "44870", "a number, not a date (a workbook cell is a date when its number format is one)")]
    assert summary.bad_date == 1


def test_a_bare_number_in_a_csv_date_column_is_not_a_date(ny_db, tmp_path):
    rows = {"C1": "44870", "C2": "45000.5", "C3": "2024-01-02"}
    summary = import_incidents(ny_db, PREVENTION, write(tmp_path, csv_rows("num,when,dist", rows)), AT)
    assert stored(ny_db) == {"C3": datetime(2024, 1, 2)}
    assert [p["value"] for p in summary.problems] == ["44870", "45000.5"]
    assert {p["problem"] for p in summary.problems} == {
        "a number, not a date (a workbook cell is a date when its number format is one)"}


# -- the 12-hour clock with seconds (Seattle; San Francisco writes the year first) -----------------

def test_month_day_year_with_seconds_and_am_pm_imports(ny_db, tmp_path):
    rows = {"S1": "01/02/2019 12:05:00 AM", "S2": "06/30/2019 01:15:30 PM", "S3": "12/31/2019 12:00:00 PM",
            "S4": "3/10/2024 2:59:59 AM", "F1": "2018/12/01 12:25:00 AM", "F2": "2018-12-01 01:05 PM"}
    text = "\ufeff" + csv_rows("Report Number,Report DateTime,Beat", rows)    # Seattle's file has a BOM
    import_incidents(ny_db, PREVENTION, write(tmp_path, text),
                     {"incident_number": "Report Number", "occurred_at": "Report DateTime", "district": "Beat"})
    assert stored(ny_db) == {"S1": datetime(2019, 1, 2, 0, 5), "S2": datetime(2019, 6, 30, 13, 15, 30),
                             "S3": datetime(2019, 12, 31, 12, 0), "S4": datetime(2024, 3, 10, 2, 59, 59),
                             "F1": datetime(2018, 12, 1, 0, 25), "F2": datetime(2018, 12, 1, 13, 5)}


# -- placeholder dates ---------------------------------------------------------------------------

PLACEHOLDERS = ["1970-01-01", "1970-01-01 00:00:00", "1970/01/01 00:00:00+00", "01/01/1970 12:00:00 AM",
                "1970-01-01T05:00:00Z", "1900-01-00", "1/0/1900", "1900-01-01", "1900-01-01 00:00", "1899-12-30"]


def test_placeholder_dates_are_counted_and_reported_not_imported(ny_db, tmp_path):
    rows = {f"P{i}": text for i, text in enumerate(PLACEHOLDERS)} | {"REAL": "2021-01-04 10:00"}
    summary = import_incidents(ny_db, PREVENTION, write(tmp_path, csv_rows("num,when,dist", rows)), AT)
    assert stored(ny_db) == {"REAL": datetime(2021, 1, 4, 10)}
    assert summary.placeholder_date == len(PLACEHOLDERS) and summary.bad_date == 0
    assert [(p["value"], p["problem"]) for p in summary.problems] == [
        (text, "placeholder date, not a real date") for text in PLACEHOLDERS]
    assert f"{len(PLACEHOLDERS)} rows had a placeholder date (such as 1970-01-01), not imported." in summary.lines()


def test_a_placeholder_date_beside_a_time_column_is_a_placeholder_too(ny_db, tmp_path):
    rows = {"T1": ("01/01/1970", "10:00"), "T2": ("1900-01-00", "1730"), "T3": ("01/05/2022", "10:00")}
    summary = import_incidents(ny_db, PREVENTION, write(tmp_path, csv_rows("num,day,time,dist", rows)), DATE_TIME)
    assert stored(ny_db) == {"T3": datetime(2022, 1, 5, 10)}
    assert summary.placeholder_date == 2
    assert [(p["field"], p["problem"]) for p in summary.problems] == [
        ("occurred_date", "placeholder date, not a real date")] * 2


def test_excel_day_zero_and_day_one_are_placeholders(ny_db, tmp_path):
    path = workbook(tmp_path, [("Z0", 0, None, "W"), ("Z1", 0.25, None, "W"), ("D1", 1, None, "W"),
                               ("OK", 45000, None, "W")], {1: "m/d/yy h:mm"})
    summary = import_incidents(ny_db, PREVENTION, path, {"incident_number": "num", "occurred_at": "day",
                                                         "district": "dist"})
    assert stored(ny_db) == {"OK": datetime(2023, 3, 15)}
    assert summary.placeholder_date == 3


def test_a_file_of_placeholder_dates_only_is_refused_and_nothing_is_written(ny_db, tmp_path):
    rows = {"P1": "1970-01-01 00:00:00+00", "P2": "1900-01-00"}
    with pytest.raises(FileRefused, match="placeholder date"):
        import_incidents(ny_db, PREVENTION, write(tmp_path, csv_rows("num,when,dist", rows)), AT)
    assert stored(ny_db) == {} and imports(ny_db) == 0


def test_a_file_with_unreadable_times_only_is_refused_and_nothing_is_written(ny_db, tmp_path):
    rows = {"B1": ("3/10/2024", "2460"), "B2": ("3/10/2024", "noon")}
    with pytest.raises(FileRefused, match="time not understood"):
        import_incidents(ny_db, PREVENTION, write(tmp_path, csv_rows("num,day,time,dist", rows)), DATE_TIME)
    assert stored(ny_db) == {} and imports(ny_db) == 0


def test_the_command_line_maps_a_date_and_a_time_and_reports_placeholders(tmp_path, capsys):
    path = tmp_path / "cli.duckdb"
    from queries.db import Database

    db = Database(path)
    import_districts(db, SYSTEM, DISTRICT, id_field="code", name_field=None)
    settings.save(db, SYSTEM, settings.TIME_ZONE, NEW_YORK, None)
    db.close()
    csv_path = write(tmp_path, "INCIDENT_KEY,OCCUR_DATE,OCCUR_TIME,PRECINCT\n"
                               "K1,01/05/2022,23:45:00,W\nK2,01/01/1970,00:00:00,W\n")
    assert cli.main(["--db", str(path), "import", "incidents", str(csv_path), "--quiet",
                     "--map", "incident_number=INCIDENT_KEY", "--map", "occurred_date=OCCUR_DATE",
                     "--map", "occurred_time=OCCUR_TIME", "--map", "district=PRECINCT"]) == 0
    out = capsys.readouterr().out
    assert "1 rows had a placeholder date" not in out        # counts agree with their nouns
    assert "1 row had a placeholder date (such as 1970-01-01), not imported." in out
    assert "line 3: placeholder date, not a real date ('01/01/1970')" in out
    db = Database(path)
    assert stored(db) == {"K1": datetime(2022, 1, 5, 23, 45)}
    db.close()


def test_the_crime_data_page_offers_the_date_and_time_columns_and_reports_placeholders(tmp_path, monkeypatch):
    from tests.apptest_support import make_accounts_db, page_file, signed_in
    from queries.db import Database

    path = make_accounts_db(tmp_path / "page.duckdb")
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    data = b"INCIDENT_KEY,OCCUR_DATE,OCCUR_TIME,PRECINCT\nK1,01/05/2022,23:45:00,W\nK2,01/01/1970,00:00:00,W\n"
    at = signed_in("boss")
    at.switch_page(page_file("crime_data.py")).run()
    at.file_uploader(key="incident_file").set_value(("shootings.csv", data, "text/csv")).run()
    assert at.selectbox(key="map_occurred_date").value == "OCCUR_DATE"
    assert at.selectbox(key="map_occurred_time").value == "OCCUR_TIME"
    assert at.selectbox(key="map_occurred_at").value == ""
    at.selectbox(key="map_incident_number").set_value("INCIDENT_KEY")
    at.selectbox(key="map_district").set_value("PRECINCT")
    next(b for b in at.button if b.label == "Import").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "1 row had a placeholder date (such as 1970-01-01), not imported." in at.success[0].value
    assert at.dataframe[0].value.to_dict("records") == [{"line": 3, "field": "Date", "value": "01/01/1970",
                                                         "problem": "placeholder date, not a real date"}]
    db = Database(path)
    assert stored(db) == {"K1": datetime(2022, 1, 5, 23, 45)}      # no zone named: UTC, as written
    db.close()
