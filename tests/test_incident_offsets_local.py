"""A file whose UTC offsets are wrong: Boston writes '+00' on times that are its local time (its HOUR
column equals the written hour on every row). Imported with the choice "the file's offsets are
wrong" the times are the department's wall clock as written; without it they are converted as
usual, and the summary warns when an hour column matches the written hour but not the converted
one. Tiny files for each case, the command line, the Crime data page, and Boston's real export."""

from __future__ import annotations

import json
from datetime import datetime

import pandas as pd
from openpyxl import Workbook

import cli
from core import settings
from core.incident_import import default_mapping, file_columns, import_incidents
from queries.actor import SYSTEM, Actor
from queries.db import Database
from tests.database_support import new_database
from tests.incident_files import AT, DISTRICT, NEW_YORK, in_new_york, stored, write
from tests.realdata import REALDATA, realdata

PREVENTION = Actor(username="cpo", role="prevention", user_id=None)
# a Boston-like file: '+00' written on local times, and an HOUR column holding the written hour
LOCAL_WITH_OFFSETS = ("num,when,HOUR,dist\n"
                      "B1,2023-01-01 00:30:00+00,0,W\n"
                      "B2,2023-01-15 17:05:00+00,17,W\n"
                      "B3,2023-07-04 21:00:00Z,21,W\n")
WALL_CLOCK = {"B1": datetime(2023, 1, 1, 0, 30), "B2": datetime(2023, 1, 15, 17, 5),
              "B3": datetime(2023, 7, 4, 21, 0)}
CONVERTED = {"B1": datetime(2022, 12, 31, 19, 30), "B2": datetime(2023, 1, 15, 12, 5),
             "B3": datetime(2023, 7, 4, 17, 0)}
OPTION = "The file's time offsets are wrong: read its times as our local time"


def ny_database(path) -> Database:
    return in_new_york(new_database(path))


def last_import_detail(db) -> dict:
    with db.cursor() as cur:
        return json.loads(cur.execute("select detail from audit_log where action = 'import' "
                                      "and table_name = 'incidents' order by id desc limit 1").fetchone()[0])


def test_with_the_choice_a_written_offset_keeps_the_wall_clock_and_without_it_converts(tmp_path):
    db = ny_database(tmp_path / "ny.duckdb")
    try:
        path = write(tmp_path, "num,when,dist\n"
                               "L1,2024-03-10 06:30:00Z,W\nL2,2023-01-02 03:04 +0530,W\n"
                               "L3,01/02/2024 10:00 -08:00,W\nL4,2024-03-10 02:30,W\n")
        as_written = {"L1": datetime(2024, 3, 10, 6, 30), "L2": datetime(2023, 1, 2, 3, 4),
                      "L3": datetime(2024, 1, 2, 10, 0), "L4": datetime(2024, 3, 10, 2, 30)}
        import_incidents(db, PREVENTION, path, AT)
        assert stored(db) == {"L1": datetime(2024, 3, 10, 1, 30), "L2": datetime(2023, 1, 1, 16, 34),
                              "L3": datetime(2024, 1, 2, 13, 0), "L4": datetime(2024, 3, 10, 2, 30)}
        assert last_import_detail(db)["offsets_are_local"] is False
        summary = import_incidents(db, PREVENTION, path, AT, offsets_are_local=True)
        assert stored(db) == as_written and summary.updated == 4
        assert last_import_detail(db)["offsets_are_local"] is True
    finally:
        db.close()


def test_an_hour_column_matching_the_written_hour_warns_and_nothing_is_changed_silently(tmp_path):
    db = ny_database(tmp_path / "ny.duckdb")
    try:
        summary = import_incidents(db, PREVENTION, write(tmp_path, LOCAL_WITH_OFFSETS), AT)
        assert stored(db) == CONVERTED
        assert len(summary.warnings) == 1
        warning = summary.warnings[0]
        assert "the HOUR column equals the hour as written on 3 of 3 rows" in warning
        assert OPTION in warning and "--offsets-are-local" in warning
        assert warning not in summary.lines()
        # chosen: the wall clock as written, and no warning (the hour column matches what is stored)
        summary = import_incidents(db, PREVENTION, write(tmp_path, LOCAL_WITH_OFFSETS), AT, offsets_are_local=True)
        assert stored(db) == WALL_CLOCK and summary.warnings == []
    finally:
        db.close()


def test_no_warning_without_an_hour_column_or_when_it_matches_the_converted_hour(tmp_path):
    db = ny_database(tmp_path / "ny.duckdb")
    try:
        no_hour = "\n".join(line.rsplit(",", 2)[0] + ",W" if i else "num,when,dist"
                            for i, line in enumerate(LOCAL_WITH_OFFSETS.splitlines()))
        assert import_incidents(db, PREVENTION, write(tmp_path, no_hour, "no_hour.csv"), AT).warnings == []
        # truly UTC times whose hour column is the local hour (as a file converted right would have)
        utc = ("num,when,hour,dist\nU1,2023-01-01 05:30:00+00,0,W\nU2,2023-01-15 22:05:00+00,17,W\n")
        assert import_incidents(db, PREVENTION, write(tmp_path, utc, "utc.csv"), AT).warnings == []
        # no offsets written: nothing to doubt, whatever the hour column says
        naive = "num,when,hour,dist\nN1,2023-01-01 00:30:00,0,W\n"
        assert import_incidents(db, PREVENTION, write(tmp_path, naive, "naive.csv"), AT).warnings == []
        # an hour column that matches the written hour on a few rows only
        mixed = ("num,when,hour,dist\nM1,2023-01-01 00:30:00+00,0,W\nM2,2023-01-15 17:05:00+00,12,W\n"
                 "M3,2023-07-04 21:00:00Z,17,W\n")
        assert import_incidents(db, PREVENTION, write(tmp_path, mixed, "mixed.csv"), AT).warnings == []
    finally:
        db.close()


def test_a_workbook_hour_column_warns_too(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["num", "when", "Hour", "dist"])
    for line in LOCAL_WITH_OFFSETS.splitlines()[1:]:
        num, when, hour, dist = line.split(",")
        sheet.append([num, when, int(hour), dist])
    path = tmp_path / "incidents.xlsx"
    book.save(path)
    db = ny_database(tmp_path / "ny.duckdb")
    try:
        summary = import_incidents(db, PREVENTION, path, AT)
        assert stored(db) == CONVERTED
        assert [w for w in summary.warnings if "the Hour column equals the hour as written on 3 of 3 rows" in w]
    finally:
        db.close()


def test_the_command_line_takes_offsets_are_local_and_prints_the_warning_without_it(tmp_path, capsys):
    path = tmp_path / "cli.duckdb"
    ny_database(path).close()
    csv_path = write(tmp_path, LOCAL_WITH_OFFSETS)
    command = ["--db", str(path), "import", "incidents", str(csv_path), "--quiet",
               "--map", "incident_number=num", "--map", "occurred_at=when", "--map", "district=dist"]
    assert cli.main(command) == 0
    out = capsys.readouterr().out
    assert "Warning: The times carry a UTC offset, but the HOUR column equals the hour as written" in out
    db = Database(path)
    assert stored(db) == CONVERTED
    db.close()
    assert cli.main([*command, "--offsets-are-local"]) == 0
    assert "Warning" not in capsys.readouterr().out
    db = Database(path)
    assert stored(db) == WALL_CLOCK and last_import_detail(db)["offsets_are_local"] is True
    db.close()


def test_the_crime_data_page_warns_and_the_box_keeps_the_wall_clock(tmp_path, monkeypatch):
    from tests.apptest_support import make_accounts_db, page_file, signed_in

    path = make_accounts_db(tmp_path / "page.duckdb")
    db = Database(path)
    settings.save(db, SYSTEM, settings.TIME_ZONE, NEW_YORK, None)
    db.close()
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    data = LOCAL_WITH_OFFSETS.replace(",W\n", ",N\n").encode()
    at = signed_in("boss")
    at.switch_page(page_file("crime_data.py")).run()
    at.file_uploader(key="incident_file").set_value(("boston.csv", data, "text/csv")).run()
    box = at.checkbox(key="incident_offsets_local")
    assert box.label == OPTION and box.value is False and "hour column" in box.help
    for field, column in AT.items():
        at.selectbox(key=f"map_{field}").set_value(column)
    next(b for b in at.button if b.label == "Import").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [w.value for w in at.warning if "HOUR column equals the hour as written on 3 of 3 rows" in w.value]
    db = Database(path)
    assert stored(db) == CONVERTED
    db.close()
    at.checkbox(key="incident_offsets_local").check()
    next(b for b in at.button if b.label == "Import").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert not [w for w in at.warning if "UTC offset" in w.value]
    db = Database(path)
    assert stored(db) == WALL_CLOCK and last_import_detail(db)["offsets_are_local"] is True
    db.close()


@realdata
def test_boston_with_its_offsets_read_as_local_time_stores_the_hour_of_its_hour_column(tmp_path):
    file = REALDATA / "boston_crime_incidents_2023q1.csv"
    mapping = default_mapping(file_columns(file))
    assert mapping["occurred_at"] == "OCCURRED_ON_DATE"
    rows = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    rows["num"] = rows["INCIDENT_NUMBER"].str.strip()
    rows = rows[rows["num"] != ""].drop_duplicates("num", keep="last").set_index("num")
    assert rows["OCCURRED_ON_DATE"].str.endswith("+00").all()
    written = pd.to_datetime(rows["OCCURRED_ON_DATE"].str.removesuffix("+00"), format="%Y-%m-%d %H:%M:%S")
    assert (written.dt.hour == rows["HOUR"].astype(int)).all()

    db = ny_database(tmp_path / "boston.duckdb")
    try:
        converted = import_incidents(db, SYSTEM, file, mapping)
        assert [w for w in converted.warnings if "the HOUR column equals the hour as written on" in w]
        assert stored(db)[rows.index[0]] != written.iloc[0].to_pydatetime()
        summary = import_incidents(db, SYSTEM, file, mapping, offsets_are_local=True)
        assert summary.warnings == [] and summary.imported == len(rows)
        got = stored(db)
        assert len(got) == len(rows)
        hours = pd.Series({num: when.hour for num, when in got.items()})
        assert (hours.reindex(rows.index) == rows["HOUR"].astype(int)).all()
        assert got == {num: moment.to_pydatetime() for num, moment in written.items()}
    finally:
        db.close()
