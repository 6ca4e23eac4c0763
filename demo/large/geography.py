"""Lakeport as every large-city section sees it: districts (polygons, streets, hotspots, how busy
each is), beats and venues, and points drawn inside a district. demo/large/city.py draws and
inserts it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from shapely.geometry import Polygon

from demo.town.geography import points_inside


@dataclass
class CityDistrict:
    id: int
    number: int
    code: str
    name: str
    archetype: str
    busy: float
    population: int
    polygon: Polygon
    streets: tuple[str, ...]
    hotspots: np.ndarray = field(default_factory=lambda: np.empty((0, 2)))


@dataclass
class City:
    name: str
    districts: list[CityDistrict]
    beats: pd.DataFrame                       # id, code, district_id, population, polygon
    venues: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def ids(self) -> np.ndarray:
        return np.array([d.id for d in self.districts], dtype=np.int64)

    def weights(self, values) -> np.ndarray:
        w = np.asarray(values, dtype=float)
        return w / w.sum()

    def of_archetype(self, codes) -> list[int]:
        """Indexes of the districts whose archetype is one of Millbrook's district codes."""
        return [i for i, d in enumerate(self.districts) if d.archetype in codes]

    def points(self, rng: np.random.Generator, district: np.ndarray, hotspot_share=0.0,
               spread: float = 0.004) -> tuple[np.ndarray, np.ndarray]:
        """A point inside its district for every row (district = index into self.districts).

        `hotspot_share` (a number or one per row) is the chance a point clusters
        around one of its district's hotspots; the rest spread uniformly.
        """
        n = len(district)
        x, y = np.empty(n), np.empty(n)
        hot = rng.random(n) < np.broadcast_to(np.asarray(hotspot_share, dtype=float), (n,))
        order = np.argsort(district, kind="stable")
        edges = np.searchsorted(district[order], np.arange(len(self.districts) + 1))
        for i, d in enumerate(self.districts):
            rows = order[edges[i]:edges[i + 1]]
            if not len(rows):
                continue
            spread_rows, hot_rows = rows[~hot[rows]], rows[hot[rows]]
            x[spread_rows], y[spread_rows] = points_inside(rng, d.polygon, len(spread_rows))
            if len(hot_rows):
                x[hot_rows], y[hot_rows] = points_inside(rng, d.polygon, len(hot_rows), d.hotspots, spread)
        return x, y

    def street_numbers(self, rng: np.random.Generator, district: np.ndarray) -> tuple[np.ndarray, list[str]]:
        """A house number and a street of its district for every row."""
        numbers = rng.integers(1, 60, len(district)) * 100 + rng.integers(1, 99, len(district))
        counts = np.array([len(d.streets) for d in self.districts])
        pick = (rng.random(len(district)) * counts[district]).astype(int)
        flat = [s for d in self.districts for s in d.streets]
        offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
        return numbers, [flat[k] for k in offsets[district] + pick]
