"""The import pages read an upload once, not on every rerun, and refuse one over a limit by name."""

from __future__ import annotations

import pytest

from core import district_import, incident_import, tabular
from queries.db import Database
from tests.apptest_support import make_accounts_db, page_file, signed_in

EVENTS = ("program,starts_at,ends_at,district,headcount_adult\n"
          "Car-seat station,2026-10-10 09:00,2026-10-10 12:00,N,5\n").encode()
BUSINESSES = b"BusinessName,Address\nAlpha Bakery,1 A St\n"
INCIDENTS = b"INCIDENT_NUMBER,OCCURRED_ON_DATE,DISTRICT\nI-1,2026-01-05 10:00,N\n"
BOUNDARIES = (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"DISTRICT": "N"}, '
              b'"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}\n')


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = make_accounts_db(tmp_path / "uploads.duckdb")
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    return path


def counting(monkeypatch, module, name: str) -> list:
    calls: list = []
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args[-1] if args else None)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


# page, the uploader's key, a good file, the reader counted, a widget the rerun uses
PAGES = {
    "imports": ("imports.py", "import_events_file", ("events.csv", EVENTS), (tabular, "_read_csv")),
    "businesses": ("businesses.py", "business_import_file", ("list.csv", BUSINESSES), (tabular, "_read_csv")),
    "crime data": ("crime_data.py", "incident_file", ("incidents.csv", INCIDENTS),
                   (incident_import, "sniff_text_file")),
    "districts": ("admin_districts.py", "districts_file", ("districts.geojson", BOUNDARIES),
                  (district_import, "feature_properties")),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_an_upload_is_read_once_however_often_the_page_reruns(app_db, monkeypatch, page):
    file, key, (name, data), (module, reader) = PAGES[page]
    calls = counting(monkeypatch, module, reader)
    at = signed_in("boss")
    at.switch_page(page_file(file)).run()
    at.file_uploader(key=key).set_value((name, data, "text/csv")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert len(calls) == 1
    at.run()                                        # a click elsewhere on the page reruns it
    at.selectbox[-1].set_value(at.selectbox[-1].options[0]).run()
    assert not at.exception
    assert len(calls) == 1
    at.file_uploader(key=key).set_value((name, data + data.splitlines(keepends=True)[-1], "text/csv")).run()
    assert len(calls) == 2                          # another file is read, once


def test_a_wide_upload_is_refused_on_the_imports_page_naming_the_limit_and_nothing_is_written(app_db):
    data = (",".join(f"c{i}" for i in range(20_000)) + "\n" + "1" + "," * 19_999 + "\n").encode()
    at = signed_in("boss")
    at.switch_page(page_file("imports.py")).run()
    with Database(app_db).cursor() as cur:
        before = cur.execute("select count(*) from main.audit_log").fetchone()[0]
    at.file_uploader(key="import_events_file").set_value(("wide.csv", data, "text/csv")).run()
    assert not at.exception
    assert [e.value for e in at.error] == ["wide.csv has 20,000 columns; at most 500 are accepted."]
    assert not [b for b in at.button if b.label == "Check every row"]
    with Database(app_db).cursor() as cur:
        assert cur.execute("select count(*) from main.events").fetchone()[0] == 0
        assert cur.execute("select count(*) from main.audit_log").fetchone()[0] == before
