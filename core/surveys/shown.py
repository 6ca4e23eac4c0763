"""The survey results as the Community perception page shows and downloads them: each row's place
and measure named, shares, margins and changes in words. Made once per wave and reader (the page
reads them through components/figures.cached, so again after each save) rather than on every
rerun: a large city's wave has thousands of district rows, and writing them out was a third of
the page's rerun."""

from __future__ import annotations

import pandas as pd

from core.districts import all_districts
from core.periods import Period
from core.surveys import results
from core.vocabulary import labelled
from queries.access import scoped
from queries.actor import Actor
from queries.db import Database


def _places(db: Database, actor: Actor, frame: pd.DataFrame) -> list[str]:
    """Each row's place: its district's name, or the all-district row's (all_places)."""
    names = {row["id"]: row["name"] for row in all_districts(db)}
    everyone = all_places(actor)
    return [everyone if total else names.get(int(d), "–") for total, d in zip(frame["total"], frame["district_id"])]


def _named(db: Database, actor: Actor, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (rows of results.shares or results.changes) with its `place` and `what` (the measure
    in words)."""
    subjects = results.subject_labels(db)
    return frame.assign(place=_places(db, actor, frame),
                        what=[results.measure_words(m, s, subjects) for m, s in zip(frame["measure"], frame["subject"])])


def all_places(actor: Actor) -> str:
    """What the row of every district the reader sees is called."""
    return "Your districts" if scoped(actor) else "All districts"


def named_shares(db: Database, actor: Actor, wave_id: int) -> pd.DataFrame:
    """results.shares of the wave, each row's place and measure named (the chart's data)."""
    return _named(db, actor, results.shares(db, actor, wave_id))


def results_in_words(db: Database, actor: Actor, wave_id: int, earlier_wave_id: int | None) -> pd.DataFrame:
    """Every measure by district as the results table reads: share, margin of error, answers, and the
    change since the wave before when there is one."""
    if earlier_wave_id is not None:
        frame = results.changes(db, actor, wave_id, earlier_wave_id).rename(
            columns={"share_after": "share", "margin_after": "margin", "answers_after": "answers"})
    else:
        frame = results.shares(db, actor, wave_id)
    frame = _named(db, actor, frame)
    shown = pd.DataFrame({
        "Measure": frame["what"], "District": frame["place"],
        "Share": frame["share"].map(results.share_words), "Margin of error": frame["margin"].map(results.margin_words),
        "Answers": frame["answers"].astype("int64")})
    if earlier_wave_id is not None:
        shown["Change since the wave before"] = [results.change_words(c, m)
                                                 for c, m in zip(frame["change"], frame["marked"])]
    return shown


def perception_in_words(db: Database, actor: Actor, wave_id: int, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    """results.perception_against_record with each row's `place` and `problem` named; and the same
    rows as the table reads them."""
    table = results.perception_against_record(db, actor, wave_id, period)
    if table.empty:
        return table, pd.DataFrame()
    subjects = results.subject_labels(db)
    table = table.assign(place=_places(db, actor, table), problem=table["subject"].map(lambda s: subjects.get(s, s)))
    shown = labelled(pd.DataFrame({
        "Problem": table["problem"], "District": table["place"], "Candidate for a program": table["candidate"],
        "Rate it serious": table["share"].map(results.share_words),
        "Margin of error": table["margin"].map(results.margin_words),
        "Answers": table["answers"].astype("int64"), "Incidents": table["incidents"].astype("int64"),
        "Concerns": table["concerns"].astype("int64"),
        "On record per 1,000 residents": table["recorded_per_1000"].map(results.rate_words)}),
        **{"Candidate for a program": "survey_candidate"})
    return table, shown
