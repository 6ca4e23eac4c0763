"""District boundaries: parse GeoJSON, place points in districts, check tilings.

Pure shapely/numpy so the importer, the CLI, the demo generator and the map
share one definition of "which district is this point in".
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.errors import GEOSException
from shapely.geometry.base import BaseGeometry

# 1e-6 degrees is about 0.1 m: far finer than any district line, and it keeps
# stored GeoJSON small. Snapping (not just printing rounded) keeps the shape we
# store identical to the one we test points against.
GRID_SIZE = 1e-6
_POLYGONAL = {"Polygon", "MultiPolygon"}


class GeoError(ValueError):
    """A boundary file we refuse, with a one-sentence reason for the user."""


@dataclass(frozen=True)
class DistrictShape:
    code: str
    name: str
    parent_code: str | None
    geometry: BaseGeometry
    geojson: str


def load_feature_collection(text_or_bytes: str | bytes) -> list[dict]:
    """Return the features of a GeoJSON FeatureCollection or raise GeoError."""
    try:
        data = json.loads(text_or_bytes)
    except (ValueError, TypeError) as exc:  # UnicodeDecodeError is a ValueError
        raise GeoError(f"The file is not valid JSON ({exc}).") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GeoError("The file is JSON but not a GeoJSON FeatureCollection.")
    features = data.get("features")
    if not isinstance(features, list):
        raise GeoError("The FeatureCollection has no list of features.")
    return [f for f in features if isinstance(f, dict)]


def _property(feature: dict, field: str) -> str | None:
    props = feature.get("properties") or {}
    value = props.get(field)
    if value is None and field == "id":  # GeoJSON allows a feature-level id
        value = feature.get("id")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _polygonal_part(geom: BaseGeometry) -> BaseGeometry:
    """Keep only the polygons of a geometry (make_valid can add lines/points)."""
    parts = shapely.get_parts(geom)
    polys = [p for p in parts if p.geom_type in _POLYGONAL and not p.is_empty]
    return shapely.union_all(polys) if polys else shapely.Polygon()


def _clean(geom: BaseGeometry, label: str) -> BaseGeometry:
    """Repair, drop z, snap to the grid; refuse what cannot become an area."""
    geom = shapely.force_2d(geom)
    if not geom.is_valid:
        # "structure" treats rings as area boundaries, the right model for
        # districts; collapsed parts are dropped rather than kept as lines.
        geom = shapely.make_valid(geom, method="structure", keep_collapsed=False)
    geom = _polygonal_part(shapely.set_precision(_polygonal_part(geom), GRID_SIZE))
    if geom.is_empty or geom.area == 0:
        raise GeoError(f"District {label} has a shape with no area that cannot be repaired.")
    return geom


def parse_districts(
    geojson_text: str | bytes,
    id_field: str,
    name_field: str | None,
    parent_field: str | None = None,
) -> list[DistrictShape]:
    """Parse district polygons; features sharing a code become one district."""
    features = load_feature_collection(geojson_text)
    order: list[str] = []
    parts: dict[str, list[BaseGeometry]] = {}
    names: dict[str, str] = {}
    parents: dict[str, str | None] = {}
    for number, feature in enumerate(features, start=1):
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") not in _POLYGONAL:
            continue  # points/lines (e.g. station markers) are not districts
        code = _property(feature, id_field)
        if code is None:
            raise GeoError(f"Feature {number} has no value for the id property '{id_field}'.")
        try:
            geom = shapely.from_geojson(json.dumps(geometry))
        except (GEOSException, ValueError, TypeError):
            raise GeoError(f"District {code} has malformed coordinates.") from None
        if geom.is_empty:
            raise GeoError(f"District {code} has an empty shape.")
        minx, miny, maxx, maxy = geom.bounds
        if not all(map(math.isfinite, geom.bounds)) or (
            minx < -180 or maxx > 180 or miny < -90 or maxy > 90
        ):
            raise GeoError(
                f"District {code} has coordinates outside longitude/latitude ranges "
                "(projected?); re-export the file in WGS84 (EPSG:4326)."
            )
        if code not in parts:
            order.append(code)
            parts[code] = []
        parts[code].append(_clean(geom, code))
        if name_field and code not in names:
            name = _property(feature, name_field)
            if name:
                names[code] = name
        if parent_field and parents.get(code) is None:
            parents[code] = _property(feature, parent_field)
    if not order:
        raise GeoError("The file has no Polygon or MultiPolygon features.")
    shapes = []
    for code in order:
        geom = parts[code][0] if len(parts[code]) == 1 else _clean(shapely.union_all(parts[code]), code)
        shapes.append(
            DistrictShape(
                code=code,
                name=names.get(code, code),
                parent_code=parents.get(code),
                geometry=geom,
                geojson=shapely.to_geojson(geom),
            )
        )
    return shapes


def _as_geometry(value: BaseGeometry | str) -> BaseGeometry:
    return shapely.from_geojson(value) if isinstance(value, str) else value


def _as_floats(values: Iterable) -> np.ndarray:
    """Coordinates from lists, Series or arrays; None/blank/garbage -> NaN."""
    try:
        return np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        out = []
        for v in values:
            try:
                out.append(float(v))
            except (TypeError, ValueError):
                out.append(math.nan)
        return np.asarray(out, dtype=float)


class DistrictLocator:
    """Point-in-district lookups over an STRtree of the district shapes.

    The border rule: a point inside or on the border of one district's shape
    belongs to it; a point that several shapes hold (on a shared border, or
    where two shapes overlap) belongs to the one with the smallest code in
    plain string order ("10" before "9", "B2" before "C11"). The shapes are
    sorted by code here, so the answer never depends on the order of the
    features in the boundary file or of the rows in the database.
    """

    def __init__(self, shapes: Mapping[str, BaseGeometry | str]):
        # sorted codes: index order is tie-break order (lowest index wins)
        self.codes: list[str] = sorted(shapes)
        self.geometries = [_as_geometry(shapes[c]) for c in self.codes]
        shapely.prepare(self.geometries)  # speeds up the repeated predicates
        self.tree = shapely.STRtree(self.geometries)

    def holds_many(self, code: str, lons: Sequence, lats: Sequence) -> np.ndarray:
        """True where a point lies inside district `code`'s shape or on its border."""
        x, y = _as_floats(lons), _as_floats(lats)
        ok = np.isfinite(x) & np.isfinite(y)
        out = np.zeros(x.shape, dtype=bool)
        if code in self.codes and ok.any():
            out[ok] = shapely.intersects_xy(self.geometries[self.codes.index(code)], x[ok], y[ok])
        return out

    def locate(self, lon: float | None, lat: float | None) -> str | None:
        return self.locate_many([lon], [lat])[0]

    def locate_many(self, lons: Sequence, lats: Sequence) -> list[str | None]:
        x, y = _as_floats(lons), _as_floats(lats)
        if x.shape != y.shape:
            raise ValueError("lons and lats must have the same length")
        found = np.full(x.shape, len(self.codes), dtype=np.int64)  # = none
        ok = np.nonzero(np.isfinite(x) & np.isfinite(y))[0]
        if len(ok) and self.codes:
            # The tree narrows each point to districts whose bounding box holds
            # it; the exact test then runs per district against its prepared
            # polygon, which is far faster than tree.query(..., predicate=...)
            # (that prepares each point instead of each polygon).
            point_idx, tree_idx = self.tree.query(shapely.points(x[ok], y[ok]))
            order = np.argsort(tree_idx, kind="stable")
            point_idx, tree_idx = ok[point_idx[order]], tree_idx[order]
            edges = np.searchsorted(tree_idx, np.arange(len(self.codes) + 1))
            for i, geom in enumerate(self.geometries):
                cand = point_idx[edges[i] : edges[i + 1]]
                if len(cand):
                    hit = cand[shapely.intersects_xy(geom, x[cand], y[cand])]
                    found[hit] = np.minimum(found[hit], i)
        lookup = np.array([*self.codes, None], dtype=object)
        return lookup[found].tolist()


_LATLON = re.compile(r"^\s*\(?\s*([-+0-9.eE]+)\s*,\s*([-+0-9.eE]+)\s*\)?\s*$")


def parse_latlon_text(text: str | None) -> tuple[float, float] | None:
    """Parse Boston's "(lat, lon)" text; (0, 0), blanks and garbage -> None."""
    if not isinstance(text, str):
        return None
    match = _LATLON.match(text)
    if not match:
        return None
    try:
        lat, lon = float(match.group(1)), float(match.group(2))
    except ValueError:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if (lat == 0 and lon == 0) or abs(lat) > 90 or abs(lon) > 180:
        return None  # (0E-9, 0E-9) is the source's "no location"
    return lat, lon


def validate_tiling(
    shapes: Mapping[str, BaseGeometry | str], tolerance: float = 1e-6
) -> list[str]:
    """Problems with a set of districts meant to tile an area without overlap.

    An overlap counts when its area exceeds `tolerance` times the smaller
    shape's area, so shared borders and float noise are not reported.
    """
    codes = sorted(shapes)
    geoms = [_as_geometry(shapes[c]) for c in codes]
    problems = []
    for code, geom in zip(codes, geoms):
        if geom.is_empty or geom.geom_type not in _POLYGONAL:
            problems.append(f"{code}: not a polygon ({geom.geom_type}, empty={geom.is_empty}).")
        elif not geom.is_valid:
            problems.append(f"{code}: invalid shape ({shapely.is_valid_reason(geom)}).")
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    for i, j in zip(left.tolist(), right.tolist()):
        if i >= j or not (geoms[i].is_valid and geoms[j].is_valid):
            continue
        overlap = geoms[i].intersection(geoms[j]).area
        smaller = min(geoms[i].area, geoms[j].area)
        if overlap > tolerance * smaller:
            problems.append(
                f"{codes[i]} and {codes[j]} overlap by {overlap:.3g} "
                f"({overlap / smaller:.2%} of the smaller)."
            )
    return problems
