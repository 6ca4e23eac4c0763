"""Both real resident-survey exports import through the command line with a question map
(tests/survey_maps/), and what is stored equals an independent count from the raw file: the answers
per measure and district, and the weighted sum of the headline answers; and each share, count and
margin of error the app gives per measure and district equals one computed here from the raw file.

San Francisco's City Survey 2019 (XLSX): safe_day and safe_night on a bare 1-5 scale, 4-5 read as safe,
a weight column, the area from dem_district (Board of Supervisors district) through a 'Supervisor
district' lookup, blank as area unknown. Kansas City's resident survey 2021 (CSV): 1-5 with 9 for
don't know, NA for missing, yes/no items 1/2 with 9, the area from `counci` through a 'Council
district' lookup, no weights. The raw files are read here with openpyxl and the csv module.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

import cli
from core.surveys import areas, question_map
from queries.actor import SYSTEM
from queries.db import Database
from tests.figures_report import report
from tests.realdata import REALDATA, realdata

MAPS = Path(__file__).parent / "survey_maps"
SF_FILE = REALDATA / "san_francisco_city_survey_2019.xlsx"
KC_FILE = REALDATA / "kansas_city_resident_survey_2021.csv"
# the test's own districts, and the survey's area codes mapped onto them
DISTRICTS = {"N": "North", "C": "Central", "S": "South"}
SUPERVISOR = {**{str(n): "N" for n in range(1, 5)}, **{str(n): "C" for n in range(5, 9)},
              **{str(n): "S" for n in range(9, 12)}}
COUNCIL = {"1": "N", "2": "N", "3": "C", "4": "C", "5": "S", "6": "S"}
SF_QUESTIONS = {"safe_day": "safe_day", "safe_night": "safe_night"}
KC_QUESTIONS = {"q2_06": "safe_neighbourhood", "q5_02": "trust_police", "q3_01": "satisfied_police",
                "q31_01": "victim", "q31_02": "police_contact"}
KC_TOP = {"q2_06": {"4", "5"}, "q5_02": {"4", "5"}, "q3_01": {"4", "5"}, "q31_01": {"1"}, "q31_02": {"1"}}


def town(path: Path, lookup: str, codes: dict[str, str]) -> None:
    db = Database(path)
    try:
        with db.unit_of_work(SYSTEM) as uow:
            for code, name in DISTRICTS.items():
                uow.insert("districts", {"code": code, "name": name})
        areas.save_codes(db, SYSTEM, lookup, codes)
    finally:
        db.close()


def stored(path: Path) -> tuple[dict, dict, dict, list]:
    """Per measure: answers, weighted sum of top answers; per (measure, district code): answers; the wave."""
    db = Database(path)
    try:
        with db.cursor() as cur:
            totals = {m: (n, top) for m, n, top in cur.execute(
                "select measure, count(*), sum(case when top_answer then weight else 0 end) "
                "from survey_answers group by measure").fetchall()}
            by_district = {(m, d): n for m, d, n in cur.execute(
                "select a.measure, d.code, count(*) from survey_answers a "
                "left join districts d on d.id = a.district_id group by all").fetchall()}
            kept = {r[0]: r[1] for r in cur.execute(
                "select measure, list(distinct answer order by answer) from survey_answers group by measure").fetchall()}
            wave = cur.execute("select name, fieldwork_start, fieldwork_end, source_file, respondents, weighted "
                               "from survey_waves").fetchall()
            imports = cur.execute("select count(*) from audit_log where action = 'import'").fetchone()[0]
    finally:
        db.close()
    assert imports == 1
    return totals, by_district, kept, wave


def independent(cells: dict[tuple[str, str | None], list[tuple[float, bool]]]) -> dict:
    """Per (measure, district code), and per (measure, None) for all districts: answers, weighted share
    of the headline answers and its 95% margin of error from the Kish effective sample size, written
    out here from the (weight, headline) pairs read off the raw file (a respondent with no district
    counts in the total only); share and margin None under 10 answers."""
    groups: dict[tuple[str, str | None], list[tuple[float, bool]]] = defaultdict(list)
    for (measure, district), pairs in cells.items():
        groups[(measure, None)] += pairs
        if district is not None:
            groups[(measure, district)] += pairs
    out = {}
    for key, pairs in groups.items():
        n = len(pairs)
        weights = sum(w for w, _ in pairs)
        share = sum(w for w, top in pairs if top) / weights
        effective = weights ** 2 / sum(w * w for w, _ in pairs)
        margin = 1.96 * (share * (1 - share) / effective) ** 0.5
        out[key] = (n, None, None) if n < 10 else (n, share, margin)
    return out


def computed(path: Path) -> dict:
    """The same figures as the app gives them (core/surveys/results.shares for an administrator)."""
    from core.surveys import results

    db = Database(path)
    try:
        wave_id = results.waves(db)[0]["id"]
        codes = {d["id"]: d["code"] for d in db.rows("districts_list")}
        frame = results.shares(db, SYSTEM, wave_id)
    finally:
        db.close()
    out = {}
    for row in frame.to_dict("records"):
        key = (row["measure"], None if row["total"] else codes[int(row["district_id"])])
        share, margin = (None, None) if row["suppressed"] else (row["share"], row["margin"])
        out[key] = (int(row["answers"]), share, margin)
    return out


def assert_figures_equal(app: dict, expected: dict) -> None:
    assert set(app) == set(expected)
    for key, (n, share, margin) in expected.items():
        assert app[key][0] == n, key
        if share is None:
            assert app[key][1:] == (None, None), key
        else:
            assert app[key][1] == pytest.approx(share, rel=1e-9), key
            assert app[key][2] == pytest.approx(margin, rel=1e-9), key


def run_cli(capsys, path: Path, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--db", str(path), "import", "surveys", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@realdata
def test_san_francisco_city_survey_imports_through_the_command_line(tmp_path, capsys, request):
    path = tmp_path / "sf.duckdb"
    town(path, "Supervisor district", SUPERVISOR)
    code, out, err = run_cli(capsys, path, str(SF_FILE), "--wave", "City Survey 2019",
                             "--fieldwork-start", "2018-11-26", "--fieldwork-end", "2019-03-06",
                             "--question-map", str(MAPS / "san_francisco_city_survey_2019.json"))
    assert code == 0, err
    assert "City Survey 2019" in out

    from openpyxl import load_workbook

    book = load_workbook(SF_FILE, read_only=True, data_only=True)
    rows = book.worksheets[0].iter_rows(values_only=True)
    header = list(next(rows))
    at = {name: header.index(name) for name in ("weight", "dem_district", *SF_QUESTIONS)}
    answers, top, by_district = Counter(), defaultdict(float), Counter()
    pairs = defaultdict(list)
    respondents = 0
    for row in rows:
        if all(cell is None for cell in row):
            continue
        respondents += 1
        weight = float(row[at["weight"]])
        area = row[at["dem_district"]]
        district = SUPERVISOR[str(int(area))] if area is not None else None
        for column, measure in SF_QUESTIONS.items():
            value = row[at[column]]
            if value is None:
                continue
            assert int(value) in range(1, 6)
            answers[measure] += 1
            by_district[(measure, district)] += 1
            pairs[(measure, district)].append((weight, int(value) >= 4))
            if int(value) >= 4:
                top[measure] += weight
    book.close()

    totals, districts, kept, wave = stored(path)
    assert wave == [("City Survey 2019", date(2018, 11, 26), date(2019, 3, 6),
                     "san_francisco_city_survey_2019.xlsx", respondents, True)]
    assert respondents == 2218
    assert {m: n for m, (n, _) in totals.items()} == dict(answers) == {"safe_day": 2210, "safe_night": 2172}
    for measure in SF_QUESTIONS.values():
        assert totals[measure][1] == pytest.approx(top[measure], rel=1e-12)
        assert kept[measure] == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert districts == dict(by_district)
    assert sum(n for (m, d), n in districts.items() if d is None) > 0      # blank dem_district: area unknown
    assert_figures_equal(computed(path), independent(pairs))
    report(request, "SF City Survey 2019: " + ", ".join(
        f"{m} {n:,} answers, weighted top {t:,.1f}" for m, (n, t) in sorted(totals.items())))


@realdata
def test_kansas_city_resident_survey_imports_through_the_command_line_with_a_saved_map(tmp_path, capsys, request):
    path = tmp_path / "kc.duckdb"
    town(path, "Council district", COUNCIL)
    db = Database(path)
    try:
        text = (MAPS / "kansas_city_resident_survey_2021.json").read_text(encoding="utf-8")
        question_map.save(db, SYSTEM, "KC resident survey", question_map.parse(text))
    finally:
        db.close()
    code, out, err = run_cli(capsys, path, str(KC_FILE), "--wave", "Resident survey 2021 Q1",
                             "--fieldwork-start", "2021-07-01", "--fieldwork-end", "2021-09-30",
                             "--question-map", "KC resident survey")
    assert code == 0, err

    answers, top, by_district, left_out = Counter(), Counter(), Counter(), Counter()
    pairs = defaultdict(list)
    respondents = 0
    with KC_FILE.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            respondents += 1
            district = COUNCIL[row["counci"].strip()]
            for column, measure in KC_QUESTIONS.items():
                value = row[column].strip()
                if value in ("9", "NA", ""):
                    left_out[measure] += 1
                    continue
                answers[measure] += 1
                by_district[(measure, district)] += 1
                pairs[(measure, district)].append((1.0, value in KC_TOP[column]))
                top[measure] += value in KC_TOP[column]

    totals, districts, kept, wave = stored(path)
    assert wave == [("Resident survey 2021 Q1", date(2021, 7, 1), date(2021, 9, 30),
                     "kansas_city_resident_survey_2021.csv", respondents, False)]
    assert respondents == 1033
    assert {m: n for m, (n, _) in totals.items()} == dict(answers)
    assert answers["safe_neighbourhood"] == 1033 - 15 and answers["trust_police"] == 1033 - 117
    assert {m: t for m, (_, t) in totals.items()} == {m: float(top[m]) for m in answers}
    assert districts == dict(by_district)
    assert 9.0 not in kept["trust_police"] and kept["victim"] == [1.0, 2.0]
    assert_figures_equal(computed(path), independent(pairs))
    report(request, "KC resident survey 2021: " + ", ".join(
        f"{m} {n:,} answers ({left_out[m]} don't know or missing), top {int(t):,}"
        for m, (n, t) in sorted(totals.items())))


@realdata
def test_kansas_city_without_its_dont_know_code_is_refused_with_nothing_written(tmp_path, capsys):
    path = tmp_path / "kc.duckdb"
    town(path, "Council district", COUNCIL)
    qmap = json.loads((MAPS / "kansas_city_resident_survey_2021.json").read_text(encoding="utf-8"))
    qmap["scales"]["satisfied"]["dont_know"] = []
    (tmp_path / "map.json").write_text(json.dumps(qmap), encoding="utf-8")
    code, out, err = run_cli(capsys, path, str(KC_FILE), "--wave", "Q1", "--fieldwork-start", "2021-07-01",
                             "--fieldwork-end", "2021-09-30", "--question-map", str(tmp_path / "map.json"))
    assert code != 0
    with KC_FILE.open(newline="", encoding="utf-8") as handle:
        first = next(number for number, row in enumerate(csv.DictReader(handle), start=2)
                     if "9" in (row["q2_06"], row["q5_02"], row["q3_01"]))
    assert f"{first}" in err and "9 is not on the question's scale" in err
    db = Database(path)
    try:
        with db.cursor() as cur:
            assert cur.execute("select (select count(*) from survey_waves) + (select count(*) from survey_answers)"
                               " + (select count(*) from audit_log where action = 'import')").fetchone() == (0,)
    finally:
        db.close()
