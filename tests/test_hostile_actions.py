"""Hostile names in the messages shown after an action (AppTest): save a program, an organization, a
concern and an event, mark a business verified, delete an event, submit the monthly report, import
a file. Each action runs with payloads (tests/hostile_support.py) in the names it shows, and every
text the page then renders as Markdown (messages, captions, headers, labels) must hold them escaped
(core.text.md), never as they are. The browser sweep (test_browser_hostile.py) checks the same
for the verify message in Chromium, where an unescaped image would be fetched.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from core import settings
from core.entry import events
from core.text import md
from queries.actor import SYSTEM
from queries.db import Database
from tests.entry_support import by_label, count, open_page
from tests.hostile_support import PAYLOADS

# payloads that Markdown or Streamlit would read as something (escaping changes them)
MARKUP = [p for p in PAYLOADS if md(p) != p and len(p) < 200]
LINK = "[reset your password](https://evil.invalid/phish)"
PIXEL = "![pixel](https://evil.invalid/track.png)"
HTML = "<img src=x onerror=\"window.__xss=2\">"
STYLED = ":red[coloured] :material/warning: **bold** <b>html</b>"
SHOWN = ("markdown", "caption", "success", "info", "warning", "error", "title", "header", "subheader", "toast")
LABELLED = ("expander", "tabs", "button", "metric", "selectbox", "multiselect", "text_input", "text_area",
            "number_input", "checkbox", "date_input")


def rendered(at) -> list[str]:
    """Every text of the page that Streamlit renders as Markdown."""
    texts = []
    for kind in SHOWN:
        texts += [str(e.value) for e in getattr(at, kind)]
    for kind in LABELLED:
        texts += [str(e.label) for e in getattr(at, kind)]
    return texts


def assert_escaped(at, *expected: str) -> None:
    """No payload as it is in any Markdown text, and each expected name shown (escaped)."""
    assert not at.exception
    texts = rendered(at)
    raw = sorted({p[:50] for p in MARKUP for t in texts if p in t})
    assert raw == [], f"unescaped in Markdown: {raw}"
    for name in expected:
        assert any(md(name) in t for t in texts), f"{name!r} is not shown: {texts}"


@pytest.fixture
def hostile(world_path):
    path, world = world_path
    db = Database(path)
    with db.unit_of_work(SYSTEM) as uow:
        north = uow.row("districts", world.north)
        uow.update("districts", world.north, north["version"], {"name": HTML})
        uow.insert("businesses", {"name": PIXEL, "address": STYLED, "district_id": world.north,
                                  "main_phone": "+16172270000"})
        link = uow.insert("programs", {"name": LINK, "category": "youth", "delivery_kind": "recurring"})["id"]
        cpo = uow.row("users", world.cpo.user_id)
        uow.update("users", world.cpo.user_id, cpo["version"], {"display_name": STYLED})
    settings.save_all(db, world.admin, {settings.DEPARTMENT_NAME: (PIXEL, None)})
    db.close()
    return path, world, link


def test_saving_a_program_and_an_organization_shows_their_names_escaped(hostile):
    path, world, _ = hostile
    at = open_page("cpo", "programs.py")
    at.text_input(key=[t.key for t in at.text_input if t.label == "Name"][0]).input(PIXEL + " seminar")
    [s for s in at.selectbox if s.label == "Category"][1].set_value("seniors")
    by_label(at.button, "Save program").click().run()
    assert count(Database(path), "select count(*) from programs where name = $n", n=PIXEL + " seminar") == 1
    assert_escaped(at, PIXEL + " seminar")

    at = open_page("cpo", "organizations.py")
    at.text_input(key=[t.key for t in at.text_input if t.label == "Name"][0]).input(LINK + " tenants")
    [s for s in at.selectbox if s.label == "Type"][1].set_value("tenant_group")
    by_label(at.button, "Save organization").click().run()
    assert at.success and md(LINK + " tenants") in at.success[0].value
    assert_escaped(at, LINK + " tenants")


def test_saving_a_concern_and_an_event_deleting_an_event(hostile):
    path, world, link = hostile
    at = open_page("patrol", "concerns.py")
    [s for s in at.selectbox if s.label == "Category"][0].set_value("blight")
    by_label(at.text_area, "What is the concern?").input(PIXEL)
    by_label(at.text_input, "Where").input(LINK)
    by_label(at.button, "Save concern").click().run()
    assert count(Database(path), "select count(*) from concerns") == 1 and at.success
    assert_escaped(at)

    db = Database(path)
    start = datetime.now().replace(minute=0, second=0, microsecond=0)
    event_id = events.create_event(db, world.cpo, {"program_id": link, "starts_at": start, "ends_at": start,
                                                   "district": "N", "location": STYLED})
    db.close()
    at = open_page("boss", "events.py")
    by_label(at.selectbox, "Event").set_value(event_id).run()
    assert_escaped(at)
    by_label(at.button, "Delete").click().run()
    by_label(at.button, "Yes, delete").click().run()
    assert count(Database(path), "select count(*) from live.events") == 0
    assert_escaped(at)


def test_marking_a_business_verified_shows_its_name_escaped(hostile):
    path, world, _ = hostile
    at = open_page("patrol", "businesses.py")
    business = count(Database(path), "select id from businesses where name = $n", n=PIXEL)
    at.selectbox(key="contacts_business").set_value(business).run()
    at.button(key=f"verify_{business}").click().run()
    assert count(Database(path), "select last_verified_on is not null from businesses where id = $i", i=business)
    assert [s.value for s in at.success] == [md(PIXEL) + " marked verified today."]
    assert_escaped(at, PIXEL, STYLED)


def test_submitting_the_monthly_report_shows_the_header_escaped(hostile):
    path, world, _ = hostile
    at = open_page("cpo", "monthly_report.py")
    assert_escaped(at, PIXEL, STYLED)                   # department and preparer in the header
    month = at.selectbox(key="report-month").value
    at.checkbox(key=f"sure-{month.key}").check().run()
    at.button(key=f"submit-{month.key}").click().run()
    assert count(Database(path), "select count(*) from monthly_reports where status = 'submitted'") == 1
    assert any("submitted" in s.value.lower() for s in at.success)
    assert_escaped(at, PIXEL, STYLED)


def test_an_import_names_its_hostile_file_escaped(hostile):
    path, world, _ = hostile
    at = open_page("cpo", "imports.py")
    name = PIXEL + ".csv"
    text = "program,starts_at,ends_at,district,headcount_adult\nCar-seat station,2026-10-10 09:00,2026-10-10 12:00,N,5\n"
    at.get("file_uploader")[0].set_value((name, text.encode(), "text/csv")).run()
    assert_escaped(at, name)
    by_label(at.button, "Check every row").click().run()
    by_label(at.button, "Import 1 row").click().run()
    assert count(Database(path), "select count(*) from events") == 1
    assert at.success[-1].value == f"Imported 1 program events from {md(name)}."
    assert_escaped(at, name)
