"""Community concerns and the department's response history.

Older concerns are mostly resolved or closed, recent ones still open, so the
open-concerns queue and the response-time figures both look lived-in.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd

from core.vocabulary import label
from demo.town import names
from demo.town.base import DemoContext, pick, weights
from demo.town.people import officers_for

COUNT = 200
STATUSES = ("new", "assigned", "in_progress", "referred", "resolved", "closed")
CHANNELS = ("phone", "email", "walk_in", "community_meeting", "officer", "online", "letter")
CHANNEL_WEIGHTS = weights([35, 15, 8, 12, 12, 13, 5])
CATEGORIES = {
    # category: (weight, description, city department it is referred to)
    "motor_vehicle": (8, "Cars cutting through and running the stop sign", "traffic_engineering"),
    "speeding": (16, "Vehicles speeding, especially at school arrival and dismissal", "traffic_engineering"),
    "parking": (10, "Cars parked on the sidewalk and blocking driveways", "traffic_engineering"),
    "disorderly_group": (10, "Group gathering late at night, loud and drinking", "parks"),
    "blight": (8, "Vacant house with overgrown yard and broken windows", "housing_blight"),
    "noise": (9, "Loud music and parties on weeknights", "other"),
    "drug_activity": (9, "Suspected hand-to-hand sales from a parked car", None),
    "graffiti": (7, "Graffiti on the retaining wall and bus shelter", "public_works"),
    "lighting": (6, "Street lights out along the block for weeks", "public_works"),
    "suspicious_activity": (10, "People checking car door handles overnight", None),
    "other": (5, "Loose dogs in the neighborhood", "other"),
}
RESPONSES = (
    "Directed patrols for two weeks; no further complaints.",
    "Speed trailer deployed and selective enforcement on the street.",
    "Officer met the reporter and the property owner; issue corrected.",
    "City department completed the repair; reporter notified.",
    "Added to the district's shift briefing; activity has stopped.",
)
DISTRICT_WEIGHT = {"D1": 0.26, "D2": 0.2, "D3": 0.1, "D4": 0.17, "D5": 0.18, "D6": 0.09}


def _status(rng: np.random.Generator, age_days: int) -> str:
    if age_days > 90:
        p = [0, 0, 0.03, 0.07, 0.55, 0.35]
    elif age_days > 30:
        p = [0, 0.1, 0.15, 0.2, 0.4, 0.15]
    else:
        p = [0.3, 0.3, 0.2, 0.1, 0.1, 0]
    return STATUSES[int(rng.choice(len(STATUSES), p=p))]


def _covering(rng: np.random.Generator, options: tuple[str, ...], p: np.ndarray, n: int) -> np.ndarray:
    """n draws that include every option at least once, in random places."""
    draws = np.array(options, dtype=object)[rng.choice(len(options), size=n, p=p)]
    draws[rng.choice(n, size=len(options), replace=False)] = options
    return draws


def build_concerns(ctx: DemoContext) -> None:
    rng = ctx.rng("concerns")
    town, orgs = ctx.town, ctx.orgs
    span = (ctx.last_day - ctx.first_day).days
    received = sorted(ctx.first_day + timedelta(days=int(d)) for d in rng.integers(0, span + 1, COUNT))
    statuses = [_status(rng, (ctx.today - d).days) for d in received]
    for k, status in enumerate(STATUSES):       # make sure every status shows up
        if status not in statuses:
            statuses[len(statuses) - 1 - k * 3] = status
    categories = _covering(rng, tuple(CATEGORIES), weights([c[0] for c in CATEGORIES.values()]), COUNT)
    channels = _covering(rng, CHANNELS, CHANNEL_WEIGHTS, COUNT)
    codes = list(DISTRICT_WEIGHT)
    # neighborhood groups raise concerns at their meetings
    active = orgs[orgs.active & orgs.org_type.isin(["block_watch", "tenant_group", "business_watch", "civic"])
                  & orgs.district_id.notna()]
    groups = {int(d): g["id"].astype(int).tolist() for d, g in active.groupby("district_id")}
    rows, updates = [], []
    for k, (day, status, category, channel) in enumerate(zip(received, statuses, categories, channels)):
        i = town.index(town.by_code(pick(rng, codes, weights(list(DISTRICT_WEIGHT.values())))).id)
        district = town.districts[i]
        x, y = town.points(rng, i, 1, hotspot_share=0.4)
        officers = officers_for(ctx, district.id)
        officer = officers[int(rng.integers(len(officers)))]
        anonymous = channel not in ("officer", "community_meeting", "walk_in") and rng.random() < 0.18
        first, last = names.people(rng, 1)
        local = groups.get(district.id, [])
        org = pick(rng, local) if local and (channel == "community_meeting" or rng.random() < 0.08) else None
        resolved = day + timedelta(days=int(rng.integers(1, 45))) if status in ("resolved", "closed") else None
        resolved = min(resolved, ctx.last_day) if resolved else None
        referral = CATEGORIES[category][2] or "other"
        referred = referral if status == "referred" or (status == "resolved" and rng.random() < 0.25) else None
        contact = names.phones(rng, 1)[0] if rng.random() < 0.6 else names.email(first[0], last[0])
        rows.append({
            "received_on": day, "channel": channel, "organization_id": org, "anonymous": anonymous,
            "reporter_name": None if anonymous or channel == "officer" else f"{first[0]} {last[0]}",
            "reporter_contact": None if anonymous or channel == "officer" else contact,
            "category": category, "description": CATEGORIES[category][1],
            "location": f"{town.addresses(rng, i, 1)[0]} ({district.name})",
            "latitude": float(y[0]), "longitude": float(x[0]), "district_id": district.id,
            "assigned_officer_id": None if status == "new" else officer["id"],
            "referred_to": referred, "status": status, "resolved_on": resolved,
            "response_given": pick(rng, RESPONSES) if resolved else None,
            "reported_by_id": officer["id"] if channel == "officer" else None,
        })
        updates += [(k, *u) for u in _history(rng, ctx, day, status, resolved, channel, officer, referred)]
    frame = pd.DataFrame(rows)
    for column in ("organization_id", "assigned_officer_id", "reported_by_id"):
        frame[column] = frame[column].astype("Int64")
    ids = ctx.ids("concerns", len(frame))
    frame.insert(0, "id", ids)
    ctx.insert("concerns", frame)
    history = pd.DataFrame(updates, columns=["row", "at_utc", "by_user", "status", "note"])
    history.insert(0, "concern_id", ids[history.pop("row").to_numpy()])
    history.insert(0, "id", ctx.ids("concern_updates", len(history)))
    ctx.insert("concern_updates", history)


def _history(rng: np.random.Generator, ctx: DemoContext, received: date, status: str, resolved: date | None,
             channel: str, officer: dict, referred: str | None) -> list[tuple[datetime, str, str, str]]:
    """1-4 updates that walk the concern to its current status."""
    steps = {"new": ["new"], "assigned": ["new", "assigned"], "in_progress": ["new", "assigned", "in_progress"],
             "referred": ["new", "assigned", "referred"]}.get(status)
    if status == "resolved":
        steps = ["new", "assigned", "in_progress", "resolved"] if rng.random() < 0.5 else ["new", "assigned", "resolved"]
    elif status == "closed":
        steps = pick(rng, (["new", "closed"], ["new", "assigned", "closed"], ["new", "assigned", "resolved", "closed"]))
    end = resolved or min(received + timedelta(days=30), ctx.last_day)
    # update times in UTC during the office day (13:00-21:00 UTC is 8/9 am to 4/5 pm local)
    offsets = np.sort(rng.uniform(0, (end - received).days + 1, len(steps)))
    offsets[0] = 0
    if resolved:
        offsets[-1] = (resolved - received).days
    times = sorted(datetime.combine(received + timedelta(days=int(offset)), time(13))
                   + timedelta(minutes=int(rng.integers(0, 480))) for offset in offsets)
    out = []
    for step, at in zip(steps, times):
        by = officer["username"] if step in ("in_progress", "resolved") else "cpo"
        note = {
            "new": f"Received by {label('concern_channel', channel).lower()}.",
            "assigned": f"Assigned to {officer['name']} for follow-up.",
            "in_progress": "Officer contacted the reporter; directed patrol scheduled.",
            "referred": f"Referred to {label('referral', referred or 'other')}.",
            "resolved": "Resolved; reporter informed of the outcome.",
            "closed": "Closed after follow-up.",
        }[step]
        out.append((at, by, step, note))
    return out
