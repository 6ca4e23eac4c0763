"""The pages' coordinate system box: the business list's Import tab and Crime data's mapping form refuse
projected X/Y without one (nothing written) and place them with one."""

from __future__ import annotations

import re

import pytest
from pyproj import Transformer

from queries.db import Database
from tests.apptest_support import make_accounts_db, page_file, signed_in

NY_FEET = Transformer.from_crs("EPSG:4326", "EPSG:2263", always_xy=True)


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = make_accounts_db(tmp_path / "coordinates.duckdb")
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    return path


def _rows(path, sql: str) -> list[tuple]:
    db = Database(path)
    try:
        with db.cursor() as cur:
            return cur.execute(sql).fetchall()
    finally:
        db.close()


def _plain(texts) -> str:
    return " ".join(re.sub(r"\\(.)", r"\1", t) for t in texts)


def test_the_business_import_tab_asks_for_the_coordinate_system_of_projected_xy(app_db):
    x, y = NY_FEET.transform(-73.97, 40.75)
    data = f"Name,Street,XCOORD,YCOORD\nPlane Cafe,1 A St,{x:.1f},{y:.1f}\n".encode()
    at = signed_in("cpo")
    at.switch_page(page_file("businesses.py")).run()
    at.file_uploader(key="business_import_file").set_value(("list.csv", data, "text/csv")).run()
    assert at.selectbox(key="business_import_map_x").value == "XCOORD"      # guessed from the header
    next(b for b in at.button if b.label == "Preview").click().run()
    assert not at.exception
    assert "XCOORD and YCOORD" in _plain(e.value for e in at.error)
    assert not [b for b in at.button if b.label.startswith("Import ")]       # no import without a preview
    at.text_input(key="business_import_crs").input("EPSG:2263").run()
    next(b for b in at.button if b.label == "Preview").click().run()
    assert not at.error
    assert "Coordinates of the rows: 1 placed as written." in _plain(c.value for c in at.caption)
    assert _rows(app_db, "select count(*) from businesses") == [(0,)]        # a preview writes nothing
    next(b for b in at.button if b.label == "Import list.csv").click().run()
    assert not at.exception and not at.error
    [(lat, lon)] = _rows(app_db, "select latitude, longitude from businesses")
    assert (round(lat, 4), round(lon, 4)) == (40.75, -73.97)


def test_the_crime_data_form_names_the_coordinate_system_of_projected_xy(app_db):
    x, y = NY_FEET.transform(-73.97, 40.75)
    data = f"num,when,X_COORD_CD,Y_COORD_CD\nK1,2025-01-05 10:00,{x:.1f},{y:.1f}\n".encode()
    at = signed_in("boss")
    at.switch_page(page_file("crime_data.py")).run()
    at.file_uploader(key="incident_file").set_value(("incidents.csv", data, "text/csv")).run()
    at.selectbox(key="map_incident_number").select("num")
    at.selectbox(key="map_occurred_at").select("when")
    at.selectbox(key="map_x").select("X_COORD_CD")
    at.selectbox(key="map_y").select("Y_COORD_CD")
    next(b for b in at.button if b.label == "Import").click().run()
    assert not at.exception
    assert "name their coordinate system" in _plain(e.value for e in at.error)
    assert _rows(app_db, "select count(*) from incidents") == [(0,)]
    at.text_input(key="incident_crs").input("EPSG:2263")
    next(b for b in at.button if b.label == "Import").click().run()
    assert not at.exception and not at.error
    [(lat, lon)] = _rows(app_db, "select latitude, longitude from incidents")
    assert (round(lat, 4), round(lon, 4)) == (40.75, -73.97)
