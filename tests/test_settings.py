"""Administrator settings: the concern response time and the department name."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core import metrics, settings
from queries.actor import SYSTEM
from queries.errors import ConflictError, ValidationError
from tests.apptest_support import make_accounts_db, page_file, signed_in
from tests.entry_support import count


def test_defaults_apply_until_an_administrator_saves(db):
    assert settings.response_days(db) == 30 and settings.department_name(db) == "Police Department"
    settings.save_all(db, SYSTEM, {settings.RESPONSE_DAYS: ("10", None),
                                   settings.DEPARTMENT_NAME: ("Millbrook Police Department", None)})
    assert settings.response_days(db) == 10
    assert settings.department_name(db) == "Millbrook Police Department"


@pytest.mark.parametrize("typed", ["0", "366", "ten", "", "-5", "2.5"])
def test_a_response_time_outside_1_to_365_days_is_refused(typed):
    with pytest.raises(ValidationError) as refused:
        settings.check_response_days(typed)
    assert refused.value.problems["response time"].startswith("a whole number of days from 1 to 365")


def test_two_settings_are_saved_together_or_not_at_all(db):
    settings.save(db, SYSTEM, settings.RESPONSE_DAYS, "20", None)
    settings.save(db, SYSTEM, settings.RESPONSE_DAYS, "25", 1)          # someone else saved first
    with pytest.raises(ConflictError):
        settings.save_all(db, SYSTEM, {settings.DEPARTMENT_NAME: ("New name", None),
                                       settings.RESPONSE_DAYS: ("15", 1)})
    assert settings.response_days(db) == 25 and settings.value(db, settings.DEPARTMENT_NAME) is None


def test_the_overdue_list_follows_the_response_time(demo_db):
    today = date(2026, 11, 15)
    open_ages = [r[0] for r in demo_db.cursor().execute(
        "select $t - received_on from live.concerns where (resolved_on is null or resolved_on > $t) "
        "and received_on <= $t", {"t": today}).fetchall()]
    for days in (7, 30, 90):
        listed = metrics.overdue_concerns(demo_db, SYSTEM, today, limit=1000, days=days)
        expected = sum(1 for age in open_ages if age > days)
        assert (int(listed["total_rows"].iloc[0]) if len(listed) else 0) == expected, days


def test_the_admin_page_saves_the_settings_and_the_concerns_page_uses_them(tmp_path, monkeypatch):
    path = make_accounts_db(tmp_path / "settings.duckdb")
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    at = signed_in("boss")
    at.switch_page(page_file("admin_settings.py")).run()
    assert not at.exception
    at.number_input(key="settings_days").set_value(12)
    at.text_input(key="settings_department").input("Millbrook Police Department")
    at.button[0].click().run()
    assert not at.exception and [e.value for e in at.error] == []
    assert "concerns are overdue after 12 days" in at.success[0].value
    from queries.db import Database
    db = Database(path)
    assert count(db, "select value from settings where key = 'concern_response_days'") == "12"
    assert count(db, "select count(*) from audit_log where table_name = 'settings' and username = 'boss'") == 2
    with db.unit_of_work(SYSTEM) as uow:
        district = count(db, "select id from districts where code = 'N'")
        for age in (5, 13, 40):
            uow.insert("concerns", {"received_on": date.today() - timedelta(days=age), "channel": "phone",
                                    "category": "noise", "description": f"{age} days old", "district_id": district})
    db.close()
    at.switch_page(page_file("concerns.py")).run()
    assert not at.exception
    overdue = [m for m in at.metric if m.label.startswith("Overdue")][0]
    assert (overdue.label, overdue.value) == ("Overdue (over 12 days)", "2")
    listed = at.dataframe[0].value
    assert listed["overdue"].tolist() == ["⚠ over 12 days", "⚠ over 12 days", ""]   # overdue first, flagged
    assert listed["age_days"].tolist() == [40, 13, 5]


def test_the_time_in_the_department_follows_a_newly_saved_time_zone(tmp_path, monkeypatch):
    path = make_accounts_db(tmp_path / "zone.duckdb")
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    at = signed_in("boss")
    at.switch_page(page_file("admin_settings.py")).run()
    now = [c.value for c in at.caption if c.value.startswith("Now in the department")]
    assert len(now) == 1 and not now[0].endswith(("CST", "CDT"))       # the default zone is not Chicago's
    at.text_input(key="settings_time_zone").input("America/Chicago")
    at.button[0].click().run()
    assert not at.exception and [e.value for e in at.error] == []
    assert "times are in America/Chicago" in at.success[0].value
    now = [c.value for c in at.caption if c.value.startswith("Now in the department")]
    assert len(now) == 1 and now[0].endswith(("CST", "CDT")), now
