"""The Business contacts page through AppTest: the grid's edit path as the editor reports it."""

from __future__ import annotations

from datetime import date

import pytest

from queries.actor import SYSTEM, Actor
from queries.db import Database
from tests.apptest_support import make_accounts_db, open_tab, page_file, signed_in

CPO = Actor(username="cpo", role="prevention", user_id=3)
LIST = [  # name, address, district, last verified
    ("Alpha Bakery", "1 A St", "N", date.today()),
    ("Bravo Cafe", "2 B St", "N", date(2020, 1, 1)),
    ("Charlie Deli", "3 C St", "N", date.today()),
    ("Delta Diner", "4 D St", "N", None),
    ("South Side Grill", "9 S St", "S", date.today()),
]


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = make_accounts_db(tmp_path / "businesses.duckdb")
    db = Database(path)
    ids = {r["code"]: r["id"] for r in db.rows("districts_list")}
    with db.unit_of_work(SYSTEM) as uow:
        for name, address, code, verified in LIST:
            uow.insert("businesses", {"name": name, "address": address, "district_id": ids[code],
                                      "main_phone": "+16172270000", "last_verified_on": verified})
    db.close()
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    return path


def open_page(username: str):
    at = signed_in(username)
    at.switch_page(page_file("businesses.py")).run()
    assert not at.exception
    return at


def editor_key(at, name: str = "businesses") -> str:
    return f"{name}__editor_{at.session_state[name + '__grid']['nonce']}"


def rows(path, sql: str, **params) -> list[tuple]:
    db = Database(path)
    with db.cursor() as cur:
        return cur.execute(sql, params).fetchall()


def business(path, name: str) -> dict:
    db = Database(path)
    with db.cursor() as cur:
        result = cur.execute("select * from businesses where name = $n", {"n": name})
        return dict(zip([d[0] for d in result.description], result.fetchone()))


def test_an_officer_sees_only_their_district(app_db):
    at = open_page("patrol")
    shown = at.data_editor[0].value
    assert sorted(shown["name"]) == ["Alpha Bakery", "Bravo Cafe", "Charlie Deli", "Delta Diner"]
    assert at.data_editor[0].editing_mode == "dynamic"


def test_edited_added_and_deleted_rows_of_a_filtered_sorted_view_reach_the_right_records(app_db):
    at = open_page("patrol")
    at.text_input(key="businesses_search").input("i").run()            # Charlie Deli, Delta Diner
    at.selectbox(key="businesses_sort").select("Oldest check first").run()
    shown = at.data_editor[0].value
    assert list(shown["name"]) == ["Delta Diner", "Charlie Deli"]     # never verified comes first
    at.session_state[editor_key(at)] = {
        "edited_rows": {0: {"main_phone": "617-227-7100", "verify": True}},
        "added_rows": [{"name": "Echo Pizza", "address": "5 E St", "district": "N",
                        "main_phone": "(617) 227-7101"}],
        "deleted_rows": [1],
    }
    at.run()
    assert at.text_input(key="businesses_search").disabled           # no filter change with pending edits
    at.button(key="businesses_save").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Saved: 1 added, 1 updated, 1 removed, 1 verified today."]

    delta = business(app_db, "Delta Diner")
    assert (delta["main_phone"], delta["last_verified_on"], delta["last_verified_by"]) == \
        ("+16172277100", date.today(), "patrol")
    assert business(app_db, "Charlie Deli")["deleted_by"] == "patrol"
    echo = business(app_db, "Echo Pizza")
    assert (echo["main_phone"], echo["created_by"], echo["district_id"]) == ("+16172277101", "patrol", 1)
    for untouched in ("Alpha Bakery", "Bravo Cafe", "South Side Grill"):
        assert business(app_db, untouched)["version"] == 1
    audit = rows(app_db, "select action, record_id from audit_log where table_name = 'businesses' "
                         "and username = 'patrol' order by id")
    assert audit == [("delete", str(business(app_db, "Charlie Deli")["id"])),
                     ("update", str(delta["id"])), ("create", str(echo["id"]))]
    # the grid was read again: the removed row is gone, the new one is there
    assert "Charlie Deli" not in set(at.data_editor[0].value["name"])


def test_a_bad_cell_is_named_and_nothing_is_written_and_the_edit_stays(app_db):
    at = open_page("patrol")
    key = editor_key(at)
    at.session_state[key] = {"edited_rows": {0: {"main_phone": "12"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="businesses_save").click().run()
    assert [e.value for e in at.error] == ["**Row 1 (Alpha Bakery) · phone**: '12' has too few digits."]
    assert business(app_db, "Alpha Bakery")["version"] == 1
    assert at.session_state[key]["edited_rows"] == {0: {"main_phone": "12"}}


def test_a_likely_duplicate_is_flagged_and_saved_only_when_confirmed(app_db):
    at = open_page("patrol")
    at.session_state[editor_key(at)] = {"edited_rows": {}, "deleted_rows": [],
                                        "added_rows": [{"name": "ALPHA BAKERY", "address": "1 A Street",
                                                        "district": "N"}]}
    at.run()
    at.button(key="businesses_save").click().run()
    assert any("Likely duplicate" in w.value for w in at.warning)
    assert len(rows(app_db, "select id from businesses where lower(name) = 'alpha bakery'")) == 1
    at.button(key="businesses_save_anyway").click().run()
    assert len(rows(app_db, "select id from businesses where lower(name) = 'alpha bakery'")) == 2


def test_the_later_save_is_refused_with_the_current_values_and_nothing_is_lost(app_db):
    at = open_page("patrol")
    key = editor_key(at)
    alpha = business(app_db, "Alpha Bakery")
    db = Database(app_db)
    with db.unit_of_work(CPO) as uow:                       # someone else saves first
        uow.update("businesses", alpha["id"], alpha["version"], {"notes": "alarm code changed"})
    at.session_state[key] = {"edited_rows": {0: {"notes": "back door on the alley"}}, "added_rows": [],
                             "deleted_rows": []}
    at.run()
    at.button(key="businesses_save").click().run()
    assert any("changed by Cpo" in e.value for e in at.error)         # by name (the account's display name)
    comparison = next(d.value for d in at.dataframe if "Your value" in d.value.columns)
    assert comparison.to_dict("records") == [{"Field": "Notes", "Your value": "back door on the alley",
                                              "Current value": "alarm code changed"}]
    assert business(app_db, "Alpha Bakery")["notes"] == "alarm code changed"
    assert at.session_state[key]["edited_rows"] == {0: {"notes": "back door on the alley"}}
    at.button(key="businesses_conflict_mine").click().run()
    assert business(app_db, "Alpha Bakery")["notes"] == "back door on the alley"
    assert business(app_db, "Alpha Bakery")["version"] == 3


def test_contacts_are_edited_in_the_detail_panel(app_db):
    at = open_page("patrol")
    alpha = business(app_db, "Alpha Bakery")
    at.selectbox(key="contacts_business").select(alpha["id"]).run()
    key = editor_key(at, f"contacts_{alpha['id']}")
    at.session_state[key] = {"edited_rows": {}, "deleted_rows": [],
                             "added_rows": [{"name": "Ann Lee", "role": "keyholder", "phone": "617 227 7102",
                                             "email": "Ann@Alpha.COM", "after_hours": True}]}
    at.run()
    at.button(key=f"save_contacts_{alpha['id']}").click().run()
    assert not at.error
    assert rows(app_db, "select name, role, phone, email, after_hours, created_by from business_contacts") == \
        [("Ann Lee", "keyholder", "+16172277102", "Ann@alpha.com", True, "patrol")]
    frame = at.data_editor[1].value
    assert list(frame["phone"]) == ["(617) 227-7102"]                 # shown in the local format
    at.button(key=f"verify_{alpha['id']}").click().run()
    assert business(app_db, "Alpha Bakery")["last_verified_by"] == "patrol"


def test_command_staff_read_the_list_without_an_editor(app_db):
    at = open_page("chief")
    assert not at.data_editor
    assert sorted(at.dataframe[0].value["name"])[-1] == "South Side Grill"
    assert not [b for b in at.button if b.key == "businesses_save"]


def test_prevention_sees_every_district_and_the_import_tab(app_db):
    at = open_page("cpo")
    assert len(at.data_editor[0].value) == len(LIST)
    assert [t.label for t in at.tabs] == ["List", "Currency by district", "Print and download", "Import"]
    assert not at.error


def test_the_read_only_tabs_run_when_opened_and_an_unsaved_edit_in_the_list_survives(app_db):
    at = open_page("patrol")                                           # district N: four businesses
    assert not at.metric and "businesses, " not in " ".join(m.value for m in at.markdown)
    key = editor_key(at)
    at.session_state[key] = {"edited_rows": {0: {"notes": "back door"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    open_tab(at, "businesses_tab", "Currency by district")
    assert not at.exception, at.exception
    shown = {m.label: m.value for m in at.metric}
    assert shown["Businesses listed"] == "4"
    assert shown["Verified within 12 months"] == "0%"       # the fixture records no verification checks
    open_tab(at, "businesses_tab", "Print and download")
    assert "4 businesses, 0 contact persons." in [m.value for m in at.markdown]
    assert not at.metric                                                # the currency tab no longer runs
    open_tab(at, "businesses_tab", "List")
    assert at.session_state[key]["edited_rows"] == {0: {"notes": "back door"}}   # not lost
