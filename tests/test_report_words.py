"""The Chief's documents read as a department's report: the words, numbers and layout of every download.

The monthly report (PDF, DOCX, XLSX) and every program's annual evaluation (PDF, DOCX) are built
from the demo town and read back as a reader gets them: no stored code that has a label, no
database or code identifier, no "None"/"nan"/"NaT"/"null", no backticks, no username where a
name belongs, numbers written one way; in the PDF no word of a table cell is broken across lines
and no heading is left alone at the foot of a page; in the DOCX every table repeats its header
row on each page and every heading is kept with what follows it.
"""

from __future__ import annotations

import io
import re
import shutil
from datetime import date, datetime

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from core.formatting import day
from core.periods import parse_period
from core.vocabulary import coded_words
from queries.actor import SYSTEM
from queries.db import Database
from reports import pdf as pdf_module
from reports.documents import render
from reports.evaluation import assemble_evaluation, evaluation_blocks, evaluation_document
from reports.layout import Heading, Para, Table, crime_blocks, report_blocks
from reports.monthly import assemble_report
from tests.figures_report import report

PERIODS = ("2026-10", "2025")
OUR_WORDS = {"new"}
EVALUATION_YEAR = 2025

SNAKE = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b")
MISSING_WORDS = re.compile(r"\b(None|nan|NaN|NaT|null)\b")
FILES = re.compile(r"\b[\w-]+\.(py|sql|csv|json)\b|\b(core|queries|reports|components)/\w")
TOO_PRECISE = re.compile(r"(?<![\d.])\d+\.\d{2,}\b")           # hours one decimal, counts whole
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")                     # dates as people write them: 1 Jul 2024
LEADING_ZERO_DAY = re.compile(r"\b0\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")
SINGULAR_PLURAL = re.compile(r"(?<![\d.,])1 (sessions|events|responses|concerns|programs|businesses|officers|"
                             r"people|incidents|contacts|organizations|meetings|shifts|days|hours)\b")


@pytest.fixture(scope="module")
def demo(demo_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("words") / "words.duckdb"
    shutil.copyfile(demo_file, path)
    database = Database(path)
    yield database
    database.close()


def _all(db, sql: str) -> list[tuple]:
    with db.cursor() as cur:
        return cur.execute(sql).fetchall()


@pytest.fixture(scope="module")
def vocabulary(demo) -> dict[str, str]:
    """Every stored code that has a label reading differently, with its label."""
    words = dict(coded_words())
    for table in ("crime_types", "outcome_measures"):
        words.update({code: label for code, label in _all(demo, f"select code, label from main.{table}")
                      if code != label})
    return words


@pytest.fixture(scope="module")
def usernames(demo) -> set[str]:
    return {name for name, in _all(demo, "select username from main.users")}


@pytest.fixture(scope="module")
def reports(demo) -> dict[str, dict]:
    out = {}
    for key in PERIODS:
        report = assemble_report(demo, parse_period(key), SYSTEM, "Sgt. Dana Reyes")
        report["narrative"]["highlights"] = "National Night Out planning began."
        out[key] = report
    return out


@pytest.fixture(scope="module")
def evaluations(demo) -> list[dict]:
    out = []
    for (pid,) in _all(demo, "select id from main.programs where deleted_at is null order by id"):
        ev = assemble_evaluation(demo, SYSTEM, pid, EVALUATION_YEAR)
        out.append({**ev, "assessment": "Well attended; keep the schedule.", "recommendation": "change"})
    return out


# ---------------------------------------------------------------- reading the files back

def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def docx_cells(document) -> list[str]:
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def docx_text(data: bytes) -> tuple[str, list[str]]:
    document = Document(io.BytesIO(data))
    cells = docx_cells(document)
    return "\n".join([p.text for p in document.paragraphs] + cells), cells


def xlsx_text(data: bytes) -> tuple[str, list[str]]:
    book = load_workbook(io.BytesIO(data))
    cells = [str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row
             if v is not None and not isinstance(v, (date, datetime))]      # a date cell is a date, not text
    return "\n".join([*book.sheetnames, *cells]), cells


def wording_problems(text: str, cells: list[str], vocabulary: dict[str, str], usernames: set[str]) -> list[str]:
    """What a reader should not meet in a document's text (and its table cells, one by one)."""
    found = []
    found += [f"identifier {m}" for m in sorted(set(SNAKE.findall(text)))]
    found += [f"missing value written as {m}" for m in sorted(set(MISSING_WORDS.findall(text)))]
    found += ["backtick"] if "`" in text else []
    found += [f"file or code path {m.group(0)}" for m in FILES.finditer(text)]
    found += [f"number with more than one decimal {m}" for m in sorted(set(TOO_PRECISE.findall(text)))]
    found += [f"date written {m} (not as '1 Jul 2024')" for m in sorted(set(ISO_DATE.findall(text)))]
    found += [f"day with a leading zero {m.group(0)}" for m in LEADING_ZERO_DAY.finditer(text)]
    found += [f"count and noun disagree: 1 {m}" for m in sorted(set(SINGULAR_PLURAL.findall(text)))]
    # a stored code standing alone in a table cell, or starting a PDF table row ("speeding 4 2 5");
    # "new" is also the documents' word for a change from zero
    codes = {code: text for code, text in vocabulary.items() if code not in OUR_WORDS}
    for cell in cells:
        if cell.strip() in codes:
            found.append(f"stored code {cell.strip()!r} (label {codes[cell.strip()]!r})")
    for line in text.splitlines():
        first = line.strip().split(" ")[0]
        if first in codes and re.match(rf"{re.escape(first)} [\d–$+-]", line.strip()):
            found.append(f"stored code {first!r} in {line.strip()!r}")
    words = set(re.findall(r"[\w.-]+", text))
    found += [f"username {name!r} where a name belongs" for name in sorted(usernames & words)]
    return sorted(set(found))


# ---------------------------------------------------------------- the words

@pytest.mark.parametrize("key", PERIODS)
@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_the_monthly_report_speaks_the_departments_words(reports, vocabulary, usernames, key, fmt, request):
    data = render(reports[key], fmt, images={})
    if fmt == "pdf":
        pages = pdf_pages(data)
        text, cells = "\n".join(pages), []
    elif fmt == "docx":
        text, cells = docx_text(data)
    else:
        text, cells = xlsx_text(data)
        # a change written "+3" would be escaped as a formula and show its apostrophe
        assert [c for c in cells if c.startswith("'")] == []
    assert "National Night Out planning began." in text
    assert wording_problems(text, cells, vocabulary, usernames) == []
    report(request, f"{key} {fmt.upper()}: {len(text.split()):,} words and {len(cells):,} table cells, none a "
                    f"stored code (of {len(vocabulary)}), an identifier, None/nan/NaT/null, a backtick, a file "
                    f"name, a username, a number with two decimals or a date not written as '1 Jul 2024'")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_every_programs_evaluation_speaks_the_departments_words(evaluations, vocabulary, usernames, fmt, request):
    problems = {}
    for ev in evaluations:
        data = evaluation_document(ev, fmt, "Millbrook Police Department")
        text, cells = ("\n".join(pdf_pages(data)), []) if fmt == "pdf" else docx_text(data)
        assert ev["program"]["name"] in text.replace("\n", " ")
        found = wording_problems(text, cells, vocabulary, usernames)
        if found:
            problems[ev["program"]["name"]] = found
    assert problems == {}
    report(request, f"{len(evaluations)} program evaluations as {fmt.upper()}: no stored code, identifier, "
                    f"missing-value word, backtick, file name, username or date not written as '1 Jul 2024'")


def test_the_glossaries_are_plain_words(reports, evaluations):
    entries = reports["2026-10"]["glossary"] + evaluations[0]["glossary"]
    assert len(entries) > 15
    for g in entries:
        text = f"{g['term']} {g['definition']}"
        assert "`" not in text and not SNAKE.search(text) and not FILES.search(text), g
        assert set(g) == {"term", "definition"}, g
        assert g["definition"][0].isupper() and g["definition"].endswith("."), g


# ---------------------------------------------------------------- the numbers

def test_the_rule_for_numbers():
    from core import formatting as f

    assert (f.count(399.73), f.count(1234.5), f.count(None)) == ("400", "1,235", "–")
    assert (f.hours(14.25), f.hours(14.75), f.hours(3)) == ("14.3", "14.8", "3.0")
    assert (f.percent(12.5), f.percent(49.4)) == ("13%", "49%")
    assert (f.change(5, 0), f.change(0, 0), f.change(31, 49), f.change(9.25, 8, "hours")) == \
        ("new", "no change", "-18 (-37%)", "+1.3 (+16%)")
    assert (f.change_words(5, 0), f.change_words(4, 3), f.change_words(2, None)) == ("new", "up 1 (33%)", "–")
    assert (f.plural(1, "session"), f.plural(2, "session"), f.plural(3, "business")) == \
        ("1 session", "2 sessions", "3 businesses")
    assert (f.amount(500, "dollars"), f.amount(19.5, "days")) == ("$500", "20")


def test_numbers_are_written_one_way(reports, evaluations):
    from reports.layout import headline_table

    october = reports["2026-10"]
    rows = {row[0]: row for row in headline_table(october).rows}
    from_zero = [h for h in october["headline"] if h["last_year"] == 0 and h["value"]]
    assert from_zero, "the demo has a figure that was 0 a year before"
    for h in from_zero:
        assert rows[h["label"]][5] == "new"
    hours = rows["Officer-hours"]
    assert all(re.fullmatch(r"[\d,]+\.\d", cell) for cell in (hours[1], hours[2], hours[4]))
    goals = [g for ev in evaluations for g in ev["goals"] if g["per"] == "year"]
    assert goals
    text = "\n".join(pdf_pages(evaluation_document(next(ev for ev in evaluations if ev["goals"]), "pdf")))
    assert not TOO_PRECISE.search(text)


# ---------------------------------------------------------------- the PDF's layout

def _built_story(monkeypatch) -> list:
    """The flowables a PDF is built from, as reportlab laid them out (wrapped at their widths)."""
    story: list = []
    original = pdf_module.SimpleDocTemplate.build

    def build(self, flowables, *args, **kwargs):
        story.extend(flowables)
        return original(self, flowables, *args, **kwargs)

    monkeypatch.setattr(pdf_module.SimpleDocTemplate, "build", build)
    return story


def _tables(flowables) -> list:
    out = []
    for f in flowables:
        if hasattr(f, "_cellvalues"):
            out.append(f)
        for inner in ("_content", "_flowables"):
            out += _tables(getattr(f, inner, None) or [])
    return out


def _lines(paragraph: Paragraph) -> list[list[str]]:
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [list(words) for _, words in lines]
    return [" ".join(frag.text for frag in line.words).split() for line in lines]


def broken_words(tables) -> list[str]:
    """Words of a table cell split across two lines, or plain cells drawn wider than their column."""
    found = []
    for table in tables:
        for row in table._cellvalues:
            for width, value in zip(table._colWidths, row):
                # reportlab keeps a cell's flowables as a tuple of them
                for cell in value if isinstance(value, (list, tuple)) else [value]:
                    found += _broken(cell, width)
    return found


def _broken(cell, width: float) -> list[str]:
    found = []
    if isinstance(cell, Paragraph):
        whole = set(cell.getPlainText().split())
        found += [f"{word!r} of {cell.getPlainText()!r}" for line in _lines(cell) for word in line
                  if word not in whole]
    elif isinstance(cell, str) and cell and stringWidth(cell, "Helvetica", 8) > width - 12 + 0.01:
        found.append(f"{cell!r} wider than its column ({width:.0f} pt)")
    return found


@pytest.mark.parametrize("key", PERIODS)
def test_no_word_is_broken_in_a_table_of_the_report(reports, key, monkeypatch, request):
    story = _built_story(monkeypatch)
    render(reports[key], "pdf", images={})
    tables = _tables(story)
    assert len(tables) >= 6
    assert broken_words(tables) == []
    cells = sum(len(row) for table in tables for row in table._cellvalues)
    report(request, f"{key} PDF: {len(tables)} tables, {cells:,} cells as laid out, no word split across lines")


def test_no_word_is_broken_in_a_table_of_an_evaluation(evaluations, monkeypatch):
    story = _built_story(monkeypatch)
    for ev in evaluations:
        evaluation_document(ev, "pdf")
    assert broken_words(_tables(story)) == []


def _headings(blocks) -> set[str]:
    return {b.text for b in blocks if isinstance(b, Heading)}


def headings_at_page_foot(pages: list[str], headings: set[str], footer: str) -> list[str]:
    found = []
    for number, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip() and footer not in line
                 and not re.fullmatch(r"Page \d+", line.strip())]
        if lines and len(lines[-1]) > 3 and any(h == lines[-1] or h.endswith(" " + lines[-1]) for h in headings):
            found.append(f"page {number}: {lines[-1]!r}")
    return found


@pytest.mark.parametrize("key", PERIODS)
def test_no_heading_is_left_at_the_foot_of_a_page(reports, key):
    report = reports[key]
    pages = pdf_pages(render(report, "pdf", images={}))
    assert len(pages) > 2
    assert headings_at_page_foot(pages, _headings(report_blocks(report, {})), report["header"]["title"]) == []


def test_no_heading_is_left_at_the_foot_of_a_page_of_an_evaluation(evaluations):
    found = {}
    for ev in evaluations:
        pages = pdf_pages(evaluation_document(ev, "pdf"))
        title = f"Program evaluation {ev['year']}: {ev['program']['name']}"
        foot = headings_at_page_foot(pages, _headings(evaluation_blocks(ev)), title)
        if foot:
            found[ev["program"]["name"]] = foot
    assert found == {}


def test_a_year_is_compared_once_and_incidents_before_the_import_are_not_zero(reports):
    from reports.layout import headline_table

    year = reports["2025"]
    for table in [b for b in report_blocks(year, {}) if isinstance(b, Table)]:
        assert len(set(table.columns)) == len(table.columns), table.columns
    assert headline_table(year).columns == ["Figure", "2025", "2024", "Change"]
    crime = next(b for b in crime_blocks(year) if isinstance(b, Table))
    assert crime.columns[2:] == ["2025", "2024", "Change from 2024"]
    first = year["crime_context"]["incidents_from"]
    assert first > "2024-01-01"           # the demo's incidents start late in 2024: 2024 is not known
    assert {row[3] for row in crime.rows} == {row[4] for row in crime.rows} == {"–"}
    assert any(isinstance(b, Para) and day(first) in b.text for b in crime_blocks(year))    # '1 Dec 2024'
    sheet = load_workbook(io.BytesIO(render(year, "xlsx")))["Crime context"]
    header = [c.value for c in sheet[3]]
    assert header[3:] == ["Incidents, 2025", "Incidents, 2024"]
    assert {row[4] for row in sheet.iter_rows(min_row=4, values_only=True)} == {"–"}


def test_programs_and_crime_context_are_one_table_each(reports):
    report = reports["2025"]
    blocks = report_blocks(report, {})
    sections: dict[str, list] = {}
    current = None
    for block in blocks:
        if isinstance(block, Heading) and block.level == 1:
            current = block.text
        sections.setdefault(current, []).append(block)
    programs = [b for b in sections["Programs and services delivered"] if isinstance(b, (Table, Heading))]
    assert len(programs) == 2 and isinstance(programs[1], Table)
    assert len(programs[1].rows) == len(report["by_program"])
    crime = [b for b in sections["Crime context: targeted districts and crime types"] if isinstance(b, (Table, Heading))]
    assert len(crime) == 2 and isinstance(crime[1], Table)
    types = {r["crime_type_label"] for r in report["crime_context"]["rows"]}
    assert len(crime[1].rows) == len(types) + 1 and crime[1].rows[-1][0] == "Total"
    assert crime[1].rows[-1][2] == f"{sum(r['incidents'] for r in report['crime_context']['rows']):,}"


# ---------------------------------------------------------------- the DOCX's layout

def test_docx_tables_repeat_their_header_and_headings_stay_with_what_follows(reports, evaluations):
    for data in (render(reports["2025"], "docx", images={}), evaluation_document(evaluations[0], "docx")):
        document = Document(io.BytesIO(data))
        assert document.tables
        for table in document.tables:
            header = table.rows[0]._tr
            assert header.trPr is not None and header.trPr.find(qn("w:tblHeader")) is not None
        headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert headings and all(p.paragraph_format.keep_with_next for p in headings)


# ---------------------------------------------------------------- the XLSX's layout

def test_xlsx_sheets_are_named_and_headed_in_words_with_a_title_row(reports):
    report = reports["2026-10"]
    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    for sheet in book:
        title = " ".join(str(c.value) for c in sheet[1] if c.value)
        assert report["header"]["title"] in title and report["period"]["label"] in title, sheet.title
        assert not SNAKE.search(sheet.title) and sheet.title[0].isupper()
        header = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if any(row))
        assert all(isinstance(h, str) and h[0].isupper() and not SNAKE.search(h) for h in header if h), \
            (sheet.title, header)


def test_a_draft_without_a_preparer_names_the_reader_not_the_username(demo, usernames):
    from queries.actor import Actor

    user_id, role, name = _all(demo, "select id, role, display_name from main.users where username = 'cpo'")[0]
    report = assemble_report(demo, parse_period("2026-10"), Actor(username="cpo", role=role, user_id=user_id))
    assert report["header"]["prepared_by"] == name
    text = "\n".join(pdf_pages(render(report, "pdf", images={})))
    assert f"Prepared by: {name}" in text and not re.search(r"\bcpo\b", text)


def _body(document) -> list:
    """The document's paragraphs and tables in reading order."""
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    return [DocxParagraph(e, document._body) if e.tag == qn("w:p") else DocxTable(e, document._body)
            for e in document.element.body.iterchildren() if e.tag in (qn("w:p"), qn("w:tbl"))]


def _is_picture(block) -> bool:
    return hasattr(block, "paragraph_format") and bool(block._p.findall(".//" + qn("w:drawing")))


def headings_apart_from_what_they_head(document) -> list[str]:
    """Headings that LibreOffice can leave at a page's foot: the heading of a picture or a table, and
    each paragraph between them, must be kept with the next paragraph, and the picture's paragraph
    kept in one piece."""
    body = _body(document)
    found = []
    for i, block in enumerate(body):
        if not (hasattr(block, "paragraph_format") and block.style.name.startswith("Heading")):
            continue
        chain, headed = [block], None
        for later in body[i + 1:]:
            if not hasattr(later, "paragraph_format") or _is_picture(later):
                headed = later
                break
            if later.style.name.startswith("Heading") and later.style.name <= block.style.name:
                break                   # the section ends with text only
            chain.append(later)
        if headed is None:
            continue
        found += [f"{block.text!r}: {p.text[:40]!r} not kept with the next paragraph"
                  for p in chain if not p.paragraph_format.keep_with_next]
        if _is_picture(headed) and not headed.paragraph_format.keep_together:
            found.append(f"{block.text!r}: its picture's paragraph may be split")
    return found


def test_docx_headings_stay_on_the_page_of_their_picture_or_table(reports):
    from reports.chart_images import report_images

    report = reports["2026-10"]
    document = Document(io.BytesIO(render(report, "docx", images=report_images(report))))
    assert sum(_is_picture(b) for b in _body(document)) == 3
    assert headings_apart_from_what_they_head(document) == []


def test_docx_appendix_dates_fit_on_one_line(reports):
    from reports import docx_doc

    document = Document(io.BytesIO(render(reports["2026-10"], "docx", images={})))
    appendix = next(t for t in document.tables if t.rows[0].cells[0].text == "Date")
    dates = [row.cells[0].text for row in appendix.rows[1:]]
    assert dates and all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}", d) for d in dates)
    # the longest date of the table at the table font, with the cell's margins
    needed = max(docx_doc._measure(d) for d in dates) + docx_doc.CELL_PADDING
    assert appendix.columns[0].width >= needed
    assert all(row.cells[0].width >= needed for row in appendix.rows)


@pytest.mark.parametrize("key", PERIODS)
def test_the_concerns_chart_names_collide_with_nothing(reports, key):
    """The category names of the printed concerns chart, its legend and its title each have their
    own room, inside the picture."""
    import matplotlib

    from reports.chart_data import concern_series
    from reports.chart_images import STYLE, concerns_by_category

    with matplotlib.rc_context(STYLE):
        fig, _ = concerns_by_category(reports[key])
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        renderer = FigureCanvasAgg(fig).get_renderer()
        fig.draw(renderer)
        ax = fig.axes[0]
        categories = set(concern_series(reports[key])[0])
        names = [t for t in [*ax.get_xticklabels(), *ax.get_yticklabels()] if t.get_text() in categories]
        assert {t.get_text() for t in names} == categories
        legends = [*fig.legends, *([ax.get_legend()] if ax.get_legend() else [])]
        assert len(legends) == (len(concern_series(reports[key])[1]) > 1)     # a legend when it names series
        others = [("title", ax.title)] + [("legend", legend) for legend in legends]
        page = fig.bbox
        found = []
        for name in names:
            box = name.get_window_extent(renderer)
            if not (box.x0 >= page.x0 - 0.5 and box.x1 <= page.x1 + 0.5 and box.y0 >= page.y0 - 0.5
                    and box.y1 <= page.y1 + 0.5):
                found.append(f"{name.get_text()!r} outside the picture")
            found += [f"{name.get_text()!r} runs into the {what}" for what, other in others
                      if box.overlaps(other.get_window_extent(renderer))]
        assert found == []
