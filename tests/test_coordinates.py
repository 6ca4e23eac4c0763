"""Coordinates as files write them: each form and each class on a tiny file, through both importers.

Two districts in Manhattan-ish degrees (W = [-74.0, -73.95] x [40.7, 40.8], E = [-73.95, -73.9] x
[40.7, 40.8]); their bounding box plus a margin of one degree is "near". Projected points are made here
with pyproj from known degrees, so the test does not trust the importer's conversion to check itself.
"""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import box

import cli
from core.business_import import FIELDS as BUSINESS_FIELDS
from core.business_import import REQUIRED as BUSINESS_REQUIRED
from core.business_import import plan_import, run_import
from core.coordinates import classify, parse_point, read_locations
from core.incident_import import FileRefused, import_incidents
from core.tabular import apply_mapping, read_path, read_table
from queries.actor import SYSTEM
from queries.db import Database
from tests.realdata import REALDATA, realdata

WEST = box(-74.0, 40.7, -73.95, 40.8)
EAST = box(-73.95, 40.7, -73.9, 40.8)
EXTENT = (-74.0, 40.7, -73.9, 40.8)
NY_FEET = Transformer.from_crs("EPSG:4326", "EPSG:2263", always_xy=True)   # New York State Plane, feet
MD_METRES = Transformer.from_crs("EPSG:4326", "EPSG:26985", always_xy=True)  # Maryland State Plane, metres


@pytest.fixture
def city(db):
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("districts", {"code": "W", "name": "West", "geometry": shapely.to_geojson(WEST)})
        uow.insert("districts", {"code": "E", "name": "East", "geometry": shapely.to_geojson(EAST)})
    return db


def write(tmp_path, header: list[str], rows: list[list[str]], name: str = "incidents.csv"):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def stored(db) -> dict[str, tuple]:
    with db.cursor() as cur:
        rows = cur.execute("select i.incident_number, i.latitude, i.longitude, d.code from incidents i "
                           "left join districts d on d.id = i.district_id order by i.incident_number").fetchall()
    return {r[0]: tuple(None if v is None else (round(v, 4) if isinstance(v, float) else v) for v in r[1:])
            for r in rows}


def written(db) -> tuple[int, int]:
    with db.cursor() as cur:
        return cur.execute("select (select count(*) from incidents) + (select count(*) from businesses), "
                           "(select count(*) from audit_log where action = 'import' "
                           "and table_name in ('incidents', 'businesses'))").fetchone()


INCIDENT = {"incident_number": "num", "occurred_at": "when"}


# -- the module on its own ---------------------------------------------------------------------------

def test_each_class_of_a_pair():
    found = read_locations(
        8, latitude=["40.75", "", "north", "0", "40.75", "-73.97", "34.05", "40.75"],
        longitude=["-73.97", "", "", "0", "40.75", "40.75", "-118.25", ""], extent=EXTENT)
    assert list(found.kind) == ["ok", "missing", "unreadable", "zero", "repeated", "swapped", "outside",
                                "unreadable"]
    assert (found.latitude[0], found.longitude[0]) == (40.75, -73.97)
    assert (found.latitude[5], found.longitude[5]) == (40.75, -73.97)        # exchanged back
    assert pd.isna(found.latitude[[1, 2, 3, 4, 6, 7]]).all()
    assert found.counts == {"ok": 1, "swapped": 1, "missing": 1, "unreadable": 2, "zero": 1, "repeated": 1,
                            "outside": 1}


def test_without_districts_only_a_pair_beyond_the_ranges_is_read_as_swapped():
    found = classify([-118.25, 34.05], [34.05, -118.25], extent=None)
    assert list(found.kind) == ["swapped", "ok"]
    assert (found.latitude[0], found.longitude[0]) == (34.05, -118.25)


@pytest.mark.parametrize("text, expected", [
    ("(40.75, -73.97)", (40.75, -73.97)),
    ("POINT (-73.97 40.75)", (40.75, -73.97)),
    ("point(-73.97 40.75)", (40.75, -73.97)),
    ("SRID=4326;POINT (-73.97 40.75)", (40.75, -73.97)),
    ("POINT Z (-73.97 40.75 12)", (40.75, -73.97)),
    ("POINT EMPTY", None),
    ("", None),
    ("somewhere", None),
])
def test_location_texts(text, expected):
    assert parse_point(text) == expected


# -- incidents ---------------------------------------------------------------------------------------

def test_incident_latitude_longitude_columns_each_class_stored_and_counted(city, tmp_path):
    path = write(tmp_path, ["num", "when", "lat", "lon"], [
        ["A1", "2025-01-05 10:00", "40.75", "-73.97"],       # ok, W
        ["A2", "2025-01-05 10:00", "", ""],                  # missing
        ["A3", "2025-01-05 10:00", "0", "0"],                # zero
        ["A4", "2025-01-05 10:00", "40.75", "40.75"],        # repeated
        ["A5", "2025-01-05 10:00", "-73.92", "40.75"],       # swapped, E once exchanged back
        ["A6", "2025-01-05 10:00", "34.05", "-118.25"],      # outside: another state
        ["A7", "2025-01-05 10:00", "n/a", "-73.97"],         # unreadable
    ])
    summary = import_incidents(city, SYSTEM, path, {**INCIDENT, "latitude": "lat", "longitude": "lon"})
    assert stored(city) == {"A1": (40.75, -73.97, "W"), "A2": (None, None, None), "A3": (None, None, None),
                            "A4": (None, None, None), "A5": (40.75, -73.92, "E"), "A6": (None, None, None),
                            "A7": (None, None, None)}
    assert summary.coordinates == {"ok": 1, "swapped": 1, "missing": 1, "unreadable": 1, "zero": 1,
                                   "repeated": 1, "outside": 1}
    assert (summary.without_location, summary.location_bad, summary.located_by_point) == (5, 1, 2)
    assert any("1 latitude and longitude swapped (placed, corrected)" in line
               and "1 0,0 placeholder (not placed)" in line and "1 latitude repeated as longitude" in line
               and "1 far from every district (not placed)" in line for line in summary.lines())
    with city.cursor() as cur:
        detail = json.loads(cur.execute("select detail from audit_log where action = 'import'").fetchone()[0])
    assert detail["coordinates"] == summary.coordinates


def test_incident_lat_lon_text(city, tmp_path):
    path = write(tmp_path, ["num", "when", "point"], [["B1", "2025-01-05", "(40.75, -73.92)"],
                                                      ["B2", "2025-01-05", "(0.0, 0.0)"]])
    summary = import_incidents(city, SYSTEM, path, {**INCIDENT, "location": "point"})
    assert stored(city) == {"B1": (40.75, -73.92, "E"), "B2": (None, None, None)}
    assert (summary.coordinates["ok"], summary.coordinates["zero"]) == (1, 1)


def test_incident_wkt_point(city, tmp_path):
    path = write(tmp_path, ["num", "when", "geo"], [["C1", "2025-01-05", "POINT (-73.97 40.75)"],
                                                    ["C2", "2025-01-05", ""]])
    summary = import_incidents(city, SYSTEM, path, {**INCIDENT, "location": "geo"})
    assert stored(city) == {"C1": (40.75, -73.97, "W"), "C2": (None, None, None)}
    assert (summary.coordinates["ok"], summary.coordinates["missing"]) == (1, 1)


def _ewkb(lon: float, lat: float, srid: int) -> str:
    if srid != 4326:
        lon, lat = Transformer.from_crs("EPSG:4326", f"EPSG:{srid}", always_xy=True).transform(lon, lat)
    return shapely.to_wkb(shapely.set_srid(shapely.Point(lon, lat), srid), hex=True, include_srid=True)


def test_incident_hex_ewkb_points_in_degrees_and_in_web_mercator(city, tmp_path):
    path = write(tmp_path, ["num", "when", "the_geom"], [["L1", "2025-01-05", _ewkb(-73.97, 40.75, 4326)],
                                                         ["L2", "2025-01-05", _ewkb(-73.92, 40.75, 3857)],
                                                         ["L3", "2025-01-05", "0101"]])
    summary = import_incidents(city, SYSTEM, path, {**INCIDENT, "location": "the_geom"})
    assert stored(city) == {"L1": (40.75, -73.97, "W"), "L2": (40.75, -73.92, "E"), "L3": (None, None, None)}
    assert (summary.coordinates["ok"], summary.coordinates["unreadable"]) == (2, 1)


def test_incident_state_plane_xy_converted_with_the_named_system(city, tmp_path):
    x, y = NY_FEET.transform(-73.92, 40.75)
    path = write(tmp_path, ["num", "when", "lat", "lon", "X_COORD_CD", "Y_COORD_CD"], [
        ["D1", "2025-01-05", "", "", f"{x:.0f}", f"{y:.0f}"],              # only X/Y: converted
        ["D2", "2025-01-05", "40.75", "-73.97", f"{x:.0f}", f"{y:.0f}"],   # degrees given: they win
    ])
    mapping = {**INCIDENT, "latitude": "lat", "longitude": "lon", "x": "X_COORD_CD", "y": "Y_COORD_CD"}
    summary = import_incidents(city, SYSTEM, path, mapping, crs="EPSG:2263")
    assert stored(city) == {"D1": (40.75, -73.92, "E"), "D2": (40.75, -73.97, "W")}
    assert summary.coordinates["ok"] == 2


def test_incident_state_plane_xy_without_a_system_is_refused_and_nothing_written(city, tmp_path):
    x, y = NY_FEET.transform(-73.92, 40.75)
    path = write(tmp_path, ["num", "when", "X_COORD_CD", "Y_COORD_CD"], [["E1", "2025-01-05", f"{x:.0f}", f"{y:.0f}"]])
    with pytest.raises(FileRefused) as refused:
        import_incidents(city, SYSTEM, path, {**INCIDENT, "x": "X_COORD_CD", "y": "Y_COORD_CD"})
    message = str(refused.value)
    assert "X_COORD_CD" in message and "Y_COORD_CD" in message and "coordinate system" in message
    assert written(city) == (0, 0)


def test_incident_projected_numbers_in_latitude_longitude_columns_are_refused(city, tmp_path):
    x, y = MD_METRES.transform(-77.02, 38.90)
    path = write(tmp_path, ["num", "when", "YBLOCK", "XBLOCK"], [["F1", "2025-01-05", f"{y:.2f}", f"{x:.2f}"]])
    with pytest.raises(FileRefused, match="YBLOCK and XBLOCK hold projected coordinates"):
        import_incidents(city, SYSTEM, path, {**INCIDENT, "latitude": "YBLOCK", "longitude": "XBLOCK"})
    assert written(city) == (0, 0)


def test_incident_xy_in_degrees_needs_no_system(city, tmp_path):
    path = write(tmp_path, ["num", "when", "X", "Y"], [["G1", "2025-01-05", "-73.97", "40.75"]])
    import_incidents(city, SYSTEM, path, {**INCIDENT, "x": "X", "y": "Y"})
    assert stored(city) == {"G1": (40.75, -73.97, "W")}


def test_an_unknown_coordinate_system_is_refused_and_nothing_written(city, tmp_path):
    path = write(tmp_path, ["num", "when", "X", "Y"], [["H1", "2025-01-05", "998000", "212000"]])
    with pytest.raises(FileRefused, match="'EPSG:999999' is not a coordinate system"):
        import_incidents(city, SYSTEM, path, {**INCIDENT, "x": "X", "y": "Y"}, crs="EPSG:999999")
    assert written(city) == (0, 0)


def test_the_incident_cli_names_the_coordinate_system(city, tmp_path, capsys):
    x, y = NY_FEET.transform(-73.97, 40.75)
    path = write(tmp_path, ["num", "when", "X", "Y"], [["J1", "2025-01-05", f"{x:.1f}", f"{y:.1f}"]])
    args = ["--db", str(city.path), "import", "incidents", str(path), "--quiet", "--map", "incident_number=num",
            "--map", "occurred_at=when", "--map", "x=X", "--map", "y=Y"]
    assert cli.main(args) == 2
    assert "name their coordinate system" in capsys.readouterr().err
    assert written(city) == (0, 0)
    assert cli.main([*args, "--crs", "EPSG:2263"]) == 0
    assert stored(city) == {"J1": (40.75, -73.97, "W")}


# -- business lists ----------------------------------------------------------------------------------

BUSINESS_HEADER = ["Name", "Street", "Where"]
BUSINESSES = [
    ["Good Deli", "1 A St", "(40.75, -73.97)"],         # ok, W
    ["Blank Cafe", "2 B St", ""],                       # missing
    ["Zero Bar", "3 C St", "(0.0, 0.0)"],               # zero
    ["Echo Grill", "4 D St", "(40.7612, 40.7612)"],     # repeated
    ["Far Diner", "5 E St", "(41.8859, -87.6393)"],     # outside: Chicago
    ["Flip Bakery", "6 F St", "(-73.92, 40.75)"],       # swapped, E
    ["Wkt Pizza", "7 G St", "POINT (-73.92 40.75)"],    # WKT, E
]


def business_rows(rows, header=BUSINESS_HEADER, mapping=None):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    mapping = mapping or {"name": "Name", "address": "Street", "location": "Where"}
    mapped = apply_mapping(read_table(out.getvalue().encode(), "list.csv"), mapping, BUSINESS_REQUIRED,
                           BUSINESS_FIELDS)
    mapped.attrs["columns"] = mapping
    return mapped


def stored_businesses(db) -> dict[str, tuple]:
    with db.cursor() as cur:
        rows = cur.execute("select b.name, b.latitude, b.longitude, d.code from businesses b "
                           "left join districts d on d.id = b.district_id").fetchall()
    return {r[0]: tuple(None if v is None else (round(v, 4) if isinstance(v, float) else v) for v in r[1:])
            for r in rows}


def test_business_list_each_class_previewed_counted_and_stored(city):
    preview = plan_import(city, business_rows(BUSINESSES))
    assert preview.coordinates == {"ok": 2, "swapped": 1, "missing": 1, "unreadable": 0, "zero": 1,
                                   "repeated": 1, "outside": 1}
    assert "1 latitude repeated as longitude (not placed)" in preview.coordinates_sentence()
    assert stored_businesses(city) == {}                       # a preview writes nothing
    plan = run_import(city, SYSTEM, business_rows(BUSINESSES), "list.csv")
    assert plan.coordinates == preview.coordinates
    assert stored_businesses(city) == {
        "Good Deli": (40.75, -73.97, "W"), "Blank Cafe": (None, None, None), "Zero Bar": (None, None, None),
        "Echo Grill": (None, None, None), "Far Diner": (None, None, None), "Flip Bakery": (40.75, -73.92, "E"),
        "Wkt Pizza": (40.75, -73.92, "E")}
    assert plan.flags["latitude and longitude swapped (corrected)"] == 1
    assert plan.flags["0,0 placeholder (kept without a location)"] == 1
    assert plan.flags["latitude repeated as longitude (kept without a location)"] == 1
    assert plan.flags["far from every district (kept without a location)"] == 1
    with city.cursor() as cur:
        detail = cur.execute("select detail from audit_log where action = 'import'").fetchone()[0]
    assert "1 0,0 placeholder (not placed)" in detail


def test_business_separate_columns_swapped(city):
    rows = business_rows([["Swap Shop", "1 A St", "-73.97", "40.75"]], ["Name", "Street", "Lat", "Lon"],
                         {"name": "Name", "address": "Street", "latitude": "Lat", "longitude": "Lon"})
    plan = run_import(city, SYSTEM, rows, "list.csv")
    assert plan.coordinates["swapped"] == 1
    assert stored_businesses(city) == {"Swap Shop": (40.75, -73.97, "W")}


def test_business_state_plane_xy_converted_with_the_named_system(city):
    x, y = NY_FEET.transform(-73.92, 40.75)
    rows = business_rows([["Plane Cafe", "1 A St", f"{x:.1f}", f"{y:.1f}"]], ["Name", "Street", "XCOORD", "YCOORD"],
                         {"name": "Name", "address": "Street", "x": "XCOORD", "y": "YCOORD"})
    run_import(city, SYSTEM, rows, "list.csv", crs="EPSG:2263")
    assert stored_businesses(city) == {"Plane Cafe": (40.75, -73.92, "E")}


def test_business_state_plane_xy_without_a_system_is_refused_and_nothing_written(city):
    x, y = NY_FEET.transform(-73.92, 40.75)
    rows = business_rows([["Plane Cafe", "1 A St", f"{x:.1f}", f"{y:.1f}"]], ["Name", "Street", "XCOORD", "YCOORD"],
                         {"name": "Name", "address": "Street", "x": "XCOORD", "y": "YCOORD"})
    with pytest.raises(FileRefused, match="XCOORD and YCOORD .*name their coordinate system"):
        plan_import(city, rows)
    with pytest.raises(FileRefused):
        run_import(city, SYSTEM, rows, "list.csv")
    assert stored_businesses(city) == {}
    assert written(city) == (0, 0)


def test_the_business_cli_names_the_coordinate_system(city, tmp_path, capsys):
    x, y = NY_FEET.transform(-73.97, 40.75)
    path = write(tmp_path, ["Name", "Street", "XC", "YC"], [["Cli Cafe", "1 A St", f"{x:.1f}", f"{y:.1f}"]],
                 name="list.csv")
    args = ["--db", str(city.path), "import", "businesses", str(path), "--map", "name=Name",
            "--map", "address=Street", "--map", "x=XC", "--map", "y=YC"]
    assert cli.main(args) == 2
    assert "XC and YC" in capsys.readouterr().err
    assert stored_businesses(city) == {}
    assert cli.main([*args, "--crs", "EPSG:2263"]) == 0
    assert "Coordinates of the rows: 1 placed as written." in capsys.readouterr().out
    assert stored_businesses(city) == {"Cli Cafe": (40.75, -73.97, "W")}


def test_a_real_point_on_the_diagonal_near_the_districts_is_not_a_repeated_latitude():
    found = classify([0.5, 34.04], [0.5, 34.04], extent=(0.0, 0.0, 2.0, 1.0))
    assert list(found.kind) == ["ok", "repeated"]


# -- real files --------------------------------------------------------------------------------------

def _districts(db, geojson: str, id_field: str) -> None:
    from core.district_import import import_districts

    import_districts(db, SYSTEM, (REALDATA / geojson).read_text(), id_field=id_field, name_field=None)


@realdata
def test_los_angeles_restaurants_report_each_class(db):
    _districts(db, "los_angeles_police_divisions.geojson", "PREC")
    mapping = {"name": "BUSINESS NAME", "address": "STREET ADDRESS", "location": "LOCATION"}
    rows = apply_mapping(read_path(REALDATA / "los_angeles_restaurant_businesses_2023.csv"), mapping,
                         BUSINESS_REQUIRED, BUSINESS_FIELDS)
    plan = plan_import(db, rows)
    # the README: 201 without a location, 59 (0.0, 0.0), 416 latitude repeated as longitude, 9 in other states
    assert plan.coordinates == {"ok": 7281 - 201 - 59 - 416 - 9, "swapped": 0, "missing": 201, "unreadable": 0,
                                "zero": 59, "repeated": 416, "outside": 9}
    assert plan.flags["latitude repeated as longitude (kept without a location)"] <= 416
    assert stored_businesses(db) == {}


@realdata
def test_dc_business_state_plane_metres_agree_with_its_latitude_longitude(db):
    _districts(db, "dc_police_districts.geojson", "DISTRICT")
    raw = read_path(REALDATA / "dc_certified_business_enterprises_2019.csv")
    mapping = {"name": "BUSINESSNAME", "address": "ADDRESS", "x": "XCOORD", "y": "YCOORD"}
    rows = apply_mapping(raw, mapping, BUSINESS_REQUIRED, BUSINESS_FIELDS)
    with pytest.raises(FileRefused, match="XCOORD and YCOORD|x and y"):
        plan_import(db, rows)
    plan = plan_import(db, rows, crs="EPSG:26985")
    assert (plan.coordinates["ok"], plan.coordinates["missing"]) == (1769, 7)
    lat = pd.to_numeric(raw["LATITUDE"], errors="coerce").to_numpy()
    read = plan.rows.sort_values("line")["latitude"].astype(float).to_numpy()
    assert abs(read - lat)[~pd.isna(lat)].max() < 1e-6


NYC_MAP = ["--map", "incident_number=INCIDENT_KEY", "--map", "occurred_at=OCCUR_DATE", "--map", "latitude=Latitude",
           "--map", "longitude=Longitude", "--map", "location=New Georeferenced Column",
           "--map", "x=X_COORD_CD", "--map", "y=Y_COORD_CD"]


@realdata
def test_nyc_rows_with_only_state_plane_xy_are_placed_with_epsg_2263_and_refused_without(tmp_path, capsys):
    path = tmp_path / "nyc.duckdb"
    assert cli.main(["--db", str(path), "import", "districts", str(REALDATA / "nyc_police_precincts.geojson"),
                     "--id-field", "precinct"]) == 0
    incidents = str(REALDATA / "nyc_shooting_incidents_2022.csv")
    assert cli.main(["--db", str(path), "import", "incidents", incidents, "--quiet", *NYC_MAP]) == 2
    assert "X_COORD_CD and Y_COORD_CD" in capsys.readouterr().err
    db = Database(path)
    assert written(db) == (0, 0)
    db.close()
    assert cli.main(["--db", str(path), "import", "incidents", incidents, "--quiet", *NYC_MAP,
                     "--crs", "EPSG:2263"]) == 0
    raw = pd.read_csv(REALDATA / "nyc_shooting_incidents_2022.csv", dtype=str)
    only_xy = raw[raw["Latitude"].isna() & raw["X_COORD_CD"].notna()]
    assert len(only_xy) == 10
    db = Database(path)
    placed = stored(db)
    db.close()
    assert len(placed) == raw["INCIDENT_KEY"].nunique() and all(v[0] is not None for v in placed.values())
    # converted from feet, each of the ten lies in the precinct its record states
    assert {k: placed[k][2] for k in only_xy["INCIDENT_KEY"]} == dict(zip(only_xy["INCIDENT_KEY"],
                                                                          only_xy["PRECINCT"]))


def _import_city(tmp_path, polygons: str, id_field: str, incidents: str, mapping: list[str]) -> Database:
    path = tmp_path / "city.duckdb"
    assert cli.main(["--db", str(path), "import", "districts", str(REALDATA / polygons), "--id-field", id_field]) == 0
    assert cli.main(["--db", str(path), "import", "incidents", str(REALDATA / incidents), "--quiet", *mapping]) == 0
    return Database(path)


def _last_import(db) -> dict:
    with db.cursor() as cur:
        return json.loads(cur.execute("select detail from audit_log where action = 'import' "
                                      "and table_name = 'incidents' order by id desc limit 1").fetchone()[0])


@realdata
def test_philadelphia_ewkb_columns_give_the_points_of_its_lng_lat_columns():
    raw = read_path(REALDATA / "philadelphia_crime_incidents_2025_01.csv")
    lat, lon = raw["lat"].astype(float).to_numpy(), raw["lng"].astype(float).to_numpy()
    for column in ("the_geom", "the_geom_webmercator"):      # EPSG:4326 and EPSG:3857 in the EWKB
        found = read_locations(len(raw), location=raw[column])
        assert (found.counts["ok"], found.counts["missing"]) == (7841, 33), column
        assert abs(found.latitude - lat)[~pd.isna(lat)].max() < 1e-9
        assert abs(found.longitude - lon)[~pd.isna(lon)].max() < 1e-9


@realdata
def test_seattle_zero_zero_rows_are_counted_and_not_placed(tmp_path):
    db = _import_city(tmp_path, "seattle_police_beats.geojson", "beat", "seattle_robbery_incidents_2007_2020.csv",
                      ["--map", "incident_number=Offense ID", "--map", "occurred_at=Report DateTime",
                       "--map", "latitude=Latitude", "--map", "longitude=Longitude"])
    raw = pd.read_csv(REALDATA / "seattle_robbery_incidents_2007_2020.csv", dtype=str, encoding="utf-8-sig")
    raw = raw.drop_duplicates("Offense ID", keep="last")
    zero = (raw["Latitude"].astype(float) == 0) & (raw["Longitude"].astype(float) == 0)
    assert int(zero.sum()) == 171                        # the README's count
    assert _last_import(db)["coordinates"] == {"ok": len(raw) - 171, "swapped": 0, "missing": 0, "unreadable": 0,
                                               "zero": 171, "repeated": 0, "outside": 0}
    with db.cursor() as cur:
        assert cur.execute("select count(*) from incidents where latitude is null").fetchone()[0] == 171
    db.close()


@realdata
def test_san_francisco_point_text_gives_the_same_points_as_its_latitude_longitude_columns(tmp_path):
    db = _import_city(tmp_path, "san_francisco_police_districts.geojson", "DISTRICT",
                      "san_francisco_crime_incidents_2018_12.csv",
                      ["--map", "incident_number=Row ID", "--map", "occurred_at=Incident Datetime",
                       "--map", "location=point"])
    raw = pd.read_csv(REALDATA / "san_francisco_crime_incidents_2018_12.csv", dtype=str)
    with db.cursor() as cur:
        got = cur.execute("select incident_number, latitude, longitude from incidents").df()
    db.close()
    both = got.merge(raw, left_on="incident_number", right_on="Row ID")
    assert len(both) == len(raw) == 11884
    located = both["Latitude"].notna()
    assert int(located.sum()) == 11884 - 608 and both.loc[~located, "latitude"].isna().all()
    assert (both.loc[located, "latitude"] - both.loc[located, "Latitude"].astype(float)).abs().max() < 1e-9
    assert (both.loc[located, "longitude"] - both.loc[located, "Longitude"].astype(float)).abs().max() < 1e-9
