"""Importing a resident survey wave: the question map, every row checked before anything is written,
the wave and its answers written in one unit of work, a re-import replacing the wave's answers."""

from __future__ import annotations

import copy
import csv
import io
import json
from datetime import date

import pytest

from core.importing.shape import Refused
from core.surveys import areas, question_map
from core.surveys.importer import check_survey, import_survey, read_survey
from queries.actor import SYSTEM, Actor
from queries.errors import PermissionDenied, ValidationError

CPO = Actor("cpo", "prevention", 1)
FIVE = {"1": "Very unsafe", "2": "Unsafe", "3": "Neither safe nor unsafe", "4": "Safe", "5": "Very safe"}
QMAP = {
    "area": {"column": "ward", "lookup": "Ward", "unknown": ["", "99"]},
    "weight": "wt",
    "questions": {
        "day": {"measure": "safe_day", "scale": {"values": FIVE, "top_answer": ["4", "5"], "dont_know": ["9"],
                                                 "missing": ["NA"]}},
        "burg": {"measure": "problem", "subject": "burglary",
                 "scale": {"values": {"1": "Not a problem", "2": "A minor problem", "3": "A serious problem"},
                           "top_answer": ["3"]}},
        "trust": {"measure": "trust_police",
                  "scale": {"values": {"1": "Trust a great deal", "2": "Trust somewhat", "3": "Do not trust"},
                            "top_answer": ["1", "2"], "reversed": True}},
        "victim": {"measure": "victim", "scale": {"values": {"1": "Yes", "2": "No"}, "top_answer": ["1"],
                                                  "dont_know": ["9"]}},
        "comment": {"free_text": True},
    },
}
HEADER = ["resp_id", "address", "ward", "wt", "day", "burg", "trust", "victim", "comment"]
ROWS = [
    ["R-1001", "12 Main St", "1", "1.5", "5", "3", "1", "2", "Speeding on Elm St every night"],
    ["R-1002", "4 Oak Ave", "2", "0.5", "2", "1", "3", "1", ""],
    ["R-1003", "9 Pine Rd", "", "1", "9", "2", "2", "9", ""],           # area unknown, don't know
    ["R-1004", "1 Elm St", "99", "2", "NA", "3", "", "2", "Call me back on 555-0100"],   # area unknown
    ["R-1005", "7 Ash Ct", "1", "1", "4", "", "2", "1", ""],
]


def csv_bytes(rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def town(db, two_districts):
    areas.save_codes(db, SYSTEM, "Ward", {"1": "N", "2": "S"})
    return db


def run(db, actor=CPO, rows=ROWS, qmap=QMAP, wave="Spring 2026", filename="wave.csv", header=HEADER):
    frame = read_survey(csv_bytes(rows, header), filename)
    return import_survey(db, actor, frame, question_map.parse(qmap), wave=wave,
                         fieldwork_start=date(2026, 3, 1), fieldwork_end=date(2026, 3, 31), filename=filename)


def query(db, sql: str, **params):
    with db.cursor() as cur:
        return cur.execute(sql, params).fetchall()


def survey_rows(db) -> int:
    return sum(query(db, f"select count(*) from {t}")[0][0]
               for t in ("survey_waves", "survey_answers", "survey_comments"))


def imports_audited(db) -> int:
    return query(db, "select count(*) from audit_log where action = 'import'")[0][0]


def refusal(db, rows, qmap=QMAP) -> list[dict]:
    with pytest.raises(Refused) as caught:
        run(db, rows=rows, qmap=qmap)
    assert survey_rows(db) == 0 and imports_audited(db) == 0
    return caught.value.problems.to_dict("records")


# -- the question map ---------------------------------------------------------------------------

def test_a_question_map_with_a_bad_entry_is_refused_naming_the_entry(town):
    bad = copy.deepcopy(QMAP)
    bad["questions"]["day"]["scale"]["top_answer"] = ["4", "6"]
    with pytest.raises(ValidationError) as caught:
        question_map.parse(bad)
    assert caught.value.problems == {"questions → day → top_answer": "6 is not a value of the scale (1, 2, 3, 4, 5)."}
    bad = copy.deepcopy(QMAP)
    bad["questions"]["day"]["measure"] = "happiness"
    with pytest.raises(ValidationError) as caught:
        question_map.parse(bad)
    assert list(caught.value.problems) == ["questions → day → measure"]
    assert "Feel safe by day" in caught.value.problems["questions → day → measure"]
    bad = copy.deepcopy(QMAP)
    bad["questions"]["burg"]["subject"] = "witchcraft"
    with pytest.raises(ValidationError) as caught:
        question_map.check_names(town, question_map.parse(bad))
    assert list(caught.value.problems) == ["questions → burg → subject"]
    bad = copy.deepcopy(QMAP)
    bad["questions"]["day"]["scale"]["dont_know"] = ["5"]
    with pytest.raises(ValidationError) as caught:
        question_map.parse(bad)
    assert caught.value.problems == {"questions → day → dont_know": "5 is also a value of the scale."}
    with pytest.raises(ValidationError) as caught:
        question_map.parse("{not json")
    assert list(caught.value.problems) == ["question map"]


def test_a_question_map_is_saved_by_name_and_used_again(town):
    question_map.save(town, CPO, "Resident survey", question_map.parse(QMAP))
    question_map.save(town, CPO, "Resident survey", question_map.parse(QMAP))     # replaced, not doubled
    assert list(question_map.saved(town)) == ["Resident survey"]
    assert question_map.load(town, "Resident survey") == question_map.parse(QMAP)
    stored = query(town, "select kind, name from live.import_mappings")
    assert stored == [("surveys", "Resident survey")]


# -- refusals: nothing written ---------------------------------------------------------------------

def test_an_unknown_area_code_is_refused_with_row_column_and_reason(town):
    rows = [*ROWS[:2], ["R-9", "", "7", "1", "4", "1", "1", "2", ""]]
    problems = refusal(town, rows)
    assert problems == [{"row": 4, "column": "ward",
                         "reason": "area code 7 is not in the Ward lookup and is not declared as area unknown."}]


def test_an_unmapped_scale_value_is_refused_with_row_column_and_reason(town):
    rows = [*ROWS[:3], ["R-9", "", "1", "1", "6", "1", "1", "2", ""]]
    problems = refusal(town, rows)
    assert problems == [{"row": 5, "column": "day",
                         "reason": "6 is not on the question's scale (1, 2, 3, 4, 5; don't know 9; missing NA)."}]


@pytest.mark.parametrize("weight, reason", [("heavy", "weight heavy is not a number."),
                                            ("0", "weight 0 is not above zero."),
                                            ("-1", "weight -1 is not above zero."),
                                            ("", "the weight is missing.")])
def test_a_bad_weight_is_refused_with_row_column_and_reason(town, weight, reason):
    rows = [ROWS[0], ["R-9", "", "1", weight, "4", "1", "1", "2", ""]]
    assert refusal(town, rows) == [{"row": 3, "column": "wt", "reason": reason}]


def test_every_problem_is_listed_and_the_check_writes_nothing(town):
    rows = [["R-9", "", "7", "x", "6", "4", "1", "2", ""], *ROWS]
    frame = read_survey(csv_bytes(rows), "wave.csv")
    checked = check_survey(town, CPO, frame, question_map.parse(QMAP))
    assert checked.problems.to_dict("records") == [
        {"row": 2, "column": "ward",
         "reason": "area code 7 is not in the Ward lookup and is not declared as area unknown."},
        {"row": 2, "column": "wt", "reason": "weight x is not a number."},
        {"row": 2, "column": "day",
         "reason": "6 is not on the question's scale (1, 2, 3, 4, 5; don't know 9; missing NA)."},
        {"row": 2, "column": "burg", "reason": "4 is not on the question's scale (1, 2, 3)."},
    ]
    assert survey_rows(town) == 0 and imports_audited(town) == 0


def test_a_column_the_map_names_that_the_file_lacks_is_refused(town):
    header = [h if h != "trust" else "confidence" for h in HEADER]
    with pytest.raises(Refused) as caught:
        run(town, header=header)
    assert caught.value.problems.to_dict("records") == [{"row": None, "column": "trust", "reason": "the file has no column trust."}]
    assert survey_rows(town) == 0 and imports_audited(town) == 0


# -- what is stored ------------------------------------------------------------------------------

def answers(db) -> list[tuple]:
    return query(db, "select a.respondent, d.code, a.weight, a.measure, a.subject, a.answer, a.top_answer "
                     "from survey_answers a left join districts d on d.id = a.district_id "
                     "order by a.respondent, a.measure")


def test_answers_are_stored_with_area_weight_and_headline_and_dont_know_or_missing_left_out(town):
    summary = run(town)
    wave = query(town, "select name, fieldwork_start, fieldwork_end, source_file, respondents, weighted, version "
                       "from survey_waves")
    assert wave == [("Spring 2026", date(2026, 3, 1), date(2026, 3, 31), "wave.csv", 5, True, 1)]
    assert answers(town) == [
        (2, "N", 1.5, "problem", "burglary", 3.0, True),
        (2, "N", 1.5, "safe_day", None, 5.0, True),
        (2, "N", 1.5, "trust_police", None, 3.0, True),      # reversed: 1 (a great deal) turned round to 3
        (2, "N", 1.5, "victim", None, 2.0, False),
        (3, "S", 0.5, "problem", "burglary", 1.0, False),
        (3, "S", 0.5, "safe_day", None, 2.0, False),
        (3, "S", 0.5, "trust_police", None, 1.0, False),
        (3, "S", 0.5, "victim", None, 1.0, True),
        (4, None, 1.0, "problem", "burglary", 2.0, False),   # day 9 and victim 9: don't know, not kept
        (4, None, 1.0, "trust_police", None, 2.0, True),
        (5, None, 2.0, "problem", "burglary", 3.0, True),    # day NA: missing; trust blank: missing
        (5, None, 2.0, "victim", None, 2.0, False),
        (6, "N", 1.0, "safe_day", None, 4.0, True),          # burg blank: missing
        (6, "N", 1.0, "trust_police", None, 2.0, True),
        (6, "N", 1.0, "victim", None, 1.0, True),
    ]
    assert summary.counts["answers"] == 15 and summary.counts["respondents"] == 5
    assert summary.counts["dont_know"] == 2 and summary.counts["missing"] == 3
    assert summary.counts["area_unknown"] == 2
    audit = query(town, "select table_name, detail from audit_log where action = 'import'")
    assert len(audit) == 1 and audit[0][0] == "survey_answers"
    assert json.loads(audit[0][1])["rows"] == 15


def test_identifiers_and_addresses_are_not_stored_and_free_text_only_in_comments(town):
    run(town)
    assert query(town, "select respondent, question, answer from survey_comments order by respondent") == [
        (2, "comment", "Speeding on Elm St every night"), (5, "comment", "Call me back on 555-0100")]
    everything = json.dumps([list(r) for t in ("survey_waves", "survey_answers", "survey_area_codes")
                             for r in query(town, f"select * from {t}")], default=str)
    audit = json.dumps(query(town, "select * from audit_log"), default=str)
    for secret in ("R-1001", "R-1004", "12 Main St", "Oak Ave", "Speeding on Elm", "555-0100"):
        assert secret not in everything and secret not in audit
    answered = {r[0] for r in query(town, "select distinct measure from survey_answers")}
    assert answered == {"safe_day", "problem", "trust_police", "victim"}


def test_free_text_may_not_be_an_identifier_or_address_column(town):
    bad = copy.deepcopy(QMAP)
    bad["questions"]["address"] = {"free_text": True}
    with pytest.raises(ValidationError) as caught:
        question_map.parse(bad)
    assert list(caught.value.problems) == ["questions → address"]


def test_a_wave_imported_again_replaces_its_answers_and_keeps_its_id(town):
    run(town)
    first = query(town, "select id, version from survey_waves")
    run(town, rows=ROWS[:2], filename="wave-corrected.csv")
    assert query(town, "select id, version, respondents, source_file from survey_waves") == [
        (first[0][0], 2, 2, "wave-corrected.csv")]
    assert query(town, "select count(*), count(distinct (respondent, measure)) from survey_answers") == [(8, 8)]
    assert query(town, "select count(*) from survey_comments") == [(1,)]
    run(town, rows=ROWS[:2], filename="wave-corrected.csv")      # the same file once more: nothing doubled
    assert query(town, "select count(*) from survey_answers") == [(8,)]
    assert query(town, "select id, version from survey_waves") == [(first[0][0], 3)]
    assert imports_audited(town) == 3


def test_a_second_wave_is_a_wave_of_its_own(town):
    run(town)
    run(town, wave="Autumn 2026")
    assert query(town, "select count(*) from survey_waves") == [(2,)]
    assert query(town, "select count(*) from survey_answers") == [(30,)]


@pytest.mark.parametrize("role", ["officer", "command"])
def test_a_patrol_officer_and_command_staff_are_refused_the_import(town, role):
    actor = Actor(f"someone_{role}", role, 7, frozenset({1}))
    with pytest.raises(PermissionDenied):
        run(town, actor=actor)
    assert survey_rows(town) == 0 and imports_audited(town) == 0
    assert query(town, "select count(*) from audit_log where action = 'denied' and username = $u",
                 u=f"someone_{role}") == [(1,)]


def test_an_administrator_may_import(town):
    run(town, actor=Actor("boss", "admin", 2))
    assert query(town, "select count(*) from survey_waves") == [(1,)]


# -- area from a district column or a point -------------------------------------------------------

def test_area_from_a_district_code_column(town):
    qmap = {"area": {"column": "district", "unknown": [""]},
            "questions": {"day": QMAP["questions"]["day"]}}
    frame = read_survey(csv_bytes([["N", "5"], ["s", "4"], ["", "3"]], ["district", "day"]), "d.csv")
    import_survey(town, CPO, frame, question_map.parse(qmap), wave="W", fieldwork_start=date(2026, 1, 1),
                  fieldwork_end=date(2026, 1, 2), filename="d.csv")
    assert [(r[0], r[1], r[2]) for r in answers(town)] == [(2, "N", 1.0), (3, "S", 1.0), (4, None, 1.0)]
    assert query(town, "select weighted from survey_waves") == [(False,)]
    frame = read_survey(csv_bytes([["X", "5"]], ["district", "day"]), "d.csv")
    with pytest.raises(Refused) as caught:
        import_survey(town, CPO, frame, question_map.parse(qmap), wave="W2", fieldwork_start=date(2026, 1, 1),
                      fieldwork_end=date(2026, 1, 2), filename="d.csv")
    assert caught.value.problems.to_dict("records") == [{"row": 2, "column": "district",
                                  "reason": "X is not a district code and is not declared as area unknown."}]


def test_area_from_a_point_placed_in_the_district_boundaries(db):
    import shapely
    from shapely.geometry import box

    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("districts", {"code": "N", "name": "North", "geometry": shapely.to_geojson(box(-72, 41, -71.9, 41.1))})
        uow.insert("districts", {"code": "S", "name": "South", "geometry": shapely.to_geojson(box(-71.9, 41, -71.8, 41.1))})
    qmap = {"area": {"latitude": "lat", "longitude": "lon", "unknown": [""]},
            "questions": {"day": QMAP["questions"]["day"]}}
    rows = [["41.05", "-71.95", "5"], ["41.05", "-71.85", "4"], ["", "", "3"]]
    frame = read_survey(csv_bytes(rows, ["lat", "lon", "day"]), "p.csv")
    import_survey(db, CPO, frame, question_map.parse(qmap), wave="W", fieldwork_start=date(2026, 1, 1),
                  fieldwork_end=date(2026, 1, 2), filename="p.csv")
    assert [(r[0], r[1]) for r in answers(db)] == [(2, "N"), (3, "S"), (4, None)]
    frame = read_survey(csv_bytes([["45.0", "-60.0", "5"], ["north", "-71.85", "4"]], ["lat", "lon", "day"]), "p.csv")
    with pytest.raises(Refused) as caught:
        import_survey(db, CPO, frame, question_map.parse(qmap), wave="W2", fieldwork_start=date(2026, 1, 1),
                      fieldwork_end=date(2026, 1, 2), filename="p.csv")
    assert caught.value.problems.to_dict("records") == [
        {"row": 2, "column": "lat", "reason": "the point 45.0, -60.0 lies in no district."},
        {"row": 3, "column": "lat", "reason": "north, -71.85 is not a latitude and longitude."}]


def test_fieldwork_dates_and_wave_name_are_checked(town):
    frame = read_survey(csv_bytes(ROWS), "wave.csv")
    with pytest.raises(ValidationError) as caught:
        import_survey(town, CPO, frame, question_map.parse(QMAP), wave=" ", fieldwork_start=date(2026, 3, 31),
                      fieldwork_end=date(2026, 3, 1), filename="wave.csv")
    assert set(caught.value.problems) == {"wave", "fieldwork end"}
    assert survey_rows(town) == 0


def test_preview_says_what_each_column_measures_with_its_value_counts(town):
    frame = read_survey(csv_bytes(ROWS), "wave.csv")
    checked = check_survey(town, CPO, frame, question_map.parse(QMAP))
    day = checked.preview[checked.preview["column"] == "day"]
    assert day[["measure", "value", "label", "counted", "count"]].to_dict("records") == [
        {"measure": "Feel safe by day", "value": "1", "label": "Very unsafe", "counted": "answer", "count": 0},
        {"measure": "Feel safe by day", "value": "2", "label": "Unsafe", "counted": "answer", "count": 1},
        {"measure": "Feel safe by day", "value": "3", "label": "Neither safe nor unsafe", "counted": "answer",
         "count": 0},
        {"measure": "Feel safe by day", "value": "4", "label": "Safe", "counted": "headline answer", "count": 1},
        {"measure": "Feel safe by day", "value": "5", "label": "Very safe", "counted": "headline answer", "count": 1},
        {"measure": "Feel safe by day", "value": "9", "label": "Don't know", "counted": "not kept", "count": 1},
        {"measure": "Feel safe by day", "value": "NA", "label": "Missing", "counted": "not kept", "count": 1},
    ]
    burg = checked.preview[checked.preview["column"] == "burg"]
    assert set(burg["measure"]) == {"Call it a serious problem: Burglary / breaking and entering"}
    assert checked.preview[checked.preview["column"] == "comment"]["measure"].tolist() == ["Free text (comments)"]


# -- through the one import shape -------------------------------------------------------------------

def test_the_survey_import_is_in_the_registry_and_takes_a_saved_question_map_by_name(town):
    from core.importing.registry import IMPORTERS
    from core.importing.shape import Upload, problem_table

    importer = IMPORTERS["surveys"]
    question_map.save(town, CPO, "Ward survey", question_map.parse(QMAP))
    options = {"wave": "Spring 2026", "fieldwork_start": "2026-03-01", "fieldwork_end": "2026-03-31",
               "question_map": "Ward survey"}
    checked = importer.check(town, CPO, Upload.of_bytes(csv_bytes(ROWS), "wave.csv"), {}, **options)
    assert not checked.written and checked.ok and not checked.refused
    assert survey_rows(town) == 0 and imports_audited(town) == 0
    written = importer.write(town, CPO, Upload.of_bytes(csv_bytes(ROWS), "wave.csv"), {}, **options)
    assert written.written and written.counts["answers"] == 15
    assert query(town, "select name, respondents from survey_waves") == [("Spring 2026", 5)]
    bad = [*ROWS, ["R-9", "", "7", "1", "4", "1", "1", "2", ""]]
    checked = importer.check(town, CPO, Upload.of_bytes(csv_bytes(bad), "wave.csv"), {}, **options)
    assert checked.refused and checked.problems.to_dict("records") == [
        {"row": 7, "column": "ward",
         "reason": "area code 7 is not in the Ward lookup and is not declared as area unknown."}]
    with pytest.raises(Refused) as caught:
        importer.write(town, CPO, Upload.of_bytes(csv_bytes(bad), "wave.csv"), {}, **options)
    assert problem_table(caught.value).to_dict("records") == checked.problems.to_dict("records")
    assert query(town, "select count(*) from survey_answers") == [(15,)] and imports_audited(town) == 1


# -- the import section of the Community perception page ------------------------------------------

@pytest.fixture
def app_path(tmp_path, monkeypatch):
    from queries.db import Database
    from tests.apptest_support import make_accounts_db

    path = make_accounts_db(tmp_path / "survey_page.duckdb")
    database = Database(path)
    areas.save_codes(database, SYSTEM, "Ward", {"1": "N", "2": "S"})
    question_map.save(database, SYSTEM, "Ward survey", question_map.parse(QMAP))
    database.close()
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    return path


def _page_text(at) -> str:
    parts = [e.value for kind in ("markdown", "caption", "error", "info", "success", "subheader") for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def test_the_crime_prevention_officer_checks_sees_what_each_column_measures_and_imports(app_path):
    from queries.db import Database
    from tests.apptest_support import open_tab, page_file, signed_in

    at = signed_in("cpo")
    at.switch_page(page_file("surveys.py")).run()
    open_tab(at, "surveys_tab", "Import a wave")
    assert not at.exception, at.exception
    at.file_uploader(key="survey_import_file").set_value(("wave.csv", csv_bytes(ROWS), "text/csv")).run()
    at.text_input(key="survey_import_wave").input("Spring 2026").run()
    at.date_input(key="survey_import_start").set_value(date(2026, 3, 1)).run()
    at.date_input(key="survey_import_end").set_value(date(2026, 3, 31)).run()
    assert at.selectbox(key="survey_import_map_choice").value == "Ward survey"
    at.button(key="survey_import_check").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    preview = at.dataframe[0].value
    assert "Feel safe by day" in set(preview["measure"]) and "safe_day" not in set(preview["measure"])
    assert "Call it a serious problem: Burglary / breaking and entering" in set(preview["measure"])
    at.button(key="survey_import_write").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Imported survey wave Spring 2026 from wave.csv." in [s.value for s in at.success]
    database = Database(app_path)
    try:
        assert query(database, "select name, respondents from survey_waves") == [("Spring 2026", 5)]
        assert query(database, "select count(*) from survey_answers") == [(15,)]
    finally:
        database.close()


def test_every_problem_is_listed_on_the_page_and_nothing_written(app_path):
    from queries.db import Database
    from tests.apptest_support import open_tab, page_file, signed_in

    at = signed_in("boss")
    at.switch_page(page_file("surveys.py")).run()
    open_tab(at, "surveys_tab", "Import a wave")
    rows = [*ROWS, ["R-9", "", "7", "0", "6", "1", "1", "2", ""]]
    at.file_uploader(key="survey_import_file").set_value(("wave.csv", csv_bytes(rows), "text/csv")).run()
    at.text_input(key="survey_import_wave").input("Spring 2026").run()
    at.button(key="survey_import_check").click().run()
    assert not at.exception
    assert any("3 problems in 1 row" in e.value for e in at.error), [e.value for e in at.error]
    problems = at.dataframe[1].value
    assert problems[["column", "reason"]].values.tolist() == [
        ["ward", "area code 7 is not in the Ward lookup and is not declared as area unknown."],
        ["wt", "weight 0 is not above zero."],
        ["day", "6 is not on the question's scale (1, 2, 3, 4, 5; don't know 9; missing NA)."]]
    assert not [b for b in at.button if b.key == "survey_import_write"]
    database = Database(app_path)
    try:
        assert survey_rows(database) == 0 and imports_audited(database) == 0
    finally:
        database.close()


def test_a_deleted_wave_imported_again_under_its_name_comes_back_with_the_new_answers(town):
    run(town)
    wave_id, version = query(town, "select id, version from survey_waves")[0]
    with town.unit_of_work(CPO) as uow:
        uow.delete("survey_waves", wave_id, version)
    assert query(town, "select count(*) from live.survey_answers") == [(0,)]
    run(town, rows=ROWS[:2])
    assert query(town, "select id, deleted_at is null, respondents from survey_waves") == [(wave_id, True, 2)]
    assert query(town, "select count(*) from live.survey_answers") == [(8,)]
    assert query(town, "select count(*) from survey_answers") == [(8,)]


def test_area_codes_are_saved_per_lookup_and_a_code_naming_no_district_is_refused(town):
    with pytest.raises(ValidationError) as caught:
        areas.save_codes(town, CPO, "ZIP", {"06510": "N", "06511": "Q", " ": "S"})
    assert caught.value.problems == {"code 06511": "Q is not a district code.",
                                     "code": "a code is blank; an area that names no district is declared in the "
                                             "question map."}
    assert areas.lookups(town) == {"Ward": 2}
    assert areas.save_codes(town, CPO, "ZIP", {"06510": "N", "06511": "s"}) == {"added": 2, "changed": 0,
                                                                               "unchanged": 0}
    assert areas.save_codes(town, CPO, "ZIP", {"06510": "S"}) == {"added": 0, "changed": 1, "unchanged": 0}
    assert [(r["code"], r["district_code"]) for r in areas.code_rows(town, "ZIP")] == [("06510", "S"),
                                                                                      ("06511", "S")]
    with pytest.raises(PermissionDenied):
        areas.save_codes(town, Actor("chief", "command", 3), "ZIP", {"06512": "N"})


def test_the_example_question_map_reads_and_names_every_kind_of_entry(town):
    areas.save_codes(town, SYSTEM, "Council district", {"1": "N"})
    example = question_map.parse(question_map.EXAMPLE)
    question_map.check_names(town, example)
    assert {q.measure for q in example.questions} == {"safe_day", "safe_night", "trust_police", "problem",
                                                      "victim", None}
    assert example.area.kind == "lookup" and example.weight == "weight"
    assert any(q.scale and q.scale.reversed for q in example.questions)
