"""Residents' free-text survey answers (survey_comments), read only by administrators and the Crime
Prevention officer.

A survey's comments are residents' own words, sometimes naming a street, a neighbour or themselves, so
they are kept apart from the figures and read only by the office (queries/access.OFFICE_READS). The
refusal is here, where they are read, not only on the page: anyone else is refused with
PermissionDenied, nothing returned, and the refusal is on record as a `denied` audit row. Nothing here
imports streamlit.
"""

from __future__ import annotations

import pandas as pd

from queries import access
from queries.actor import Actor
from queries.db import Database

TABLE = "survey_comments"
NOT_KNOWN = "District not known"
COLUMNS = ["wave_id", "wave", "respondent", "district_id", "district", "question", "answer"]


def may_read(actor: Actor) -> bool:
    """Whether the actor may read residents' comments (queries/access.py's rule)."""
    return access.can(actor, "read", TABLE)


def wave_comments(db: Database, actor: Actor, wave_id: int | None, search: str | None = None) -> pd.DataFrame:
    """The comments of wave `wave_id` (None: of every wave, the newest wave's first), by respondent and
    question: wave_id, wave (its name), respondent (their line in the file), district_id, district (its
    name, or "District not known"), question (the file's column, as the survey named it) and answer (as
    the resident wrote it). `search` keeps those whose answer, question or district holds the text, in
    any case. Anyone but an administrator or the Crime Prevention officer is refused and audited."""
    _refuse_unless_allowed(db, actor)
    frame = db.df("survey_comments_of", wave_id=None if wave_id is None else int(wave_id),
                  search=(search or "").strip() or None)
    frame["district"] = frame["district"].astype(object).where(frame["district"].notna(), NOT_KNOWN)
    frame["district_id"] = frame["district_id"].astype("Int64")
    return frame[COLUMNS].reset_index(drop=True)


def _refuse_unless_allowed(db: Database, actor: Actor) -> None:
    try:
        access.authorize_read(actor, TABLE)
    except access.Denied as denied:
        # a read changes nothing a page counts: the cached figures stay as they are
        with db.unit_of_work(actor, figures=False) as uow:
            uow.audit("denied", TABLE, None, detail=f"read: {denied}")
        raise
