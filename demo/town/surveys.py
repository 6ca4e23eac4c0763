"""Two waves of Millbrook's resident survey, a spring apart, answering to the town's crime and programs.

What the answers respond to (each drawn per respondent from a probability built here):
- feeling safe at night falls with the district's recorded burglaries and thefts from vehicles per
  1,000 residents, and rises in the second wave where the Neighborhood Block Watch and the senior
  crime-prevention talks held the most meetings per 1,000 residents between the two waves;
- how serious a problem is follows the recorded incidents (burglary, theft from vehicle, drugs) or a
  district's character (speeding on the through roads of the outer districts, noise downtown),
  except that the North End fears burglary far beyond its few burglaries (a district to target with
  a crime-prevention talk) and South Meadows, with the most burglaries per 1,000, hardly worries;
- satisfaction with the police is asked only of those who had contact with them; in the second wave
  few South Meadows respondents answered it, a cell too small to show.
The first wave is unweighted, the second carries a weight per respondent (around 1). Don't-know and
missing answers are not stored, as an import leaves them out.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

from demo.town.base import DemoContext, weights

FIELDWORK = ((4, 1), (5, 15))                  # (month, day) the fieldwork starts and ends
RESPONDENTS = (1200, 1100)                      # first wave, second wave
UNKNOWN_AREA = 0.03                             # respondents whose ZIP names no district
SKIPPED = 0.04                                  # a question answered "don't know" or left blank
NIGHT_BASE, NIGHT_SLOPE, NIGHT_RISE = 0.60, 0.9, 0.18
# district: how much more (or less) residents fear burglary than its recorded burglaries suggest
BURGLARY_FEAR = {"D2": 0.35, "D6": -0.25}
SPEEDING = {"D3": 0.50, "D6": 0.45}             # the through roads of the outer districts; else 0.28
NOISE = {"D1": 0.42, "D4": 0.25}                # bars and late parties downtown; else 0.14
SMALL_CELL = ("D6", "satisfied_police", 7)      # second wave: at most this many answers there
PROGRAMS = ("block_watch", "seniors")
COMMENTS = (
    "More patrols on Main Street after the bars close would help.",
    "The block watch meetings made me feel I know my neighbors again.",
    "Cars race down Ridge Road every evening; someone will get hurt.",
    "I worry about break-ins even though I have never had one.",
    "Officers were courteous when I reported my stolen catalytic converter.",
    "Street lights on Canal Street have been out for months.",
    "The senior center talk on scams was very useful.",
    "Please do something about the noise from the parties on Oak Street.",
    "I did not know who to call about the drug dealing near the park.",
    "Thank you for National Night Out, the kids loved it.",
)


class Area(NamedTuple):
    """A district as the survey sees it: its id, the Millbrook district it is like (Millbrook's own
    code; a Lakeport district's archetype) and its residents."""
    id: int
    like: str
    population: int


def town_areas(ctx: DemoContext) -> list[Area]:
    return [Area(d.id, d.code, d.population) for d in ctx.town.districts]


def wave_dates(today: date) -> list[tuple[date, date]]:
    """The latest spring fieldwork that ended before `today`, and the one a year before it."""
    year = today.year if date(today.year, *FIELDWORK[1]) < today else today.year - 1
    return [(date(y, *FIELDWORK[0]), date(y, *FIELDWORK[1])) for y in (year - 1, year)]


def _per_thousand(ctx: DemoContext, areas: list[Area], sql: str, params: dict) -> dict[int, float]:
    counts = dict(ctx.uow.cur.execute(sql, params).fetchall())
    return {a.id: 1000 * counts.get(a.id, 0) / a.population for a in areas}


def _relative(rates: dict[int, float]) -> dict[int, float]:
    """Each district's rate over the town's average (1 where the town recorded none)."""
    mean = sum(rates.values()) / len(rates)
    return {k: (v / mean if mean else 1.0) for k, v in rates.items()}


def _incidents(ctx: DemoContext, areas: list[Area], crime_types: tuple[str, ...]) -> dict[int, float]:
    return _relative(_per_thousand(ctx, areas, """
        select district_id, count(*) from main.incidents
        where list_contains($types, crime_type_code) group by district_id""", {"types": list(crime_types)}))


def _meetings(ctx: DemoContext, areas: list[Area], after: date, before: date) -> dict[int, float]:
    """Block-watch and senior crime-prevention events per 1,000 residents between two days, as a share
    of the district that held the most."""
    rates = _per_thousand(ctx, areas, """
        select district_id, count(*) from main.events
        where list_contains($programs, program_id) and starts_at::date > $after and starts_at::date < $before
        group by district_id""", {"programs": [ctx.programs[k] for k in PROGRAMS], "after": after, "before": before})
    top = max(rates.values())
    return {k: (v / top if top else 0.0) for k, v in rates.items()}


def _answers(rng: np.random.Generator, p: np.ndarray, low: tuple, high: tuple) -> tuple[np.ndarray, np.ndarray]:
    """top_answer drawn with probability p, then an answer on the scale: one of `high` when top,
    else one of `low` (each list with its own weights)."""
    top = rng.random(len(p)) < p
    answer = np.where(top, rng.choice(high[0], size=len(p), p=weights(high[1])),
                      rng.choice(low[0], size=len(p), p=weights(low[1])))
    return answer.astype(float), top


SAFE = (((1, 2, 3), (2, 3.5, 4.5)), ((4, 5), (5.5, 4.5)))      # 1-5, very unsafe .. very safe
SERIOUS = (((1, 2), (4, 6)), ((3,), (1,)))                     # not a problem, minor, serious
YES = (((0,), (1,)), ((1,), (1,)))                             # 1 yes, 0 no


def _wave(areas: list[Area], rng: np.random.Generator, wave_id: int, n: int, second: bool,
          rise: dict[int, float], night: dict[int, float], fear: dict[str, dict[int, float]]) -> pd.DataFrame:
    ids = np.array([a.id for a in areas])
    where = rng.choice(len(ids), size=n, p=weights([a.population for a in areas]))
    district = ids[where].astype(float)
    district[rng.random(n) < UNKNOWN_AREA] = np.nan
    code = np.array([a.like for a in areas], dtype=object)[where]
    weight = np.ones(n)
    if second:
        weight = rng.lognormal(0, 0.35, n)
        weight = np.round(weight / weight.mean(), 3)

    def by(values: dict[int, float]) -> np.ndarray:
        return np.array([values[i] for i in ids[where]])

    # those who fear burglary beyond the record feel less safe at night too
    worry = np.array([max(BURGLARY_FEAR.get(c, 0.0), 0.0) for c in code])
    night_p = NIGHT_BASE - NIGHT_SLOPE * (by(night) - 1) - 0.3 * worry + (NIGHT_RISE * by(rise) if second else 0)
    questions: list[tuple[str, str | None, np.ndarray, tuple]] = [
        ("safe_night", None, night_p, SAFE),
        ("safe_day", None, np.full(n, 0.9), SAFE),
        ("safe_neighbourhood", None, (night_p + 0.9) / 2 + 0.03, SAFE),
        ("trust_police", None, np.full(n, 0.72), SAFE),
    ]
    serious = {
        "burglary": 0.30 * by(fear["burglary"]) + np.array([BURGLARY_FEAR.get(c, 0.0) for c in code]),
        "theft_from_vehicle": 0.32 * by(fear["theft_from_vehicle"]),
        "drug": 0.30 * by(fear["drug"]),
        "speeding": np.array([SPEEDING.get(c, 0.28) for c in code]),
        "noise": np.array([NOISE.get(c, 0.14) for c in code]),
    }
    questions += [("problem", subject, p, SERIOUS) for subject, p in serious.items()]
    contact = rng.random(n) < 0.2
    questions += [("police_contact", None, contact.astype(float), YES),
                  ("victim", None, 0.12 * by(fear["victim"]), YES)]
    frames, answered = [], {}
    for measure, subject, p, scale in questions:
        answer, top = _answers(rng, p if measure == "police_contact" else np.clip(p, 0.03, 0.97), *scale)
        asked = answered[measure] = rng.random(n) >= SKIPPED
        frames.append(pd.DataFrame({"respondent": np.arange(1, n + 1), "district_id": district, "weight": weight,
                                    "measure": measure, "subject": subject, "answer": answer, "top_answer": top,
                                    "code": code})[asked])
    # satisfaction: asked only of those who said they had contact with the police
    answer, top = _answers(rng, np.full(n, 0.66), *SAFE)
    asked = contact & answered["police_contact"] & (rng.random(n) >= SKIPPED)
    small_district, small_measure, most = SMALL_CELL
    if second:        # few of South Meadows' contacted residents answered it
        there = np.nonzero(asked & (code == small_district) & ~np.isnan(district))[0]
        asked[there[most:]] = False
    frames.append(pd.DataFrame({"respondent": np.arange(1, n + 1), "district_id": district, "weight": weight,
                                "measure": small_measure, "subject": None, "answer": answer, "top_answer": top,
                                "code": code})[asked])
    frame = pd.concat(frames, ignore_index=True).drop(columns="code")
    frame.insert(0, "wave_id", wave_id)
    frame["district_id"] = frame["district_id"].astype("Int64")
    return frame.sort_values(["respondent", "measure", "subject"], kind="stable", na_position="first")


def build_surveys(ctx: DemoContext, areas: list[Area] | None = None, respondents: tuple[int, int] = RESPONDENTS,
                  place: str = "Millbrook") -> None:
    """The two waves (Millbrook's districts unless `areas` are given), written with the unit of work's
    bulk insert after the incidents and events they answer to."""
    areas = areas or town_areas(ctx)
    rng = ctx.rng("surveys")
    dates = wave_dates(ctx.today)
    ids = ctx.ids("survey_waves", len(dates))
    night = _incidents(ctx, areas, ("burglary", "theft_from_vehicle"))
    fear = {code: _incidents(ctx, areas, (code,)) for code in ("burglary", "theft_from_vehicle", "drug")}
    fear["victim"] = night
    rise = _meetings(ctx, areas, dates[0][1], dates[1][0])
    answers, comments, waves = [], [], []
    for k, (wave_id, (start, end), n) in enumerate(zip(ids, dates, respondents)):
        frame = _wave(areas, rng, int(wave_id), n, k == 1, rise, night, fear)
        answers.append(frame)
        said = rng.choice(len(COMMENTS), size=6, replace=False)
        who = np.sort(rng.choice(np.arange(1, n + 1), size=6, replace=False))
        comments.append(pd.DataFrame({"wave_id": int(wave_id), "respondent": who, "question": "Q31 Comments",
                                      "answer": [COMMENTS[int(i)] for i in said]}))
        waves.append({"id": int(wave_id), "name": f"{place} Resident Survey {start.year}",
                      "fieldwork_start": start, "fieldwork_end": end,
                      "source_file": f"{place.lower()}_resident_survey_{start.year}.csv",
                      "respondents": int(frame["respondent"].nunique()), "weighted": k == 1})
    ctx.insert("survey_waves", pd.DataFrame(waves))
    ctx.insert("survey_answers", pd.concat(answers, ignore_index=True))
    ctx.insert("survey_comments", pd.concat(comments, ignore_index=True))
