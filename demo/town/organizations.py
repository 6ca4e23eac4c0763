"""Community organizations the unit liaises with, and their recent meetings.

South Meadows (D6) deliberately has no active block watch (its only one went
dormant), so the dashboard has a coverage gap to point at.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

from demo.town import names
from demo.town.base import DemoContext, add_months, nth_weekday
from demo.town.people import officers_for

MONTHLY, QUARTERLY = 1, 3
FOUNDED_TYPES = ("block_watch", "business_watch", "tenant_group", "business_association", "civic", "other")


class Org(NamedTuple):
    key: str
    name: str
    org_type: str
    district: str | None
    venue: str | None = None                       # meets / sits at this venue (address)
    schedule: tuple[int, int, int, int] | None = None  # (every n months, nth, weekday, hour)
    by_department: bool = False
    active: bool = True
    founded_years_ago: int = 8


def schedule_label(schedule: tuple[int, int, int, int] | None) -> str | None:
    """How a meeting schedule is stored and shown: "2nd Tuesday monthly, 7:00 pm"."""
    if schedule is None:
        return None
    every, nth, weekday, hour = schedule
    ordinal = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "Last"}[nth]
    day = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[weekday]
    clock = f"{(hour - 1) % 12 + 1}:00 {'am' if hour < 12 else 'pm'}"
    return f"{ordinal} {day} {'monthly' if every == MONTHLY else 'quarterly'}, {clock}"


ORGS = (
    Org("bw_union", "Union Square Block Watch", "block_watch", "D1", None, (MONTHLY, 2, 1, 19), True),
    Org("bw_maple", "Maple Avenue Neighbors Block Watch", "block_watch", "D2", None, (MONTHLY, 3, 1, 19), True),
    Org("bw_prospect", "Prospect Hill Block Watch", "block_watch", "D2", None, (MONTHLY, 1, 3, 19), True, True, 4),
    Org("bw_hawthorne", "Hawthorne Drive Block Watch", "block_watch", "D3", None, (MONTHLY, 2, 2, 19), True),
    Org("bw_laurel", "Laurel Hill Neighborhood Watch", "block_watch", "D3", None, (QUARTERLY, 1, 0, 19), False, False, 15),
    Org("bw_burnside", "Burnside Avenue Block Watch", "block_watch", "D4", None, (MONTHLY, 4, 1, 18), True),
    Org("bw_canal", "Canal Street Block Watch", "block_watch", "D5", None, (MONTHLY, 1, 1, 19), True, True, 3),
    Org("bw_ferry", "Ferry Lane Neighbors", "block_watch", "D5", None, (QUARTERLY, 2, 3, 19), False),
    Org("bw_meadow", "Meadow Street Block Watch", "block_watch", "D6", None, (QUARTERLY, 2, 0, 19), True, False, 12),
    Org("biz_downtown", "Downtown Business Watch", "business_watch", "D1", "Common Grounds Cafe", (MONTHLY, 1, 2, 8), True, True, 14),
    Org("biz_turnpike", "Turnpike Road Business Watch", "business_watch", "D6", "Turnpike Commons", (QUARTERLY, 2, 2, 8), True, True, 5),
    Org("ten_depot", "Depot Square Tenants Association", "tenant_group", "D1", "Depot Square Apartments", (MONTHLY, -1, 3, 18), True),
    Org("ten_franklin", "Franklin Court Residents Council", "tenant_group", "D2", "Franklin Court Apartments", (MONTHLY, -1, 1, 18)),
    Org("ten_canal", "Canal Street Homes Tenant Association", "tenant_group", "D5", "Canal Street Homes", (MONTHLY, 2, 3, 18), True),
    Org("ten_silver", "Silver Lane Gardens Residents Association", "tenant_group", "D4", "Silver Lane Gardens", (QUARTERLY, 1, 3, 18)),
    *(Org(f"school_{k}", name, "school", code, name) for k, (name, code) in enumerate((
        ("Center Street School", "D1"), ("Oak Hill Elementary School", "D2"),
        ("Millbrook Middle School", "D2"), ("Hawthorne Elementary School", "D3"),
        ("Millbrook High School", "D4"), ("Riverside Elementary School", "D5"),
        ("Meadowbrook Elementary School", "D6")))),
    Org("chamber", "Millbrook Chamber of Commerce", "business_association", "D1", None, (MONTHLY, 3, 3, 12), False, True, 40),
    Org("east_merchants", "East Side Merchants Association", "business_association", "D4", "Millbrook Plaza", (QUARTERLY, 1, 3, 8)),
    Org("faith_brendan", "St. Brendan Parish", "faith", "D2", "St. Brendan Parish Hall"),
    Org("faith_first", "First Congregational Church of Millbrook", "faith", "D1", "First Congregational Church"),
    Org("faith_noor", "Masjid al-Noor", "faith", "D4", "Masjid al-Noor Community Hall"),
    Org("faith_grace", "Grace AME Zion Church", "faith", "D5", "Grace AME Zion Church", (QUARTERLY, 1, 5, 10)),
    Org("civic_assoc", "Millbrook Civic Association", "civic", None, "Millbrook Public Library", (QUARTERLY, 2, 3, 19)),
    Org("civic_riverwalk", "Friends of Riverwalk Park", "civic", "D5", "Riverwalk Park", (QUARTERLY, 3, 5, 9)),
    Org("civic_soccer", "Millbrook Youth Soccer League", "civic", None),
    Org("civic_nrz", "North End Revitalization Zone Committee", "civic", "D2", "North End Branch Library", (MONTHLY, 2, 3, 18)),
    Org("civic_unified", "Millbrook Unified Sports Boosters", "civic", None),
    Org("media_courier", "The Millbrook Courier", "media", None),
    Org("media_mcat", "Millbrook Community Access Television", "media", None),
    Org("media_shopper", "Valley Weekly Shopper", "media", None),
    Org("city_dpw", "Millbrook Department of Public Works", "city_department", None),
    Org("city_blight", "Millbrook Housing & Blight Enforcement", "city_department", None),
    Org("city_traffic", "Millbrook Traffic Engineering", "city_department", None),
    Org("city_parks", "Millbrook Parks & Recreation", "city_department", None),
    Org("city_schools", "Millbrook Public Schools Central Office", "city_department", None),
    Org("other_safekids", "Millbrook Safe Kids Coalition", "other", None),
    Org("other_stoppers", "Central Valley Crime Stoppers", "other", None, None, (QUARTERLY, 1, 2, 17)),
    Org("other_hospital", "Millbrook Hospital Community Health", "other", "D4"),
    Org("other_boxing", "Millbrook Youth Boxing Club", "other", "D5", None, None, False, False, 9),
)

TOPICS = (
    "Recent car break-ins and locking vehicles", "Package thefts ahead of the holidays",
    "Speeding on residential streets", "Street lighting outages reported to Public Works",
    "Phone scams targeting seniors", "Summer youth activities", "Graffiti clean-up day",
    "Home security survey sign-ups", "Catalytic converter thefts", "Parking enforcement concerns",
    "Neighborhood walk and officer introductions", "National Night Out planning",
)


def build_organizations(ctx: DemoContext) -> None:
    rng = ctx.rng("organizations")
    town = ctx.town
    venues = town.venues.set_index("name")
    ids = ctx.ids("organizations", len(ORGS))
    first, last = names.people(rng, len(ORGS))
    phones = names.phones(rng, len(ORGS))
    rows = []
    for i, org in enumerate(ORGS):
        district = town.by_code(org.district) if org.district else None
        if org.venue:
            address = str(venues.loc[org.venue, "address"])
        elif org.org_type == "city_department":
            address = "125 Center Street (Town Hall)"
        else:
            address = town.addresses(rng, town.index(district.id) if district else 0, 1)[0]
        liaison = ctx.users["cpo"]
        if district and org.org_type in ("block_watch", "business_watch", "tenant_group", "school"):
            liaison = pick_officer(rng, officers_for(ctx, district.id))
        # a founding date means something for groups, not for schools, churches or city offices
        founded = date(ctx.today.year - org.founded_years_ago, int(rng.integers(1, 13)), 1) \
            if org.org_type in FOUNDED_TYPES else None
        rows.append({
            "id": int(ids[i]), "name": org.name, "org_type": org.org_type,
            "district_id": district.id if district else None, "address": address,
            "contact_name": f"{first[i]} {last[i]}", "contact_phone": phones[i],
            "contact_email": names.email(first[i], last[i]),
            "liaison_officer_id": liaison, "meeting_schedule": schedule_label(org.schedule),
            "established_by_department": org.by_department, "active": org.active,
            "founded_on": founded,
            "notes": None if org.active else "Dormant: no meetings held in over a year.",
        })
    frame = pd.DataFrame(rows)
    frame["district_id"] = frame["district_id"].astype("Int64")
    ctx.insert("organizations", frame)
    ctx.orgs = frame.assign(key=[o.key for o in ORGS])


def pick_officer(rng: np.random.Generator, officers: list[dict]) -> int:
    return int(officers[int(rng.integers(len(officers)))]["id"])


def org_id(ctx: DemoContext, key: str) -> int:
    return int(ctx.orgs.loc[ctx.orgs["key"] == key, "id"].iloc[0])


def build_org_meetings(ctx: DemoContext) -> None:
    """The liaison's record of group meetings over the last twelve months."""
    rng = ctx.rng("org_meetings")
    start = add_months(date(ctx.today.year, ctx.today.month, 1), -12)
    rows = []
    for org, (_, row) in zip(ORGS, ctx.orgs.iterrows()):
        if not org.active or org.schedule is None:
            continue
        every, nth, weekday, _hour = org.schedule
        month = start
        while month <= ctx.last_day:
            met_on = nth_weekday(month.year, month.month, weekday, nth)
            # a tenth of meetings are cancelled or go unlogged
            if met_on <= ctx.last_day and rng.random() < 0.9:
                typical = 25 if org.org_type in ("business_association", "civic") else 14
                rows.append({
                    "organization_id": int(row["id"]), "met_on": met_on,
                    "officer_id": int(row["liaison_officer_id"]),
                    "attendance": int(rng.poisson(typical)) + 3,
                    "topics": "; ".join(TOPICS[int(k)] for k in rng.choice(len(TOPICS), 2, replace=False)),
                })
            month = add_months(month, every)
    frame = pd.DataFrame(rows)
    frame.insert(0, "id", ctx.ids("org_meetings", len(frame)))
    ctx.insert("org_meetings", frame)
