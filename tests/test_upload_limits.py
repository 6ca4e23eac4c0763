"""What an upload may cost: each limit is checked before the work it bounds, and a refusal names it.

The timed tests run the read in a child process, so a regression shows as a failure ("still
running after ...") instead of a test run that never ends; the bound of one second is the one the
hardening issue requires.
"""

from __future__ import annotations

import io
import multiprocessing
import struct
import time
import zipfile

import pytest

from core import tabular
from core.importing.registry import IMPORTERS
from core.importing.shape import Upload
from core.tabular import UPLOAD, FileRefused, check_xlsx, read_table
from queries.actor import Actor
from tests.realdata import REALDATA, realdata

BUDGET = 60.0      # a child still running after this is reported as hanging


def timed_in_child(function, *args) -> tuple[float, str, str]:
    """(CPU seconds the call took, the exception's class name or 'returned', its message), measured
    around the call in a forked child. CPU time, not the wall clock: what is bounded is the work a
    refusal costs, which a machine busy with other processes does not change."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def run() -> None:
        start = time.process_time()
        try:
            function(*args)
            outcome = ("returned", "")
        except Exception as error:       # noqa: BLE001 - the parent asserts on it
            outcome = (type(error).__name__, str(error))
        send.send((time.process_time() - start, *outcome))

    child = context.Process(target=run)
    child.start()
    try:
        if not receive.poll(BUDGET):
            pytest.fail(f"{getattr(function, '__name__', function)} still running after {BUDGET:.0f} s")
        return receive.recv()
    finally:
        child.kill()
        child.join()


def wide_csv(columns: int = 1_000_000) -> bytes:
    header = ",".join(f"c{i}" for i in range(columns))
    return (header + "\n" + "1" + "," * (columns - 1) + "\n").encode()


# -- a workbook written by hand, so that its parts can be made as large or as false as a test needs --

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Target="xl/workbook.xml" '
         b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
         b'</Relationships>')
_WORKBOOK = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                  b'<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
                  b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
                  b'</Relationships>')
_SHEET_START = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_SHEET_END = b"</sheetData></worksheet>"


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row() -> bytes:
    return f'<row r="1">{text_cell("A1", "name")}{text_cell("B1", "code")}</row>'.encode()


def workbook(*sheet_chunks: bytes) -> bytes:
    """An XLSX file whose one sheet's XML is the given rows (written as they come, never joined)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, part in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
                           ("xl/workbook.xml", _WORKBOOK), ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)):
            archive.writestr(name, part)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(_SHEET_START)
            for chunk in sheet_chunks:
                sheet.write(chunk)
            sheet.write(_SHEET_END)
    return out.getvalue()


def rows_xml(first: int, last: int) -> bytes:
    return "".join(f'<row r="{n}">{text_cell(f"A{n}", f"x{n}")}<c r="B{n}"><v>{n}</v></c></row>'
                   for n in range(first, last + 1)).encode()


def declared_sizes(data: bytes) -> dict[str, int]:
    return {m.filename: m.file_size for m in zipfile.ZipFile(io.BytesIO(data)).infolist()}


def test_a_hand_written_workbook_is_read():
    """The control for the workbooks below: the same parts, small, read as any workbook."""
    frame = read_table(workbook(header_row(), rows_xml(2, 3)), "small.xlsx")
    assert frame.to_dict("records") == [{"name": "x2", "code": "2"}, {"name": "x3", "code": "3"}]


# -- the findings: a million columns, a decompression bomb, 200,000 rows -----------------------------

def test_a_csv_of_a_million_columns_is_refused_within_a_second():
    data = wide_csv()
    assert len(data) < UPLOAD.bytes                 # under the upload size limit
    seconds, refusal, message = timed_in_child(read_table, data, "wide.csv")
    assert refusal == "FileRefused", message
    assert "wide.csv has 1,000,000 columns; at most 500 are accepted" in message
    assert seconds < 1.0


def test_an_xlsx_that_unpacks_to_hundreds_of_megabytes_is_refused_within_a_second():
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c><c><v>1</v></c></row>'
    block = row * (1_000_000 // len(row))
    bomb = workbook(header_row(), *[block] * 300)
    assert len(bomb) < 3_000_000 and sum(declared_sizes(bomb).values()) > 290_000_000
    seconds, refusal, message = timed_in_child(read_table, bomb, "bomb.xlsx")
    assert refusal == "FileRefused", message
    assert "bomb.xlsx unpacks to 300 MB; at most 50 MB are accepted from an XLSX workbook" in message
    assert seconds < 1.0


def test_an_xlsx_of_200000_rows_is_refused_within_a_second():
    data = workbook(header_row(), rows_xml(2, 200_001))
    assert sum(declared_sizes(data).values()) < UPLOAD.xlsx_unpacked     # small enough unpacked
    seconds, refusal, message = timed_in_child(read_table, data, "rows.xlsx")
    assert refusal == "FileRefused", message
    assert "rows.xlsx has more than 300,000 cells; at most 300,000 are accepted from an XLSX workbook" in message
    assert seconds < 1.0


def test_a_zip_that_understates_a_parts_size_is_refused_within_a_second():
    """The sizes in a zip's directory are what the first check reads; a part that unpacks to more
    than it declares is cut off at the declared size (Python's zipfile), and its checksum fails."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    data = workbook(header_row(), *[row * 20_000] * 100)
    real = declared_sizes(data)["xl/worksheets/sheet1.xml"]
    assert real > 60_000_000
    field = struct.pack("<I", real)
    assert data.count(field) == 2                   # the central directory and the data descriptor
    lying = data.replace(field, struct.pack("<I", 4_000))
    assert declared_sizes(lying)["xl/worksheets/sheet1.xml"] == 4_000
    seconds, refusal, message = timed_in_child(read_table, lying, "lying.xlsx")
    assert refusal == "FileRefused", message
    assert "lying.xlsx is not a readable XLSX workbook" in message
    assert seconds < 1.0


# -- shapes that a count of the parts cannot see: cell addresses far apart -------------------------------

def test_a_row_address_far_down_is_refused_as_too_many_rows():
    far = f'<row r="1048000">{text_cell("A1048000", "far")}</row>'.encode()
    with pytest.raises(FileRefused, match="far.xlsx has more than 300,000 cells"):
        read_table(workbook(header_row(), far), "far.xlsx")


def test_a_cell_address_far_right_is_refused_as_too_many_columns():
    wide = f'<row r="2">{text_cell("XFD2", "wide")}</row>'.encode()
    with pytest.raises(FileRefused, match="wide.xlsx has 16,384 columns; at most 500 are accepted"):
        read_table(workbook(header_row(), wide), "wide.xlsx")


# -- CSV rows and cells ----------------------------------------------------------------------------------

def test_a_csv_over_the_row_limit_is_refused_naming_it(monkeypatch):
    limits = tabular.Limits(bytes=None, columns=10, rows=1_000, cells=None)
    with pytest.raises(FileRefused, match="many.csv has more than 1,000 rows; at most 1,000 are accepted"):
        read_table(b"a\n" + b"1\n" * 1_001, "many.csv", limits=limits)
    assert len(read_table(b"a\n" + b"1\n" * 1_000, "many.csv", limits=limits)) == 1_000


def test_a_csv_over_the_cell_limit_is_refused_naming_it():
    limits = tabular.Limits(bytes=None, columns=10, rows=None, cells=3_000)
    with pytest.raises(FileRefused, match=r"cells.csv has more than 3,000 cells \(rows × columns\); "
                                          "at most 3,000 are accepted"):
        read_table(b"a,b,c\n" + b"1,2,3\n" * 1_001, "cells.csv", limits=limits)
    assert len(read_table(b"a,b,c\n" + b"1,2,3\n" * 1_000, "cells.csv", limits=limits)) == 1_000


def test_duplicate_columns_are_found_in_linear_time():
    header = [f"c{i}" for i in range(200_000)] + ["c7", "c99"]
    start = time.process_time()          # CPU time: the work done, whatever else runs
    with pytest.raises(FileRefused, match="more than one column named c7, c99"):
        tabular.refuse_duplicates(header, "dupes.csv")
    assert time.process_time() - start < 1.0


# -- the incident import reads CSV files with DuckDB: the same limits, before DuckDB sees the file -----

ADMIN = Actor("boss", "admin", 1)
INCIDENTS = IMPORTERS["incidents"]


def upload_columns(data: bytes, filename: str) -> list[str]:
    return INCIDENTS.columns(Upload.of_bytes(data, filename))


def import_incident_bytes(db, actor, data: bytes, filename: str, mapping: dict[str, str]):
    return INCIDENTS.write(db, actor, Upload.of_bytes(data, filename), mapping)


def test_the_incident_upload_refuses_a_million_columns_within_a_second_and_writes_nothing(db):
    data = wide_csv()
    seconds, refusal, message = timed_in_child(upload_columns, data, "wide.csv")
    assert refusal == "FileRefused", message
    assert "wide.csv has 1,000,000 columns; at most 500 are accepted" in message
    assert seconds < 1.0
    with pytest.raises(FileRefused, match="wide.csv has 1,000,000 columns; at most 500 are accepted"):
        import_incident_bytes(db, ADMIN, data, "wide.csv", {"incident_number": "c0", "occurred_at": "c1",
                                                            "district": "c2"})
    with db.cursor() as cur:
        assert cur.execute("select count(*) from main.incidents").fetchone()[0] == 0
        assert cur.execute("select count(*) from main.audit_log where action = 'import'").fetchone()[0] == 0


def test_the_incident_upload_refuses_a_file_over_the_size_limit(db):
    data = b"incident_number,occurred_at,district\n" + b"1,2026-01-01,N\n" * (UPLOAD.bytes // 15 + 1)
    with pytest.raises(FileRefused, match="files over 10 MB are refused"):
        import_incident_bytes(db, ADMIN, data, "big.csv", {"incident_number": "incident_number",
                                                           "occurred_at": "occurred_at", "district": "district"})
    with pytest.raises(FileRefused, match="files over 10 MB are refused"):
        upload_columns(data, "big.csv")


# -- real exports pass ---------------------------------------------------------------------------------

@realdata
@pytest.mark.parametrize("name", ["kansas_city_resident_survey_2021.csv", "boston_crime_incidents_2023q1.csv",
                                  "los_angeles_crime_incidents_2022_sample.xlsx"])
def test_real_exports_are_within_the_limits(name):
    data = (REALDATA / name).read_bytes()
    assert len(read_table(data, name)) > 0


@realdata
def test_the_largest_real_workbook_is_within_the_limits():
    """San Francisco's survey: 235,214 cells in 106 columns, 7 MB unpacked (the check only; reading
    it takes several seconds)."""
    check_xlsx((REALDATA / "san_francisco_city_survey_2019.xlsx").read_bytes(), "survey.xlsx", UPLOAD)
