"""AppTest of the community-work data-entry pages (concerns, contact log, organizations), each as its
role, including a submitted form."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime

import numpy as np
import pandas as pd

from components.concern_forms import age_buckets
from core import settings
from queries.db import Database
from tests.entry_support import audits, by_label, count, open_page


def _numbers(values) -> list:
    """A plotly JSON array: a list, or numbers packed as {"dtype", "bdata"} (base64)."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def test_a_patrol_officer_reports_a_concern_from_the_page(world_path):
    path, world = world_path
    at = open_page("patrol", "concerns.py")
    assert not [s for s in at.selectbox if s.label == "Assign to"]   # officers do not assign
    [s for s in at.selectbox if s.label == "Category"][0].set_value("disorderly_group")
    by_label(at.text_area, "What is the concern?").input("Group blocking the bus stop every evening")
    by_label(at.text_input, "Where").input("Main St & 3rd")
    by_label(at.checkbox, "Anonymous").check()
    by_label(at.button, "Save concern").click().run()
    assert not at.exception
    assert "saved" in at.success[0].value
    db = Database(path)
    rows = db.cursor().execute("select channel, district_id, anonymous, reported_by_id, status from concerns").fetchall()
    assert rows == [("officer", world.north, True, world.patrol.user_id, "new")]
    assert audits(db, "concerns") == [("create", "1", "patrol")]
    assert count(db, "select count(*) from concern_updates") == 1


def test_the_prevention_officer_resolves_a_concern_with_the_response_given(world_path):
    from core.entry import concerns

    path, world = world_path
    db = Database(path)
    cid = concerns.create_concern(db, world.cpo, {"received_on": date.today(), "channel": "phone",
                                                  "category": "blight", "description": "Abandoned car", "district": "S"})
    at = open_page("cpo", "concerns.py")
    by_label(at.selectbox, "Concern").set_value(cid).run()
    by_label(at.text_area, "Response given back to the person or group").input("Towed on Tuesday; caller informed")
    by_label(at.button, "Resolve").click().run()
    assert not at.exception
    assert at.success[0].value == "Concern resolved."
    row = db.one("concern_by_id", id=cid)
    assert (row["status"], row["response_given"]) == ("resolved", "Towed on Tuesday; caller informed")
    assert [a[0] for a in audits(db, "concerns")] == ["create", "update"]


def test_command_reads_the_ageing_view(world_path):
    at = open_page("chief", "concerns.py")
    assert [t.label for t in at.tabs] == ["Open concerns", "Find and work a concern"]
    assert "No open concerns" in at.info[0].value


def test_a_patrol_officer_logs_a_contact_with_two_taps(world_path):
    from core.entry.contact_log import guess_shift

    path, world = world_path
    at = open_page("patrol", "contact_log.py")
    at.segmented_control[0].set_value("youth")
    by_label(at.button, "Log contact").click().run()
    assert not at.exception
    assert at.success[0].value == "Logged 1 youth contact."        # the noun agrees with the count
    db = Database(path)
    row = db.cursor().execute("select officer_id, contact_date, district_id, kind, contact_count, shift "
                              "from contact_log").fetchall()
    assert row[0][:5] == (world.patrol.user_id, date.today(), world.north, "youth", 1)
    assert row[0][5] in (guess_shift(datetime.now()), "day", "evening", "night")
    assert audits(db, "contact_log") == [("create", "1", "patrol")]
    assert at.metric[0].value == "1"


def test_a_contact_without_a_kind_is_refused_next_to_the_field(world_path):
    path, world = world_path
    at = open_page("patrol", "contact_log.py")
    by_label(at.button, "Log contact").click().run()
    assert [e.value for e in at.error] == ["Kind: is required."]
    assert count(Database(path), "select count(*) from contact_log") == 0


def test_the_prevention_officer_adds_an_organization_and_logs_a_meeting(world_path):
    path, world = world_path
    at = open_page("cpo", "organizations.py")
    at.text_input(key=[t.key for t in at.text_input if t.label == "Name"][0]).input("Oak St Tenants")
    [s for s in at.selectbox if s.label == "Type"][1].set_value("tenant_group")
    by_label(at.text_input, "Phone").input("203-555-0199")
    by_label(at.button, "Save organization").click().run()
    assert not at.exception
    assert at.success[0].value == "Oak St Tenants saved."
    db = Database(path)
    oid = count(db, "select id from organizations where name = 'Oak St Tenants'")
    assert count(db, "select contact_phone from organizations where id = $i", i=oid) == "+12035550199"
    by_label(at.selectbox, "Organization").set_value(oid).run()
    by_label(at.number_input, "Attendance").set_value(12)
    by_label(at.button, "Log meeting").click().run()
    assert not at.exception
    assert count(db, "select attendance from org_meetings where organization_id = $i", i=oid) == 12
    assert audits(db, "org_meetings")[0][2] == "cpo"


def test_a_picked_organization_stays_picked_when_another_user_adds_one(world_path):
    # Found by the five-browser test: a picker's options changed by someone else's save gave the
    # widget a new identity, so the pick was dropped and the user had to pick again.
    path, world = world_path
    at = open_page("cpo", "organizations.py")
    by_label(at.selectbox, "Organization").set_value(world.partner).run()
    assert "Details" in [h.value for h in at.subheader]
    other = open_page("boss", "organizations.py")       # an administrator, in another session
    other.text_input(key=[t.key for t in other.text_input if t.label == "Name"][0]).input("Aardvark Tenants")
    [s for s in other.selectbox if s.label == "Type"][1].set_value("tenant_group")
    by_label(other.button, "Save organization").click().run()
    assert other.success[0].value == "Aardvark Tenants saved."

    at.run()
    picker = by_label(at.selectbox, "Organization")
    assert "Aardvark Tenants" in picker.options       # the list did change
    assert picker.value == world.partner
    assert "Details" in [h.value for h in at.subheader]


def test_command_sees_watch_coverage(world_path):
    at = open_page("chief", "organizations.py")
    assert [t.label for t in at.tabs] == ["Organizations", "Watch coverage"]
    assert "2 of 2 districts lack an active watch group" in at.warning[0].value


def test_a_long_concern_list_offers_the_oldest_and_finds_the_rest_by_number_or_words(world_path, monkeypatch):
    from core.entry import concerns

    path, world = world_path
    db = Database(path)
    ids = [concerns.create_concern(db, world.cpo, {"received_on": date(2026, 10, day), "channel": "phone",
                                                   "category": "blight", "description": f"Car number {day}",
                                                   "location": f"{day} Elm St", "district": "S"})
           for day in (1, 2, 3)]
    db.close()
    monkeypatch.setattr(concerns, "PICK_ROWS", 2)

    at = open_page("cpo", "concerns.py")
    picker = by_label(at.selectbox, "Concern")
    assert picker.options[0].startswith(f"#{ids[0]} ") and len(picker.options) == 2     # oldest first
    assert any("3 concerns match; the first 2" in c.value for c in at.caption)
    by_label(at.text_input, "Find a concern").input(f"#{ids[2]}").run()
    assert [o.split(" ")[0] for o in by_label(at.selectbox, "Concern").options] == [f"#{ids[2]}"]
    assert not any("concerns match" in c.value for c in at.caption)
    by_label(at.text_input, "Find a concern").input("ELM ST").run()
    assert len(by_label(at.selectbox, "Concern").options) == 2
    by_label(at.text_input, "Find a concern").input("car number 2").run()
    by_label(at.selectbox, "Concern").set_value(ids[1]).run()
    assert not at.exception
    assert any("Car number 2" in m.value for m in at.markdown)
    by_label(at.text_input, "Find a concern").input("no such words").run()
    assert "No concerns match." in [i.value for i in at.info]


def test_a_long_open_list_is_shown_a_page_at_a_time_oldest_first(world_path, monkeypatch):
    from components import paging
    from core.entry import concerns

    path, world = world_path
    db = Database(path)
    ids = [concerns.create_concern(db, world.cpo, {"received_on": date(2026, 10, day), "channel": "phone",
                                                   "category": "blight", "description": f"Car number {day}",
                                                   "district": "S"})
           for day in (5, 1, 4, 2, 3)]
    oldest_first = [ids[1], ids[3], ids[4], ids[2], ids[0]]
    assert count(db, "select count(*) from concerns where resolved_on is null") == 5
    days = settings.response_days(db)
    db.close()
    monkeypatch.setattr(paging, "PAGE_ROWS", 2)

    at = open_page("cpo", "concerns.py")
    assert list(at.dataframe[0].value["id"]) == oldest_first[:2]
    assert any(c.value == "5 open concerns, overdue and oldest first · rows 1–2 shown · the downloads hold them all"
               for c in at.caption)
    page = by_label(at.number_input, "Page (of 3, 2 rows each)")
    page.set_value(3).run()
    assert not at.exception
    assert list(at.dataframe[0].value["id"]) == oldest_first[4:]
    assert any("rows 5–5 shown" in c.value for c in at.caption)
    assert at.metric[0].value == "5"                   # the figures and the chart count the whole list
    bars = {t["name"]: sum(_numbers(t["y"])) for t in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]}
    overdue = sum((date.today() - date(2026, 10, day)).days > days for day in (1, 2, 3, 4, 5))
    assert bars == {"within the response time": 5 - overdue, f"over {days} days (overdue)": overdue}


def test_open_concerns_are_counted_into_their_age_buckets_at_the_edges():
    ages = [0, 7, 8, 14, 15, 30, 31, 60, 61, 900]
    overdue = [False, False, False, False, False, False, True, True, True, False]
    buckets = age_buckets(pd.DataFrame({"age_days": ages, "overdue": overdue}))
    assert buckets.to_dict("records") == [
        {"age": "0-7 days", "overdue": 0, "within": 2}, {"age": "8-14 days", "overdue": 0, "within": 2},
        {"age": "15-30 days", "overdue": 0, "within": 2}, {"age": "31-60 days", "overdue": 2, "within": 0},
        {"age": "over 60 days", "overdue": 1, "within": 1}]
