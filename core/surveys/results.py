"""Resident survey results people can trust: per wave and district, the share answering favourably on
each measure with its number of answers and 95% margin of error; cells with too few answers
suppressed; changes between waves marked only where they exceed the margins; and how serious
residents rate each problem beside what is on record for it.

The figures are computed in `queries/sql/metric_survey_shares.sql` (shares, margins, suppression) and
`queries/sql/metric_survey_record.sql` (incidents and concerns per 1,000 residents); this module runs
them for a reader's district scope and does the comparisons on top. A suppressed cell has no share and
no margin (NaN in a frame, None in `headline`): every page, download and document says "too few
answers" there. Nothing here imports streamlit.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

import pandas as pd
from dateutil.relativedelta import relativedelta

from core import formatting
from core.entry.concerns import CATEGORIES as CONCERN_CATEGORIES
from core.periods import Period, custom
from core.vocabulary import CONCERN_CATEGORIES as CONCERN_WORDS, SURVEY_MEASURES, in_words
from queries.access import read_scope
from queries.actor import Actor
from queries.db import Database

MIN_ANSWERS = 10            # a cell with fewer answers is "too few answers", never a figure
TOO_FEW = "too few answers"
MEASURES = tuple(SURVEY_MEASURES)       # their order on every page and in every document
KEYS = ["measure", "subject", "district_id", "total"]

# candidates for programs (perception_against_record's `candidate`); their words: core.vocabulary
FEAR_ABOVE_RECORD, RECORD_ABOVE_FEAR = "fear_above_record", "record_above_fear"
RECORD_GAP = 0.25       # "few" / "many" on record: at least a quarter below / above the all-district rate

GLOSSARY = {
    "share": "The share of residents answering favourably on a survey measure (they feel safe, trust the "
             "police, are satisfied, rate a problem as serious, or say yes), weighted by the survey's own "
             "weights where it has them. Answers of \"don't know\" and unanswered questions are left out.",
    "margin": "The margin of error: the share plus or minus this margin holds the true share in 95 surveys "
              "out of 100, allowing for the weights. A district with fewer than 10 answers on a measure is "
              "shown as \"too few answers\", never as a figure.",
    "change": "A change between two waves is marked only where it is larger than the margin of error of the "
              "difference: the square root of the sum of the two waves' squared margins. A smaller change "
              "may be chance.",
    "record": "Recorded per 1,000 residents: the crime incidents of the problem's crime type that occurred in "
              "the period and the community concerns of its category received in the period, divided by the "
              "district's residents and multiplied by 1,000.",
    "candidate": "A district is a candidate for a program where residents rate a problem serious more often "
                 "than in all districts together, by more than the district's margin of error, while at least "
                 "a quarter fewer are on record per 1,000 residents than in all districts together (seen as "
                 "serious, little on record); or the reverse: rated serious less often, by more than the margin, "
                 "while at least a quarter more are on record (much on record, seen as less serious).",
}


def waves(db: Database) -> list[dict]:
    """The survey waves on record, newest first: id, name, fieldwork_start, fieldwork_end, respondents,
    weighted."""
    return db.rows("survey_results_waves")


def shares(db: Database, actor: Actor, wave_id: int) -> pd.DataFrame:
    """One wave's shares: a total row (district_id null, total True) then one row per district, for each
    measure (and each subject of the 'problem' measure), in the districts the actor may see. Columns:
    wave_id, measure, subject, district_id, total, answers, share, margin, suppressed. A district row
    exists only where the district has answers."""
    frame = db.df("metric_survey_shares", wave_id=wave_id, min_answers=MIN_ANSWERS, **read_scope(actor))
    return _in_order(_typed(frame))


def changes(db: Database, actor: Actor, wave_id: int, earlier_wave_id: int) -> pd.DataFrame:
    """Each cell of `wave_id` beside the same cell of `earlier_wave_id`: share_before, share_after,
    margin_before, margin_after, answers_before, answers_after, change (after - before; NaN where either
    is suppressed or missing), change_margin (the square root of the sum of the squared margins) and
    marked (True only where the change is larger than change_margin)."""
    after = shares(db, actor, wave_id)
    before = shares(db, actor, earlier_wave_id)
    merged = after.drop(columns=["wave_id", "suppressed"]).merge(
        before.drop(columns=["wave_id", "suppressed"]), on=KEYS, how="left", suffixes=("_after", "_before"))
    merged["answers_before"] = merged["answers_before"].fillna(0).astype("int64")
    merged.insert(0, "earlier_wave_id", earlier_wave_id)
    merged.insert(0, "wave_id", wave_id)
    merged["change"] = merged["share_after"] - merged["share_before"]
    merged["change_margin"] = (merged["margin_after"] ** 2 + merged["margin_before"] ** 2) ** 0.5
    merged["marked"] = (merged["change"].abs() > merged["change_margin"]).fillna(False).astype(bool)
    columns = ["wave_id", "earlier_wave_id", *KEYS, "answers_before", "answers_after", "share_before",
               "share_after", "margin_before", "margin_after", "change", "change_margin", "marked"]
    return merged[columns]


def perception_against_record(db: Database, actor: Actor, wave_id: int, period: Period) -> pd.DataFrame:
    """For each problem the wave asks about, per district the actor may see and in all: the share rating it
    serious (answers, share, margin, suppressed, as `shares`), beside what is on record in `period`
    (population, incidents of the crime type, concerns of the category, each per 1,000 residents, and
    recorded_per_1000 = both together) and `candidate`: FEAR_ABOVE_RECORD, RECORD_ABOVE_FEAR or None
    (GLOSSARY["candidate"] says the rule)."""
    serious = shares(db, actor, wave_id)
    serious = serious[serious["measure"] == "problem"].drop(columns=["measure"])
    record = db.df("metric_survey_record", wave_id=wave_id, **period.params(), **read_scope(actor))
    record["district_id"] = record["district_id"].astype("Int64")
    table = record.merge(serious, on=["subject", "district_id", "total"], how="left")
    table["wave_id"] = wave_id
    table["answers"] = table["answers"].fillna(0).astype("int64")
    table["suppressed"] = table["answers"] < MIN_ANSWERS
    table.loc[table["suppressed"], ["share", "margin"]] = math.nan
    totals = table[table["total"]].set_index("subject")
    table["candidate"] = pd.Series([_candidate(row, totals.loc[row["subject"]]) if not row["total"] else None
                                    for row in table.to_dict("records")], index=table.index, dtype=object)
    columns = ["wave_id", "subject", "district_id", "total", "answers", "share", "margin", "suppressed",
               "population", "incidents", "concerns", "incidents_per_1000", "concerns_per_1000",
               "recorded_per_1000", "candidate"]
    return table[columns].sort_values(["subject", "total", "district_id"], ascending=[True, False, True],
                                      na_position="first").reset_index(drop=True)


def headline(db: Database, actor: Actor, wave_id: int) -> list[dict]:
    """The wave's headline figures for documents (the all-districts rows): measure, subject, share,
    margin, answers, suppressed; share and margin None where suppressed."""
    frame = shares(db, actor, wave_id)
    rows = frame[frame["total"]][["measure", "subject", "share", "margin", "answers", "suppressed"]]
    return [{key: _plain(value) for key, value in row.items()} for row in rows.to_dict("records")]


def record_period(wave: dict) -> Period:
    """The period the record is counted over beside a wave: the 12 months up to the end of its fieldwork."""
    end = _day(wave["fieldwork_end"])
    start = end - relativedelta(years=1) + timedelta(days=1)
    return custom(start, end, f"the 12 months to {formatting.day(end)}")


def subject_labels(db: Database) -> dict[str, str]:
    """A problem subject in words: a crime type's label, or a concern category's."""
    from core.crime import crime_type_labels

    words = {code: CONCERN_WORDS.get(code, code) for code in CONCERN_CATEGORIES}
    return {**words, **crime_type_labels(db)}


def measure_words(measure: str, subject: Any, subjects: dict[str, str]) -> str:
    """A measure in words; for 'problem', with the problem it asks about: 'Call it a serious problem:
    Burglary / breaking and entering'."""
    words = SURVEY_MEASURES.get(measure) or in_words(measure)
    if _missing(subject) or not subject:
        return words
    return f"{words}: {subjects.get(subject) or in_words(subject)}"


def share_words(share: Any) -> str:
    """A share as every page, download and document writes it: '62%', or "too few answers"."""
    return TOO_FEW if _missing(share) else formatting.percent(100 * share)


def margin_words(margin: Any) -> str:
    """A margin of error in percentage points: '± 5 points', or "too few answers"."""
    if _missing(margin):
        return TOO_FEW
    points = formatting.rounded(100 * margin)
    return f"± {points} point" if points == 1 else f"± {points} points"


def change_words(change: Any, marked: bool) -> str:
    """A change between two waves: 'up 12 points' or 'down 8 points' where it exceeds the margins,
    'no clear change' where it does not, "too few answers" where either wave's cell is suppressed."""
    if _missing(change):
        return TOO_FEW
    if not marked:
        return "no clear change"
    points = formatting.rounded(100 * abs(change))
    return f"{'up' if change > 0 else 'down'} {formatting.plural(points, 'point')}"


def rate_words(rate: Any) -> str:
    """A count per 1,000 residents, one decimal: '2.4'; '–' where the population is not on record."""
    return formatting.hours(rate)


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _candidate(row: dict, total: pd.Series) -> str | None:
    share, margin, rate = row["share"], row["margin"], row["recorded_per_1000"]
    overall, overall_rate = total["share"], total["recorded_per_1000"]
    if any(pd.isna(v) for v in (share, margin, rate, overall, overall_rate)):
        return None
    if share - overall > margin and rate < (1 - RECORD_GAP) * overall_rate:
        return FEAR_ABOVE_RECORD
    if overall - share > margin and rate > (1 + RECORD_GAP) * overall_rate:
        return RECORD_ABOVE_FEAR
    return None


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["district_id"] = frame["district_id"].astype("Int64")
    frame["answers"] = frame["answers"].astype("int64")
    frame["total"] = frame["total"].astype(bool)
    frame["suppressed"] = frame["suppressed"].astype(bool)
    for column in ("share", "margin"):
        frame[column] = frame[column].astype("float64")
    return frame


def _in_order(frame: pd.DataFrame) -> pd.DataFrame:
    order = {measure: number for number, measure in enumerate(MEASURES)}
    ranked = frame.assign(_rank=frame["measure"].map(order))
    ranked = ranked.sort_values(["_rank", "subject", "total", "district_id"], ascending=[True, True, False, True],
                                na_position="first", kind="stable")
    return ranked.drop(columns=["_rank"]).reset_index(drop=True)


def _day(value: Any) -> date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value


def _plain(value: Any) -> Any:
    """numpy scalars as Python numbers, NaN and NA as None (for JSON)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value
