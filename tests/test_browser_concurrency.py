"""Five real browser sessions against one `streamlit run` server, saving at the same moment.

One headless Chromium, five browser contexts (five signed-in users), driven together with
Playwright's async API so that their clicks reach the server at once. Each session creates an
organization; then, round after round, all five edit the notes of the same organization and press
Save together. Exactly one save per round can win (they all opened the same version); the others
must be told on screen that someone else saved first, keep what they typed, and be able to save
again. Afterwards the database must hold every save the screens acknowledged, the audit log one
row per acknowledged change and none for a refused one, and no screen may have shown an exception.
"""

from __future__ import annotations

import asyncio
import json
import re

import pytest
from playwright.async_api import TimeoutError as PlaywrightTimeout

from core import users
from queries.actor import SYSTEM
from queries.db import Database
from tests.apptest_support import PASSWORD, make_accounts_db
from tests.browser_support import (CHROMIUM, CHROMIUM_ARGS, COUNT_RUNS, IDLE, RAN_AND_IDLE, RUNS_BEFORE, STILL,
                                   requires_chromium, streamlit_server)
from tests.figures_report import report

pytestmark = [pytest.mark.browser, requires_chromium]

SESSIONS = 5
ROUNDS = 3
TIMEOUT = 180_000          # generous: the machine may be loaded; nothing here is timed
SHARED = "Shared Block Watch"
SAVED = "Organization saved."
CONFLICT = "Someone else saved this record after you opened it"
EXCEPTION = '[data-testid="stException"]'
SHOWN_WITHIN = 30_000      # a message the screen must show after a save that has finished

async def wait_idle(page) -> None:
    """The script has stopped, and neither the page nor the server's messages have changed for one
    poll (a quick rerun starting within it is waited for: no fixed pause)."""
    await page.wait_for_selector(IDLE, timeout=TIMEOUT)
    await page.evaluate("window.__stillSize = undefined")
    await page.wait_for_function(STILL, timeout=TIMEOUT, polling=250)


async def click_and_settle(page, button) -> None:
    """Click, then wait until a script run has started after the click and the app is idle again."""
    before = await page.evaluate(RUNS_BEFORE)
    await button.click()
    await page.wait_for_function(RAN_AND_IDLE, arg=[before, IDLE], timeout=TIMEOUT, polling=50)
    await wait_idle(page)


async def shows_one_of(page, *texts: str) -> str | None:
    """The first of `texts` the screen shows, waiting for it: a message drawn by the rerun that
    follows a save can arrive just after the app first looked idle. None when none comes."""
    wanted = page.get_by_text(texts[0])
    for text in texts[1:]:
        wanted = wanted.or_(page.get_by_text(text))
    try:
        await wanted.first.wait_for(timeout=SHOWN_WITHIN)
    except PlaywrightTimeout:
        return None
    for text in texts:
        if await page.get_by_text(text).count():
            return text
    return None


async def no_exception(page, where: str) -> None:
    assert await page.locator(EXCEPTION).count() == 0, f"an exception is shown to {where}"
    assert "Traceback (most recent call last)" not in await page.inner_text("body"), where


async def choose(page, label: str, option: str) -> None:
    await wait_idle(page)
    await page.get_by_role("combobox", name=label).click()
    await page.get_by_role("option", name=option, exact=True).click()


class Session:
    def __init__(self, number: int, page):
        self.number, self.page = number, page
        self.username = f"cpo{number}"

    async def sign_in(self, url: str) -> None:
        page = self.page
        await page.goto(url)
        await page.get_by_role("textbox", name="Username").wait_for(timeout=TIMEOUT)
        await wait_idle(page)
        await page.get_by_role("textbox", name="Username").fill(self.username)
        await page.get_by_role("textbox", name="Password").fill(PASSWORD)
        await page.get_by_role("button", name="Sign in").click()
        await page.get_by_text("Signed in as").wait_for(timeout=TIMEOUT)
        await wait_idle(page)
        # through the menu, in the same session (a new page load would have to sign in again by cookie)
        await page.locator('[data-testid="stSidebarNav"] a[href$="/organizations"]').click()
        await page.get_by_role("tab", name="Edit and log meetings").wait_for(timeout=TIMEOUT)
        await wait_idle(page)

    async def create(self, name: str) -> bool:
        page = self.page
        await page.get_by_role("tab", name="Add an organization").click()
        await wait_idle(page)
        await page.get_by_role("textbox", name="Name").fill(name)
        await choose(page, "Type", "Civic group")
        await choose(page, "District", "N · North")
        await click_and_settle(page, page.get_by_role("button", name="Save organization"))
        await no_exception(page, f"{self.username} after creating {name}")
        return await shows_one_of(page, f"{name} saved.") is not None

    async def open_shared(self) -> None:
        page = self.page
        await page.get_by_role("tab", name="Edit and log meetings").click()
        # one pick: the others' new organizations change the picker's options, which must not drop it
        await choose(page, "Organization", SHARED)
        await page.get_by_role("heading", name="Details").wait_for(timeout=TIMEOUT)
        await wait_idle(page)
        await no_exception(page, f"{self.username} opening {SHARED}")

    async def save_notes(self, text: str) -> None:
        page = self.page
        await page.get_by_role("textbox", name="Notes").fill(text)
        await click_and_settle(page, page.get_by_role("button", name="Save organization"))

    async def outcome(self, base_version: int, typed: str) -> tuple[str, int | None]:
        """What the screen says about the last save: ("saved", None) or ("conflict", current version)."""
        page = self.page
        await no_exception(page, self.username)
        shown = await shows_one_of(page, SAVED, CONFLICT)
        if shown == SAVED:
            return "saved", None
        if shown is None:
            await page.screenshot(path=f"/tmp/e10b-{self.username}.png", full_page=True)
            raise AssertionError(f"{self.username} was told nothing about the save: "
                                 + (await page.inner_text("body"))[:3000])
        # the user keeps what they typed and sees the values someone else saved
        assert await page.get_by_role("textbox", name="Notes").input_value() == typed
        shown = await page.locator('[data-testid="stJson"]').first.inner_text()
        found = re.search(r'"?version"?\s*:\s*"?(\d+)', shown)
        assert found, shown
        current = int(found.group(1))
        # a conflict reported for this save, not one left on screen from an earlier round
        assert current > base_version, (self.username, base_version, shown)
        return "conflict", current


def seed(path) -> int:
    make_accounts_db(path)
    db = Database(path)
    try:
        for number in range(1, SESSIONS + 1):
            users.add_user(db, SYSTEM, f"cpo{number}", f"Prevention Officer {number}", "prevention", PASSWORD,
                           temporary=False)
        with db.unit_of_work(SYSTEM) as uow:
            shared = uow.insert("organizations", {"name": SHARED, "org_type": "block_watch", "district_id": 1})["id"]
    finally:
        db.close()
    return shared


async def drive(url: str) -> dict:
    from playwright.async_api import async_playwright

    created: dict[str, bool] = {}
    acknowledged: list[tuple[str, str]] = []     # (username, notes) the screen said were saved
    conflicts: list[str] = []
    attempts = 0
    sessions: list[Session] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for number in range(1, SESSIONS + 1):
                context = await browser.new_context(viewport={"width": 1400, "height": 2400})
                await context.add_init_script(COUNT_RUNS)
                page = await context.new_page()
                page.set_default_timeout(TIMEOUT)
                sessions.append(Session(number, page))
            for session in sessions:                     # signing in one after the other
                await session.sign_in(url)

            # everyone creates a record at the same moment
            names = [f"Tenant group of {s.username}" for s in sessions]
            results = await asyncio.gather(*(s.create(n) for s, n in zip(sessions, names)))
            created = dict(zip(names, results))
            assert all(results), created

            # everyone opens the same record, then saves over it together, round after round
            for session in sessions:
                await session.open_shared()
            base = 1
            for round_number in range(ROUNDS):
                typed = {s.username: f"round {round_number}: notes typed by {s.username}" for s in sessions}
                await asyncio.gather(*(s.save_notes(typed[s.username]) for s in sessions))
                attempts += len(sessions)
                outcomes = [await s.outcome(base, typed[s.username]) for s in sessions]
                winners = [s for s, (what, _) in zip(sessions, outcomes) if what == "saved"]
                assert len(winners) == 1, [o for o in outcomes]          # they all opened version `base`
                acknowledged.append((winners[0].username, typed[winners[0].username]))
                conflicts += [s.username for s, (what, _) in zip(sessions, outcomes) if what == "conflict"]
                base += 1
                assert all(current == base for what, current in outcomes if what == "conflict"), outcomes

            # a refused user saves again: their values go over the others' (nothing they typed was lost)
            last = next(s for s in sessions if s.username != acknowledged[-1][0])
            retyped = await last.page.get_by_role("textbox", name="Notes").input_value()
            await click_and_settle(last.page, last.page.get_by_role("button", name="Save organization"))
            attempts += 1
            what, _ = await last.outcome(base, retyped)
            assert what == "saved"
            acknowledged.append((last.username, retyped))
            for session in sessions:
                await no_exception(session.page, session.username)
        except BaseException:
            for session in sessions:     # what each user saw, for whoever reads the failure
                await session.page.screenshot(path=f"/tmp/concurrency-{session.username}.png", full_page=True)
            raise
        finally:
            await browser.close()
    return {"created": created, "acknowledged": acknowledged, "conflicts": conflicts, "attempts": attempts}


def test_five_browser_sessions_saving_together_lose_nothing_and_are_told_of_conflicts(tmp_path, request):
    path = tmp_path / "together.duckdb"
    shared = seed(path)
    with streamlit_server(path) as url:
        seen = asyncio.run(drive(url))

    assert all(seen["created"].values()), seen["created"]
    acknowledged, conflicts = seen["acknowledged"], seen["conflicts"]
    assert len(acknowledged) + len(conflicts) == seen["attempts"]
    db = Database(path)
    try:
        with db.cursor() as cur:
            stored = {r[0]: r[1] for r in cur.execute(
                "select name, created_by from organizations where deleted_at is null").fetchall()}
            version, notes, updated_by = cur.execute(
                "select version, notes, updated_by from organizations where id = $id", {"id": shared}).fetchone()
            audit = cur.execute(
                "select username, action, record_id, after from audit_log where table_name = 'organizations' "
                "and username like 'cpo%' order by id").fetchall()
    finally:
        db.close()
    # every acknowledged create is stored, in its user's name, with exactly one audit row
    for name, user in zip(seen["created"], [f"cpo{n}" for n in range(1, SESSIONS + 1)]):
        assert stored.get(name) == user, name
    creates = [a for a in audit if a[1] == "create"]
    assert sorted(json.loads(a[3])["name"] for a in creates) == sorted(seen["created"])
    # the shared record: one version and one audit row per acknowledged save, none for a refused one
    updates = [a for a in audit if a[1] == "update"]
    assert all(a[2] == str(shared) for a in updates)
    assert [(a[0], json.loads(a[3])["notes"]) for a in updates] == acknowledged
    assert version == 1 + len(acknowledged)
    assert (updated_by, notes) == acknowledged[-1]                 # the last acknowledged save is what is stored
    assert len(audit) == len(creates) + len(updates)               # nothing else was written by the sessions
    report(request, f"{SESSIONS} browser sessions on one server: {len(creates)} creates and "
                    f"{seen['attempts']} saves of the same record at once ({ROUNDS} rounds + 1 retry): "
                    f"{len(acknowledged)} acknowledged and stored, {len(conflicts)} refused as version "
                    f"conflicts and told so on screen; {len(audit)} audit rows, one per change; no exception shown")
