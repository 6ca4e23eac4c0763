"""AppTest of the overview and program results pages on the demo town, per role; the cache after a write."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core import metrics
from core.metrics import Filters
from core.periods import custom
from demo.accounts import DEMO_ACCOUNTS
from queries.actor import SYSTEM, Actor
from queries.db import Database
from tests.apptest_support import APP, open_tab, page_file

PASSWORDS = {a.username: a.password for a in DEMO_ACCOUNTS}
# a fixed stretch inside the demo's data (built with DEMO_TODAY = 15 Nov 2026)
FROM, TO = date(2026, 9, 1), date(2026, 10, 31)
PERIOD = custom(FROM, TO)


@pytest.fixture
def demo_app(demo_path, monkeypatch):
    monkeypatch.setenv("COMMUNITY_DB", str(demo_path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    st.cache_data.clear()
    return demo_path


def sign_in(username: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.text_input[0].input(username)
    at.text_input[1].input(PASSWORDS[username])
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def choose_custom_period(at: AppTest) -> AppTest:
    at.selectbox(key="overview_period").select("custom").run()
    at.date_input(key="overview_dates").set_value((FROM, TO)).run()
    assert not at.exception, at.exception
    return at


def metric_values(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def actor_for(path, username: str) -> Actor:
    db = Database(path)
    with db.cursor() as cur:
        user_id, role = cur.execute("select id, role from users where username = $u", {"u": username}).fetchone()
        districts = [r[0] for r in cur.execute("select district_id from user_districts where user_id = $i",
                                               {"i": user_id}).fetchall()]
    return Actor(username=username, role=role, user_id=user_id, district_ids=frozenset(districts))


@pytest.mark.parametrize("username", ["admin", "cpo", "commander", "officer2"])
def test_the_overview_is_home_and_shows_the_roles_figures(demo_app, username):
    at = sign_in(username)
    assert [t.value for t in at.title] == ["Overview"]
    choose_custom_period(at)
    actor = actor_for(demo_app, username)
    want = metrics.headline(Database(demo_app), actor, PERIOD)
    shown = metric_values(at)
    assert shown["Events held"] == f"{want['events']:,}"
    assert shown["Attendance"] == f"{want['attendance']:,}"
    assert shown["Patrol contacts"] == f"{want['contacts']:,}"
    assert shown["Concerns open"] == f"{want['concerns_open_end']:,}"
    assert shown["Businesses verified"] == f"{want['businesses_verified_12m']:,}"
    assert f"of {want['businesses']:,} on the list" in " ".join(c.value for c in at.caption)
    # the open trend tab (events) and the open ranking (attendance); the others are drawn once opened
    # (tests/test_overview_drawing.py)
    assert len(at.get("plotly_chart")) == 2
    assert not at.error


def test_a_patrol_officer_sees_only_their_districts(demo_app):
    at = choose_custom_period(sign_in("officer2"))          # D1 and D2
    db = Database(demo_app)
    mine = metrics.headline(db, actor_for(demo_app, "officer2"), PERIOD)
    everyone = metrics.headline(db, SYSTEM, PERIOD)
    assert mine["events"] < everyone["events"]
    assert metric_values(at)["Events held"] == f"{mine['events']:,}"
    options = at.selectbox(key="overview_district").options
    assert options == ["All my districts", "D1 Downtown", "D2 North End"]
    table = at.dataframe[0].value
    assert sorted(table["district"]) == ["D1 Downtown", "D2 North End"]
    assert "districts D1, D2" in at.caption[0].value


def test_a_district_filter_narrows_the_figures(demo_app):
    at = choose_custom_period(sign_in("commander"))
    at.selectbox(key="overview_district").select_index(3).run()   # third district
    db = Database(demo_app)
    district_id = int(db.df("districts_list")["id"].iloc[2])
    want = metrics.headline(db, SYSTEM, PERIOD, Filters(district_id=district_id))
    assert metric_values(at)["Events held"] == f"{want['events']:,}"
    assert len(at.dataframe[0].value) == 1
    name = db.df("districts_list").iloc[2]
    assert f"Community work in {name['code']} {name['name']}" in at.caption[0].value
    assert "all districts" not in at.caption[0].value


def test_an_empty_period_says_so_in_words(demo_app):
    at = sign_in("commander")
    at.selectbox(key="overview_period").select("custom").run()
    at.date_input(key="overview_dates").set_value((date(2019, 1, 1), date(2019, 1, 31))).run()
    assert not at.exception
    assert metric_values(at)["Events held"] == "0"
    words = " ".join(i.value for i in at.info)
    assert "No program events in" in words and "No program held an event" in words
    assert not at.get("plotly_chart")
    open_tab(at, "overview_trend", "Contacts per shift")
    assert "No community contacts logged" in " ".join(i.value for i in at.info)
    assert not at.get("plotly_chart")


def chart_titles(at: AppTest) -> list[str]:
    return [json.loads(chart.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")   # a title wraps
            for chart in at.get("plotly_chart")]


def test_only_the_open_trend_tab_is_computed_and_sent(demo_app):
    at = choose_custom_period(sign_in("commander"))
    events = "Events held each month, by program category"
    contacts = "Non-enforcement contacts per shift logged, each month"
    assert events in chart_titles(at) and contacts not in chart_titles(at)
    open_tab(at, "overview_trend", "Contacts per shift")
    assert not at.exception, at.exception
    assert contacts in chart_titles(at) and events not in chart_titles(at)
    assert any(t.startswith("Programs by attendance") for t in chart_titles(at))   # outside the tabs


def test_the_cache_is_cleared_after_a_write(demo_app):
    from components.database import _open
    from queries.db import resolve_path

    at = choose_custom_period(sign_in("commander"))
    before = int(metric_values(at)["Events held"].replace(",", ""))
    at.run()                                                    # a rerun serves the cached figure
    assert metric_values(at)["Events held"] == f"{before:,}"

    app_db = _open(str(resolve_path()))                         # the app's own gateway
    count = app_db.write_count
    with app_db.unit_of_work(SYSTEM) as uow:
        uow.insert("events", {"program_id": 1, "starts_at": datetime(2026, 10, 5, 10), "district_id": 1,
                              "ends_at": datetime(2026, 10, 5, 11), "headcount_adult": 9})
    assert app_db.write_count == count + 1
    at.run()
    assert metric_values(at)["Events held"] == f"{before + 1:,}"


def test_a_run_after_a_save_reads_each_figure_family_once_per_period(demo_app, monkeypatch):
    """The headline figures and the district table of the chosen period come from one run of each
    family's query (its rows hold the total and every district), as in the monthly report: the
    period, the previous period and a year before make three runs, not four."""
    from collections import Counter

    from components.database import _open
    from queries.db import resolve_path

    at = choose_custom_period(sign_in("commander"))
    runs = Counter()
    rows = Database.rows

    def counted(self, name, **params):
        runs[name] += 1
        return rows(self, name, **params)

    monkeypatch.setattr(Database, "rows", counted)
    _open(str(resolve_path())).write_count += 1                # someone saved: every cached figure is stale
    at.run()
    assert not at.exception, at.exception
    families = {name: count for name, count in runs.items() if name.startswith("metric_")
                and name.removeprefix("metric_") in metrics.FAMILIES}
    assert set(families) == {f"metric_{name}" for name in metrics.FAMILIES}
    assert set(families.values()) == {3}, families
    assert len(at.table) + len(at.dataframe) > 0                # the district table is still drawn


def test_program_results_page_for_the_car_seat_station(demo_app):
    at = sign_in("cpo")
    db = Database(demo_app)
    program_id = int(db.df("metric_programs").query("name.str.startswith('Child Car-Seat')", engine="python")["id"].iloc[0])
    at.switch_page(page_file("program_results.py"))
    at.query_params["program"] = str(program_id)
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="program_pick").value == program_id
    assert "Child Car-Seat Inspection Station" in [s.value for s in at.subheader]
    shown = metric_values(at)
    assert "Car seats installed incorrectly" in shown and "%" in shown["Car seats installed incorrectly"]
    assert any("share of car seats inspected" in title for title in chart_titles(at))
    assert "No annual evaluation of this program has been written yet." in [i.value for i in at.info]


def test_program_results_shows_cohorts_for_the_academy(demo_app):
    at = sign_in("commander")
    db = Database(demo_app)
    programs = db.df("metric_programs")
    academy = int(programs[programs["delivery_kind"] == "course"]["id"].iloc[0])
    at.switch_page(page_file("program_results.py"))
    at.query_params["program"] = str(academy)
    at.run()
    assert not at.exception, at.exception
    cohorts = [d.value for d in at.dataframe if "completion_rate" in d.value.columns]
    assert cohorts and len(cohorts[0]) == 2
    want = db.df("program_results_cohorts", program_id=academy)
    assert list(cohorts[0]["completed"]) == list(want["completed"])
