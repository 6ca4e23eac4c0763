"""The map, targeting, crime data and district admin pages on the demo town (AppTest)."""

from __future__ import annotations

import json

import pytest

from core import clock
from demo.accounts import DEMO_ACCOUNTS
from queries.db import Database
from tests.apptest_support import page_file, signed_in

PASSWORDS = {a.username: a.password for a in DEMO_ACCOUNTS}
MAP_TRACES = {"scattergeo", "choropleth", "choroplethmap", "choroplethmapbox", "scattermap", "scattermapbox",
              "densitymap", "densitymapbox"}


@pytest.fixture
def demo_app(demo_path, monkeypatch):
    monkeypatch.setenv("COMMUNITY_DB", str(demo_path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    return demo_path


def open_page(username: str, file: str):
    at = signed_in(username, PASSWORDS[username])
    at.switch_page(page_file(file)).run()
    assert not at.exception, at.exception
    return at


def chart_specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_the_map_has_one_shape_per_district_and_needs_no_tile_server(demo_app):
    at = open_page("cpo", "district_map.py")
    assert not at.error
    spec = chart_specs(at)[0]
    shapes = [t for t in spec["data"] if t.get("fill") == "toself"]
    assert sorted(t["name"] for t in shapes) == ["D1", "D2", "D3", "D4", "D5", "D6"]
    assert not {t.get("type", "scatter") for t in spec["data"]} & MAP_TRACES
    layout = spec["layout"]
    assert not {"geo", "map", "mapbox"} & set(layout)
    assert "http" not in json.dumps(spec)            # nothing to fetch: no tiles, no topojson
    assert layout["yaxis"]["scaleanchor"] == "x"
    assert layout["title"]["text"].startswith("Incidents by district")
    # the colour follows the measure: the district with most incidents is darkest
    table = at.dataframe[0].value
    busiest = table.sort_values("Incidents").iloc[-1]["District"]
    colours = {t["name"]: t["fillcolor"] for t in shapes}
    assert colours[busiest] == max(colours.values(), key=lambda c: -sum(map(int, c[4:-1].split(","))))


def test_incident_counts_on_the_map_match_an_independent_query(demo_app):
    at = open_page("commander", "district_map.py")
    table = at.dataframe[0].value.set_index("District")
    db = Database(demo_app)
    today = clock.department_today(db)          # the page's last 12 months end on the department's today
    with db.cursor() as cur:
        expected = dict(cur.execute(
            "select d.code, count(*) from incidents i join districts d on d.id = i.district_id "
            "where i.occurred_at >= $today - interval 1 year + interval 1 day "
            "and i.occurred_at < $today + interval 1 day group by 1", {"today": today}).fetchall())
    assert table["Incidents"].to_dict() == expected


def test_layers_are_aggregated_and_a_district_detail_opens(demo_app):
    at = open_page("cpo", "district_map.py")
    at.multiselect(key="map_layers").set_value(["incidents", "events"]).run()
    at.selectbox(key="map_district_pick").set_value("D1").run()
    assert not at.exception and not at.error
    spec = chart_specs(at)[0]
    layers = {t["meta"]["layer"]: t for t in spec["data"] if t.get("meta", {}).get("kind") == "layer"}
    db = Database(demo_app)
    with db.cursor() as cur:
        incidents = cur.execute("select count(*) from incidents where occurred_at >= $today - interval 1 year "
                                "+ interval 1 day and latitude is not null",
                                {"today": clock.department_today(db)}).fetchone()[0]
    assert "grid cell" in layers["incidents"]["name"]
    assert len(layers["incidents"]["x"]) < 2000 < incidents        # counted, not drawn point by point
    assert sum(int(t.split(": ")[1].split("<")[0].replace(",", "")) for t in layers["incidents"]["text"]) == incidents
    assert [s.value for s in at.subheader][0].startswith("D1 – Downtown")


def test_the_officer_sees_only_assigned_districts(demo_app):
    at = open_page("officer1", "district_map.py")
    spec = chart_specs(at)[0]
    shapes = [t["name"] for t in spec["data"] if t.get("fill") == "toself"]
    db = Database(demo_app)
    with db.cursor() as cur:
        assigned = [r[0] for r in cur.execute(
            "select d.code from user_districts ud join users u on u.id = ud.user_id "
            "join districts d on d.id = ud.district_id where u.username = 'officer1' order by 1").fetchall()]
    assert sorted(shapes) == assigned and 0 < len(assigned) < 6


def test_the_targeting_page_points_out_gaps_and_exports(demo_app):
    at = open_page("cpo", "crime_targeting.py")
    assert not at.error
    # a long title is wrapped onto lines for a phone: read it as one line
    titles = [s["layout"]["title"]["text"].replace("<br>", " ") for s in chart_specs(at)]
    assert titles[0].startswith("Incidents by crime type and district")
    assert any("program events per district" in t for t in titles)
    labels = [b.label for b in at.get("download_button")]
    assert "Download everything (Excel)" in labels and len(labels) >= 4


def test_the_before_and_after_comparison_opens_on_a_program_it_can_show(demo_app):
    """The demo's older programs predate the crime data; the section opens on one that started inside
    it, and says in one line why a program that started earlier cannot be compared at its start."""
    db = Database(demo_app)
    with db.cursor() as cur:
        starts = dict(cur.execute("select id, start_date from programs").fetchall())
        academy = cur.execute("select id from programs where name = 'Citizens'' Police Academy'").fetchone()[0]
        first_incident = cur.execute("select min(occurred_at)::date from incidents").fetchone()[0]
    db.close()
    at = open_page("commander", "crime_targeting.py")
    picker = at.selectbox(key="targeting_program")
    assert starts[picker.value] > first_incident
    titles = [s["layout"]["title"]["text"] for s in chart_specs(at)]
    assert any("days before and after" in t for t in titles), titles

    assert starts[academy] < first_incident
    picker.set_value(academy).run()
    notes = [i.value for i in at.info]
    assert any("before the crime data begins" in n for n in notes), notes


def test_admin_pages_open(demo_app):
    for file in ("admin_districts.py", "crime_data.py"):
        at = open_page("admin", file)
        assert not at.error, file


def test_an_administrator_can_switch_on_a_tile_basemap(demo_app):
    from core.map_settings import set_tile_url
    from queries.actor import SYSTEM
    from queries.errors import ValidationError

    db = Database(demo_app)
    with pytest.raises(ValidationError, match=r"\{z\}"):
        set_tile_url(db, SYSTEM, "https://tiles.example.org/tile.png", None)
    set_tile_url(db, SYSTEM, "https://tiles.example.org/{z}/{x}/{y}.png", None)
    at = open_page("cpo", "district_map.py")
    spec = chart_specs(at)[0]
    assert {t["type"] for t in spec["data"]} == {"scattermap"}
    assert spec["layout"]["map"]["layers"][0]["source"] == ["https://tiles.example.org/{z}/{x}/{y}.png"]
    with db.cursor() as cur:
        assert cur.execute("select value from settings where key = 'map_tile_url'").fetchone()[0].startswith("https")


def test_the_map_and_targeting_figures_follow_a_new_incident(demo_app):
    """Both pages keep their query results and figures until the next write through the gateway."""
    from datetime import datetime

    from components.database import _open
    from queries.actor import SYSTEM
    from queries.db import resolve_path

    at = open_page("commander", "district_map.py")
    before = at.dataframe[0].value.set_index("District")["Incidents"].to_dict()
    targeting = open_page("commander", "crime_targeting.py")
    targeting.session_state["targeting_matrix_table"] = True           # the matrix's grid is drawn once opened
    targeting.run()
    matrix = targeting.dataframe[0].value.set_index("Crime type")
    app_db = _open(str(resolve_path()))
    d1 = app_db.cursor().execute("select id from districts where code = 'D1'").fetchone()[0]
    crime_type = matrix.index[0]
    code = app_db.cursor().execute("select code from crime_types where label = ?", [crime_type]).fetchone()[0]
    with app_db.unit_of_work(SYSTEM) as uow:
        # an incident's time is the department's wall-clock time
        uow.insert("incidents", {"incident_number": "CACHE-TEST-1", "occurred_at": clock.department_now(app_db),
                                 "crime_type_code": code, "district_id": d1, "imported_at": datetime.now()})

    at.run()
    after = at.dataframe[0].value.set_index("District")["Incidents"].to_dict()
    assert after == {**before, "D1": before["D1"] + 1}
    shape = next(t for t in chart_specs(at)[0]["data"] if t.get("name") == "D1")
    assert f"Incidents: {before['D1'] + 1:,}" in shape["text"]          # the figure was built anew
    targeting.run()
    now = targeting.dataframe[0].value.set_index("Crime type")
    assert now.loc[crime_type, "D1"] == matrix.loc[crime_type, "D1"] + 1
    assert now.loc["Total", "Total"] == matrix.loc["Total", "Total"] + 1
