"""Millbrook: a fictional New England town's police data, for demos, screenshots and tests.

`build_demo(db)` fills an empty, migrated database with two years of programs,
events, courses, community groups, businesses, patrol contacts, concerns, crime
incidents and two resident survey waves. The result depends only on (seed,
today): every section draws from its own seeded generator and every row carries the same created_at, so two
builds compare equal row for row (the audit log, written by the gateway with
the wall clock, is the one exception).
"""

from __future__ import annotations

from datetime import date

from core import clock
from demo import require_empty
from demo.town.base import DemoContext
from demo.town.businesses import build_businesses
from demo.town.concerns import build_concerns
from demo.town.courses import build_courses
from demo.town.crime import build_incidents
from demo.town.events import build_events
from demo.town.organizations import build_org_meetings, build_organizations
from demo.town.patrol import build_contact_log
from demo.town.people import SETTINGS, build_settings, build_users
from demo.town.programs import build_programs
from demo.town.surveys import build_surveys
from demo.town.town import build_town
from queries.actor import SYSTEM
from queries.db import Database


def build_demo(db: Database, seed: int = 2026, today: date | None = None) -> dict[str, int]:
    """Fill an empty migrated database with the Millbrook demo; return rows inserted per table.

    All of it happens in one unit of work: a failure leaves the database empty. A database that
    holds anything already is refused (demo.DemoError).
    """
    today = today or clock.today_in(SETTINGS["time_zone"])      # the town's own date
    require_empty(db)
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
        build_surveys(ctx)
    return dict(sorted(ctx.counts.items()))
