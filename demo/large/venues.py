"""Where programs meet in Lakeport: every district's station, schools, parks, halls and more."""

from __future__ import annotations

import numpy as np
import pandas as pd

from demo.large.geography import City
from demo.large.places import VENUE_KINDS
from demo.town.names import LAST_NAMES


def build_venues(rng: np.random.Generator, city: City) -> pd.DataFrame:
    """One row per venue: name, kind, district (index), district_id, longitude, latitude, address."""
    rows = []
    for i, d in enumerate(city.districts):
        rows.append({"name": f"{d.name} District Station (Community Room)", "kind": "hq", "district": i})
        for kind, ((low, high), patterns) in VENUE_KINDS.items():
            used: set[str] = set()
            for _ in range(int(rng.integers(low, high + 1))):
                for _attempt in range(20):      # distinct names within a district
                    name = patterns[int(rng.integers(len(patterns)))].format(
                        s=LAST_NAMES[int(rng.integers(len(LAST_NAMES)))], n=d.name,
                        t=d.streets[int(rng.integers(len(d.streets)))].rsplit(" ", 1)[0])
                    if name not in used:
                        break
                used.add(name)
                rows.append({"name": name, "kind": kind, "district": i})
    frame = pd.DataFrame(rows).drop_duplicates(["name", "district"], ignore_index=True)
    district = frame["district"].to_numpy()
    # shops, cafes and plazas sit on the busy corners; the rest anywhere in the district
    share = frame["kind"].isin(["cafe", "plaza"]).to_numpy() * 0.6
    frame["longitude"], frame["latitude"] = city.points(rng, district, share)
    numbers, streets = city.street_numbers(rng, district)
    frame["address"] = [f"{n} {s}" for n, s in zip(numbers, streets)]
    frame["district_id"] = city.ids[district]
    return frame
