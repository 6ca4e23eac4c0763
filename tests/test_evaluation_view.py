"""The program evaluation's figures on screen: the program's line under the title."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from queries.actor import SYSTEM
from reports.evaluation import assemble_evaluation


def _figures(ev: dict) -> None:
    from components.evaluation_view import evaluation_figures

    evaluation_figures(ev)


def test_the_program_line_writes_its_start_date_as_people_write_dates(demo_db):
    with demo_db.cursor() as cur:
        pid, start = cur.execute("select id, start_date from main.programs where start_date is not null "
                                 "order by id limit 1").fetchone()
    ev = assemble_evaluation(demo_db, SYSTEM, pid, 2025)
    at = AppTest.from_function(_figures, args=(ev,), default_timeout=60).run()
    assert not at.exception
    line = at.caption[0].value
    assert f"started {start.day} {start:%b %Y}" in line, line
    assert start.isoformat() not in line
