"""Five real browser sessions against one `streamlit run` server, editing the same contact
persons in the business contacts grid.

All five open the page first (same snapshot), then each saves a new phone number for the
same contact: the first save wins, every later one is told that someone else saved first
(and sees no exception). Then each session edits its own contact after a reload, which must
succeed. Afterwards: every acknowledged save is in the database, every refused one changed
nothing, and the audit log has exactly one update row per acknowledged save.
"""

from __future__ import annotations

import pytest

from queries.actor import SYSTEM
from queries.db import Database
from tests.apptest_support import PASSWORD, make_accounts_db
from tests.browser_support import chromium, requires_chromium, sign_in, streamlit_server, wait_idle
from tests.figures_report import report

pytestmark = [pytest.mark.browser, requires_chromium]

SESSIONS = 5
CONTACTS = '[class*="st-key-contacts_"] [data-testid="stDataFrame"]'
ROW, HEADER = 35, 35
CONFLICT = "Someone else saved this record after you opened it"


def _edit_phone(page, row: int, phone: str) -> None:
    grid = page.locator(CONTACTS)
    grid.wait_for(timeout=120_000)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 100, box["y"] + HEADER + ROW * row + ROW / 2)   # Name of the row
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")                                          # Phone
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    page.keyboard.press("Control+a")
    page.keyboard.type(phone)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    page.wait_for_timeout(800)
    wait_idle(page, 120_000)


def _outcome(page) -> str:
    """'saved', 'conflict' or what else the page said, after Save contacts."""
    page.get_by_role("button", name="Save contacts").click()
    saved = page.get_by_text("Contacts saved")
    refused = page.get_by_text(CONFLICT)
    saved.or_(refused).first.wait_for(timeout=120_000)
    wait_idle(page, 120_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.inner_text("body")
    return "saved" if saved.count() else "conflict"


def test_five_browser_sessions_edit_the_same_contacts(tmp_path, request):
    path = make_accounts_db(tmp_path / "concurrent.duckdb")
    db = Database(path)
    with db.unit_of_work(SYSTEM) as uow:
        shop = uow.insert("businesses", {"name": "Corner Bakery", "address": "12 Main St", "district_id": 1})
        contacts = [uow.insert("business_contacts", {"business_id": shop["id"], "name": f"Person {n}",
                                                     "role": "employee"})["id"] for n in range(SESSIONS)]
    db.close()
    results: dict[str, list] = {"saved": [], "conflict": []}
    with streamlit_server(path) as url, chromium() as browser:
        pages = []
        for number in range(SESSIONS):
            page = browser.new_context(viewport={"width": 1500, "height": 1400}).new_page()
            page.set_default_timeout(120_000)
            # the prevention officer and the district's patrol officer, several sessions each
            try:
                sign_in(page, url, "cpo" if number % 2 else "patrol", PASSWORD, timeout=120_000)
            except Exception:
                page.screenshot(path=str(tmp_path / f"sign-in-{number}.png"))
                raise
            page.goto(f"{url}/businesses")
            wait_idle(page, 120_000)
            page.locator(CONTACTS).wait_for()
            pages.append(page)
        # round 1: everyone edits the same contact (row 0) from the same snapshot
        for number, page in enumerate(pages):
            phone = f"617-555-01{number:02d}"
            _edit_phone(page, 0, phone)
            outcome = _outcome(page)
            results[outcome].append((contacts[0], "+1617555" + f"01{number:02d}"))
        # round 2: each session reloads and edits its own contact: all succeed
        for number, page in enumerate(pages):
            page.reload()
            wait_idle(page, 120_000)
            phone = f"617-555-02{number:02d}"
            _edit_phone(page, number, phone)
            outcome = _outcome(page)
            assert outcome == "saved", number
            results["saved"].append((contacts[number], "+1617555" + f"02{number:02d}"))

    assert len(results["saved"]) == 1 + SESSIONS and len(results["conflict"]) == SESSIONS - 1
    db = Database(path)
    with db.cursor() as cur:
        stored = dict(cur.execute("select id, phone from business_contacts").fetchall())
        versions = dict(cur.execute("select id, version from business_contacts").fetchall())
        audits = dict(cur.execute("select cast(record_id as integer), count(*) from audit_log "
                                  "where table_name = 'business_contacts' and action = 'update' "
                                  "group by all").fetchall())
    db.close()
    acknowledged: dict[int, list[str]] = {}
    for contact, phone in results["saved"]:
        acknowledged.setdefault(contact, []).append(phone)
    for contact in contacts:
        assert stored[contact] == acknowledged[contact][-1]            # the last acknowledged value
        assert versions[contact] == 1 + len(acknowledged[contact])     # refused saves changed nothing
        assert audits.get(contact, 0) == len(acknowledged[contact])    # one audit row per change
    report(request, f"{SESSIONS} browser sessions, {len(results['saved'])} saves acknowledged and stored, "
                    f"{len(results['conflict'])} refused with the conflict message, "
                    f"{sum(audits.values())} audit rows = changes, 0 exceptions shown")
