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
FONT = "Arial"     # Helvetica's widths, which the columns are measured with (Liberation Sans stands in for it)


def _measure(text: str, bold: bool = False) -> float:
    """Text width in EMU at the table font size. Helvetica's widths: at least as wide as the Calibri
    (or Carlito) that Word and LibreOffice use, so a column this wide holds the word."""
    return stringWidth(text, "Helvetica-Bold" if bold else "Helvetica", FONT_SIZE) * 12700


SHORT_TABLE = 25     # a table of up to this many rows is kept on one page, as in the PDF


def _picture(paragraph, block: Picture) -> None:
    """The picture at the end of the paragraph, which is kept in one piece on one page."""
    paragraph.add_run().add_picture(io.BytesIO(block.image.png), width=Cm(min(block.width_cm, 16.5)))
    paragraph.paragraph_format.keep_together = True


def _add(document, blocks: list) -> None:
    joined = None        # a picture already placed in the paragraph that introduces it
    for block, following in zip(blocks, [*blocks[1:], None]):
        if block is joined:
            continue
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level).paragraph_format.keep_with_next = True
        elif isinstance(block, Para):
            paragraph = document.add_paragraph()
            # the line that introduces a table stays with it, and so with its heading
            if block.keep_with_next or isinstance(following, Table):
                paragraph.paragraph_format.keep_with_next = True
            if block.lead:
                paragraph.add_run(f"{block.lead}: ").bold = True
            run = paragraph.add_run(block.text)
            if block.style == "note":
                run.italic = True
                run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
            if block.style in ("small", "note"):
                run.font.size = Pt(9)
            if isinstance(following, Picture):
                # the line that introduces a picture is one paragraph with it: LibreOffice does not
                # carry a heading's keep-with-next through an introduction to a picture's paragraph
                paragraph.paragraph_format.keep_with_next = False
                paragraph.add_run().add_break()
                _picture(paragraph, following)
                joined = following
        elif isinstance(block, Table):
            table = document.add_table(rows=1, cols=len(block.columns))
            table.style = "Light Grid Accent 1"
            look = table._tbl.tblPr.find(qn("w:tblLook"))
            if look is not None:       # the header row stands out, the first column is plain text
                look.set(qn("w:firstColumn"), "0")
                look.set(qn("w:val"), "0420")
            table.autofit = False
            widths = column_widths(block, TEXT_WIDTH, _measure, CELL_PADDING)
            for column, width in zip(table.columns, widths):
                column.width = int(width)
            for i, name in enumerate(block.columns):
                table.rows[0].cells[i].text = name
                table.rows[0].cells[i].width = int(widths[i])
            _repeat_as_header(table.rows[0])
            _add_rows(table, block, widths)
            if len(block.rows) <= SHORT_TABLE:
                _keep_together(table)
            if block.total_row and block.rows:
                for cell in table.rows[-1].cells:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
            if not isinstance(following, Heading):
                # a space below the table; a heading has its own (and an empty paragraph before a
                # heading lets LibreOffice leave the heading at the page's foot)
                document.add_paragraph()
        elif isinstance(block, Picture):
            _picture(document.add_paragraph(), block)


def _keep_together(table) -> None:
    """Each row kept with the next (Word's way of keeping a table on one page)."""
    for tr in list(table._tbl.iterchildren(qn("w:tr")))[:-1]:
        for p in tr.iter(qn("w:p")):
            p.get_or_add_pPr().keepNext_val = True


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


def _one_font(document) -> None:
    """Every style in Arial: the template's theme fonts (Calibri, Cambria) are missing where
    LibreOffice opens the file, and a wider stand-in would break the words of narrow columns."""
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        for key in [k for k in fonts.attrib if k.lower().endswith("theme")]:
            del fonts.attrib[key]
        for name in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(name), FONT)


def build_docx(title: str, subtitle_lines: list[str], blocks: list) -> bytes:
    document = Document()
    _one_font(document)
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
