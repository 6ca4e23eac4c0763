"""Businesses in the data layer: cleaning, scoped reads and writes, duplicates, conflicts, currency."""

from __future__ import annotations

import json
from datetime import date

import pytest
import shapely
from shapely.geometry import box

from core.business_writes import LikelyDuplicate, save_businesses, save_contacts, verify_business
from core.businesses import (
    clean_contact,
    currency_by_district,
    duplicate_key,
    get_business,
    list_businesses,
    list_contacts,
)
from core.grid_changes import RowChange, grid_changes
from core.validate import FieldError, format_phone, normalize_email, normalize_phone
from queries.actor import SYSTEM, Actor
from queries.errors import ConflictError, PermissionDenied, ValidationError
from tests.conftest import officer

TODAY = date(2026, 11, 15)
NORTH = box(-72.0, 41.0, -71.9, 41.1)   # lon/lat squares side by side
SOUTH = box(-71.9, 41.0, -71.8, 41.1)
CPO = Actor(username="cpo", role="prevention", user_id=2)
CHIEF = Actor(username="chief", role="command", user_id=3)


@pytest.fixture
def places(db):
    with db.unit_of_work(SYSTEM) as uow:
        n = uow.insert("districts", {"code": "N", "name": "North", "geometry": shapely.to_geojson(NORTH)})["id"]
        s = uow.insert("districts", {"code": "S", "name": "South", "geometry": shapely.to_geojson(SOUTH)})["id"]
    return n, s


def add(db, actor, **values) -> dict:
    base = {"name": None, "dba": None, "address": None, "category": None, "main_phone": None,
            "district": None, "latitude": None, "longitude": None, "notes": None}
    save_businesses(db, actor, [], [RowChange("new row 1", values={**base, **values})], [], TODAY)
    with db.cursor() as cur:
        result = cur.execute("select * from businesses order by id desc limit 1")
        return dict(zip([d[0] for d in result.description], result.fetchone()))


def stored(db, business_id) -> dict:
    with db.cursor() as cur:
        result = cur.execute("select * from businesses where id = $id", {"id": business_id})
        return dict(zip([d[0] for d in result.description], result.fetchone()))


def audit_rows(db, action=None) -> list[dict]:
    with db.cursor() as cur:
        result = cur.execute("select * from audit_log where ($a is null or action = $a) order by id", {"a": action})
        return [dict(zip([d[0] for d in result.description], r)) for r in result.fetchall()]


def edit(row: dict, **values) -> RowChange:
    base = {**row, "district": None}
    return RowChange(f"row ({row['name']})", id=row["id"], version=row["version"], values=values, base=base)


# ---------- phone and e-mail normalisation ----------

@pytest.mark.parametrize("typed, stored_as, shown", [
    ("617-227-7100", "+16172277100", "(617) 227-7100"),
    ("(617) 227 7100", "+16172277100", "(617) 227-7100"),
    ("+1 617.227.7100", "+16172277100", "(617) 227-7100"),
    ("1-617-227-7100", "+16172277100", "(617) 227-7100"),
    ("617-227-7100 ext. 12", "+16172277100;ext=12", "(617) 227-7100 x12"),
    ("+44 20 7946 0958", "+442079460958", "+44 20 7946 0958"),
    ("", None, ""),
])
def test_phones_are_stored_in_e164_and_shown_in_the_local_format(typed, stored_as, shown):
    assert normalize_phone(typed) == stored_as
    assert format_phone(stored_as) == shown
    assert normalize_phone(format_phone(stored_as) or None) == stored_as  # shown form reads back


@pytest.mark.parametrize("typed, reason", [
    ("+10000000000", "is not a valid phone number"),
    ("617-227", "too few digits"),
    ("call the owner", "is not a phone number"),
])
def test_bad_phones_are_refused_with_a_reason(typed, reason):
    with pytest.raises(FieldError, match=reason):
        normalize_phone(typed)


@pytest.mark.parametrize("typed, stored_as", [
    ("Jane.Doe@Example.ORG", "Jane.Doe@example.org"),
    ("  owner@shop.com ", "owner@shop.com"),
    ("", None),
])
def test_emails_are_checked_and_the_domain_lowercased(typed, stored_as):
    assert normalize_email(typed) == stored_as


@pytest.mark.parametrize("typed", ["owner@", "no at sign", "a@b@c.com", "x@.com"])
def test_bad_emails_are_refused(typed):
    with pytest.raises(FieldError):
        normalize_email(typed)


def test_a_contact_is_cleaned_field_by_field():
    values, problems = clean_contact({"name": " Ann Lee ", "role": "Keyholder", "phone": "617 227 7100",
                                      "alt_phone": "", "email": "ANN@Shop.COM", "after_hours": True})
    assert problems == {}
    assert values == {"name": "Ann Lee", "role": "keyholder", "phone": "+16172277100", "alt_phone": None,
                      "email": "ANN@shop.com", "after_hours": True}
    _, problems = clean_contact({"name": "", "role": "boss", "phone": "123", "email": "x@", "after_hours": None})
    assert set(problems) == {"name", "role", "phone", "email"}


def test_duplicate_key_ignores_case_punctuation_and_street_spelling():
    assert duplicate_key("Joe's Pizza", "12 Main Street") == duplicate_key("JOES PIZZA.", " 12  main st ")
    assert duplicate_key("A & B Deli", "5 North Avenue") == duplicate_key("a and b deli", "5 N. Ave")
    assert duplicate_key("Joe's Pizza", "12 Main Street") != duplicate_key("Joe's Pizza", "14 Main Street")


# ---------- grid positions -> ids ----------

def test_grid_positions_map_to_the_ids_of_the_frame_shown_filtered_and_sorted():
    import pandas as pd

    full = pd.DataFrame({"id": [1, 2, 3, 4], "version": [1, 1, 2, 1], "name": ["d", "c", "b", "a"],
                         "phone": ["1", "2", "3", "4"]})
    shown = full[full["id"] != 2].sort_values("name").reset_index(drop=True)   # ids 4, 3, 1
    state = {"edited_rows": {0: {"name": "a2"}, 2: {"phone": "1"}, 1: {"name": "gone"}},
             "added_rows": [{"name": "new", "phone": None}, {"name": None, "phone": ""}],
             "deleted_rows": [1]}
    changes = grid_changes(shown, state, ["name", "phone"], label_column="name")
    assert [(c.id, c.version, c.values) for c in changes.updated] == [(4, 1, {"name": "a2"})]
    assert [(c.id, c.version) for c in changes.deleted] == [(3, 2)]          # position 1 is id 3
    assert [c.values for c in changes.added] == [{"name": "new", "phone": None}]  # the blank row is ignored


# ---------- saving from the grid ----------

def test_an_added_business_is_cleaned_placed_by_location_stamped_and_audited(db, places):
    north, south = places
    row = add(db, CPO, name=" Joe's Pizza ", address="12 Main Street", main_phone="617-227-7100",
              latitude=41.05, longitude=-71.85)
    assert (row["name"], row["main_phone"], row["district_id"], row["outside_districts"]) == \
        ("Joe's Pizza", "+16172277100", south, False)
    assert (row["last_verified_on"], row["last_verified_by"], row["created_by"]) == (TODAY, "cpo", "cpo")
    created = [a for a in audit_rows(db, "create") if a["table_name"] == "businesses"]
    assert created[-1]["record_id"] == str(row["id"])
    assert json.loads(created[-1]["after"])["main_phone"] == "+16172277100"


def test_a_point_outside_every_district_is_kept_and_flagged(db, places):
    row = add(db, CPO, name="Far Away Farm", address="1 Country Road", latitude=42.0, longitude=-70.0)
    assert row["district_id"] is None and row["outside_districts"] is True
    north, _ = places
    row = add(db, CPO, name="Edge Shop", address="2 Edge Rd", district="N", latitude=42.0, longitude=-70.0)
    assert row["district_id"] == north and row["outside_districts"] is True  # the officer's pick is kept


def test_a_chosen_district_that_contradicts_the_location_is_refused(db, places):
    with pytest.raises(ValidationError) as refused:
        add(db, CPO, name="Mixup", address="3 Main St", district="N", latitude=41.05, longitude=-71.85)
    assert "lies in district S" in str(refused.value)
    assert stored_count(db) == 0


def stored_count(db) -> int:
    with db.cursor() as cur:
        return cur.execute("select count(*) from businesses").fetchone()[0]


def test_every_bad_cell_is_named_and_nothing_is_written(db, places):
    good = add(db, CPO, name="Good", address="1 A St", district="N")
    before_audit = len(audit_rows(db))
    with pytest.raises(ValidationError) as refused:
        save_businesses(db, CPO, [edit(good, main_phone="12", latitude=95.0)],
                        [RowChange("new row 1", values={"name": "", "address": "x", "main_phone": "+10000000000"})],
                        [], TODAY)
    assert refused.value.problems == {
        "row (Good) · phone": "'12' has too few digits.",
        "row (Good) · latitude": "must be between -90 and 90 (got 95).",
        "new row 1 · name": "is required.",
        "new row 1 · phone": "'+10000000000' is not a valid phone number.",
    }
    assert stored(db, good["id"])["version"] == good["version"] and stored_count(db) == 1
    assert len(audit_rows(db)) == before_audit


def test_a_likely_duplicate_is_flagged_before_saving_and_saved_only_when_confirmed(db, places):
    add(db, CPO, name="Joe's Pizza", address="12 Main Street", district="N")
    change = RowChange("new row 1", values={"name": "JOES PIZZA", "address": "12 main st.", "district": "N"})
    with pytest.raises(LikelyDuplicate) as flagged:
        save_businesses(db, CPO, [], [change], [], TODAY)
    assert "matches business 1 (Joe's Pizza, 12 Main Street)" in flagged.value.matches[0]
    assert stored_count(db) == 1
    save_businesses(db, CPO, [], [change], [], TODAY, allow_duplicates=True)
    assert stored_count(db) == 2


def test_update_verify_and_soft_delete_from_the_grid(db, places):
    a = add(db, CPO, name="A", address="1 A St", district="N")
    b = add(db, CPO, name="B", address="2 B St", district="N")
    summary = save_businesses(db, CPO, [edit(a, main_phone="(617) 227-7100"), edit(b)], [], [], date(2027, 1, 2),
                              verify_ids={b["id"]})
    assert (summary.updated, summary.verified) == (1, 1)
    assert stored(db, a["id"])["main_phone"] == "+16172277100"
    assert stored(db, b["id"])["last_verified_on"] == date(2027, 1, 2)
    b = stored(db, b["id"])
    save_businesses(db, CPO, [], [], [RowChange("row", id=b["id"], version=b["version"])], TODAY)
    gone = stored(db, b["id"])
    assert gone["deleted_by"] == "cpo" and gone["deleted_at"] is not None
    assert list(list_businesses(db, CPO, TODAY)["id"]) == [a["id"]]
    assert audit_rows(db, "delete")[-1]["record_id"] == str(b["id"])


def test_the_later_of_two_saves_is_refused_with_the_current_values(db, places):
    row = add(db, CPO, name="Corner Store", address="5 Elm St", district="N")
    first, second = officer(10, places[0]), officer(11, places[0])
    save_businesses(db, first, [edit(row, main_phone="617-227-7100")], [], [], TODAY)
    with pytest.raises(ConflictError) as conflict:
        save_businesses(db, second, [edit(row, notes="back door on Elm")], [], [], TODAY)
    assert conflict.value.current["main_phone"] == "+16172277100"
    assert conflict.value.current["updated_by"] == "officer10"
    assert stored(db, row["id"])["notes"] is None


# ---------- officers: their districts only ----------

def test_an_officer_cannot_read_or_write_another_districts_businesses(db, places):
    north, south = places
    mine = add(db, CPO, name="Mine", address="1 N St", district="N")
    theirs = add(db, CPO, name="Theirs", address="1 S St", district="S")
    save_contacts(db, CPO, theirs["id"], [], [RowChange("new", values={"name": "Sam", "role": "owner",
                                                                        "phone": "617-227-7100"})], [])
    north_officer = officer(10, north)

    assert list(list_businesses(db, north_officer, TODAY)["id"]) == [mine["id"]]
    assert get_business(db, north_officer, mine["id"])["name"] == "Mine"
    with pytest.raises(PermissionDenied):
        get_business(db, north_officer, theirs["id"])
    with pytest.raises(PermissionDenied):
        list_contacts(db, north_officer, theirs["id"])
    assert db.df("business_contacts_list", business_id=theirs["id"], all_districts=False,
                 districts=[north]).empty
    assert currency_by_district(db, north_officer, TODAY)["district_code"].tolist() == ["N"]

    with pytest.raises(PermissionDenied):   # a crafted grid save naming the other district's record
        save_businesses(db, north_officer, [edit(theirs, name="Hijacked")], [], [], TODAY)
    with pytest.raises(PermissionDenied):   # moving their own business into the other district
        save_businesses(db, north_officer, [edit(mine, district="S")], [], [], TODAY)
    with pytest.raises(PermissionDenied):
        save_businesses(db, north_officer, [], [RowChange("new", values={"name": "X", "address": "1 X St",
                                                                          "district": "S"})], [], TODAY)
    contact = db.rows("business_contacts_list", business_id=theirs["id"], all_districts=True, districts=[])[0]
    with pytest.raises(PermissionDenied):
        save_contacts(db, north_officer, theirs["id"],
                      [RowChange("c", id=contact["id"], version=contact["version"], values={"phone": "6172277101"})],
                      [], [])
    assert stored(db, theirs["id"])["name"] == "Theirs" and stored(db, mine["id"])["district_id"] == north
    denied = audit_rows(db, "denied")
    assert len(denied) == 6 and {d["username"] for d in denied} == {"officer10"}
    assert [d["record_id"] for d in denied[:2]] == [str(theirs["id"])] * 2
    assert "read" in denied[0]["detail"]


def test_command_staff_read_every_business_but_write_none(db, places):
    row = add(db, CPO, name="A", address="1 A St", district="S")
    assert len(list_businesses(db, CHIEF, TODAY)) == 1
    with pytest.raises(PermissionDenied):
        verify_business(db, CHIEF, row["id"], row["version"], TODAY)
    assert audit_rows(db, "denied")[-1]["username"] == "chief"


# ---------- currency figures ----------

def test_currency_shares_match_an_independent_count(demo_db):
    end = date(2026, 10, 31)
    figures = currency_by_district(demo_db, SYSTEM, end).set_index("district_code")
    with demo_db.cursor() as cur:
        rows = cur.execute("""
            select d.code,
                   count(*) as n,
                   sum(case when exists (select 1 from business_verifications v where v.business_id = b.id
                                         and v.verified_on > date '2025-10-31' and v.verified_on <= date '2026-10-31')
                            then 1 else 0 end) as verified,
                   sum(case when exists (select 1 from business_contacts c where c.business_id = b.id
                                         and c.after_hours and c.deleted_at is null)
                            then 1 else 0 end) as after_hours
            from businesses b join districts d on d.id = b.district_id
            where b.deleted_at is null
            group by d.code""").fetchall()
    assert rows
    for code, n, verified, after_hours in rows:
        assert figures.loc[code, "businesses"] == n
        assert figures.loc[code, "verified_12m"] == verified
        assert figures.loc[code, "share_verified_12m"] == pytest.approx(verified / n)
        assert figures.loc[code, "share_after_hours"] == pytest.approx(after_hours / n)


def test_currency_counts_only_checks_within_the_12_months_up_to_the_period_end(db, places):
    add(db, CPO, name="A", address="1 A St", district="N")          # its one check: TODAY (2026-11-15)
    counted = {day: currency_by_district(db, CPO, day).iloc[0] for day in
               (date(2026, 11, 14), TODAY, date(2027, 11, 14), date(2027, 11, 15))}
    assert [int(c["verified_12m"]) for c in counted.values()] == [0, 1, 1, 0]   # 12 months old: no longer
    assert int(counted[date(2026, 11, 14)]["never_verified"]) == 1                 # not yet checked then
    assert {int(c["businesses"]) for c in counted.values()} == {1}


def test_an_officer_adding_a_business_without_a_district_is_asked_to_choose_one(db, places):
    north, _ = places
    with pytest.raises(ValidationError) as refused:
        save_businesses(db, officer(10, north), [], [RowChange("new row 1", values={"name": "X", "address": "1 X St"})],
                        [], TODAY)
    assert refused.value.problems == {"new row 1 · district": "choose one of your districts (N)."}
    assert stored_count(db) == 0


def test_the_printable_list_and_downloads_hold_the_businesses_and_contacts(db, places):
    import io

    from pypdf import PdfReader

    from core import business_print

    shop = add(db, CPO, name="=Corner Bakery", address="12 Main St", district="N", main_phone="617-227-7100")
    save_contacts(db, CPO, shop["id"], [], [RowChange("c", values={"name": "Ann Lee", "role": "keyholder",
                                                                   "phone": "617 227 7102", "after_hours": True})], [])
    add(db, CPO, name="Quiet Books", address="3 Oak St", district="S")
    rows = db.df("business_contacts_export", all_districts=True, districts=[], district_id=None)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(
        business_print.pdf_bytes(rows, "Business contact list", TODAY))).pages)
    for expected in ("District N", "=Corner Bakery", "* Ann Lee (keyholder)", "(617) 227-7102", "District S",
                     "Quiet Books", "(no contact person listed)"):
        assert expected in text
    csv_text = business_print.csv_bytes(rows).decode("utf-8-sig")
    assert "'=Corner Bakery" in csv_text and "(617) 227-7102" in csv_text   # formula escaped, local format
    assert business_print.xlsx_bytes(rows)[:2] == b"PK"


def test_every_verification_is_kept_so_a_past_month_still_counts_it(db, places):
    from core import metrics
    from core.periods import month

    shop = add(db, CPO, name="Corner Shop", address="1 Main St", district="N")    # verified on TODAY (adding)
    shop = stored(db, shop["id"])
    verify_business(db, CPO, shop["id"], shop["version"], date(2027, 12, 1))     # checked again a year later
    with db.cursor() as cur:
        history = cur.execute("select verified_on, verified_by from business_verifications "
                              "where business_id = $b order by 1", {"b": shop["id"]}).fetchall()
    assert history == [(TODAY, "cpo"), (date(2027, 12, 1), "cpo")]
    assert stored(db, shop["id"])["last_verified_on"] == date(2027, 12, 1)
    # November 2026 counts the check of 15 November 2026, although a later one replaced it on the list
    assert metrics.headline(db, SYSTEM, month(2026, 11))["businesses_verified_12m"] == 1
    assert metrics.headline(db, SYSTEM, month(2027, 10))["businesses_verified_12m"] == 1
    assert metrics.headline(db, SYSTEM, month(2027, 11))["businesses_verified_12m"] == 0   # 12 months passed
    assert metrics.headline(db, SYSTEM, month(2027, 12))["businesses_verified_12m"] == 1
    assert [a["action"] for a in audit_rows(db) if a["table_name"] == "business_verifications"] == ["create", "create"]
