"""Every importer reads its file the same way, and core/ holds no command line.

Read from the source (every .py file of core/):

- no module imports argparse or builds a command (`add_parser`, `add_argument`, `add_import_command`,
  `_cmd`, `cmd_import_*`): the `import KIND` commands live in cli.py;
- only core/tabular.py tells a CSV file's encoding and delimiter and checks for duplicate columns:
  no other module defines those functions, splits CSV text (`csv.reader`, `csv.DictReader`,
  `csv.Sniffer`, pandas' `read_csv`) or decodes bytes with a text encoding of a file.

And run: each importer (the wizard's kinds, businesses, incidents, districts' population file,
offense mappings, district mappings) reads a Windows-1252 file delimited by semicolons through
core/tabular.py's detection, and gets its columns and text right.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from components import business_import_panel, import_wizard
from core import district_import, district_mapping, incident_import, offense_mapping, tabular
from core.importing import shape
from core.importing.registry import IMPORTERS as REGISTRY
from core.importing.shape import Upload

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "core"
COMMAND_FUNCTIONS = {"add_import_command", "_cmd", "_command"}
COMMAND_CALLS = {"add_parser", "add_argument", "add_subparsers", "set_defaults"}
# what tells a CSV file's encoding and delimiter, and the duplicate-column check
DETECTION = {"sniff_text", "sniff_text_file", "first_line_width", "refuse_duplicates",
             "_sniff_text_file", "_head", "_header_width"}
CSV_SPLITTERS = {("csv", "reader"), ("csv", "DictReader"), ("csv", "Sniffer"), ("pd", "read_csv"),
                 ("pandas", "read_csv")}
FILE_ENCODINGS = {"utf-8", "utf8", "utf-8-sig", "cp1252", "latin-1", "latin1", "windows-1252"}


def _modules() -> list[Path]:
    return sorted(p for p in CORE.rglob("*.py") if "__pycache__" not in p.parts)


def _where(path: Path, node: ast.AST) -> str:
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    return f"{shown}:{node.lineno}"


def command_line_code(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "argparse" for a in node.names):
            found.append(_where(path, node))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "argparse":
            found.append(_where(path, node))
        elif isinstance(node, ast.FunctionDef) and (node.name in COMMAND_FUNCTIONS
                                                    or node.name.startswith("cmd_")):
            found.append(f"{_where(path, node)} def {node.name}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in COMMAND_CALLS):
            found.append(f"{_where(path, node)} .{node.func.attr}(...)")
    return found


def text_reading_code(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef) and node.name in DETECTION:
            found.append(f"{_where(path, node)} def {node.name}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value.id if isinstance(node.func.value, ast.Name) else None
            if (owner, node.func.attr) in CSV_SPLITTERS:
                found.append(f"{_where(path, node)} {owner}.{node.func.attr}(...)")
            elif node.func.attr == "decode" and any(
                    isinstance(a, ast.Constant) and str(a.value).lower() in FILE_ENCODINGS for a in node.args):
                found.append(f"{_where(path, node)} .decode({ast.unparse(node.args[0])})")
    return found


def test_the_scan_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import argparse\nimport csv\n\ndef _cmd(args):\n    kinds.add_parser('x')\n\n"
                      "def _sniff_text_file(path):\n    return csv.reader(path.read_bytes().decode('cp1252'))\n")
    assert len(command_line_code(sample)) == 3
    assert len(text_reading_code(sample)) == 3


def test_no_module_under_core_holds_command_line_code():
    found = [hit for path in _modules() for hit in command_line_code(path)]
    assert found == []


def test_only_core_tabular_tells_encoding_and_delimiter_and_checks_duplicate_columns():
    found = [hit for path in _modules() if path.name != "tabular.py" for hit in text_reading_code(path)]
    assert found == []
    defined = {n.name for n in ast.walk(ast.parse((CORE / "tabular.py").read_text(encoding="utf-8")))
               if isinstance(n, ast.FunctionDef)}
    assert {"sniff_text", "sniff_text_file", "refuse_duplicates"} <= defined


# -- every importer reads through core/tabular.py -----------------------------------------------

# The same text in each importer's columns: Windows-1252 (Excel on Windows), delimited by semicolons.
def _file(tmp_path: Path, name: str, header: str, row: str) -> Path:
    path = tmp_path / name
    path.write_bytes(f"{header}\r\n{row}\r\n".encode("cp1252"))
    return path


def _wizard(path: Path):
    frame = Upload.of_path(path).frame()       # how cli.py and the import page read an entry kind's file
    return list(frame.columns), frame.iloc[0, 1]


def _businesses(path: Path):
    upload = Upload.of_path(path)
    return REGISTRY["businesses"].columns(upload), upload.frame().iloc[0, 1]


def _incidents(path: Path):
    return incident_import.file_columns(path), None


def _population(path: Path):
    return district_import.parse_population_csv(path.read_bytes(), path.name), None


def _offense_mappings(path: Path):
    return offense_mapping.read_mapping_file(path), None


def _district_mappings(path: Path):
    return district_mapping.read_mapping_file(path), None


# importer: (the reader it uses, its file's header and row, what it reads)
IMPORTERS = {
    "wizard kinds (core/importing/shape.py's Upload)": (
        _wizard, "program;description", "Caf\u00e9 talks;Tuesdays", (["program", "description"], "Tuesdays")),
    "businesses": (_businesses, "BusinessName;Address", "Caf\u00e9 Alpha;1 A St",
                   (["BusinessName", "Address"], "1 A St")),
    "incidents": (_incidents, "INCIDENT_NUMBER;OCCURRED_ON_DATE;DISTRICT", "I-1;2026-01-05 10:00;N\u00e9",
                  (["INCIDENT_NUMBER", "OCCURRED_ON_DATE", "DISTRICT"], None)),
    "districts (population file)": (_population, "code;population", "N\u00e9;12000", ({"N\u00e9": 12000}, None)),
    "offense mappings": (_offense_mappings, "offense_description;crime_type_code", "Caf\u00e9 theft;THEFT",
                         ({"Caf\u00e9 theft": "THEFT"}, None)),
    "district mappings": (_district_mappings, "district_text;district_code", "Caf\u00e9 area;N",
                          ({"Caf\u00e9 area": "N"}, None)),
}


def test_the_pages_read_uploads_with_core_tabular():
    assert shape.read_table is tabular.read_table
    assert import_wizard.Upload is shape.Upload and business_import_panel.Upload is shape.Upload
    assert incident_import.sniff_text_file is tabular.sniff_text_file


@pytest.mark.parametrize("importer", list(IMPORTERS))
def test_every_importer_reads_its_file_through_core_tabular(tmp_path, monkeypatch, importer):
    reader, header, row, expected = IMPORTERS[importer]
    path = _file(tmp_path, "export.csv", header, row)
    sniffed: list[tuple[str, tabular.TextFormat]] = []
    original = tabular.sniff_text

    def sniff(sample: bytes, filename: str, whole: bool = True) -> tabular.TextFormat:
        found = original(sample, filename, whole)
        sniffed.append((filename, found))
        return found

    monkeypatch.setattr(tabular, "sniff_text", sniff)
    assert reader(path) == expected
    assert sniffed and {found for _, found in sniffed} == {tabular.TextFormat("cp1252", ";")}
    assert {filename for filename, _ in sniffed} == {"export.csv"}
