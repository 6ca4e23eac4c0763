"""The monthly report in each format and the annual program evaluation, as the CLI and the pages
make them: assemble from the database, then render. Each is made `repeat` times; the figure is the
median, with every run's time and the machine's 1-minute load average after each run."""

from __future__ import annotations

import os
import statistics
import time
from datetime import date

from core.periods import last_month
from queries.actor import SYSTEM
from queries.db import Database


def last_full_month(today: date | None = None):
    return last_month(today or date.today())


def timed(assemble, render, repeat: int) -> dict:
    """`render(assemble())` made `repeat` times, each as a first download: the report's pictures,
    which a second format of the same report reuses (reports/chart_images.py), are drawn anew."""
    from reports.chart_images import forget_drawn

    totals, assembles, renders, loads, size = [], [], [], [], 0
    for _ in range(repeat):
        forget_drawn()
        started = time.perf_counter()
        document = assemble()
        assembled = time.perf_counter()
        size = len(render(document))
        done = time.perf_counter()
        totals.append(done - started)
        assembles.append(assembled - started)
        renders.append(done - assembled)
        loads.append(round(os.getloadavg()[0], 2))
    return {"seconds": round(statistics.median(totals), 2), "runs_s": [round(t, 2) for t in totals],
            "assemble_s": round(statistics.median(assembles), 2), "render_s": round(statistics.median(renders), 2),
            "load_1m": loads, "bytes": size}


def monthly_report(db: Database, repeat: int = 3) -> list[dict]:
    from reports.chart_images import report_images
    from reports.documents import render
    from reports.monthly import assemble_report

    period = last_full_month()
    # untimed: the first query of a fresh process reads the tables from disk, which a running server
    # has done long before anyone downloads a report (it made the first format, PDF, look 1-3 s slower);
    # and the charts' drawing processes, which a server starts when the report's page is opened, have
    # started and drawn once (each run below draws its pictures anew all the same)
    report_images(assemble_report(db, period, SYSTEM, "Benchmark"))
    return [{"what": f"monthly report {fmt.upper()} ({period.label})", "format": fmt,
             **timed(lambda: assemble_report(db, period, SYSTEM, "Benchmark"),
                     lambda report, fmt=fmt: render(report, fmt), repeat)}
            for fmt in ("pdf", "docx", "xlsx")]


def annual_evaluation(db: Database, repeat: int = 3) -> list[dict]:
    from reports.evaluation import assemble_evaluation, evaluation_document

    year = date.today().year - 1
    program = db.cursor().execute(
        "select program_id, count(*) as n from live.events where year(starts_at) = ? "
        "group by program_id order by n desc, program_id limit 1", [year]).fetchall()
    if not program:
        return [{"what": "annual evaluation", "format": "pdf", "seconds": None,
                 "note": f"no program held events in {year}"}]
    program_id = int(program[0][0])
    return [{"what": f"annual evaluation {fmt.upper()} ({year}, busiest program)", "format": fmt,
             **timed(lambda: assemble_evaluation(db, SYSTEM, program_id, year),
                     lambda evaluation, fmt=fmt: evaluation_document(evaluation, fmt), repeat)}
            for fmt in ("pdf", "docx")]
