"""Browser test: a decompression bomb uploaded on the Imports page is refused at once, and the server
goes on serving another user meanwhile (it used to parse such a workbook for minutes, one thread
at 100%, every other user's pages slower)."""

from __future__ import annotations

import time

import pytest

from tests.apptest_support import PASSWORD, make_accounts_db
from tests.figures_report import report
from tests.browser_support import chromium, open_signed_in, requires_chromium, sign_in, streamlit_server
from tests.test_upload_limits import declared_sizes, header_row, workbook

pytestmark = [pytest.mark.browser, requires_chromium]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_a_decompression_bomb_is_refused_on_the_imports_page_while_another_user_is_served(tmp_path, request):
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c><c><v>1</v></c></row>'
    bomb = workbook(header_row(), *[row * (1_000_000 // len(row))] * 300)
    assert len(bomb) < 3_000_000 and sum(declared_sizes(bomb).values()) > 290_000_000
    path = make_accounts_db(tmp_path / "uploads.duckdb")
    with streamlit_server(path) as url, chromium() as browser:
        uploader = browser.new_context().new_page()
        sign_in(uploader, url, "boss", PASSWORD)
        open_signed_in(uploader, url, "imports")
        reader = browser.new_context().new_page()
        sign_in(reader, url, "chief", PASSWORD)

        uploader.locator('input[type="file"]').set_input_files(
            files=[{"name": "bomb.xlsx", "mimeType": XLSX, "buffer": bomb}])
        start = time.monotonic()
        open_signed_in(reader, url, "account")            # another user's page, while the bomb is handled
        served = time.monotonic() - start
        refusal = uploader.get_by_text("bomb.xlsx unpacks to 300 MB; at most 50 MB are accepted")
        refusal.wait_for(timeout=60_000)
        refused = time.monotonic() - start
    report(request, f"another user's page served in {served:.1f} s; the bomb's refusal shown after {refused:.1f} s")
    assert served < 60 and refused < 60, (served, refused)
