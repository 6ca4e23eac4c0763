"""A year of patrol officers' personal community contacts, logged shift by shift."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from demo.town.base import EVENT_SEASON, DemoContext, weights

KINDS = ("business_check", "resident", "youth", "school", "community_meeting",
         "park_and_walk", "faith", "senior", "other")
# what an officer can do on each shift: schools and seniors by day, business checks at night
KIND_WEIGHTS = {
    "day": weights([20, 22, 6, 12, 5, 15, 4, 10, 6]),
    "evening": weights([25, 22, 14, 2, 10, 15, 4, 2, 6]),
    "night": weights([60, 15, 5, 0, 0, 12, 0, 0, 8]),
}
# contacts per entry (inclusive range) by kind
COUNTS = {"business_check": (1, 4), "resident": (1, 4), "youth": (2, 8), "school": (3, 10),
          "community_meeting": (5, 10), "park_and_walk": (2, 8), "faith": (1, 5), "senior": (1, 5),
          "other": (1, 3)}
SHIFTS = ("day", "evening", "night")
NOTES = {
    "business_check": "Checked in with staff; updated keyholder info.",
    "resident": "Resident asked about recent car break-ins.",
    "youth": "Talked with teens at the basketball court.",
    "school": "Lunch visit with students.",
    "community_meeting": "Attended neighborhood meeting; took questions.",
    "park_and_walk": "Parked and walked the block; spoke with residents.",
}


def build_contact_log(ctx: DemoContext) -> None:
    rng = ctx.rng("contact_log")
    days = np.array([ctx.last_day - timedelta(days=k) for k in range(365)][::-1])
    season = EVENT_SEASON[[d.month - 1 for d in days]]
    frames = []
    for officer in ctx.officers:
        worked = rng.random(len(days)) < 0.55                   # four or so shifts a week, less leave
        per_shift = rng.poisson(1.2 * season) * worked
        day = np.repeat(days, per_shift)
        n = len(day)
        # mostly their own shift; the odd overtime shift in another
        shift = np.where(rng.random(n) < 0.92, officer["shift"], np.array(SHIFTS)[rng.integers(0, 3, n)])
        districts = officer["districts"]
        primary = rng.random(n) < (0.75 if len(districts) > 1 else 1.0)
        district = np.where(primary, districts[0], districts[-1])
        kind = np.array([KINDS[rng.choice(len(KINDS), p=KIND_WEIGHTS[s])] for s in shift])
        low = np.array([COUNTS[k][0] for k in kind])
        high = np.array([COUNTS[k][1] for k in kind])
        frames.append(pd.DataFrame({
            "officer_id": officer["id"], "contact_date": day, "shift": shift, "district_id": district,
            "kind": kind, "contact_count": rng.integers(low, high + 1),
            # community contact is non-enforcement; now and then it ended in a warning or citation
            "non_enforcement": rng.random(n) < 0.93,
            "created_by": officer["username"],
        }))
    frame = pd.concat(frames, ignore_index=True).sort_values(["contact_date", "officer_id"], kind="stable")
    frame["location"] = _locations(ctx, rng, frame)
    frame["notes"] = [NOTES.get(k) if rng.random() < 0.15 else None for k in frame.kind]
    frame.insert(0, "id", ctx.ids("contact_log", len(frame)))
    ctx.insert("contact_log", frame)


def _locations(ctx: DemoContext, rng: np.random.Generator, frame: pd.DataFrame) -> list[str | None]:
    """Business checks name the business; about half of the other entries give a street."""
    out = []
    businesses = ctx.businesses
    by_district = {d: g["name"].tolist() for d, g in businesses.groupby("district_id")}
    for kind, district_id in zip(frame.kind, frame.district_id):
        if kind == "business_check":
            choices = by_district[district_id]
            out.append(choices[int(rng.integers(len(choices)))])
        elif rng.random() < 0.5:
            streets = ctx.town.districts[ctx.town.index(int(district_id))].streets
            out.append(streets[int(rng.integers(len(streets)))])
        else:
            out.append(None)
    return out
