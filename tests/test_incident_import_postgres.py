"""The incident import on PostgreSQL gives what it gives on DuckDB.

The same file (real city exports from ../shared/realdata with their own district boundaries, and
the demo town's incidents written out as an export) is imported into a DuckDB file and into a
PostgreSQL database holding the same districts; the stored incidents (every value), the import's
summary and the placement figures the Crime data page shows are compared. A refused file gives the
same message on both and leaves PostgreSQL's incidents and audit rows as they were; a second
import of the same numbers updates them in place.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest

import cli
from core.district_import import import_districts
from core.importing.registry import IMPORTERS
from core.importing.shape import Upload
from core.incident_import import FileRefused, default_mapping, file_columns, import_incidents, last_import_placement
from queries.actor import Actor
from queries.db import open_database
from tests.realdata import REALDATA, realdata
from tests.test_crime_import import BAD_CSV as CRIME_IMPORT_BAD_CSV

PREVENTION = Actor(username="cpo", role="prevention", user_id=None)
SYSTEM_ADMIN = Actor(username="admin", role="admin", user_id=None)
# every stored column but the id (a sequence's next value) and the batch (names the moment of import)
STORED = ("incident_number", "occurred_at", "offense", "offense_description", "crime_type_code", "district_id",
          "source_district", "address", "latitude", "longitude")

# export -> (its districts' GeoJSON, the property holding a district's code, options of the import)
CITIES = {
    "boston_crime_incidents_2023q1.csv": ("boston_police_districts.geojson", "DISTRICT", {}),
    "philadelphia_crime_incidents_2025_01.csv": ("philadelphia_police_districts.geojson", "DIST_NUMC", {}),
    "seattle_robbery_incidents_2007_2020.csv": ("seattle_police_beats.geojson", "beat", {}),
    "san_francisco_crime_incidents_2018_12.csv": ("san_francisco_police_districts.geojson", "DISTRICT", {}),
    "los_angeles_crime_incidents_2022_sample.xlsx": ("los_angeles_police_divisions.geojson", "PREC", {}),
    "dc_crime_incidents_2021_jan_apr.csv": ("dc_police_districts.geojson", "DISTRICT", {"offsets_are_local": True}),
    "nyc_shooting_incidents_2022.csv": ("nyc_police_precincts.geojson", "precinct", {"crs": "EPSG:2263"}),
}


@pytest.fixture
def engines(tmp_path, postgres_url):
    """A DuckDB file and a PostgreSQL database, both fresh and migrated."""
    duck = open_database(tmp_path / "duck.duckdb")
    server = open_database(postgres_url)
    yield duck, server
    duck.close()
    server.close()


def stored(db) -> list[tuple]:
    with db.cursor() as cur:
        return cur.execute(f"select {', '.join(STORED)} from incidents order by incident_number").fetchall()


def table_counts(db) -> tuple[int, int]:
    with db.cursor() as cur:
        return (cur.execute("select count(*) from incidents").fetchone()[0],
                cur.execute("select count(*) from audit_log").fetchone()[0])


def placement(db) -> dict:
    found = last_import_placement(db)
    assert found is not None
    return {k: v for k, v in found.items() if k != "at_utc"}


def summary_of(summary) -> dict:
    return dataclasses.asdict(summary)


def mapping_of(path: Path) -> dict[str, str]:
    mapping = default_mapping(file_columns(path))
    if path.name.startswith("nyc_shooting"):     # the rows with only state-plane x/y are placed too
        mapping.update(x="X_COORD_CD", y="Y_COORD_CD")
    return mapping


@realdata
@pytest.mark.parametrize("export", list(CITIES))
def test_a_city_export_stores_the_same_incidents_on_both_engines(engines, export):
    boundaries, code, options = CITIES[export]
    path = REALDATA / export
    mapping = mapping_of(path)
    summaries, placements, rows = [], [], []
    for db in engines:
        import_districts(db, SYSTEM_ADMIN, (REALDATA / boundaries).read_text(), id_field=code, name_field=None)
        summaries.append(summary_of(import_incidents(db, PREVENTION, path, mapping, **options)))
        placements.append(placement(db))
        rows.append(stored(db))
    assert summaries[0]["imported"] > 0 and summaries[0]["located_by_point"] + summaries[0]["district_from_column"] > 0
    assert summaries[1] == summaries[0]
    assert placements[1] == placements[0]
    assert len(rows[1]) == summaries[0]["imported"]
    assert rows[1] == rows[0]


def demo_export(db, path: Path) -> dict[str, str]:
    """The demo town's incidents as a records system exports them (its district column blank on every
    fifth row, so those are placed by their point; three date forms), plus 40 numbers not stored yet;
    the mapping of its columns."""
    with db.cursor() as cur:
        found = cur.execute("select incident_number, occurred_at, offense, offense_description, source_district, "
                            "address, latitude, longitude from incidents order by incident_number").fetchall()
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Case", "When", "Code", "Offense", "Beat", "Block", "Lat", "Lon"])
        for n, (number, at, offense, description, district, address, lat, lon) in enumerate(found):
            when = (at.strftime("%m/%d/%Y %I:%M %p") if n % 3 == 0 else at.isoformat(sep=" ") if n % 3 == 1
                    else at.strftime("%Y-%m-%dT%H:%M:%S") + "-05:00")
            writer.writerow([number, when, offense, description.lower() if n % 7 == 0 else description,
                             "" if n % 5 == 0 else district, address, f"{lat:.6f}", f"{lon:.6f}"])
        for n, (number, at, offense, description, district, address, lat, lon) in enumerate(found[:40]):
            writer.writerow([f"NEW-{n:03d}", at.isoformat(sep=" "), offense, description, district, address,
                             lat, lon])
    return {"incident_number": "Case", "occurred_at": "When", "offense": "Code", "description": "Offense",
            "district": "Beat", "address": "Block", "latitude": "Lat", "longitude": "Lon"}


def test_the_demo_towns_export_updates_the_same_incidents_on_both_engines(demo_db, postgres_demo_url, tmp_path):
    path = tmp_path / "millbrook.csv"
    mapping = demo_export(demo_db, path)
    server = open_database(postgres_demo_url)
    try:
        assert stored(server) == stored(demo_db)        # the same town to start with
        ids_before = dict(server.cursor().execute("select incident_number, id from incidents").fetchall())
        summaries = [summary_of(import_incidents(db, PREVENTION, path, mapping)) for db in (demo_db, server)]
        assert summaries[0]["updated"] == len(ids_before) and summaries[0]["added"] == 40
        assert summaries[0]["located_by_point"] > 0
        assert summaries[1] == summaries[0]
        assert placement(server) == placement(demo_db)
        assert stored(server) == stored(demo_db)
        with server.cursor() as cur:      # updated in place: each stored number kept its id
            ids_after = dict(cur.execute("select incident_number, id from incidents").fetchall())
        assert {k: ids_after[k] for k in ids_before} == ids_before
        assert len(ids_after) == len(ids_before) + 40
    finally:
        server.close()


BAD_CSV = [
    *CRIME_IMPORT_BAD_CSV,
    (b"num,when,dist\r\nA,2026-01-01,\"W\r\nB,2026-01-02,E\r\n", "not a well-formed CSV"),
    ("num;when;dist\nA;2026-01-01;W\nB;2026-01-02;\xe9\n\xff\xfe".encode("latin-1"), "well-formed"),
]
GOOD = b"num,when,dist\nKEEP-1,2026-01-01 10:00,W\n"
MAP = {"incident_number": "num", "occurred_at": "when", "district": "dist"}


@pytest.mark.parametrize("data,reason", BAD_CSV, ids=lambda v: str(v)[:16])
def test_a_bad_file_is_refused_alike_and_nothing_is_written_on_postgresql(engines, tmp_path, data, reason):
    messages, rows = [], []
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"     # one path: a message may name it
    good.write_bytes(GOOD)
    bad.write_bytes(data)
    for db in engines:
        import_incidents(db, PREVENTION, good, MAP)
        before, incidents = table_counts(db), stored(db)
        try:
            import_incidents(db, PREVENTION, bad, MAP)
        except FileRefused as error:
            messages.append(str(error))
            rows.append(getattr(error, "rows", None))
        else:
            messages.append(None)
        assert table_counts(db) == before
        assert stored(db) == incidents
    assert messages[1] == messages[0]
    assert rows[1] == rows[0]
    assert reason in (messages[0] or "")


def test_a_windows_1252_file_with_semicolons_and_crlf_stores_the_same_text_on_both_engines(engines, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("num;when;dist;what\r\nA;2026-01-01 10:00;W;Caf\xe9 \"theft\"\r\nB;2026-01-02 11:00;;\r\n"
                     "C;2026-01-03 12:00;W;\"\"\r\n".encode("cp1252"))
    summaries = [summary_of(import_incidents(db, PREVENTION, path, {**MAP, "description": "what"})) for db in engines]
    assert summaries[1] == summaries[0]
    assert stored(engines[1]) == stored(engines[0])
    assert [(r[0], r[3], r[6]) for r in stored(engines[1])] == [("A", 'Caf\xe9 "theft"', "W"), ("B", None, None),
                                                               ("C", None, "W")]


def test_a_refused_row_list_names_the_same_rows_through_the_importer_on_postgresql(engines, tmp_path):
    path = tmp_path / "dates.csv"
    path.write_bytes(b"num,when,dist\nA,not a date,W\n,2026-01-02,W\nC,1970-01-01 00:00,W\n")
    problems = []
    for db in engines:
        with pytest.raises(FileRefused) as refused:
            IMPORTERS["incidents"].write(db, PREVENTION, Upload.of_path(path), MAP)
        problems.append(refused.value.rows)
        assert table_counts(db)[0] == 0
    assert problems[0] == problems[1]
    assert [p["row"] for p in problems[1]] == [2, 3, 4]


def test_the_importers_check_and_write_give_the_same_outcome_on_both_engines(engines, tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_text("num,when,dist\nA,2026-01-01 10:00,W\nB,not a date,W\nC,2026-01-03 08:15+00,\n")
    importer = IMPORTERS["incidents"]
    outcomes = []
    for db in engines:
        checked = importer.check(db, PREVENTION, Upload.of_path(path), MAP)
        assert table_counts(db) == (0, 0)          # the check wrote nothing, not even its audit row
        written = importer.write(db, PREVENTION, Upload.of_path(path), MAP)
        assert table_counts(db) == (2, 1)
        outcomes.append([(o.heading, o.lines, o.warnings, o.problems.to_dict("records"), o.counts)
                         for o in (checked, written)])
    assert outcomes[1] == outcomes[0]
    assert outcomes[1][1][4] == {"rows_read": 3, "imported": 2, "added": 2, "updated": 0}


def test_reimporting_on_postgresql_updates_rather_than_duplicates(postgres_url, tmp_path):
    db = open_database(postgres_url)
    try:
        first = tmp_path / "first.csv"
        first.write_text("num,when,dist,what\nA,2026-01-01 10:00,W,THEFT\nB,2026-01-02 11:00,W,THEFT\n")
        summary = import_incidents(db, PREVENTION, first, {**MAP, "description": "what"})
        assert (summary.added, summary.updated) == (2, 0)
        with db.cursor() as cur:
            ids = dict(cur.execute("select incident_number, id from incidents").fetchall())
        second = tmp_path / "second.csv"
        second.write_text("num,when,dist,what\nB,2026-01-03 12:30,W,ROBBERY\nC,2026-01-04 09:00,W,ASSAULT\n")
        summary = import_incidents(db, PREVENTION, second, {**MAP, "description": "what"})
        assert (summary.rows_read, summary.added, summary.updated) == (2, 1, 1)
        with db.cursor() as cur:
            after = cur.execute("select incident_number, id, occurred_at, offense_description from incidents "
                                "order by incident_number").fetchall()
            imports = cur.execute("select count(*) from audit_log where action = 'import' "
                                  "and table_name = 'incidents'").fetchone()[0]
        assert [(n, i) for n, i, *_ in after][:2] == [("A", ids["A"]), ("B", ids["B"])]
        assert [(n, str(at), what) for n, _, at, what in after] == [
            ("A", "2026-01-01 10:00:00", "THEFT"), ("B", "2026-01-03 12:30:00", "ROBBERY"),
            ("C", "2026-01-04 09:00:00", "ASSAULT")]
        assert imports == 2
    finally:
        db.close()


def test_the_command_line_imports_incidents_into_postgresql(postgres_url, tmp_path, capsys):
    path = tmp_path / "incidents.csv"
    path.write_text("num,when,dist\nA,2026-01-01 10:00,W\nB,01/02/2026 5:30 PM,W\n")
    code = cli.main(["--db", postgres_url, "import", "incidents", str(path), "--quiet",
                     "--map", "incident_number=num", "--map", "occurred_at=when", "--map", "district=dist"])
    assert code == 0, capsys.readouterr().err
    db = open_database(postgres_url)
    try:
        assert [(r[0], str(r[1])) for r in stored(db)] == [("A", "2026-01-01 10:00:00"), ("B", "2026-01-02 17:30:00")]
    finally:
        db.close()


def test_a_step_that_fails_on_postgresql_raises_its_own_error_and_writes_nothing(postgres_url, tmp_path, monkeypatch):
    import psycopg

    import core.incident_import_staging as staging

    real = staging.load_sql
    broken = "update incident_stage set district_id = no_such_column"       # fails inside the unit of work
    monkeypatch.setattr(staging, "load_sql",
                        lambda name, *args: broken if name == "incident_stage_set_districts" else real(name, *args))
    path = tmp_path / "incidents.csv"
    path.write_bytes(GOOD)
    db = open_database(postgres_url)
    try:
        import_districts(db, SYSTEM_ADMIN, '{"type": "FeatureCollection", "features": [{"type": "Feature", '
                         '"properties": {"code": "W"}, "geometry": {"type": "Polygon", "coordinates": '
                         '[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}}]}', id_field="code")
        before = table_counts(db)
        with pytest.raises(psycopg.errors.UndefinedColumn):   # not "current transaction is aborted"
            import_incidents(db, PREVENTION, path, MAP)
        assert table_counts(db) == before
    finally:
        db.close()
