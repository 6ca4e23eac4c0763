"""The monthly report in each format and the annual program evaluation, as the CLI and the pages
make them: assemble from the database, then render."""

from __future__ import annotations

import time
from datetime import date

from core.periods import last_month
from queries.actor import SYSTEM
from queries.db import Database


def last_full_month(today: date | None = None):
    return last_month(today or date.today())


def monthly_report(db: Database) -> list[dict]:
    from reports.documents import render
    from reports.monthly import assemble_report

    period = last_full_month()
    # untimed: the first query of a fresh process reads the tables from disk, which a running server
    # has done long before anyone downloads a report (it made the first format, PDF, look 1-3 s slower)
    assemble_report(db, period, SYSTEM, "Benchmark")
    rows = []
    for fmt in ("pdf", "docx", "xlsx"):
        started = time.perf_counter()
        report = assemble_report(db, period, SYSTEM, "Benchmark")
        assembled = time.perf_counter()
        data = render(report, fmt)
        done = time.perf_counter()
        rows.append({"what": f"monthly report {fmt.upper()} ({period.label})", "format": fmt,
                     "seconds": round(done - started, 2), "assemble_s": round(assembled - started, 2),
                     "render_s": round(done - assembled, 2), "bytes": len(data)})
    return rows


def annual_evaluation(db: Database) -> list[dict]:
    from reports.evaluation import assemble_evaluation, evaluation_document

    year = date.today().year - 1
    program = db.cursor().execute(
        "select program_id, count(*) as n from live.events where year(starts_at) = ? "
        "group by program_id order by n desc, program_id limit 1", [year]).fetchall()
    if not program:
        return [{"what": "annual evaluation", "format": "pdf", "seconds": None,
                 "note": f"no program held events in {year}"}]
    program_id = int(program[0][0])
    rows = []
    for fmt in ("pdf", "docx"):
        started = time.perf_counter()
        ev = assemble_evaluation(db, SYSTEM, program_id, year)
        assembled = time.perf_counter()
        data = evaluation_document(ev, fmt)
        done = time.perf_counter()
        rows.append({"what": f"annual evaluation {fmt.upper()} ({year}, busiest program)", "format": fmt,
                     "seconds": round(done - started, 2), "assemble_s": round(assembled - started, 2),
                     "render_s": round(done - assembled, 2), "bytes": len(data)})
    return rows
