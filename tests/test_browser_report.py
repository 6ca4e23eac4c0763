"""Browser test: the Crime Prevention officer downloads last month's report as a PDF."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from demo.accounts import DEMO_ACCOUNTS
from tests.browser_support import chromium, open_signed_in, requires_chromium, sign_in, streamlit_server

pytestmark = [pytest.mark.browser, requires_chromium]


def test_the_officer_downloads_the_monthly_report_pdf(demo_path, tmp_path):
    password = next(a.password for a in DEMO_ACCOUNTS if a.username == "cpo")
    with streamlit_server(demo_path) as url, chromium() as browser:
        page = browser.new_page(accept_downloads=True)
        sign_in(page, url, "cpo", password)
        open_signed_in(page, url, "report-monthly", 90_000)
        assert page.get_by_role("heading", name="Monthly report").is_visible()
        page.get_by_role("tab", name="Download and submit").click()
        page.get_by_role("button", name="Prepare the files").click()      # the files are made in the page
        button = page.get_by_role("button", name="Download PDF")
        button.wait_for(timeout=120_000)
        with page.expect_download(timeout=120_000) as download_info:
            button.click()
        download = download_info.value
        assert download.suggested_filename.startswith("community-relations-report-")
        assert download.suggested_filename.endswith(".pdf")
        target = tmp_path / download.suggested_filename
        download.save_as(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Headline figures" in text and "Events held" in text and "Glossary" in text
