"""Resident surveys in the documents: the monthly report's appendix and JSON carry the latest wave's
headline figures, a program can name a survey measure as its goal, and its annual evaluation shows
that measure before and after. Figures are checked against counts made here from survey_answers."""

from __future__ import annotations

import json
import math
from datetime import date

import pytest

from core.entry import programs
from core.periods import month
from queries.actor import SYSTEM
from queries.errors import ValidationError
from tests.conftest import DEMO_TODAY
from tests.entry_support import build_world
from tests.test_document_text import docx_text, pdf_text, xlsx_text

TOO_FEW = "too few answers"


def rows(db, sql: str, **params) -> list[dict]:
    with db.cursor() as cur:
        result = cur.execute(sql, params or None)
        names = [d[0] for d in result.description]
        return [dict(zip(names, r)) for r in result.fetchall()]


def counted(db, wave_id: int, measure: str, subject: str | None = None, districts: list[int] | None = None) -> dict:
    """Weighted share, answers and 95% margin (Kish's effective sample size) from the stored answers."""
    found = rows(db, """select weight, top_answer, district_id from survey_answers
                        where wave_id = $w and measure = $m and subject is not distinct from $s""",
                 w=wave_id, m=measure, s=subject)
    if districts is not None:
        found = [r for r in found if r["district_id"] in districts]
    if len(found) < 10:
        return {"answers": len(found), "share": None, "margin": None, "suppressed": True}
    weights = [r["weight"] for r in found]
    share = sum(r["weight"] for r in found if r["top_answer"]) / sum(weights)
    effective = sum(weights) ** 2 / sum(w * w for w in weights)
    return {"answers": len(found), "share": share, "margin": 1.96 * math.sqrt(share * (1 - share) / effective),
            "suppressed": False}


def latest(db) -> dict:
    return rows(db, "select * from survey_waves where deleted_at is null order by fieldwork_end desc limit 1")[0]


def make_small(db, wave_id: int, measure: str = "trust_police") -> None:
    """Leave only 6 answers to one measure of the wave, so its all-districts cell is suppressed."""
    with db.cursor() as cur:
        cur.execute("""delete from survey_answers where wave_id = $w and measure = $m
                       and respondent not in (select respondent from survey_answers where wave_id = $w
                                              and measure = $m order by respondent limit 6)""",
                    {"w": wave_id, "m": measure})


# ---------------------------------------------------------------- the monthly report

@pytest.fixture(scope="module")
def report_db(tmp_path_factory):
    from demo.town import build_demo
    from queries.db import Database

    database = Database(tmp_path_factory.mktemp("survey_reports") / "demo.duckdb")
    build_demo(database, seed=2026, today=DEMO_TODAY)
    make_small(database, latest(database)["id"])
    yield database
    database.close()


@pytest.fixture(scope="module")
def report(report_db):
    from reports.monthly import assemble_report

    return assemble_report(report_db, month(2026, 10), SYSTEM)


def test_the_json_report_carries_the_latest_waves_headline_figures(report_db, report, capsys):
    from reports.documents import render

    data = json.loads(render(report, "json"))
    survey = data["survey"]
    wave = latest(report_db)
    assert survey["wave"] == wave["name"] == "Millbrook Resident Survey 2026"
    assert (survey["fieldwork_start"], survey["fieldwork_end"]) == ("2026-04-01", "2026-05-15")
    cells = {(m["measure"], m["subject"]): m for m in survey["measures"]}
    stored = rows(report_db, "select distinct measure, subject from survey_answers where wave_id = $w", w=wave["id"])
    assert set(cells) == {(r["measure"], r["subject"]) for r in stored}
    for (measure, subject), cell in cells.items():
        expected = counted(report_db, wave["id"], measure, subject)
        assert cell["answers"] == expected["answers"], (measure, subject)
        assert cell["suppressed"] is expected["suppressed"], (measure, subject)
        if expected["suppressed"]:
            assert cell["share"] is None and cell["margin"] is None
        else:
            assert cell["share"] == pytest.approx(expected["share"], abs=1e-9), (measure, subject)
            assert cell["margin"] == pytest.approx(expected["margin"], abs=1e-9), (measure, subject)
    trust = cells[("trust_police", None)]
    assert trust == {**trust, "share": None, "margin": None, "suppressed": True, "answers": 6}


def test_the_cli_prints_the_survey_section(demo_path):
    import subprocess
    import sys
    from pathlib import Path

    from queries.db import Database

    done = subprocess.run([sys.executable, "cli.py", "--db", str(demo_path), "report", "--period", "2026-10",
                           "--format", "json"], capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert done.returncode == 0, done.stderr
    survey = json.loads(done.stdout)["survey"]
    assert survey["wave"] == "Millbrook Resident Survey 2026"
    night = next(m for m in survey["measures"] if m["measure"] == "safe_night")
    db = Database(demo_path)
    try:
        expected = counted(db, latest(db)["id"], "safe_night")
    finally:
        db.close()
    assert night["share"] == pytest.approx(expected["share"]) and night["answers"] == expected["answers"]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_the_documents_show_the_wave_and_too_few_answers(report_db, report, fmt):
    from reports.documents import render

    text = {"pdf": pdf_text, "docx": docx_text, "xlsx": xlsx_text}[fmt](render(report, fmt))
    flat = " ".join(text.split())
    assert "Millbrook Resident Survey 2026" in flat
    assert "1 Apr 2026 to 15 May 2026" in flat
    expected = counted(report_db, latest(report_db)["id"], "safe_night")
    percent = "" if fmt == "xlsx" else "%"       # a spreadsheet holds the share as a number of percent
    assert f"Feel safe at night {round(100 * expected['share'])}{percent} " in flat
    assert f"Trust the police {TOO_FEW}" in flat


def test_a_report_without_survey_waves_says_so(db):
    from reports.documents import render
    from reports.monthly import assemble_report

    build_world(db)
    report = assemble_report(db, month(2026, 10), SYSTEM)
    assert report["survey"] is None
    assert "No resident survey has been imported." in " ".join(pdf_text(render(report, "pdf")).split())


# ---------------------------------------------------------------- a survey measure as a program's goal

def good(world, **changes) -> dict:
    data = {"name": "Night Watch", "category": "neighborhood_watch", "delivery_kind": "recurring",
            "status": "active", "lead_officer_id": world.cpo.user_id, "start_date": date(2026, 4, 1),
            "districts": [world.north], "crime_types": ["burglary"],
            "goals": [{"measure": "survey:safe_night", "target_value": 70, "per_period": "year"},
                      {"measure": "survey:problem:burglary", "target_value": 20, "per_period": "year"}]}
    data.update(changes)
    return data


def test_a_program_names_survey_measures_as_goals(db):
    world = build_world(db)
    pid = programs.create_program(db, world.cpo, good(world))
    stored = {(g["measure"], g["target_value"]) for g in programs.load_program(db, pid)["goals"]}
    assert stored == {("survey:safe_night", 70.0), ("survey:problem:burglary", 20.0)}


@pytest.mark.parametrize("goal, reason", [
    ({"measure": "survey:feel_lucky", "target_value": 50}, "'survey:feel_lucky' is not a survey measure"),
    ({"measure": "survey:problem:unicorns", "target_value": 50}, "'unicorns' is neither a crime type nor"),
    ({"measure": "survey:problem", "target_value": 50}, "'survey:problem' is not a survey measure"),
    ({"measure": "survey:safe_night", "target_value": 120}, "a share of residents from 0 to 100"),
    ({"measure": "survey:safe_night", "target_value": 60, "per_period": "month"}, "is read once a year"),
])
def test_a_survey_goal_that_names_no_measure_or_share_is_refused(db, goal, reason):
    world = build_world(db)
    with pytest.raises(ValidationError) as refused:
        programs.create_program(db, world.cpo, good(world, goals=[goal]))
    assert reason in refused.value.problems["goal 1"]
    assert rows(db, "select count(*) n from programs where name = 'Night Watch'")[0]["n"] == 0


# ---------------------------------------------------------------- the annual evaluation

@pytest.fixture(scope="module")
def evaluation(report_db):
    from reports.evaluation import assemble_evaluation

    pid = rows(report_db, "select id from programs where name = 'Neighborhood Block Watch'")[0]["id"]
    return assemble_evaluation(report_db, SYSTEM, pid, 2026), pid


def test_the_evaluation_shows_the_survey_goal_before_and_after(report_db, evaluation):
    ev, pid = evaluation
    (goal,) = ev["survey"]
    waves = rows(report_db, "select * from survey_waves order by fieldwork_end")
    assert (goal["before"]["wave"], goal["after"]["wave"]) == (waves[0]["name"], waves[1]["name"])
    assert goal["measure"] == "safe_night" and goal["target_pct"] == 70
    targets = [r["district_id"] for r in rows(report_db, "select district_id from program_target_districts "
                                                         "where program_id = $p", p=pid)]
    names = {r["id"]: r["code"] for r in rows(report_db, "select id, code from districts")}
    assert [d["district"] for d in goal["districts"]] == sorted(names[t] for t in targets)
    for row in goal["districts"]:
        district_id = next(k for k, v in names.items() if v == row["district"])
        for side, wave in (("before", waves[0]), ("after", waves[1])):
            expected = counted(report_db, wave["id"], "safe_night", districts=[district_id])
            assert row[f"answers_{side}"] == expected["answers"]
            assert row[f"share_{side}"] == pytest.approx(expected["share"])
            assert row[f"margin_{side}"] == pytest.approx(expected["margin"])
        change = row["share_after"] - row["share_before"]
        assert row["marked"] == (abs(change) > math.hypot(row["margin_before"], row["margin_after"]))
    assert any(row["marked"] and row["share_after"] > row["share_before"] for row in goal["districts"])


def test_the_evaluation_documents_show_the_survey_goal(evaluation):
    from reports.evaluation import evaluation_document

    ev, _ = evaluation
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        flat = " ".join(read(evaluation_document(ev, fmt)).split())
        assert "Feel safe at night" in flat and "Millbrook Resident Survey 2025" in flat, fmt
        assert "Millbrook Resident Survey 2026" in flat and "70%" in flat, fmt


def test_a_target_district_with_too_few_answers_reads_too_few_answers(report_db, evaluation):
    from reports.evaluation import evaluation_blocks
    from reports.layout import Table

    ev, _ = evaluation
    first = ev["survey"][0]["districts"][0]
    small = {**ev, "survey": [{**ev["survey"][0], "districts": [
        {**first, "answers_after": 4, "share_after": None, "margin_after": None, "suppressed_after": True,
         "change": None, "marked": False}]}]}
    cells = [cell for block in evaluation_blocks(small) if isinstance(block, Table) for row in block.rows
             for cell in row]
    assert TOO_FEW in cells


def _figures(ev: dict) -> None:
    from components.evaluation_view import evaluation_figures

    evaluation_figures(ev)


def test_the_evaluation_on_screen_shows_the_survey_goal(evaluation):
    from streamlit.testing.v1 import AppTest

    ev, _ = evaluation
    first = ev["survey"][0]["districts"][0]
    small = {**ev, "survey": [{**ev["survey"][0], "districts": [
        {**first, "answers_after": 4, "share_after": None, "margin_after": None, "suppressed_after": True,
         "change": None, "marked": False}]}]}
    at = AppTest.from_function(_figures, args=(small,), default_timeout=60).run()
    assert not at.exception
    assert "Resident survey goal: Feel safe at night" in [h.value for h in at.subheader]
    assert any("Millbrook Resident Survey 2025" in c.value and "at least 70%" in c.value for c in at.caption)
    shown = next(f.value for f in at.dataframe if "Margin before" in f.value.columns)
    assert list(shown.iloc[0][["After", "Margin after", "Change"]]) == [TOO_FEW] * 3
    assert shown.iloc[-1]["District"] == "All districts"


def test_a_program_started_after_the_years_wave_has_nothing_after_it(demo_db):
    from reports.evaluation import assemble_evaluation

    from queries.actor import Actor

    user = rows(demo_db, "select id, username from users where role = 'prevention' limit 1")[0]
    officer = Actor(user["username"], "prevention", user["id"])
    districts = [r["id"] for r in rows(demo_db, "select id from districts where code in ('D2', 'D3') order by code")]
    pid = programs.create_program(demo_db, officer, {
        "name": "Porch Light Campaign", "category": "neighborhood_watch", "delivery_kind": "recurring",
        "lead_officer_id": user["id"], "start_date": date(2026, 5, 1), "districts": districts,
        "goals": [{"measure": "survey:problem:burglary", "target_value": 25, "per_period": "year"}]})
    (goal,) = assemble_evaluation(demo_db, SYSTEM, pid, 2026)["survey"]
    assert goal["before"]["wave"] == "Millbrook Resident Survey 2025"      # the 2026 wave ended after 1 May
    assert goal["after"] is None and goal["lower_is_better"]
    assert goal["note"] == "Nothing to compare: no wave was carried out between 1 May 2026 and 31 Dec 2026."
    assert [d["district"] for d in goal["districts"]] == ["D2", "D3"]
    earlier = rows(demo_db, "select id from survey_waves where name = 'Millbrook Resident Survey 2025'")[0]["id"]
    expected = counted(demo_db, earlier, "problem", "burglary", districts[:1])
    assert goal["districts"][0]["share_before"] == pytest.approx(expected["share"])
    assert all(d["change"] is None and not d["marked"] for d in goal["districts"])
