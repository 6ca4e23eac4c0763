"""District texts as exports write them: the matching rules, the saved district mapping (CLI
--district-map and core), the stated district winning over the location, the border rule."""

from __future__ import annotations

import json
import random

import pytest
from shapely.geometry import box, mapping

import cli
from core.district_codes import District, match_district_texts
from core.district_mapping import save_mappings, unmatched_stored
from core.geo import DistrictLocator, parse_districts
from core.incident_import import FileRefused, import_incidents
from queries.actor import SYSTEM
from queries.db import Database
from queries.errors import ValidationError

NUMBERED = [District(1, "1", "First District"), District(2, "2", "Second District"),
            District(12, "12", "Twelfth"), District(22, "022", "Airport")]


@pytest.mark.parametrize("text, district_id, rule", [
    ("1", 1, "code as written"),
    ("022", 22, "code as written"),
    ("001", 1, "number without zeros or prefix"),
    ("D1", 1, "number without zeros or prefix"),
    ("District 1", 1, "number without zeros or prefix"),
    ("1st", 1, "number without zeros or prefix"),
    ("1ST DISTRICT", 1, "number without zeros or prefix"),
    (" dist. 02 ", 2, "number without zeros or prefix"),
    ("#12", 12, "number without zeros or prefix"),
    ("22", 22, "number without zeros or prefix"),
    ("12.0", 12, "number without zeros or prefix"),
    ("second district", 2, "district name"),
    ("AIRPORT", 22, "district name"),
])
def test_district_texts_match_as_people_write_them(text, district_id, rule):
    assert match_district_texts([text], NUMBERED) == {text: (district_id, rule)}


def test_case_and_spaces_and_what_matches_nothing():
    named = [District(5, "CENTRAL", "Central"), District(6, "B2", None), District(7, "b2x", None)]
    found = match_district_texts(["Central", "b 2", "Out of SF", "", "3", "UNKNOWN"], named)
    assert found == {"Central": (5, "code ignoring case and spaces"), "b 2": (6, "code ignoring case and spaces")}


def test_a_text_two_districts_could_mean_matches_neither():
    two = [District(1, "01", None), District(2, "D1", None)]     # both read as 1
    assert match_district_texts(["1", "01"], two) == {"01": (1, "code as written")}


def test_a_saved_mapping_wins_over_the_reading_rules_but_not_over_an_exact_code():
    saved = {"1ST": 2, "OUT OF SF": 12, "1": 12}
    found = match_district_texts(["1st", "Out of  SF", "1"], NUMBERED, saved)
    assert found == {"1st": (2, "saved mapping"), "Out of  SF": (12, "saved mapping"), "1": (1, "code as written")}


# ---------------------------------------------------------------- imports on a tiny city

WEST_EAST = json.dumps({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"n": 1, "name": "West"}, "geometry": mapping(box(0, 0, 1, 1))},
    {"type": "Feature", "properties": {"n": 2, "name": "East"}, "geometry": mapping(box(1, 0, 2, 1))}]})
MAP = ["--map", "incident_number=num", "--map", "occurred_at=when", "--map", "district=dist",
       "--map", "latitude=lat", "--map", "longitude=lon"]
ROWS = ("num,when,dist,lat,lon\n"
        "a,2025-01-01 10:00,001,0.5,0.5\n"       # stated 1, lies in 1
        "b,2025-01-01 10:00,D1,0.5,1.5\n"        # stated 1, lies in 2: counted in 1, reported
        "c,2025-01-01 10:00,HQ,0.5,1.5\n"        # names no district: placed by location in 2
        "d,2025-01-01 10:00,HQ,,\n"              # names none, no location: no district
        "e,2025-01-01 10:00,,0.5,5\n"            # blank, outside every district
        "f,2025-01-01 10:00,East,,\n")           # a district's name


def stored(path) -> dict[str, str | None]:
    db = Database(path)
    with db.cursor() as cur:
        rows = cur.execute("select i.incident_number, d.code from incidents i "
                           "left join districts d on d.id = i.district_id").fetchall()
    db.close()
    return dict(rows)


def last_import(path) -> dict:
    db = Database(path)
    with db.cursor() as cur:
        detail = cur.execute("select detail from audit_log where action = 'import' and table_name = 'incidents' "
                             "order by id desc limit 1").fetchone()[0]
    db.close()
    return json.loads(detail)


@pytest.fixture
def city(tmp_path):
    path = tmp_path / "city.duckdb"
    (tmp_path / "districts.geojson").write_text(WEST_EAST)
    assert cli.main(["--db", str(path), "import", "districts", str(tmp_path / "districts.geojson"),
                     "--id-field", "n", "--name-field", "name"]) == 0
    (tmp_path / "incidents.csv").write_text(ROWS)
    return path, tmp_path / "incidents.csv"


def test_the_stated_district_wins_and_the_summary_says_how_each_row_was_placed(city, capsys):
    path, incidents = city
    assert cli.main(["--db", str(path), "import", "incidents", str(incidents), "--quiet", *MAP]) == 0
    assert stored(path) == {"a": "1", "b": "1", "c": "2", "d": None, "e": None, "f": "2"}
    detail = last_import(path)
    assert {k: detail[k] for k in ("district_from_column", "located_by_point", "no_district_no_location",
                                   "no_district_outside", "located_in_other_district")} == {
        "district_from_column": 3, "located_by_point": 1, "no_district_no_location": 1, "no_district_outside": 1,
        "located_in_other_district": 1}
    assert detail["district_rules"] == {"number without zeros or prefix": 2, "district name": 1}
    assert detail["unmatched_districts"] == [{"district_text": "HQ", "incidents": 2}]
    out = capsys.readouterr().out
    assert "('HQ' 2), placed by their location" in out
    assert "another district than the one their record states: 1; outside every district: 0." in out


def test_a_district_map_file_is_saved_once_and_for_all(city, tmp_path):
    path, incidents = city
    (tmp_path / "map.csv").write_text("district_text,district_code\nhq,1\n")
    assert cli.main(["--db", str(path), "import", "incidents", str(incidents), "--quiet", *MAP,
                     "--district-map", str(tmp_path / "map.csv")]) == 0
    assert stored(path)["c"] == "1" and stored(path)["d"] == "1"
    assert last_import(path)["district_rules"]["saved mapping"] == 2
    # the next import needs no map file
    (tmp_path / "more.csv").write_text("num,when,dist,lat,lon\ng,2025-01-02 10:00,Hq ,0.5,1.5\n")
    assert cli.main(["--db", str(path), "import", "incidents", str(tmp_path / "more.csv"), "--quiet", *MAP]) == 0
    assert stored(path)["g"] == "1"
    db = Database(path)
    assert db.rows("district_mappings_list")[0]["district_text"] == "HQ"
    db.close()


def test_saving_a_mapping_moves_the_stored_incidents_that_state_it(city):
    path, incidents = city
    assert cli.main(["--db", str(path), "import", "incidents", str(incidents), "--quiet", *MAP]) == 0
    db = Database(path)
    assert unmatched_stored(db) == [{"district_text": "HQ", "incidents": 2}]
    assert save_mappings(db, SYSTEM, {"HQ": "1"})["incidents_moved"] == 2
    assert unmatched_stored(db) == []
    with pytest.raises(ValidationError):
        save_mappings(db, SYSTEM, {"HQ": "9"})
    db.close()
    assert stored(path)["c"] == "1" and stored(path)["d"] == "1"


def test_a_refused_file_writes_nothing_not_even_its_district_map(city, tmp_path):
    path, _ = city
    (tmp_path / "bad.csv").write_text("num,when,dist,lat,lon\n,not a date,HQ,,\n")
    (tmp_path / "map.csv").write_text("district_text,district_code\nhq,1\n")
    db = Database(path)
    with db.cursor() as cur:
        audit_before = cur.execute("select count(*) from audit_log").fetchone()[0]
    with pytest.raises(FileRefused):
        import_incidents(db, SYSTEM, tmp_path / "bad.csv", {"incident_number": "num", "occurred_at": "when",
                                                            "district": "dist"}, district_map={"hq": "1"})
    with pytest.raises(ValidationError):      # an unknown district code: refused before anything is written
        import_incidents(db, SYSTEM, tmp_path / "map.csv", {"incident_number": "district_text",
                                                            "occurred_at": "district_code",
                                                            "district": "district_text"}, district_map={"hq": "9"})
    with db.cursor() as cur:
        assert cur.execute("select count(*) from district_mappings").fetchone()[0] == 0
        assert cur.execute("select count(*) from incidents").fetchone()[0] == 0
        assert cur.execute("select count(*) from audit_log").fetchone()[0] == audit_before
    db.close()


# ---------------------------------------------------------------- the border rule

def test_border_points_land_in_the_same_district_whatever_the_feature_order():
    # a 3 x 3 grid of districts with codes that sort differently as text and as numbers
    features = [{"type": "Feature", "properties": {"code": str(code)},
                 "geometry": mapping(box(col, row, col + 1, row + 1))}
                for code, (col, row) in zip((9, 10, 2, 11, 1, 30, 3, 20, 100),
                                            [(c, r) for r in range(3) for c in range(3)])]
    rng = random.Random(7)
    # corners and edge midpoints of every cell, plus inner points
    xs = [i / 2 for i in range(7)]
    points = [(x, y) for x in xs for y in xs]
    answers = set()
    for _ in range(6):
        rng.shuffle(features)
        for f in features:                        # the ring's start and direction too
            ring = f["geometry"]["coordinates"][0][:-1]
            k = rng.randrange(len(ring))
            ring = ring[k:] + ring[:k]
            if rng.random() < 0.5:
                ring = ring[::-1]
            f["geometry"] = {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
        shapes = parse_districts(json.dumps({"type": "FeatureCollection", "features": features}), "code", None)
        locator = DistrictLocator({s.code: s.geometry for s in shapes})
        answers.add(tuple(locator.locate_many([p[0] for p in points], [p[1] for p in points])))
    assert len(answers) == 1
    placed = dict(zip(points, answers.pop()))
    # the documented rule: the smallest code in string order among the districts holding the point
    assert placed[(1.0, 1.0)] == min(["9", "10", "11", "1"])         # the corner of 9, 10, 11 and 1
    assert placed[(1.0, 0.5)] == "10"                                 # the edge of 9 and 10
    assert placed[(0.5, 0.5)] == "9" and placed[(3.0, 3.0)] == "100" and locator.locate(3.5, 3.5) is None


# ---------------------------------------------------------------- the Crime data page

def test_the_crime_data_page_shows_placement_data_quality_and_unmatched_texts(tmp_path, monkeypatch):
    from core.district_import import import_districts
    from tests.apptest_support import make_accounts_db, page_file, signed_in

    path = make_accounts_db(tmp_path / "page.duckdb")
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    north_south = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"c": "N", "name": "North"}, "geometry": mapping(box(0, 1, 1, 2))},
        {"type": "Feature", "properties": {"c": "S", "name": "South"}, "geometry": mapping(box(0, 0, 1, 1))}]})
    csv_path = tmp_path / "incidents.csv"
    csv_path.write_text("num,when,dist,lat,lon\n"
                        "a,2025-01-01 10:00,north,1.5,0.5\n"      # a name, lies in N
                        "b,2025-01-01 10:00,s,1.5,0.5\n"          # states S, lies in N
                        "c,2025-01-01 10:00,Out of town,0.5,0.5\n"
                        "d,2025-01-01 10:00,Out of town,,\n")
    db = Database(path)
    import_districts(db, SYSTEM, north_south, id_field="c", name_field="name")
    import_incidents(db, SYSTEM, csv_path, {"incident_number": "num", "occurred_at": "when", "district": "dist",
                                            "latitude": "lat", "longitude": "lon"})
    db.close()
    at = signed_in("cpo")
    at.switch_page(page_file("crime_data.py")).run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert ("incidents placed by the district their record states: 2; by their location: 1; in no district: 1 "
            "(without a location 1, outside every district 0)") in captions
    warnings = [w.value for w in at.warning]
    assert any("another district than the one their record states: 1; outside every district: 0" in w
               for w in warnings), warnings
    assert any("names none of the department's districts: 2 (1 different text)" in w for w in warnings), warnings


def test_only_office_roles_save_a_district_mapping_and_a_refusal_is_audited(city):
    from queries.actor import Actor
    from queries.errors import PermissionDenied

    path, incidents = city
    assert cli.main(["--db", str(path), "import", "incidents", str(incidents), "--quiet", *MAP]) == 0
    db = Database(path)
    for role in ("officer", "command"):
        with pytest.raises(PermissionDenied):
            save_mappings(db, Actor(username=role, role=role, user_id=None), {"HQ": "1"})
    with db.cursor() as cur:
        assert cur.execute("select count(*) from district_mappings").fetchone()[0] == 0
        assert cur.execute("select count(*) from audit_log where action = 'denied'").fetchone()[0] == 2
    assert save_mappings(db, Actor(username="cpo", role="prevention", user_id=None), {"HQ": "1"})["added"] == 1
    db.close()
