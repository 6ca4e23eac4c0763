"""Millbrook's two resident survey waves: stored as designed, and answering plausibly to the town's
crime and programs. Every figure here is counted straight from the stored rows, not through the
survey results module."""

from __future__ import annotations

import math
from datetime import date

import pytest

from demo.town import build_demo
from queries.db import Database

TODAY = date(2026, 11, 15)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    database = Database(tmp_path_factory.mktemp("survey_demo") / "demo.duckdb")
    build_demo(database, seed=2026, today=TODAY)
    yield database
    database.close()


def rows(db: Database, sql: str, **params) -> list[dict]:
    with db.cursor() as cur:
        result = cur.execute(sql, params or None)
        names = [d[0] for d in result.description]
        return [dict(zip(names, r)) for r in result.fetchall()]


def waves(db):
    return rows(db, "select * from survey_waves order by fieldwork_start")


def share(db, wave_id: int, measure: str, district: str | None = None, subject: str | None = None) -> dict:
    """Weighted share answering the top answer, its unweighted answers and a 95% margin (Kish's
    effective sample size), counted from survey_answers."""
    found = rows(db, """
        select a.weight, a.top_answer from survey_answers a left join districts d on d.id = a.district_id
        where a.wave_id = $w and a.measure = $m and ($s::varchar is null or a.subject = $s::varchar)
          and ($d::varchar is null or d.code = $d::varchar)""", w=wave_id, m=measure, s=subject, d=district)
    weights = [r["weight"] for r in found]
    p = sum(r["weight"] for r in found if r["top_answer"]) / sum(weights)
    effective = sum(weights) ** 2 / sum(w * w for w in weights)
    return {"share": p, "answers": len(found), "margin": 1.96 * math.sqrt(p * (1 - p) / effective)}


def per_thousand(db, crime_type: str, start: date, end: date) -> dict[str, float]:
    found = rows(db, """
        select d.code, d.population, count(i.id) as n from districts d
        left join incidents i on i.district_id = d.id and i.crime_type_code = $t
             and i.occurred_at::date between $a and $b
        group by d.code, d.population""", t=crime_type, a=start, b=end)
    return {r["code"]: 1000 * r["n"] / r["population"] for r in found}


def test_two_waves_a_year_apart_in_spring_the_later_one_weighted(db):
    first, second = waves(db)
    assert (first["fieldwork_start"], second["fieldwork_start"]) == (date(2025, 4, 1), date(2026, 4, 1))
    assert first["fieldwork_end"] < second["fieldwork_start"] and second["fieldwork_end"] < TODAY
    assert not first["weighted"] and second["weighted"]
    weights = rows(db, """select wave_id, min(weight) lo, max(weight) hi, avg(weight) mean, count(distinct respondent) n
                          from survey_answers group by wave_id order by wave_id""")
    assert weights[0]["lo"] == weights[0]["hi"] == 1
    assert weights[1]["lo"] < 0.8 and weights[1]["hi"] > 1.2 and weights[1]["mean"] == pytest.approx(1, abs=0.1)
    for wave, counted in zip((first, second), weights):
        assert wave["respondents"] == counted["n"] > 500
    measures = {r["measure"] for r in rows(db, "select distinct measure from survey_answers")}
    assert measures == {"safe_neighbourhood", "safe_day", "safe_night", "trust_police", "satisfied_police",
                        "problem", "police_contact", "victim"}
    subjects = {r["subject"] for r in rows(db, "select distinct subject from survey_answers where subject is not null")}
    assert subjects == {"burglary", "theft_from_vehicle", "speeding", "drug", "noise"}
    unknown = rows(db, "select count(distinct respondent) n from survey_answers where district_id is null")[0]["n"]
    assert unknown > 0
    comments = rows(db, "select wave_id, count(*) n from survey_comments group by wave_id")
    assert len(comments) == 2 and all(3 <= c["n"] <= 12 for c in comments)


def test_feeling_safe_at_night_is_lowest_where_burglaries_and_thefts_are_highest(db):
    first, _ = waves(db)
    year_before = (date(2024, 4, 1), date(2025, 3, 31))
    burglary = per_thousand(db, "burglary", *year_before)
    thefts = per_thousand(db, "theft_from_vehicle", *year_before)
    crime = {code: burglary[code] + thefts[code] for code in burglary}
    safest = max(crime, key=lambda c: share(db, first["id"], "safe_night", c)["share"])
    least = min(crime, key=lambda c: share(db, first["id"], "safe_night", c)["share"])
    assert crime[least] > crime[safest]
    assert crime[least] == max(crime.values())


def test_a_district_fears_burglary_with_few_burglaries_and_one_the_reverse(db):
    _, second = waves(db)
    rates = per_thousand(db, "burglary", date(2025, 4, 1), date(2026, 3, 31))
    town = share(db, second["id"], "problem", subject="burglary")["share"]
    town_rate = sum(rates.values()) / len(rates)
    serious = {code: share(db, second["id"], "problem", code, "burglary") for code in rates}
    # the North End: residents call burglary serious, and it has the fewest burglaries per 1,000
    north = serious["D2"]
    assert north["share"] - north["margin"] > town and rates["D2"] == min(rates.values()) < 0.7 * town_rate
    # South Meadows: the most burglaries per 1,000, and the fewest residents who call it serious
    south = serious["D6"]
    assert south["share"] + south["margin"] < town and rates["D6"] == max(rates.values()) > 1.2 * town_rate


def test_night_safety_rises_most_where_block_watch_and_senior_talks_were_held(db):
    first, second = waves(db)
    held = {r["code"]: r["n"] / r["population"] * 1000 for r in rows(db, """
        select d.code, d.population, count(e.id) n from districts d
        left join events e on e.district_id = d.id and e.starts_at::date > $a and e.starts_at::date < $b
             and e.program_id in (select id from programs where name in
                 ('Neighborhood Block Watch', 'Senior Crime Prevention: Scams & Fraud'))
        group by d.code, d.population""", a=first["fieldwork_end"], b=second["fieldwork_start"])}
    most, fewest = max(held, key=held.get), min(held, key=held.get)
    before, after = share(db, first["id"], "safe_night", most), share(db, second["id"], "safe_night", most)
    assert after["share"] - before["share"] > math.hypot(before["margin"], after["margin"])
    rise = {code: share(db, second["id"], "safe_night", code)["share"]
            - share(db, first["id"], "safe_night", code)["share"] for code in held}
    assert rise[most] > rise[fewest]


def test_one_cell_has_too_few_answers(db):
    _, second = waves(db)
    small = rows(db, """select d.code, count(*) n from survey_answers a join districts d on d.id = a.district_id
                        where a.wave_id = $w and a.measure = 'satisfied_police' group by d.code""", w=second["id"])
    assert any(r["n"] < 10 for r in small) and any(r["n"] >= 10 for r in small)
    # only respondents who had contact with the police rate their satisfaction
    stray = rows(db, """select count(*) n from survey_answers s where s.measure = 'satisfied_police'
                        and not exists (select 1 from survey_answers c where c.wave_id = s.wave_id
                            and c.respondent = s.respondent and c.measure = 'police_contact' and c.top_answer)""")
    assert stray[0]["n"] == 0


def test_a_program_names_night_safety_as_its_goal(db):
    goal = rows(db, """select p.name, g.target_value from program_goals g join programs p on p.id = g.program_id
                       where g.measure = 'survey:safe_night'""")
    assert [g["name"] for g in goal] == ["Neighborhood Block Watch"]
