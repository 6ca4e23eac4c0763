"""Simulated users: many sessions at once on a running server, each a browser tab driven over
Streamlit's websocket protocol (bench/streamlit_client.py), so the server does the work real clicks
cause; what each click cost, seen from the client, is the figure.

A user signs in with its role's demo account through the sign-in form, then loops until the step
ends: it waits a think time (uniform between half and one and a half times `think`), then does one
thing, drawn at random (seeded by the step and the user's number):

- a page visit (half the time): a page of its role's menu, as it clicks it in the sidebar;
- a rerun of the page it is on (a third of the time): what a change of a filter or any widget costs
  the server, which runs the whole page again;
- a save (the rest, for the roles that save): an officer logs a community contact (Contact log: a
  kind of contact, then "Log contact") or marks a business verified (Business contacts: opens the
  first card, then "Verified today"); the Crime Prevention officer logs an event (Events: a program,
  a location, a headcount, then "Save event") or a contact. The page visit a save needs first is
  timed as a visit, and opening a card as a rerun. Command staff and the administrator only read:
  their draw of a save is a rerun.

Every 30 seconds a signed-in tab also runs the app's session watch (a timer fragment the browser
runs on its own, components/session_watch.py): it is sent as the browser sends it, between clicks,
and counted apart ("timer"), not in the figure.

Roles are dealt in ROLE_MIX order: most users are patrol officers, as at a shift change.

The figure, per number of users: every visit, rerun and save that started inside the measured
window (it opens when the last user has signed in: the sign-ins are spread over the think time)
after the servers have been warmed up (every page visited once in each app process): median and 95th
percentile, beside the targets for a rerun (median < 100 ms, p95 < 250 ms). Steps double the users
(1, 2, 4, ...): up to 4 users always, beyond that until a step misses a target or has errors; the
served figure is the largest step that met both, as did every smaller one.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import time
from datetime import datetime, timedelta
from dataclasses import dataclass

from bench.pages import ACCOUNT, percentile
from bench.streamlit_client import Run, StreamlitSession

ROLE_MIX = ("officer", "officer", "prevention", "officer", "command", "officer", "officer", "admin")
TARGET_MEDIAN_MS, TARGET_P95_MS = 100, 250
MEASURED = ("visit", "rerun", "save")
SHARES = (("visit", 0.5), ("rerun", 0.33), ("save", 0.17))


@dataclass
class Interaction:
    user: int
    role: str
    kind: str            # sign-in, visit, rerun, save, timer
    page: str
    started: float       # perf_counter when the request was sent
    seconds: float
    error: str | None = None


# -- what a user does --------------------------------------------------------------------------


async def sign_in(session: StreamlitSession, role: str) -> Run:
    account = ACCOUNT[role]
    session.set_text(session.find("text_input", "Username"), account.username)
    session.set_text(session.find("text_input", "Password"), account.password)
    run = await session.click(session.find("button", "Sign in"))
    if "" not in session.pages or run.exceptions:
        raise RuntimeError(f"{role} did not sign in: {run.alerts or run.exceptions}")
    return run


async def log_contact(session: StreamlitSession, timed, rng: random.Random) -> None:
    await timed("visit", "contact-log", session.visit("contact-log"))
    kind = session.find("button_group", "Kind of contact")
    session.choose(kind, rng.randrange(len(kind.proto.options)))
    district = session.find("selectbox", "District")     # preset to an officer's own district
    if not session.chosen(district):
        session.choose(district, 0)
    await timed("save", "contact-log", session.click(session.find("button", "Log contact")),
                expect="Logged")


async def verify_business(session: StreamlitSession, timed, rng: random.Random) -> None:
    await timed("visit", "businesses", session.visit("businesses"))
    # the card opened the last time is still open on coming back, as in a browser: clicking it
    # again would close it
    verify = session.find("button", key="business_card_verify")
    if verify is None:
        card = session.find("button", key_prefix="open_business_")
        if card is None:
            raise RuntimeError("no business card on the Business contacts page")
        await timed("rerun", "businesses", session.click(card))
        verify = session.find("button", key="business_card_verify")
    await timed("save", "businesses", session.click(verify), expect="verified today")


async def log_event(session: StreamlitSession, timed, rng: random.Random) -> None:
    await timed("visit", "events", session.visit("events"))
    program = session.find("selectbox", "Program")
    session.choose(program, rng.randrange(len(program.proto.options)))
    await timed("rerun", "events", session.rerun())          # choosing a program reruns the page
    # a day of the past year and a quarter hour of the day: the app refuses a second event of a
    # program at the same start
    starts = datetime(2026, 1, 1, 8) + timedelta(days=rng.randrange(300), minutes=15 * rng.randrange(40))
    session.set_date(session.find("date_input", "Date"), starts.date())
    session.set_time(session.find("time_input", "Starts"), starts.time())
    session.set_time(session.find("time_input", "Ends"), (starts + timedelta(hours=1)).time())
    session.set_text(session.find("text_input", "Location"), "Community room")
    district = session.find("selectbox", "District")
    if not session.chosen(district):
        session.choose(district, rng.randrange(len(district.proto.options)))
    session.set_number(session.find("number_input", "Adults"), 12)
    await timed("save", "events", session.click(session.find("button", "Save event")), expect="saved")


SAVES = {"officer": (log_contact, verify_business), "prevention": (log_event, log_contact)}


class Window:
    """The measured window of a step: it opens when the last user has signed in (or failed to) and
    closes `seconds` later; until it opens, the users who are in already click as usual."""

    def __init__(self, users: int, seconds: float):
        self.waiting, self.seconds = users, seconds
        self.start: float | None = None
        self.stop: float | None = None

    def signed_in(self) -> None:
        self.waiting -= 1
        if self.waiting == 0:
            self.start = time.perf_counter()
            self.stop = self.start + self.seconds

    def over(self) -> bool:
        return self.stop is not None and time.perf_counter() >= self.stop


async def simulated_user(number: int, role: str, base_url: str, think: float, start_after: float,
                         window: Window, record: list[Interaction], seed: int = 0) -> None:
    # seeded by the step as well: the same user in a later step (or configuration, on the same
    # database) draws other events, which the app would refuse as duplicates of its own
    rng = random.Random(f"{seed}:{number}")
    session = StreamlitSession(base_url)
    page = ""

    async def timed(kind: str, where: str, request, expect: str | None = None):
        started = time.perf_counter()
        try:
            run = await request
        except Exception as error:
            record.append(Interaction(number, role, kind, where, started, time.perf_counter() - started,
                                      f"{type(error).__name__}: {error}"[:300]))
            raise
        problem = "; ".join(run.exceptions) or None
        if problem is None and expect is not None and not any(expect in alert for alert in run.alerts):
            problem = f"no '{expect}' message: {run.alerts[:2]}"
        record.append(Interaction(number, role, kind, where, started, run.seconds, problem))
        return run

    signed_in = False
    try:
        await asyncio.sleep(start_after)
        try:
            await session.connect()
            await timed("sign-in", "", sign_in(session, role))
        finally:
            signed_in = True
            window.signed_in()
        menu = [path for path in session.pages if path != "account"]
        next_timer = time.perf_counter() + (session.auto_rerun[0] if session.auto_rerun else 1e9)
        while True:
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            if window.over():
                break
            if session.auto_rerun and time.perf_counter() >= next_timer:
                await timed("timer", page, session.rerun(fragment_id=session.auto_rerun[1]))
                next_timer = time.perf_counter() + session.auto_rerun[0]
            kind = rng.choices([k for k, _ in SHARES], [w for _, w in SHARES])[0]
            if kind == "save" and role in SAVES:
                await rng.choice(SAVES[role])(session, timed, rng)
                page = session_page(session)
            elif kind == "visit":
                page = rng.choice([path for path in menu if path != page] or menu)
                await timed("visit", page, session.visit(page))
            else:
                await timed("rerun", page, session.rerun())
    except Exception as error:         # the user stops; what failed is in the record
        if not any(i.user == number and i.error for i in record):
            record.append(Interaction(number, role, "connect", "", time.perf_counter(), 0.0,
                                      f"{type(error).__name__}: {error}"[:300]))
    finally:
        if not signed_in:
            window.signed_in()
        await session.close()


def session_page(session: StreamlitSession) -> str:
    return next((path for path, hash_ in session.pages.items() if hash_ == session.page_hash), "")


# -- a step and the ramp -----------------------------------------------------------------------


async def warm(base_url: str, processes: int) -> None:
    """What a server that has been up a while has done: every page's script compiled and its
    cached lists read. One administrator session per app process (held open together, so that the
    proxy, which sends a new connection to the process with the fewest, gives each process one)
    visits every page of the administrator's menu."""
    sessions = [StreamlitSession(base_url) for _ in range(processes)]
    for session in sessions:
        await session.connect()
    try:
        async def tour(session: StreamlitSession) -> None:
            await sign_in(session, "admin")
            for path in list(session.pages):
                await session.visit(path)

        await asyncio.gather(*(tour(session) for session in sessions))
    finally:
        for session in sessions:
            await session.close()


def run_step(base_url: str, users: int, think: float, seconds: float) -> dict:
    """`users` users at once, their sign-ins spread over the think time; the figures of the
    `seconds` after the last one signed in."""
    record: list[Interaction] = []
    window = Window(users, seconds)
    seed = time.time_ns()

    async def everyone():
        await asyncio.gather(*(simulated_user(n, ROLE_MIX[n % len(ROLE_MIX)], base_url, think,
                                              think * n / users, window, record, seed) for n in range(users)))

    cpu, wall = time.process_time(), time.perf_counter()
    asyncio.run(everyone())
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    opened = window.start if window.start is not None else float("inf")
    measured = [i for i in record if i.kind in MEASURED and i.started >= opened]
    ok = [i.seconds for i in measured if i.error is None]
    errors = [i for i in record if i.error is not None]
    step = {"users": users, "seed": seed, "interactions": len(measured), "errors": len(errors),
            "error_examples": sorted({f"{i.kind} {i.page}: {i.error}" for i in errors})[:3],
            "median_ms": round(statistics.median(ok) * 1000, 1) if ok else None,
            "p95_ms": round(percentile(ok, 0.95) * 1000, 1) if ok else None,
            "by_kind": {kind: _summary([i.seconds for i in measured if i.kind == kind and i.error is None])
                        for kind in MEASURED},
            "sign_in": _summary([i.seconds for i in record if i.kind == "sign-in" and i.error is None]),
            "timer": _summary([i.seconds for i in record if i.kind == "timer" and i.error is None]),
            "load_generator_cpu_share": round(cpu / wall, 3), "load_1m": round(os.getloadavg()[0], 2)}
    step["within_targets"] = (not errors and step["median_ms"] is not None
                              and step["median_ms"] < TARGET_MEDIAN_MS and step["p95_ms"] < TARGET_P95_MS)
    return step


def _summary(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    return {"n": len(values), "median_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(percentile(values, 0.95) * 1000, 1)}


def ramp(base_url: str, think: float, seconds: float, max_users: int, processes: int = 1,
         warm_up: bool = True, always: int = 4) -> dict:
    """After the servers' warm-up (`warm`), steps of 1, 2, 4, ... users (at most `max_users`): up to
    `always` users every step is run (so that configurations can be compared on a busy machine),
    beyond it only while the steps meet the targets. Served: the largest number of users whose step
    and every smaller step met both targets."""
    if warm_up:
        asyncio.run(warm(base_url, processes))
    steps, users = [], 1
    while users <= max_users:
        step = run_step(base_url, users, think, seconds)
        print(f"      {users} users: median {step['median_ms']} ms, p95 {step['p95_ms']} ms, "
              f"{step['interactions']} interactions, {step['errors']} errors, load {step['load_1m']}, "
              f"load generator {step['load_generator_cpu_share']:.0%} of its core", flush=True)
        steps.append(step)
        if not step["within_targets"] and users >= min(always, max_users):
            break
        users *= 2
    served = 0
    for step in steps:
        if not step["within_targets"]:
            break
        served = step["users"]
    return {"served_users": served, "capped": bool(steps) and all(s["within_targets"] for s in steps),
            "steps": steps}
