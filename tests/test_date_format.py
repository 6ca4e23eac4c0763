"""One date format wherever people read a date: "1 Jul 2024", "1 Jul 2024, 14:05", and, where the
zone must be named, "1 Jul 2024, 14:05 EDT". ISO dates stay where machines read them (file names,
stored report snapshots, parsing) and in the date pickers, which only take numeric formats."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st

from core import clock, settings
from core.choices import stamp
from core.formatting import DAY_COLUMN, MOMENT_COLUMN, day, moment
from queries.actor import SYSTEM
from queries.db import Database
from tests.apptest_support import page_file, signed_in

ROOT = Path(__file__).resolve().parents[1]


def test_a_date_and_a_moment_are_written_as_people_write_them():
    assert day(date(2024, 7, 1)) == "1 Jul 2024"
    assert day(date(2026, 11, 30)) == "30 Nov 2026"
    assert day(datetime(2024, 7, 1, 14, 5)) == "1 Jul 2024"
    assert day(pd.Timestamp("2025-05-16")) == "16 May 2025"
    assert day(None) == day(pd.NaT) == "–"
    assert moment(datetime(2024, 7, 1, 14, 5)) == "1 Jul 2024, 14:05"
    assert moment(datetime(2026, 11, 1, 0, 0)) == "1 Nov 2026, 00:00"          # midnight, single-digit day
    assert moment(pd.Timestamp("2025-05-16 09:07:59")) == "16 May 2025, 09:07"
    assert moment(None) == moment(pd.NaT) == "–"
    # the grids' momentjs formats write the same forms
    assert (DAY_COLUMN, MOMENT_COLUMN) == ("D MMM YYYY", "D MMM YYYY, HH:mm")


def test_a_stamp_names_the_departments_zone_in_the_same_form(db, monkeypatch):
    settings.save(db, SYSTEM, settings.TIME_ZONE, "America/New_York", None)
    assert clock.stamp(db, datetime(2024, 7, 1, 18, 5)) == "1 Jul 2024, 14:05 EDT"
    assert clock.stamp(db, datetime(2026, 1, 15, 5, 0)) == "15 Jan 2026, 00:00 EST"


def test_picker_labels_write_dates_in_the_same_form():
    column = pd.Series([pd.Timestamp("2026-10-05 18:30:59"), pd.Timestamp("2026-11-01 00:00"), pd.NaT])
    assert stamp(column) == ["5 Oct 2026, 18:30", "1 Nov 2026, 00:00", ""]
    assert stamp(column, "D") == ["5 Oct 2026", "1 Nov 2026", ""]


# -- the source: no other date form where people read one -------------------------------------------

NUMERIC = re.compile(r"%Y-%m-%d|%d %b|%d %B|%B %d|%A %d|%b %d|YYYY-MM-DD HH")
MOMENT_ISO = re.compile(r"(Date|Datetime)Column\([^)]*format=\"YYYY-MM-DD")       # a date picker may use it
# where ISO is right: parsing typed dates, file names, import batch names, stored report data
MACHINE = {
    ("core/entry/common.py", "_DATE_FORMATS"),
    ("components/business_currency.py", "stem = "),
    ("core/incident_import.py", "import_batch"),
    ("core/business_print.py", "out[\"last_verified_on\"]"),      # the export's date column, read back by imports
}


def _offences() -> list[str]:
    found = []
    for folder in ("app_pages", "components", "core", "reports"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative == "core/periods.py":    # period keys
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if any(relative == f and marker in line for f, marker in MACHINE):
                    continue
                if NUMERIC.search(line) or MOMENT_ISO.search(line):
                    found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_no_page_component_or_document_writes_another_date_form():
    assert _offences() == []


# -- pages ------------------------------------------------------------------------------------------

def _formats(frame) -> dict[str, str]:
    config = json.loads(frame.proto.columns or "{}")
    return {name: (c.get("label"), c.get("type_config", {}).get("format")) for name, c in config.items()}


@pytest.fixture
def app_env(monkeypatch):
    def use(path):
        monkeypatch.setenv("COMMUNITY_DB", str(path))
        monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
        st.cache_data.clear()
    return use


def test_the_overview_writes_its_period_as_people_write_dates(demo_path, app_env):
    from tests.test_overview_pages import sign_in

    app_env(demo_path)
    at = sign_in("admin")
    at.selectbox(key="overview_period").select("custom").run()
    at.date_input(key="overview_dates").set_value((date(2026, 11, 1), date(2026, 11, 30))).run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any(c.startswith("1 Nov 2026 to 30 Nov 2026;") for c in captions), captions


def test_the_business_grid_and_the_audit_log_show_dates_in_the_one_form(tmp_path, app_env):
    from tests.apptest_support import make_accounts_db

    path = make_accounts_db(tmp_path / "dates.duckdb")
    db = Database(path)
    district = db.rows("districts_list")[0]["id"]
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("businesses", {"name": "Alpha Bakery", "address": "1 A St", "district_id": district,
                                  "main_phone": "+16172270000", "last_verified_on": date(2026, 11, 1)})
    db.close()
    app_env(path)
    at = signed_in("boss")
    at.switch_page(page_file("businesses.py")).run()
    assert not at.exception
    assert _formats(at.data_editor[0])["last_verified_on"] == ("Last verified", DAY_COLUMN)
    at.switch_page(page_file("admin_audit.py")).run()
    assert not at.exception
    assert _formats(at.dataframe[0])["at"] == ("Time", MOMENT_COLUMN)



def test_a_monthly_charts_hover_names_the_month_as_its_axis_does():
    from components import charts

    frame = pd.DataFrame({"month": pd.to_datetime(["2026-10-01", "2026-11-01"]), "sessions": [3, 4]})
    fig = charts.program_trend(frame, "sessions", "Sessions", "Sessions")
    # plotly's own hover for a date axis reads 'Nov 1, 2026'; a month reads 'Nov 2026' as on the axis
    assert (fig.layout.xaxis.tickformat, fig.layout.xaxis.hoverformat) == ("%b<br>%Y", "%b %Y")


def test_the_printable_lists_preview_shows_the_last_check_in_the_one_form(tmp_path, app_env):
    from tests.apptest_support import make_accounts_db, open_tab

    path = make_accounts_db(tmp_path / "print.duckdb")
    db = Database(path)
    district = db.rows("districts_list")[0]["id"]
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("businesses", {"name": "Alpha Bakery", "address": "1 A St", "district_id": district,
                                  "main_phone": "+16172270000", "last_verified_on": date(2026, 1, 26)})
    db.close()
    app_env(path)
    at = signed_in("boss")
    at.switch_page(page_file("businesses.py")).run()
    open_tab(at, "businesses_tab", "Print and download")
    assert not at.exception
    preview = next(f for f in at.dataframe if "Last verified" in f.value.columns)
    assert _formats(preview)["Last verified"] == ("Last verified", DAY_COLUMN)
    assert preview.value["Last verified"].tolist() == [date(2026, 1, 26)]
