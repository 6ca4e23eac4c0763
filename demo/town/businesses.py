"""The patrol business list: about 300 businesses and their contact persons.

Most entries were verified by a district officer within the last year, about
a quarter are overdue (older than a year) and a few were never verified, so
the "verify your district's list" screens have work to show.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from demo.town import names
from demo.town.base import DemoContext, weights
from demo.town.people import officers_for

PER_DISTRICT = {"D1": 95, "D2": 50, "D3": 25, "D4": 50, "D5": 45, "D6": 35}
CONTACT_ROLES = ("owner", "manager", "employee")


def build_businesses(ctx: DemoContext) -> None:
    rng = ctx.rng("businesses")
    town = ctx.town
    frames = []
    for i, d in enumerate(town.districts):
        n = PER_DISTRICT[d.code]
        # businesses line the commercial streets: most sit near the district's hotspots
        x, y = town.points(rng, i, n, hotspot_share=0.5, spread=0.004)
        frames.append(pd.DataFrame({"district_id": d.id, "longitude": x, "latitude": y,
                                    "address": town.addresses(rng, i, n)}))
    frame = pd.concat(frames, ignore_index=True)
    n = len(frame)
    categories = list(names.BUSINESS_CATEGORIES)
    shares = weights([names.BUSINESS_CATEGORIES[c][0] for c in categories])
    frame["category"] = [categories[int(k)] for k in rng.choice(len(categories), size=n, p=shares)]
    frame["name"] = names.business_names(rng, frame["category"].tolist())
    frame["dba"] = None
    frame["main_phone"] = names.phones(rng, n)

    # verification: ~72% within a year, ~25% overdue (13-30 months), ~3% never
    kind = rng.choice(3, size=n, p=[0.72, 0.25, 0.03])
    age_days = np.where(kind == 0, rng.integers(1, 365, n), rng.integers(395, 900, n))
    verified_on, verified_by = [], []
    for k, district_id, age in zip(kind, frame.district_id, age_days):
        if k == 2:
            verified_on.append(None)
            verified_by.append(None)
            continue
        verified_on.append(ctx.today - timedelta(days=int(age)))
        pool = officers_for(ctx, int(district_id))
        verified_by.append(pool[int(rng.integers(len(pool)))]["username"])
    frame["last_verified_on"] = verified_on
    frame["last_verified_by"] = verified_by
    frame.insert(0, "id", ctx.ids("businesses", n))
    ctx.insert("businesses", frame[["id", "name", "dba", "address", "category", "main_phone", "district_id",
                                    "latitude", "longitude", "last_verified_on", "last_verified_by"]])
    ctx.insert("business_verifications", verification_history(frame, ctx.today))
    ctx.businesses = frame[["id", "name", "district_id"]]
    _contacts(ctx, rng, frame)


def verification_history(businesses: pd.DataFrame, today, years: int = 3) -> pd.DataFrame:
    """Each business's latest verification and the yearly checks before it, back `years` years.

    Earlier checks fall about a year apart (365 days, give or take up to a month, varying by
    business and year), by the latest verifier; no random draws, so the rest of the demo is unchanged.
    """
    latest = businesses.dropna(subset=["last_verified_on"])
    ids = latest["id"].to_numpy(dtype=np.int64)
    last = pd.to_datetime(latest["last_verified_on"]).to_numpy(dtype="datetime64[D]")
    oldest = np.datetime64(today, "D") - np.timedelta64(365 * years, "D")
    frames = []
    for k in range(years + 1):
        jitter = ((ids * 37 + k * 11) % 61 - 30) if k else np.zeros(len(ids), dtype=np.int64)
        on = last - (365 * k + jitter).astype("timedelta64[D]")
        keep = on >= oldest
        frames.append(pd.DataFrame({"business_id": ids[keep], "verified_on": on[keep],
                                    "verified_by": latest["last_verified_by"].to_numpy()[keep]}))
    return pd.concat(frames, ignore_index=True).sort_values(["verified_on", "business_id"], ignore_index=True)


def _contacts(ctx: DemoContext, rng: np.random.Generator, businesses: pd.DataFrame) -> None:
    """1-3 contacts each; ~70% of businesses have someone to call after hours."""
    rows = []
    for business_id in businesses.id:
        count = int(rng.choice([1, 2, 3], p=[0.3, 0.45, 0.25]))
        roles = ["owner"] + [CONTACT_ROLES[int(k)] for k in rng.integers(1, 3, size=count - 1)]
        after_hours = rng.random() < 0.7
        if after_hours and count > 1 and rng.random() < 0.75:
            roles[-1] = "keyholder"
        for k, role in enumerate(roles):
            rows.append({"business_id": int(business_id), "role": role,
                         # keyholders are called out after hours; otherwise the owner takes the call
                         "after_hours": role == "keyholder" or (after_hours and k == 0 and "keyholder" not in roles)})
    frame = pd.DataFrame(rows)
    first, last = names.people(rng, len(frame))
    frame["name"] = [f"{f} {s}" for f, s in zip(first, last)]
    frame["phone"] = names.phones(rng, len(frame))
    frame["alt_phone"] = [p if rng.random() < 0.3 else None for p in names.phones(rng, len(frame))]
    frame["email"] = [names.email(f, s) if rng.random() < 0.6 else None for f, s in zip(first, last)]
    frame.insert(0, "id", ctx.ids("business_contacts", len(frame)))
    ctx.insert("business_contacts", frame)
