"""Drafts, submission, reopening and acknowledgement of reports.

A draft keeps only the narrative; its figures are assembled from the data
each time it is shown. Submitting freezes the assembled report (figures and
narrative) into `snapshot_json`; from then on the report is rendered from the
snapshot, so later data edits do not change it. Only an administrator can
reopen a submitted report (queries/access.py refuses everyone else), and the
reopening is on record with its reason.
"""

from __future__ import annotations

import json

from core import clock
from core.periods import Period
from queries.actor import Actor
from queries.db import Database
from queries.errors import DataError, NotFound, ValidationError
from reports.monthly import NARRATIVE, assemble_report, to_json

MAX_NARRATIVE = 10_000


def stored_report(db: Database, period: Period) -> dict | None:
    return db.one("monthly_report_by_period", **period.params())


def clean_narrative(values: dict) -> dict:
    """Trimmed narrative texts; too long ones are refused by field."""
    cleaned, problems = {}, {}
    for key, label in NARRATIVE:
        text = (values.get(key) or "").strip()
        if len(text) > MAX_NARRATIVE:
            problems[key] = f"{label} is {len(text):,} characters; at most {MAX_NARRATIVE:,} fit in the report."
        cleaned[key] = text or None
    if problems:
        raise ValidationError(problems)
    return cleaned


def save_narrative(db: Database, actor: Actor, period: Period, values: dict,
                   version: int | None) -> dict:
    """Create or update the draft's narrative. `version` is the one read (None for a new draft)."""
    cleaned = clean_narrative(values)
    with db.unit_of_work(actor) as uow:
        existing = stored_report(db, period)
        if existing is None:
            return uow.insert("monthly_reports", {"period_start": period.start, "period_end": period.end,
                                                  "period_label": period.label, **cleaned})
        return uow.update("monthly_reports", existing["id"], version if version is not None
                          else -1, cleaned)


def submit(db: Database, actor: Actor, period: Period, prepared_by: str, version: int | None) -> dict:
    """Freeze the report as it stands now. `version`: the draft's version read (None: no draft yet)."""
    with db.unit_of_work(actor) as uow:
        existing = stored_report(db, period)
        if existing is None:
            if version is not None:
                raise NotFound("monthly_reports", period.key)
            existing = uow.insert("monthly_reports", {"period_start": period.start, "period_end": period.end,
                                                      "period_label": period.label})
            version = existing["version"]
        elif existing["status"] == "submitted":
            raise DataError(f"The report for {period.label} was already submitted on "
                            f"{clock.stamp(db, existing['submitted_at'])} by {existing['submitted_by']}.")
        report = assemble_report(db, period, actor, prepared_by, stored=existing)
        report["status"] = "submitted"
        report["header"]["submitted_by"] = prepared_by
        report["header"]["submitted_at"] = clock.stamp(db, uow.now)
        row = uow.update("monthly_reports", existing["id"], version, {
            "status": "submitted", "snapshot_json": to_json(report),
            "submitted_by": actor.username, "submitted_at": uow.now})
        uow.audit("submit", "monthly_reports", row["id"], detail=f"submitted report for {period.label}")
        return row


def reopen(db: Database, actor: Actor, report_id: int, version: int, reason: str) -> dict:
    """Back to draft (administrators only); the snapshot is discarded and the reason audited."""
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError({"reason": "Say why the report is reopened (at least 5 characters)."})
    with db.unit_of_work(actor) as uow:
        before = uow.row("monthly_reports", report_id)
        if before is None or before["deleted_at"] is not None:
            raise NotFound("monthly_reports", report_id)
        if before["status"] != "submitted":
            raise DataError("This report is a draft; there is nothing to reopen.")
        row = uow.update("monthly_reports", report_id, version, {
            "status": "draft", "snapshot_json": None, "submitted_by": None, "submitted_at": None})
        uow.audit("reopen", "monthly_reports", report_id, detail=f"reopened: {reason}")
        return row


def acknowledge(db: Database, actor: Actor, report_id: int) -> dict:
    """The signed-in command officer acknowledges a submitted report (once)."""
    report = db.one("monthly_report_by_id", id=report_id)
    if report is None or report["status"] != "submitted":
        raise DataError("Only a submitted report can be acknowledged.")
    with db.unit_of_work(actor) as uow:
        if uow.row("report_acknowledgements", {"report_id": report_id, "user_id": actor.user_id}):
            raise DataError("You have already acknowledged this report.")
        row = uow.insert("report_acknowledgements", {"report_id": report_id, "user_id": actor.user_id,
                                                     "acknowledged_at": uow.now})
        uow.audit("acknowledge", "monthly_reports", report_id, detail=f"acknowledged {report['period_label']}")
        return row


def snapshot(row: dict) -> dict:
    """The frozen report of a submitted row."""
    if row.get("status") != "submitted" or not row.get("snapshot_json"):
        raise DataError("This report has not been submitted, so it has no frozen copy.")
    return json.loads(row["snapshot_json"])


def history(db: Database, actor: Actor) -> list[dict]:
    return db.rows("monthly_reports_submitted", user_id=actor.user_id)


def report_row(db: Database, report_id: int) -> dict | None:
    """A monthly report as stored now (its status and frozen copy), or None."""
    return db.one("monthly_report_by_id", id=report_id)
