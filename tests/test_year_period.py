"""The whole-year period on every page that offers it (AppTest on the demo town).

For a year the previous period and the same period last year are one period (the year before), so
two comparison columns had one heading and the report page stopped with pyarrow's "Duplicate
column names". A 365-day custom range that does not cross 29 February has the same twin.
"""

from __future__ import annotations

from datetime import date

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.periods import custom, year
from demo.accounts import DEMO_ACCOUNTS
from queries.actor import SYSTEM, Actor
from queries.db import Database
from reports.monthly import assemble_report
from reports.submission import submit
from tests.apptest_support import APP, page_file

PASSWORDS = {a.username: a.password for a in DEMO_ACCOUNTS}


@pytest.fixture
def app_db(demo_path, monkeypatch):
    monkeypatch.setenv("COMMUNITY_DB", str(demo_path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    st.cache_data.clear()
    return demo_path


def sign_in(username: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=240).run()
    at.text_input[0].input(username)
    at.text_input[1].input(PASSWORDS[username])
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def frame_with(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def assert_year_report_shown(at: AppTest, label: str, before: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    headline = frame_with(at, "Figure")
    assert list(headline.columns) == ["Figure", label, before, "Change", "Year to date"]
    crime = frame_with(at, "Crime type")
    assert list(crime.columns) == ["District", "Crime type", label, before, "Targeted by"]
    assert len(crime) > 0


def test_the_monthly_report_page_shows_a_whole_year(app_db):
    at = sign_in("cpo")
    at.switch_page(page_file("monthly_report.py")).run()
    at.segmented_control(key="report-kind").set_value("Year").run()
    at.selectbox(key="report-year").set_value(year(2025)).run()
    assert_year_report_shown(at, "2025", "2024")
    # the figures on screen are the assembled year's
    report = assemble_report(Database(app_db), year(2025), SYSTEM, "test")
    crime = frame_with(at, "Crime type")
    assert crime["2025"].tolist() == [r["incidents"] for r in report["crime_context"]["rows"]]
    assert crime["2024"].tolist() == [r["incidents_previous"] for r in report["crime_context"]["rows"]]
    assert sum(crime["2025"]) > 0

    # twelve months from March: the previous 365 days are also the same period last year
    at.segmented_control(key="report-kind").set_value("Custom range").run()
    at.date_input(key="report-range").set_value((date(2025, 3, 1), date(2026, 2, 28))).run()
    label = custom(date(2025, 3, 1), date(2026, 2, 28)).label
    before = custom(date(2024, 3, 1), date(2025, 2, 28)).label
    assert_year_report_shown(at, label, before)


def test_a_submitted_year_report_opens_in_the_history(app_db):
    db = Database(app_db)
    with db.cursor() as cur:
        cpo_id = cur.execute("select id from main.users where username = 'cpo'").fetchone()[0]
    submit(db, Actor("cpo", "prevention", cpo_id), year(2025), "Ofc. Test", None)
    db.close()
    at = sign_in("commander")
    at.switch_page(page_file("report_history.py")).run()
    assert_year_report_shown(at, "2025", "2024")


PAGES = [("overview.py", "overview_period"), ("program_results.py", "program_period"),
         ("crime_targeting.py", "targeting_period"), ("district_map.py", "map_period")]


def test_the_figure_pages_show_twelve_months_and_the_year_to_date(app_db):
    """The figure pages offer no calendar year but two year-long presets; each page runs with both."""
    at = sign_in("cpo")
    for page, key in PAGES:
        at.switch_page(page_file(page)).run()
        for preset in ("last_12_months", "year_to_date"):
            at.selectbox(key=key).select(preset).run()
            assert not at.exception, (page, preset, [e.value for e in at.exception])
            assert at.title, (page, preset)
