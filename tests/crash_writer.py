"""A process that saves events in a loop and prints ACK <id> after each commit.

The reliability test kills it with SIGKILL at random moments; every id it
acknowledged must be in the database afterwards, with all its parts.
"""

from __future__ import annotations

import sys
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


def main(path: str, program_id: int, district_id: int) -> None:
    db = Database(path)
    print("READY", flush=True)
    n = 0
    while True:
        event_id = save_one(db, program_id, district_id, n)
        print(f"ACK {event_id}", flush=True)
        n += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
