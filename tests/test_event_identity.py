"""Events at a city's scale: two events are the same only when program, start, district and place
(or, with no place, title) agree. One rule for the event form, recurring series and the events import;
a file's exact repeats are merged and counted."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from cli import main as cli_main
from core.entry import events
from queries.errors import ValidationError
from tests.entry_support import count

START = datetime(2026, 11, 7, 18, 30)


def meeting(world, **changes) -> dict:
    data = {"program_id": world.car_seat, "title": "Beat meeting", "starts_at": START,
            "ends_at": datetime(2026, 11, 7, 19, 30), "location": "Library", "district": world.north}
    data.update(changes)
    return data


def test_one_program_at_the_same_time_in_two_districts_or_places_is_two_events(world):
    events.create_event(world.db, world.cpo, meeting(world))
    events.create_event(world.db, world.cpo, meeting(world, district=world.south))
    events.create_event(world.db, world.cpo, meeting(world, location="Church hall"))
    events.create_event(world.db, world.cpo, meeting(world, location=None, title="Beat 1 meeting"))
    events.create_event(world.db, world.cpo, meeting(world, location=None, title="Beat 2 meeting"))
    assert count(world.db, "select count(*) from events") == 5


def test_the_same_program_start_district_and_place_is_refused_by_the_form(world):
    first = events.create_event(world.db, world.cpo, meeting(world))
    with pytest.raises(ValidationError) as refused:       # place compared without case or extra spaces
        events.create_event(world.db, world.cpo, meeting(world, location="  library ", title="Other title"))
    assert f"(event {first})" in refused.value.problems["starts"]
    events.create_event(world.db, world.cpo, meeting(world, location=None, title="Beat 1 meeting"))
    with pytest.raises(ValidationError):                  # no place: the title decides
        events.create_event(world.db, world.cpo, meeting(world, location=None, title="beat 1  MEETING"))
    assert count(world.db, "select count(*) from events") == 2


def test_a_series_in_each_district_is_created_and_a_repeat_of_one_is_refused(world):
    days = [date(2026, 11, 7), date(2026, 11, 14)]
    assert len(events.create_series(world.db, world.cpo, meeting(world), days)) == 2
    assert len(events.create_series(world.db, world.cpo, meeting(world, district=world.south), days)) == 2
    with pytest.raises(ValidationError):
        events.create_series(world.db, world.cpo, meeting(world), days)
    assert count(world.db, "select count(*) from events") == 4


def test_an_event_file_imports_every_district_and_merges_exact_repeats(world, tmp_path, capsys):
    rows = ["Program,Title,Start,End,District,Location"]
    for district in ("N", "S"):
        for place in ("Library", "Church hall"):
            rows.append(f"Car-seat station,Beat meeting,2026-11-07 18:30,2026-11-07 19:30,{district},{place}")
    rows += [rows[1], rows[1], rows[3].replace("Beat meeting", "BEAT  meeting")]     # three exact repeats
    path = tmp_path / "calendar.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db_path = world.db.path
    world.db.close()
    args = ["--db", str(db_path), "import", "events", str(path), "--map", "program=Program", "--map", "title=Title",
            "--map", "starts_at=Start", "--map", "ends_at=End", "--map", "district=District",
            "--map", "location=Location"]
    assert cli_main(args) == 0
    assert "Imported 4 program events" in capsys.readouterr().out.replace("\n", " ")
    from queries.db import Database
    db = Database(db_path)
    with db.cursor() as cur:
        stored = cur.execute("select d.code, e.location from events e join districts d on d.id = e.district_id "
                             "order by 1, 2").fetchall()
        detail = json.loads(cur.execute("select detail from audit_log where action = 'import' "
                                        "and table_name = 'events'").fetchone()[0])
    db.close()
    assert stored == [("N", "Church hall"), ("N", "Library"), ("S", "Church hall"), ("S", "Library")]
    assert (detail["rows"], detail["repeated_rows_kept_once"]) == (4, 3)


def test_rows_that_agree_on_the_event_but_differ_elsewhere_are_refused_and_nothing_is_written(world, tmp_path,
                                                                                               capsys):
    path = tmp_path / "calendar.csv"
    path.write_text("Program,Start,End,District,Location\n"
                    "Car-seat station,2026-11-07 18:30,2026-11-07 19:30,N,Library\n"
                    "Car-seat station,2026-11-07 18:30,2026-11-07 20:30,N,Library\n", encoding="utf-8")
    db_path = world.db.path
    world.db.close()
    args = ["--db", str(db_path), "import", "events", str(path), "--map", "program=Program",
            "--map", "starts_at=Start", "--map", "ends_at=End", "--map", "district=District",
            "--map", "location=Location"]
    assert cli_main(args) == 2
    assert "duplicates row 2 of the file" in capsys.readouterr().err
    from queries.db import Database
    db = Database(db_path)
    assert count(db, "select count(*) from events") == 0
    assert count(db, "select count(*) from audit_log where action = 'import'") == 0
    db.close()
