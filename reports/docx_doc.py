"""Editable Word documents with the same content as the PDF (python-docx)."""

from __future__ import annotations

import io
from copy import deepcopy

from docx import Document
from lxml.etree import SubElement
from docx.enum.section import WD_ORIENT  # noqa: F401  (kept for readers adjusting the layout)
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.layout import Heading, Para, Picture, Table, column_widths

TEXT_WIDTH = Cm(21.59 - 3.6)     # US Letter less the 1.8 cm margins
CELL_PADDING = Pt(11)            # Word's default cell margins (0.19 cm each side) and a little room
FONT_SIZE = 10


def _measure(text: str, bold: bool = False) -> float:
    """Text width in EMU at the table font size. Helvetica's widths: at least as wide as the Calibri
    (or Carlito) that Word and LibreOffice use, so a column this wide holds the word."""
    return stringWidth(text, "Helvetica-Bold" if bold else "Helvetica", FONT_SIZE) * 12700


def _add(document, blocks: list) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level).paragraph_format.keep_with_next = True
        elif isinstance(block, Para):
            paragraph = document.add_paragraph()
            if block.lead:
                paragraph.add_run(f"{block.lead}: ").bold = True
            run = paragraph.add_run(block.text)
            if block.style == "note":
                run.italic = True
                run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
            if block.style in ("small", "note"):
                run.font.size = Pt(9)
        elif isinstance(block, Table):
            table = document.add_table(rows=1, cols=len(block.columns))
            table.style = "Light Grid Accent 1"
            table.autofit = False
            widths = column_widths(block, TEXT_WIDTH, _measure, CELL_PADDING)
            for column, width in zip(table.columns, widths):
                column.width = int(width)
            for i, name in enumerate(block.columns):
                table.rows[0].cells[i].text = name
                table.rows[0].cells[i].width = int(widths[i])
            _repeat_as_header(table.rows[0])
            _add_rows(table, block, widths)
            document.add_paragraph()
        elif isinstance(block, Picture):
            document.add_picture(io.BytesIO(block.image.png), width=Cm(min(block.width_cm, 16.5)))


def _repeat_as_header(row) -> None:
    """Word's "repeat as header row at the top of each page", and the row is never split."""
    properties = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        properties.append(element)


def _add_rows(table, block: Table, widths: list[float]) -> None:
    """The body rows, each a copy of one prepared empty row with a run per cell. Same XML as
    python-docx's add_row() and cell.text (a run whose text setter turns tabs and line breaks into
    <w:tab/> and <w:br/>), without their per-cell lookups: a large city's report has ~1,500 rows,
    which took python-docx over ten seconds."""
    if not block.rows:
        return
    template = table.add_row()
    for cell, width in zip(template.cells, widths):
        cell.width = int(width)
    for i in block.numeric:
        template.cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    empty = template._tr
    tbl = empty.getparent()
    tbl.remove(empty)
    for row in block.rows:
        tr = deepcopy(empty)
        for tc, value in zip(tr.iterchildren(qn("w:tc")), row):
            text = "" if value is None else str(value)
            if not text:
                continue
            if "\t" in text or "\n" in text or "\r" in text:
                run = OxmlElement("w:r")
                run.text = text          # python-docx's own handling of tabs and line breaks
                tc.find(qn("w:p")).append(run)
                continue
            t = SubElement(SubElement(tc.find(qn("w:p")), qn("w:r")), qn("w:t"))
            t.text = text
            if text != text.strip():
                t.set(qn("xml:space"), "preserve")
        tbl.append(tr)


def build_docx(title: str, subtitle_lines: list[str], blocks: list) -> bytes:
    document = Document()
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(1.8)
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(title, level=0)
    for line in subtitle_lines:
        document.add_paragraph(line)
    _add(document, blocks)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_docx(report: dict, images: dict | None = None) -> bytes:
    from reports.layout import header_lines, report_blocks

    h = report["header"]
    return build_docx(f"{h['department']}: {h['unit']}", [h["title"], *header_lines(report)],
                      report_blocks(report, images))
