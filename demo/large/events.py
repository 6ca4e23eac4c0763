"""Ten years of program events across Lakeport, built a program at a time, never a row at a time.

Each program keeps its Millbrook delivery pattern (demo.town.events.DELIVERY:
venues, weekdays, months, hours, audience, fixed dates such as National Night
Out), scaled so the events, course sessions and the tip line's monthly
summaries together meet the target. Busier districts host more events.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from demo.large import dates
from demo.large.community import CITYWIDE, GOAL_FACTOR, build_program_partners, program_start, target_districts
from demo.large.context import CityContext
from demo.large.courses import CoursePlan, allocate, feedback, insert_roster
from demo.town.events import DELIVERY, HEADCOUNT, Delivery
from demo.town.organizations import ORGS
from demo.town.programs import PROGRAMS, Program, end_date

ORG_TYPE = {o.key: o.org_type for o in ORGS}
DAY = np.timedelta64(1, "D")
LEAD_SHARE = 0.15                 # the program lead comes to this share of events


def _window(ctx: CityContext, p: Program) -> tuple[np.datetime64, np.datetime64]:
    last = min(end_date(ctx, p) or ctx.last_day, ctx.last_day)
    if p.status == "paused":
        last = min(last, ctx.today - timedelta(days=120))
    return np.datetime64(max(ctx.first_day, program_start(ctx, p))), np.datetime64(last)


def _per_year(d: Delivery) -> float:
    if d.fixed:
        return float(sum((12 if m == 0 else 1) * sites for m, _, _, sites, _ in d.fixed))
    return d.per_month * len(d.months)


def _candidate_days(ctx: CityContext, d: Delivery, window) -> tuple[np.ndarray, np.ndarray, list]:
    """(days, weights, titles or None) on which a program may meet."""
    first, last = window
    if d.fixed:
        months = dates.month_starts(first, last)
        days, weights, titles = [], [], []
        for m, nth, weekday, sites, title in d.fixed:
            chosen = months if m == 0 else months[dates.month_index(months) == m - 1]
            found = dates.nth_weekdays(chosen, weekday, nth)
            found = found[(found >= first) & (found <= last)]
            days.append(found)
            weights.append(np.full(len(found), float(sites)))
            titles += [title] * len(found)
        return np.concatenate(days), np.concatenate(weights), titles
    days = np.arange(first, last + DAY)
    ok = np.isin(dates.weekday(days), d.weekdays) & np.isin(dates.month_index(days) + 1, d.months) \
        & ~dates.holidays(days)
    days = days[ok]
    return days, (dates.season(days) if d.seasonal else np.ones(len(days))), None


def _venues(ctx: CityContext, p: Program, d: Delivery) -> tuple[pd.DataFrame, np.ndarray]:
    """Venues the program may use, weighted so busier districts host more."""
    venues = ctx.city.venues
    targets = target_districts(ctx, p)
    here = venues[venues.kind.isin(d.venues) & venues.district.isin(targets)]
    if here.empty:
        here = venues[(venues.kind == "hq") & venues.district.isin(targets)]
    busy = np.array([ctx.city.districts[i].busy for i in here.district])
    per_district = here.groupby("district")["name"].transform("size").to_numpy()
    return here, busy / per_district


def _schedule(ctx: CityContext, rng: np.random.Generator, p: Program, d: Delivery, n: int) -> pd.DataFrame:
    """n events of one program: day, title and venue (fixed-date programs use each venue once a day)."""
    days, day_weight, titles = _candidate_days(ctx, d, _window(ctx, p))
    venues, venue_weight = _venues(ctx, p, d)
    if d.fixed:
        pairs = np.outer(day_weight, venue_weight).ravel()
        chosen = rng.choice(len(pairs), size=min(n, len(pairs)), replace=False, p=pairs / pairs.sum())
        day_pick, venue_pick = np.divmod(chosen, len(venues))
        title = np.array(titles, dtype=object)[day_pick]
    else:
        day_pick = rng.choice(len(days), size=n, p=day_weight / day_weight.sum())
        venue_pick = rng.choice(len(venues), size=n, p=venue_weight / venue_weight.sum())
        title = np.array(d.topics, dtype=object)[rng.integers(len(d.topics), size=n)]
    place = venues.iloc[venue_pick]
    return pd.DataFrame({"day": days[day_pick], "title": title, "venue": place["name"].to_numpy(),
                         "district": place.district.to_numpy()})


def _capacity(ctx: CityContext, p: Program, d: Delivery) -> int:
    """Most events a fixed-date program can hold (each venue once per date)."""
    if not d.fixed:
        return 1 << 40
    days, _, _ = _candidate_days(ctx, d, _window(ctx, p))
    return len(days) * len(_venues(ctx, p, d)[0])


def _counts(ctx: CityContext, scheduled: list[tuple[Program, Delivery]], total: int) -> list[int]:
    """Events per program: proportional to Millbrook's yearly rate and the years it ran."""
    years = np.array([(w[1] - w[0]) / DAY / 365.25 for w in (_window(ctx, p) for p, _ in scheduled)])
    weights = np.array([_per_year(d) for _, d in scheduled]) * np.maximum(years, 0.05)
    caps = np.array([_capacity(ctx, p, d) for p, d in scheduled])
    total = max(total, len(scheduled))
    counts = np.minimum(np.maximum(allocate(total - len(scheduled), weights) + 1, 1), caps)
    while counts.sum() < total and (counts < caps).any():    # pass what a fixed program cannot hold on
        room = counts < caps
        counts[room] += allocate(total - counts.sum(), weights * room)[room]
        counts = np.minimum(counts, caps)
    return counts.tolist()


def _outcomes(rng: np.random.Generator, key: str, frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """demo.town.events._outcomes, for a whole program's events at once."""
    n = len(frame)
    if key == "car_seat":
        inspected = 6 + rng.poisson(9 * dates.season(frame.day.to_numpy()))
        return {"car_seats_inspected": inspected, "car_seats_incorrect": np.round(inspected * rng.uniform(0.4, 0.7, n))}
    if key == "bicycle":
        helmets = np.round(frame.headcount_youth.to_numpy() * rng.uniform(0.5, 0.9, n)).astype(int)
        return {"helmets_given": helmets, "bikes_registered": rng.binomial(helmets, 0.45)}
    if key == "block_watch":
        return {"homes_surveyed": rng.poisson(1.2, n)}
    if key == "home_survey":
        return {"homes_surveyed": 1 + rng.poisson(0.5, n)}
    if key == "takeback":
        return {"medications_collected": np.round(rng.uniform(90, 220, n), 1)}
    if key == "special_olympics":
        low = frame.title.map({"Polar Plunge": 4000, "Law Enforcement Torch Run": 1500}).fillna(2500).to_numpy()
        high = frame.title.map({"Polar Plunge": 9000, "Law Enforcement Torch Run": 3000}).fillna(5000).to_numpy()
        return {"funds_raised": np.round(rng.uniform(low, high), -1)}
    return {}


def _program_events(ctx: CityContext, rng: np.random.Generator, p: Program, d: Delivery, n: int) -> tuple:
    frame = _schedule(ctx, rng, p, d, n)
    n = len(frame)
    hour = np.array(d.hours)[rng.integers(len(d.hours), size=n)]
    hours = np.round(rng.uniform(*d.duration, n) * 4) / 4
    frame["starts_at"] = dates.timestamps(frame.day.to_numpy(), np.round(hour * 60))
    frame["ends_at"] = frame.starts_at + pd.to_timedelta(hours, unit="h")
    mean, shares = d.audience
    total = rng.poisson(mean * rng.lognormal(0, 0.3, n))
    noisy = np.asarray(shares, dtype=float) * rng.uniform(0.8, 1.2, (n, 4))
    counts = rng.multinomial(total, noisy / noisy.sum(axis=1, keepdims=True))
    for k, column in enumerate(HEADCOUNT):
        frame[column] = counts[:, k]
    frame["feedback_responses"], frame["feedback_avg_rating"] = feedback(rng, total, 0.3)
    frame["program_id"] = ctx.programs[p.key]
    frame["hours"] = hours
    outcomes = _outcomes(rng, p.key, frame)
    return frame, outcomes


def _crew(ctx: CityContext, rng: np.random.Generator, events: pd.DataFrame, spans: np.ndarray,
          lead: np.ndarray) -> pd.DataFrame:
    """Officers of the event's district (span per event), and now and then the program lead."""
    staff = ctx.staff
    placed = np.nonzero(events.district.to_numpy() >= 0)[0]
    size = rng.integers(spans[placed, 0], spans[placed, 1] + 1)
    row = np.repeat(placed, size)
    district = events.district.to_numpy()[row]
    crew = pd.DataFrame({"row": row, "user_id": staff.ids[staff.covering(rng, district)]})
    with_lead = np.nonzero(rng.random(len(events)) < LEAD_SHARE)[0]
    crew = pd.concat([crew, pd.DataFrame({"row": with_lead, "user_id": lead[with_lead]})], ignore_index=True)
    return crew.drop_duplicates(["row", "user_id"], ignore_index=True)


def _hosts(ctx: CityContext, rng: np.random.Generator, p: Program, frame: pd.DataFrame) -> np.ndarray:
    """The group that partners each event (the school, church or tenants at the venue, else a local
    group of a type the program works with); -1 where none did (about 40%)."""
    types = {ORG_TYPE[k] for k in p.partners if k not in CITYWIDE}
    orgs = ctx.orgs[ctx.orgs.org_type.isin(types) & ctx.orgs.active & (ctx.orgs.district >= 0)]
    host = np.full(len(frame), -1, dtype=np.int64)
    if orgs.empty:
        return host
    at_venue = orgs.assign(venue=orgs.name.str.replace(" Tenants Association", "")).set_index(["venue", "district"])
    at_venue = at_venue[~at_venue.index.duplicated()]["id"]
    found = at_venue.reindex(pd.MultiIndex.from_arrays([frame.venue, frame.district])).to_numpy()
    orgs = orgs.sort_values("district", kind="stable")
    start = np.searchsorted(orgs.district.to_numpy(), np.arange(len(ctx.city.districts) + 1))
    district = frame.district.to_numpy()
    size = np.diff(start)[district]
    local = orgs.id.to_numpy()[np.minimum(start[district] + (rng.random(len(frame)) * size).astype(int),
                                          len(orgs) - 1)]
    host = np.where(~pd.isna(found), np.nan_to_num(found.astype(float), nan=-1).astype(np.int64),
                    np.where(size > 0, local, -1))
    return np.where(rng.random(len(frame)) < 0.6, host, -1)


def _tip_line(ctx: CityContext, rng: np.random.Generator) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """Crime Stoppers runs continuously: one citywide summary per completed month, no place."""
    months = dates.month_starts(ctx.first_day, ctx.last_day)
    last = (months.astype("datetime64[M]") + 1).astype("datetime64[D]") - DAY
    months, last = months[last <= np.datetime64(ctx.last_day)], last[last <= np.datetime64(ctx.last_day)]
    n = len(months)
    starts = dates.timestamps(last, np.full(n, 9 * 60))
    frame = pd.DataFrame({
        "day": last, "title": [f"Tip line summary, {m:%B %Y}" for m in pd.to_datetime(months)],
        "venue": "Crime Stoppers tip line (citywide)", "district": -1, "starts_at": starts,
        "ends_at": starts + np.timedelta64(1, "h"), **{c: 0 for c in HEADCOUNT},
        "feedback_responses": pd.array([None] * n, dtype="Int64"), "feedback_avg_rating": np.nan,
        "program_id": ctx.programs["crime_stoppers"], "hours": 1.0,
    })
    tips = rng.poisson(max(1.0, 24 * GOAL_FACTOR * ctx.scale) * dates.season(months))
    arrests = rng.binomial(tips, 0.05)
    paid = rng.binomial(arrests, 0.6) * np.array([250, 500, 500, 1000])[rng.integers(4, size=n)]
    return frame, {"tips_received": tips, "arrests_from_tips": arrests, "rewards_paid": paid}


def build_events(ctx: CityContext, plan: CoursePlan) -> None:
    """Insert every event (scheduled, tip line and course sessions), their officers, outcomes and
    partners, the programs' partners, and the course rosters; one statement per table."""
    rng = ctx.rng("events")
    scheduled = [(p, DELIVERY[p.key]) for p in PROGRAMS if p.key in DELIVERY]
    tips, tip_outcomes = _tip_line(ctx, rng)
    counts = _counts(ctx, scheduled, ctx.target("events") - len(plan.sessions) - len(tips))
    frames, outcomes, hosts, spans, leads = [], [], [], [], []
    offset = 0
    for (p, d), n in zip(scheduled, counts):
        frame, measures = _program_events(ctx, rng, p, d, n)
        frames.append(frame)
        outcomes += [pd.DataFrame({"row": offset + np.arange(len(frame)), "measure_code": m, "value": v})
                     for m, v in measures.items()]
        host = _hosts(ctx, rng, p, frame)
        hosts.append(pd.DataFrame({"row": offset + np.nonzero(host >= 0)[0], "organization_id": host[host >= 0],
                                   "program_id": ctx.programs[p.key]}))
        spans.append(np.tile(d.officers, (len(frame), 1)))
        leads.append(np.full(len(frame), ctx.users[p.lead]))
        offset += len(frame)
    outcomes += [pd.DataFrame({"row": offset + np.arange(len(tips)), "measure_code": m, "value": v})
                 for m, v in tip_outcomes.items()]
    events = pd.concat([*frames, tips, plan.sessions.drop(columns="district_id").assign(hours=2.5)],
                       ignore_index=True)
    spans.append(np.tile((1, 1), (len(tips), 1)))
    leads.append(np.full(len(tips), ctx.users["cpo"]))
    n_scheduled = offset + len(tips)

    crew = _crew(ctx, rng, events.iloc[:offset], np.concatenate(spans[:len(frames)]), np.concatenate(leads[:len(frames)]))
    crew = pd.concat([crew, pd.DataFrame({"row": offset + np.arange(len(tips)), "user_id": ctx.users["cpo"]}),
                      plan.officers.assign(row=plan.officers.row + n_scheduled)], ignore_index=True)

    # ids in time order, so an event's id grows with its date
    order = np.argsort(events.starts_at.to_numpy(), kind="stable")
    ids = np.empty(len(events), dtype=np.int64)
    ids[order] = ctx.ids("events", len(events))
    district = events.district.to_numpy()
    table = events.assign(
        id=ids, location=events.venue, non_enforcement=True,
        district_id=pd.array(np.where(district >= 0, ctx.city.ids[np.maximum(district, 0)], 0), dtype="Int64"),
        cohort_id=events.cohort_id.astype("Int64"),
        session_number=events.session_number.astype("Int64"))
    table.loc[district < 0, "district_id"] = pd.NA
    _place(ctx, table)
    columns = ["id", "program_id", "cohort_id", "session_number", "title", "starts_at", "ends_at", "location",
               "address", "latitude", "longitude", "district_id", *HEADCOUNT, "feedback_responses",
               "feedback_avg_rating", "non_enforcement"]
    ctx.insert("events", table[columns].iloc[order])
    hours = events.hours.to_numpy()
    ctx.insert("event_officers", pd.DataFrame({"event_id": ids[crew.row], "user_id": crew.user_id,
                                               "hours": hours[crew.row]}).sort_values(["event_id", "user_id"]))
    outcome = pd.concat(outcomes, ignore_index=True)
    ctx.insert("event_outcomes", pd.DataFrame({"event_id": ids[outcome.row], "measure_code": outcome.measure_code,
                                               "value": outcome.value.astype(float)}))
    host = pd.concat(hosts, ignore_index=True)
    ctx.insert("event_partners", pd.DataFrame({"event_id": ids[host.row], "organization_id": host.organization_id}))
    build_program_partners(ctx, host)
    insert_roster(ctx, plan, ids[n_scheduled + np.arange(len(plan.sessions))])


def _place(ctx: CityContext, table: pd.DataFrame) -> None:
    """Address and point of each scheduled event from its venue (sessions carry their own)."""
    venues = ctx.city.venues.set_index(["name", "district"])
    venues = venues[~venues.index.duplicated()]
    key = pd.MultiIndex.from_arrays([table.location, table.district])
    found = venues.reindex(key)
    missing = table.cohort_id.isna().to_numpy()
    for column in ("address", "latitude", "longitude"):
        table[column] = np.where(missing, found[column].to_numpy(), table[column].to_numpy())
    table["address"] = table.address.astype("str")
    table["latitude"] = table.latitude.astype(float)
    table["longitude"] = table.longitude.astype(float)
