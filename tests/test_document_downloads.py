"""The report pages make their documents when asked, and a file that cannot be made says why.

A download whose file was made on the click failed with Streamlit's "Failed to generate file for
download" shown for five seconds, the reason only in the server log (the Word report with a
vertical tab in its narrative).
"""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from components import report_view
from core.periods import year
from demo.accounts import DEMO_ACCOUNTS
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


def download_buttons(at: AppTest) -> list[str]:
    """The labels of the download buttons on the page."""
    return [b.proto.label for b in at.get("download_button")]


def plain(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)        # Markdown escapes taken out


def prepare(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "Prepare the files").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_monthly_report_files_are_made_on_request(app_db):
    at = sign_in("cpo")
    at.switch_page(page_file("monthly_report.py")).run()
    assert not download_buttons(at)                 # nothing made before it is asked for
    prepare(at)
    assert not at.error, [e.value for e in at.error]
    assert list(download_buttons(at)) == ["Download PDF", "Download Word (DOCX)", "Download Excel (XLSX)"]
    at.run()                                        # kept over a rerun, not made again
    assert list(download_buttons(at)) == ["Download PDF", "Download Word (DOCX)", "Download Excel (XLSX)"]


def test_the_year_report_files_are_made(app_db):
    at = sign_in("cpo")
    at.switch_page(page_file("monthly_report.py")).run()
    at.segmented_control(key="report-kind").set_value("Year").run()
    at.selectbox(key="report-year").set_value(year(2025)).run()
    prepare(at)
    assert not at.error, [e.value for e in at.error]
    assert list(download_buttons(at)) == ["Download PDF", "Download Word (DOCX)", "Download Excel (XLSX)"]


def test_a_file_that_cannot_be_made_says_why_and_the_others_are_offered(app_db, monkeypatch):
    real = report_view.render

    def render(report, fmt, images=None):
        if fmt == "docx":
            raise ValueError("All strings must be XML compatible")
        return real(report, fmt, images)

    monkeypatch.setattr(report_view, "render", render)
    at = sign_in("cpo")
    at.switch_page(page_file("monthly_report.py")).run()
    prepare(at)
    assert [plain(e.value) for e in at.error] == [
        "The Word (DOCX) file could not be made: ValueError: All strings must be XML compatible. The other "
        "files are not affected; the full error is in the server log."]
    assert list(download_buttons(at)) == ["Download PDF", "Download Excel (XLSX)"]


def test_the_evaluation_files_are_made_on_request(app_db):
    at = sign_in("cpo")
    at.switch_page(page_file("program_evaluation.py")).run()
    assert not download_buttons(at)
    prepare(at)
    assert not at.error, [e.value for e in at.error]
    assert list(download_buttons(at)) == ["Download PDF", "Download Word (DOCX)"]
