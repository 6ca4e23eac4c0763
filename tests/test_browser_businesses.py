"""Browser test: a patrol officer edits a contact's phone number in the grid, saves, reloads, sees it."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from queries.actor import SYSTEM
from queries.db import Database
from tests.apptest_support import PASSWORD, make_accounts_db
from tests.browser_support import (COUNT_RUNS, act_and_settle, chromium, open_signed_in, requires_chromium, sign_in,
                                   streamlit_server, wait_idle)

pytestmark = [pytest.mark.browser, requires_chromium]

CONTACTS = '[class*="st-key-contacts_"] [data-testid="stDataFrame"]'
ROW, HEADER = 35, 35   # the grid's default row and header heights in pixels


def contact_cells(page) -> list[str]:
    grid = page.locator(CONTACTS)
    grid.wait_for(timeout=120_000)     # generous: a loaded machine; nothing here is timed
    cells = grid.locator('[id^="glide-cell-"]')
    cells.first.wait_for(state="attached", timeout=60_000)
    return cells.all_inner_texts()


def test_an_officer_edits_a_contact_phone_in_the_grid_and_sees_it_after_reload(tmp_path):
    path = make_accounts_db(tmp_path / "browser.duckdb")
    db = Database(path)
    with db.unit_of_work(SYSTEM) as uow:
        shop = uow.insert("businesses", {"name": "Corner Bakery", "address": "12 Main St", "district_id": 1,
                                         "main_phone": "+16172270000"})
        uow.insert("business_contacts", {"business_id": shop["id"], "name": "Ann Lee", "role": "owner",
                                         "phone": "+16172277100"})
    db.close()
    with streamlit_server(path) as url, chromium() as browser:
        context = browser.new_context(viewport={"width": 1500, "height": 1400})
        context.add_init_script(COUNT_RUNS)
        page = context.new_page()
        sign_in(page, url, "patrol", PASSWORD)
        open_signed_in(page, url, "businesses")
        assert contact_cells(page)[:3] == ["Ann Lee", "owner", "(617) 227-7100"]

        box = page.locator(CONTACTS).bounding_box()
        page.mouse.click(box["x"] + 100, box["y"] + HEADER + ROW / 2)   # first row, Name
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")                               # Phone
        editor = page.locator("textarea.gdg-input")
        for _ in range(5):          # a key pressed while the grid was redrawn may be lost: press again
            page.keyboard.press("Enter")                                # open the cell editor
            try:
                editor.wait_for(timeout=10_000)
                break
            except PlaywrightTimeout:
                continue
        editor.fill("617-555-0134")
        # commit the cell; the rerun the edit causes has finished, and the grid shows the edited value after it
        act_and_settle(page, lambda: page.keyboard.press("Enter"))
        editor.wait_for(state="detached", timeout=30_000)
        page.wait_for_function(
            """([selector, text]) => [...document.querySelectorAll(selector + ' [id^="glide-cell-"]')]
                   .some(cell => cell.innerText === text)""", arg=[CONTACTS, "617-555-0134"], timeout=60_000)

        page.get_by_role("button", name="Save contacts").click()
        page.get_by_text("Contacts saved").wait_for(timeout=30_000)
        wait_idle(page)

        page.reload()                   # a new page load: signed in again by cookie, then the page runs
        page.get_by_text("Signed in as").wait_for(timeout=120_000)
        wait_idle(page, timeout=120_000)
        assert contact_cells(page)[:3] == ["Ann Lee", "owner", "(617) 555-0134"]

    db = Database(path)
    with db.cursor() as cur:
        assert cur.execute("select phone, updated_by, version from business_contacts").fetchall() == \
            [("+16175550134", "patrol", 2)]
        assert cur.execute("select count(*) from audit_log where table_name = 'business_contacts' "
                           "and action = 'update' and username = 'patrol'").fetchone()[0] == 1
    db.close()
