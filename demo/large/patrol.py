"""Ten years of patrol officers' community contacts, generated as whole columns.

The small demo's rules (demo.town.patrol): officers log contacts mostly on
their own shift and in their primary district; what they do depends on the
shift (schools and seniors by day, business checks at night); business checks
name a business of the district. Summer is busier, and the practice grows a
little every year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from demo.large import dates
from demo.large.context import CityContext
from demo.town.patrol import COUNTS, KIND_WEIGHTS, KINDS, NOTES, SHIFTS

GROWTH = 0.05                      # a year


def _locations(ctx: CityContext, rng: np.random.Generator, kind: np.ndarray, district: np.ndarray) -> pd.Categorical:
    """Business checks name a business of the district; about half of the rest a street."""
    city, businesses = ctx.city, ctx.businesses
    streets = [s for d in city.districts for s in d.streets]
    vocabulary = pd.Index(pd.unique(pd.Series([*businesses.name, *streets], dtype=object)))
    business_code = vocabulary.get_indexer(businesses.name)
    street_code = vocabulary.get_indexer(streets)
    n = len(kind)
    # a business of the row's district
    order = np.argsort(businesses.district.to_numpy(), kind="stable")
    start = np.searchsorted(businesses.district.to_numpy()[order], np.arange(len(city.districts) + 1))
    size = np.diff(start)[district]
    pick = np.minimum(start[district] + (rng.random(n) * size).astype(int), max(len(order) - 1, 0))
    business = np.where(size > 0, business_code[order][pick] if len(order) else -1, -1)
    # a street of the row's district
    per_district = np.array([len(d.streets) for d in city.districts])
    first_street = np.concatenate([[0], np.cumsum(per_district)[:-1]])
    street = street_code[first_street[district] + (rng.random(n) * per_district[district]).astype(int)]
    code = np.where(kind == KINDS.index("business_check"), business,
                    np.where(rng.random(n) < 0.5, street, -1))
    return pd.Categorical.from_codes(code, vocabulary)


def build_contact_log(ctx: CityContext) -> None:
    rng = ctx.rng("contact_log")
    staff = ctx.staff
    n = ctx.target("contact_log")
    days = ctx.day_range()
    years = (days - days[0]) / np.timedelta64(1, "D") / 365.25
    day_weight = dates.season(days) * (1 + GROWTH * years)
    activity = rng.gamma(4.0, 1.0, len(staff.ids))           # some officers log far more than others
    officer = rng.choice(len(staff.ids), size=n, p=activity / activity.sum())
    day = days[rng.choice(len(days), size=n, p=day_weight / day_weight.sum())]
    # mostly their own shift; the odd overtime shift in another
    shift = np.where(rng.random(n) < 0.92, staff.shift[officer], rng.integers(0, 3, n))
    two = staff.secondary[officer] != staff.primary[officer]
    district = np.where(two & (rng.random(n) >= 0.75), staff.secondary[officer], staff.primary[officer])
    cumulative = np.cumsum(np.stack([KIND_WEIGHTS[s] for s in SHIFTS]), axis=1)
    draw, kind = rng.random(n), np.empty(n, dtype=np.int64)
    for s in range(len(SHIFTS)):
        mine = shift == s
        kind[mine] = np.searchsorted(cumulative[s], draw[mine], side="right")
    kind = np.minimum(kind, len(KINDS) - 1)
    low = np.array([COUNTS[k][0] for k in KINDS])
    high = np.array([COUNTS[k][1] for k in KINDS])
    note_text = [NOTES[k] for k in KINDS if k in NOTES]
    note_code = np.array([note_text.index(NOTES[k]) if k in NOTES else -1 for k in KINDS])
    notes = np.where(rng.random(n) < 0.15, note_code[kind], -1)
    officer_id = staff.ids[officer]
    order = np.lexsort((officer_id, day))
    frame = pd.DataFrame({
        "officer_id": officer_id, "contact_date": day, "shift": pd.Categorical.from_codes(shift, SHIFTS),
        "district_id": ctx.city.ids[district], "kind": pd.Categorical.from_codes(kind, KINDS),
        "contact_count": rng.integers(low[kind], high[kind] + 1),
        "location": _locations(ctx, rng, kind, district),
        # community contact is non-enforcement; now and then it ended in a warning or citation
        "non_enforcement": rng.random(n) < 0.93,
        "notes": pd.Categorical.from_codes(notes, note_text),
        "created_by": pd.Categorical.from_codes(officer, staff.usernames),
    }).iloc[order]
    frame.insert(0, "id", ctx.ids("contact_log", n))
    ctx.insert("contact_log", frame)
