"""The real Boston districts and incidents, imported through the CLI, checked against the raw files.

Independent answers: per-district, per-type counts come from a DuckDB query over
the raw CSV and the mapping CSV; districts of rows whose DISTRICT is blank or not
a district code come from shapely's contains_xy on the raw GeoJSON features
(not through core.geo).
"""

from __future__ import annotations

import json

import duckdb
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

import cli
from core.targeting import crime_matrix
from core import periods
from queries.db import Database
from tests.realdata import REALDATA, realdata

DISTRICTS = REALDATA / "boston_police_districts.geojson"
INCIDENTS = REALDATA / "boston_crime_incidents_2023q1.csv"
MAP_ARGS = ["--map", "incident_number=INCIDENT_NUMBER", "--map", "description=OFFENSE_DESCRIPTION",
            "--map", "district=DISTRICT", "--map", "occurred_at=OCCURRED_ON_DATE", "--map", "address=STREET",
            "--map", "latitude=Lat", "--map", "longitude=Long"]
RULES = (("LARCENY SHOPLIFTING", "shoplifting"), ("LARCENY THEFT FROM MV", "theft_from_vehicle"),
         ("LARCENY", "larceny"), ("ASSAULT - SIMPLE", "simple_assault"), ("ASSAULT - AGGRAVATED", "aggravated_assault"),
         ("VANDALISM", "vandalism"), ("FRAUD", "fraud"), ("ROBBERY", "robbery"), ("BURGLARY", "burglary"),
         ("AUTO THEFT", "vehicle_theft"), ("DRUGS", "drug"), ("TRESPASSING", "trespass"), ("M/V", "traffic"),
         ("VAL -", "traffic"), ("VERBAL DISPUTE", "disorderly"), ("HARASSMENT", "other"))
QUARTER = periods.custom(pd.Timestamp("2023-01-01").date(), pd.Timestamp("2023-03-31").date())
pytestmark = pytest.mark.realdata


def _mapping_frame() -> pd.DataFrame:
    descriptions = duckdb.sql(f"select distinct OFFENSE_DESCRIPTION as d from read_csv('{INCIDENTS}', "
                              "all_varchar=true) where d is not null").df()["d"]
    rows = []
    for description in descriptions:
        code = next((c for prefix, c in RULES if description.upper().startswith(prefix)), None)
        if code:
            rows.append({"offense_description": description, "crime_type_code": code})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def boston(tmp_path_factory):
    if not INCIDENTS.exists():
        pytest.skip(f"real public test data not found at {REALDATA}")
    folder = tmp_path_factory.mktemp("boston")
    path = folder / "boston.duckdb"
    mapping_csv = folder / "mapping.csv"
    _mapping_frame().to_csv(mapping_csv, index=False)
    assert cli.main(["--db", str(path), "import", "districts", str(DISTRICTS), "--id-field", "DISTRICT"]) == 0
    assert cli.main(["--db", str(path), "import", "offense-mappings", str(mapping_csv)]) == 0
    assert cli.main(["--db", str(path), "import", "incidents", str(INCIDENTS), "--quiet", *MAP_ARGS]) == 0
    return path, mapping_csv


def _independent_districts() -> pd.DataFrame:
    """Raw CSV rows with the district each belongs in: the DISTRICT column when it is a code, else the
    raw polygon containing the point, else none."""
    features = json.loads(DISTRICTS.read_text())["features"]
    polygons: dict[str, list] = {}
    for f in features:
        polygons.setdefault(f["properties"]["DISTRICT"], []).append(shape(f["geometry"]))
    raw = duckdb.sql(f"select INCIDENT_NUMBER as num, DISTRICT as district, try_cast(Lat as double) as lat, "
                     f"try_cast(Long as double) as lon from read_csv('{INCIDENTS}', all_varchar=true)").df()
    answer = raw["district"].where(raw["district"].isin(polygons))
    todo = answer.isna() & raw["lat"].notna() & (raw["lat"] != 0)
    for code in sorted(polygons):
        inside = np.zeros(len(raw), dtype=bool)
        for polygon in polygons[code]:
            inside |= shapely.contains_xy(polygon, raw["lon"].to_numpy(), raw["lat"].to_numpy())
        hit = todo & inside & answer.isna()
        answer[hit] = code
    raw["expected"] = answer
    raw["located"] = todo
    return raw


def test_districts_import_through_the_cli(boston):
    path, _ = boston
    db = Database(path)
    rows = db.df("district_shapes", all_districts=True, districts=[])
    db.close()
    assert sorted(rows["code"]) == sorted(["A1", "A7", "A15", "B2", "B3", "C6", "C11", "D4", "D14",
                                           "E5", "E13", "E18"])
    assert rows["geometry"].notna().all()


def test_every_incident_is_stored_once_with_the_right_district(boston):
    path, _ = boston
    expected = _independent_districts()
    db = Database(path)
    with db.cursor() as cur:
        stored = cur.execute("select i.incident_number as num, d.code from incidents i "
                             "left join districts d on d.id = i.district_id").df()
    db.close()
    assert len(stored) == len(expected) == 14527
    merged = expected.merge(stored, on="num", how="left", validate="one_to_one")
    assert merged["code"].fillna("-").tolist() == merged["expected"].fillna("-").tolist()
    # the rows placed by point in polygon (blank or External district, with a location)
    located = merged[merged["located"]]
    assert len(located) >= 10 and located["code"].notna().sum() >= 10


def test_targeting_counts_match_an_independent_query_on_the_raw_csv(boston):
    path, mapping_csv = boston
    districts = _independent_districts()[["num", "expected"]]
    db = Database(path)
    with db.cursor() as cur:
        labels = cur.execute("select code, label from crime_types").df()
    con = duckdb.connect()
    con.register("placed", districts)
    con.register("labels", labels)
    independent = con.execute(f"""
        with raw as (select * from read_csv('{INCIDENTS}', all_varchar=true)),
             mapping as (select upper(offense_description) as d, crime_type_code
                         from read_csv('{mapping_csv}', all_varchar=true))
        select coalesce(p.expected, '(none)') as district, coalesce(t.label, 'Not mapped to a crime type') as crime_type,
               count(*) as n
        from raw
        join placed p on p.num = raw.INCIDENT_NUMBER
        left join mapping m on m.d = upper(trim(raw.OFFENSE_DESCRIPTION))
        left join labels t on t.code = m.crime_type_code
        group by all
    """).df()
    shown = crime_matrix(db, {"all_districts": True, "districts": []}, QUARTER)
    db.close()
    long = (shown[shown["Crime type"] != "Total"].drop(columns=["Total"])
            .melt(id_vars="Crime type", var_name="district", value_name="n").query("n > 0"))
    got = {(d, t): n for t, d, n in long[["Crime type", "district", "n"]].itertuples(index=False)}
    want = {(d, t): n for d, t, n in independent.itertuples(index=False)}
    assert got == want
    assert shown.set_index("Crime type").loc["Total", "Total"] == 14527


def test_reimporting_updates_instead_of_duplicating(boston, tmp_path):
    path, _ = boston
    assert cli.main(["--db", str(path), "import", "incidents", str(INCIDENTS), "--quiet", *MAP_ARGS]) == 0
    db = Database(path)
    with db.cursor() as cur:
        count, distinct = cur.execute("select count(*), count(distinct incident_number) from incidents").fetchone()
        imports = cur.execute("select detail from audit_log where action = 'import' and table_name = 'incidents' "
                              "order by id").fetchall()
    db.close()
    assert count == distinct == 14527
    last = json.loads(imports[-1][0])
    assert (last["added"], last["updated"], last["without_location"]) == (0, 14527, 2482)
