"""Point layers of the district map, counted in SQL (queries/sql/map_layer_cells.sql).

Incidents and businesses are always counted per grid cell (about 30 cells across
the mapped area); events and concerns are drawn per place unless there are so
many that they too are counted per cell. The browser never receives one marker
per incident.
"""

from __future__ import annotations

import pandas as pd
import shapely

from components.figures import cached
from components.map_figure import Layer
from core.district_map import layer_cells
from core.periods import Period
from queries.actor import Actor
from queries.db import Database

DENSE = {"incidents", "businesses"}
CELLS_ACROSS = 30
POINT_CELL = 1e-5          # about a metre: one cell per place
MAX_POINTS = 1500


def load_layers(db: Database, actor: Actor, period: Period, keys: list[str], geometries: pd.Series,
                crime_type: str | None = None, program_id: int | None = None) -> list[Layer]:
    if not keys:
        return []
    boxes = [shapely.from_geojson(g).bounds for g in geometries.dropna()]
    extent = max(max(b[2] for b in boxes) - min(b[0] for b in boxes),
                 max(b[3] for b in boxes) - min(b[1] for b in boxes))
    layers = []
    for key in keys:
        cell = extent / CELLS_ACROSS if key in DENSE else POINT_CELL
        cells = cached(layer_cells, db, actor, period, key, cell, crime_type, program_id)
        if key not in DENSE and len(cells) > MAX_POINTS:
            cell = extent / CELLS_ACROSS
            cells = cached(layer_cells, db, actor, period, key, cell, crime_type, program_id)
        layers.append(Layer(key, cells, aggregated=cell > POINT_CELL))
    return layers
