"""The patrol business list: tens of thousands of businesses and two contact persons each on average.

The same rules as the small demo (demo.town.businesses): most verified by a
district officer within the year, a quarter overdue, a few never; businesses
cluster on the commercial corners; most have someone to call after hours.
Names repeat across a city this size (there is more than one "Corner Market").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from demo.large import people
from demo.large.context import CityContext
from demo.town import names
from demo.town.businesses import CONTACT_ROLES, verification_history

KEYHOLDER = len(CONTACT_ROLES)          # role code after owner, manager, employee
COMMERCE = {"D1": 2.2, "D2": 1.0, "D3": 0.5, "D4": 1.7, "D5": 0.9, "D6": 0.8}


def _names(ctx: CityContext, rng: np.random.Generator, category: np.ndarray, district: np.ndarray) -> list[str]:
    """'<stem> <noun>', "<Surname>'s <noun>" or '<neighbourhood> <noun>', the noun fitting the trade."""
    categories = list(names.BUSINESS_CATEGORIES)
    nouns = [names.BUSINESS_CATEGORIES[c][1] for c in categories]
    stems = [s.replace("Millbrook", ctx.city.name) for s in names.NAME_STEMS]
    n = len(category)
    noun_pick = (rng.random(n) * np.array([len(x) for x in nouns])[category]).astype(int)
    kind = rng.choice(3, size=n, p=[0.45, 0.35, 0.2])
    surname = rng.integers(len(names.LAST_NAMES), size=n)
    stem = rng.integers(len(stems), size=n)
    out = []
    for k, c, j, s, t, d in zip(kind, category, noun_pick, surname, stem, district):
        noun = nouns[c][j]
        if k == 0:
            last = names.LAST_NAMES[s]
            out.append(f"{last}' {noun}" if last.endswith("s") else f"{last}'s {noun}")
        elif k == 1:
            out.append(f"{stems[t]} {noun}")
        else:
            out.append(f"{ctx.city.districts[d].name} {noun}")
    return out


def build_businesses(ctx: CityContext) -> None:
    rng = ctx.rng("businesses")
    city, staff = ctx.city, ctx.staff
    n = ctx.target("businesses")
    weight = city.weights([d.busy * COMMERCE[d.archetype] for d in city.districts])
    district = rng.choice(len(city.districts), size=n, p=weight)
    lon, lat = city.points(rng, district, 0.5, spread=0.005)
    numbers, streets = city.street_numbers(rng, district)
    categories = list(names.BUSINESS_CATEGORIES)
    shares = np.array([names.BUSINESS_CATEGORIES[c][0] for c in categories])
    category = rng.choice(len(categories), size=n, p=shares / shares.sum())
    # verification: ~72% within a year, ~25% overdue (13-30 months), ~3% never
    kind = rng.choice(3, size=n, p=[0.72, 0.25, 0.03])
    age = np.where(kind == 0, rng.integers(1, 365, n), rng.integers(395, 900, n))
    verified = pd.Series(np.datetime64(ctx.today) - age.astype("timedelta64[D]")).where(kind < 2)
    verifier = np.array(staff.usernames, dtype=object)[staff.covering(rng, district)]
    frame = pd.DataFrame({
        "id": ctx.ids("businesses", n), "name": _names(ctx, rng, category, district), "dba": None,
        "address": people.joined(numbers, " ", streets),
        "category": pd.Categorical.from_codes(category, categories), "main_phone": people.phones(rng, n),
        "district_id": city.ids[district], "latitude": lat, "longitude": lon,
        "last_verified_on": verified, "last_verified_by": np.where(kind < 2, verifier, None),
    })
    ctx.insert("businesses", frame)
    ctx.insert("business_verifications", verification_history(frame, ctx.today))
    ctx.businesses = pd.DataFrame({"id": frame.id, "name": frame.name, "district": district})
    _contacts(ctx, rng, frame.id.to_numpy())


def _contacts(ctx: CityContext, rng: np.random.Generator, business_ids: np.ndarray) -> None:
    """1-3 contacts each (two on average); ~70% of businesses have someone to call after hours."""
    n_biz = len(business_ids)
    count = rng.choice([1, 2, 3], size=n_biz, p=[0.3, 0.4, 0.3])
    business = np.repeat(np.arange(n_biz), count)
    n = len(business)
    first_row = np.repeat(np.cumsum(count) - count, count)
    position = np.arange(n) - first_row
    is_last = position == count[business] - 1
    role = np.where(position == 0, 0, rng.integers(1, 3, n))
    after_hours = rng.random(n_biz) < 0.7
    keyholder = after_hours & (count > 1) & (rng.random(n_biz) < 0.75)
    role = np.where(is_last & keyholder[business], KEYHOLDER, role)
    roles = [*CONTACT_ROLES, "keyholder"]
    on_call = (role == KEYHOLDER) | ((position == 0) & after_hours[business] & ~keyholder[business])
    person = people.people(rng, n)
    frame = pd.DataFrame({
        "id": ctx.ids("business_contacts", n), "business_id": business_ids[business],
        "name": people.full_names(person), "role": pd.Categorical.from_codes(role, roles),
        "phone": people.phones(rng, n), "alt_phone": people.phones(rng, n, share=0.3),
        "email": people.emails(rng, person, numbered=False, share=0.6),
        "after_hours": on_call,
    })
    ctx.insert("business_contacts", frame)
