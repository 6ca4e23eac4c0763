"""The department's clock: defaults, "today", stored values and shown times in the department's
time zone, with the clock frozen at moments where the department's date or shift differs from UTC's.

The moments: 23:30 on 14 January 2026 in New York (04:30 UTC on the 15th); 01:30 in Honolulu (11:30 UTC,
the same date but the UTC day shift against Honolulu's night shift) and 20:00 in Honolulu (06:00 UTC
the next day); the morning daylight saving time starts in New York, 8 March 2026 (01:59 EST, then
03:00 EDT).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from core import clock, settings
from core.entry import events
from core.text import md
from queries.actor import SYSTEM
from queries.db import Database
from tests.apptest_support import make_accounts_db, page_file, signed_in
from tests.entry_support import by_label, count, open_page

NEW_YORK, HONOLULU = "America/New_York", "Pacific/Honolulu"
UTC = timezone.utc
NY_LATE = datetime(2026, 1, 15, 4, 30, tzinfo=UTC)          # 23:30 EST on 14 January
HNL_NIGHT = datetime(2026, 5, 14, 11, 30, tzinfo=UTC)       # 01:30 HST on 14 May
HNL_EVENING = datetime(2026, 5, 15, 6, 0, tzinfo=UTC)       # 20:00 HST on 14 May
DST_BEFORE = datetime(2026, 3, 8, 6, 59, tzinfo=UTC)        # 01:59 EST on 8 March, a minute before 03:00 EDT
DST_MORNING = datetime(2026, 3, 8, 11, 30, tzinfo=UTC)      # 07:30 EDT (06:30 had the clocks not moved)


@pytest.fixture
def freeze(monkeypatch):
    """freeze(moment): the department's clock reads `moment` (aware) from now on."""
    def frozen(moment: datetime) -> None:
        monkeypatch.setattr(clock, "utc_now", lambda: moment)
    return frozen


def set_zone(path, name: str) -> None:
    db = Database(path)
    settings.save(db, SYSTEM, settings.TIME_ZONE, name, None)
    db.close()


# -- the clock itself ----------------------------------------------------------------------------

@pytest.mark.parametrize("moment, zone, now, hour", [
    (NY_LATE, NEW_YORK, datetime(2026, 1, 14, 23, 30), datetime(2026, 1, 15, 0, 0)),
    (HNL_NIGHT, HONOLULU, datetime(2026, 5, 14, 1, 30), datetime(2026, 5, 14, 2, 0)),
    (HNL_EVENING, HONOLULU, datetime(2026, 5, 14, 20, 0), datetime(2026, 5, 14, 21, 0)),
    (DST_BEFORE, NEW_YORK, datetime(2026, 3, 8, 1, 59), datetime(2026, 3, 8, 3, 0)),   # 02:00 never happens
    (DST_MORNING, NEW_YORK, datetime(2026, 3, 8, 7, 30), datetime(2026, 3, 8, 8, 0)),
])
def test_now_today_and_the_next_full_hour_are_the_departments(db, freeze, moment, zone, now, hour):
    freeze(moment)
    assert clock.department_now(db).date() == moment.date()        # no zone set yet: UTC
    settings.save(db, SYSTEM, settings.TIME_ZONE, zone, None)
    assert clock.department_now(db) == now
    assert clock.department_today(db) == now.date()
    assert clock.next_full_hour(db) == hour


def test_stored_utc_times_are_shown_and_filtered_in_the_departments_zone(db, freeze):
    settings.save(db, SYSTEM, settings.TIME_ZONE, NEW_YORK, None)
    assert clock.to_department(datetime(2026, 5, 15, 3, 30), db) == datetime(2026, 5, 14, 23, 30)   # EDT
    assert clock.to_department(None, db) is None
    assert clock.stamp(db, datetime(2026, 1, 15, 3, 30)) == "14 Jan 2026, 22:30 EST"
    freeze(NY_LATE)
    assert clock.stamp(db) == "14 Jan 2026, 23:30 EST"
    # the day the clocks go forward has 23 hours
    assert clock.day_bounds_utc(db, date(2026, 3, 8), date(2026, 3, 8)) == (
        datetime(2026, 3, 8, 5, 0), datetime(2026, 3, 9, 4, 0))


@pytest.mark.parametrize("typed, stored", [("America/New_York", "America/New_York"),
                                           (" pacific/honolulu ", "Pacific/Honolulu"), ("UTC", "UTC")])
def test_a_time_zone_is_an_iana_name(typed, stored):
    assert settings.check_time_zone(typed) == stored


@pytest.mark.parametrize("typed", ["Mars/Olympus", "EDT", "", "localtime", "../etc/passwd", "America/New York"])
def test_a_name_that_is_no_time_zone_is_refused(typed):
    with pytest.raises(Exception) as refused:
        settings.check_time_zone(typed)
    assert "IANA time zone database" in refused.value.problems["time zone"]


# -- the settings page ---------------------------------------------------------------------------

def _settings_page(tmp_path, monkeypatch):
    path = make_accounts_db(tmp_path / "settings.duckdb")
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    at = signed_in("boss")
    at.switch_page(page_file("admin_settings.py")).run()
    assert not at.exception
    return path, at


def _zone_audits(db: Database) -> list[tuple]:
    return db.cursor().execute("select action, username, after from audit_log where table_name = 'settings' "
                               "and record_id = 'time_zone' order by id").fetchall()


def test_the_administrator_sets_the_time_zone_on_the_settings_page(tmp_path, monkeypatch, freeze):
    freeze(HNL_EVENING)
    path, at = _settings_page(tmp_path, monkeypatch)
    assert at.text_input(key="settings_time_zone").value == "UTC"
    at.text_input(key="settings_time_zone").input("Pacific/Honolulu")
    at.button[0].click().run()
    assert not at.exception and [e.value for e in at.error] == []
    assert "times are in Pacific/Honolulu" in at.success[0].value
    db = Database(path)
    assert db.cursor().execute("select value, version from settings where key = 'time_zone'").fetchall() == [
        ("Pacific/Honolulu", 1)]
    [(action, username, after)] = _zone_audits(db)
    assert (action, username) == ("create", "boss") and '"value": "Pacific/Honolulu"' in after
    at.run()
    assert at.text_input(key="settings_time_zone").value == "Pacific/Honolulu"
    shown = [c.value.replace("\\", "") for c in at.caption]                 # Markdown escapes dropped
    assert "Now in the department: 14 May 2026, 20:00 HST" in shown


def test_an_unknown_time_zone_is_refused_next_to_the_field_and_nothing_is_written(tmp_path, monkeypatch):
    path, at = _settings_page(tmp_path, monkeypatch)
    at.text_input(key="settings_department").input("Millbrook Police Department")
    at.text_input(key="settings_time_zone").input("Mars/Olympus")
    at.button[0].click().run()
    assert not at.exception and not at.success
    [refusal] = at.error
    assert "“Mars/Olympus” is not the name of a time zone" in refusal.value
    # drawn under the time zone field: the next element after the text input in the form
    form = at.get("form")[0]
    kinds = [(child.type, getattr(child, "key", None)) for child in form.children.values()]
    zone_at = kinds.index(("text_input", "settings_time_zone"))
    assert form.children[zone_at + 1].type == "error" and form.children[zone_at + 1].value == refusal.value
    db = Database(path)
    assert count(db, "select count(*) from settings") == 0
    assert count(db, "select count(*) from audit_log where table_name = 'settings'") == 0


# -- the event form ------------------------------------------------------------------------------

@pytest.mark.parametrize("moment, zone, day, starts, ends", [
    (NY_LATE, NEW_YORK, date(2026, 1, 15), time(0, 0), time(1, 0)),            # UTC proposed 05:00-06:00
    (HNL_EVENING, HONOLULU, date(2026, 5, 14), time(21, 0), time(22, 0)),      # UTC: 15 May 07:00
    (DST_BEFORE, NEW_YORK, date(2026, 3, 8), time(3, 0), time(4, 0)),           # not 02:00, which never happens
])
def test_the_event_form_proposes_the_next_hour_on_the_departments_clock_and_stores_it(
        world_path, freeze, moment, zone, day, starts, ends):
    path, world = world_path
    set_zone(path, zone)
    freeze(moment)
    at = open_page("cpo", "events.py")
    assert by_label(at.date_input, "Date").value == day
    assert (by_label(at.time_input, "Starts").value, by_label(at.time_input, "Ends").value) == (starts, ends)
    by_label(at.selectbox, "Program").set_value(world.car_seat).run()
    by_label(at.selectbox, "District").set_value(world.north)
    by_label(at.button, "Save event").click().run()
    assert not at.exception and not at.error
    db = Database(path)
    assert db.cursor().execute("select starts_at, ends_at from events").fetchall() == [
        (datetime.combine(day, starts), datetime.combine(day, ends))]          # wall-clock time, as shown
    assert count(db, "select hours from event_officers") == 1


# -- the contact log -----------------------------------------------------------------------------

@pytest.mark.parametrize("moment, zone, day, shift", [
    (NY_LATE, NEW_YORK, date(2026, 1, 14), "night"),          # UTC: 15 January
    (HNL_NIGHT, HONOLULU, date(2026, 5, 14), "night"),        # UTC: 11:30, day shift
    (HNL_EVENING, HONOLULU, date(2026, 5, 14), "evening"),    # UTC: 15 May, 06:00, night
    (DST_MORNING, NEW_YORK, date(2026, 3, 8), "day"),         # 07:30 EDT; 06:30 on standard time: night
])
def test_the_contact_log_offers_the_departments_today_and_shift_and_stores_them(
        world_path, freeze, moment, zone, day, shift):
    path, world = world_path
    set_zone(path, zone)
    freeze(moment)
    at = open_page("patrol", "contact_log.py")
    assert at.expander[0].label.lower().startswith(f"today · {shift} shift")
    assert by_label(at.date_input, "Date").value == day
    assert at.segmented_control(key=[s.key for s in at.segmented_control if s.label == "Shift"][0]).value == shift
    assert by_label(at.date_input, "To").value == day            # "My shifts" ends today
    at.segmented_control[0].set_value("youth")
    by_label(at.button, "Log contact").click().run()
    assert not at.exception and at.success and not at.error
    db = Database(path)
    assert db.cursor().execute("select contact_date, shift, kind from contact_log").fetchall() == [
        (day, shift, "youth")]
    assert at.metric[0].value == "1"                           # listed under today's shifts


def test_the_contact_logs_today_ends_at_the_departments_midnight(world_path, freeze):
    path, world = world_path
    set_zone(path, NEW_YORK)
    freeze(NY_LATE)                                            # 15 January in UTC, still the 14th in New York
    at = open_page("patrol", "contact_log.py")
    at.segmented_control[0].set_value("resident")
    by_label(at.date_input, "Date").set_value(date(2026, 1, 15))
    by_label(at.button, "Log contact").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Date: 15 Jan 2026 is in the future."]
    assert count(Database(path), "select count(*) from contact_log") == 0


# -- times shown ---------------------------------------------------------------------------------

def test_the_audit_page_shows_and_filters_times_on_the_departments_clock(world_path, freeze):
    path, world = world_path
    set_zone(path, NEW_YORK)
    db = Database(path)
    with db.cursor() as cur:
        for at_utc, detail in ((datetime(2026, 1, 14, 3, 0), "13 January, 22:00 in New York"),
                               (datetime(2026, 1, 15, 4, 30), "14 January, 23:30 in New York"),
                               (datetime(2026, 1, 15, 5, 10), "15 January, 00:10 in New York")):
            cur.execute("insert into audit_log (at_utc, username, role, action, detail) "
                        "values ($at, 'boss', 'admin', 'sign_in', $detail)",
                        {"at": at_utc, "detail": detail})
    db.close()
    freeze(NY_LATE)
    at = open_page("boss", "admin_audit.py")
    period = [d for d in at.date_input if d.label.startswith("Dates")][0]
    assert period.value == (date(2025, 12, 15), date(2026, 1, 14))
    period.set_value((date(2026, 1, 14), date(2026, 1, 14))).run()
    shown = at.dataframe[0].value
    assert shown["detail"].tolist() == ["14 January, 23:30 in New York"]
    assert shown.iloc[0, 0] == datetime(2026, 1, 14, 23, 30)
    # the zone is named: the times are not the reader's own clock's, nor UTC
    assert any(f"department's time ({md(NEW_YORK)})" in c.value for c in at.caption), [c.value for c in at.caption]


def test_the_report_history_shows_submission_times_on_the_departments_clock(world_path):
    from core.periods import month
    from reports.submission import submit

    path, world = world_path
    set_zone(path, HONOLULU)
    db = Database(path)
    submit(db, world.cpo, month(2026, 4), "Cpo", None)
    stored = db.one("monthly_reports_submitted", user_id=None)["submitted_at"]
    db.close()
    at = open_page("chief", "report_history.py")
    by_label(at.button, "Acknowledge receipt").click().run()
    assert not at.exception
    db = Database(path)
    acknowledged = count(db, "select acknowledged_at from report_acknowledgements")
    table = at.dataframe[0].value
    assert "Submitted (UTC)" not in table.columns

    def shown(*names):               # the column, under its heading or its stored name
        return table[next(n for n in names if n in table.columns)].iloc[0]

    assert shown("Submitted", "submitted_at") == clock.to_department(stored, db) == stored - timedelta(hours=10)
    assert shown("Last acknowledged", "last_acknowledged_at") == acknowledged - timedelta(hours=10)


def test_concern_ages_and_the_overdue_count_are_counted_in_the_departments_days(world_path, freeze):
    from core.entry import concerns

    path, world = world_path
    set_zone(path, NEW_YORK)
    db = Database(path)
    concerns.create_concern(db, world.cpo, {"received_on": date(2025, 12, 15), "channel": "phone",
                                            "category": "blight", "description": "Abandoned car", "district": "S"},
                            today=date(2026, 1, 14))
    assert settings.response_days(db) == 30
    db.close()
    freeze(NY_LATE)                  # 14 January in New York: 30 days old, not yet overdue (31 in UTC)
    at = open_page("cpo", "concerns.py")
    assert at.dataframe[0].value["age_days"].tolist() == [30]
    overdue = [m for m in at.metric if m.label.startswith("Overdue")][0]
    assert overdue.value == "0"


def test_the_reports_generated_stamp_is_the_departments_time(db, freeze):
    from core.periods import month
    from reports.monthly import header

    settings.save(db, SYSTEM, settings.TIME_ZONE, NEW_YORK, None)
    freeze(NY_LATE)
    assert header(db, month(2025, 12), "Cpo")["generated_at"] == "14 Jan 2026, 23:30 EST"
