"""Community concerns over ten years and the department's response history, as whole columns.

The small demo's rules (demo.town.concerns): older concerns are mostly
resolved or closed, recent ones open; anonymous reporters leave no name;
groups raise concerns at their meetings; every concern's history walks from
"new" to its current status, the last step on the day it was resolved.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.vocabulary import CONCERN_CHANNELS, REFERRALS
from demo.large import dates, people
from demo.large.context import CityContext
from demo.town.concerns import CATEGORIES, CHANNEL_WEIGHTS, CHANNELS, RESPONSES, STATUSES

DAY = np.timedelta64(1, "D")
# status chances by age: over 90 days, 31-90 days, 30 days or less (as the small demo's _status)
STATUS_BY_AGE = np.array([[0, 0, 0.03, 0.07, 0.55, 0.35], [0, 0.1, 0.15, 0.2, 0.4, 0.15], [0.3, 0.3, 0.2, 0.1, 0.1, 0]])
# the ways a concern reaches its status (the small demo's _history steps)
PATHS = (("new",), ("new", "assigned"), ("new", "assigned", "in_progress"), ("new", "assigned", "referred"),
         ("new", "assigned", "in_progress", "resolved"), ("new", "assigned", "resolved"),
         ("new", "closed"), ("new", "assigned", "closed"), ("new", "assigned", "resolved", "closed"))
FIXED_NOTES = {"in_progress": "Officer contacted the reporter; directed patrol scheduled.",
               "resolved": "Resolved; reporter informed of the outcome.", "closed": "Closed after follow-up."}
RAISING_GROUPS = ["block_watch", "tenant_group", "business_watch", "civic"]


def _inverse_cdf(rng: np.random.Generator, p: np.ndarray) -> np.ndarray:
    """One draw per row of a matrix of probabilities."""
    return np.minimum((rng.random(len(p))[:, None] > np.cumsum(p, axis=1)).sum(axis=1), p.shape[1] - 1)


def _groups(ctx: CityContext, rng: np.random.Generator, district: np.ndarray) -> np.ndarray:
    """An active neighbourhood group of each row's district (-1 where there is none)."""
    orgs = ctx.orgs[ctx.orgs.active & ctx.orgs.org_type.isin(RAISING_GROUPS) & (ctx.orgs.district >= 0)]
    orgs = orgs.sort_values("district", kind="stable")
    start = np.searchsorted(orgs.district.to_numpy(), np.arange(len(ctx.city.districts) + 1))
    size = np.diff(start)[district]
    pick = np.minimum(start[district] + (rng.random(len(district)) * size).astype(int), len(orgs) - 1)
    return np.where(size > 0, orgs.id.to_numpy()[pick], -1)


def build_concerns(ctx: CityContext) -> None:
    rng = ctx.rng("concerns")
    city, staff = ctx.city, ctx.staff
    n = ctx.target("concerns")
    days = ctx.day_range()
    growth = 1 + 0.08 * (days - days[0]) / DAY / 365.25          # the 311-style intake keeps growing
    received = np.sort(days[rng.choice(len(days), size=n, p=growth / growth.sum())])
    age = (np.datetime64(ctx.today) - received) // DAY
    status = _inverse_cdf(rng, STATUS_BY_AGE[np.where(age > 90, 0, np.where(age > 30, 1, 2))])
    categories = list(CATEGORIES)
    category = rng.choice(len(categories), size=n, p=city.weights([c[0] for c in CATEGORIES.values()]))
    channel = rng.choice(len(CHANNELS), size=n, p=CHANNEL_WEIGHTS)
    district = rng.choice(len(city.districts), size=n, p=city.weights([d.busy for d in city.districts]))
    lon, lat = city.points(rng, district, 0.4)
    officer = staff.covering(rng, district)
    channel_name = np.array(CHANNELS)[channel]
    anonymous = ~np.isin(channel_name, ["officer", "community_meeting", "walk_in"]) & (rng.random(n) < 0.18)
    named = ~anonymous & (channel_name != "officer")
    person = people.people(rng, n)
    reporter = np.asarray(people.full_names(person), dtype=object)
    contact = np.where(rng.random(n) < 0.6, np.asarray(people.phones(rng, n), dtype=object),
                       people.emails(rng, person, numbered=False).to_numpy(dtype=object))
    group = _groups(ctx, rng, district)
    group = np.where((channel_name == "community_meeting") | (rng.random(n) < 0.08), group, -1)
    done = np.isin(np.array(STATUSES)[status], ["resolved", "closed"])
    resolved = np.minimum(received + rng.integers(1, 45, n) * DAY, np.datetime64(ctx.last_day))
    referral = np.array([c[2] or "other" for c in CATEGORIES.values()], dtype=object)[category]
    refer = (np.array(STATUSES)[status] == "referred") | ((np.array(STATUSES)[status] == "resolved")
                                                          & (rng.random(n) < 0.25))
    numbers, streets = city.street_numbers(rng, district)
    district_name = [d.name for d in city.districts]
    officer_id = staff.ids[officer]
    frame = pd.DataFrame({
        "id": ctx.ids("concerns", n), "received_on": received,
        "channel": pd.Categorical.from_codes(channel, CHANNELS),
        "organization_id": pd.array(np.where(group >= 0, group, 0), dtype="Int64"),
        "anonymous": anonymous, "reporter_name": np.where(named, reporter, None),
        "reporter_contact": np.where(named, contact, None),
        "category": pd.Categorical.from_codes(category, categories),
        "description": pd.Categorical.from_codes(category, [c[1] for c in CATEGORIES.values()]),
        "location": people.joined(numbers, " ", streets, " (", np.array(district_name)[district], ")"),
        "latitude": lat, "longitude": lon, "district_id": city.ids[district],
        "assigned_officer_id": pd.array(officer_id, dtype="Int64"),
        "referred_to": np.where(refer, referral, None),
        "status": pd.Categorical.from_codes(status, STATUSES),
        "resolved_on": pd.Series(resolved).where(done),
        "response_given": np.where(done, np.array(RESPONSES, dtype=object)[rng.integers(len(RESPONSES), size=n)], None),
        "reported_by_id": pd.array(officer_id, dtype="Int64"),
    })
    frame.loc[group < 0, "organization_id"] = pd.NA
    frame.loc[status == 0, "assigned_officer_id"] = pd.NA
    frame.loc[channel_name != "officer", "reported_by_id"] = pd.NA
    ctx.insert("concerns", frame)
    _history(ctx, rng, frame, status, officer, channel_name)


def _history(ctx: CityContext, rng: np.random.Generator, concerns: pd.DataFrame, status: np.ndarray,
             officer: np.ndarray, channel: np.ndarray) -> None:
    """1-4 updates per concern that walk it to its current status."""
    staff = ctx.staff
    n = len(concerns)
    # which path: by status, with the small demo's alternatives for resolved and closed
    path = np.array([0, 1, 2, 3, 4, 6])[status]
    path = np.where((status == 4) & (rng.random(n) < 0.5), 5, path)
    path = np.where(status == 5, 6 + rng.integers(0, 3, n), path)
    length = np.array([len(p) for p in PATHS])[path]
    row = np.repeat(np.arange(n), length)
    step = np.arange(len(row)) - np.repeat(np.cumsum(length) - length, length)
    steps = np.array([[*p, *[""] * (4 - len(p))] for p in PATHS], dtype=object)[path[row], step]

    received = concerns.received_on.to_numpy().astype("datetime64[D]")
    resolved = concerns.resolved_on.to_numpy().astype("datetime64[D]")
    has_end = ~np.isnat(resolved)
    end = np.where(has_end, resolved, np.minimum(received + 30 * DAY, np.datetime64(ctx.last_day)))
    span = ((end - received) // DAY + 1)[row]
    offset = np.floor(rng.uniform(0, span)).astype(int)
    offset = np.where(step == 0, 0, offset)
    last = step == length[row] - 1
    gap = (np.where(has_end, resolved, received) - received) // DAY
    offset = np.where(last & has_end[row], gap[row], offset)
    # during the office day (13:00-21:00 UTC), then in time order within each concern
    at = dates.timestamps(received[row] + np.minimum(offset, span - 1) * DAY,
                          13 * 60 + rng.integers(0, 480, len(row)))
    order = np.lexsort((at, row))
    at = at[order]                              # rows stay grouped; steps keep their path order

    officer_name = np.array(staff.names, dtype=object)[officer][row]
    note = np.select(
        [steps == "new", steps == "assigned", steps == "referred"],
        ["Received by " + pd.Series(channel[row]).map(CONCERN_CHANNELS).str.lower().to_numpy(dtype=object) + ".",
         "Assigned to " + officer_name + " for follow-up.",
         "Referred to " + pd.Series(concerns.referred_to.to_numpy()[row]).fillna("other").map(REFERRALS)
         .to_numpy(dtype=object) + "."],
        default=pd.Series(steps).map(FIXED_NOTES).to_numpy(dtype=object))
    by = np.where(np.isin(steps, ["in_progress", "resolved"]),
                  np.array(staff.usernames, dtype=object)[officer][row], "cpo")
    frame = pd.DataFrame({"id": ctx.ids("concern_updates", len(row)), "concern_id": concerns.id.to_numpy()[row],
                          "at_utc": at, "by_user": by, "status": steps, "note": note})
    ctx.insert("concern_updates", frame)
