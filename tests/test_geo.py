import json
import math
import time

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely import affinity
from shapely.geometry import Point, box, mapping, shape

from core.geo import (
    DistrictLocator,
    GeoError,
    load_feature_collection,
    parse_districts,
    parse_latlon_text,
    validate_tiling,
)
from tests.realdata import REALDATA, realdata

BOSTON_CODES = {"A1", "A7", "A15", "B2", "B3", "C6", "C11", "D4", "D14", "E5", "E13", "E18"}


def collection(*features) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def feature(geometry, **props) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def square(x0, y0, size=1.0) -> dict:
    return mapping(box(x0, y0, x0 + size, y0 + size))


# ---------- parsing: good input ----------


def test_polygon_and_multipolygon_with_any_property_as_code_and_name():
    multi = mapping(shapely.MultiPolygon([box(2, 0, 3, 1), box(4, 0, 5, 1)]))
    shapes = parse_districts(
        collection(
            feature(square(0, 0), num=151, town="Waterbury", sector="North"),
            feature(multi, num=144, town="Trumbull", sector="South"),
        ),
        id_field="num",
        name_field="town",
        parent_field="sector",
    )
    assert [(s.code, s.name, s.parent_code) for s in shapes] == [
        ("151", "Waterbury", "North"),
        ("144", "Trumbull", "South"),
    ]
    assert shapes[1].geometry.geom_type == "MultiPolygon"
    assert shapes[1].geometry.area == pytest.approx(2.0)
    assert shapely.from_geojson(shapes[0].geojson).equals(box(0, 0, 1, 1))


def test_features_sharing_a_code_are_unioned_and_name_falls_back_to_code():
    shapes = parse_districts(
        collection(feature(square(0, 0), D="A1"), feature(square(1, 0), D="A1")),
        id_field="D",
        name_field="missing",
    )
    assert len(shapes) == 1
    assert shapes[0].name == "A1"
    assert shapes[0].geometry.area == pytest.approx(2.0)
    assert shapes[0].geometry.equals(box(0, 0, 2, 1))


def test_non_polygon_features_are_skipped_and_feature_id_is_a_fallback():
    text = collection(
        feature({"type": "Point", "coordinates": [0.5, 0.5]}, name="station"),
        {"type": "Feature", "id": 7, "properties": {}, "geometry": square(0, 0)},
    )
    shapes = parse_districts(text, id_field="id", name_field=None)
    assert [s.code for s in shapes] == ["7"]


def test_geojson_is_rounded_to_six_decimals():
    ring = [[-71.1234567891, 42.1], [-71.0, 42.1], [-71.0, 42.2], [-71.1234567891, 42.1]]
    (district,) = parse_districts(
        collection(feature({"type": "Polygon", "coordinates": [ring]}, D="X")), "D", "D"
    )
    xs = [c[0] for c in json.loads(district.geojson)["coordinates"][0]]
    assert -71.123457 in xs
    assert all(round(x, 6) == x for x in xs)


def test_bowtie_is_repaired_into_valid_polygons():
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    assert not shapely.from_geojson(json.dumps(bowtie)).is_valid
    (district,) = parse_districts(collection(feature(bowtie, D="X")), "D", "D")
    assert district.geometry.is_valid
    assert district.geometry.geom_type == "MultiPolygon"
    assert district.geometry.area == pytest.approx(0.5)


# ---------- parsing: refused input ----------

A_SQUARE = square(0, 0)
BOSTONISH = box(-71.1, 42.3, -71.0, 42.4)  # x 1e5 looks like projected metres
BAD_FILES = {
    "not json": ("{not json", "not valid JSON"),
    "bytes not utf8": (b"\xff\xfe\x00garbage", "not valid JSON"),
    "not a collection": (json.dumps({"type": "Feature", "geometry": A_SQUARE}), "FeatureCollection"),
    "json list": ("[1, 2]", "FeatureCollection"),
    "only points": (
        collection(feature({"type": "Point", "coordinates": [0, 0]}, D="A")),
        "no Polygon",
    ),
    "empty collection": (collection(), "no Polygon"),
    "projected": (
        collection(feature(mapping(affinity.scale(BOSTONISH, 1e5, 1e5, origin=(0, 0))), D="A")),
        "longitude/latitude",
    ),
    "missing id": (collection(feature(square(0, 0), NAME="x")), "no value for the id property 'D'"),
    "blank id": (collection(feature(square(0, 0), D="  ")), "no value for the id property 'D'"),
    "zero area": (
        collection(feature({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 1], [0, 0]]]}, D="A")),
        "no area",
    ),
    "two distinct points": (
        collection(feature({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]}, D="A")),
        "no area",
    ),
    "malformed coordinates": (
        collection(feature({"type": "Polygon", "coordinates": [[[0, 0], [1, "x"], [0, 0]]]}, D="A")),
        "malformed",
    ),
}


@pytest.mark.parametrize("text, reason", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_files_are_refused_with_a_one_sentence_reason(text, reason):
    with pytest.raises(GeoError) as caught:
        parse_districts(text, id_field="D", name_field="D")
    message = str(caught.value)
    assert reason in message
    assert "\n" not in message and message.endswith(".")


def test_load_feature_collection_returns_features():
    assert len(load_feature_collection(collection(feature(square(0, 0)), feature(square(1, 0))))) == 2


# ---------- locating points ----------


def test_locate_inside_outside_border_and_missing():
    # given out of order on purpose: the border rule must not depend on it
    locator = DistrictLocator({"B": box(1, 0, 2, 1), "A": shapely.to_geojson(box(0, 0, 1, 1))})
    assert locator.locate(0.5, 0.5) == "A"
    assert locator.locate(1.5, 0.5) == "B"
    assert locator.locate(1.0, 0.5) == "A"  # shared border -> lowest code
    assert locator.locate(5, 5) is None
    assert locator.locate(None, 0.5) is None
    assert locator.locate(math.nan, 0.5) is None
    assert locator.locate_many([0.5, None, "1.5", "", 3], [0.5, 0.5, "0.5", "0.5", 3]) == [
        "A",
        None,
        "B",
        None,
        None,
    ]
    assert locator.locate_many(pd.Series([1.5, np.nan]), np.array([0.5, 0.5])) == ["B", None]
    assert DistrictLocator({}).locate(0, 0) is None


def test_locate_many_places_many_points_correctly():
    # 10 x 10 grid of squares, each densified to 400 vertices like real borders
    shapes = {
        f"{i}-{j}": shapely.segmentize(box(i, j, i + 1, j + 1), 0.01)
        for i in range(10)
        for j in range(10)
    }
    rng = np.random.default_rng(42)
    # correctness only: speed is a benchmark figure (bench/), never a timed assertion
    x, y = rng.uniform(-1, 11, 200_000), rng.uniform(-1, 11, 200_000)
    locator = DistrictLocator(shapes)
    started = time.perf_counter()
    found = locator.locate_many(x, y)
    elapsed = time.perf_counter() - started
    inside = (x >= 0) & (x < 10) & (y >= 0) & (y < 10)
    expected = np.where(inside, [f"{int(a)}-{int(b)}" for a, b in zip(x, y)], None)
    assert found == expected.tolist()
    print(f"\n{len(x):,} points located in {elapsed:.2f}s")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("(42.35, -71.06)", (42.35, -71.06)),
        (" (42.261873,-71.15741) ", (42.261873, -71.15741)),
        ("42.35, -71.06", (42.35, -71.06)),
        ("(0E-9, 0E-9)", None),
        ("(0.0, 0.0)", None),
        ("", None),
        (None, None),
        (float("nan"), None),
        ("(abc, def)", None),
        ("(95.0, -71.0)", None),
        ("(42.35)", None),
    ],
)
def test_parse_latlon_text(text, expected):
    assert parse_latlon_text(text) == expected


# ---------- tiling checks ----------


def test_validate_tiling_reports_overlaps_and_invalid_shapes():
    assert validate_tiling({"A": box(0, 0, 1, 1), "B": box(1, 0, 2, 1)}) == []
    problems = validate_tiling({"A": box(0, 0, 1, 1), "B": box(0.5, 0, 1.5, 1)})
    assert len(problems) == 1 and "A and B overlap" in problems[0] and "50.00%" in problems[0]
    bowtie = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    problems = validate_tiling({"A": box(5, 5, 6, 6), "Z": bowtie})
    assert problems == ["Z: invalid shape (Self-intersection[0.5 0.5])."]


# ---------- real public data ----------


@pytest.fixture(scope="module")
def boston():
    text = (REALDATA / "boston_police_districts.geojson").read_text()
    return text, parse_districts(text, id_field="DISTRICT", name_field="DISTRICT")


@realdata
def test_boston_districts_parse(boston):
    _, shapes = boston
    assert {s.code for s in shapes} == BOSTON_CODES
    assert all(s.geometry.is_valid and s.geometry.area > 0 for s in shapes)
    assert all(shapely.from_geojson(s.geojson).equals(s.geometry) for s in shapes)
    assert validate_tiling({s.code: s.geometry for s in shapes}) == []


@realdata
def test_boston_crime_points_match_an_independent_computation(boston):
    text, shapes = boston
    crimes = pd.read_csv(REALDATA / "boston_crime_incidents_2023q1.csv", dtype=str, keep_default_na=False)
    lat = pd.to_numeric(crimes["Lat"], errors="coerce")
    lon = pd.to_numeric(crimes["Long"], errors="coerce")
    crimes = crimes[lat.notna() & lon.notna() & (lat != 0) & (lon != 0)].assign(lat=lat, lon=lon)
    locator = DistrictLocator({s.code: s.geojson for s in shapes})
    # object dtype keeps None as None (a str column would turn it into NaN)
    found = locator.locate_many(crimes["lon"], crimes["lat"])
    crimes["found"] = pd.Series(found, index=crimes.index, dtype=object)

    # independent: raw polygons from the file, plain shapely, no tree, no rounding
    raw = {f["properties"]["DISTRICT"]: shape(f["geometry"]) for f in json.loads(text)["features"]}
    sample = crimes.sample(n=2000, random_state=7)
    differ = 0
    for row in sample.itertuples():
        point = Point(row.lon, row.lat)
        expected = min((code for code, poly in raw.items() if poly.contains(point)), default=None)
        if row.found != expected:
            # snapping borders to the 1e-6 degree grid may flip a point lying
            # on a border line (streets often are), never one further away
            differ += 1
            near = [raw[c].boundary.distance(point) for c in (row.found, expected) if c]
            assert min(near) < 1e-6, (row.INCIDENT_NUMBER, row.found, expected)
    assert differ <= 10  # about 0.2% of all rows sit on a border

    named = crimes[~crimes["DISTRICT"].isin(["", "External"])]
    agreement = (named["found"] == named["DISTRICT"]).mean()
    assert len(named) > 12_000
    assert agreement > 0.95, f"only {agreement:.1%} agree with the DISTRICT column"


@realdata
def test_boston_food_establishments_locate_from_location_text(boston):
    _, shapes = boston
    food = pd.read_csv(
        REALDATA / "boston_food_establishment_licenses_2015.csv", dtype=str, keep_default_na=False
    )
    points = [p for p in map(parse_latlon_text, food["Location"]) if p]
    assert len(points) == 2006  # 885 rows carry "(0E-9, 0E-9)" for "no location"
    found = DistrictLocator({s.code: s.geometry for s in shapes}).locate_many(
        [lon for _, lon in points], [lat for lat, _ in points]
    )
    located = [code for code in found if code]
    assert len(located) == 2005
    assert set(located) <= BOSTON_CODES


@realdata
def test_connecticut_towns_use_numeric_id_and_name_properties():
    shapes = parse_districts((REALDATA / "ct_towns.geojson").read_text(), "num", "name")
    by_code = {s.code: s for s in shapes}
    assert len(shapes) == 169
    assert by_code["151"].name == "Waterbury" and by_code["144"].name == "Trumbull"
    locator = DistrictLocator({s.code: s.geometry for s in shapes})
    assert locator.locate(-73.0437, 41.5535) == "151"  # Waterbury city hall
