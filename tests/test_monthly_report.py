"""The monthly report: its JSON figures against independent SQL counts, and its three documents.

The independent counts below are written straight against the main tables
(not the live views, not the shared metric files), from the definitions in
the report's glossary.
"""

from __future__ import annotations

import copy
import io
from collections import OrderedDict
import json
import shutil
from datetime import timedelta

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

import cli
from core.periods import parse_period
from queries.actor import SYSTEM
from queries.db import Database
from reports import chart_images
from reports.documents import render
from core.formatting import rounded
from reports.layout import number
from reports.monthly import assemble_report

PERIODS = ["2026-10", "2026-Q3", "2025", "2026-02-10..2026-03-20"]


@pytest.fixture(scope="module")
def demo(demo_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.duckdb"
    shutil.copyfile(demo_file, path)
    database = Database(path)
    yield database
    database.close()


def _used(sql: str, params: dict) -> dict:
    return {k: v for k, v in params.items() if f"${k}" in sql}


def _scalar(db, sql: str, **params):
    with db.cursor() as cur:
        return cur.execute(sql, _used(sql, params)).fetchone()[0]


def _rows(db, sql: str, **params) -> list[tuple]:
    with db.cursor() as cur:
        return cur.execute(sql, _used(sql, params)).fetchall()


LIVE_EVENTS = """(select * from main.events where deleted_at is null
                  and starts_at >= $s and starts_at < $e + interval 1 day)"""


def independent(db, start, end) -> dict:
    """The required JSON figures, counted directly from the main tables."""
    p = {"s": start, "e": end}
    events = _scalar(db, f"select count(*) from {LIVE_EVENTS}", **p)
    attendance = _scalar(db, f"""select coalesce(sum(headcount_youth + headcount_adult + headcount_senior
                                  + headcount_business), 0) from {LIVE_EVENTS}""", **p)
    hours = _scalar(db, f"select coalesce(sum(o.hours), 0) from main.event_officers o join {LIVE_EVENTS} ev "
                        "on ev.id = o.event_id", **p)
    participants = _scalar(db, f"""select count(distinct en.participant_id) from main.roster_attendance ra
                                    join main.enrolments en on en.id = ra.enrolment_id
                                    join {LIVE_EVENTS} ev on ev.id = ra.event_id
                                    where ra.present and ra.deleted_at is null and en.deleted_at is null""", **p)
    by_program = {name: (n, a) for name, n, a in _rows(db, f"""
        select pr.name, count(*), sum(headcount_youth + headcount_adult + headcount_senior + headcount_business)
        from {LIVE_EVENTS} ev join main.programs pr on pr.id = ev.program_id group by pr.name""", **p)}
    by_district = {code: (n, a) for code, n, a in _rows(db, f"""
        select d.code, count(*), sum(headcount_youth + headcount_adult + headcount_senior + headcount_business)
        from {LIVE_EVENTS} ev join main.districts d on d.id = ev.district_id group by d.code""", **p)}
    incidents = dict(_rows(db, """select d.code, count(*) from main.incidents i join main.districts d
                                  on d.id = i.district_id
                                  where i.occurred_at >= $s and i.occurred_at < $e + interval 1 day
                                  group by d.code""", **p))
    concerns = "(select * from main.concerns where deleted_at is null)"
    received = _scalar(db, f"select count(*) from {concerns} where received_on between $s and $e", **p)
    resolved = _scalar(db, f"select count(*) from {concerns} where resolved_on between $s and $e", **p)
    open_end = _scalar(db, f"""select count(*) from {concerns} where received_on <= $e
                               and (resolved_on is null or resolved_on > $e)""", **p)
    return {"events": events, "attendance_total": attendance, "officer_hours": hours,
            "unique_participants": participants, "by_program": by_program, "by_district": by_district,
            "incidents": incidents, "concerns": (received, resolved, open_end)}


def cli_json(db_path, period: str, capsys) -> dict:
    assert cli.main(["--db", str(db_path), "report", "--period", period, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("period", PERIODS)
def test_every_json_figure_matches_an_independent_count(demo, period, capsys):
    report = cli_json(demo.path, period, capsys)
    p = parse_period(period)
    want = independent(demo, p.start, p.end)
    assert report["period"]["key"] == p.key and report["period"]["start"] == p.start.isoformat()
    assert report["events"] == want["events"] > 0
    assert report["attendance_total"] == want["attendance_total"]
    assert report["unique_participants"] == want["unique_participants"]
    assert report["officer_hours"] == pytest.approx(want["officer_hours"])
    assert {r["program"]: (r["events"], r["attendance"]) for r in report["by_program"]} == want["by_program"]
    districts = {r["district"]: r for r in report["by_district"] if r["district"] != "Townwide"}
    assert {c: (r["events"], r["attendance"]) for c, r in districts.items() if r["events"]} == want["by_district"]
    assert {c: r["incidents"] for c, r in districts.items() if r["incidents"]} == want["incidents"]
    c = report["concerns"]
    assert (c["received"], c["resolved"], c["open_at_end"]) == want["concerns"]


def test_the_headline_compares_with_the_previous_month_last_year_and_year_to_date(demo):
    report = assemble_report(demo, parse_period("2026-10"), SYSTEM)
    events = next(h for h in report["headline"] if h["key"] == "events")
    assert events["previous"] == independent(demo, *_span("2026-09"))["events"]
    assert events["last_year"] == independent(demo, *_span("2025-10"))["events"]
    assert events["year_to_date"] == independent(demo, *_span("2026-01-01..2026-10-31"))["events"]
    assert events["change_previous"]["difference"] == events["value"] - events["previous"]
    assert [h["label"] for h in report["headline"]][:2] == ["Events held", "Attendance"]
    assert {g["term"] for g in report["glossary"]} >= {h["label"] for h in report["headline"]}
    assert all(g["definition"] for g in report["glossary"])


def _span(text):
    p = parse_period(text)
    return p.start, p.end


def test_programs_carry_their_own_outcome_figures(demo):
    report = assemble_report(demo, parse_period("2026-10"), SYSTEM)
    seats = next(p for p in report["by_program"] if p["program"].startswith("Child Car-Seat"))
    outcomes = {o["measure_code"]: o for o in seats["outcomes"]}
    inspected = _scalar(demo, f"""select sum(o.value) from main.event_outcomes o join {LIVE_EVENTS} ev
                                  on ev.id = o.event_id where o.measure_code = 'car_seats_inspected'""",
                        s=parse_period("2026-10").start, e=parse_period("2026-10").end)
    assert outcomes["car_seats_inspected"]["value"] == inspected > 0
    incorrect = outcomes["car_seats_incorrect"]
    assert incorrect["share_pct"] == pytest.approx(round(100 * incorrect["value"] / inspected, 1))


def test_an_empty_period_is_said_in_words(demo):
    report = assemble_report(demo, parse_period("2030-01"), SYSTEM)
    assert report["events"] == 0 and report["by_program"] == [] and report["events_appendix"] == []
    text = _pdf_text(render(report, "pdf", images={}))
    assert "No program events were held in this period." in text
    assert "No events were held in this period." in text


# ---------------------------------------------------------------- documents

@pytest.fixture(scope="module")
def october(demo):
    report = assemble_report(demo, parse_period("2026-10"), SYSTEM, "Sgt. Dana Reyes")
    report["narrative"]["highlights"] = "=HYPERLINK(\"http://x\") National Night Out planning began."
    return report


@pytest.fixture(scope="module")
def images(october):
    return chart_images.report_images(october)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_holds_the_headline_figures_charts_and_map(october, images):
    data = render(october, "pdf", images)
    assert data.startswith(b"%PDF")
    text = _pdf_text(data)
    for h in october["headline"]:
        assert h["label"] in text
        assert number(h["value"], h["unit"]) in text
    for heading in ("Programs and services delivered", "Activity by district", "Community concerns",
                    "Crime context", "Highlights", "Appendix: every event held", "Glossary"):
        assert heading in text
    assert "Sgt. Dana Reyes" in text and "October 2026" in text
    pictures = sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages)
    assert pictures == 3


def test_a_chart_that_cannot_be_drawn_leaves_a_note_and_the_pdf_still_downloads(october, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(chart_images, "_png", broken)
    monkeypatch.setattr(chart_images, "WORKERS", 0)                # drawn here, where _png is broken
    monkeypatch.setattr(chart_images, "_drawn", OrderedDict())     # nothing drawn before
    images = chart_images.report_images(october)
    assert all(image.png is None and image.note == chart_images.NOT_DRAWN for image in images.values())
    assert images["map"].title == "Events held by district, October 2026"
    text = _pdf_text(render(october, "pdf", images))
    assert "could not be drawn" in text.replace("\n", " ")
    assert number(october["events"]) in text
    assert Document(io.BytesIO(render(october, "docx", images))).paragraphs


def test_a_picture_is_drawn_once_per_content(october, images, monkeypatch):
    drawn = []
    original = chart_images._png
    monkeypatch.setattr(chart_images, "WORKERS", 0)                # drawn here, where the count is kept
    monkeypatch.setattr(chart_images, "_png", lambda fig: drawn.append(fig) or original(fig))
    again = chart_images.report_images(copy.deepcopy(october))      # a PDF, then a DOCX of the same report
    assert drawn == [] and again == images
    changed = copy.deepcopy(october)
    changed["by_program"][0]["attendance"] += 1
    redrawn = chart_images.report_images(changed)
    assert len(drawn) == 1 and redrawn["programs"] != images["programs"] and redrawn["map"] == images["map"]


def test_names_that_look_like_formulas_or_markup_are_drawn_as_text(october):
    """matplotlib reads $...$ as a formula unless told not to; a stored name must never stop a chart."""
    names = ["$\\frac{1}{0}$ coupons", "<b>bold</b> & $5 off", "$\\invalid{$ and $x^$", "=cmd|' /C calc'!A0"]
    odd = copy.deepcopy(october)
    for row, name in zip(odd["by_program"], names * len(odd["by_program"])):
        row["program"] = name
    odd["concerns"]["by_category"][0]["category"] = "$\\alpha$_noise"
    odd["map"][0]["code"] = "$D_1$"
    images = chart_images.report_images(odd)
    assert all(image.png and image.png.startswith(b"\x89PNG") for image in images.values()), \
        {key: image.note for key, image in images.items()}


def test_the_docx_holds_the_same_figures(october, images):
    document = Document(io.BytesIO(render(october, "docx", images)))
    headline = document.tables[0]
    rows = {row.cells[0].text: row.cells[1].text for row in headline.rows[1:]}
    assert rows == {h["label"]: number(h["value"], h["unit"]) for h in october["headline"]}
    text = "\n".join(p.text for p in document.paragraphs)
    assert "National Night Out planning began." in text
    assert len(document.inline_shapes) == sum(1 for i in images.values() if i and i.png)


def test_the_xlsx_has_one_sheet_per_table_with_the_same_figures_and_no_formulas(october):
    book = load_workbook(io.BytesIO(render(october, "xlsx")))
    assert {"Headline figures", "Programs", "Program outcomes", "Districts", "Concerns by category",
            "Crime context", "Narrative", "Events", "Glossary"} <= set(book.sheetnames)
    sheet = book["Headline figures"]
    assert sheet["A1"].value == "Millbrook Police Department: Monthly report of programs and services delivered, October 2026"
    assert sheet["A3"].value == "Figure"      # the title, a blank row, then the table
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert values == {h["label"]: rounded(h["value"], 1 if h["unit"] == "hours" else 0) for h in october["headline"]}
    events = book["Events"]
    assert events.max_row - 3 == len(october["events_appendix"]) == october["events"]
    narrative = [row[1] for row in book["Narrative"].iter_rows(min_row=4, values_only=True)]
    assert narrative[0].startswith("'=HYPERLINK")  # escaped: a spreadsheet shows it as text


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_the_cli_writes_each_format(demo, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    assert cli.main(["--db", str(demo.path), "report", "--period", "2026-Q3", "--format", fmt,
                     "--out", str(out)]) == 0
    assert out.read_bytes()[:4] in (b"%PDF", b"PK\x03\x04")


@pytest.mark.parametrize("bad, message", [
    ("2026-13", "Month must be 01 to 12"),
    ("2026-Q5", "Quarter must be Q1 to Q4"),
    ("2026-02-30..2026-03-01", "is not a real date"),
    ("2026-03-01..2026-02-01", "ends (2026-02-01) before it starts"),
    ("last month", "is not a period"),
    ("", "No period given"),
])
def test_bad_periods_are_refused_clearly_and_nothing_is_written(demo, tmp_path, bad, message, capsys):
    out = tmp_path / "report.pdf"
    assert cli.main(["--db", str(demo.path), "report", "--period", bad, "--format", "pdf",
                     "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_a_quarter_report_compares_with_the_quarter_before(demo):
    report = assemble_report(demo, parse_period("2026-Q3"), SYSTEM)
    assert report["comparisons"] == {"previous": "Q2 2026", "last_year": "Q3 2025",
                                     "year_to_date": "1 Jan to 30 Sep 2026"}
    assert report["header"]["title"] == "Report of programs and services delivered"
    assert len(report["events_appendix"]) == report["events"]
    dates = [e["date"] for e in report["events_appendix"]]
    assert min(dates) >= "2026-07-01" and max(dates) <= "2026-09-30" and dates == sorted(dates)
    assert (parse_period("2026-Q3").end - parse_period("2026-Q3").start) == timedelta(days=91)


# ---------------------------------------------------------------- real Boston data

from tests.realdata import REALDATA, realdata  # noqa: E402


def boston_db(path, realdata_dir=None):
    """Boston's police districts and 2023 Q1 incidents, imported with DuckDB straight from the files."""
    from core.geo import parse_districts

    folder = realdata_dir or REALDATA
    db = Database(path)
    shapes = parse_districts((folder / "boston_police_districts.geojson").read_text(), "DISTRICT", "DISTRICT")
    with db.unit_of_work(SYSTEM) as uow:
        for s in shapes:
            uow.insert("districts", {"code": s.code, "name": s.name, "geometry": s.geojson})
    with db.cursor() as cur:
        cur.execute("""
            insert into main.incidents (incident_number, occurred_at, offense_description, district_id,
                                        source_district, address, latitude, longitude, import_batch, imported_at)
            select INCIDENT_NUMBER, OCCURRED_ON_DATE::timestamptz::timestamp, OFFENSE_DESCRIPTION, d.id, c.DISTRICT,
                   STREET, Lat, Long, 'boston-2023q1', now()::timestamp
            from read_csv($csv, all_varchar = true) as c
            left join main.districts as d on d.code = c.DISTRICT
            qualify row_number() over (partition by INCIDENT_NUMBER order by OCCURRED_ON_DATE) = 1
        """, {"csv": str(folder / "boston_crime_incidents_2023q1.csv")})
    return db


def boston_counts(folder, start, end) -> dict:
    import duckdb

    codes = [f["properties"]["DISTRICT"] for f in json.loads(
        (folder / "boston_police_districts.geojson").read_text())["features"]]
    with duckdb.connect() as con:
        return dict(con.execute("""
            select DISTRICT, count(distinct INCIDENT_NUMBER)
            from read_csv($csv, all_varchar = true)
            where OCCURRED_ON_DATE::timestamptz::timestamp >= $s
              and OCCURRED_ON_DATE::timestamptz::timestamp < $e + interval 1 day
              and list_contains($codes, DISTRICT)
            group by DISTRICT""", {"csv": str(folder / "boston_crime_incidents_2023q1.csv"), "s": start, "e": end,
                                   "codes": codes}).fetchall())


def check_boston(tmp_path, capsys, folder=None):
    folder = folder or REALDATA
    db = boston_db(tmp_path / "boston.duckdb", folder)
    db.close()
    for text in ("2023-02", "2023-01-01..2023-03-17"):
        report = cli_json(tmp_path / "boston.duckdb", text, capsys)
        p = parse_period(text)
        want = boston_counts(folder, p.start, p.end)
        got = {r["district"]: r["incidents"] for r in report["by_district"]}
        assert got == want and sum(got.values()) > 1000
        assert report["events"] == 0 and report["by_program"] == [] and report["attendance_total"] == 0
        assert len(report["map"]) == len(got)
    pdf = tmp_path / "boston.pdf"
    assert cli.main(["--db", str(tmp_path / "boston.duckdb"), "report", "--period", "2023-02", "--format", "pdf",
                     "--out", str(pdf)]) == 0
    text = _pdf_text(pdf.read_bytes())
    assert "No program events were held in this period." in text and "A1" in text


@realdata
def test_on_real_boston_data_the_incidents_by_district_match_the_source_file(tmp_path, capsys):
    check_boston(tmp_path, capsys)
