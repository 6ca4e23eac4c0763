"""District boundary and incident imports on small hand-made files: outcomes, refusals, permissions."""

from __future__ import annotations

import json
from datetime import datetime

import numpy as np
import pytest
import shapely
from shapely.geometry import box, mapping

import cli
from core.district_import import DistrictFileRefused, import_districts
from core.incident_import import FileRefused, import_incidents
from core.offense_mapping import save_mappings
from queries.actor import SYSTEM, Actor
from queries.errors import PermissionDenied
from tests.conftest import officer

PREVENTION = Actor(username="cpo", role="prevention", user_id=None)
COMMAND = Actor(username="chief", role="command", user_id=None)


def collection(*features) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def feature(geometry, **props) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geometry}


# Two districts side by side: W = [0,1]x[0,1], E = [1,2]x[0,1]; E comes in two pieces sharing a code.
GRID = collection(
    feature(mapping(box(0, 0, 1, 1)), code="W", label="West"),
    feature(mapping(box(1, 0, 2, 0.5)), code="E", label="East"),
    feature(mapping(box(1, 0.5, 2, 1)), code="E", label="East"),
)


def counts(db) -> tuple[int, int, int]:
    with db.cursor() as cur:
        return cur.execute("select (select count(*) from districts), (select count(*) from incidents), "
                           "(select count(*) from audit_log where action = 'import')").fetchone()


@pytest.fixture
def grid_db(db):
    import_districts(db, SYSTEM, GRID, id_field="code", name_field="label")
    return db


def write_csv(tmp_path, text: str, name: str = "incidents.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


FULL = {"incident_number": "num", "occurred_at": "when", "description": "what", "district": "dist",
        "latitude": "lat", "longitude": "lon", "address": "street"}


# ---------------------------------------------------------------- districts


def test_district_import_joins_shared_codes_and_reimport_replaces_in_place(grid_db):
    db = grid_db
    rows = {r["code"]: r for r in db.rows("district_shapes", all_districts=True, districts=[])}
    assert set(rows) == {"W", "E"} and rows["E"]["name"] == "East"
    assert shapely.from_geojson(rows["E"]["geometry"]).equals(box(1, 0, 2, 1))
    # a record refers to W: the re-import must not break it
    with db.unit_of_work(SYSTEM) as uow:
        program = uow.insert("programs", {"name": "Watch", "category": "other", "delivery_kind": "one_off"})
        uow.insert("events", {"program_id": program["id"], "starts_at": datetime(2026, 1, 1, 10),
                              "ends_at": datetime(2026, 1, 1, 11), "district_id": rows["W"]["id"]})
    moved = collection(feature(mapping(box(0, 0, 1.2, 1)), code="W", label="West side"),
                       feature(mapping(box(5, 5, 6, 6)), code="N", label="New"))
    summary = import_districts(db, SYSTEM, moved, id_field="code", name_field="label")
    assert (summary.added, summary.replaced, summary.kept_absent) == (["N"], ["W"], ["E"])
    after = {r["code"]: r for r in db.rows("district_shapes", all_districts=True, districts=[])}
    assert after["W"]["id"] == rows["W"]["id"] and after["W"]["name"] == "West side"
    assert shapely.from_geojson(after["W"]["geometry"]).equals(box(0, 0, 1.2, 1))
    assert after["E"]["geometry"] == rows["E"]["geometry"]        # absent from the file: kept
    with db.cursor() as cur:
        assert cur.execute("select district_id from events").fetchone()[0] == rows["W"]["id"]
        audit = cur.execute("select action, table_name, record_id from audit_log "
                            "where table_name like 'district%' order by id").fetchall()
    assert ("create", "district_boundaries", str(rows["W"]["id"])) in audit and audit[-1][0] == "import"
    # a third import updates the stored boundary (versioned, audited)
    import_districts(db, SYSTEM, moved, id_field="code")
    with db.cursor() as cur:
        assert cur.execute("select version, name from district_boundaries order by district_id").fetchall() == [
            (2, "W"), (1, "N")]


def test_beats_are_imported_under_their_parent_district(grid_db):
    beats = collection(feature(mapping(box(0, 0, 0.5, 1)), beat="W1", parent="W"),
                       feature(mapping(box(0.5, 0, 1, 1)), beat="W2", parent="W"))
    import_districts(grid_db, SYSTEM, beats, id_field="beat", parent_field="parent", child_kind="beat")
    rows = {r["code"]: r for r in grid_db.rows("districts_list")}
    assert (rows["W1"]["kind"], rows["W1"]["parent_code"]) == ("beat", "W")
    with grid_db.cursor() as cur:
        rollup = dict(cur.execute("select d.code, t.code from live.district_rollup r join districts d on "
                                  "d.id = r.district_id join districts t on t.id = r.top_district_id").fetchall())
    assert rollup["W2"] == "W" and rollup["E"] == "E"


BAD_GEOJSON = [
    ("not json {", "not valid JSON"),
    (json.dumps({"type": "Feature"}), "not a GeoJSON FeatureCollection"),
    (collection(feature({"type": "Point", "coordinates": [0, 0]}, code="P")), "no Polygon or MultiPolygon"),
    (collection(feature(mapping(box(500000, 4600000, 501000, 4601000)), code="X")), "longitude/latitude"),
    (collection(feature({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0], [0, 0]]]}, code="Z")),
     "no area that cannot be repaired"),
    (collection(feature(mapping(box(0, 0, 1, 1)), name="no code")), "no value for the id property"),
]


@pytest.mark.parametrize("text,reason", BAD_GEOJSON, ids=lambda v: str(v)[:20])
def test_bad_geojson_is_refused_with_nothing_written(db, tmp_path, capsys, text, reason):
    path = tmp_path / "bad.geojson"
    path.write_text(text)
    assert cli.main(["--db", str(db.path), "import", "districts", str(path), "--id-field", "code"]) == 2
    assert reason in capsys.readouterr().err
    assert counts(db) == (0, 0, 0)


def test_a_parent_that_does_not_exist_is_refused(grid_db):
    beats = collection(feature(mapping(box(0, 0, 0.5, 1)), beat="Q1", parent="Q"))
    with pytest.raises(DistrictFileRefused, match="parent 'Q'"):
        import_districts(grid_db, SYSTEM, beats, id_field="beat", parent_field="parent")
    assert counts(grid_db)[0] == 2


def test_only_administrators_import_boundaries(db):
    with pytest.raises(PermissionDenied):
        import_districts(db, PREVENTION, GRID, id_field="code")
    assert counts(db) == (0, 0, 0)


# ---------------------------------------------------------------- incidents


def test_district_column_first_then_point_in_polygon(grid_db, tmp_path):
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(-0.5, 2.5, 300).round(6), rng.uniform(-0.2, 1.2, 300).round(6)
    lines = ["num,when,what,dist,lat,lon,street"]
    for i, (x, y) in enumerate(zip(lon, lat)):
        dist = ["", "External", "w", "E"][i % 4]          # blank, unknown, lower-case code, code
        lines.append(f"N{i},2026-01-0{1 + i % 9} 10:00,THEFT,{dist},{y},{x},{i} MAIN ST")
    lines.append("NOLOC,2026-01-05,THEFT,,,,")             # no location, no district: kept, counted
    summary = import_incidents(grid_db, PREVENTION, write_csv(tmp_path, "\n".join(lines)), FULL)
    # independent answer: strict containment in the two boxes (no random point lies on a border)
    by_point = np.where((lon > 0) & (lon < 1) & (lat > 0) & (lat < 1), "W",
                        np.where((lon > 1) & (lon < 2) & (lat > 0) & (lat < 1), "E", None))
    expected = {f"N{i}": (["", "", "W", "E"][i % 4] or by_point[i]) for i in range(300)}
    expected["NOLOC"] = None
    with grid_db.cursor() as cur:
        got = dict(cur.execute("select i.incident_number, d.code from incidents i "
                               "left join districts d on d.id = i.district_id").fetchall())
    assert got == expected
    assert summary.imported == 301 and summary.without_location == 1
    assert summary.district_from_column == 150
    assert summary.located_by_point == sum(1 for i in range(300) if i % 4 < 2 and by_point[i] is not None)


DATES = {
    "2023-01-01 00:00:00+00": datetime(2023, 1, 1, 0, 0), "2023-01-02T13:45:10Z": datetime(2023, 1, 2, 13, 45, 10),
    "2023-01-03": datetime(2023, 1, 3), "1/4/2023 1:05 PM": datetime(2023, 1, 4, 13, 5),
    "01/05/2023 22:10": datetime(2023, 1, 5, 22, 10), "1/6/23": datetime(2023, 1, 6),
    "07-Jan-2023": datetime(2023, 1, 7), "Jan 8, 2023": datetime(2023, 1, 8), "2023/01/09 08:30": datetime(2023, 1, 9, 8, 30),
    "2023-01-10T12:00:00.000Z": datetime(2023, 1, 10, 12, 0),
}


def test_common_date_formats_are_read_and_bad_rows_reported(grid_db, tmp_path):
    lines = ["num,when,dist"] + [f'D{i},"{text}",W' for i, text in enumerate(DATES)]
    lines += ["BAD1,13/45/2023,W", ",2023-01-01,W"]
    summary = import_incidents(grid_db, PREVENTION, write_csv(tmp_path, "\n".join(lines)),
                               {"incident_number": "num", "occurred_at": "when", "district": "dist"})
    with grid_db.cursor() as cur:
        got = dict(cur.execute("select incident_number, occurred_at from incidents").fetchall())
    assert got == {f"D{i}": when for i, when in enumerate(DATES.values())}
    assert (summary.bad_date, summary.no_number) == (1, 1)
    assert [(p["line"], p["problem"]) for p in summary.problems] == [
        (12, "date/time not understood"), (13, "no incident number")]


# Each shape of date/time the importer reads, with an offset (converted to the department's zone:
# UTC, as no zone is set here) or not, and near misses it must refuse.
DATE_SHAPES = {
    "2023-01-02 03:04:05-05:00": datetime(2023, 1, 2, 8, 4, 5), "2023-01-02 03:04-0500": datetime(2023, 1, 2, 8, 4),
    "2023-01-02 03:04 +0530": datetime(2023, 1, 1, 21, 34), "2023-1-2 3:04": datetime(2023, 1, 2, 3, 4),
    "2023-01-02 03:04:05.25": datetime(2023, 1, 2, 3, 4, 5, 250000),
    "2024/2/5 10:30:15": datetime(2024, 2, 5, 10, 30, 15),
    "12/31/2023 11:59:59 pm": datetime(2023, 12, 31, 23, 59, 59), "12/31/2023 11:59PM": datetime(2023, 12, 31, 23, 59),
    "12/31/2023 23:59:59": datetime(2023, 12, 31, 23, 59, 59), "1/12/2023": datetime(2023, 1, 12),
    "01/02/2024 10:00 -05:00": datetime(2024, 1, 2, 15, 0), "12/3/23 1:05 am": datetime(2023, 12, 3, 1, 5),
    "12/3/23 13:05": datetime(2023, 12, 3, 13, 5), "5-Feb-2024 10:30": datetime(2024, 2, 5, 10, 30),
    "Feb. 5, 2024 10:30 PM": datetime(2024, 2, 5, 22, 30), "February 5, 2024": datetime(2024, 2, 5),
    "45000": None,       # a bare number is no date (tests/test_incident_times.py: a workbook's date cells are)
    "2023-02-30": None, "1/2/2023 13:00 PM": None, "2023/13/01": None, "Jan 8, 2023 1/2": None,
    "2023-01-02T10:00:00 EST": None, "10:00 2023-01-02": None,
}


def test_every_date_shape_is_read_to_its_wall_clock_time_and_near_misses_are_reported(grid_db, tmp_path):
    lines = ["num,when,dist"] + [f'S{i},"{text}",W' for i, text in enumerate(DATE_SHAPES)]
    summary = import_incidents(grid_db, PREVENTION, write_csv(tmp_path, "\n".join(lines)),
                               {"incident_number": "num", "occurred_at": "when", "district": "dist"})
    with grid_db.cursor() as cur:
        got = dict(cur.execute("select incident_number, occurred_at from incidents").fetchall())
    assert got == {f"S{i}": when for i, when in enumerate(DATE_SHAPES.values()) if when is not None}
    refused = [text for text, when in DATE_SHAPES.items() if when is None]
    assert [(p["value"], p["problem"]) for p in summary.problems] == [
        (text, "a number, not a date (a workbook cell is a date when its number format is one)"
         if text.isdigit() else "date/time not understood") for text in refused]


def test_reimport_updates_stored_numbers_in_place_and_inserts_only_new_ones(grid_db, tmp_path):
    save_mappings(grid_db, PREVENTION, {"shoplifting": "shoplifting"})
    first = write_csv(tmp_path, "num,when,what,dist,lat,lon,street\n"
                                "A,2026-01-01 08:00,SHOPLIFTING,W,0.5,0.5,1 MAIN ST\n"
                                "B,2026-01-02 09:00,MYSTERY,,0.5,1.5,2 ELM ST\n"
                                "C,2026-01-03 10:00,Shoplifting,E,,,3 OAK ST\n", "first.csv")
    import_incidents(grid_db, PREVENTION, first, FULL)
    query = ("select i.incident_number, i.id, i.occurred_at, i.offense_description, i.crime_type_code, d.code, "
             "i.source_district, i.latitude, i.longitude, i.address, split_part(i.import_batch, ' ', 1) "
             "from incidents i left join districts d on d.id = i.district_id order by 1")
    with grid_db.cursor() as cur:
        before = {r[0]: r for r in cur.execute(query).fetchall()}
    # B twice (the last wins, and moves to W and to a crime type), D new, a row without a number,
    # A with a date that cannot be read (A stays as it was), C moved to W by its district column
    second = write_csv(tmp_path, "num,when,what,dist,lat,lon,street\n"
                                 "B,2026-02-02 19:00,MYSTERY,E,0.5,1.5,22 ELM ST\n"
                                 "D,2026-02-04 11:00,MYSTERY,,0.5,1.5,4 PINE ST\n"
                                 ",2026-02-05 12:00,MYSTERY,W,,,\n"
                                 "B,2026-02-06 20:00,shoplifting,,0.5,0.25,26 ELM ST\n"
                                 "A,not a date,SHOPLIFTING,E,,,\n"
                                 "C,2026-02-03 10:30,SHOPLIFTING,w,,,3 OAK ST\n", "second.csv")
    summary = import_incidents(grid_db, PREVENTION, second, FULL)
    assert (summary.rows_read, summary.imported, summary.added, summary.updated) == (6, 3, 1, 2)
    assert (summary.no_number, summary.bad_date, summary.duplicates_in_file) == (1, 1, 1)
    with grid_db.cursor() as cur:
        after = {r[0]: r for r in cur.execute(query).fetchall()}
    ids = {k: before[k][1] for k in "ABC"}
    assert after["A"] == before["A"]
    assert after["B"] == ("B", ids["B"], datetime(2026, 2, 6, 20, 0), "shoplifting", "shoplifting", "W", None,
                          0.5, 0.25, "26 ELM ST", "second.csv")
    assert after["C"] == ("C", ids["C"], datetime(2026, 2, 3, 10, 30), "SHOPLIFTING", "shoplifting", "W", "w",
                          None, None, "3 OAK ST", "second.csv")
    assert after["D"][1] not in ids.values()
    assert after["D"][2:] == (datetime(2026, 2, 4, 11, 0), "MYSTERY", None, "E", None, 0.5, 1.5, "4 PINE ST",
                              "second.csv")
    assert set(after) == {"A", "B", "C", "D"}


def test_reimport_updates_and_offense_mapping_is_applied(grid_db, tmp_path):
    first = write_csv(tmp_path, "num,when,what,dist\nA,2026-01-01,Shoplifting ,W\nB,2026-01-02,MYSTERY,E\n")
    summary = import_incidents(grid_db, PREVENTION, first, {"incident_number": "num", "occurred_at": "when",
                                                            "description": "what", "district": "dist"})
    assert (summary.unmapped_rows, summary.unmapped_offenses) == (2, 2)
    assert grid_db.df("offense_unmapped")["offense_description"].tolist() == ["MYSTERY", "SHOPLIFTING"]
    result = save_mappings(grid_db, PREVENTION, {"shoplifting": "shoplifting"})
    assert result == {"added": 1, "changed": 0, "incidents_retyped": 1}
    second = write_csv(tmp_path, "num,when,what,dist\nA,2026-01-01,SHOPLIFTING,E\nA,2026-01-03,SHOPLIFTING,E\n"
                                 "C,2026-01-04,shoplifting,W\n", "again.csv")
    summary = import_incidents(grid_db, PREVENTION, second, {"incident_number": "num", "occurred_at": "when",
                                                             "description": "what", "district": "dist"})
    assert (summary.added, summary.updated, summary.duplicates_in_file) == (1, 1, 1)
    with grid_db.cursor() as cur:
        rows = cur.execute("select i.incident_number, i.occurred_at, d.code, i.crime_type_code from incidents i "
                           "join districts d on d.id = i.district_id order by 1").fetchall()
        audit = cur.execute("select username, detail from audit_log where action = 'import' "
                            "and table_name = 'incidents' order by id").fetchall()
        staging = ["incident_source", "incident_stage", "incident_located"]
        leftovers = cur.execute("select view_name from duckdb_views() where list_contains($s, view_name) "
                                "union all select table_name from duckdb_tables() "
                                "where list_contains($s, table_name)", {"s": staging}).fetchall()
    assert leftovers == []          # the importer's staging objects are gone
    assert rows == [("A", datetime(2026, 1, 3), "E", "shoplifting"), ("B", datetime(2026, 1, 2), "E", None),
                    ("C", datetime(2026, 1, 4), "W", "shoplifting")]
    assert [u for u, _ in audit] == ["cpo", "cpo"] and json.loads(audit[1][1])["updated"] == 1



def test_offense_lists_count_every_spelling_of_a_description_together(grid_db, tmp_path):
    # the lists count per stored text first and normalise after: the spellings must still add up
    text = ("num,when,what,dist\nA,2026-01-01,Shoplifting ,W\nB,2026-01-02,SHOPLIFTING,E\n"
            "C,2026-01-03,shop  lifting,W\nD,2026-01-04,Shop Lifting,E\nE,2026-01-05,mystery,W\n"
            "F,2026-01-06, Mystery,W\nG,2026-01-07,,W\n")
    import_incidents(grid_db, PREVENTION, write_csv(tmp_path, text), {"incident_number": "num", "occurred_at": "when",
                                                                      "description": "what", "district": "dist"})
    unmapped = grid_db.df("offense_unmapped")
    assert list(zip(unmapped["offense_description"], unmapped["incidents"])) == [
        ("MYSTERY", 2), ("SHOP LIFTING", 2), ("SHOPLIFTING", 2), ("(blank)", 1)]
    save_mappings(grid_db, PREVENTION, {"shoplifting": "shoplifting", "shop lifting": "shoplifting"})
    saved = grid_db.df("offense_mappings_list")
    with grid_db.cursor() as cur:   # independent count: normalise every incident, then count
        expected = dict(cur.execute(
            "select upper(regexp_replace(trim(offense_description), '\\s+', ' ', 'g')), count(*) "
            "from incidents group by 1").fetchall())
    assert dict(zip(saved["offense_description"], saved["incidents"])) == {
        "SHOP LIFTING": expected["SHOP LIFTING"], "SHOPLIFTING": expected["SHOPLIFTING"]} == {
        "SHOP LIFTING": 2, "SHOPLIFTING": 2}
    assert grid_db.df("offense_unmapped")["offense_description"].tolist() == ["MYSTERY", "(blank)"]


BAD_CSV = [
    (b"", "empty"),
    (b"num,when,dist\n", "no data rows"),
    (b"\x00\x01\x02binary\x00stuff", "binary data"),
    (b"num,when\nA,2026-01-01\n", "no column dist"),
    (b"num,when,dist\nA,not a date,W\nB,,W\n", "No row of"),
    (b'num,when,dist\nA,2026-01-01,"W\nB,2026-01-02,E\n', "not a well-formed CSV"),
    (b"num,when,dist\nA,2026-01-01,W,extra,cells\n", "well-formed"),
]


@pytest.mark.parametrize("data,reason", BAD_CSV, ids=lambda v: str(v)[:16])
def test_bad_csv_files_are_refused_with_nothing_written(grid_db, tmp_path, capsys, data, reason):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    code = cli.main(["--db", str(grid_db.path), "import", "incidents", str(path), "--quiet",
                     "--map", "incident_number=num", "--map", "occurred_at=when", "--map", "district=dist"])
    assert code == 2
    assert reason in capsys.readouterr().err
    assert counts(grid_db) == (2, 0, 1)      # the districts and their import only


def test_mapping_mistakes_are_refused(grid_db, tmp_path):
    path = write_csv(tmp_path, "num,when,dist\nA,2026-01-01,W\n")
    for mapping, reason in (({"occurred_at": "when", "district": "dist"}, "incident_number are not mapped"),
                            ({"incident_number": "num", "occurred_at": "when", "colour": "dist"}, "Unknown field"),
                            ({"incident_number": "num", "occurred_at": "when"}, "Map a district column")):
        with pytest.raises(FileRefused, match=reason):
            import_incidents(grid_db, PREVENTION, path, mapping)
    with pytest.raises(FileRefused, match="not a CSV or XLSX"):
        import_incidents(grid_db, PREVENTION, write_csv(tmp_path, "x", "notes.pdf"),
                         {"incident_number": "num", "occurred_at": "when", "district": "dist"})
    assert counts(grid_db)[1] == 0


@pytest.mark.parametrize("actor", [COMMAND, officer(5, 1)], ids=["command", "officer"])
def test_only_office_roles_import_incidents(grid_db, tmp_path, actor):
    path = write_csv(tmp_path, "num,when,dist\nA,2026-01-01,W\n")
    with pytest.raises(PermissionDenied):
        import_incidents(grid_db, actor, path, {"incident_number": "num", "occurred_at": "when", "district": "dist"})
    with pytest.raises(PermissionDenied):
        save_mappings(grid_db, actor, {"THEFT": "larceny"})
    assert counts(grid_db)[1] == 0


def test_xlsx_files_import_like_csv(grid_db, tmp_path):
    import pandas as pd

    path = tmp_path / "incidents.xlsx"
    pd.DataFrame({"Incident": ["X1", "X2"], "Date": ["2026-02-01 08:00", "02/03/2026 5:30 PM"],
                  "Lat": [0.5, None], "Lon": [1.5, None]}).to_excel(path, index=False)
    summary = import_incidents(grid_db, PREVENTION, path, {"incident_number": "Incident", "occurred_at": "Date",
                                                           "latitude": "Lat", "longitude": "Lon"})
    assert (summary.imported, summary.located_by_point, summary.without_location) == (2, 1, 1)
    with grid_db.cursor() as cur:
        assert cur.execute("select occurred_at from incidents where incident_number = 'X2'").fetchone()[0] == \
            datetime(2026, 2, 3, 17, 30)


def test_a_csv_with_windows_line_ends_imports_every_row(grid_db, tmp_path):
    # Excel on Windows ends lines with CRLF; every row must be read (none were, once)
    path = tmp_path / "crlf.csv"
    path.write_bytes(b"num,when,dist\r\nA,2026-01-01 10:00,W\r\nB,2026-01-02 11:00,E\r\n")
    summary = import_incidents(grid_db, PREVENTION, path, {"incident_number": "num", "occurred_at": "when",
                                                           "district": "dist"})
    assert (summary.rows_read, summary.imported, summary.district_from_column) == (2, 2, 2)
    with grid_db.cursor() as cur:
        assert cur.execute("select incident_number, occurred_at from incidents order by 1").fetchall() == [
            ("A", datetime(2026, 1, 1, 10)), ("B", datetime(2026, 1, 2, 11))]


@pytest.mark.parametrize("data,reason", [(d.replace(b"\n", b"\r\n"), r) for d, r in BAD_CSV if b"\n" in d],
                         ids=lambda v: str(v)[:16])
def test_bad_csv_files_with_windows_line_ends_are_refused_too(grid_db, tmp_path, capsys, data, reason):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    code = cli.main(["--db", str(grid_db.path), "import", "incidents", str(path), "--quiet",
                     "--map", "incident_number=num", "--map", "occurred_at=when", "--map", "district=dist"])
    assert code == 2
    assert reason in capsys.readouterr().err
    assert counts(grid_db) == (2, 0, 1)


def test_a_deleted_district_in_the_file_is_refused_not_duplicated(grid_db):
    west = next(r for r in grid_db.rows("districts_list") if r["code"] == "W")
    with grid_db.unit_of_work(SYSTEM) as uow:
        uow.delete("districts", west["id"], 1)
    with pytest.raises(DistrictFileRefused, match="District W was deleted"):
        import_districts(grid_db, SYSTEM, GRID, id_field="code")
    with grid_db.cursor() as cur:
        assert cur.execute("select count(*) from districts").fetchone()[0] == 2
        assert cur.execute("select count(*) from district_boundaries").fetchone()[0] == 0
