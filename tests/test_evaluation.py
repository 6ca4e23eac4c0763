"""The annual program evaluation: figures against independent counts, storage rules, documents."""

from __future__ import annotations

import io
import re
import json
import shutil

import pytest
from docx import Document
from pypdf import PdfReader

from queries.actor import SYSTEM, Actor
from queries.db import Database
from queries.errors import DataError, PermissionDenied, ValidationError
from reports.evaluation import (assemble_evaluation, evaluation_document, overview, reopen_evaluation,
                                save_evaluation)
from reports.layout import number

YEAR = 2025


@pytest.fixture(scope="module")
def demo(demo_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("evaluation") / "evaluation.duckdb"
    shutil.copyfile(demo_file, path)
    database = Database(path)
    yield database
    database.close()


def one(db, sql, **params):
    with db.cursor() as cur:
        return cur.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql}).fetchone()


def program_id(db, prefix: str) -> int:
    return one(db, "select id from main.programs where name like $p", p=prefix + "%")[0]


def actor(db, username: str) -> Actor:
    user_id, role = one(db, "select id, role from main.users where username = $u", u=username)
    return Actor(username=username, role=role, user_id=user_id)


@pytest.fixture(scope="module")
def seats(demo):
    pid = program_id(demo, "Child Car-Seat")
    return pid, assemble_evaluation(demo, SYSTEM, pid, YEAR)


def test_delivery_and_change_match_independent_counts(demo, seats):
    pid, ev = seats
    for year, figures in ((YEAR, ev["delivery"]), (YEAR - 1, ev["delivery_previous_year"])):
        sessions, attendance = one(demo, """
            select count(*), coalesce(sum(headcount_youth + headcount_adult + headcount_senior + headcount_business), 0)
            from main.events where deleted_at is null and program_id = $p and year(starts_at) = $y""", p=pid, y=year)
        assert (figures["sessions"], figures["attendance"]) == (sessions, attendance)
    assert ev["delivery"]["sessions"] > 0
    assert ev["change"]["sessions"]["difference"] == ev["delivery"]["sessions"] - ev["delivery_previous_year"]["sessions"]


def test_goals_outcomes_and_feedback_match_independent_counts(demo, seats):
    pid, ev = seats
    inspected = one(demo, """select sum(o.value) from main.event_outcomes o join main.events e on e.id = o.event_id
                             where e.deleted_at is null and e.program_id = $p and year(e.starts_at) = $y
                               and o.measure_code = 'car_seats_inspected'""", p=pid, y=YEAR)[0]
    outcomes = {o["measure"]: o for o in ev["outcomes"]}
    assert outcomes["Car seats inspected"]["value"] == inspected
    goal = next(g for g in ev["goals"] if g["measure"] == "Car seats inspected")
    assert goal["actual"] == inspected and goal["target"] == 180
    responses, weighted = one(demo, """select sum(feedback_responses), sum(feedback_responses * feedback_avg_rating)
                                       from main.events where deleted_at is null and program_id = $p
                                       and year(starts_at) = $y and feedback_responses > 0""", p=pid, y=YEAR)
    if responses:
        assert ev["feedback"]["responses"] == responses
        assert ev["feedback"]["average_rating"] == pytest.approx(weighted / responses, abs=0.01)


def test_concerns_and_incidents_use_the_programs_targets(demo):
    pid = program_id(demo, "Downtown Business Watch")   # targets D1 only
    ev = assemble_evaluation(demo, SYSTEM, pid, 2025)
    received = one(demo, """select count(*) from main.concerns c join main.program_target_districts t
                            on t.district_id = c.district_id and t.program_id = $p
                            where c.deleted_at is null and year(c.received_on) = 2025""", p=pid)[0]
    assert sum(c["received"] for c in ev["concerns"]) == received > 0
    window = ev["incidents"][0]
    assert (window["before"], window["after"]) == ("2024", "2025")
    for year, key in ((2024, "total_before"), (2025, "total_after")):
        count = one(demo, """select count(*) from main.incidents i
                             join main.program_target_districts td on td.district_id = i.district_id and td.program_id = $p
                             join main.program_target_crime_types tc on tc.crime_type_code = i.crime_type_code
                                  and tc.program_id = $p
                             where year(i.occurred_at) = $y""", p=pid, y=year)[0]
        assert window[key] == count
    assert window["note"] and "not over all of" in window["note"]  # the demo's incidents start in December 2024
    started = ev["incidents"][1]
    assert started["available"] is False and "nothing to compare" in started["note"]


def test_the_overview_lists_programs_still_lacking_an_evaluation(demo):
    cpo = actor(demo, "cpo")
    pid = program_id(demo, "Coffee with a Cop")
    before = {r["program_id"]: r["evaluation_status"] for r in overview(demo, 2024)}
    assert before[pid] == "missing"
    save_evaluation(demo, cpo, pid, 2024, "Well attended.", "continue", None)
    after = {r["program_id"]: r["evaluation_status"] for r in overview(demo, 2024)}
    assert after[pid] == "draft"
    assert sum(1 for s in after.values() if s == "missing") == sum(1 for s in before.values() if s == "missing") - 1


def test_submitting_validates_freezes_and_only_an_admin_reopens(demo):
    cpo, admin = actor(demo, "cpo"), actor(demo, "admin")
    pid = program_id(demo, "Senior Crime")
    with pytest.raises(ValidationError) as refused:
        save_evaluation(demo, cpo, pid, YEAR, "", None, None, submit=True)
    assert set(refused.value.problems) == {"assessment", "recommendation"}
    assert one(demo, "select count(*) from main.program_evaluations where program_id = $p", p=pid)[0] == 0
    with pytest.raises(ValidationError):
        save_evaluation(demo, cpo, pid, YEAR, "text", "maybe", None)
    row = save_evaluation(demo, cpo, pid, YEAR, "Fewer scam reports from seniors.", "change", None, submit=True)
    assert row["status"] == "submitted" and json.loads(row["figures_json"])["recommendation"] == "change"
    with pytest.raises(DataError):
        save_evaluation(demo, cpo, pid, YEAR, "Rewritten", "stop", row["version"])
    with pytest.raises(PermissionDenied):
        reopen_evaluation(demo, cpo, row["id"], row["version"], "Wrong year")
    reopened = reopen_evaluation(demo, admin, row["id"], row["version"], "Wrong figures")
    assert reopened["status"] == "draft"
    assert one(demo, "select detail from main.audit_log where action = 'reopen' and table_name = "
                     "'program_evaluations' order by id desc limit 1")[0] == "reopened: Wrong figures"


def test_the_pdf_and_docx_hold_the_figures(seats):
    _, ev = seats
    ev = {**ev, "assessment": "Inspections found most seats fitted wrongly.", "recommendation": "continue"}
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(evaluation_document(ev, "pdf"))).pages)
    assert "Child Car-Seat Inspection Station" in text and "Continue as it is" in text
    assert number(ev["delivery"]["attendance"]) in text
    document = Document(io.BytesIO(evaluation_document(ev, "docx")))
    cells = {row.cells[0].text: row.cells[1].text for table in document.tables for row in table.rows}
    assert cells["Sessions held"] == number(ev["delivery"]["sessions"])
    assert "Inspections found most seats fitted wrongly." in "\n".join(p.text for p in document.paragraphs)
    # the concerns are those raised where the program works, not ones it was shown to answer
    heading = "Community concerns in its target districts"
    assert heading in text and heading in [p.text for p in document.paragraphs]
    assert "addressed" not in text


def test_a_crafted_write_to_a_submitted_evaluation_is_refused_in_the_data_layer(demo):
    cpo = actor(demo, "cpo")
    pid = program_id(demo, "Tenant Group")
    row = save_evaluation(demo, cpo, pid, YEAR, "Meetings well attended.", "continue", None, submit=True)
    denied = "select count(*) from main.audit_log where action = 'denied' and table_name = 'program_evaluations'"
    before = one(demo, denied)[0]
    with pytest.raises(PermissionDenied, match="only an administrator can reopen"):
        with demo.unit_of_work(cpo) as uow:       # bypassing save_evaluation's own check
            uow.update("program_evaluations", row["id"], row["version"], {"status": "draft"})
    assert one(demo, "select status from main.program_evaluations where id = $i", i=row["id"])[0] == "submitted"
    assert one(demo, denied)[0] == before + 1


def test_a_comparison_the_crime_data_cannot_make_says_why_in_plain_words(seats):
    """The Car-Seat station started years before the imported incidents: its before-and-after
    window cannot be compared, and the note says which period the data does not reach."""
    _, ev = seats
    notes = [w["note"] for w in ev["incidents"] if w["note"]]
    assert notes
    for note in notes:
        assert not re.search(r"\d{4}-\d{2}-\d{2}", note), note        # dates as people write them
        assert "neither" not in note, note
    started = next(w for w in ev["incidents"] if w["label"].startswith("the year before and after"))
    assert not started["available"]
    assert f"do not reach back to {started['before']}" in started["note"]


def _outcome_header(ev) -> list[str]:
    document = Document(io.BytesIO(evaluation_document(ev, "docx")))
    return next([cell.text for cell in table.rows[0].cells] for table in document.tables
                if table.rows[0].cells[0].text == "Outcome")


def test_the_outcome_table_has_a_share_column_only_when_an_outcome_has_a_share(demo, seats):
    _, with_shares = seats
    assert any(o["share_pct"] is not None for o in with_shares["outcomes"])
    assert _outcome_header(with_shares)[-1] == "Share"
    helmets = assemble_evaluation(demo, SYSTEM, program_id(demo, "Bicycle Safety"), 2025)
    assert helmets["outcomes"] and all(o["share_pct"] is None for o in helmets["outcomes"])
    assert _outcome_header(helmets) == ["Outcome", "2025", "2024"]         # not a column of dashes
