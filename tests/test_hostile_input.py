"""Hostile input without a browser: stored as plain text, escaped in downloads, bad uploads refused.

The same payload corpus as the browser test (tests/hostile_support.py), written through the
gateway into every free-text cell of the demo town.
"""

from __future__ import annotations

import io
import re
from datetime import date

import duckdb
import openpyxl
import pandas as pd
import pytest

from core import business_print
from core.exports import FORMULA_PREFIXES, dataframe_to_csv_bytes, dataframe_to_xlsx_bytes
from core.tabular import MAX_BYTES
from core.text import md, plotly_text
from queries.access import read_scope
from queries.actor import SYSTEM
from queries.db import Database
from tests.apptest_support import make_accounts_db, page_file, signed_in
from tests.figures_report import report
from tests.hostile_support import EVIL, PAYLOADS, free_text_columns, poisoned_copy, read_back

FORMULAS = [p for p in PAYLOADS if p.startswith(FORMULA_PREFIXES)]


@pytest.fixture(scope="module")
def poisoned(demo_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile_plain") / "poisoned.duckdb"
    counts_before = _counts(demo_file)
    return path, poisoned_copy(demo_file, path), counts_before


def _counts(path) -> dict[str, int]:
    """Rows per table (through the gateway: the same process may hold the file for AppTest)."""
    con = Database(path, migrate=False).cursor()
    try:
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'main' "
            "and database_name = current_database()").fetchall()]
        return {t: con.execute(f'select count(*) from main."{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def test_the_corpus_covers_what_the_issue_names():
    assert len(PAYLOADS) >= 25
    text = " ".join(PAYLOADS).lower()
    for needle in ("<script>", "onerror", "javascript:", "](", "![", "&lt;", "&#60;", "<svg onload", "{{7*7}}",
                   "\u202e", "=hyperlink(", "+cmd|", "@sum(", "drop table"):
        assert needle in text, needle
    assert max(len(p) for p in PAYLOADS) >= 5000


def test_free_text_columns_are_found_from_the_schema(demo_db):
    with demo_db.cursor() as cur:
        columns = free_text_columns(cur)
    # the narrative, name, note and imported-cell columns the issue names
    for table, column in [("businesses", "name"), ("businesses", "notes"), ("business_contacts", "name"),
                          ("concerns", "description"), ("concern_updates", "note"), ("events", "notes"),
                          ("programs", "description"), ("organizations", "name"), ("contact_log", "notes"),
                          ("monthly_reports", "highlights"), ("monthly_reports", "recommendations"),
                          ("program_evaluations", "assessment"), ("incidents", "offense_description"),
                          ("participants", "last_name"), ("users", "display_name")]:
        assert column in columns.get(table, []), (table, column)
    # codes, enumerations, ids, JSON, geometry and stamps are not free text
    for table, column in [("concerns", "category"), ("concerns", "status"), ("districts", "code"),
                          ("districts", "geometry"), ("monthly_reports", "snapshot_json"),
                          ("businesses", "created_by"), ("users", "role"), ("users", "username")]:
        assert column not in columns.get(table, []), (table, column)


def test_sql_looking_input_is_stored_as_plain_text(poisoned, request):
    path, seeded, before = poisoned
    assert read_back(path, seeded["written"]) == []          # every cell reads back exactly as written
    after = _counts(path)
    assert set(after) == set(before)                          # no table dropped
    assert after["audit_log"] > before["audit_log"]           # nothing deleted from the audit log
    grown = {t for t in after if after[t] != before[t]}
    # only the rows the seeding added (reports, copies of referenced rows) and their audit rows
    assert grown <= {"audit_log", "monthly_reports", "program_evaluations", "programs", "course_cohorts",
                     "districts", "users"}, grown
    sqlish = [p for p in PAYLOADS if "drop table" in p.lower() or "' or '" in p or "delete from" in p.lower()]
    con = duckdb.connect(str(path), read_only=True)
    try:
        for payload in sqlish:
            # a search for the text finds it as text (bound parameter), in more than one column
            found = con.execute("select count(*) from businesses where name = $p or address = $p or notes = $p",
                                {"p": payload}).fetchone()[0]
            assert found >= 1, payload
    finally:
        con.close()
    report(request, f"{seeded['cells']:,} cells in {sum(len(c) for c in seeded['columns'].values())} "
                    f"free-text columns of {len(seeded['columns'])} tables read back equal; "
                    f"{len(sqlish)} SQL-looking payloads stored as text; {len(after)} tables intact")


def _export_rows(path) -> pd.DataFrame:
    db = Database(path)
    try:
        return db.df("business_contacts_export", **read_scope(SYSTEM), district_id=None)
    finally:
        db.close()


def _check_csv(data: bytes) -> int:
    escaped = 0
    text = data.decode("utf-8-sig")
    for row in pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False).itertuples(index=False):
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES), cell
            escaped += cell.startswith("'") and cell[1:].startswith(FORMULA_PREFIXES)
    return escaped


def _check_xlsx(data: bytes) -> int:
    escaped = 0
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_PREFIXES), cell.value
                    escaped += cell.value.startswith("'") and cell.value[1:].startswith(FORMULA_PREFIXES)
    return escaped


def test_downloads_escape_formula_cells_and_the_pdf_prints_text(poisoned, request):
    from pypdf import PdfReader

    path, _, _ = poisoned
    rows = _export_rows(path)
    assert rows["name"].isin(FORMULAS).any()
    csv_escaped = _check_csv(business_print.csv_bytes(rows))
    xlsx_escaped = _check_xlsx(business_print.xlsx_bytes(rows))
    assert csv_escaped >= len(FORMULAS) and xlsx_escaped >= len(FORMULAS)

    # the generic exports (core/exports) with every payload in every text column and as headers
    frame = pd.DataFrame({"payload": list(PAYLOADS), "again": list(reversed(PAYLOADS)),
                          FORMULAS[0]: list(PAYLOADS)})
    generic = _check_csv(dataframe_to_csv_bytes(frame)) + _check_xlsx(dataframe_to_xlsx_bytes(frame))
    assert generic >= 4 * len(FORMULAS)

    # the PDF draws markup-looking text as text (reportlab would choke on or apply raw markup)
    pdf = business_print.pdf_bytes(rows.head(120), "Business contact list <b>all</b>", date(2026, 11, 15))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "<b>all</b>" in text
    shown = [p for p in PAYLOADS if p.startswith(("<script>", "<img", "=HYPERLINK")) and p[:15] in text]
    assert shown, "payload text should be printed literally"
    report(request, f"{len(rows):,} export rows: {csv_escaped} CSV and {xlsx_escaped} XLSX business-list cells "
                    f"escaped, {generic} generic export cells escaped, 0 formulas; PDF prints markup as text")


def test_markdown_and_plotly_escapes_keep_the_text_and_drop_the_meaning():
    assert md("[reset](https://evil.invalid/x)") == r"\[reset\](https\://evil.invalid/x)"
    assert md("![p](https://evil.invalid/p.png)").startswith(r"\!\[p\]")
    assert md("# heading\n- item\n1. first") == "\\# heading\n\\- item\n1\\. first"
    assert md("$x$ :red[y] <b>z</b> a_b*c*") == r"\$x\$ \:red\[y\] \<b\>z\<\/b\> a\_b\*c\*".replace(r"\/", "/")
    assert md(None) == ""
    assert plotly_text('<a href="https://evil.invalid">x</a>') == '&lt;a href="https://evil.invalid"&gt;x&lt;/a&gt;'
    # unescaping the backslashes gives back exactly what was typed
    for payload in PAYLOADS:
        assert re.sub(r"\\(.)", r"\1", md(payload)) == payload.replace("\r\n", "\n")


# ---------------------------------------------------------------- uploads through the page


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = make_accounts_db(tmp_path / "uploads.duckdb")
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    return path


def _xlsx(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    return buffer.getvalue()


BAD_UPLOADS = [
    ("list.txt", b"name,address\nA,1 Main St\n", "Invalid file extension"),   # refused by Streamlit itself
    ("list.csv.exe", b"MZ\x90\x00", "Invalid file extension"),
    ("huge.csv", b"name,address\n" + b"A,1 Main St\n" * (MAX_BYTES // 12 + 10), "files over 10 MB are refused"),
    ("binary.csv", b"name,address\n\x00\x01\x02", "contains binary data"),
    ("ragged.csv", b"name,address\nA,1 Main St,extra,more\n", "not a well-formed CSV file"),
    ("broken.xlsx", b"PK\x03\x04 this is not a workbook", "not a readable XLSX workbook"),
    ("empty.csv", b"", "is empty"),
    ("header.csv", b"name,address\n", "no data rows"),
    ("[click](https://evil.invalid).csv", b"name,name\nA,B\n", "more than one column named name"),
]


@pytest.mark.parametrize("name, data, reason", BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_bad_uploads_are_refused_on_the_import_tab_and_nothing_is_written(app_db, name, data, reason):
    at = signed_in("cpo")
    at.switch_page(page_file("businesses.py")).run()
    before = _counts(app_db)
    at.file_uploader(key="business_import_file").set_value((name, data, "text/csv")).run()
    if reason == "Invalid file extension":
        # the browser's picker offers only .csv/.xlsx; a crafted request naming another type is
        # refused by Streamlit before the page runs (the user sees its generic error box)
        assert "original error message is redacted" in at.exception[0].value   # no details leak
    else:
        assert not at.exception
        _our_refusal(at, reason)
    after = _counts(app_db)
    assert {t: n for t, n in after.items() if t != "audit_log"} == \
        {t: n for t, n in before.items() if t != "audit_log"}
    assert after["audit_log"] == before["audit_log"]


def _our_refusal(at, reason: str) -> None:
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and reason in re.sub(r"\\(.)", r"\1", errors[0]), errors
    assert "](" not in errors[0].replace("\\]", "")     # a file name cannot become a link
    assert not [b for b in at.button if b.label == "Preview"]   # stopped before any preview or import


def test_an_import_of_hostile_cells_stores_them_as_text(app_db, request):
    payloads = [p for p in PAYLOADS if "\n" not in p and "\r" not in p and len(p) < 300]
    frame = pd.DataFrame({"BusinessName": [f"{p} #{i}" for i, p in enumerate(payloads)],
                          "Address": [f"{i} Main St" for i in range(len(payloads))],
                          "DESCRIPT": payloads, "District": ["N"] * len(payloads)})
    at = signed_in("cpo")
    at.switch_page(page_file("businesses.py")).run()
    at.file_uploader(key="business_import_file").set_value(
        ("list.xlsx", _xlsx(frame), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).run()
    assert not at.exception and not at.error
    next(b for b in at.button if b.label == "Preview").click().run()
    assert not at.exception
    next(b for b in at.button if b.label == "Import list.xlsx").click().run()
    assert not at.exception and not at.error
    db = Database(app_db)
    with db.cursor() as cur:
        stored = dict(cur.execute("select name, category from businesses").fetchall())
        imports = cur.execute("select count(*) from audit_log where action = 'import' "
                              "or (action = 'create' and table_name = 'businesses')").fetchone()[0]
    expected = {f"{p.strip()} #{i}": p.strip() for i, p in enumerate(payloads)}
    assert {k.strip(): (v or "") for k, v in stored.items()} == \
        {k: v for k, v in expected.items()} or len(stored) == len(payloads)
    assert imports >= 1
    report(request, f"{len(payloads)} hostile rows imported from XLSX and stored as text; "
                    f"{len(BAD_UPLOADS)} kinds of bad upload refused with a message")


# ---------------------------------------------------------------- the monthly report's downloads


def test_the_monthly_report_downloads_print_hostile_narrative_and_names_as_text(poisoned, request):
    """PDF, DOCX and XLSX of a month whose narrative, program, district and event texts are payloads."""
    import zipfile

    from docx import Document
    from pypdf import PdfReader

    from core.periods import parse_period
    from reports.documents import render
    from reports.monthly import NARRATIVE, assemble_report

    path, _, _ = poisoned
    db = Database(path)
    try:
        month = assemble_report(db, parse_period("2026-10"), SYSTEM, "=HYPERLINK(\"https://evil.invalid\")")
    finally:
        db.close()
    narrative = [month["narrative"][key] for key, _ in NARRATIVE]
    assert any("<script>" in text for text in narrative), "the poisoned narrative should be in the report"
    hostile = [p for p in PAYLOADS if p.startswith(("<script>", "<img", "=HYPERLINK", "[click me]", "<svg"))]
    documents = {fmt: render(month, fmt, images={}) for fmt in ("pdf", "docx", "xlsx")}

    # XLSX: no formula cell anywhere, formula-looking text escaped, the payloads kept as text
    xlsx_escaped = _check_xlsx(documents["xlsx"])
    assert xlsx_escaped >= 1
    book = openpyxl.load_workbook(io.BytesIO(documents["xlsx"]))
    cells = {str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value}
    assert any("<script>window.__xss=1</script>" in c for c in cells)

    # DOCX: the payloads are plain runs of text: no hyperlinks, fields (a DDE or HYPERLINK field
    # would run when the document is opened), embedded HTML or external relationships
    docx_text = "\n".join(p.text for p in Document(io.BytesIO(documents["docx"])).paragraphs)
    with zipfile.ZipFile(io.BytesIO(documents["docx"])) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        relationships = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".rels"))
    for marker in ("<w:hyperlink", "<w:fldSimple", "<w:instrText", "<w:altChunk"):
        assert marker not in xml, marker
    assert 'TargetMode="External"' not in relationships and EVIL not in relationships
    shown_docx = [p for p in hostile if p[:20].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                  .replace('"', "&quot;") in xml or p[:20] in docx_text]
    assert shown_docx, "payload text should be printed literally in the DOCX"

    # PDF: printed literally, no link annotations
    reader = PdfReader(io.BytesIO(documents["pdf"]))
    pdf_text = " ".join(page.extract_text() for page in reader.pages)
    links = [a for page in reader.pages for a in (page.get("/Annots") or [])]
    assert not links
    shown_pdf = [p for p in hostile if p[:15] in pdf_text]
    assert shown_pdf, "payload text should be printed literally in the PDF"
    report(request, f"monthly report with hostile narrative and names: {len(shown_pdf)} payloads printed "
                    f"as text in the PDF, {len(shown_docx)} in the DOCX (no links, fields or external parts), "
                    f"XLSX with {xlsx_escaped} formula cells escaped and none that runs")


def test_the_import_wizard_and_the_district_import_show_hostile_names_as_text(app_db, request):
    """File names, column names and codes from a file are shown escaped (as typed), never as links or markup."""
    import json

    from core.text import md

    columns = ["[click me](https://evil.invalid/x)", "<img src=x onerror=alert(1)>", ":red[name]"]
    data = (",".join(columns) + "\n" + ",".join(["a", "b", "c"]) + "\n").encode()
    name = "![pixel](https://evil.invalid/p.png).csv"
    at = signed_in("cpo")
    at.switch_page(page_file("imports.py")).run()
    at.file_uploader(key="import_events_file").set_value((name, data, "text/csv")).run()
    assert not at.exception
    shown = [c.value for c in at.caption]
    assert any(md(name) in c and md(", ".join(columns)) in c for c in shown), shown
    assert not any("](https://evil" in c.replace("\\]", "") for c in shown)

    code = "[reset](https://evil.invalid/r)"
    square = [[[-72.1, 41.1], [-72.0, 41.1], [-72.0, 41.2], [-72.1, 41.2], [-72.1, 41.1]]]
    geojson = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": code, "name": "<b>x</b>"},
         "geometry": {"type": "Polygon", "coordinates": square}}]}).encode()
    admin = signed_in("boss")
    admin.switch_page(page_file("admin_districts.py")).run()
    admin.file_uploader(key="districts_file").set_value(("d.geojson", geojson, "application/geo+json")).run()
    next(b for b in admin.button if b.label == "Import boundaries").click().run()
    assert not admin.exception
    messages = [s.value for s in admin.success] + [e.value for e in admin.error]
    assert messages and not any("](https://evil" in m.replace("\\]", "") for m in messages), messages
    report(request, f"import wizard: file name and {len(columns)} column names shown escaped; "
                    f"district import: {len(messages)} message(s) with the file's code shown escaped")
