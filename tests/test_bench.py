"""The benchmark runs end to end at the smallest scale and produces every row of its table.

It measures a copy of the demo town the test session builds once (`demo_file`: six districts, the
smallest database that has every page's data), with one rerun, one menu visit, one run of each
document and one session per measure: every row of the table is produced, none is repeated. The
browser section runs over one page per role (bench/browser.py SAMPLE), beside the empty app: that
proves the section and each of its figures, while every page of every role is opened from the menu
and drawn in Chromium by tests/test_browser_vocabulary.py, and a full run of the benchmark measures
them all. Its timings are not checked (speed targets are for the benchmark, never timed assertions)."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from bench import run
from bench.browser import SAMPLE
from bench.pages import ROLES, pairs
from bench.report_table import other_rows, page_rows, server_page_rows, user_rows
from components.navigation import PAGES
from reports import chart_images
from tests.browser_support import requires_chromium

DOCUMENTS = [("monthly", "pdf"), ("monthly", "docx"), ("monthly", "xlsx"), ("annual", "pdf"), ("annual", "docx")]


@pytest.fixture(scope="module")
def result(demo_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench")
    database, out = folder / "bench-demo.duckdb", folder / "tiny.json"
    shutil.copyfile(demo_file, database)
    run.main(["--scale", "demo", "--db", str(database), "--reruns", "1", "--visits", "1", "--sessions", "1",
              "--import-rows", "200", "--repeat", "1", "--browser-sample", "--out", str(out),
              "--server-sample", "--user-processes", "1", "--users-max", "1", "--users-think", "0.5",
              "--users-seconds", "2"])
    return json.loads(out.read_text())


def test_the_browser_sample_is_one_page_each_role_may_open():
    assert set(SAMPLE) == set(ROLES)
    assert all((key, role) in set(pairs()) for role, key in SAMPLE.items())


@pytest.mark.browser
@requires_chromium
def test_every_page_and_role_of_the_registry_is_measured(result):
    expected = {(spec.key, role) for spec in PAGES for role in spec.roles}
    assert set(pairs()) == expected
    assert {(r["page"], r["role"]) for r in result["pages"]} == expected
    assert all(r["error"] is None for r in result["pages"]), [r for r in result["pages"] if r["error"]]
    assert all(r["n"] == 1 and r["median_ms"] > 0 and r["p95_ms"] >= r["median_ms"] for r in result["pages"])
    assert len(page_rows(result)) == len(expected)
    for key, role in pairs():
        assert f"| {key} | {role} |" in result["table"]


@pytest.mark.browser
@requires_chromium
def test_the_browser_rows_have_first_content_and_complete_page_beside_the_empty_app(result):
    browser = {(r["page"], r["role"]): r for r in result["browser"]}
    assert set(browser) == {(key, role) for role, key in SAMPLE.items()}
    assert all(r["error"] is None for r in browser.values()), browser
    assert all(r["n"] == 1 and 0 < r["first_ms"] <= r["complete_ms"] for r in browser.values()), browser
    # the overview shows headline figures: its first content waits for the first of them; the audit
    # log shows none: its first content is its title
    assert browser[("overview", "command")]["first_is_figure"] is True
    assert browser[("admin-audit", "admin")]["first_is_figure"] is False
    empty = result["empty_page"]
    assert empty["n"] == len(SAMPLE) and 0 < empty["first_ms"] <= empty["complete_ms"]
    assert all(r["ratio"] == round(r["first_ms"] / empty["first_ms"], 2) for r in browser.values())
    rows = {(row[0], row[1]): row for row in page_rows(result)}
    for key in browser:
        first, ratio, complete = rows[key][5:8]
        assert "–" not in (first, ratio, complete), rows[key]
    assert f"empty app's page switch ({empty['first_ms']:,.0f} ms, complete {empty['complete_ms']:,.0f} ms)" \
        in result["table"]


@pytest.mark.browser
@requires_chromium
def test_the_server_and_the_browser_run_on_cores_of_their_own(result):
    cores = result["cores"]
    available = sorted(os.sched_getaffinity(0))
    assert cores["pinned"] is (len(available) >= 2)
    if cores["pinned"]:
        assert (cores["server"], cores["browser"]) == (available[0], available[1])
        assert cores["browser_processes"]["chromium"] == [str(cores["browser"])]
        assert f"server pinned to core {cores['server']}, browser to core {cores['browser']}" in result["table"]
    else:
        assert "not pinned" in result["table"]


@pytest.mark.browser
@requires_chromium
def test_every_other_figure_is_in_the_table(result):
    cold = result["cold_start"]
    assert cold["sign_in_page_s"] > 0 and cold["first_page_after_sign_in_s"] > 0 and cold["first_page"] == "Overview"
    assert cold["empty_app_s"] > 0
    assert [(d["what"].split()[0], d["format"]) for d in result["documents"]] == DOCUMENTS
    for document in result["documents"]:
        assert document["bytes"] > 1000 and len(document["runs_s"]) == len(document["load_1m"]) == 1
        assert document["seconds"] == document["runs_s"][0]
    (incident,) = result["imports"]
    assert incident["rows_per_s"] or incident["note"].startswith("not available")
    assert result["memory"]["sessions"] == 1 and result["memory"]["peak_rss_mb"] > 0
    # the one session's monthly report page started the report's drawing processes
    assert result["memory"]["children"] == chart_images.WORKERS and result["memory"]["children_peak_rss_mb"] > 0
    assert [n["what"] for n in result["naive"]] == ["overview figures", "monthly report figures"]
    assert result["naive"][0]["check"] == "same figures"
    (reload,) = result["empty_page"]["reloads"]          # the sample reloads for its first role
    assert reload["role"] == ROLES[0] and reload["reload_ms"] > 0 and reload["empty_reload_ms"] > 0
    rows = other_rows(result)
    assert len(rows) == 2 + len(DOCUMENTS) + 1 + 1 + 1 + 2
    cold_rows = [row for row in rows if row[0].startswith("cold start")]
    assert [row[2] for row in cold_rows] == ["< 3 s", "< 2 s"] and all("load" in row[1] for row in cold_rows)
    assert f"(the empty app: {cold['empty_app_s']:.2f} s)" in cold_rows[0][1]
    document_rows = rows[2:2 + len(DOCUMENTS)]
    assert [row[2] for row in document_rows] == ["< 2 s", "< 1.5 s", "< 1.5 s", "< 2 s", "< 1.5 s"]
    assert all(f"load {d['load_1m'][0]:g}" in row[1] for d, row in zip(result["documents"], document_rows))


@pytest.mark.browser
@requires_chromium
def test_server_mode_measures_the_pages_on_postgresql_and_the_users_on_both_engines(result):
    """The smoke run's server section: the demo town copied into PostgreSQL (every row), the sample
    pages' reruns there marked with the engine, and the simulated users' ramp on one process on
    DuckDB and one behind HAProxy on PostgreSQL (the smoke run asks for one process; a full run
    for 1, 2 and 4), each with a step whose users signed in and clicked without errors."""
    copy = result["postgresql_copy"]
    assert copy["rows"] > 0 and copy["tables"] > 10
    server = {(r["page"], r["role"]): r for r in result["server_pages"]}
    assert set(server) == {(key, role) for role, key in SAMPLE.items()}
    assert all(r["engine"] == "postgresql" and r["error"] is None and r["n"] == 1 for r in server.values()), server
    rows = {(row[0], row[1]): row for row in server_page_rows(result)}
    assert set(rows) == set(server)
    for key, row in rows.items():      # the DuckDB figure of the same page and role beside it
        assert row[2] == f"{next(r for r in result['pages'] if (r['page'], r['role']) == key)['median_ms']:,.0f}"
    assert [(u["engine"], u["processes"]) for u in result["users"]] == [("duckdb", 1), ("postgresql", 1)]
    for config in result["users"]:
        (step,) = config["steps"]           # one user at most
        assert step["users"] == 1 and step["errors"] == 0, step
        assert step["sign_in"]["n"] == 1 and step["interactions"] >= 1, step
        assert config["served_users"] in (0, 1)
    table_rows = user_rows(result)
    assert [row[:2] for row in table_rows] == [["duckdb", "1"], ["postgresql", "1"]]
    for row in table_rows:
        assert f"| {' | '.join(row)} |" in result["table"]
    assert "load generator to core" in result["table"] or "not pinned" in result["table"]
