"""The business list as cards (the phone's view of the Business contacts page) through AppTest, and
the rules it shows: the verification state in words, tap-to-call links, the order of names."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from core.businesses import (business_cards, card_details, dial_digits, list_businesses, natural_order, phone_link,
                             search_businesses, verification_state)
from core import clock, formatting
from core.settings import DEFAULT_TIME_ZONE
from queries.actor import SYSTEM, Actor
from queries.db import Database
from tests.apptest_support import make_accounts_db, page_file, signed_in

CPO = Actor(username="cpo", role="prevention", user_id=3)
TODAY = clock.today_in(DEFAULT_TIME_ZONE)     # the department's today: the test database names no zone (UTC)


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = make_accounts_db(tmp_path / "cards.duckdb")
    db = Database(path)
    with db.unit_of_work(SYSTEM) as uow:
        for name, address, district, verified in [
            ("Alpha Bakery", "1 A St", 1, TODAY), ("bravo cafe", "2 B St", 1, date(2020, 1, 1)),
            ("Charlie Deli", "3 C St", 1, None), ("Shop 10", "10 Elm St", 1, TODAY),
            ("Shop 9", "9 Elm St", 1, TODAY), ("South Side Deli", "9 S St", 2, TODAY),
        ]:
            row = uow.insert("businesses", {"name": name, "address": address, "district_id": district,
                                            "main_phone": "+16172270000", "last_verified_on": verified})
            if name == "Alpha Bakery":
                uow.insert("business_contacts", {"business_id": row["id"], "name": "Ann [Lee](https://x.example)",
                                                 "role": "owner", "phone": "+16172277100"})
    db.close()
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    return path


def open_page(username: str = "patrol"):
    at = signed_in(username)
    at.switch_page(page_file("businesses.py")).run()
    assert not at.exception, at.exception
    return at


def card_names(at) -> list[str]:
    return [b.label.strip("*") for b in at.button if b.key and b.key.startswith("open_business_")]


def business(path, name: str) -> dict:
    db = Database(path)
    with db.cursor() as cur:
        result = cur.execute("select * from businesses where name = $n", {"n": name})
        row = dict(zip([d[0] for d in result.description], result.fetchone()))
    db.close()
    return row


def rows(path, sql: str, **params) -> list[tuple]:
    db = Database(path)
    with db.cursor() as cur:
        found = cur.execute(sql, params).fetchall()
    db.close()
    return found


def open_card(at, path, name: str):
    at.button(key=f"open_business_{business(path, name)['id']}").click().run()
    assert not at.exception, at.exception
    return at


def field(at, path, name: str, column: str):
    return at.text_input(key=f"business_card_{business(path, name)['id']}_0_{column}")


def plain(markdown: str) -> str:
    """Markdown source as it reads (the escaping backslashes taken out)."""
    return markdown.replace("\\", "")


# -- the rules -----------------------------------------------------------------------------------

def test_the_verification_state_reads_in_words_and_colour():
    today = date(2026, 5, 2)
    assert verification_state(date(2026, 3, 3), today) == ("Verified 3 Mar 2026", "green")
    assert verification_state(date(2025, 5, 3), today) == ("Verified 3 May 2025", "green")
    # 12 months and more is overdue, as the overdue count (businesses_list.sql) has it
    assert verification_state(date(2025, 5, 2), today) == ("Overdue (verified 12 months ago)", "red")
    assert verification_state(date(2025, 3, 3), today) == ("Overdue (verified 13 months ago)", "red")
    assert verification_state(date(2025, 3, 1), today) == ("Overdue (verified 14 months ago)", "red")
    assert verification_state(date(2020, 1, 1), today) == ("Overdue (verified 6 years ago)", "red")
    assert verification_state(None, today) == ("Never verified", "orange")
    assert verification_state(pd.NaT, today) == ("Never verified", "orange")


def test_a_call_link_is_made_of_the_stored_numbers_digits_only():
    assert phone_link("+16172270000") == "tel:+16172270000"
    assert phone_link("+16172270000;ext=12") == "tel:+16172270000;ext=12"
    assert dial_digits("+442079460958") == "442079460958"
    for legacy in ("617-227-0000", "+1617)](javascript:alert(1))", "+1 617 227 0000", "", None, float("nan")):
        assert phone_link(legacy) is None


def test_names_sort_as_people_read_them():
    frame = pd.DataFrame({"name": ["Shop 10", "shop 9", "Apex", "apex 2", "Shop 09a", None, "ÉCOLE"],
                          "address": ["x"] * 7, "id": range(7)})
    ordered = natural_order(frame)["name"]
    assert pd.isna(ordered[0]) and list(ordered[1:]) == ["Apex", "apex 2", "shop 9", "Shop 09a", "Shop 10", "ÉCOLE"]
    found = search_businesses(frame.assign(dba=None), "SHOP")
    assert list(found["name"]) == ["Shop 10", "shop 9", "Shop 09a"]


def test_a_card_names_the_person_to_call_first_and_only_the_actors_businesses(db, two_districts):
    north, south = two_districts
    with db.unit_of_work(SYSTEM) as uow:
        shop = uow.insert("businesses", {"name": "Shop 2", "address": "2 A St", "district_id": north})
        for name, role in [("Eve", "employee"), ("Mo", "manager"), ("Kim", "keyholder")]:
            uow.insert("business_contacts", {"business_id": shop["id"], "name": name, "role": role})
        uow.insert("businesses", {"name": "shop 10", "address": "10 A St", "district_id": north,
                                  "last_verified_on": date(2020, 1, 1)})
        other = uow.insert("businesses", {"name": "Shop 1", "address": "1 S St", "district_id": south})
        uow.insert("business_contacts", {"business_id": other["id"], "name": "Sal", "role": "owner"})
    officer = Actor(username="o", role="officer", user_id=9, district_ids=frozenset({north}))
    cards = business_cards(list_businesses(db, officer, TODAY))
    assert list(cards["name"]) == ["Shop 2", "shop 10"] and list(cards["colour"]) == ["orange", "red"]
    shown = card_details(db, officer, cards, TODAY)
    assert shown[["contact_name", "contact_role", "contacts"]].to_dict("records")[0] == \
        {"contact_name": "Mo", "contact_role": "manager", "contacts": 3}
    assert pd.isna(shown["contact_name"][1]) and shown["state"][1].startswith("Overdue (verified")
    # an id of another district asked for directly: its contact person is not read
    south_card = business_cards(list_businesses(db, SYSTEM, TODAY)).query("name == 'Shop 1'")
    assert card_details(db, SYSTEM, south_card, TODAY)["contact_name"].tolist() == ["Sal"]
    assert card_details(db, officer, south_card, TODAY)["contact_name"].isna().all()


# -- the page --------------------------------------------------------------------------------------

def test_the_cards_list_the_officers_businesses_in_name_order_and_the_search_filters_them(app_db):
    at = open_page()
    assert card_names(at) == ["Alpha Bakery", "bravo cafe", "Charlie Deli", "Shop 9", "Shop 10"]
    cards = plain(" ".join(m.value for m in at.markdown))
    assert ":green-badge[:material/check_circle: Verified" in cards
    assert ":red-badge[:material/schedule: Overdue (verified" in cards
    assert ":orange-badge[:material/help: Never verified]" in cards
    assert "[(617) 227-0000](tel:+16172270000)" in cards
    alpha = next(m.value for m in at.markdown if "Ann" in m.value)
    assert "Ann \\[Lee\\](https\\://x.example) (Owner)" in alpha       # a stored name never becomes a link

    at.text_input(key="business_cards_search").input("deli").run()
    assert card_names(at) == ["Charlie Deli"]           # South Side Deli is another district's
    at.text_input(key="business_cards_search").input("").run()
    at.toggle(key="business_cards_overdue").set_value(True).run()
    assert card_names(at) == ["bravo cafe", "Charlie Deli"]


def test_an_opened_card_saves_a_new_phone_and_verified_today_through_the_grids_writes(app_db):
    at = open_card(open_page(), app_db, "Charlie Deli")
    field(at, app_db, "Charlie Deli", "main_phone").input("617 555 0134").run()
    at.button(key="business_card_save").click().run()
    assert [plain(s.value) for s in at.success] == ["Saved: 1 updated."]
    at.button(key="business_card_verify").click().run()
    assert [plain(s.value) for s in at.success] == ["Saved: 1 verified today."]
    row = business(app_db, "Charlie Deli")
    assert (row["main_phone"], row["last_verified_on"], row["last_verified_by"], row["version"]) == \
        ("+16175550134", TODAY, "patrol", 3)
    assert rows(app_db, "select action, table_name from audit_log where username = 'patrol' and action <> 'sign_in' "
                        "order by id") == [("update", "businesses"), ("create", "business_verifications"),
                                           ("update", "businesses")]
    assert rows(app_db, "select verified_by from business_verifications") == [("patrol",)]


def test_a_verified_card_says_so_through_a_run_nobody_asked_for_and_not_on_the_next_card(app_db):
    # the message comes with the run after the save; another run (a reconnect, the session timer's)
    # must not take it away before the officer has read it, nor may it follow them to another card
    at = open_card(open_page(), app_db, "Charlie Deli")
    at.button(key="business_card_verify").click().run()
    assert [plain(s.value) for s in at.success] == ["Saved: 1 verified today."]
    at.run()
    assert [plain(s.value) for s in at.success] == ["Saved: 1 verified today."]
    assert business(app_db, "Charlie Deli")["last_verified_on"] == TODAY
    open_card(at, app_db, "bravo cafe")
    assert [plain(s.value) for s in at.success] == []


def test_a_bad_phone_is_named_and_nothing_is_written_and_the_typing_stays(app_db):
    at = open_card(open_page(), app_db, "Alpha Bakery")
    field(at, app_db, "Alpha Bakery", "main_phone").input("12").run()
    at.button(key="business_card_save").click().run()
    assert [plain(e.value) for e in at.error] == ["**Main phone**: '12' has too few digits."]
    assert business(app_db, "Alpha Bakery")["version"] == 1
    assert field(at, app_db, "Alpha Bakery", "main_phone").value == "12"


def test_when_someone_saved_first_the_card_shows_their_values_and_keeps_the_typed_ones(app_db):
    at = open_card(open_page(), app_db, "Alpha Bakery")
    alpha = business(app_db, "Alpha Bakery")
    db = Database(app_db)
    with db.unit_of_work(CPO) as uow:                                   # someone else saves first
        uow.update("businesses", alpha["id"], alpha["version"], {"notes": "alarm code changed",
                                                                 "main_phone": "+16172279999"})
    db.close()
    field(at, app_db, "Alpha Bakery", "main_phone").input("617-555-0134").run()
    at.button(key="business_card_save").click().run()
    assert any("was changed by Cpo" in e.value for e in at.error)      # the account's name, not its username
    assert "- **Main phone**: yours 617-555-0134 · saved now (617) 227-9999" in plain(
        " ".join(m.value for m in at.markdown))
    assert field(at, app_db, "Alpha Bakery", "main_phone").value == "617-555-0134"     # kept
    assert business(app_db, "Alpha Bakery")["main_phone"] == "+16172279999"            # nothing written
    at.button(key="business_card_mine_bottom").click().run()
    saved = business(app_db, "Alpha Bakery")
    assert (saved["main_phone"], saved["notes"], saved["version"]) == ("+16175550134", "alarm code changed", 3)


def test_a_crafted_business_id_of_another_district_is_refused_and_audited(app_db):
    south = business(app_db, "South Side Deli")
    at = open_page()
    at.session_state["business_card_open"] = south["id"]
    at.run()
    assert [plain(e.value) for e in at.error] == [f"Business {south['id']} is not in your districts."]
    assert "South Side Deli" not in " ".join(m.value for m in [*at.subheader, *at.markdown])
    assert not [t for t in at.text_input if t.key and t.key.startswith(f"business_card_{south['id']}_")]
    assert rows(app_db, "select action, record_id from audit_log where username = 'patrol' and action = 'denied'") \
        == [("denied", str(south["id"]))]


def test_a_contact_person_is_edited_and_added_on_the_card(app_db):
    at = open_card(open_page(), app_db, "Alpha Bakery")
    alpha = business(app_db, "Alpha Bakery")
    (contact_id,), = rows(app_db, "select id from business_contacts")
    at.text_input(key=f"business_card_{alpha['id']}_0_contact_{contact_id}_phone").input("617-555-0100").run()
    at.button(key=f"business_card_contact_save_{contact_id}").click().run()
    assert [plain(s.value) for s in at.success] == ["Contacts saved: 1 updated."]
    at.text_input(key=f"business_card_{alpha['id']}_1_contact_new_name").input("Bo Park").run()
    at.toggle(key=f"business_card_{alpha['id']}_1_contact_new_after_hours").set_value(True).run()
    at.text_input(key=f"business_card_{alpha['id']}_1_contact_new_phone").input("(617) 555-0101").run()
    at.button(key="business_card_contact_add").click().run()
    assert not at.error
    assert rows(app_db, "select name, phone, after_hours, version, coalesce(updated_by, created_by) "
                        "from business_contacts order by id") == \
        [("Ann [Lee](https://x.example)", "+16175550100", False, 2, "patrol"), ("Bo Park", "+16175550101", True, 1,
                                                                                 "patrol")]


def test_a_contact_saved_elsewhere_first_is_shown_and_the_typing_kept_and_removal_asks_first(app_db):
    at = open_card(open_page(), app_db, "Alpha Bakery")
    alpha = business(app_db, "Alpha Bakery")
    (contact_id,), = rows(app_db, "select id from business_contacts")
    key = f"business_card_{alpha['id']}_0"
    at.text_input(key=f"{key}_main_phone").input("617-555-0199").run()          # a business edit, not saved
    db = Database(app_db)
    with db.unit_of_work(CPO) as uow:
        uow.update("business_contacts", contact_id, 1, {"phone": "+16172279999"})
    db.close()
    at.text_input(key=f"{key}_contact_{contact_id}_phone").input("617-555-0100").run()
    at.button(key=f"business_card_contact_save_{contact_id}").click().run()
    assert any("was changed by Cpo" in e.value for e in at.error)
    shown = plain(" ".join(m.value for m in at.markdown))
    assert "- **Phone**: yours 617-555-0100 · saved now (617) 227-9999" in shown
    assert at.text_input(key=f"{key}_contact_{contact_id}_phone").value == "617-555-0100"
    assert rows(app_db, "select phone, version from business_contacts") == [("+16172279999", 2)]
    at.button(key=f"business_card_contact_mine_{contact_id}").click().run()
    assert rows(app_db, "select phone, version from business_contacts") == [("+16175550100", 3)]
    assert at.text_input(key=f"{key}_main_phone").value == "617-555-0199"      # the business edit is still there

    at.button(key=f"business_card_contact_remove_{contact_id}").click().run()
    assert rows(app_db, "select count(*) from live.business_contacts") == [(1,)]     # not yet: it asks
    at.button(key=f"business_card_contact_remove_yes_{contact_id}").click().run()
    assert rows(app_db, "select count(*), max(deleted_by) from business_contacts where deleted_at is not null") \
        == [(1, "patrol")]
    assert business(app_db, "Alpha Bakery")["version"] == 1                          # nothing else written


def test_command_staff_read_the_cards_without_fields_to_edit(app_db):
    at = open_card(open_page("chief"), app_db, "Alpha Bakery")
    assert not [t for t in at.text_input if t.key and t.key.startswith("business_card_")]
    assert not [b for b in at.button if b.key in ("business_card_save", "business_card_verify")]
    assert "[(617) 227-7100](tel:+16172277100)" in plain(" ".join(m.value for m in at.markdown))


def test_the_card_names_who_last_checked_it_by_their_name_not_their_username(app_db):
    at = open_card(open_page(), app_db, "Charlie Deli")
    at.button(key="business_card_verify").click().run()
    assert business(app_db, "Charlie Deli")["last_verified_by"] == "patrol"
    checked = [c.value for c in at.caption if c.value.startswith("Last checked by")]
    assert checked == ["Last checked by Patrol"], checked      # the account's display name


def test_the_category_and_the_check_read_in_words_on_the_grid_and_the_cards(app_db):
    db = Database(app_db)
    with db.cursor() as cur:
        cur.execute("update businesses set category = 'auto repair' where name = 'Alpha Bakery'")
    db.close()
    at = open_page()
    grid = at.data_editor[0].value.set_index("name")
    assert grid.loc["Alpha Bakery", "category"] == "Auto repair"
    assert list(grid.loc["Alpha Bakery", "check"]) == [f"Verified {formatting.day(TODAY)}"]
    assert list(grid.loc["bravo cafe", "check"]) == ["Overdue"]
    assert list(grid.loc["Charlie Deli", "check"]) == ["Never verified"]
    at = open_card(at, app_db, "Alpha Bakery")
    assert field(at, app_db, "Alpha Bakery", "category").value == "Auto repair"
    assert at.button(key="business_card_verify").label == "Verified today"     # nothing typed yet
    reader = open_card(open_page("chief"), app_db, "Alpha Bakery")
    assert "Category: Auto repair" in plain(" ".join(m.value for m in reader.markdown))
    assert list(reader.dataframe[0].value.set_index("name").loc["Alpha Bakery", ["category"]]) == ["Auto repair"]
