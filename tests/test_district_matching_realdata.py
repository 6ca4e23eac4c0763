"""Seven cities' real incident exports and police-district polygons, imported through the CLI.

For each city the stored per-district counts and the import's placement figures (audit row of the
import) are compared with an answer computed here from the raw files, without the product's code:
the stated district is read with a rule written for that city (int() of the digits for numeric
codes, upper case for San Francisco's names, the text as written for Boston's and Seattle's codes),
rows whose stated district is blank or names no polygon are placed with shapely on the raw GeoJSON
features (a point on a border goes to the smallest code in string order), and the file's repeated
incident numbers keep their last row, as the import does. Every file is imported whole (the largest
has 14,527 rows).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

import cli
from queries.db import Database
from tests.realdata import REALDATA

pytestmark = [pytest.mark.realdata,
              pytest.mark.skipif(not REALDATA.exists(), reason=f"real public test data not found at {REALDATA}")]


def _digits(text: str) -> str | None:
    return str(int(text)) if text.isdigit() else None


@dataclass(frozen=True)
class City:
    incidents: str
    polygons: str
    id_property: str
    number: str
    occurred: str
    district: str
    latitude: str
    longitude: str
    stated: object                 # the test's own reading of a district text: text -> code or None
    readme_other: int | None = None   # rows located in another district than stated, per the README
    #                                   (on the unsnapped shapes)
    imported_file: str | None = None  # the file given to the import, when not `incidents`


CITIES = {
    "boston": City("boston_crime_incidents_2023q1.csv", "boston_police_districts.geojson", "DISTRICT",
                   "INCIDENT_NUMBER", "OCCURRED_ON_DATE", "DISTRICT", "Lat", "Long", lambda t: t),
    "dc": City("dc_crime_incidents_2021_jan_apr.csv", "dc_police_districts.geojson", "DISTRICT",
               # the README counts 102 over every row; 3 CCNs repeat and keep their last row here
               "CCN", "REPORT_DAT", "DISTRICT", "LATITUDE", "LONGITUDE", _digits, 101),
    "los_angeles": City("los_angeles_crime_incidents_2022_sample.csv", "los_angeles_police_divisions.geojson",
                        "PREC", "DR_NO", "DATE OCC", "AREA", "LAT", "LON", _digits, 6),
    # the same records as a workbook (Excel serial dates, numbers as numbers)
    "los_angeles_xlsx": City("los_angeles_crime_incidents_2022_sample.csv", "los_angeles_police_divisions.geojson",
                             "PREC", "DR_NO", "DATE OCC", "AREA", "LAT", "LON", _digits, 6,
                             imported_file="los_angeles_crime_incidents_2022_sample.xlsx"),
    "nyc": City("nyc_shooting_incidents_2022.csv", "nyc_police_precincts.geojson", "precinct",
                "INCIDENT_KEY", "OCCUR_DATE", "PRECINCT", "Latitude", "Longitude", _digits),
    # DIST_NUM is an integer (1 ... 39); the file writes dc_dist zero-padded ('01')
    # no coordinates at all: every incident by its stated precinct
    "nyc_hate_crimes": City("nyc_hate_crimes_2019_2021.csv", "nyc_police_precincts.geojson", "precinct",
                            "Full Complaint ID", "Record Create Date", "Complaint Precinct Code", "", "", _digits),
    "philadelphia": City("philadelphia_crime_incidents_2025_01.csv", "philadelphia_police_districts.geojson",
                         "DIST_NUM", "objectid", "dispatch_date_time", "dc_dist", "lat", "lng", _digits, 375),
    "san_francisco": City("san_francisco_crime_incidents_2018_12.csv", "san_francisco_police_districts.geojson",
                          "DISTRICT", "Row ID", "Incident Date", "Police District", "Latitude", "Longitude",
                          # the README's 1,677 counts the 98 located 'Out of SF' rows as "in another"
                          str.upper, 1677 - 98),
    "seattle": City("seattle_robbery_incidents_2007_2020.csv", "seattle_police_beats.geojson", "beat",
                    "Offense ID", "Report DateTime", "Beat", "Latitude", "Longitude", lambda t: t),
}


def _polygons(city: City) -> dict[str, list]:
    features = json.loads((REALDATA / city.polygons).read_text())["features"]
    out: dict[str, list] = {}
    for f in features:
        # districts are stored snapped to a grid of 1e-6 degrees (about 0.1 m): points that close to
        # a border are judged against the stored line
        out.setdefault(str(f["properties"][city.id_property]).strip(), []).append(
            shapely.set_precision(shape(f["geometry"]), 1e-6))
    return out


def _inside(polygons: list, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    hit = np.zeros(len(lon), dtype=bool)
    for polygon in polygons:
        hit |= shapely.intersects_xy(polygon, lon, lat)
    return hit


def expected(city: City) -> pd.DataFrame:
    """One row per incident the import keeps: stated district, where its point lies, where it belongs."""
    raw = pd.read_csv(REALDATA / city.incidents, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    raw = raw.assign(num=raw[city.number].str.strip())
    raw = raw[raw["num"] != ""].drop_duplicates("num", keep="last").reset_index(drop=True)
    polygons = _polygons(city)
    text = raw[city.district].str.strip()
    stated = text.map(lambda t: city.stated(t) if t else None)
    stated = stated.where(stated.isin(list(polygons)), None)
    blank = pd.Series([""] * len(raw))
    lat = pd.to_numeric(raw[city.latitude].str.strip() if city.latitude else blank, errors="coerce").to_numpy()
    lon = pd.to_numeric(raw[city.longitude].str.strip() if city.longitude else blank, errors="coerce").to_numpy()
    located = (np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
               & ~((lat == 0) & (lon == 0)))
    lat, lon = np.where(located, lat, 0.0), np.where(located, lon, 0.0)
    point_in = pd.Series([None] * len(raw), dtype=object)
    for code in sorted(polygons, reverse=True):       # the smallest code is written last and wins
        point_in[located & _inside(polygons[code], lon, lat)] = code
    in_stated = np.zeros(len(raw), dtype=bool)
    for code, group in stated.dropna().groupby(stated.dropna()):
        rows = group.index.to_numpy()
        in_stated[rows] = _inside(polygons[code], lon[rows], lat[rows]) & located[rows]
    return pd.DataFrame({"num": raw["num"], "stated": stated, "located": located, "point_in": point_in,
                         "in_stated": in_stated,
                         "district": stated.where(stated.notna(), point_in)})


def _import(tmp_path_factory, name: str, city: City):
    path = tmp_path_factory.mktemp(name) / "city.duckdb"
    assert cli.main(["--db", str(path), "import", "districts", str(REALDATA / city.polygons),
                     "--id-field", city.id_property]) == 0
    assert cli.main(["--db", str(path), "import", "incidents",
                     str(REALDATA / (city.imported_file or city.incidents)), "--quiet",
                     "--map", f"incident_number={city.number}", "--map", f"occurred_at={city.occurred}",
                     "--map", f"district={city.district}",
                     *(["--map", f"latitude={city.latitude}", "--map", f"longitude={city.longitude}"]
                       if city.latitude else [])]) == 0
    db = Database(path)
    with db.cursor() as cur:
        stored = cur.execute("select d.code, count(*) as n from incidents i left join districts d "
                             "on d.id = i.district_id group by d.code").fetchall()
        detail = cur.execute("select detail from audit_log where action = 'import' and table_name = 'incidents' "
                             "order by id desc limit 1").fetchone()[0]
    db.close()
    return {code or "-": n for code, n in stored}, json.loads(detail)


@pytest.fixture(scope="module", params=sorted(CITIES))
def city(request, tmp_path_factory):
    name = request.param
    counts, detail = _import(tmp_path_factory, name, CITIES[name])
    return name, CITIES[name], counts, detail


def test_per_district_counts_follow_the_stated_district(city):
    name, spec, counts, _ = city
    want = expected(spec)["district"].fillna("-").value_counts().to_dict()
    assert counts == want, name


def test_placement_figures_equal_an_independent_count(city):
    name, spec, _, detail = city
    rows = expected(spec)
    by_column = rows["stated"].notna()
    other = by_column & rows["located"] & ~rows["in_stated"] & rows["point_in"].notna()
    figures = {
        "imported": len(rows),
        "district_from_column": int(by_column.sum()),
        "located_by_point": int((~by_column & rows["point_in"].notna()).sum()),
        "no_district_no_location": int((~by_column & ~rows["located"]).sum()),
        "no_district_outside": int((~by_column & rows["located"] & rows["point_in"].isna()).sum()),
        "located_in_other_district": int(other.sum()),
        "stated_outside_every_district": int((by_column & rows["located"] & rows["point_in"].isna()).sum()),
    }
    assert {k: detail.get(k) for k in figures} == figures, name
    if spec.readme_other is not None:     # the README's count on the unsnapped shapes agrees within a few rows
        assert abs(figures["located_in_other_district"] - spec.readme_other) <= 5


def test_only_texts_that_name_no_district_are_listed_as_unmatched(city):
    name, spec, _, detail = city
    raw = pd.read_csv(REALDATA / spec.incidents, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    raw = raw.assign(num=raw[spec.number].str.strip())
    raw = raw[raw["num"] != ""].drop_duplicates("num", keep="last")
    text = raw[spec.district].str.strip()
    codes = set(_polygons(spec))
    unmatched = text[(text != "") & ~text.map(spec.stated).isin(list(codes))]
    want = {t: int(n) for t, n in unmatched.value_counts().items()}
    assert {u["district_text"]: u["incidents"] for u in detail["unmatched_districts"]} == want, name


@pytest.mark.parametrize("name", ["seattle", "philadelphia"])
def test_points_on_real_borders_land_in_the_same_district_whatever_the_feature_order(name):
    from core.geo import DistrictLocator, parse_districts

    spec = CITIES[name]
    collection = json.loads((REALDATA / spec.polygons).read_text())
    # every vertex of every polygon: most lie on a border two districts share
    # (on the grid of 1e-6 degrees the shapes are stored on)
    vertices = np.round(np.concatenate([shapely.get_coordinates(shape(f["geometry"]))
                                        for f in collection["features"]]), 6)
    answers = []
    for seed in (0, 1, 2):
        features = list(collection["features"])
        np.random.default_rng(seed).shuffle(features)
        if seed == 2:
            features.reverse()
        shapes = parse_districts(json.dumps({**collection, "features": features}), spec.id_property, None)
        locator = DistrictLocator({s.code: s.geometry for s in shapes})
        answers.append(locator.locate_many(vertices[:, 0], vertices[:, 1]))
    assert answers[0] == answers[1] == answers[2]
    assert sum(a is not None for a in answers[0]) > 0.99 * len(vertices)
    shared = sum(locator.holds_many(code, vertices[:, 0], vertices[:, 1]).astype(int) for code in locator.codes)
    assert (shared >= 2).sum() > 1000          # points that two districts hold: the border rule decides
