"""Survey waves for page and browser tests of the Community perception page: two waves over the
districts of a database (the demo town), written through the gateway, unless it holds waves already.

Each district gets 40 to 120 respondents a wave with random weights, answering every measure (some
answers left out, as a "don't know" is); the last district has only 9 respondents, a cell too small to
show; burglary is feared most where it is rarest, so the perception table lists candidates.
"""

from __future__ import annotations

import random
from datetime import date

import pandas as pd

from queries.actor import SYSTEM
from queries.db import Database

MEASURES = {"safe_neighbourhood": 0.75, "safe_day": 0.85, "safe_night": 0.5, "trust_police": 0.65,
            "satisfied_police": 0.6, "police_contact": 0.3, "victim": 0.12}
PROBLEMS = {"burglary": 0.4, "theft_from_vehicle": 0.45, "speeding": 0.5, "noise": 0.3, "drug_activity": 0.35}
WAVES = (("Resident survey 2024", date(2024, 4, 1), date(2024, 5, 15)),
         ("Resident survey 2026", date(2026, 4, 1), date(2026, 5, 15)))


def ensure_waves(db: Database, seed: int = 23) -> list[int]:
    """The ids of the waves on record, after adding two when there are none."""
    with db.cursor() as cur:
        found = [r[0] for r in cur.execute("select id from survey_waves where deleted_at is null order by id").fetchall()]
        districts = [r[0] for r in cur.execute(
            "select id from districts where deleted_at is null and kind = 'district' order by code").fetchall()]
    if found:
        return found
    rng = random.Random(seed)
    rows, ids = [], []
    for number, (name, start, end) in enumerate(WAVES):
        with db.unit_of_work(SYSTEM) as uow:
            wave = uow.insert("survey_waves", {"name": name, "fieldwork_start": start, "fieldwork_end": end,
                                               "source_file": f"{name.lower().replace(' ', '_')}.csv",
                                               "weighted": True})["id"]
        ids.append(wave)
        respondent = 0
        for place, district in enumerate(districts):
            people = 9 if place == len(districts) - 1 else rng.randint(40, 120)
            lift = (place - len(districts) / 2) * 0.04
            for _ in range(people):
                respondent += 1
                weight = round(rng.uniform(0.5, 1.8), 3)
                for measure, chance in MEASURES.items():
                    if rng.random() < 0.93:
                        rows.append(_row(wave, respondent, district, weight, measure, None,
                                         rng.random() < chance + lift + 0.08 * number))
                for subject, chance in PROBLEMS.items():
                    if rng.random() < 0.95:
                        rows.append(_row(wave, respondent, district, weight, "problem", subject,
                                         rng.random() < chance - lift))
        with db.unit_of_work(SYSTEM) as uow:
            uow.update("survey_waves", wave, 1, {"respondents": respondent})
    with db.unit_of_work(SYSTEM) as uow:
        uow.bulk_insert("survey_answers", pd.DataFrame(rows), detail="survey page test waves")
    return ids


def _row(wave, respondent, district, weight, measure, subject, top) -> dict:
    return {"wave_id": wave, "respondent": respondent, "district_id": district, "weight": weight,
            "measure": measure, "subject": subject, "answer": 1.0 if top else 4.0, "top_answer": bool(top)}
