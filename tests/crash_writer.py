"""A process that saves events in a loop and reports "ACK <id>" after each commit.

The reliability test kills it with SIGKILL at random moments; every id it acknowledged must be
in the database afterwards, with all its parts. Writers are forked from a multiprocessing
fork server that has imported this module once, so each of the 50 kills costs a fork, not a
fresh interpreter importing DuckDB and the data layer.
"""

from __future__ import annotations

import multiprocessing
from datetime import datetime, timedelta

from queries.actor import Actor
from queries.db import Database

ACTOR = Actor(username="cpo", role="prevention", user_id=1)


def save_one(db: Database, program_id: int, district_id: int, n: int) -> int:
    start = datetime(2026, 1, 1, 9) + timedelta(hours=n)
    with db.unit_of_work(ACTOR) as uow:
        event = uow.insert("events", {"program_id": program_id, "district_id": district_id,
                                      "starts_at": start, "ends_at": start + timedelta(hours=2),
                                      "headcount_adult": n % 50, "notes": f"save {n}"})
        uow.replace_links("event_officers", {"event_id": event["id"]},
                          [{"user_id": 1, "hours": 2.0}, {"user_id": 2, "hours": 2.0}])
        uow.link("event_outcomes", {"event_id": event["id"], "measure_code": "tips_received", "value": n})
    return event["id"]


def write_forever(path: str, program_id: int, district_id: int, out) -> None:
    """Save and acknowledge until killed. Each message is one write() below the pipe's atomic
    size, so a kill never leaves half an acknowledgement in the pipe."""
    db = Database(path)
    out.send_bytes(b"READY")
    n = 0
    while True:
        event_id = save_one(db, program_id, district_id, n)
        out.send_bytes(f"ACK {event_id}".encode())
        n += 1


def context():
    """A fork-server context whose server has this module (DuckDB, the data layer) imported."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])
    return ctx
