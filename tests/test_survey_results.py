"""Survey results: weighted shares, answers and 95% margins of error per wave and district, small cells
suppressed, changes between waves marked only beyond the margins, a patrol officer's districts only,
and how serious residents rate each problem beside what is on record for it.

Every figure is checked against a computation in plain Python from the rows the test wrote.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime

import pandas as pd
import pytest

from core import periods
from core.surveys import results
from queries.actor import SYSTEM
from tests.conftest import officer

PERIOD = periods.custom(date(2025, 7, 1), date(2026, 6, 30))


def _district(uow, code: str, population: int | None, parent_id: int | None = None) -> int:
    row = {"code": code, "name": f"District {code}", "population": population}
    if parent_id is not None:
        row.update(kind="sector", parent_id=parent_id)
    return uow.insert("districts", row)["id"]


def _wave(uow, name: str, end: date, respondents: int = 0) -> int:
    return uow.insert("survey_waves", {"name": name, "fieldwork_start": end.replace(day=1), "fieldwork_end": end,
                                       "respondents": respondents, "weighted": True})["id"]


def _answer(wave_id, respondent, district_id, weight, measure, top, subject=None, answer=None) -> dict:
    return {"wave_id": wave_id, "respondent": respondent, "district_id": district_id, "weight": weight,
            "measure": measure, "subject": subject, "answer": float(answer if answer is not None else (1 if top else 4)),
            "top_answer": top}


def _store(db, rows: list[dict]) -> None:
    with db.unit_of_work(SYSTEM) as uow:
        uow.bulk_insert("survey_answers", pd.DataFrame(rows), detail="test answers")


@pytest.fixture
def town(db):
    """Districts North (with a sector N1), South and East (no population on record), one weighted wave
    of 160 respondents with random weights and answers; some areas name no district."""
    rng = random.Random(23)
    with db.unit_of_work(SYSTEM) as uow:
        north = _district(uow, "N", 4000)
        south = _district(uow, "S", 2500)
        east = _district(uow, "E", None)
        sector = _district(uow, "N1", None, parent_id=north)
        wave = _wave(uow, "Spring 2026", date(2026, 6, 30), respondents=160)
    areas = [north] * 50 + [sector] * 20 + [south] * 60 + [east] * 9 + [None] * 21
    rows = []
    for respondent, area in enumerate(areas, start=1):
        weight = round(rng.uniform(0.3, 2.7), 3)
        for measure, chance in (("safe_night", 0.55), ("trust_police", 0.7)):
            if rng.random() < 0.9:                   # the rest said "don't know": not stored
                rows.append(_answer(wave, respondent, area, weight, measure, rng.random() < chance))
        for subject, chance in (("burglary", 0.4), ("noise", 0.3)):
            rows.append(_answer(wave, respondent, area, weight, "problem", rng.random() < chance, subject))
    _store(db, rows)
    return {"db": db, "wave": wave, "rows": rows, "north": north, "south": south, "east": east, "sector": sector}


def _top_district(town: dict, district_id):
    return town["north"] if district_id == town["sector"] else district_id


def expected_cells(rows: list[dict], top, districts=None) -> dict:
    """(measure, subject, district or None for the total) -> (answers, share, margin), in plain Python."""
    cells: dict[tuple, list[dict]] = {}
    for row in rows:
        district = top(row["district_id"])
        if districts is not None and district not in districts:
            continue
        cells.setdefault((row["measure"], row["subject"], None), []).append(row)
        if district is not None:
            cells.setdefault((row["measure"], row["subject"], district), []).append(row)
    expected = {}
    for key, members in cells.items():
        weights = [r["weight"] for r in members]
        share = sum(r["weight"] for r in members if r["top_answer"]) / sum(weights)
        n_eff = sum(weights) ** 2 / sum(w * w for w in weights)
        margin = 1.96 * math.sqrt(share * (1 - share) / n_eff)
        expected[key] = (len(members), share, margin) if len(members) >= 10 else (len(members), None, None)
    return expected


def found_cells(frame: pd.DataFrame) -> dict:
    found = {}
    for row in frame.to_dict("records"):
        subject = None if pd.isna(row["subject"]) else row["subject"]
        district = None if row["total"] else int(row["district_id"])
        share = None if pd.isna(row["share"]) else row["share"]
        margin = None if pd.isna(row["margin"]) else row["margin"]
        found[(row["measure"], subject, district)] = (row["answers"], share, margin)
    return found


def _same(found: dict, expected: dict) -> None:
    assert found.keys() == expected.keys()
    for key, (answers, share, margin) in expected.items():
        got = found[key]
        assert got[0] == answers, key
        if share is None:
            assert got[1] is None and got[2] is None, key
        else:
            assert got[1] == pytest.approx(share, abs=1e-12), key
            assert got[2] == pytest.approx(margin, abs=1e-12), key


def test_each_weighted_share_count_and_margin_equals_an_independent_computation(town):
    frame = results.shares(town["db"], SYSTEM, town["wave"])
    _same(found_cells(frame), expected_cells(town["rows"], lambda d: _top_district(town, d)))
    assert set(frame["wave_id"]) == {town["wave"]}
    # East has 9 respondents: every one of its cells is too few answers
    east = frame[frame["district_id"] == town["east"]]
    assert len(east) == 4 and east["suppressed"].all() and east["share"].isna().all() and east["margin"].isna().all()
    # the sector's answers count in its district; the answers of no district in the total only
    assert set(frame["district_id"].dropna()) == {town["north"], town["south"], town["east"]}
    total = frame[(frame["measure"] == "problem") & (frame["subject"] == "noise") & frame["total"]].iloc[0]
    assert total["answers"] == 160
    # totals first, measures in their order
    assert list(dict.fromkeys(frame["measure"])) == ["safe_night", "trust_police", "problem"]


def test_an_unweighted_wave_gives_the_plain_share_and_margin(db, two_districts):
    north, _ = two_districts
    with db.unit_of_work(SYSTEM) as uow:
        wave = _wave(uow, "Unweighted", date(2026, 5, 31))
    _store(db, [_answer(wave, i, north, 1.0, "safe_day", i <= 15) for i in range(1, 21)])
    row = results.shares(db, SYSTEM, wave).iloc[0]
    assert (row["answers"], row["share"]) == (20, 0.75)
    assert row["margin"] == pytest.approx(1.96 * math.sqrt(0.75 * 0.25 / 20))


def test_nine_answers_are_too_few_and_ten_are_enough(db, two_districts):
    north, south = two_districts
    with db.unit_of_work(SYSTEM) as uow:
        wave = _wave(uow, "Small cells", date(2026, 5, 31))
    rows = [_answer(wave, i, north, 1.5, "trust_police", i % 2 == 0) for i in range(9)]
    rows += [_answer(wave, 100 + i, south, 1.5, "trust_police", i % 2 == 0) for i in range(10)]
    _store(db, rows)
    frame = results.shares(db, SYSTEM, wave).set_index("district_id")
    nine, ten = frame.loc[north], frame.loc[south]
    assert (nine["answers"], bool(nine["suppressed"])) == (9, True)
    assert pd.isna(nine["share"]) and pd.isna(nine["margin"])
    assert (ten["answers"], bool(ten["suppressed"])) == (10, False)
    assert ten["share"] == pytest.approx(0.5) and ten["margin"] == pytest.approx(1.96 * math.sqrt(0.25 / 10))
    headline = results.headline(db, SYSTEM, wave)
    assert headline == [{"measure": "trust_police", "subject": None, "share": pytest.approx(10 / 19),
                         "margin": pytest.approx(1.96 * math.sqrt((10 / 19) * (9 / 19) / 19)), "answers": 19,
                         "suppressed": False}]


def test_dont_know_and_missing_answers_are_outside_the_base(db, two_districts):
    """Thirty respondents; twelve answered the night-safety question (the rest said "don't know" or
    left it blank, and the import stored nothing for them): the share is of the twelve."""
    north, _ = two_districts
    with db.unit_of_work(SYSTEM) as uow:
        wave = _wave(uow, "Don't know", date(2026, 5, 31), respondents=30)
    rows = [_answer(wave, i, north, 1.0, "safe_neighbourhood", i <= 20) for i in range(1, 31)]
    rows += [_answer(wave, i, north, 1.0, "safe_night", i <= 6) for i in range(1, 13)]
    _store(db, rows)
    frame = results.shares(db, SYSTEM, wave)
    night = frame[(frame["measure"] == "safe_night") & frame["total"]].iloc[0]
    assert (night["answers"], night["share"]) == (12, 0.5)          # not 6 of 30
    assert night["margin"] == pytest.approx(1.96 * math.sqrt(0.25 / 12))
    assert results.waves(db)[0]["respondents"] == 30


def test_a_change_is_marked_only_where_it_exceeds_the_margin_of_the_difference(db, two_districts):
    north, south = two_districts
    with db.unit_of_work(SYSTEM) as uow:
        before = _wave(uow, "2024", date(2024, 6, 30))
        after = _wave(uow, "2026", date(2026, 6, 30))
    rows = []
    # North: 30% -> 70% feel safe at night (60 answers each): a real change
    rows += [_answer(before, i, north, 1.0, "safe_night", i < 18) for i in range(60)]
    rows += [_answer(after, i, north, 1.0, "safe_night", i < 42) for i in range(60)]
    # South: 50% -> 55% (40 answers each): within the margins
    rows += [_answer(before, 100 + i, south, 1.0, "safe_night", i < 20) for i in range(40)]
    rows += [_answer(after, 100 + i, south, 1.0, "safe_night", i < 22) for i in range(40)]
    # trust: South had 8 answers before (too few), so no change is stated
    rows += [_answer(before, 100 + i, south, 1.0, "trust_police", i < 1) for i in range(8)]
    rows += [_answer(after, 100 + i, south, 1.0, "trust_police", True) for i in range(30)]
    _store(db, rows)

    table = results.changes(db, SYSTEM, after, before)
    cells = {(r["measure"], None if r["total"] else r["district_id"]): r for r in table.to_dict("records")}

    def margin(p, n):
        return 1.96 * math.sqrt(p * (1 - p) / n)

    north_night = cells[("safe_night", north)]
    assert north_night["change"] == pytest.approx(0.4)
    assert north_night["change_margin"] == pytest.approx(math.sqrt(margin(0.3, 60) ** 2 + margin(0.7, 60) ** 2))
    assert north_night["marked"]
    south_night = cells[("safe_night", south)]
    assert south_night["change"] == pytest.approx(0.05)
    assert south_night["change_margin"] == pytest.approx(math.sqrt(margin(0.5, 40) ** 2 + margin(0.55, 40) ** 2))
    assert not south_night["marked"]
    south_trust = cells[("trust_police", south)]
    assert (south_trust["answers_before"], south_trust["answers_after"]) == (8, 30)
    assert pd.isna(south_trust["share_before"]) and pd.isna(south_trust["change"]) and not south_trust["marked"]
    total_night = cells[("safe_night", None)]
    assert total_night["change"] == pytest.approx(64 / 100 - 38 / 100)
    assert total_night["marked"] == (abs(total_night["change"]) > math.sqrt(
        margin(0.38, 100) ** 2 + margin(0.64, 100) ** 2))
    assert [w["id"] for w in results.waves(db)] == [after, before]          # newest first


def test_a_patrol_officer_sees_only_their_own_districts_cells(town):
    db, north = town["db"], town["north"]
    patrol = officer(7, north)
    frame = results.shares(db, patrol, town["wave"])
    assert set(frame["district_id"].dropna()) == {north}
    # the officer's total is their districts' answers only (the sector's among them: the officer's
    # districts are N; a sector's answers are in scope only when the officer holds the sector too)
    mine = [r for r in town["rows"] if r["district_id"] == north]
    _same(found_cells(frame), expected_cells(mine, lambda d: d))
    table = results.perception_against_record(db, patrol, town["wave"], PERIOD)
    assert set(table["district_id"].dropna()) == {north}
    assert results.headline(db, patrol, town["wave"])[0]["answers"] == len(
        [r for r in mine if r["measure"] == "safe_night"])
    changes = results.changes(db, patrol, town["wave"], town["wave"])
    assert set(changes["district_id"].dropna()) == {north}


def _record(db, north: int, south: int, sector: int) -> dict:
    """Incidents and concerns in and around PERIOD; returns what an independent count expects."""
    def at(day):
        return datetime(day.year, day.month, day.day, 21, 30)

    incidents = [
        ("B1", date(2025, 7, 1), "burglary", north), ("B2", date(2026, 6, 30), "burglary", sector),
        ("B3", date(2026, 1, 5), "burglary", south), ("B4", date(2026, 2, 5), "burglary", south),
        ("B5", date(2026, 3, 5), "burglary", south), ("B6", date(2025, 6, 30), "burglary", north),   # before
        ("B7", date(2026, 7, 1), "burglary", south),                                                # after
        ("B8", date(2026, 1, 1), "burglary", None),                                                 # no district
        ("L1", date(2026, 1, 1), "larceny", north), ("L2", date(2026, 1, 2), None, north),          # other types
    ] + [(f"S{i}", date(2026, 4, 1), "burglary", south) for i in range(7)]
    frame = pd.DataFrame([{"incident_number": number, "occurred_at": at(day), "crime_type_code": crime,
                           "district_id": district, "offense": "X", "imported_at": datetime(2026, 7, 2)}
                          for number, day, crime, district in incidents])
    with db.unit_of_work(SYSTEM) as uow:
        uow.bulk_insert("incidents", frame, detail="test incidents")
        for day, category, district in ((date(2025, 8, 1), "noise", north), (date(2026, 2, 1), "noise", north),
                                        (date(2026, 3, 1), "noise", sector), (date(2026, 3, 2), "noise", south),
                                        (date(2025, 6, 1), "noise", north), (date(2026, 3, 3), "blight", north)):
            uow.insert("concerns", {"received_on": day, "channel": "phone", "category": category,
                                    "description": "Loud music at night", "district_id": district})
    counted = {}
    for _, day, crime, district in incidents:
        top = north if district == sector else district
        if crime == "burglary" and top is not None and day in PERIOD:
            counted[("burglary", top, "incidents")] = counted.get(("burglary", top, "incidents"), 0) + 1
    return counted


def test_perception_against_record_for_a_district_equals_an_independent_count(town):
    db = town["db"]
    north, south, east, sector = town["north"], town["south"], town["east"], town["sector"]
    counted = _record(db, north, south, sector)
    table = results.perception_against_record(db, SYSTEM, town["wave"], PERIOD)
    rows = {(r["subject"], None if r["total"] else r["district_id"]): r for r in table.to_dict("records")}
    assert set(rows) == {(s, d) for s in ("burglary", "noise") for d in (None, north, south, east)}
    shares = expected_cells(town["rows"], lambda d: _top_district(town, d))

    expected = {  # subject, district -> (incidents, concerns, population)
        ("burglary", north): (counted[("burglary", north, "incidents")], 0, 4000),
        ("burglary", south): (counted[("burglary", south, "incidents")], 0, 2500),
        ("burglary", east): (0, 0, None),
        ("noise", north): (0, 3, 4000), ("noise", south): (0, 1, 2500), ("noise", east): (0, 0, None)}
    assert expected[("burglary", north)][0] == 2 and expected[("burglary", south)][0] == 10
    for (subject, district), (incidents, concerns, population) in expected.items():
        row = rows[(subject, district)]
        assert (row["incidents"], row["concerns"]) == (incidents, concerns), (subject, district)
        if population is None:
            assert pd.isna(row["population"]) and pd.isna(row["recorded_per_1000"])
        else:
            assert row["population"] == population
            assert row["incidents_per_1000"] == pytest.approx(1000 * incidents / population)
            assert row["concerns_per_1000"] == pytest.approx(1000 * concerns / population)
            assert row["recorded_per_1000"] == pytest.approx(1000 * (incidents + concerns) / population)
        answers, share, margin = shares[("problem", subject, district)]
        assert row["answers"] == answers
        assert (None if pd.isna(row["share"]) else row["share"]) == (None if share is None else pytest.approx(share))
    # all districts: every district's count, and a rate over the districts with a population
    burglary = rows[("burglary", None)]
    assert (burglary["incidents"], burglary["population"]) == (12, 6500)
    assert burglary["recorded_per_1000"] == pytest.approx(1000 * 12 / 6500)
    noise = rows[("noise", None)]
    assert (noise["concerns"], noise["recorded_per_1000"]) == (4, pytest.approx(1000 * 4 / 6500))
    assert rows[("burglary", None)]["answers"] == 160


def test_districts_where_fear_and_the_record_disagree_are_candidates(db, two_districts):
    north, south = two_districts
    with db.unit_of_work(SYSTEM) as uow:
        uow.update("districts", north, 1, {"population": 1000})
        uow.update("districts", south, 1, {"population": 1000})
        wave = _wave(uow, "Fear", date(2026, 6, 30))
        extra = uow.insert("districts", {"code": "W", "name": "West", "population": 1000})["id"]
    rows = []
    # burglary: North 80% serious, South 20%, West 50%; all districts 50%
    for district, serious, base in ((north, 32, 0), (south, 8, 100), (extra, 20, 200)):
        rows += [_answer(wave, base + i, district, 1.0, "problem", i < serious, "burglary") for i in range(40)]
    _store(db, rows)
    _record(db, north, south, sector=north)       # burglaries in the period: North 2, South 10, West 0
    table = results.perception_against_record(db, SYSTEM, wave, PERIOD)
    candidates = {r["district_id"]: r["candidate"] for r in table.to_dict("records") if not r["total"]}
    # North: rated serious 30 points above all districts (margin 12 points) with 2 per 1,000 against 4
    # West: 50% serious is not above all districts; 0 per 1,000 is below: not a candidate
    assert candidates == {north: results.FEAR_ABOVE_RECORD, south: results.RECORD_ABOVE_FEAR, extra: None}
    total = table[table["total"]].iloc[0]
    assert total["recorded_per_1000"] == pytest.approx(1000 * 12 / 3000)


def test_a_district_with_too_few_answers_is_no_candidate(db, two_districts):
    north, south = two_districts
    with db.unit_of_work(SYSTEM) as uow:
        uow.update("districts", north, 1, {"population": 1000})
        uow.update("districts", south, 1, {"population": 1000})
        wave = _wave(uow, "Few", date(2026, 6, 30))
    rows = [_answer(wave, i, north, 1.0, "problem", True, "burglary") for i in range(9)]
    rows += [_answer(wave, 100 + i, south, 1.0, "problem", i < 5, "burglary") for i in range(40)]
    _store(db, rows)
    table = results.perception_against_record(db, SYSTEM, wave, PERIOD)
    row = table[table["district_id"] == north].iloc[0]
    assert (row["answers"], bool(row["suppressed"]), row["candidate"]) == (9, True, None)
    assert pd.isna(row["share"]) and pd.isna(row["margin"])


def test_the_record_period_is_the_twelve_months_to_the_end_of_fieldwork():
    period = results.record_period({"fieldwork_end": date(2026, 6, 30)})
    assert (period.start, period.end, period.label) == (date(2025, 7, 1), date(2026, 6, 30),
                                                        "the 12 months to 30 Jun 2026")


def test_no_wave_means_no_rows(db):
    assert results.waves(db) == []
    assert results.shares(db, SYSTEM, 1).empty
    assert results.headline(db, SYSTEM, 1) == []


def test_a_record_within_a_quarter_of_all_districts_makes_no_candidate(db, two_districts):
    """North fears burglary far more than South, but its 9 burglaries per 1,000 residents are not a
    quarter below the 10 of all districts (nor South's 11 a quarter above): neither is a candidate."""
    north, south = two_districts
    with db.unit_of_work(SYSTEM) as uow:
        uow.update("districts", north, 1, {"population": 1000})
        uow.update("districts", south, 1, {"population": 1000})
        wave = _wave(uow, "Near", date(2026, 6, 30))
    rows = [_answer(wave, i, north, 1.0, "problem", i < 32, "burglary") for i in range(40)]
    rows += [_answer(wave, 100 + i, south, 1.0, "problem", i < 8, "burglary") for i in range(40)]
    _store(db, rows)
    frame = pd.DataFrame([{"incident_number": f"N{i}", "occurred_at": datetime(2026, 1, 1, 12),
                           "crime_type_code": "burglary", "district_id": north if i < 9 else south,
                           "imported_at": datetime(2026, 7, 1)} for i in range(20)])
    with db.unit_of_work(SYSTEM) as uow:
        uow.bulk_insert("incidents", frame, detail="test incidents")
    table = results.perception_against_record(db, SYSTEM, wave, PERIOD)
    rates = {r["district_id"]: (r["recorded_per_1000"], r["candidate"]) for r in table.to_dict("records")
             if not r["total"]}
    assert rates == {north: (pytest.approx(9.0), None), south: (pytest.approx(11.0), None)}
