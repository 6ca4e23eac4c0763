"""The caches that keep page reruns quick: a write through the gateway makes every one of them stale
at once (the assembled monthly report, the annual evaluation, the business export rows), and a
chart is built anew when its data changes."""

from __future__ import annotations

import json
from datetime import date, datetime

import pandas as pd
import plotly.graph_objects as go
import plotly.io
import plotly.tools
import pytest
import streamlit as st

from components import charts, report_view
from components.business_contacts import _labels
from components.figures import cached
from core.businesses import export_preview, export_rows
from core.periods import custom
from queries.actor import SYSTEM
from reports.evaluation import evaluation_for_display
from reports.monthly import assemble_report
from reports.submission import save_narrative, stored_report

PERIOD = custom(date(2026, 10, 1), date(2026, 10, 31))


@pytest.fixture
def fresh_cache():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def _add_event(db, program_id: int, headcount: int) -> None:
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("events", {"program_id": program_id, "starts_at": datetime(2026, 10, 5, 10), "district_id": 1,
                              "ends_at": datetime(2026, 10, 5, 11), "headcount_adult": headcount})


def test_the_cached_monthly_report_follows_every_write(demo_db, fresh_cache):
    first = cached(assemble_report, demo_db, PERIOD, SYSTEM, "Tester", stored=stored_report(demo_db, PERIOD))
    again = cached(assemble_report, demo_db, PERIOD, SYSTEM, "Tester", stored=stored_report(demo_db, PERIOD))
    assert again == first                                        # served from the cache
    first_events = first["events"]
    again["events"] = -1                                          # callers get a copy
    assert cached(assemble_report, demo_db, PERIOD, SYSTEM, "Tester",
                  stored=stored_report(demo_db, PERIOD))["events"] == first_events

    _add_event(demo_db, 1, 7)
    after = cached(assemble_report, demo_db, PERIOD, SYSTEM, "Tester", stored=stored_report(demo_db, PERIOD))
    independent = demo_db.cursor().execute(
        "select count(*) from live.events where starts_at >= '2026-10-01' and starts_at < '2026-11-01'").fetchone()[0]
    assert after["events"] == first_events + 1 == independent

    save_narrative(demo_db, SYSTEM, PERIOD, {"highlights": "A busy month."}, None)
    stored = stored_report(demo_db, PERIOD)
    assert cached(assemble_report, demo_db, PERIOD, SYSTEM, "Tester",
                  stored=stored)["narrative"]["highlights"] == "A busy month."


def test_the_cached_evaluation_follows_every_write(demo_db, fresh_cache):
    program_id, year = 1, 2026
    before = cached(evaluation_for_display, demo_db, SYSTEM, program_id, year)
    assert cached(evaluation_for_display, demo_db, SYSTEM, program_id, year) == before
    _add_event(demo_db, program_id, 11)
    after = cached(evaluation_for_display, demo_db, SYSTEM, program_id, year)
    assert after["delivery"]["sessions"] == before["delivery"]["sessions"] + 1
    assert after["delivery"]["attendance"] == before["delivery"]["attendance"] + 11


def test_the_cached_business_export_follows_every_write(demo_db, fresh_cache):
    rows = cached(export_rows, demo_db, SYSTEM, None)
    count = rows["business_id"].nunique()
    assert count == demo_db.cursor().execute("select count(*) from live.businesses").fetchone()[0]
    with demo_db.unit_of_work(SYSTEM) as uow:
        uow.insert("businesses", {"name": "Cache Test Bakery", "address": "1 Test St", "district_id": 1})
    after = cached(export_rows, demo_db, SYSTEM, None)
    assert after["business_id"].nunique() == count + 1
    assert cached(export_preview, demo_db, SYSTEM, None)["businesses"] == count + 1
    assert "Cache Test Bakery" in set(after["name"])


def test_a_chart_is_built_once_per_distinct_data(fresh_cache):
    frame = pd.DataFrame({"month": pd.to_datetime(["2026-09-01", "2026-10-01"]), "category": ["youth", "youth"],
                          "events": [3, 4], "attendance": [30, 40]})
    first = charts.by_category_per_month(frame, "events", "Events", "Events")
    assert charts.by_category_per_month(frame.copy(), "events", "Events", "Events") is first
    changed = frame.assign(events=[3, 9])
    rebuilt = charts.by_category_per_month(changed, "events", "Events", "Events")
    assert rebuilt is not first
    assert sorted(rebuilt.data[0].y) == [3, 9] and sorted(first.data[0].y) == [3, 4]
    # the same values under other labels are other data
    assert charts.by_category_per_month(frame.assign(category=["schools", "schools"]), "events", "Events",
                                        "Events") is not first
    assert _bars(frame.rename(columns={"attendance": "headcount"})) is not _bars(frame)
    assert _bars(frame.set_axis([5, 6])) is not _bars(frame)
    assert _bars(frame["events"].to_frame()) is _bars(frame[["events"]].copy())
    listed = frame.assign(notes=[["a"], ["b"]])                  # cells pandas cannot hash
    assert _bars(listed) is not _bars(listed.assign(notes=[["a"], ["c"]]))


@charts.built_once
def _bars(frame: pd.DataFrame) -> go.Figure:
    return go.Figure(go.Bar(y=frame["events"]))


@charts.built_once
def _lines(frame: pd.DataFrame) -> go.Figure:
    return go.Figure(go.Scatter(y=frame["events"]))


def test_builders_keep_their_own_cache_and_a_frozen_figure_sends_the_same_chart(fresh_cache):
    frame = pd.DataFrame({"month": pd.to_datetime(["2026-09-01", "2026-10-01"]), "category": ["youth", "youth"],
                          "events": [3, 4], "attendance": [30, 40]})
    # the same arguments to two builders: each its own figure (the cache is keyed on each builder)
    assert _bars(frame).data[0].type == "bar" and _lines(frame).data[0].type == "scatter"
    events = charts.by_category_per_month(frame, "events", "Events", "Events")
    plain = go.Figure(events)                          # what the builder drew, not frozen
    shown = plotly.io.to_json(plotly.tools.return_figure_from_figure_or_data(events, True), validate=False)
    assert json.loads(shown) == json.loads(plain.to_json())
    assert events.to_dict() is events.to_dict()         # copied once, not on every rerun


def test_a_report_chart_is_built_anew_when_the_report_changes(demo_db, fresh_cache):
    report = assemble_report(demo_db, PERIOD, SYSTEM, "Tester")
    fig = report_view._styled_figure("attendance_by_program_figure", report, None)
    assert report_view._styled_figure("attendance_by_program_figure", report, None) is fig
    report["by_program"][0]["attendance"] += 1000
    other = report_view._styled_figure("attendance_by_program_figure", report, None)
    assert other is not fig
    assert max(other.data[0].x) == max(fig.data[0].x) + 1000


def test_business_labels_name_address_and_district():
    shown = pd.DataFrame({"id": [4, 5], "name": ["Bakery", "Garage"], "address": ["1 Main St", "2 Elm St"],
                          "district": ["N1", None]})
    assert _labels(shown) == {4: "Bakery — 1 Main St (N1)", 5: "Garage — 2 Elm St"}


def test_the_fast_north_american_phone_format_matches_the_library():
    import random

    import phonenumbers

    from core.validate import format_phone

    rng = random.Random(9)
    values = [f"+1{rng.randint(200, 999)}{rng.randint(200, 999)}{rng.randint(0, 9999):04d}" for _ in range(2000)]
    for value in values + ["+19595550108", "+12025550143"]:
        library = phonenumbers.format_number(phonenumbers.parse(value, "US"), phonenumbers.PhoneNumberFormat.NATIONAL)
        assert format_phone(value) == library, value
    # everything else still goes through the library
    assert format_phone("+12025550143;ext=12") == "(202) 555-0143 x12"
    assert format_phone("+442079460958") == "+44 20 7946 0958"
    assert format_phone("+10000000000") == format_phone(" +10000000000")


def test_the_business_list_is_paged_and_read_again_after_a_write(tmp_path, monkeypatch, fresh_cache):
    """A page of the grid at a time (PAGE_ROWS, 2 here); a save through the gateway shows at once."""
    from components import business_grid
    from queries.db import Database
    from tests.apptest_support import make_accounts_db, page_file, signed_in

    path = make_accounts_db(tmp_path / "paged.duckdb")
    db = Database(path)
    north = next(r["id"] for r in db.rows("districts_list") if r["code"] == "N")
    with db.unit_of_work(SYSTEM) as uow:
        for i in range(5):
            uow.insert("businesses", {"name": f"Shop {i}", "address": f"{i} Main St", "district_id": north,
                                      "main_phone": f"+1202555014{i}"})
    db.close()
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    monkeypatch.setattr(business_grid, "PAGE_ROWS", 2)

    at = signed_in("cpo")
    at.switch_page(page_file("businesses.py")).run()
    assert not at.exception
    assert list(at.session_state["businesses__grid"]["frame"]["name"]) == ["Shop 0", "Shop 1"]
    assert any("5 businesses match" in c.value and "rows 1–2 shown" in c.value for c in at.caption)
    at.number_input(key="businesses_page").set_value(3).run()
    last_page = at.session_state["businesses__grid"]["frame"]
    assert list(last_page["name"]) == ["Shop 4"]
    # a later page's rows are shown as the first page's are: phone as written, the check in words
    assert list(last_page["main_phone"]) == ["(202) 555-0144"]
    assert list(last_page["check"]) == [["Never verified"]]

    from components.database import _open
    from queries.db import resolve_path

    app_db = _open(str(resolve_path()))
    with app_db.unit_of_work(SYSTEM) as uow:
        uow.insert("businesses", {"name": "Shop 5", "address": "5 Main St", "district_id": north})
    state = dict(at.session_state["businesses__grid"], frame=None)   # as GRID.reset() after a save
    at.session_state["businesses__grid"] = state
    at.run()
    assert any("6 businesses match" in c.value for c in at.caption)
    assert list(at.session_state["businesses__grid"]["frame"]["name"]) == ["Shop 4", "Shop 5"]


def test_outcomes_of_every_program_in_one_query_equal_each_programs_own(demo_db):
    from core import metrics

    period = custom(date(2026, 1, 1), date(2026, 10, 31))
    every = metrics.outcomes_by_program(demo_db, SYSTEM, period)
    programs = [int(p) for p in demo_db.df("metric_programs")["id"]]
    assert set(every["program_id"]) and set(every["program_id"]) <= set(programs)
    for program_id in programs:
        own = metrics.outcomes(demo_db, SYSTEM, period, metrics.Filters(program_id=program_id))
        mine = every[every["program_id"] == program_id].drop(columns="program_id").reset_index(drop=True)
        assert _plain_rows(mine) == _plain_rows(own), program_id


def _plain_rows(frame: pd.DataFrame) -> list[dict]:
    return [{k: (None if v is None or (not isinstance(v, str) and pd.isna(v)) else float(v)
                 if isinstance(v, (int, float)) or hasattr(v, "item") else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


def test_a_cached_page_list_follows_every_write_and_keeps_scopes_apart(demo_db, fresh_cache):
    """components/figures.cached over the domain's read functions: the lists the entry pages read on
    every rerun."""
    from components.figures import cached
    from core.entry.events import event_list
    from core.entry.organizations import organization_names
    from tests.conftest import officer

    october = (date(2026, 10, 1), date(2026, 10, 31))

    def independent(district: int | None = None) -> int:
        return demo_db.cursor().execute(
            "select count(*) from live.events where starts_at >= '2026-10-01' and starts_at < '2026-11-01' "
            "and ($d::integer is null or district_id = $d)", {"d": district}).fetchone()[0]

    everyone = cached(event_list, demo_db, SYSTEM, *october)
    assert len(everyone) == independent()
    assert len(cached(event_list, demo_db, SYSTEM, *october)) == len(everyone)
    other = demo_db.cursor().execute("select min(id) from live.districts where id <> 1 and kind = 'district'").fetchone()[0]
    scoped = cached(event_list, demo_db, officer(99, other), *october)
    assert len(scoped) == independent(other) < len(everyone)      # the actor is part of the key

    organizations = cached(organization_names, demo_db)
    _add_event(demo_db, 1, 5)
    with demo_db.unit_of_work(SYSTEM) as uow:
        uow.insert("organizations", {"name": "Cache Test Block Watch", "org_type": "block_watch", "active": True})
    after = cached(event_list, demo_db, SYSTEM, *october)
    assert len(after) == independent() == len(everyone) + 1
    assert len(cached(event_list, demo_db, officer(99, other), *october)) == len(scoped)
    names = [o["name"] for o in cached(organization_names, demo_db)]
    assert len(names) == len(organizations) + 1 and "Cache Test Block Watch" in names


def test_picker_labels_are_built_column_wise_without_nan():
    from core.choices import join, picker, stamp, text
    from core.formatting import moment

    frame = pd.DataFrame({"id": [7, 3], "starts_at": pd.to_datetime(["2026-10-05 18:30:59", None]),
                          "program": ["Coffee with a Cop", "Youth League"], "location": ["Library", None]})
    frame["location"] = frame["location"].astype("str")        # pandas' text dtype, missing as NaN
    got = picker(frame["id"], join(stamp(frame["starts_at"]), " · ", text(frame["program"]), " · ",
                                   text(frame["location"])))
    assert got == {7: "5 Oct 2026, 18:30 · Coffee with a Cop · Library", 3: " · Youth League · "}
    assert all(type(k) is int for k in got)
    # the same labels as formatting each row (what the pages did before)
    assert stamp(frame["starts_at"], "D") == ["5 Oct 2026", ""]
    assert stamp(frame["starts_at"].iloc[:1]) == [moment(frame["starts_at"][0])]
    assert picker(frame["id"].iloc[:0], join(text(frame["program"].iloc[:0]), " · ")) == {}


def test_the_survey_results_in_words_follow_every_write(demo_db, fresh_cache):
    """The perception page's tables in words are cached per wave and reader; renaming a district
    shows in them at once."""
    from core.surveys import results, shown

    wave = results.waves(demo_db)[0]
    before = cached(shown.results_in_words, demo_db, SYSTEM, wave["id"], None)
    district = next(r for r in demo_db.rows("districts_list") if r["name"] in set(before["District"]))
    version = demo_db.cursor().execute("select version from districts where id = $i", {"i": district["id"]}).fetchone()[0]
    with demo_db.unit_of_work(SYSTEM) as uow:
        uow.update("districts", district["id"], version, {"name": "Renamed Heights"})
    after = cached(shown.results_in_words, demo_db, SYSTEM, wave["id"], None)
    assert district["name"] not in set(after["District"]) and "Renamed Heights" in set(after["District"])
    assert len(after) == len(before)
    period = results.record_period(wave)
    _table, words = cached(shown.perception_in_words, demo_db, SYSTEM, wave["id"], period)
    assert "Renamed Heights" in set(words["District"])


def test_a_cached_read_given_a_frame_is_read_again_only_for_other_content(demo_db, fresh_cache, monkeypatch):
    from core import businesses

    today = date(2026, 11, 15)
    real, calls = businesses.card_details, []

    def counted(db, actor, cards, today):
        calls.append(len(cards))
        return real(db, actor, cards, today)
    monkeypatch.setattr(businesses, "card_details", counted)     # what the cache calls by name
    cards = businesses.business_cards(businesses.list_businesses(demo_db, SYSTEM, today)).head(5)
    first = cached(real, demo_db, SYSTEM, cards, today)
    again = cached(real, demo_db, SYSTEM, cards.copy(), today)
    other = cached(real, demo_db, SYSTEM, cards.iloc[1:3], today)
    assert calls == [5, 2]
    assert first.equals(again) and list(other["id"]) == list(cards["id"].iloc[1:3])
