"""A process that saves events in a loop and reports "ACK <id>" after each commit.

It opens its database as the app does (`open_database`): a DuckDB file's path or a postgresql://
URL, so the same writer serves tests/test_reliability.py and tests/test_postgres_reliability.py.
The reliability tests kill it with SIGKILL at random moments; every id it acknowledged must be
in the database afterwards, with all its parts. Writers are forked from a multiprocessing
fork server that has imported this module once, so each of the 50 kills costs a fork, not a
fresh interpreter importing DuckDB and the data layer.
"""

from __future__ import annotations

import multiprocessing
import sys
import types
from datetime import datetime, timedelta
from pathlib import Path

from queries.actor import Actor
from queries.db import AnyDatabase, open_database

ROOT = Path(__file__).resolve().parents[1]
ACTOR = Actor(username="cpo", role="prevention", user_id=1)


def save_one(db: AnyDatabase, program_id: int, district_id: int, n: int) -> int:
    start = datetime(2026, 1, 1, 9) + timedelta(hours=n)
    with db.unit_of_work(ACTOR) as uow:
        event = uow.insert("events", {"program_id": program_id, "district_id": district_id,
                                      "starts_at": start, "ends_at": start + timedelta(hours=2),
                                      "headcount_adult": n % 50, "notes": f"save {n}"})
        uow.replace_links("event_officers", {"event_id": event["id"]},
                          [{"user_id": 1, "hours": 2.0}, {"user_id": 2, "hours": 2.0}])
        uow.link("event_outcomes", {"event_id": event["id"], "measure_code": "tips_received", "value": n})
    return event["id"]


def write_forever(target: str, program_id: int, district_id: int, out) -> None:
    """Save and acknowledge until killed. Each message is one write() below the pipe's atomic
    size, so a kill never leaves half an acknowledgement in the pipe."""
    db = open_database(target)
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


def start(ctx, target: str, program_id: int, district_id: int):
    """A running writer and the receiving end of its acknowledgements.

    multiprocessing makes a child import the parent's __main__ again; after an AppTest ran in this
    process, __main__ is app.py (a Streamlit script), so the child is started with a blank one."""
    reader, out = ctx.Pipe(duplex=False)
    writer = spawn(ctx, write_forever, target, program_id, district_id, out)
    out.close()                                    # only the writer holds the sending end now
    return writer, reader


def spawn(ctx, function, *args):
    """A started process of `ctx` running `function(*args)`, with a blank __main__ (see `start`)."""
    process = ctx.Process(target=function, args=args)
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        process.start()
    finally:
        sys.modules["__main__"] = main
    return process
