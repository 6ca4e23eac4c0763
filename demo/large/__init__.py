"""Lakeport: a Chicago-sized department's ten years of data, for benchmarks at a large city's scale.

`build_large_demo(db, scale=1.0)` fills an empty, migrated database with 50
districts and 280 beats, several hundred officers (and the small demo's
accounts, same usernames and passwords), programs, organizations, 50,000
events, 500,000 roster rows, 60,000 businesses with 120,000 contact persons,
2,000,000 contact-log rows, 100,000 concerns, 2,500,000 crime incidents and two
resident survey waves of about 5,000 respondents each.
`scale` multiplies the volumes (0.005 builds a small, fast copy with the same
geography and staff). Every table is generated as whole numpy/pandas columns
and written with one bulk insert; the result depends only on (seed, today,
scale), like the small demo (demo.town), whose lists and rules it reuses.
"""

from __future__ import annotations

from datetime import date

from core import clock
from demo import require_empty
from demo.large.businesses import build_businesses
from demo.large.city import build_city
from demo.large.community import build_organizations, build_programs
from demo.large.concerns import build_concerns
from demo.large.context import TARGETS, CityContext
from demo.large.courses import plan_courses
from demo.large.crime import build_incidents
from demo.large.events import build_events
from demo.large.patrol import build_contact_log
from demo.large.staff import CITY_SETTINGS, build_settings, build_staff
from demo.town.surveys import Area, build_surveys
from queries.actor import SYSTEM
from queries.db import Database

__all__ = ["TARGETS", "build_large_demo", "parse_scale"]

# a city-wide resident survey's respondents per wave (first, second): a survey's size does not grow
# with the department's records, so not with `scale`
SURVEY_RESPONDENTS = (5000, 4600)


def parse_scale(text: str) -> float | None:
    """`--scale`: 'demo' (None: the small demo), 'large' (1.0) or a positive factor."""
    if text == "demo":
        return None
    if text == "large":
        return 1.0
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"--scale must be 'demo', 'large' or a number such as 0.1, not {text!r}.") from None
    if not 0 < value <= 20:
        raise ValueError("--scale must be greater than 0 and at most 20 (1 = a Chicago-sized department).")
    return value


def build_large_demo(db: Database, scale: float = 1.0, seed: int = 2026, today: date | None = None,
                     progress=None) -> dict[str, int]:
    """Fill an empty migrated database with Lakeport; return rows inserted per table.

    One unit of work: a failure leaves the database empty. `progress(section)`
    is called before each section (the CLI prints it).
    """
    today = today or clock.today_in(CITY_SETTINGS["time_zone"])      # the city's own date
    require_empty(db)
    say = progress or (lambda section: None)
    with db.unit_of_work(SYSTEM) as uow:
        ctx = CityContext(uow=uow, seed=seed, today=today, scale=scale)
        say("districts and beats")
        build_settings(ctx)
        ctx.city = build_city(ctx)
        say("staff")
        ctx.staff = build_staff(ctx)
        say("organizations and programs")
        build_organizations(ctx)
        build_programs(ctx)
        say("courses and events")
        build_events(ctx, plan_courses(ctx))
        say("businesses")
        build_businesses(ctx)
        say("contact log")
        build_contact_log(ctx)
        say("concerns")
        build_concerns(ctx)
        say("crime incidents")
        build_incidents(ctx)
        say("resident surveys")
        build_surveys(ctx, [Area(d.id, d.archetype, d.population) for d in ctx.city.districts],
                      respondents=SURVEY_RESPONDENTS, place=ctx.city.name)
        say("saving to disk")
    return dict(sorted(ctx.counts.items()))
