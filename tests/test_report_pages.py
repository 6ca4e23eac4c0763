"""Report pages with AppTest on the demo town: write the narrative, submit, open, acknowledge."""

from __future__ import annotations

import pytest

from core.text import md
from demo.accounts import DEMO_ACCOUNTS
from queries.actor import SYSTEM
from queries.db import Database
from reports.layout import number
from reports.monthly import assemble_report
from tests.apptest_support import page_file, signed_in


@pytest.fixture
def app_db(demo_path, monkeypatch):
    monkeypatch.setenv("COMMUNITY_DB", str(demo_path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    return demo_path


def _password(username: str) -> str:
    return next(a.password for a in DEMO_ACCOUNTS if a.username == username)


def rows(path, sql: str) -> list[tuple]:
    with Database(path).cursor() as cur:
        return cur.execute(sql).fetchall()


def test_the_officer_writes_the_narrative_and_submits_last_month(app_db):
    at = signed_in("cpo", _password("cpo"))
    at.switch_page(page_file("monthly_report.py")).run()
    assert not at.exception
    month = at.selectbox(key="report-month").value
    assert [t.value for t in at.title] == ["Monthly report"]
    assert any("Draft for " + month.label in i.value for i in at.info)
    # each program's figures, against the assembled report
    report = assemble_report(Database(app_db), month, SYSTEM, "test")
    first = report["by_program"][0]
    box = next(e for e in at.expander if e.label.startswith(md(first["program"])))
    table = box.markdown[0].value
    assert f"| Sessions held | {number(first['events'])} |" in table
    assert f"| Attendance | {number(first['attendance'])} |" in table
    at.text_area(key=f"narrative-{month.key}-highlights").input("Bike rodeo drew 60 children.")
    at.button[[b.label for b in at.button].index("Save narrative")].click().run()
    assert not at.exception and not at.error
    assert any(s.value.startswith("Narrative saved") for s in at.success), [s.value for s in at.success]
    assert rows(app_db, "select highlights, status from main.monthly_reports") == [
        ("Bike rodeo drew 60 children.", "draft")]

    at.checkbox(key=f"sure-{month.key}").check().run()
    at.button(key=f"submit-{month.key}").click().run()
    assert not at.exception and not at.error
    assert rows(app_db, "select status, submitted_by from main.monthly_reports") == [("submitted", "cpo")]
    assert any("Submitted" in s.value for s in at.success)


def test_command_staff_open_and_acknowledge_a_submitted_report(app_db):
    from core.periods import parse_period
    from queries.actor import Actor
    from reports.submission import submit

    db = Database(app_db)
    with db.cursor() as cur:
        cpo_id = cur.execute("select id from main.users where username = 'cpo'").fetchone()[0]
    submit(db, Actor("cpo", "prevention", cpo_id), parse_period("2026-10"), "Ofc. Test", None)

    at = signed_in("commander", _password("commander"))
    at.switch_page(page_file("report_history.py")).run()
    assert not at.exception
    assert at.selectbox(key="history-pick").format_func(at.selectbox(key="history-pick").value) == "October 2026"
    at.button[[b.label for b in at.button].index("Acknowledge receipt")].click().run()
    assert not at.exception and not at.error
    assert rows(app_db, "select count(*) from main.report_acknowledgements") == [(1,)]
    assert any("You have acknowledged" in s.value for s in at.success)


def test_the_evaluation_page_saves_a_draft_assessment(app_db):
    at = signed_in("cpo", _password("cpo"))
    at.switch_page(page_file("program_evaluation.py")).run()
    assert not at.exception
    at.text_area[0].input("Reaches many children; keep it.")
    at.radio[0].set_value("continue")
    at.button[[b.label for b in at.button].index("Save draft")].click().run()
    assert not at.exception and not at.error
    assert rows(app_db, "select assessment, recommendation, status from main.program_evaluations") == [
        ("Reaches many children; keep it.", "continue", "draft")]
