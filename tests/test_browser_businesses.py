"""Browser test: a patrol officer edits a contact's phone number in the grid, saves, reloads, sees it."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from core import clock
from core.settings import DEFAULT_TIME_ZONE
from queries.actor import SYSTEM
from queries.db import Database
from tests.apptest_support import PASSWORD, make_accounts_db
from tests.browser_support import (COUNT_RUNS, act_and_settle, chromium, click_and_settle, open_signed_in,
                                   requires_chromium, sign_in, streamlit_server, wait_drawn, wait_idle)

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
        assert page.locator(CARDS).count() == 1 and not page.locator(CARDS).is_visible()   # the phone's cards
        page.set_viewport_size(LAPTOP)                  # every filter's label whole on a laptop's screen
        page.wait_for_timeout(500)
        assert page.evaluate(CUT_LABELS) == []
        page.set_viewport_size({"width": 1500, "height": 1400})

        editor = page.locator("textarea.gdg-input")
        for _ in range(5):          # a click or key that lands while the grid is redrawn is lost: again
            box = page.locator(CONTACTS).bounding_box()
            page.mouse.click(box["x"] + 100, box["y"] + HEADER + ROW / 2)   # first row, Name
            page.keyboard.press("ArrowRight")
            page.keyboard.press("ArrowRight")                               # Phone
            page.keyboard.press("Enter")                                    # open the cell editor
            try:
                editor.wait_for(timeout=10_000)
                break
            except PlaywrightTimeout:
                page.keyboard.press("Escape")
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


PHONE = {"width": 390, "height": 844}


def today() -> date:
    """Today where the department is (the test database names no time zone: UTC)."""
    return clock.today_in(DEFAULT_TIME_ZONE)

CARDS = ".st-key-businesses_cards"
LAPTOP = {"width": 1280, "height": 800}
# the widget labels in the page's main area that are cut off (Streamlit ends them with an ellipsis)
CUT_LABELS = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stWidgetLabel"] *')]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""
WIDTH = "document.documentElement.scrollWidth"
# the right edge of the widest thing drawn in the page's main area (its own scrolling box included)
WIDEST = """() => Math.max(document.querySelector('[data-testid="stMain"]').scrollWidth,
    ...[...document.querySelectorAll('[data-testid="stMain"] *')].map(e => e.getBoundingClientRect().right))"""


def test_on_a_phone_an_officer_finds_a_business_changes_its_phone_and_marks_it_verified(tmp_path):
    path = make_accounts_db(tmp_path / "phone.duckdb")
    db = Database(path)
    with db.unit_of_work(SYSTEM) as uow:
        for number in range(1, 31):                 # more than one page of cards
            uow.insert("businesses", {"name": f"Shop {number}", "address": f"{number} Elm St", "district_id": 1})
        shop = uow.insert("businesses", {"name": "Corner Bakery", "address": "12 Main St", "district_id": 1,
                                         "main_phone": "+16172270000"})
        uow.insert("business_contacts", {"business_id": shop["id"], "name": "Ann Lee", "role": "owner",
                                         "phone": "+16172277100"})
        uow.insert("businesses", {"name": "Corner Bakery South", "address": "9 S St", "district_id": 2})
    db.close()
    with streamlit_server(path) as url, chromium() as browser:
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        context.add_init_script(COUNT_RUNS)
        page = context.new_page()
        sign_in(page, url, "patrol", PASSWORD)
        open_signed_in(page, url, "businesses")
        wait_drawn(page, 120_000)
        cards = page.locator(CARDS)
        search = cards.get_by_role("searchbox", name="Find a business")
        search.wait_for(timeout=60_000)
        assert page.evaluate(WIDTH) <= PHONE["width"] and page.evaluate(WIDEST) <= PHONE["width"]
        assert page.locator('[data-testid="stDataFrame"]').filter(visible=True).count() == 0   # no grid
        names = cards.locator('[class*="st-key-open_business_"] button p')
        assert names.all_inner_texts() == ["Corner Bakery", *(f"Shop {n}" for n in range(1, 20))]   # one page

        search.fill("corner")
        act_and_settle(page, lambda: search.press("Enter"))
        assert names.all_inner_texts() == ["Corner Bakery"]     # not the other district's Corner Bakery South
        opener = cards.get_by_role("button", name="Corner Bakery")
        call = cards.get_by_role("link", name="(617) 227-0000")
        assert call.get_attribute("href") == "tel:+16172270000"

        click_and_settle(page, opener)
        phone = cards.get_by_role("textbox", name="Main phone")
        phone.wait_for(timeout=60_000)
        assert page.evaluate(WIDTH) <= PHONE["width"] and page.evaluate(WIDEST) <= PHONE["width"]
        phone.fill("617-555-0134")
        click_and_settle(page, cards.get_by_role("button", name="Save changes"))
        cards.get_by_text("Saved: 1 updated.").wait_for(timeout=60_000)
        click_and_settle(page, cards.get_by_role("button", name="Verified today"))
        cards.get_by_text(f"Verified {today():%-d %b %Y}").first.wait_for(timeout=60_000)
        assert page.evaluate(WIDTH) <= PHONE["width"] and page.evaluate(WIDEST) <= PHONE["width"]

    db = Database(path)
    with db.cursor() as cur:
        assert cur.execute("select main_phone, last_verified_on, last_verified_by, version from businesses "
                           "where id = $id", {"id": shop["id"]}).fetchall() == \
            [("+16175550134", today(), "patrol", 3)]
        audit = cur.execute("select action, table_name, record_id, after from audit_log where username = 'patrol' "
                            "and action not in ('sign_in') order by id").fetchall()
    db.close()
    assert [(action, table, record) for action, table, record, _ in audit] == [
        ("update", "businesses", str(shop["id"])),                  # the new phone
        ("create", "business_verifications", audit[1][2]),          # the check, for past periods' figures
        ("update", "businesses", str(shop["id"])),                  # verified today
    ]
    assert '"main_phone": "+16175550134"' in audit[0][3]
    assert f'"last_verified_on": "{today()}"' in audit[2][3]
