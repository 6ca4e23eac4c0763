"""The monthly report page sends its appendix (every event of the period) and its glossary only once
their expanders are opened; then the appendix holds every event of the assembled report, and an event
saved meanwhile shows at the next rerun."""

from __future__ import annotations

from datetime import datetime, time

from queries.actor import SYSTEM
from queries.db import Database
from reports.monthly import assemble_report
from tests.apptest_support import page_file, signed_in
from tests.test_report_pages import _password, app_db  # noqa: F401  (fixture)


def _appendix(at):
    return [grid.value for grid in at.dataframe if "title" in grid.value.columns or "Title" in grid.value.columns]


def test_the_appendix_and_glossary_are_sent_once_opened_and_follow_a_save(app_db):
    at = signed_in("cpo", _password("cpo"))
    at.switch_page(page_file("monthly_report.py")).run()
    assert not at.exception
    month = at.selectbox(key="report-month").value
    labels = [e.label for e in at.expander]
    assert any(label.startswith("Appendix: every event held") for label in labels)
    assert any(label.startswith("Glossary") for label in labels)
    assert _appendix(at) == []                                           # closed: not built, not sent
    assert not [m for m in at.markdown if m.value.startswith("**Events held**:")]

    at.session_state["report_appendix"] = True
    at.session_state["report_glossary"] = True
    at.run()
    assert not at.exception
    report = assemble_report(Database(app_db), month, SYSTEM, "test")
    (shown,) = _appendix(at)
    assert len(shown) == len(report["events_appendix"]) == report["events"] > 0
    glossary = [m.value for m in at.markdown if m.value.startswith("**") and "**: " in m.value]
    assert len(glossary) >= len(report["glossary"]) > 0

    from components.database import _open

    db = _open(str(app_db.resolve()))                                    # the app's gateway, as a save goes
    program_id, district_id = db.cursor().execute(
        "select min(id), (select min(id) from live.districts) from live.programs").fetchone()
    day = month.start
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("events", {"program_id": program_id, "district_id": district_id, "headcount_adult": 3,
                              "starts_at": datetime.combine(day, time(10)), "ends_at": datetime.combine(day, time(11))})
    at.run()
    label = next(e.label for e in at.expander if e.label.startswith("Appendix"))
    assert label == f"Appendix: every event held ({len(shown) + 1})"      # the new count at once
    at.session_state["report_appendix"] = True
    at.run()
    (after,) = _appendix(at)
    assert len(after) == len(shown) + 1
