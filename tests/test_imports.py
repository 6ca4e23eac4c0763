"""Imports: a good file of each kind is stored with audit rows; a corpus of bad files is refused
with a specific message and nothing written; saved mappings; the CLI; export escaping."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pandas as pd
import pytest

from cli import main as cli_main
from core.exports import dataframe_to_csv_bytes, dataframe_to_xlsx_bytes
from core.importing import mappings, pipeline
from core.importing.kinds import IMPORTERS
from core.tabular import FileRefused, apply_mapping, read_table
from queries.errors import PermissionDenied
from tests.entry_support import audits, count

TABLES = ("programs", "events", "event_outcomes", "participants", "enrolments", "organizations", "concerns")


def totals(db) -> dict:
    return {t: count(db, f"select count(*) from {t}") for t in TABLES}


def run(world, kind: str, text: str | bytes, filename: str = "file.csv", mapping: dict | None = None,
        actor=None) -> int:
    spec = IMPORTERS[kind]
    data = text.encode("utf-8") if isinstance(text, str) else text
    frame = read_table(data, filename)
    chosen = mappings.guess(spec, list(frame.columns)) | (mapping or {})
    mapped = apply_mapping(frame, chosen, set(spec.required), set(spec.fields))
    return pipeline.write(world.db, actor or world.cpo, spec, mapped, chosen, detail=filename)


EVENTS_CSV = (
    "Program,Start,End,District,Adults,Youth,car_seats_inspected,car_seats_incorrect,notes\n"
    "Car-seat station,2026-10-10 09:00,2026-10-10 12:00,N,5,2,10,2,first\n"
    "Car-seat station,11/14/2026 9:00 AM,11/14/2026 12:00 PM,s,\"1,200\",0,8,8,second\n")
EVENTS_MAP = {"program": "Program", "starts_at": "Start", "ends_at": "End", "district": "District",
              "headcount_adult": "Adults", "headcount_youth": "Youth"}


def test_an_events_file_is_imported_with_its_figures_and_audit_rows(world):
    assert run(world, "events", EVENTS_CSV, mapping=EVENTS_MAP) == 2
    rows = world.db.cursor().execute("select starts_at, district_id, headcount_adult, notes from events order by 1").fetchall()
    assert rows == [(datetime(2026, 10, 10, 9), world.north, 5, "first"),
                    (datetime(2026, 11, 14, 9), world.south, 1200, "second")]
    assert count(world.db, "select sum(value) from event_outcomes where measure_code = 'car_seats_inspected'") == 18
    assert len(audits(world.db, "events", "create")) == 2
    detail = json.loads(audits_detail(world.db, "events"))
    assert detail == {"kind": "events", "rows": 2, "detail": "file.csv"}


def audits_detail(db, table):
    return db.cursor().execute("select detail from audit_log where action = 'import' and table_name = $t",
                               {"t": table}).fetchone()[0]


def test_a_programs_file_is_imported(world):
    text = ("name,category,delivery_kind,districts,crime_types,measures\n"
            "Bike Rodeo,youth,recurring,N;S,larceny,helmets_given\n"
            "Senior Scams,seniors,one_off,S,fraud,\n")
    assert run(world, "programs", text) == 2
    assert count(world.db, "select count(*) from program_target_districts") == 3
    assert [a[2] for a in audits(world.db, "programs", "create")][-2:] == ["cpo", "cpo"]
    assert json.loads(audits_detail(world.db, "programs"))["rows"] == 2


def test_an_organizations_xlsx_is_imported(world):
    frame = pd.DataFrame({"Name": ["Elm Block Watch", "Downtown BW"], "Type": ["block_watch", "business watch"],
                          "District": ["N", "S"], "Phone": ["203-555-0147", ""]})
    data = dataframe_to_xlsx_bytes(frame)
    assert run(world, "organizations", data, "orgs.xlsx", {"name": "Name", "org_type": "Type", "district": "District",
                                                            "contact_phone": "Phone"}) == 2
    assert count(world.db, "select count(*) from organizations where org_type = 'business_watch'") == 1
    assert audits_detail(world.db, "organizations")


def test_a_concerns_file_is_imported(world):
    text = ("received_on,channel,category,description,district,anonymous\n"
            "2026-11-01,phone,noise,Loud music nightly,N,no\n"
            "2026-11-02,email,blight,Abandoned house,S,yes\n")
    assert run(world, "concerns", text) == 2
    assert count(world.db, "select count(*) from concern_updates") == 2
    assert len(audits(world.db, "concerns", "create")) == 2


def test_a_participants_file_enrols_into_a_cohort(world):
    from core.entry import rosters
    from queries.actor import SYSTEM

    with world.db.unit_of_work(SYSTEM) as uow:
        cpa = uow.insert("programs", {"name": "CPA", "category": "education", "delivery_kind": "course"})["id"]
    rosters.create_cohort(world.db, world.cpo, {"program_id": cpa, "name": "Fall 2026", "start_date": date(2026, 9, 1)})
    text = "first_name,last_name,email,cohort\nAna,Ruiz,ana@x.org,Fall 2026\nBo,Li,,Fall 2026\nCy,Wu,,\n"
    assert run(world, "participants", text) == 3
    assert count(world.db, "select count(*) from participants") == 3
    assert count(world.db, "select count(*) from enrolments") == 2


BIG = b"name,category,delivery_kind\n" + b"x,youth,one_off\n" * 800_000

BAD_FILES = [
    ("empty file", "events", b"", "file.csv", None, "file.csv is empty."),
    ("header only", "events", b"program,starts_at,ends_at,district\n", "file.csv", None,
     "file.csv has a header row but no data rows."),
    ("not csv or xlsx", "events", b"a,b\n1,2\n", "events.txt", None,
     "events.txt is not a CSV or XLSX file; save it as .csv or .xlsx and try again."),
    ("over the limit", "programs", BIG, "big.csv", None, "big.csv is 12.8 MB; files over 10 MB are refused. Split it into smaller files."),
    ("binary data", "events", b"program\x00,x\n\x00\x01,2\n", "file.csv", None,
     "file.csv contains binary data; it is not a CSV text file."),
    ("broken xlsx", "events", b"PK\x03\x04 not really a workbook", "file.xlsx", None,
     "file.xlsx is not a readable XLSX workbook (BadZipFile)."),
    ("missing required column", "events", "program,starts_at,district\nCar-seat station,2026-10-10 09:00,N\n",
     "file.csv", None, "Required field(s) ends_at are not mapped to a column."),
    ("mapping names a missing column", "events", EVENTS_CSV, "file.csv", {**EVENTS_MAP, "notes": "Remarks"},
     "The file has no column Remarks"),
    ("duplicate column names", "events", "program,program,starts_at\na,b,c\n", "file.csv", None,
     "file.csv has more than one column named program."),
    ("ragged csv", "events", "program,starts_at\na,b,c\n", "file.csv", None,
     "file.csv is not a well-formed CSV file: line 2 has 3 cells but the header has 2."),
]


@pytest.mark.parametrize("name, kind, data, filename, mapping, message", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_are_refused_whole_with_a_specific_message(world, name, kind, data, filename, mapping, message):
    before = totals(world.db)
    with pytest.raises(FileRefused) as refused:
        run(world, kind, data, filename, mapping)
    assert str(refused.value).startswith(message)
    assert totals(world.db) == before


BAD_ROWS = [
    ("negative headcount", "events",
     "program,starts_at,ends_at,district,headcount_youth\nCar-seat station,2026-10-10 09:00,2026-10-10 10:00,N,-4\n",
     [(2, "headcount_youth", "headcount_youth: cannot be negative (-4).")]),
    ("end before start", "events",
     "program,starts_at,ends_at,district\nCar-seat station,2026-10-10 09:00,2026-10-10 08:00,N\n",
     [(2, "ends_at", "ends: the end (10 Oct 2026, 08:00) is before the start (10 Oct 2026, 09:00).")]),
    ("more incorrect than inspected", "events",
     "program,starts_at,ends_at,district,car_seats_inspected,car_seats_incorrect\n"
     "Car-seat station,2026-10-10 09:00,2026-10-10 10:00,N,3,4\n",
     [(2, "car_seats_incorrect", "Car seats installed incorrectly: 4 is more than the car seats inspected (3).")]),
    ("unknown district", "events",
     "program,starts_at,ends_at,district\nCar-seat station,2026-10-10 09:00,2026-10-10 10:00,D9\n",
     [(2, "district", "district: there is no district 'D9'.")]),
    ("unknown program", "events",
     "program,starts_at,ends_at,district\nBake sale,2026-10-10 09:00,2026-10-10 10:00,N\n",
     [(2, "program", "program: there is no program named 'Bake sale'.")]),
    ("wrong type", "events",
     "program,starts_at,ends_at,district,headcount_adult\nCar-seat station,soon,2026-10-10 10:00,N,ten\n",
     [(2, "headcount_adult", "headcount_adult: must be a whole number, not 'ten'."),
      (2, "starts_at", "starts: 'soon' is not a date and time; write it as 2026-11-21 10:00.")]),
    ("duplicate rows", "events",     # the same event (program, start, district, no place, no title) twice,
     "program,starts_at,ends_at,district\nCar-seat station,2026-10-10 09:00,2026-10-10 10:00,N\n"
     "Car-seat station,2026-10-10 09:00,2026-10-10 11:00,N\n",     # differing in its end: not an exact repeat
     [(3, "program, starts_at, district", "duplicates row 2 of the file.")]),
    ("formula cell", "organizations",
     'name,org_type,district\n"=HYPERLINK(""http://x"",""click"")",civic,N\n',
     [(2, "name", "'=HYPERLINK(\"http://x\",\"click\")' looks like a spreadsheet formula; "
                  "type the value itself, without the leading sign.")]),
    ("at-sign formula", "concerns",
     "received_on,channel,category,description,district\n2026-11-01,phone,noise,@SUM(1+1),N\n",
     [(2, "description", "'@SUM(1+1)' looks like a spreadsheet formula; type the value itself, without the leading sign.")]),
    ("unknown org type", "organizations", "name,org_type\nChess club,club\n",
     [(2, "org_type", "type: 'club' is not one of " + ", ".join(
         ["Block watch", "Business watch", "Tenant group", "School", "Business association", "Faith community",
          "Civic group", "Media", "City department", "Other"]) + ".")]),
    ("concern received in the future", "concerns",
     "received_on,channel,category,description,district\n2099-01-01,phone,noise,Loud,N\n",
     [(2, "received_on", "received on: 1 Jan 2099 is in the future.")]),
    ("duplicate program name", "programs", "name,category,delivery_kind\nCrime Stoppers,tip_line,continuous\n",
     [(2, "name", "name: there is already a program named 'Crime Stoppers'.")]),
    ("bad email", "participants", "first_name,last_name,email\nAna,Ruiz,ana@@x\n",
     [(2, "email", "email: The part after the @-sign contains invalid characters: '@'.")]),
]


@pytest.mark.parametrize("name, kind, text, problems", BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_bad_rows_are_listed_by_row_column_and_reason_and_nothing_is_written(world, name, kind, text, problems):
    before = totals(world.db)
    with pytest.raises(pipeline.ImportRefused) as refused:
        run(world, kind, text)
    found = sorted(map(tuple, refused.value.problems[["row", "column", "reason"]].values.tolist()))
    assert found == sorted(problems)
    assert totals(world.db) == before


def test_one_bad_row_among_good_ones_writes_none_of_them(world):
    text = EVENTS_CSV + "Car-seat station,2026-12-12 09:00,2026-12-12 08:00,N,1,1,1,1,bad\n"
    with pytest.raises(pipeline.ImportRefused) as refused:
        run(world, "events", text, mapping=EVENTS_MAP)
    assert refused.value.problems["row"].tolist() == [4]
    assert count(world.db, "select count(*) from events") == 0
    assert count(world.db, "select count(*) from audit_log where action = 'import'") == 0


def test_a_cp1252_file_from_excel_is_read(world):
    text = "name,org_type,district,notes\nCaf\xe9 owners,business_association,N,se\xf1or\n".encode("cp1252")
    assert run(world, "organizations", text) == 1
    assert count(world.db, "select name from organizations where org_type = 'business_association'") == "Caf\xe9 owners"


def test_check_writes_nothing_even_when_every_row_is_fine(world):
    spec = IMPORTERS["events"]
    frame = read_table(EVENTS_CSV.encode(), "e.csv")
    mapped = apply_mapping(frame, EVENTS_MAP, set(spec.required), set(spec.fields))
    seen = []
    checked = pipeline.check(world.db, world.cpo, spec, mapped, EVENTS_MAP, progress=lambda d, t: seen.append((d, t)))
    assert checked.ok and len(checked.rows) == 2 and seen[-1] == (2, 2)
    assert count(world.db, "select count(*) from events") == 0
    assert audits(world.db, "events") == []


def test_officers_and_command_may_not_import(world):
    for actor in (world.patrol, world.command):
        with pytest.raises(PermissionDenied):
            run(world, "events", EVENTS_CSV, mapping=EVENTS_MAP, actor=actor)
    assert count(world.db, "select count(*) from events") == 0


def test_mappings_are_saved_reused_and_replaced(world):
    spec = IMPORTERS["events"]
    mappings.save(world.db, world.cpo, spec, "Safe Kids export", EVENTS_MAP)
    assert mappings.saved(world.db, "events") == {"Safe Kids export": EVENTS_MAP}
    mappings.save(world.db, world.cpo, spec, "Safe Kids export", {**EVENTS_MAP, "notes": "notes"})
    assert mappings.saved(world.db, "events")["Safe Kids export"]["notes"] == "notes"
    assert [a[0] for a in audits(world.db, "import_mappings")] == ["create", "update"]
    assert mappings.guess(spec, ["Program", "Starts At", "DISTRICT", "x"]) == {
        "program": "Program", "starts_at": "Starts At", "district": "DISTRICT"}


def test_the_cli_imports_with_map_arguments_and_refuses_bad_files(world, tmp_path, capsys):
    path = world.db.path
    world.db.close()
    good = tmp_path / "events.csv"
    good.write_text(EVENTS_CSV, encoding="utf-8")
    args = ["--db", str(path), "import", "events", str(good)] + sum((["--map", f"{f}={c}"] for f, c in EVENTS_MAP.items()), [])
    assert cli_main(args + ["--check"]) == 0
    assert "All 2 rows" in capsys.readouterr().out
    assert cli_main(args) == 0
    assert "Imported 2 program events" in capsys.readouterr().out
    assert cli_main(args) == 2   # the same file again: every row is a duplicate of a stored event
    err = capsys.readouterr().err
    assert "already has an event starting 10 Oct 2026, 09:00" in err and "nothing was imported" in err
    from queries.db import Database

    db = Database(path)
    assert count(db, "select count(*) from events") == 2
    db.close()


def test_exports_escape_cells_a_spreadsheet_would_run():
    frame = pd.DataFrame({"description": ["=HYPERLINK(\"http://evil\")", "+1 call", "-2", "@me", "plain"]})
    text = dataframe_to_csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines()[1:] == ["\"'=HYPERLINK(\"\"http://evil\"\")\"", "'+1 call", "'-2", "'@me", "plain"]
    book = pd.read_excel(io.BytesIO(dataframe_to_xlsx_bytes(frame)), dtype=str)
    assert book["description"].tolist()[:2] == ["'=HYPERLINK(\"http://evil\")", "'+1 call"]
