"""The benchmark runs end to end at the smallest scale and produces every row of its table.

It measures a copy of the demo town the test session builds once (`demo_file`: six districts, the
smallest database that has every page's data), with one rerun, one menu visit and one session per
measure: every row of the table is produced, none is repeated. Its timings are not checked (speed
targets are for the benchmark, never timed assertions)."""

from __future__ import annotations

import json
import shutil

import pytest

from bench import run
from bench.pages import pairs
from bench.report_table import other_rows, page_rows
from components.navigation import PAGES
from tests.browser_support import requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


@pytest.fixture(scope="module")
def result(demo_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench")
    database, out = folder / "bench-demo.duckdb", folder / "tiny.json"
    shutil.copyfile(demo_file, database)
    run.main(["--scale", "demo", "--db", str(database), "--reruns", "1", "--visits", "1", "--sessions", "1",
              "--import-rows", "200", "--repeat", "1", "--out", str(out)])
    return json.loads(out.read_text())


def test_every_page_and_role_of_the_registry_is_measured(result):
    expected = {(spec.key, role) for spec in PAGES for role in spec.roles}
    assert set(pairs()) == expected
    for section in ("pages", "browser"):
        assert {(r["page"], r["role"]) for r in result[section]} == expected
        assert all(r["error"] is None for r in result[section]), [r for r in result[section] if r["error"]]
    assert all(r["n"] == 1 and r["median_ms"] > 0 and r["p95_ms"] >= r["median_ms"] for r in result["pages"])
    assert all(r["browser_ms"] > 0 and r["empty_ms"] > 0 for r in result["browser"])
    assert len(page_rows(result)) == len(expected)


def test_every_other_figure_is_in_the_table(result):
    assert result["cold_start"]["sign_in_page_s"] > 0 and result["cold_start"]["first_page"] == "Overview"
    formats = [(d["what"].split()[0], d["format"]) for d in result["documents"]]
    assert formats == [("monthly", "pdf"), ("monthly", "docx"), ("monthly", "xlsx"),
                       ("annual", "pdf"), ("annual", "docx")]
    assert all(d["bytes"] > 1000 for d in result["documents"])
    (incident,) = result["imports"]
    assert incident["rows_per_s"] or incident["note"].startswith("not available")
    assert result["memory"]["sessions"] == 1 and result["memory"]["peak_rss_mb"] > 0
    assert [n["what"] for n in result["naive"]] == ["overview figures", "monthly report figures"]
    assert result["naive"][0]["check"] == "same figures"
    measures = [row[0] for row in other_rows(result)]
    reloads = result["empty_page"]["reloads"]
    assert [r["role"] for r in reloads] == ["admin", "command", "prevention", "officer"]
    assert all(r["reload_ms"] > 0 and r["empty_reload_ms"] > 0 for r in reloads)
    assert len(measures) == 2 + 5 + 1 + 4 + 1 + 2
    for key, role in pairs():
        assert f"| {key} | {role} |" in result["table"]
