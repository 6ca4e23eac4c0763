"""Importing a city business list: summary counts, merging, district by point in polygon (Boston)."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
import shapely
from shapely.geometry import box, shape

import cli
from core.business_import import FIELDS, REQUIRED, plan_import, run_import
from core.importing.registry import IMPORTERS
from core.importing.shape import Upload
from core.geo import parse_districts
from core.tabular import FileRefused, apply_mapping, read_path, read_table
from queries.actor import SYSTEM, Actor
from queries.db import Database
from queries.errors import PermissionDenied
from tests.realdata import REALDATA, realdata

NORTH = box(-72.0, 41.0, -71.9, 41.1)
SOUTH = box(-71.9, 41.0, -71.8, 41.1)
MAPPING = {"name": "Business", "address": "Street", "phone": "Tel", "location": "Where", "district": "Dist",
           "category": "Kind"}

SMALL = [
    # Business, Street, Tel, Where, Dist, Kind
    ["Joe's Pizza", "12 Main Street", "617-227-7100", "(41.05, -71.95)", "", "restaurant"],   # N, added
    ["Corner Store", "5 Elm St", "+10000000000", "(41.05, -71.85)", "", "retail"],            # S, bad phone
    ["JOES PIZZA", "12 main st.", "", "", "", "pizza"],                                       # merged into line 2
    ["Nowhere Inn", "1 Far Rd", "", "(41.3, -71.5)", "", "hotel"],                            # outside all
    ["No Place Diner", "9 Lost Ln", "", "(0E-9, 0E-9)", "", "diner"],                         # no location
    ["Chosen Cafe", "3 Oak St", "", "", "S", "cafe"],                                         # district given
    ["", "7 Empty St", "", "", "", ""],                                                       # refused: name
    ["Addressless", "", "", "", "", ""],                                                      # refused: address
    ["Old Bakery", "8 Mill St", "", "", "ZZ", "bakery"],                                      # unknown district
]


def csv_bytes(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Business", "Street", "Tel", "Where", "Dist", "Kind"])
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def town(db):
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("districts", {"code": "N", "name": "North", "geometry": shapely.to_geojson(NORTH)})
        uow.insert("districts", {"code": "S", "name": "South", "geometry": shapely.to_geojson(SOUTH)})
    return db


def businesses(db) -> pd.DataFrame:
    with db.cursor() as cur:
        return cur.execute("select b.*, d.code from businesses b left join districts d on d.id = b.district_id "
                           "order by b.id").df()


def mapped(data: bytes, name="list.csv", mapping=MAPPING):
    return apply_mapping(read_table(data, name), mapping, REQUIRED, FIELDS)


def test_import_summary_counts_and_stored_rows(town):
    plan = run_import(town, SYSTEM, mapped(csv_bytes(SMALL)), "list.csv")
    assert plan.summary == {"rows": 9, "added": 6, "updated": 0, "unchanged": 0, "merged": 1,
                            "flagged": 4, "refused": 2}
    assert dict(plan.refusals) == {"name is required.": 1, "address is required.": 1}
    assert dict(plan.flags) == {"phone not a valid number (left blank)": 1,
                                "the point lies outside every district": 1,
                                "no location and no district": 2,
                                "0,0 placeholder (kept without a location)": 1,
                                "unknown district code (ignored)": 1}
    stored = businesses(town).set_index("name")
    assert len(stored) == 6
    assert stored.loc["Joe's Pizza", "code"] == "N" and stored.loc["Joe's Pizza", "main_phone"] == "+16172277100"
    assert stored.loc["Joe's Pizza", "category"] == "restaurant"     # the first row's value wins the merge
    assert stored.loc["Corner Store", "code"] == "S" and pd.isna(stored.loc["Corner Store", "main_phone"])
    assert stored.loc["Nowhere Inn", "outside_districts"] and pd.isna(stored.loc["Nowhere Inn", "code"])
    assert pd.isna(stored.loc["No Place Diner", "latitude"]) and not stored.loc["No Place Diner", "outside_districts"]
    assert stored.loc["Chosen Cafe", "code"] == "S"
    assert stored["last_verified_on"].isna().all()                   # an import is not a check
    with town.cursor() as cur:
        audit = cur.execute("select action, table_name, detail from audit_log "
                            "where table_name = 'businesses'").fetchall()
    assert len(audit) == 1 and audit[0][:2] == ("import", "businesses")
    assert json.loads(audit[0][2])["rows"] == 6


def test_a_second_import_merges_instead_of_doubling(town):
    run_import(town, SYSTEM, mapped(csv_bytes(SMALL)), "list.csv")
    changed = [row[:] for row in SMALL]
    changed[1][2] = "617-555-0100"   # a real-looking number arrives for Corner Store (was invalid)
    changed[1][2] = "(617) 227-7101"
    changed[5][5] = "coffee shop"    # Chosen Cafe's category changes
    changed.append(["Brand New", "99 New St", "", "(41.02, -71.99)", "", "retail"])
    plan = run_import(town, SYSTEM, mapped(csv_bytes(changed)), "list2.csv")
    assert (plan.summary["added"], plan.summary["updated"], plan.summary["unchanged"]) == (1, 2, 4)
    stored = businesses(town).set_index("name")
    assert len(stored) == 7
    assert stored.loc["Corner Store", "main_phone"] == "+16172277101"
    assert stored.loc["Chosen Cafe", "category"] == "coffee shop"
    assert stored.loc["Corner Store", "version"] == 2
    again = plan_import(town, mapped(csv_bytes(changed)))
    assert (again.summary["added"], again.summary["updated"], again.summary["unchanged"]) == (0, 0, 7)


def test_separate_latitude_longitude_columns_and_xlsx(town):
    frame = pd.DataFrame({"Name": ["Lat Lon Deli", "Bad Coords"], "Addr": ["1 A St", "2 B St"],
                          "Y": ["41.05", "95"], "X": ["-71.95", "-71.9"]})
    out = io.BytesIO()
    frame.to_excel(out, index=False)
    rows = apply_mapping(read_table(out.getvalue(), "list.xlsx"),
                         {"name": "Name", "address": "Addr", "latitude": "Y", "longitude": "X"}, REQUIRED, FIELDS)
    plan = run_import(town, SYSTEM, rows, "list.xlsx")
    assert plan.summary["added"] == 2 and plan.summary["flagged"] == 1
    stored = businesses(town).set_index("name")
    assert stored.loc["Lat Lon Deli", "code"] == "N"
    assert pd.isna(stored.loc["Bad Coords", "latitude"])
    assert "far from every district (kept without a location)" in plan.flags   # latitude 95


def test_officers_may_not_import_and_the_refusal_is_audited(town):
    with pytest.raises(PermissionDenied):
        run_import(town, Actor("patrol", "officer", 9, frozenset({1})), mapped(csv_bytes(SMALL)), "list.csv")
    assert businesses(town).empty
    with town.cursor() as cur:
        assert cur.execute("select username from audit_log where action = 'denied'").fetchall() == [("patrol",)]


def test_an_unknown_field_or_column_refuses_the_file(town):
    with pytest.raises(FileRefused, match="Unknown field"):
        mapped(csv_bytes(SMALL), mapping={**MAPPING, "owner": "Business"})
    with pytest.raises(FileRefused, match="no column Nope"):
        mapped(csv_bytes(SMALL), mapping={**MAPPING, "dba": "Nope"})


# ---------- the real Boston files ----------

BOSTON_MAP = ["name=BusinessName", "dba=DBAName", "address=Address", "phone=DAYPHN", "location=Location",
              "category=DESCRIPT"]


@pytest.fixture(scope="module")
def boston(tmp_path_factory):
    """Boston's police districts loaded as the districts table, and the food list imported by the CLI."""
    path = tmp_path_factory.mktemp("boston") / "boston.duckdb"
    db = Database(path)
    text = (REALDATA / "boston_police_districts.geojson").read_text()
    with db.unit_of_work(SYSTEM) as uow:
        for district in parse_districts(text, "DISTRICT", None):
            uow.insert("districts", {"code": district.code, "name": district.name, "geometry": district.geojson})
    db.close()
    args = ["--db", str(path), "import", "businesses",
            str(REALDATA / "boston_food_establishment_licenses_2015.csv")]
    for pair in BOSTON_MAP:
        args += ["--map", pair]
    assert cli.main(args) == 0
    db = Database(path)
    yield db
    db.close()


def independent_districts() -> tuple[pd.DataFrame, dict]:
    """Each row's district computed without core.geo: shapely.shape on the raw polygons, contains()."""
    features = json.loads((REALDATA / "boston_police_districts.geojson").read_text())["features"]
    polygons = {}
    for f in features:
        if f["geometry"]["type"] in ("Polygon", "MultiPolygon"):
            polygons.setdefault(f["properties"]["DISTRICT"], []).append(shape(f["geometry"]).buffer(0))
    polygons = {code: shapely.union_all(parts) for code, parts in polygons.items()}
    raw = pd.read_csv(REALDATA / "boston_food_establishment_licenses_2015.csv", dtype=str)
    coords = raw["Location"].str.extract(r"\(([-0-9.eE]+), ([-0-9.eE]+)\)").astype(float)
    raw["lat"], raw["lon"] = coords[0], coords[1]
    located = raw[(raw["lat"].abs() > 1e-6) & raw["Address"].notna()].copy()
    located["expected"] = [
        next((code for code in sorted(polygons) if polygons[code].contains(shapely.Point(lon, lat))), None)
        for lat, lon in zip(located["lat"], located["lon"])]
    return located, polygons


@realdata
def test_boston_businesses_land_in_the_districts_computed_independently(boston):
    located, _ = independent_districts()
    stored = businesses(boston)
    stored["key"] = stored["latitude"].round(6).astype(str) + "," + stored["longitude"].round(6).astype(str)
    located["key"] = located["lat"].round(6).astype(str) + "," + located["lon"].round(6).astype(str)
    by_point = stored.dropna(subset=["latitude"]).groupby("key")["code"].agg(lambda s: set(s.dropna()))
    mismatches = []
    for key, expected in zip(located["key"], located["expected"]):
        got = by_point.get(key, set())
        if (pd.isna(expected) and got) or (not pd.isna(expected) and got != {expected}):
            mismatches.append((key, expected, got))
    assert not mismatches, mismatches[:5]
    assert located["expected"].notna().sum() == 2005 and located["expected"].isna().sum() == 1
    outside = stored[stored["outside_districts"]]
    assert len(outside) == 1 and outside["district_id"].isna().all()


@realdata
def test_boston_import_summary_matches_an_independent_count(boston):
    raw = pd.read_csv(REALDATA / "boston_food_establishment_licenses_2015.csv", dtype=str)
    refused = raw["BusinessName"].isna() | raw["Address"].isna()
    kept = raw[~refused]
    keys = (kept["BusinessName"].str.lower().str.replace(r"[^0-9a-z&]+", " ", regex=True).str.split().str.join(" ")
            + "|" + kept["Address"].str.lower().str.replace(r"[^0-9a-z&]+", " ", regex=True).str.split().str.join(" "))
    stored = businesses(boston)
    assert len(stored) == keys.nunique() == 2885
    assert int(refused.sum()) == 4
    located, _ = independent_districts()
    first_rows = located.loc[located.index.isin(keys[~keys.duplicated()].index)]
    assert stored["district_id"].notna().sum() == first_rows["expected"].notna().sum() == 2004
    assert (stored["main_phone"] == "+10000000000").sum() == 0     # placeholders are never stored
    assert stored["main_phone"].dropna().str.match(r"^\+\d{11,15}$").all()
    # the same file again changes nothing
    mapping = dict(pair.split("=") for pair in BOSTON_MAP)
    plan = plan_import(boston, apply_mapping(read_path(REALDATA / "boston_food_establishment_licenses_2015.csv"),
                                             mapping, REQUIRED, FIELDS))
    assert plan.summary == {"rows": 2891, "added": 0, "updated": 0, "unchanged": 2885, "merged": 2,
                            "flagged": plan.summary["flagged"], "refused": 4}
    assert plan.flags["the point lies outside every district"] == 1
    records = kept[~keys.duplicated()]   # a merged row's flags are not the record's
    assert plan.flags["no location and no district"] == int((records["Location"] == "(0E-9, 0E-9)").sum()) == 880


def test_the_cli_refuses_a_missing_file_in_one_sentence(tmp_path, capsys):
    code = cli.main(["--db", str(tmp_path / "x.duckdb"), "import", "businesses", str(tmp_path / "none.csv"),
                     "--map", "name=A", "--map", "address=B"])
    assert code == 2
    assert "There is no file at" in capsys.readouterr().err


def test_import_file_reads_a_path(town, tmp_path):
    path = tmp_path / "small.csv"
    path.write_bytes(csv_bytes(SMALL[:2]))
    assert IMPORTERS["businesses"].write(town, SYSTEM, Upload.of_path(path), MAPPING).detail.summary["added"] == 2
