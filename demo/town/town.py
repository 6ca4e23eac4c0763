"""Millbrook's geography: six patrol districts, their streets, hotspots and venues.

The districts are a 3 x 2 grid of cells whose corners and edges are jittered.
Every edge is built once, as one list of vertices, and each of the two cells
beside it walks that same list (one of them backwards), so neighbours share
their border exactly: no gaps, no overlaps, and a union without holes.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Polygon

from demo.town.base import DemoContext, pick
from demo.town.geography import DECIMALS, District, Town, points_inside

CENTER = (-72.700, 41.600)        # lon, lat of the town centre
CELL = (0.046, 0.040)             # cell width (lon) and height (lat): about 3.8 x 4.4 km
COLUMNS, ROWS = 3, 2

# code, name, grid cell (column, row from the south), population, street names
DISTRICTS = (
    ("D1", "Downtown", (1, 0), 12400,
     ("Main Street", "Center Street", "Church Street", "Mill Street", "Union Square", "Depot Street",
      "Bank Street", "Court Street", "Elm Street", "Water Street")),
    ("D2", "North End", (1, 1), 11300,
     ("North Main Street", "Maple Avenue", "Walnut Street", "Franklin Avenue", "Quarry Hill Road",
      "Prospect Street", "Orchard Street", "Highland Avenue", "Chestnut Street")),
    ("D3", "West Hills", (0, 1), 8200,
     ("Ridge Road", "Hawthorne Drive", "Tanner Brook Lane", "Laurel Hill Road", "Birch Lane",
      "Stony Hill Road", "Westwood Drive", "Old Farms Road")),
    ("D4", "East Side", (2, 1), 10600,
     ("East Main Street", "Burnside Avenue", "Park Street", "Silver Lane", "Forbes Street",
      "Mountain Road", "Commerce Drive", "Pleasant Street", "Oak Street")),
    ("D5", "Riverside", (0, 0), 9900,
     ("River Road", "Canal Street", "Bridge Street", "Ferry Lane", "Millbrook Avenue",
      "Wharf Street", "Pearl Street", "Mill Pond Road")),
    ("D6", "South Meadows", (2, 0), 7800,
     ("Meadow Street", "South Road", "Turnpike Road", "Cedar Lane", "Farmstead Lane",
      "Brook Street", "Pine Street", "Spring Lane")),
)

# Venues where programs meet: name, kind, district code.
VENUES = (
    ("Millbrook Police Department (Community Room)", "hq", "D1"),
    ("Center Street School", "school", "D1"),
    ("Oak Hill Elementary School", "school", "D2"),
    ("Millbrook Middle School", "school", "D2"),
    ("Hawthorne Elementary School", "school", "D3"),
    ("Millbrook High School", "school", "D4"),
    ("Riverside Elementary School", "school", "D5"),
    ("Meadowbrook Elementary School", "school", "D6"),
    ("Millbrook Senior Center", "senior", "D1"),
    ("East Side Senior Apartments", "senior", "D4"),
    ("Riverview Senior Residences", "senior", "D5"),
    ("Millbrook Public Library", "hall", "D1"),
    ("North End Branch Library", "hall", "D2"),
    ("Fire Station 3 Community Room", "hall", "D3"),
    ("East Side Community Center", "hall", "D4"),
    ("Riverside Grange Hall", "hall", "D5"),
    ("South Meadows Fire Station", "hall", "D6"),
    ("Union Square Green", "park", "D1"),
    ("Quarry Hill Park", "park", "D2"),
    ("Laurel Hill Recreation Area", "park", "D3"),
    ("Burnside Park", "park", "D4"),
    ("Riverwalk Park", "park", "D5"),
    ("Meadows Town Fields", "park", "D6"),
    ("Depot Square Apartments", "housing", "D1"),
    ("Franklin Court Apartments", "housing", "D2"),
    ("Canal Street Homes", "housing", "D5"),
    ("Silver Lane Gardens", "housing", "D4"),
    ("Common Grounds Cafe", "cafe", "D1"),
    ("Quarry Hill Diner", "cafe", "D2"),
    ("Burnside Bagel Co.", "cafe", "D4"),
    ("Riverbend Coffee Roasters", "cafe", "D5"),
    ("Millbrook Plaza", "plaza", "D4"),
    ("Turnpike Commons", "plaza", "D6"),
    ("Riverside Shopping Center", "plaza", "D5"),
    ("St. Brendan Parish Hall", "faith", "D2"),
    ("First Congregational Church", "faith", "D1"),
    ("Masjid al-Noor Community Hall", "faith", "D4"),
    ("Grace AME Zion Church", "faith", "D5"),
)


def _grid(rng: np.random.Generator) -> tuple[dict, dict]:
    """Jittered grid vertices and, per edge, its shared list of intermediate points."""
    west = CENTER[0] - CELL[0] * COLUMNS / 2
    south = CENTER[1] - CELL[1] * ROWS / 2
    vertex = {}
    for i in range(COLUMNS + 1):
        for j in range(ROWS + 1):
            jitter = rng.uniform(-0.18, 0.18, 2) * CELL
            vertex[(i, j)] = (west + i * CELL[0] + jitter[0], south + j * CELL[1] + jitter[1])
    edges = {}
    for a in vertex:
        for b in ((a[0] + 1, a[1]), (a[0], a[1] + 1)):
            if b not in vertex:
                continue
            (x0, y0), (x1, y1) = vertex[a], vertex[b]
            length = np.hypot(x1 - x0, y1 - y0)
            nx, ny = -(y1 - y0) / length, (x1 - x0) / length      # unit normal
            # evenly spaced bends with small offsets: wiggly borders, but no spikes
            ts = np.linspace(0.2, 0.8, 4) + rng.uniform(-0.05, 0.05, 4)
            bend = rng.normal(0, 0.025, 4).clip(-0.05, 0.05) * length
            edges[(a, b)] = [(x0 + t * (x1 - x0) + o * nx, y0 + t * (y1 - y0) + o * ny)
                             for t, o in zip(ts, bend)]
    return vertex, edges


def _walk(vertex: dict, edges: dict, a: tuple, b: tuple) -> list[tuple[float, float]]:
    """Vertex a plus the intermediate points of edge a->b, in walking order."""
    inner = edges[(a, b)] if (a, b) in edges else edges[(b, a)][::-1]
    return [vertex[a], *inner]


def _cell_polygons(rng: np.random.Generator) -> dict[tuple[int, int], Polygon]:
    vertex, edges = _grid(rng)
    snapped = {k: tuple(round(c, DECIMALS) for c in v) for k, v in vertex.items()}
    edges = {k: [tuple(round(c, DECIMALS) for c in p) for p in v] for k, v in edges.items()}
    cells = {}
    for c in range(COLUMNS):
        for r in range(ROWS):
            corners = [(c, r), (c + 1, r), (c + 1, r + 1), (c, r + 1)]   # counter-clockwise
            ring = []
            for a, b in zip(corners, corners[1:] + corners[:1]):
                ring += _walk(snapped, edges, a, b)
            cells[(c, r)] = Polygon(ring + ring[:1])
    return cells


def build_town(ctx: DemoContext) -> Town:
    """Insert the districts and return the town (ids, polygons, hotspots, venues)."""
    rng = ctx.rng("town")
    for _ in range(100):       # redraw in the (rare) case a jittered cell is not valid
        cells = _cell_polygons(rng)
        if all(p.is_valid for p in cells.values()):
            break
    else:  # pragma: no cover - the jitter is far too small for this
        raise RuntimeError("could not draw valid district polygons")

    ids = ctx.ids("districts", len(DISTRICTS))
    districts = [District(int(i), code, name, pop, cells[cell], streets)
                 for i, (code, name, cell, pop, streets) in zip(ids, DISTRICTS)]
    shapely.prepare([d.polygon for d in districts])   # many point-in-polygon tests follow
    town = Town(districts, pd.DataFrame())
    # crime concentrates in a few places: a downtown bar block, plazas, a couple of complexes
    hotspot_count = {"D1": 3, "D2": 2, "D3": 1, "D4": 2, "D5": 2, "D6": 1}
    for d in districts:
        # well inside the district, so a hotspot's cluster is not cut in half by a border
        x, y = points_inside(rng, d.polygon.buffer(-0.006), hotspot_count[d.code])
        d.hotspots = list(zip(x.tolist(), y.tolist()))

    ctx.insert("districts", pd.DataFrame({
        "id": ids,
        "code": [d.code for d in districts],
        "name": [d.name for d in districts],
        "kind": "district",
        "population": [d.population for d in districts],
        "geometry": [json.dumps(shapely.geometry.mapping(d.polygon)) for d in districts],
    }))
    town.venues = _venues(rng, town)
    return town


def _venues(rng: np.random.Generator, town: Town) -> pd.DataFrame:
    rows = []
    for name, kind, code in VENUES:
        i = next(k for k, d in enumerate(town.districts) if d.code == code)
        x, y = town.points(rng, i, 1, hotspot_share=0.5 if kind in ("plaza", "cafe") else 0.0)
        street = pick(rng, town.districts[i].streets)
        rows.append({"name": name, "kind": kind, "district_id": town.districts[i].id,
                     "longitude": float(x[0]), "latitude": float(y[0]),
                     "address": f"{int(rng.integers(1, 400)) * 2 + 1} {street}"})
    return pd.DataFrame(rows)
