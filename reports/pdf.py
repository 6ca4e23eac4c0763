"""PDF documents laid out for printing (US Letter, page numbers, repeated table headers)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Image as RLImage
from reportlab.platypus import CondPageBreak, KeepTogether, LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from reports.layout import Heading, Para, Picture, Table, column_widths

# Binary streams instead of ASCII85 text: reportlab's ASCII85 encoder is pure Python and took 0.85 s
# of a large city's 2.5 s monthly report render, for its three chart pictures. PDFs are binary anyway.
rl_config.useA85 = 0

_BASE = getSampleStyleSheet()
STYLES = {
    "title": ParagraphStyle("title", parent=_BASE["Title"], fontSize=17, leading=21, spaceAfter=4),
    "subtitle": ParagraphStyle("subtitle", parent=_BASE["Normal"], fontSize=11, leading=14, alignment=1),
    "h1": ParagraphStyle("h1", parent=_BASE["Heading2"], fontSize=13.5, spaceBefore=12, spaceAfter=5,
                         textColor=colors.HexColor("#1f4e79")),
    "h2": ParagraphStyle("h2", parent=_BASE["Heading3"], fontSize=11, spaceBefore=7, spaceAfter=3),
    "body": ParagraphStyle("body", parent=_BASE["Normal"], fontSize=10, leading=13, spaceAfter=4),
    "small": ParagraphStyle("small", parent=_BASE["Normal"], fontSize=8.5, leading=11, spaceAfter=3),
    "note": ParagraphStyle("note", parent=_BASE["Normal"], fontSize=9, leading=12, spaceAfter=4,
                           textColor=colors.HexColor("#595959"), fontName="Helvetica-Oblique"),
    "cell": ParagraphStyle("cell", parent=_BASE["Normal"], fontSize=8, leading=10),
    "cellnum": ParagraphStyle("cellnum", parent=_BASE["Normal"], fontSize=8, leading=10, alignment=2),
    "head": ParagraphStyle("head", parent=_BASE["Normal"], fontSize=8, leading=10, fontName="Helvetica-Bold",
                           textColor=colors.white, splitLongWords=0),      # headers wrap at spaces only
}
WIDTH = letter[0] - 3.6 * cm


CELL_PADDING = 12   # reportlab's default left + right cell padding (6 + 6 points)
# room a heading needs below it on a page: itself and the first lines of what follows; less than
# that and it starts the next page rather than stand alone at the foot of this one
HEADING_ROOM = 3.5 * cm
# a table of up to this many rows is kept on one page (with its heading); a longer one runs on,
# its header row repeated at the top of each page
SHORT_TABLE = 25


def _measure(text: str, bold: bool = False) -> float:
    return stringWidth(text, "Helvetica-Bold" if bold else "Helvetica", 8)


def _cell(value, numeric: bool, width: float) -> Paragraph | str:
    """A cell that fits on one line is plain text (drawn as is: no markup, nothing to wrap), which
    is what makes a large city's 1,500-row report quick; a longer one is a wrapping Paragraph."""
    text = "" if value is None else str(value)
    if "\n" not in text and stringWidth(text, "Helvetica", 8) <= width - CELL_PADDING:
        return text
    return Paragraph(escape(text), STYLES["cellnum" if numeric else "cell"])


def _table(block: Table) -> LongTable:
    widths = column_widths(block, WIDTH, _measure, CELL_PADDING + 0.5)
    data = [[Paragraph(escape(c), STYLES["head"]) for c in block.columns]]
    data += [[_cell(v, i in block.numeric, widths[i]) for i, v in enumerate(row)] for row in block.rows]
    # splitInRow: a row taller than a page (a very long name typed or imported) continues on the next
    table = LongTable(data, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 1), (-1, -1), "Helvetica", 8, 10),   # the plain-text cells, as the "cell" style
        *[("ALIGN", (i, 1), (i, -1), "RIGHT") for i in block.numeric],
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f4e79")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f2f2")]),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#bfbfbf")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        *([("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 8, 10)] if block.total_row else []),
    ]))
    return table


def _flowable(block) -> list:
    """One block's flowables, each followed by its space below."""
    if isinstance(block, Heading):
        return [Paragraph(escape(block.text), STYLES["h1" if block.level == 1 else "h2"])]
    if isinstance(block, Para):
        text = escape(block.text)
        if block.lead:
            text = f"<b>{escape(block.lead)}</b>: {text}"
        return [Paragraph(text, STYLES[block.style])]
    if isinstance(block, Table):
        return [_table(block), Spacer(1, 6)]
    if isinstance(block, Picture):
        picture = RLImage(io.BytesIO(block.image.png))
        scale = min(block.width_cm * cm, WIDTH) / picture.imageWidth
        picture.drawWidth, picture.drawHeight = picture.imageWidth * scale, picture.imageHeight * scale
        if picture.drawHeight > 17 * cm:
            shrink = 17 * cm / picture.drawHeight
            picture.drawWidth, picture.drawHeight = picture.drawWidth * shrink, picture.drawHeight * shrink
        return [picture, Spacer(1, 6)]
    return []


def _long(block) -> bool:
    return isinstance(block, Table) and len(block.rows) > SHORT_TABLE


def _flowables(blocks: list) -> list:
    """The blocks as flowables. Headings (and an introduction) are kept with what follows them: with
    a picture, a paragraph or a short table on one page, and with a long table's first rows (there
    is room for them, or the heading starts the next page); a short table is never split."""
    out, i = [], 0
    while i < len(blocks):
        block = blocks[i]
        if not isinstance(block, Heading):
            made = _flowable(block)
            out += made if not isinstance(block, Table) or _long(block) else [KeepTogether(made)]
            i += 1
            continue
        group = [block]
        i += 1
        while i < len(blocks) and (isinstance(group[-1], Heading)
                                   or (isinstance(group[-1], Para) and group[-1].keep_with_next)):
            group.append(blocks[i])
            i += 1
        made = [f for b in group for f in _flowable(b)]
        out.append(CondPageBreak(HEADING_ROOM))
        out += made if _long(group[-1]) else [KeepTogether(made)]
    return out


def build_pdf(title: str, subtitle_lines: list[str], blocks: list, footer: str) -> bytes:
    buffer = io.BytesIO()

    def page_footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.HexColor("#595959"))
        canvas.drawString(1.8 * cm, 1.1 * cm, footer)
        canvas.drawRightString(letter[0] - 1.8 * cm, 1.1 * cm, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(buffer, pagesize=letter, leftMargin=1.8 * cm, rightMargin=1.8 * cm,
                            topMargin=1.6 * cm, bottomMargin=1.8 * cm, title=title, author=footer)
    story = [Paragraph(escape(title), STYLES["title"])]
    story += [Paragraph(escape(line), STYLES["subtitle"]) for line in subtitle_lines]
    story.append(Spacer(1, 10))
    story += _flowables(blocks)
    doc.build(story, onFirstPage=page_footer, onLaterPages=page_footer)
    return buffer.getvalue()


def report_pdf(report: dict, images: dict | None = None) -> bytes:
    from reports.layout import header_lines, report_blocks

    h = report["header"]
    return build_pdf(f"{h['department']}: {h['unit']}",
                     [h["title"], *header_lines(report)], report_blocks(report, images),
                     f"{h['department']} · {h['title']} · {h['period']}")
