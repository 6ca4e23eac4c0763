"""Control characters in stored text never stop a document: they are taken out before any writer.

Word puts a vertical tab in text copied from it (a line break typed with Shift+Enter); pasted
into a narrative or an event title, it made python-docx refuse to write the Word report at all.
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader

from core.periods import month
from queries.actor import SYSTEM
from reports.documents import render
from reports.evaluation import evaluation_document, evaluation_for_display
from reports.monthly import assemble_report
from reports.plain_text import document_text
from reports.submission import save_narrative

# every control character but tab and newline; the vertical tab first, as Word pastes it
CONTROLS = "\v" + "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\v") + "\x7f\x85"
OCTOBER = month(2026, 10)


def no_controls(text: str) -> bool:
    return not any(ch in text for ch in CONTROLS if ch != "\r")


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def xlsx_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                     for v in row if v is not None)


@pytest.fixture
def report_with_controls(demo_db):
    narrative = "Bike rodeo\vdrew 60 children" + "".join(f" part{i}{ch}" for i, ch in enumerate(CONTROLS))
    save_narrative(demo_db, SYSTEM, OCTOBER, {"highlights": narrative}, None)
    with demo_db.cursor() as cur:
        event_id, version = cur.execute(
            "select id, version from live.events where starts_at >= '2026-10-01' and starts_at < '2026-11-01' "
            "order by starts_at limit 1").fetchone()
    with demo_db.unit_of_work(SYSTEM) as uow:
        uow.update("events", event_id, version, {"title": "Car-seat\vcheck\x00 at the fire station"})
    report = assemble_report(demo_db, OCTOBER, SYSTEM, "Ofc. Test")
    assert "\v" in report["narrative"]["highlights"]        # stored as typed
    assert any("\v" in e["title"] for e in report["events_appendix"])
    return report


@pytest.mark.parametrize("fmt, read", [("docx", docx_text), ("pdf", pdf_text), ("xlsx", xlsx_text)])
def test_a_vertical_tab_in_a_narrative_and_an_event_title_is_written_as_a_line_break(report_with_controls,
                                                                                     fmt, read):
    text = read(render(report_with_controls, fmt))
    assert no_controls(text)
    flat = " ".join(text.split())          # a line break, or a table cell wrapping, as one space
    assert "Bike rodeo drew 60 children" in flat
    assert "part0" in flat and f"part{len(CONTROLS) - 1}" in flat      # the text around each one is kept
    assert "Car-seat check at the fire station" in flat


def test_an_evaluation_with_control_characters_is_written(demo_db):
    with demo_db.cursor() as cur:
        program_id = cur.execute("select id from live.programs order by id limit 1").fetchone()[0]
    ev = evaluation_for_display(demo_db, SYSTEM, program_id, 2025)
    ev["assessment"] = "Reaches many children;\vkeep it.\x0c Next year\x01 more schools."
    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        text = read(evaluation_document(ev, fmt, "Police\v Department"))
        assert no_controls(text)
        assert "Reaches many children; keep it. Next year more schools." in " ".join(text.split())


def test_document_text_keeps_tabs_and_line_breaks_and_drops_the_rest():
    assert document_text("a\tb\nc") == "a\tb\nc"
    assert document_text("a\vb\fc\r\nd\re") == "a\nb\nc\nd\ne"
    assert document_text("x" + "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\v\f\r") + "y") == "xy"
    assert document_text("\x7f\x85\ud800\ufffe\uffffz") == "z"
    assert document_text("Café – 5 €") == "Café – 5 €"
