"""A second app process for the server mode reliability tests: it opens the same PostgreSQL
database with its own gateway (its own pool of connections) and runs, on request, the same
writes the test process runs, so two processes meet only in the database.

The test sends `(command, args)` over a pipe; the process answers `("done", result)`, or
`("conflict", version now stored)` for a ConflictError, `("refused", problems)` for a
ValidationError, `("error", repr)` for anything else. Commands that race the test process first
wait on a barrier both processes share, so each side has done its reads before either writes.
"""

from __future__ import annotations

import random
import threading
from typing import Any

from queries.actor import Actor
from queries.db import AnyDatabase, open_database
from queries.errors import ConflictError, ValidationError
from tests import crash_writer

PROGRAM = {"category": "youth", "delivery_kind": "one_off"}


# -- the writes both processes make ----------------------------------------------------------

def update_after_reading(db: AnyDatabase, barrier, table: str, key: int, changes: dict) -> int:
    """Read the record's version, wait until the other process has read it too, save against it;
    the saved version."""
    with db.cursor() as cur:
        version = cur.execute(f"select version from main.{table} where id = $id", {"id": key}).fetchone()[0]
    barrier.wait(30)
    with db.unit_of_work(crash_writer.ACTOR) as uow:
        return uow.update(table, key, version, changes)["version"]


def add_program_with_organization(db: AnyDatabase, barrier, program: str, organization: str) -> int:
    """One unit of work: an organization, then a program whose name must be unique; its id."""
    barrier.wait(30)
    with db.unit_of_work(crash_writer.ACTOR) as uow:
        uow.insert("organizations", {"name": organization, "org_type": "civic"})
        return uow.insert("programs", {"name": program, **PROGRAM})["id"]


def save_event(db: AnyDatabase, barrier, program_id: int, district_id: int, n: int) -> int:
    return crash_writer.save_one(db, program_id, district_id, n)


def data_version(db: AnyDatabase, barrier) -> int:
    return db.data_version()


def sessions(db: AnyDatabase, barrier, first: int, count: int, saves_each: int, shared: list[int]) -> dict:
    """`count` sessions on threads (as Streamlit serves them), each alternately adding an
    organization and updating one of `shared` at the version it read. Returns what was
    acknowledged: created ids, updates as (id, version saved, notes), conflicts, other errors."""
    done: dict[str, list] = {"created": [], "updated": [], "conflicts": [], "errors": []}
    lock = threading.Lock()
    start = threading.Barrier(count)

    def session(number: int) -> None:
        actor = Actor(username=f"user{number}", role="prevention")
        rng = random.Random(number)
        start.wait(30)
        for step in range(saves_each):
            try:
                if step % 2 == 0:
                    with db.unit_of_work(actor) as uow:
                        row = uow.insert("organizations", {"name": f"s{number}-{step}", "org_type": "block_watch"})
                    with lock:
                        done["created"].append(row["id"])
                else:
                    target = rng.choice(shared)
                    with db.cursor() as cur:
                        version = cur.execute("select version from main.organizations where id = $id",
                                              {"id": target}).fetchone()[0]
                    value = f"edited by {number} at {step}"
                    with db.unit_of_work(actor) as uow:
                        saved = uow.update("organizations", target, version, {"notes": value})
                    with lock:
                        done["updated"].append((target, saved["version"], value))
            except ConflictError:
                with lock:
                    done["conflicts"].append(number)
            except Exception as error:  # anything else would reach a user
                with lock:
                    done["errors"].append(repr(error))

    barrier.wait(30)
    threads = [threading.Thread(target=session, args=(n,)) for n in range(first, first + count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done


COMMANDS = {f.__name__: f for f in (update_after_reading, add_program_with_organization, save_event,
                                    data_version, sessions)}


# -- the process ---------------------------------------------------------------------------

def serve(conn, barrier) -> None:
    """Answer commands until told to stop (None); `use` opens the database the next ones run on."""
    db = None
    conn.send("READY")
    while (message := conn.recv()) is not None:
        command, args = message
        try:
            if command == "use":
                if db is not None:
                    db.close()
                db = open_database(args[0])
                conn.send(("done", None))
                continue
            conn.send(("done", COMMANDS[command](db, barrier, *args)))
        except ConflictError as error:
            conn.send(("conflict", (error.current or {}).get("version")))
        except ValidationError as error:
            conn.send(("refused", error.problems))
        except Exception as error:     # the test reports it rather than waiting for an answer
            conn.send(("error", repr(error)))
    if db is not None:
        db.close()


class SecondProcess:
    """The test's handle on the second app process: `use(url)` once per database, then
    `ask(command, *args)` and `answer()`, or `run(command, *args)`. One process serves a test
    file's tests, each on its own database (starting one costs most of a second)."""

    def __init__(self):
        ctx = crash_writer.context()
        self.barrier = ctx.Barrier(2)
        self._conn, theirs = ctx.Pipe()
        self.process = crash_writer.spawn(ctx, serve, theirs, self.barrier)
        theirs.close()
        assert self._receive(60) == "READY"

    def _receive(self, within: float) -> Any:
        if not self._conn.poll(within):
            raise AssertionError(f"the second process did not answer within {within} s")
        return self._conn.recv()

    def use(self, url: str) -> None:
        """Open the database at `url` (and close the one before) as an app process starting on it."""
        self.barrier.reset()           # a test that failed half way may have left it broken
        self.run("use", url)

    def ask(self, command: str, *args: Any) -> None:
        self._conn.send((command, args))

    def answer(self, within: float = 60) -> tuple[str, Any]:
        return self._receive(within)

    def run(self, command: str, *args: Any) -> Any:
        """Ask and wait; the result of a command that must succeed."""
        self.ask(command, *args)
        kind, value = self.answer()
        assert kind == "done", (command, kind, value)
        return value

    def close(self) -> None:
        try:
            self._conn.send(None)
            self.process.join(10)
        finally:
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
            self._conn.close()
