"""Millbrook as every demo section sees it: districts (polygons, streets, hotspots), venues, and
points drawn inside a district. demo/town/town.py draws and inserts it; Lakeport's districts
(demo/large/geography.py) draw their points the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Polygon

DECIMALS = 6                      # 0.1 m; matches core.geo's snapping grid


@dataclass
class District:
    id: int
    code: str
    name: str
    population: int
    polygon: Polygon
    streets: tuple[str, ...]
    hotspots: list[tuple[float, float]] = field(default_factory=list)


@dataclass
class Town:
    districts: list[District]
    venues: pd.DataFrame                     # name, kind, district_id, longitude, latitude, address

    def by_code(self, code: str) -> District:
        return next(d for d in self.districts if d.code == code)

    def index(self, district_id: int) -> int:
        return next(i for i, d in enumerate(self.districts) if d.id == district_id)

    def points(self, rng: np.random.Generator, i: int, n: int, hotspot_share: float = 0.0,
               spread: float = 0.0025) -> tuple[np.ndarray, np.ndarray]:
        """n points inside district i; about `hotspot_share` of them cluster around its hotspots."""
        d = self.districts[i]
        n_hot = int(rng.binomial(n, hotspot_share)) if d.hotspots else 0
        hot = points_inside(rng, d.polygon, n_hot, np.array(d.hotspots), spread) if n_hot else (np.empty(0),) * 2
        spread_out = points_inside(rng, d.polygon, n - n_hot)
        order = rng.permutation(n)
        x = np.concatenate([hot[0], spread_out[0]])[order]
        y = np.concatenate([hot[1], spread_out[1]])[order]
        return x, y

    def addresses(self, rng: np.random.Generator, i: int, n: int) -> list[str]:
        streets = self.districts[i].streets
        numbers = rng.integers(1, 900, size=n) * 2 + rng.integers(0, 2, size=n)
        return [f"{num} {streets[int(s)]}" for num, s in zip(numbers, rng.integers(len(streets), size=n))]


def points_inside(rng: np.random.Generator, polygon: Polygon, n: int, centres: np.ndarray | None = None,
                  spread: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Rejection sampling: uniform over the polygon, or Gaussian around the centres, kept if inside."""
    minx, miny, maxx, maxy = polygon.bounds
    xs, ys = [np.empty(0)], [np.empty(0)]
    found = 0
    while found < n:
        k = 2 * (n - found) + 8
        if centres is None:
            x, y = rng.uniform(minx, maxx, k), rng.uniform(miny, maxy, k)
        else:
            c = centres[rng.integers(len(centres), size=k)]
            # a degree of latitude is longer than one of longitude here (cos 41.6 deg = 0.75)
            x, y = c[:, 0] + rng.normal(0, spread, k), c[:, 1] + rng.normal(0, spread * 0.75, k)
        # round before testing, so a stored (rounded) point is still strictly inside
        x, y = np.round(x, DECIMALS), np.round(y, DECIMALS)
        keep = shapely.contains_xy(polygon, x, y)
        xs.append(x[keep])
        ys.append(y[keep])
        found += int(keep.sum())
    return np.concatenate(xs)[:n], np.concatenate(ys)[:n]
