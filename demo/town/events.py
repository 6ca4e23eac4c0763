"""24 months of program events: when, where, who came, who staffed them, what they achieved.

Course sessions (Citizens' Police Academy) are built in courses.py; every other
program's events come from its delivery pattern below.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import NamedTuple

import numpy as np
import pandas as pd

from demo.town.base import EVENT_SEASON, DemoContext, at, is_holiday, nth_weekday, pick, weights
from demo.town.people import officers_for
from demo.town.programs import PROGRAMS, Program, end_date, start_date

WEEKDAYS = (0, 1, 2, 3, 4)
SCHOOL_YEAR = (1, 2, 3, 4, 5, 6, 9, 10, 11, 12)
# Downtown and the North End host more of everything.
DISTRICT_WEIGHT = {"D1": 0.25, "D2": 0.20, "D3": 0.12, "D4": 0.16, "D5": 0.17, "D6": 0.10}
HEADCOUNT = ("headcount_youth", "headcount_adult", "headcount_senior", "headcount_business")
# audience shares: youth, adult, senior, business
Shares = tuple[float, float, float, float]


class Delivery(NamedTuple):
    venues: tuple[str, ...]
    hours: tuple[float, ...]
    duration: tuple[float, float]
    audience: tuple[float, Shares]                     # mean headcount, shares
    per_month: float = 0.0                             # Poisson rate (before season)
    weekdays: tuple[int, ...] = WEEKDAYS
    months: tuple[int, ...] = tuple(range(1, 13))
    seasonal: bool = True
    # fixed dates instead of a rate: (month or 0 for every month, nth, weekday, sites, title)
    fixed: tuple[tuple[int, int, int, int, str], ...] = ()
    officers: tuple[int, int] = (1, 2)
    topics: tuple[str, ...] = ()


DELIVERY = {
    "officer_friendly": Delivery(("school",), (9.0, 10.0, 11.0, 13.0, 13.5), (1.0, 1.5), (24, (0.94, 0.06, 0, 0)),
                                 7.0, months=SCHOOL_YEAR, seasonal=False,
                                 topics=("Stranger safety", "Internet safety", "Bullying prevention",
                                         "Meet your officer", "Pedestrian safety", "Drug awareness")),
    "car_seat": Delivery(("hq",), (9.0,), (3.0, 3.0), (16, (0.3, 0.7, 0, 0)),
                         fixed=((0, 2, 5, 1, "Car-seat inspection station"),)),
    "block_watch": Delivery(("hall", "faith"), (18.5, 19.0), (1.5, 2.0), (16, (0.02, 0.6, 0.38, 0)), 4.0,
                            weekdays=(0, 1, 2, 3), topics=("Block watch meeting",)),
    "tenant": Delivery(("housing",), (18.0, 18.5), (1.0, 1.5), (14, (0.1, 0.65, 0.25, 0)), 2.0,
                       weekdays=(0, 1, 2, 3), topics=("Tenant association meeting",)),
    "business_watch": Delivery(("cafe",), (8.0,), (1.0, 1.0), (18, (0, 0.1, 0, 0.9)),
                               fixed=((0, 1, 2, 1, "Downtown Business Watch breakfast"),)),
    "bicycle": Delivery(("park", "school", "plaza"), (10.0, 13.0, 16.0), (2.0, 3.0), (45, (0.7, 0.3, 0, 0)), 5.0,
                        weekdays=(2, 5, 6), months=(4, 5, 6, 7, 8, 9),
                        topics=("Bike rodeo", "Helmet fitting and giveaway", "Bike registration day")),
    "seniors": Delivery(("senior", "faith", "hall"), (10.0, 13.0), (1.0, 1.5), (28, (0, 0.1, 0.9, 0)), 2.5,
                        weekdays=(1, 2, 3), topics=("Phone and gift-card scams", "Romance scams",
                                                    "Identity theft", "Home safety for seniors")),
    "health": Delivery(("hall", "senior", "hq"), (18.0, 18.5), (1.5, 2.0), (22, (0.05, 0.7, 0.25, 0)), 0.8,
                       weekdays=(1, 2, 3), topics=("Naloxone training", "Safe medicine storage",
                                                   "Hands-only CPR", "Heat safety", "Mental health first aid")),
    "mobile": Delivery(("plaza", "park", "housing"), (11.0, 15.0, 16.0), (3.0, 4.0), (30, (0.2, 0.55, 0.15, 0.1)),
                       3.5, weekdays=(0, 1, 2, 3, 4, 5), officers=(2, 3), topics=("Mobile precinct",)),
    "special_olympics": Delivery(("park", "cafe"), (11.0,), (3.0, 4.0), (120, (0.2, 0.65, 0.1, 0.05)),
                                 fixed=((2, -1, 5, 1, "Polar Plunge"), (5, 2, 3, 1, "Tip-A-Cop dinner"),
                                        (6, 1, 5, 1, "Law Enforcement Torch Run"),
                                        (11, 2, 3, 1, "Tip-A-Cop dinner")), officers=(2, 3)),
    "coffee": Delivery(("cafe",), (7.5, 8.0), (1.5, 2.0), (18, (0.02, 0.6, 0.3, 0.08)), 3.0,
                       weekdays=(1, 2, 3, 4), topics=("Coffee with a Cop",)),
    "nno": Delivery(("park", "housing", "school"), (17.5,), (3.0, 3.0), (250, (0.35, 0.5, 0.15, 0)),
                    fixed=((8, 1, 1, 6, "National Night Out"),), officers=(2, 3)),
    "takeback": Delivery(("hq", "plaza"), (10.0,), (4.0, 4.0), (60, (0, 0.55, 0.45, 0)),
                         fixed=((4, -1, 5, 2, "Drug Take-Back Day"), (10, -1, 5, 2, "Drug Take-Back Day"))),
    "home_survey": Delivery(("hall", "park"), (10.0, 14.0, 16.0), (1.0, 1.5), (3, (0, 0.7, 0.3, 0)), 4.0,
                            officers=(1, 1), topics=("Home security survey",)),
    "basketball": Delivery(("school", "park"), (18.0,), (2.0, 2.0), (35, (0.9, 0.1, 0, 0)), 4.3,
                           weekdays=(1, 3), months=(6, 7, 8), seasonal=False, officers=(2, 3),
                           topics=("Summer league game night",)),
}


def _window(ctx: DemoContext, p: Program) -> tuple[date, date]:
    """Days on which the program could meet: from its start (new programs began inside the data)
    to its end; the paused one stopped four months ago."""
    last = end_date(ctx, p) or ctx.last_day
    if p.status == "paused":
        last = ctx.today - timedelta(days=120)
    return max(ctx.first_day, start_date(ctx, p)), min(last, ctx.last_day)


def _dates(ctx: DemoContext, rng: np.random.Generator, p: Program, d: Delivery) -> list[tuple[date, int, str]]:
    """(day, sites, title) for every event of a scheduled program."""
    first, last = _window(ctx, p)
    out = []
    for month in ctx.months():
        if d.fixed:
            for m, nth, weekday, sites, title in d.fixed:
                if m in (0, month.month):
                    day = nth_weekday(month.year, month.month, weekday, nth)
                    if first <= day <= last:
                        out.append((day, sites, title))
            continue
        if month.month not in d.months:
            continue
        rate = d.per_month * (EVENT_SEASON[month.month - 1] if d.seasonal else 1.0)
        days = [month + timedelta(days=k) for k in range(calendar.monthrange(month.year, month.month)[1])]
        days = [x for x in days if x.weekday() in d.weekdays and first <= x <= last and not is_holiday(x)]
        if days:
            for k in np.sort(rng.choice(len(days), size=int(rng.poisson(rate)))):
                out.append((days[int(k)], 1, pick(rng, d.topics)))
    return out


def _venues(ctx: DemoContext, rng: np.random.Generator, p: Program, d: Delivery, sites: int,
            places: dict[tuple[int, str], list[dict]]) -> list[dict]:
    """Venues in distinct target districts, busier districts more often."""
    def here(code: str) -> list[dict]:
        district_id = ctx.town.by_code(code).id
        return [v for kind in d.venues for v in places.get((district_id, kind), [])]

    codes = [c for c in p.districts if here(c)]
    chosen = rng.choice(len(codes), size=min(sites, len(codes)), replace=False,
                        p=weights([DISTRICT_WEIGHT[c] for c in codes]))
    return [pick(rng, here(codes[int(k)])) for k in chosen]


def headcounts(rng: np.random.Generator, mean: float, shares: Shares) -> list[int]:
    """Headcount by audience: an overdispersed total split by the program's audience mix."""
    total = int(rng.poisson(mean * rng.lognormal(0, 0.3))) if mean else 0
    noisy = np.asarray(shares, dtype=float) * rng.uniform(0.8, 1.2, 4)
    return [int(x) for x in rng.multinomial(total, noisy / noisy.sum())]


def feedback(rng: np.random.Generator, attendance: int, share: float = 0.3) -> tuple[int | None, float | None]:
    """About 30% of events hand out feedback cards; nulls together when none came back."""
    if attendance == 0 or rng.random() >= share:
        return None, None
    responses = max(1, int(rng.binomial(attendance, rng.uniform(0.25, 0.6))))
    return responses, round(float(np.clip(rng.normal(4.4, 0.35), 1, 5)), 1)


def staff(ctx: DemoContext, rng: np.random.Generator, lead: str, district_id: int | None,
          span: tuple[int, int]) -> list[int]:
    """The program lead plus patrol officers of the event's district."""
    crew = [ctx.users[lead]]
    pool = [o["id"] for o in officers_for(ctx, district_id)] if district_id else []
    if lead != "cpo":
        pool.append(ctx.users["cpo"])      # the Crime Prevention officer helps at many events
    pool = [u for u in pool if u not in crew]
    want = int(rng.integers(span[0], span[1] + 1)) - 1
    extra = rng.choice(len(pool), size=min(want, len(pool)), replace=False) if pool else []
    return crew + sorted({pool[int(k)] for k in extra})


def _outcomes(rng: np.random.Generator, key: str, title: str, counts: list[int], month: int) -> dict[str, float]:
    if key == "car_seat":
        inspected = 6 + int(rng.poisson(9 * EVENT_SEASON[month - 1]))
        # national checks find 40-70% of seats installed or used incorrectly
        return {"car_seats_inspected": inspected, "car_seats_incorrect": round(inspected * rng.uniform(0.4, 0.7))}
    if key == "bicycle":
        helmets = round(counts[0] * rng.uniform(0.5, 0.9))
        return {"helmets_given": helmets, "bikes_registered": int(rng.binomial(helmets, 0.45))}
    if key in ("block_watch", "home_survey"):
        # a block watch meeting may sign up no one; a survey visit covers at least one home
        return {"homes_surveyed": int(rng.poisson(1.2)) if key == "block_watch" else 1 + int(rng.poisson(0.5))}
    if key == "takeback":
        return {"medications_collected": round(float(rng.uniform(90, 220)), 1)}
    if key == "special_olympics":
        low, high = {"Polar Plunge": (4000, 9000), "Law Enforcement Torch Run": (1500, 3000)}.get(title, (2500, 5000))
        return {"funds_raised": float(round(rng.uniform(low, high), -1))}
    return {}


def build_events(ctx: DemoContext) -> None:
    rng = ctx.rng("events")
    rows, officers, outcomes, partners = [], [], [], []
    places: dict[tuple[int, str], list[dict]] = {}
    for venue in ctx.town.venues.to_dict("records"):
        places.setdefault((venue["district_id"], venue["kind"]), []).append(venue)
    orgs = ctx.orgs[["id", "key", "name", "district_id"]].to_dict("records")
    for p in PROGRAMS:
        d = DELIVERY.get(p.key)
        if d is None:
            continue
        mine = [o for o in orgs if o["key"] in p.partners]
        for day, sites, title in _dates(ctx, rng, p, d):
            for venue in _venues(ctx, rng, p, d, sites, places):
                start = at(day, pick(rng, d.hours))
                hours = round(float(rng.uniform(*d.duration)) * 4) / 4      # quarter hours
                counts = headcounts(rng, *d.audience)
                responses, rating = feedback(rng, sum(counts))
                district_id = int(venue["district_id"])
                rows.append({
                    "program_id": ctx.programs[p.key], "title": title, "starts_at": start,
                    "ends_at": start + timedelta(hours=hours), "location": venue["name"],
                    "address": venue["address"], "latitude": venue["latitude"], "longitude": venue["longitude"],
                    "district_id": district_id, **dict(zip(HEADCOUNT, counts)),
                    "feedback_responses": responses, "feedback_avg_rating": rating,
                })
                n = len(rows) - 1
                officers += [(n, u, hours) for u in staff(ctx, rng, p.lead, district_id, d.officers)]
                outcomes += [(n, m, v) for m, v in _outcomes(rng, p.key, title, counts, day.month).items()]
                # the host group (school, tenant association, block watch) partners the event
                host = [o for o in mine if o["name"] == venue["name"]] or \
                       [o for o in mine if o["district_id"] == district_id]
                if host and rng.random() < 0.6:
                    partners.append((n, int(pick(rng, host)["id"])))
    rows += _tip_line_summaries(ctx, rng, officers, outcomes, len(rows))
    insert_events(ctx, pd.DataFrame(rows), officers, outcomes, partners)


def _tip_line_summaries(ctx: DemoContext, rng: np.random.Generator, officers: list, outcomes: list,
                        offset: int) -> list[dict]:
    """Crime Stoppers runs continuously: one townwide summary per completed month, no place."""
    rows = []
    for month in ctx.months():
        day = date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
        if day > ctx.last_day:
            continue
        tips = int(rng.poisson(24 * EVENT_SEASON[month.month - 1]))
        arrests = int(rng.binomial(tips, 0.05))
        paid = int(rng.binomial(arrests, 0.6)) * int(pick(rng, (250, 500, 500, 1000)))
        start = at(day, 9.0)
        rows.append({"program_id": ctx.programs["crime_stoppers"], "title": f"Tip line summary, {month:%B %Y}",
                     "starts_at": start, "ends_at": start + timedelta(hours=1),
                     "location": "Crime Stoppers tip line (townwide)", **dict.fromkeys(HEADCOUNT, 0)})
        n = offset + len(rows) - 1
        officers.append((n, ctx.users["cpo"], 1.0))
        outcomes += [(n, "tips_received", tips), (n, "arrests_from_tips", arrests), (n, "rewards_paid", paid)]
    return rows


def insert_events(ctx: DemoContext, frame: pd.DataFrame, officers: list, outcomes: list,
                  partners: list) -> np.ndarray:
    """Insert events (oldest first) and their links; links name events by row position."""
    order = frame.sort_values("starts_at", kind="stable").index.to_numpy()
    ids = np.empty(len(frame), dtype=np.int64)
    ids[order] = ctx.ids("events", len(frame))
    frame = frame.assign(id=ids, non_enforcement=True).loc[order]
    for column in ("district_id", "feedback_responses", "cohort_id", "session_number"):
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    ctx.insert("events", frame)
    ctx.insert("event_officers", pd.DataFrame(
        [{"event_id": ids[n], "user_id": u, "hours": float(h)} for n, u, h in officers]))
    if outcomes:
        ctx.insert("event_outcomes", pd.DataFrame(
            [{"event_id": ids[n], "measure_code": m, "value": float(v)} for n, m, v in outcomes]))
    if partners:
        ctx.insert("event_partners", pd.DataFrame(
            [{"event_id": ids[n], "organization_id": o} for n, o in partners]))
    return ids
