"""AppTest of the program data-entry pages (events, programs, rosters, imports), each as its role,
including a submitted form. The community-work pages are in test_pages_community.py."""

from __future__ import annotations

from datetime import date, datetime, time

from core.entry import events
from queries.db import Database
from tests.entry_support import audits, by_label, count, open_page


def test_the_prevention_officer_logs_an_event_from_the_page(world_path):
    path, world = world_path
    at = open_page("cpo", "events.py")
    by_label(at.selectbox, "Program").set_value(world.car_seat).run()
    assert [n.label for n in at.number_input if n.label.startswith("Car seats")] == [
        "Car seats inspected", "Car seats installed incorrectly"]
    by_label(at.date_input, "Date").set_value(date(2026, 11, 7))
    by_label(at.time_input, "Starts").set_value(time(9, 0))
    by_label(at.time_input, "Ends").set_value(time(12, 0))
    by_label(at.text_input, "Location").input("HQ garage")
    by_label(at.selectbox, "District").set_value(world.north)
    by_label(at.number_input, "Adults").set_value(11)
    by_label(at.number_input, "Car seats inspected").set_value(9)
    by_label(at.number_input, "Car seats installed incorrectly").set_value(12)
    at.button[0].click().run()
    assert not at.exception
    # refused next to the field, nothing written, what was typed is kept
    assert any("12 is more than the car seats inspected (9)" in e.value for e in at.error)
    assert by_label(at.text_input, "Location").value == "HQ garage"
    db = Database(path)
    assert count(db, "select count(*) from events") == 0
    by_label(at.number_input, "Car seats installed incorrectly").set_value(3)
    at.button[0].click().run()
    assert not at.exception
    assert [s.value for s in at.success] and "saved" in at.success[0].value
    row = db.cursor().execute("select starts_at, location, district_id, headcount_adult from events").fetchall()
    assert row == [(datetime(2026, 11, 7, 9), "HQ garage", world.north, 11)]
    assert count(db, "select value from event_outcomes where measure_code = 'car_seats_incorrect'") == 3
    assert count(db, "select hours from event_officers") == 3   # the event's length, officer = cpo
    assert [a[0] for a in audits(db, "events")] == ["create"]


def test_an_event_past_midnight_ends_the_next_day(world_path):
    path, world = world_path
    at = open_page("cpo", "events.py")
    by_label(at.selectbox, "Program").set_value(world.car_seat).run()
    by_label(at.date_input, "Date").set_value(date(2026, 11, 7))
    by_label(at.time_input, "Starts").set_value(time(23, 0))
    by_label(at.time_input, "Ends").set_value(time(1, 0))
    by_label(at.selectbox, "District").set_value(world.north)
    at.button[0].click().run()
    assert not at.exception and not at.error
    db = Database(path)
    row = db.cursor().execute("select starts_at, ends_at from events").fetchall()
    assert row == [(datetime(2026, 11, 7, 23), datetime(2026, 11, 8, 1))]
    assert count(db, "select hours from event_officers") == 2      # the length, for the cpo

def test_a_series_of_first_saturdays_is_logged_from_the_page(world_path):
    path, world = world_path
    at = open_page("cpo", "events.py")
    by_label(at.selectbox, "Program").set_value(world.car_seat).run()
    by_label(at.date_input, "Date").set_value(date(2026, 12, 5))   # the first Saturday of December
    by_label(at.time_input, "Starts").set_value(time(9, 0))
    by_label(at.time_input, "Ends").set_value(time(12, 0))
    by_label(at.selectbox, "District").set_value(world.south)
    by_label(at.selectbox, "Repeat").set_value("Monthly, same weekday")
    by_label(at.date_input, "Repeat until").set_value(date(2027, 11, 30))
    at.button[0].click().run()
    assert not at.exception
    assert "12 sessions saved" in at.success[0].value
    db = Database(path)
    days = [r[0] for r in db.cursor().execute("select starts_at from events order by 1").fetchall()]
    assert len(days) == 12 and all(d.weekday() == 5 and d.day <= 7 for d in days)


def test_command_sees_the_event_list_but_no_form(world_path):
    path, world = world_path
    db = Database(path)
    events.create_event(db, world.cpo, {"program_id": world.car_seat, "starts_at": datetime.now().replace(microsecond=0),
                                        "ends_at": datetime.now().replace(microsecond=0), "district": "N"})
    at = open_page("chief", "events.py")
    assert [t.label for t in at.tabs] == ["Event list"]
    assert not [b for b in at.button if b.label == "Save event"]
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 1


def test_an_edit_that_meets_a_newer_save_keeps_the_typed_values_and_shows_the_current_ones(world_path):
    path, world = world_path
    db = Database(path)
    start = datetime.now().replace(minute=0, second=0, microsecond=0)
    event_id = events.create_event(db, world.cpo, {"program_id": world.car_seat, "starts_at": start,
                                                   "ends_at": start, "district": "N", "notes": "first"})
    at = open_page("cpo", "events.py")
    by_label(at.selectbox, "Event").set_value(event_id).run()
    notes = [t for t in at.text_area if t.label == "Notes"][-1]
    notes.input("mine")
    other = events.load_event(db, event_id)
    events.update_event(db, world.admin, event_id, other["version"], {**other, "notes": "theirs"})
    [b for b in at.button if b.label == "Save event"][-1].click().run()
    assert not at.exception
    assert "Someone else saved this record" in at.warning[0].value
    assert [t for t in at.text_area if t.label == "Notes"][-1].value == "mine"
    assert count(db, "select count(*) from events where notes = 'theirs'") == 1
    [b for b in at.button if b.label == "Save event"][-1].click().run()   # apply mine over theirs
    assert count(db, "select count(*) from events where notes = 'mine'") == 1


def test_an_admin_deletes_with_confirmation_and_restores(world_path):
    path, world = world_path
    db = Database(path)
    start = datetime.now().replace(minute=0, second=0, microsecond=0)
    event_id = events.create_event(db, world.cpo, {"program_id": world.car_seat, "starts_at": start,
                                                   "ends_at": start, "district": "N"})
    at = open_page("boss", "events.py")
    by_label(at.selectbox, "Event").set_value(event_id).run()
    by_label(at.button, "Delete").click().run()
    assert "Delete this event?" in at.warning[0].value
    assert count(db, "select count(*) from live.events") == 1
    by_label(at.button, "Yes, delete").click().run()
    assert count(db, "select count(*) from live.events") == 0
    by_label(at.button, "Restore event").click().run()
    assert not at.exception
    assert count(db, "select count(*) from live.events") == 1
    assert [a[0] for a in audits(db, "events")] == ["create", "delete", "restore"]


def test_the_prevention_officer_adds_a_program_and_sees_it_in_the_catalog(world_path):
    path, world = world_path
    at = open_page("cpo", "programs.py")
    form = [s for s in at.selectbox if s.label == "Category"][1]   # the form's, after the catalog filter
    at.text_input(key=[t.key for t in at.text_input if t.label == "Name"][0]).input("Senior Scam Seminar")
    form.set_value("seniors")
    [m for m in at.multiselect if m.label == "Target districts"][0].set_value([world.south])
    [m for m in at.multiselect if m.label == "Target crime types"][0].set_value(["fraud"])
    by_label(at.button, "Save program").click().run()
    assert not at.exception
    assert at.success[0].value == "Program Senior Scam Seminar saved."
    db = Database(path)
    row = db.cursor().execute("select category, status, delivery_kind, created_by from programs "
                              "where name = 'Senior Scam Seminar'").fetchall()
    assert row == [("seniors", "active", "recurring", "cpo")]
    assert count(db, "select count(*) from program_target_crime_types where crime_type_code = 'fraud'") == 1
    assert audits(db, "programs", "create")[-1][2] == "cpo"
    assert "Senior Scam Seminar" in at.dataframe[0].value["program"].tolist()


def test_a_duplicate_program_name_is_refused_next_to_the_field(world_path):
    path, world = world_path
    at = open_page("cpo", "programs.py")
    at.text_input(key=[t.key for t in at.text_input if t.label == "Name"][0]).input("Crime Stoppers")
    [s for s in at.selectbox if s.label == "Category"][1].set_value("tip_line")
    by_label(at.button, "Save program").click().run()
    assert [e.value for e in at.error] == ["Name: there is already a program named 'Crime Stoppers'."]
    assert count(Database(path), "select count(*) from programs") == 2


def test_command_reads_the_catalog_only(world_path):
    at = open_page("chief", "programs.py")
    assert [t.label for t in at.tabs] == ["Catalog"]
    assert sorted(at.dataframe[0].value["program"]) == ["Car-seat station", "Crime Stoppers"]


def test_the_prevention_officer_creates_a_cohort_and_enrols_a_participant(world_path):
    from queries.actor import SYSTEM

    path, world = world_path
    db = Database(path)
    with db.unit_of_work(SYSTEM) as uow:
        cpa = uow.insert("programs", {"name": "Citizens' Police Academy", "category": "education",
                                      "delivery_kind": "course"})["id"]
    at = open_page("cpo", "rosters.py")
    assert "No course cohorts yet." in at.info[0].value
    by_label(at.text_input, "Cohort name").input("Spring 2027")
    [s for s in at.selectbox if s.label == "District"][-1].set_value(world.north)
    by_label(at.button, "Create cohort").click().run()
    assert not at.exception
    assert at.success[0].value == "Cohort Spring 2027 created."
    cohort = count(db, "select id from course_cohorts where program_id = $p", p=cpa)
    assert count(db, "select count(*) from events where cohort_id = $c", c=cohort) == 6
    by_label(at.text_input, "First name").input("Ana")
    by_label(at.button, "Enrol").click().run()
    assert "Cohort: choose a cohort." in [e.value for e in at.error]
    assert count(db, "select count(*) from enrolments") == 0
    [s for s in at.selectbox if s.label == "Cohort"][1].set_value(cohort)
    by_label(at.text_input, "Last name").input("Ruiz")
    by_label(at.button, "Enrol").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == []
    assert at.success[0].value == "Ana Ruiz enrolled."
    assert count(db, "select count(*) from enrolments where cohort_id = $c", c=cohort) == 1
    assert audits(db, "enrolments")[0][2] == "cpo"
    assert by_label(at.button, "Save roster")   # the grid is on screen


def test_the_prevention_officer_imports_events_through_the_wizard(world_path):
    path, world = world_path
    at = open_page("cpo", "imports.py")
    assert at.segmented_control[0].value == "events"
    text = ("program,starts_at,ends_at,district,headcount_adult\n"
            "Car-seat station,2026-10-10 09:00,2026-10-10 12:00,N,5\n"
            "Car-seat station,2026-11-14 09:00,2026-11-14 08:00,S,3\n")
    at.get("file_uploader")[0].set_value(("events.csv", text.encode(), "text/csv")).run()
    assert not at.exception
    by_label(at.button, "Check every row").click().run()
    assert not at.exception
    assert "1 problem in 1 row;" in at.error[0].value          # nouns agree with their counts
    assert at.dataframe[-1].value[["row", "column"]].values.tolist() == [[3, "ends_at"]]
    db = Database(path)
    assert count(db, "select count(*) from events") == 0
    fixed = text.replace("2026-11-14 08:00", "2026-11-14 11:00")
    at.get("file_uploader")[0].set_value(("events.csv", fixed.encode(), "text/csv")).run()
    by_label(at.button, "Check every row").click().run()
    assert at.success[0].value == "All 2 rows are fine."
    by_label(at.button, "Import 2 rows").click().run()
    assert not at.exception
    assert at.success[-1].value == "Imported 2 program events from events.csv."
    assert count(db, "select count(*) from events") == 2
    assert count(db, "select count(*) from audit_log where action = 'import' and username = 'cpo'") == 1


def test_an_empty_upload_is_refused_on_the_page(world_path):
    at = open_page("cpo", "imports.py")
    at.get("file_uploader")[0].set_value(("events.csv", b"", "text/csv")).run()
    assert [e.value for e in at.error] == ["events.csv is empty."]


def test_the_attendance_grid_is_saved_from_the_page(world_path):
    from core.entry import rosters
    from queries.actor import SYSTEM

    path, world = world_path
    db = Database(path)
    with db.unit_of_work(SYSTEM) as uow:
        cpa = uow.insert("programs", {"name": "Citizens' Police Academy", "category": "education",
                                      "delivery_kind": "course"})["id"]
    cpo = world.cpo
    cohort = rosters.create_cohort(db, cpo, {"program_id": cpa, "name": "Fall 2026", "start_date": date(2026, 9, 1),
                                             "sessions": 3, "district": "N"})
    ana = rosters.enrol(db, cpo, cohort, {"first_name": "Ana", "last_name": "Ruiz"})
    bo = rosters.enrol(db, cpo, cohort, {"first_name": "Bo", "last_name": "Li"})
    sessions = db.rows("cohort_sessions", cohort_id=cohort)
    labels = [f"S{s['session_number']} {s['starts_at'].day} {s['starts_at']:%b}" for s in sessions]
    db.close()

    at = open_page("cpo", "rosters.py")
    order = list(at.data_editor[0].value["participant"])
    row_of = {"Ana": order.index(next(p for p in order if "Ana" in p)), "Bo": order.index(next(p for p in order if "Bo" in p))}
    at.session_state[f"roster_{cohort}_0_grid"] = {
        "edited_rows": {row_of["Ana"]: {labels[0]: True, labels[1]: True, labels[2]: True, "completed": True},
                        row_of["Bo"]: {labels[0]: True}},
        "added_rows": [], "deleted_rows": []}
    at.run()
    by_label(at.button, "Save roster").click().run()
    assert not at.exception and [e.value for e in at.error] == []
    assert [s.value for s in at.success] == ["Roster saved (5 changes)."]

    db = Database(path)
    present = db.cursor().execute("select enrolment_id, count(*) from roster_attendance where present "
                                  "group by all order by 1").fetchall()
    assert present == [(ana, 3), (bo, 1)]
    assert count(db, "select status from enrolments where id = $i", i=ana) == "completed"
    assert count(db, "select status from enrolments where id = $i", i=bo) == "enrolled"
    assert len(audits(db, "roster_attendance", "create")) == 4 and audits(db, "roster_attendance")[0][2] == "cpo"
    listed = db.df("cohorts_list").set_index("id")
    assert listed.loc[cohort, "completion_rate"] == 50.0


def test_a_long_cohort_list_shows_the_latest_and_says_how_to_find_the_rest(world_path, monkeypatch):
    from core.entry import rosters
    from queries.actor import SYSTEM

    path, world = world_path
    db = Database(path)
    with db.unit_of_work(SYSTEM) as uow:
        cpa = uow.insert("programs", {"name": "Citizens' Police Academy", "category": "education",
                                      "delivery_kind": "course"})["id"]
    for name, start in [("Spring 2026", date(2026, 3, 1)), ("Fall 2026", date(2026, 9, 1)),
                        ("Fall 2025", date(2025, 9, 1))]:
        rosters.create_cohort(db, world.cpo, {"program_id": cpa, "name": name, "start_date": start, "sessions": 0,
                                              "district": "N"})
    db.close()
    monkeypatch.setattr(rosters, "COHORT_ROWS", 2)

    at = open_page("chief", "rosters.py")
    assert list(at.dataframe[0].value["cohort"]) == ["Fall 2026", "Spring 2026"]
    assert any("3 cohorts in all; the 2 starting last are shown (1 more" in c.value for c in at.caption)
    assert len([s for s in at.selectbox if s.label == "Cohort"][0].options) == 3   # every cohort can be chosen
    by_label(at.text_input, "Find a cohort").input("fall 2025").run()
    assert list(at.dataframe[0].value["cohort"]) == ["Fall 2025"]
    assert not any("more" in c.value for c in at.caption)
    by_label(at.text_input, "Find a cohort").input("winter").run()
    assert at.dataframe[0].value.empty and any("No cohort name contains" in c.value for c in at.caption)
