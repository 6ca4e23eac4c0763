"""Reading a location as a file writes it, and judging each row's point.

One way for every importer (incidents, businesses). A row's point comes from the first of these
that the row fills:

- latitude and longitude in two columns (degrees);
- one location column: a "(lat, lon)" text (Boston, San Francisco, Los Angeles), a WKT
  "POINT (lon lat)" (NYC's georeferenced column) or a hex (E)WKB point (Philadelphia's the_geom; an
  EWKB SRID other than 4326, such as web mercator's 3857, is converted with pyproj);
- projected x and y (state plane feet or metres), converted to degrees with pyproj from the
  coordinate system the user names (an EPSG code such as EPSG:2263). X/Y columns that hold degrees
  (Washington DC's X, Y) are read as longitude/latitude without one.

Each row is classed:

    ok          placed as written
    swapped     latitude and longitude exchanged: placed with the two exchanged back
    missing     no coordinates
    unreadable  coordinates that cannot be read (not numbers, or only one of the pair)
    zero        the 0,0 placeholder
    repeated    the latitude written again as the longitude, (34.0419, 34.0419), away from the districts
    outside     far from every district (another state), or beyond the ranges of degrees

Only ok and swapped rows are placed; the others keep no location and are counted. A file whose
latitude/longitude or location columns hold projected numbers, or whose x/y columns hold them with
no coordinate system named, is refused (FileRefused) before anything is written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from core.tabular import FileRefused

CLASSES = ("ok", "swapped", "missing", "unreadable", "zero", "repeated", "outside")
PLACED = ("ok", "swapped")
LABELS = {
    "ok": "placed as written",
    "swapped": "latitude and longitude swapped (placed, corrected)",
    "missing": "no coordinates",
    "unreadable": "coordinates that cannot be read (not placed)",
    "zero": "0,0 placeholder (not placed)",
    "repeated": "latitude repeated as longitude (not placed)",
    "outside": "far from every district (not placed)",
}
# How far beyond the districts' bounding box a point may lie and still be read as written (about
# 330 km north-south): a county's or a metro area's points stay (counted as outside every district
# when no district holds them); farther is another state, a geocoder's mistake.
MARGIN_DEGREES = 3.0
# A pair whose two numbers are both beyond 180 is not in degrees (state plane, UTM, web mercator).
# A file is refused when at least this share of its pairs look so; fewer are single stray rows,
# classed outside.
PROJECTED_SHARE = 0.01
ZERO = 1e-6   # (0E-9, 0E-9) is a source's "no location" too

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_LATLON = rf"^\s*\(?\s*({_NUMBER})\s*,\s*({_NUMBER})\s*\)?\s*$"
_WKT = rf"^\s*(?:SRID=\d+;\s*)?POINT\s*Z?M?\s*\(\s*({_NUMBER})\s+({_NUMBER})(?:\s+{_NUMBER}){{0,2}}\s*\)\s*$"
_EMPTY = r"^\s*(?:SRID=\d+;\s*)?POINT\s*(?:Z|M|ZM)?\s*EMPTY\s*$"
_HEX_WKB = r"^(?:[0-9A-Fa-f]{2}){21,}$"     # a point is 21 bytes of WKB at least

Extent = tuple[float, float, float, float]   # min lon, min lat, max lon, max lat


@dataclass
class Located:
    """Per row: latitude and longitude to store (NaN where not placed) and the row's class."""

    latitude: np.ndarray
    longitude: np.ndarray
    kind: np.ndarray                      # object array of CLASSES
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def placed(self) -> np.ndarray:
        return np.isin(self.kind, PLACED)


def district_extent(geometries) -> Extent | None:
    """The bounding box of the districts' shapes (GeoJSON texts or shapely geometries)."""
    shapes = [shapely.from_geojson(g) if isinstance(g, str) else g for g in geometries if g is not None]
    if not shapes:
        return None
    minx, miny, maxx, maxy = shapely.total_bounds(shapes)
    return None if not all(map(math.isfinite, (minx, miny, maxx, maxy))) else (minx, miny, maxx, maxy)


def _text(values, n: int) -> pd.Series:
    if values is None:
        return pd.Series([pd.NA] * n, dtype="string")
    series = pd.Series(values).reset_index(drop=True)
    if series.dtype.kind in "fiu":
        return series.astype("Float64").astype("string")
    text = series.astype("string").str.strip()
    return text.mask(text == "")


def numbers(values, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(floats with NaN where blank or not a number, True where a value is written but is no number)."""
    if values is None:
        return np.full(n, np.nan), np.zeros(n, dtype=bool)
    series = pd.Series(values).reset_index(drop=True)
    if series.dtype.kind in "fiu":
        floats = series.to_numpy(dtype=float, na_value=np.nan)
        return floats, np.zeros(n, dtype=bool)
    text = _text(series, n)
    floats = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan)
    floats[~np.isfinite(floats)] = np.nan
    return floats, (text.notna().to_numpy() & np.isnan(floats))


def location_text(values, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lat, lon, unreadable) from "(lat, lon)", WKT "POINT (lon lat)" or hex (E)WKB point texts."""
    text = _text(values, n)
    pair = text.str.extract(_LATLON)
    wkt = text.str.extract(_WKT, flags=2)          # re.IGNORECASE
    lat = pd.to_numeric(pair[0].fillna(wkt[1]), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lon = pd.to_numeric(pair[1].fillna(wkt[0]), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    hexed = np.flatnonzero(text.str.match(_HEX_WKB).fillna(False).to_numpy(dtype=bool) & np.isnan(lat))
    if len(hexed):
        points = shapely.from_wkb(text.iloc[hexed].to_numpy(dtype=object), on_invalid="ignore")
        x, y = shapely.get_x(points), shapely.get_y(points)   # NaN unless a point
        srids = shapely.get_srid(points)
        for srid in set(srids[np.isfinite(x)].tolist()) - {0, 4326}:    # EWKB names its system: convert
            these = (srids == srid) & np.isfinite(x)
            x[these], y[these] = transformer(f"EPSG:{srid}").transform(x[these], y[these])
        lon[hexed], lat[hexed] = x, y
    empty = text.str.match(_EMPTY, case=False).fillna(False).to_numpy(dtype=bool)
    unreadable = text.notna().to_numpy() & ~empty & (np.isnan(lat) | np.isnan(lon))
    return lat, lon, unreadable


def _projected(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return (np.abs(a) > 180) & (np.abs(b) > 180)


def _example(a: np.ndarray, b: np.ndarray, where: np.ndarray) -> str:
    i = int(np.flatnonzero(where)[0])
    return f"{a[i]:,.0f} / {b[i]:,.0f}"


def _refuse_projected(lat, lon, names: tuple[str, str], what: str) -> None:
    projected = _projected(lat, lon)
    pairs = int((np.isfinite(lat) & np.isfinite(lon)).sum())
    if projected.any() and projected.sum() >= max(1, PROJECTED_SHARE * pairs):
        raise FileRefused(
            f"{what} {' and '.join(dict.fromkeys(names))} hold{'s' if len(set(names)) == 1 else ''} projected "
            f"coordinates (such as {_example(lat, lon, projected)}), not latitude and longitude in degrees: "
            "map them as x and y and name their coordinate system (an EPSG code such as EPSG:2263).")


def transformer(crs: str):
    """A pyproj transformer from `crs` to longitude/latitude; FileRefused when pyproj does not know it."""
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    try:
        source = CRS.from_user_input(crs.strip())
    except (CRSError, TypeError, ValueError):
        raise FileRefused(f"'{crs}' is not a coordinate system that can be read; give an EPSG code such as "
                          "EPSG:2263 (New York State Plane, feet).") from None
    return Transformer.from_crs(source, "EPSG:4326", always_xy=True)


def from_xy(x: np.ndarray, y: np.ndarray, crs: str | None, names: tuple[str, str]) -> tuple[np.ndarray, np.ndarray]:
    """(lat, lon) from x/y: through `crs` when named; without one only when they are degrees."""
    if crs:
        ok = np.isfinite(x) & np.isfinite(y)
        lat, lon = np.full(x.shape, np.nan), np.full(x.shape, np.nan)
        if ok.any():
            lon[ok], lat[ok] = transformer(crs).transform(x[ok], y[ok])
        lat[~np.isfinite(lat)] = np.nan
        lon[~np.isfinite(lon)] = np.nan
        return lat, lon
    with np.errstate(invalid="ignore"):
        far = (np.abs(x) > 180) | (np.abs(y) > 90)
    if far.any():
        raise FileRefused(
            f"Columns {names[0]} and {names[1]} (x and y) hold projected coordinates (such as "
            f"{_example(x, y, far)}): name their coordinate system (an EPSG code such as EPSG:2263, "
            "New York State Plane in feet, or EPSG:26985, Maryland State Plane in metres) so they can be "
            "converted; without it they are not placed.")
    return y.copy(), x.copy()


def _inside(lat, lon, extent: Extent) -> np.ndarray:
    minx, miny, maxx, maxy = extent
    with np.errstate(invalid="ignore"):
        return ((lon >= minx - MARGIN_DEGREES) & (lon <= maxx + MARGIN_DEGREES)
                & (lat >= miny - MARGIN_DEGREES) & (lat <= maxy + MARGIN_DEGREES))


def classify(lat: np.ndarray, lon: np.ndarray, extent: Extent | None,
             unreadable: np.ndarray | None = None) -> Located:
    """Class each pair and give the coordinates to store (swapped pairs exchanged back)."""
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    n = len(lat)
    kind = np.full(n, "ok", dtype=object)
    have = np.isfinite(lat) & np.isfinite(lon)
    with np.errstate(invalid="ignore"):
        zero = have & (np.abs(lat) < ZERO) & (np.abs(lon) < ZERO)
        repeated = have & ~zero & (lat == lon)
        in_range = (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
        swapped_range = (np.abs(lon) <= 90) & (np.abs(lat) <= 180)
    if extent is not None:    # a real point on the diagonal near the districts is a point
        repeated &= ~_inside(lat, lon, extent)
    rest = have & ~zero & ~repeated
    if extent is not None:
        good = rest & in_range & _inside(lat, lon, extent)
        swapped = rest & ~good & swapped_range & _inside(lon, lat, extent)
    else:
        good = rest & in_range
        swapped = rest & ~good & swapped_range
    kind[~have] = "missing"
    if unreadable is not None:
        kind[~have & np.asarray(unreadable, dtype=bool)] = "unreadable"
    kind[zero] = "zero"
    kind[repeated] = "repeated"
    kind[rest & ~good & ~swapped] = "outside"
    kind[swapped] = "swapped"
    out_lat = np.where(good, lat, np.where(swapped, lon, np.nan))
    out_lon = np.where(good, lon, np.where(swapped, lat, np.nan))
    values, tally = np.unique(kind.astype(str), return_counts=True)
    counts = {k: 0 for k in CLASSES}
    counts.update({str(k): int(c) for k, c in zip(values, tally)})
    return Located(out_lat, out_lon, kind, counts)


def read_locations(n: int, *, latitude=None, longitude=None, location=None, x=None, y=None,
                   crs: str | None = None, extent: Extent | None = None,
                   names: dict[str, str] | None = None, not_number=None) -> Located:
    """Read and class the points of `n` rows from whichever columns are given (text or numbers).

    `names`: field -> column name, for the messages of a refusal. `not_number`: rows where a caller
    that read the numbers itself (from text, in SQL) found a cell written that is not a number."""
    names = names or {}
    name = lambda f: names.get(f, f)   # noqa: E731
    lat, lat_bad = numbers(latitude, n)
    lon, lon_bad = numbers(longitude, n)
    _refuse_projected(lat, lon, (name("latitude"), name("longitude")), "Columns")
    have = np.isfinite(lat) & np.isfinite(lon)
    unreadable = (lat_bad | lon_bad) & ~have
    if not_number is not None:
        unreadable |= np.asarray(not_number, dtype=bool)
    if location is not None:
        text_lat, text_lon, text_bad = location_text(location, n)
        _refuse_projected(text_lat, text_lon, (name("location"),) * 2, "Column")
        take = ~have & np.isfinite(text_lat) & np.isfinite(text_lon)
        lat, lon = np.where(take, text_lat, lat), np.where(take, text_lon, lon)
        unreadable |= text_bad & ~have
        have |= take
    if x is not None or y is not None:
        xs, x_bad = numbers(x, n)
        ys, y_bad = numbers(y, n)
        xy_lat, xy_lon = from_xy(xs, ys, crs, (name("x"), name("y")))
        take = ~have & np.isfinite(xy_lat) & np.isfinite(xy_lon)
        lat, lon = np.where(take, xy_lat, lat), np.where(take, xy_lon, lon)
        unreadable |= x_bad | y_bad
        have |= take
    lone = np.isfinite(lat) != np.isfinite(lon)       # one of the two written
    unreadable = (unreadable | lone) & ~have
    return classify(lat, lon, extent, unreadable)


def counts_sentence(counts: dict[str, int], noun: str = "rows") -> str:
    """'Coordinates: 7,021 placed as written, 3 swapped (placed, corrected), ...' (classes with rows)."""
    parts = [f"{counts[k]:,} {LABELS[k]}" for k in CLASSES if counts.get(k)]
    return f"Coordinates of the {noun}: " + ("; ".join(parts) if parts else "none") + "."


def parse_point(text: str | None) -> tuple[float, float] | None:
    """One "(lat, lon)" or WKT "POINT (lon lat)" text -> (lat, lon), None when unreadable."""
    lat, lon, _ = location_text([text], 1)
    return None if math.isnan(lat[0]) or math.isnan(lon[0]) else (float(lat[0]), float(lon[0]))


__all__ = ["CLASSES", "PLACED", "LABELS", "Located", "classify", "read_locations", "district_extent",
           "counts_sentence", "parse_point", "transformer", "numbers", "location_text"]
