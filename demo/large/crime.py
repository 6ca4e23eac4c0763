"""Ten years of crime incidents, as the records system would export them, built as whole columns.

The crime types, offenses, shares and hour, weekday and season patterns are
the small demo's (demo.town.crime.CRIME_TYPES); a type's pull towards certain
districts applies to every Lakeport district of that archetype. Crime drifts
down about 2% a year. Addresses give the block, as public crime data does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from demo.large import dates
from demo.large.context import CityContext
from demo.town.crime import CRIME_TYPES, SEASON, offense_mappings

PREFIX = "LP"                     # incident numbers: LP<yy>-<sequence in the year>
TREND = -0.02                     # a year
BLOCKS = np.arange(1, 60) * 100   # block numbers along every street


def _day_weights(days: np.ndarray, t) -> np.ndarray:
    month, weekday = dates.month_index(days), dates.weekday(days)
    season = np.asarray(SEASON)[month] if t.season else np.ones(len(days))
    if t.code == "shoplifting":
        season = season * np.where(month == 11, 1.3, 1.0)      # holiday shopping
    years = (days - days[0]) / np.timedelta64(1, "D") / 365.25
    w = season * np.asarray(t.week)[weekday] * (1 + TREND * years)
    return w / w.sum()


def _incident_numbers(occurred: np.ndarray) -> pd.Series:
    """'LP24-000123': the year and the incident's place in that year (occurred must be sorted)."""
    year = dates.year(occurred)
    sequence = np.arange(len(year)) - np.searchsorted(year, year, side="left") + 1
    yy = pc.utf8_lpad(pc.cast(pa.array(year % 100), pa.string()), 2, "0")
    number = pc.utf8_lpad(pc.cast(pa.array(sequence), pa.string()), 6, "0")
    text = pc.binary_join_element_wise(pa.scalar(PREFIX), yy, pa.scalar("-"), number, "")
    return pd.Series(pd.arrays.ArrowStringArray(text))


def build_incidents(ctx: CityContext) -> None:
    rng = ctx.rng("incidents")
    city = ctx.city
    days = ctx.day_range()
    total = ctx.target("incidents")
    offenses = [(code, description) for t in CRIME_TYPES for code, description in t.offenses]
    first_offense = np.cumsum([0] + [len(t.offenses) for t in CRIME_TYPES])
    parts = []
    for k, t in enumerate(CRIME_TYPES):
        n = int(rng.poisson(total * t.share))
        weight = city.weights([d.busy * t.districts.get(d.archetype, 1.0) for d in city.districts])
        parts.append(pd.DataFrame({
            "day": days[rng.choice(len(days), size=n, p=_day_weights(days, t))],
            "minute": rng.choice(24, size=n, p=np.asarray(t.hours) / sum(t.hours)) * 60 + rng.integers(0, 60, n),
            "offense": first_offense[k] + rng.integers(len(t.offenses), size=n),
            "district": rng.choice(len(city.districts), size=n, p=weight),
            "hotspot": t.hotspot,
        }))
    frame = pd.concat(parts, ignore_index=True)
    del parts
    occurred = dates.timestamps(frame.day.to_numpy(), frame.minute.to_numpy())
    order = np.lexsort((frame.offense.to_numpy(), occurred))
    occurred, district = occurred[order], frame.district.to_numpy()[order]
    offense, hotspot = frame.offense.to_numpy()[order], frame.hotspot.to_numpy()[order]
    del frame
    n = len(occurred)
    lon, lat = city.points(rng, district, hotspot)

    # public crime data gives the block, not the house number: one vocabulary of blocks per district
    streets = [d.streets for d in city.districts]
    per_district = np.array([len(s) for s in streets]) * len(BLOCKS)
    # neighbouring districts share streets, so the same block name can appear under two districts
    block_code, block_names = pd.factorize(pd.Series([f"{b} BLOCK {s.upper()}" for ss in streets for s in ss
                                                      for b in BLOCKS], dtype=object))
    first_block = np.concatenate([[0], np.cumsum(per_district)[:-1]])
    block = block_code[first_block[district] + (rng.random(n) * per_district[district]).astype(int)]

    incidents = pd.DataFrame({
        "id": ctx.ids("incidents", n), "incident_number": _incident_numbers(occurred), "occurred_at": occurred,
        "offense": pd.Categorical.from_codes(offense, [o[0] for o in offenses]),
        "offense_description": pd.Categorical.from_codes(offense, [o[1] for o in offenses]),
        "crime_type_code": pd.Categorical.from_codes(np.searchsorted(first_offense, offense, side="right") - 1,
                                                     [t.code for t in CRIME_TYPES]),
        "district_id": city.ids[district],
        "source_district": pd.Categorical.from_codes(district, [d.code for d in city.districts]),
        "address": pd.Categorical.from_codes(block, block_names),
        "latitude": lat, "longitude": lon, "import_batch": "demo", "imported_at": ctx.stamp,
    })
    ctx.insert("offense_mappings", offense_mappings())
    ctx.insert("incidents", incidents)
