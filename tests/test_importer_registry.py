"""Every import goes through the one shape (core/importing/shape.py), listed in core/importing/registry.py.

For each importer of the registry: a small good file is checked with nothing written (the table's
rows and the audit rows counted before and after), then written with one audit 'import' row and
its rows stored; a bad file is refused with its row, column and reason, and nothing written. And a
scan of the pages, components and cli.py: none calls an importer's own module, only the registry.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from core.importing.registry import IMPORTERS
from core.importing.shape import Importer, Outcome, Upload, problem_table
from queries.errors import DataError
from tests.entry_support import count

ROOT = Path(__file__).resolve().parents[1]

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}


def geojson(*features: dict) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": SQUARE} for props in features]}).encode()


# kind: (good file name, its bytes, mapping, options, the table counted, the stored rows' query and
#        what it returns after the write, the bad file's bytes, the row, column and a word of the reason)
CASES = {
    "programs": ("programs.csv", b"name,category,delivery_kind\nBike Rodeo,youth,one_off\n", {}, {},
                 "programs", "select name from programs where name = 'Bike Rodeo'", [("Bike Rodeo",)],
                 b"name,category,delivery_kind\nGood,youth,one_off\nBad,no such category,one_off\n",
                 3, "category", "category"),
    "events": ("events.csv", b"program,starts_at,ends_at,district\nCar-seat station,2026-10-10 09:00,"
                             b"2026-10-10 12:00,N\n", {}, {},
               "events", "select cast(starts_at as varchar) from events", [("2026-10-10 09:00:00",)],
               b"program,starts_at,ends_at,district\nNo such program,2026-10-10 09:00,2026-10-10 12:00,N\n",
               2, "program", "no program"),
    "participants": ("people.csv", b"first_name,last_name\nAna,Ruiz\n", {}, {},
                     "participants", "select first_name, last_name from participants", [("Ana", "Ruiz")],
                     b"first_name,last_name,birth_year\nAna,Ruiz,abc\n", 2, "birth_year", "year"),
    "organizations": ("orgs.csv", b"Name,Type,District\nElm Block Watch,block_watch,N\n",
                      {"name": "Name", "org_type": "Type"}, {},
                      "organizations", "select name, org_type from organizations where name = 'Elm Block Watch'",
                      [("Elm Block Watch", "block_watch")],
                      b"Name,Type,District\nElm Block Watch,nonsense,N\n", 2, "Type", "type"),
    "concerns": ("concerns.csv", b"received_on,channel,category,description,district\n"
                                 b"2026-11-01,phone,noise,Loud music nightly,N\n", {}, {},
                 "concerns", "select description from concerns", [("Loud music nightly",)],
                 b"received_on,channel,category,description,district\n2026-11-01,phone,noise,Loud,ZZ\n",
                 2, "district", "district"),
    "businesses": ("list.csv", b"BusinessName,Address\nJoe's Pizza,12 Main St\n", {}, {},
                   "businesses", "select name, address from businesses", [("Joe's Pizza", "12 Main St")],
                   b"BusinessName,Address\n,7 Empty St\n", 2, "BusinessName", "name is required"),
    "incidents": ("incidents.csv", b"INCIDENT_NUMBER,OCCURRED_ON_DATE,DISTRICT,OFFENSE_DESCRIPTION\n"
                                   b"I-1,2026-01-05 10:00,N,THEFT\n", {}, {},
                  "incidents", "select incident_number, source_district from incidents", [("I-1", "N")],
                  b"INCIDENT_NUMBER,OCCURRED_ON_DATE,DISTRICT\nI-1,not a date,N\n",
                  2, "OCCURRED_ON_DATE", "date"),
    "districts": ("beats.geojson", geojson({"code": "Q", "name": "Quarry"}), {"code": "code", "name": "name"}, {},
                  "districts", "select code, name from districts where code = 'Q'", [("Q", "Quarry")],
                  geojson({"code": "Q"}, {"name": "no code"}), 2, "code", "no value"),   # row: the feature
    "offense-mappings": ("offenses.csv", b"offense_description,crime_type_code\nShoplifting,larceny\n", {}, {},
                         "offense_mappings", "select offense_description, crime_type_code from offense_mappings",
                         [("SHOPLIFTING", "larceny")],
                         b"offense_description,crime_type_code\nShoplifting,larceny\nArson,nonsense\n",
                         3, "crime_type_code", "not one of"),
    "district-mappings": ("districts.csv", b"district_text,district_code\nNorth side,N\n", {}, {},
                          "district_mappings", "select district_text from district_mappings", [("NORTH SIDE",)],
                          b"district_text,district_code\nNorth side,N\nSomewhere,ZZ\n",
                          3, "district_code", "not a district code"),
}


def rows(db, table: str) -> int:
    return count(db, f"select count(*) from {table}")


def audit_rows(db) -> int:
    return count(db, "select count(*) from audit_log")


def imports(db, table: str) -> int:
    return count(db, "select count(*) from audit_log where action = 'import' and table_name = $t", t=table)


def test_the_registry_lists_every_import():
    assert {"programs", "events", "participants", "organizations", "concerns", "businesses", "incidents",
            "districts", "offense-mappings", "district-mappings"} <= set(IMPORTERS)
    for kind, importer in IMPORTERS.items():
        assert isinstance(importer, Importer) and importer.kind == kind
        assert importer.required <= set(importer.fields)


def test_every_importer_of_the_registry_has_a_case_here():
    assert set(CASES) >= set(IMPORTERS) - {"surveys"}      # surveys: tests/test_survey_import.py


@pytest.mark.parametrize("kind", list(CASES))
def test_a_good_file_is_checked_with_nothing_written_then_written_once(world, kind):
    name, data, mapping, options, table, query, stored, *_ = CASES[kind]
    importer = IMPORTERS[kind]
    db, actor = world.db, world.admin
    upload = Upload.of_bytes(data, name)
    chosen = importer.guess(importer.columns(upload)) | mapping
    before = (rows(db, table), audit_rows(db))
    checked = importer.check(db, actor, upload, chosen, **options)
    assert isinstance(checked, Outcome) and not checked.written and checked.ok, checked.problems
    assert (rows(db, table), audit_rows(db)) == before
    written = importer.write(db, actor, Upload.of_bytes(data, name), chosen, **options)
    assert written.written and written.heading
    assert imports(db, table) == 1
    assert [tuple(r) for r in db.cursor().execute(query).fetchall()] == stored
    assert rows(db, table) == before[0] + len(stored)


@pytest.mark.parametrize("kind", list(CASES))
def test_a_bad_file_is_refused_with_row_column_and_reason_and_nothing_written(world, kind):
    name, _, mapping, options, table, *_, bad, row, column, reason = CASES[kind]
    importer = IMPORTERS[kind]
    db, actor = world.db, world.admin
    upload = Upload.of_bytes(bad, name)
    chosen = importer.guess(importer.columns(upload)) | mapping
    before = (rows(db, table), audit_rows(db))
    with pytest.raises(DataError) as refused:
        importer.write(db, actor, upload, chosen, **options)
    problems = problem_table(refused.value)
    assert list(problems.columns) == ["row", "column", "reason"]
    found = problems[problems["row"] == row]
    assert not found.empty, problems
    assert found.iloc[0]["column"] == column and reason in found.iloc[0]["reason"].lower(), problems
    assert (rows(db, table), audit_rows(db)) == before


def test_a_bad_population_file_is_refused_at_its_row_with_nothing_written(world):
    db, importer = world.db, IMPORTERS["districts"]
    population = Upload.of_bytes(b"code,population\nQ,lots\n", "population.csv")
    before = (rows(db, "districts"), audit_rows(db))
    with pytest.raises(DataError) as refused:
        importer.write(db, world.admin, Upload.of_bytes(geojson({"code": "Q"}), "q.geojson"), {"code": "code"},
                       population_csv=population)
    assert problem_table(refused.value).to_dict("records") == [
        {"row": 2, "column": "population", "reason": "not a number"}]
    assert (rows(db, "districts"), audit_rows(db)) == before
    importer.write(db, world.admin, Upload.of_bytes(geojson({"code": "Q"}), "q.geojson"), {"code": "code"},
                   population_csv=Upload.of_bytes(b"code,population\nQ,1200\n", "population.csv"))
    assert count(db, "select population from live.districts where code = 'Q'") == 1200


# -- nothing calls an importer's own module: only the registry ------------------------------------------

IMPORTER_MODULES = {"core.business_import", "core.incident_import", "core.district_import", "core.offense_mapping",
                    "core.district_mapping", "core.importing.pipeline", "core.importing.kinds",
                    "core.importing.adapters", "core.surveys.importer"}
# what an importer's module offers that is not an import: the editors of saved mappings and the
# figures of the latest import (read, not written from a file)
NOT_IMPORTS = {"saved_mappings", "unmapped_offenses", "unmatched_stored", "districts", "last_import_placement",
               "save_mappings", "KINDS", "IncidentImportSummary", "ImportPlan"}


def direct_calls(path: Path) -> list[str]:
    """Names an importer's module gives this file, other than through the registry."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module in IMPORTER_MODULES:
                found += [f"{path.name}: from {module} import {a.name}" for a in node.names
                          if a.name not in NOT_IMPORTS]
            elif module in ("core", "core.importing"):
                found += [f"{path.name}: from {module} import {a.name}" for a in node.names
                          if f"{module}.{a.name}" in IMPORTER_MODULES]
        elif isinstance(node, ast.Import):
            found += [f"{path.name}: import {a.name}" for a in node.names if a.name in IMPORTER_MODULES]
    return found


def callers() -> list[Path]:
    files = [ROOT / "cli.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "components").glob("*.py"))]
    return [p for p in files if p.exists()]


def test_the_scan_finds_a_direct_call(tmp_path):
    sample = tmp_path / "page.py"
    sample.write_text("from core.business_import import plan_import\nfrom core import incident_import\n"
                      "from core.importing import pipeline\nfrom core.offense_mapping import saved_mappings\n")
    assert len(direct_calls(sample)) == 3


def test_no_page_component_or_cli_calls_an_importer_module_directly():
    found = [hit for path in callers() for hit in direct_calls(path)]
    assert found == []
