"""Millbrook: a fictional New England town's police data, for demos, screenshots and tests.

`build_demo(db)` fills an empty, migrated database with two years of programs,
events, courses, community groups, businesses, patrol contacts, concerns and
crime incidents. The result depends only on (seed, today): every section draws
from its own seeded generator and every row carries the same created_at, so two
builds compare equal row for row (the audit log, written by the gateway with
the wall clock, is the one exception).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from core import clock
from core.demo.base import DemoContext
from core.demo.businesses import build_businesses
from core.demo.concerns import build_concerns
from core.demo.courses import build_courses
from core.demo.crime import build_incidents
from core.demo.events import build_events
from core.demo.organizations import build_org_meetings, build_organizations
from core.demo.patrol import build_contact_log
from core.demo.people import PASSWORDS, SETTINGS, USERS, build_settings, build_users
from core.demo.programs import build_programs
from core.demo.town import build_town
from queries.actor import SYSTEM
from queries.db import Database


class DemoAccount(NamedTuple):
    username: str
    role: str
    password: str


# Shown on the sign-in page while the `demo` setting is "true".
DEMO_ACCOUNTS: tuple[DemoAccount, ...] = tuple(DemoAccount(u.username, u.role, PASSWORDS[u.role]) for u in USERS)

# Any row in these tables means real data may exist: the demo never mixes with it.
_ALREADY_FILLED = """
select (select count(*) from main.settings) + (select count(*) from main.districts)
     + (select count(*) from main.users) + (select count(*) from main.programs)
     + (select count(*) from main.events) + (select count(*) from main.businesses)
     + (select count(*) from main.incidents)
"""


class DemoError(RuntimeError):
    """The database is not empty, so the demo would mix with real records."""


def build_demo(db: Database, seed: int = 2026, today: date | None = None) -> dict[str, int]:
    """Fill an empty migrated database with the Millbrook demo; return rows inserted per table.

    All of it happens in one unit of work: a failure leaves the database empty.
    """
    today = today or clock.today_in(SETTINGS["time_zone"])      # the town's own date
    with db.cursor() as cur:
        if cur.execute(_ALREADY_FILLED).fetchone()[0]:
            raise DemoError("The database already has data; the demo only fills an empty one.")
    with db.unit_of_work(SYSTEM) as uow:
        ctx = DemoContext(uow=uow, seed=seed, today=today)
        build_settings(ctx)
        ctx.town = build_town(ctx)
        build_users(ctx)
        build_organizations(ctx)
        build_programs(ctx)
        build_courses(ctx)
        build_events(ctx)
        build_org_meetings(ctx)
        build_businesses(ctx)
        build_contact_log(ctx)
        build_concerns(ctx)
        build_incidents(ctx)
    return dict(sorted(ctx.counts.items()))
