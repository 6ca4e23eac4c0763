"""Lakeport's geography: 50 police districts, 280 beats, their streets, hotspots and venues.

The city is a jittered grid of 10 x 30 small cells (like the small demo's town,
every edge is one shared list of vertices, so neighbours meet exactly). A
district is a block of 2 x 3 cells; each cell is a beat, except that in the
twenty quietest districts two cells form one beat, giving 280 beats. Beats are
unions of cells and districts unions of their beats, so beats tile their
district and districts tile the city, without gaps or overlaps.

Each district takes the character of one of Millbrook's districts (its
"archetype": D1 downtown, D2 dense residential, D3 leafy hills, D4 commercial,
D5 riverside, D6 outer suburbs), so the small demo's crime patterns and
program targets carry over.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Polygon

from demo.large.context import CityContext
from demo.large.geography import City, CityDistrict
from demo.large.places import AVENUES, CROSS_STREETS, NEIGHBORHOODS, ordinal_street
from demo.large.venues import build_venues
from demo.town.geography import DECIMALS, points_inside
from demo.town.names import LAST_NAMES

CENTER = (-87.80, 41.84)          # lon, lat
CELL = (0.025, 0.012)             # small cell: about 2.1 x 1.3 km
COLUMNS, ROWS = 5, 10             # districts
SPLIT = (2, 3)                    # cells per district (columns, rows)
MERGED = 20                       # districts with one two-cell beat (50 * 6 - 20 = 280 beats)
ARCHETYPES = ("D1", "D2", "D3", "D4", "D5", "D6")
# how busy each archetype is (crime, events, businesses) and how many people live there
BUSY = {"D1": 1.7, "D2": 1.2, "D3": 0.6, "D4": 1.15, "D5": 1.3, "D6": 0.7}
DENSITY = {"D1": 0.8, "D2": 1.3, "D3": 0.8, "D4": 1.0, "D5": 1.1, "D6": 0.7}
TOTAL_POPULATION = 2_700_000


# ---------------------------------------------------------------- the grid

def _grid(rng: np.random.Generator) -> tuple[dict, dict]:
    cols, rows = COLUMNS * SPLIT[0], ROWS * SPLIT[1]
    west = CENTER[0] - CELL[0] * cols / 2
    south = CENTER[1] - CELL[1] * rows / 2
    ii, jj = np.meshgrid(np.arange(cols + 1), np.arange(rows + 1), indexing="ij")
    jitter = rng.uniform(-0.16, 0.16, (cols + 1, rows + 1, 2)) * CELL
    vx = np.round(west + ii * CELL[0] + jitter[..., 0], DECIMALS)
    vy = np.round(south + jj * CELL[1] + jitter[..., 1], DECIMALS)
    vertex = {(i, j): (float(vx[i, j]), float(vy[i, j])) for i in range(cols + 1) for j in range(rows + 1)}
    edges = {}
    for (i, j), (x0, y0) in vertex.items():
        for b in ((i + 1, j), (i, j + 1)):
            if b not in vertex:
                continue
            x1, y1 = vertex[b]
            length = np.hypot(x1 - x0, y1 - y0)
            nx, ny = -(y1 - y0) / length, (x1 - x0) / length
            ts = np.linspace(0.25, 0.75, 3) + rng.uniform(-0.05, 0.05, 3)
            bend = rng.normal(0, 0.02, 3).clip(-0.04, 0.04) * length
            edges[((i, j), b)] = [(round(x0 + t * (x1 - x0) + o * nx, DECIMALS),
                                   round(y0 + t * (y1 - y0) + o * ny, DECIMALS)) for t, o in zip(ts, bend)]
    return vertex, edges


def _cells(rng: np.random.Generator) -> dict[tuple[int, int], Polygon]:
    for _ in range(100):
        vertex, edges = _grid(rng)
        cells = {}
        for c in range(COLUMNS * SPLIT[0]):
            for r in range(ROWS * SPLIT[1]):
                corners = [(c, r), (c + 1, r), (c + 1, r + 1), (c, r + 1)]
                ring = []
                for a, b in zip(corners, corners[1:] + corners[:1]):
                    inner = edges[(a, b)] if (a, b) in edges else edges[(b, a)][::-1]
                    ring += [vertex[a], *inner]
                cells[(c, r)] = Polygon(ring + ring[:1])
        if all(p.is_valid for p in cells.values()):
            return cells
    raise RuntimeError("could not draw valid beat polygons")  # pragma: no cover


def _streets(column: int, row: int) -> tuple[str, ...]:
    """The avenues crossing the district's column and the streets crossing its row."""
    avenues = AVENUES[column * 4:column * 4 + 4]
    if row >= 4:     # the south side's streets are numbered, as in many grid cities
        cross = tuple(ordinal_street(n) for n in range((row - 4) * 8 + 10, (row - 4) * 8 + 18, 2))
    else:
        cross = CROSS_STREETS[row * 4:row * 4 + 4]
    return (*avenues, *cross)


def build_city(ctx: CityContext) -> City:
    """Insert the districts and beats; return the city with its hotspots and venues."""
    rng = ctx.rng("city")
    cells = _cells(rng)
    # number districts outwards from downtown (just east of the middle), so D1 is downtown
    centre = np.array([(COLUMNS - 1) / 2 + 0.6, (ROWS - 1) / 2])
    grid = [(c, r) for c in range(COLUMNS) for r in range(ROWS)]
    grid.sort(key=lambda cr: (round(float(np.hypot(*(np.array(cr) - centre))), 6), cr))
    # the downtown core (D1 and its nearest neighbours) is downtown-like, ringed by commercial districts
    core = ["D1", "D1", "D4", "D1", "D4"]
    archetypes = core + [ARCHETYPES[int(k)] for k in
                         rng.choice([1, 2, 3, 4, 5], size=len(grid) - len(core), p=[.25, .2, .15, .25, .15])]
    busy = np.array([BUSY[a] for a in archetypes]) * rng.lognormal(0, 0.3, len(grid))
    busy[0] = busy.max() * 1.3                                  # downtown is the busiest of all
    people = np.array([DENSITY[a] for a in archetypes]) * rng.lognormal(0, 0.25, len(grid))
    population = np.floor(people / people.sum() * TOTAL_POPULATION / 10).astype(int) * 10
    # the quietest districts have one double-size beat
    merged = set(np.argsort(busy, kind="stable")[:MERGED].tolist())

    ids = ctx.ids("districts", len(grid))
    districts, beats = [], []
    for k, (c, r) in enumerate(grid):
        own = [cells[(c * SPLIT[0] + i, r * SPLIT[1] + j)] for j in range(SPLIT[1]) for i in range(SPLIT[0])]
        if k in merged:
            own = [shapely.union_all(own[:2]), *own[2:]]       # two side-by-side cells, one beat
        polygon = shapely.union_all(own)
        districts.append(CityDistrict(int(ids[k]), k + 1, f"D{k + 1}", NEIGHBORHOODS[k], archetypes[k],
                                      float(busy[k]), int(population[k]), polygon, _streets(c, r)))
        split = rng.dirichlet(np.full(len(own), 8.0))
        beat_people = np.floor(split * population[k]).astype(int)
        beat_people[0] += population[k] - beat_people.sum()
        beats += [{"code": f"{k + 1:02d}{b + 1:02d}", "district": k, "population": int(p), "polygon": poly}
                  for b, (poly, p) in enumerate(zip(own, beat_people))]
    shapely.prepare([d.polygon for d in districts])
    for d in districts:
        count = 1 + int(np.clip(round(d.busy * 1.5), 0, 3))
        x, y = points_inside(rng, d.polygon.buffer(-0.004), count)
        d.hotspots = np.column_stack([x, y])

    beat_frame = pd.DataFrame(beats)
    beat_frame.insert(0, "id", ctx.ids("districts", len(beat_frame)))
    beat_frame["district_id"] = [districts[k].id for k in beat_frame.pop("district")]
    city = City("Lakeport", districts, beat_frame)
    ctx.insert("districts", pd.concat([
        pd.DataFrame({
            "id": ids, "code": [d.code for d in districts], "name": [d.name for d in districts],
            "kind": "district", "parent_id": pd.array([None] * len(districts), dtype="Int64"),
            "population": [d.population for d in districts],
            "geometry": [_geojson(d.polygon) for d in districts]}),
        pd.DataFrame({
            "id": beat_frame.id, "code": beat_frame.code, "name": "Beat " + beat_frame.code,
            "kind": "beat", "parent_id": beat_frame.district_id.astype("Int64"),
            "population": beat_frame.population, "geometry": [_geojson(p) for p in beat_frame.polygon]}),
    ], ignore_index=True))
    city.venues = build_venues(rng, city)
    return city


def _geojson(polygon: Polygon) -> str:
    return json.dumps(shapely.geometry.mapping(polygon))


def surname(rng: np.random.Generator, n: int) -> list[str]:
    return [LAST_NAMES[int(k)] for k in rng.integers(len(LAST_NAMES), size=n)]
