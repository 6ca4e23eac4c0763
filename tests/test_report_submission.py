"""Drafts, submission snapshots, admin-only reopening and command acknowledgements."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from core.periods import parse_period
from queries.actor import Actor
from queries.errors import DataError, PermissionDenied, ValidationError
from reports import submission
from reports.monthly import assemble_report

OCTOBER = parse_period("2026-10")


def actor(db, username: str) -> Actor:
    with db.cursor() as cur:
        user_id, role = cur.execute("select id, role from main.users where username = $u", {"u": username}).fetchone()
    return Actor(username=username, role=role, user_id=user_id)


def audit(db, action: str) -> list[tuple]:
    with db.cursor() as cur:
        return cur.execute("select username, table_name, record_id, detail from main.audit_log "
                           "where action = $a order by id", {"a": action}).fetchall()


def stored(db) -> dict:
    return submission.stored_report(db, OCTOBER)


def test_the_narrative_is_kept_per_period_and_refused_when_too_long(demo_db):
    cpo = actor(demo_db, "cpo")
    row = submission.save_narrative(demo_db, cpo, OCTOBER, {"highlights": "  Bike rodeo at Union Park.  "}, None)
    assert (row["highlights"], row["period_label"], row["status"]) == ("Bike rodeo at Union Park.", "October 2026",
                                                                        "draft")
    row = submission.save_narrative(demo_db, cpo, OCTOBER, {"highlights": "Changed", "media": "Two articles"},
                                    row["version"])
    assert (stored(demo_db)["highlights"], stored(demo_db)["media"]) == ("Changed", "Two articles")
    with pytest.raises(ValidationError) as refused:
        submission.save_narrative(demo_db, cpo, OCTOBER, {"training": "x" * 10_001}, row["version"])
    assert "training" in refused.value.problems
    assert stored(demo_db)["training"] is None and stored(demo_db)["version"] == row["version"]
    assert assemble_report(demo_db, OCTOBER, cpo)["narrative"]["highlights"] == "Changed"


def test_a_stale_narrative_save_is_a_conflict_that_keeps_the_current_values(demo_db):
    from queries.errors import ConflictError

    cpo = actor(demo_db, "cpo")
    first = submission.save_narrative(demo_db, cpo, OCTOBER, {"highlights": "A"}, None)
    submission.save_narrative(demo_db, cpo, OCTOBER, {"highlights": "B"}, first["version"])
    with pytest.raises(ConflictError) as conflict:
        submission.save_narrative(demo_db, cpo, OCTOBER, {"highlights": "C"}, first["version"])
    assert conflict.value.current["highlights"] == "B"


def test_a_submitted_snapshot_does_not_change_when_the_data_changes(demo_db):
    cpo = actor(demo_db, "cpo")
    draft = submission.save_narrative(demo_db, cpo, OCTOBER, {"highlights": "Frozen words"}, None)
    row = submission.submit(demo_db, cpo, OCTOBER, "Sgt. Dana Reyes", draft["version"])
    frozen = submission.snapshot(row)
    assert frozen["status"] == "submitted" and frozen["narrative"]["highlights"] == "Frozen words"
    assert audit(demo_db, "submit")[-1][:3] == ("cpo", "monthly_reports", str(row["id"]))

    # the data changes afterwards: a new event in October, a deleted one, a new concern
    with demo_db.unit_of_work(cpo) as uow:
        program = demo_db.rows("districts_list")[0]  # any district
        uow.insert("events", {"program_id": 1, "starts_at": datetime(2026, 10, 20, 18), "ends_at":
                              datetime(2026, 10, 20, 20), "district_id": program["id"], "headcount_adult": 500})
        with demo_db.cursor() as cur:
            victim = cur.execute("select id, version from main.events where starts_at >= '2026-10-01' "
                                 "and starts_at < '2026-11-01' and deleted_at is null limit 1").fetchone()
        uow.delete("events", victim[0], victim[1])
    with pytest.raises(PermissionDenied, match="only an administrator can reopen"):
        submission.save_narrative(demo_db, cpo, OCTOBER, {"highlights": "Rewritten"}, row["version"])
    assert audit(demo_db, "denied")[-1][1] == "monthly_reports"

    again = stored(demo_db)
    assert json.loads(again["snapshot_json"]) == frozen
    assert again["highlights"] == "Frozen words"
    live = assemble_report(demo_db, OCTOBER, cpo)
    assert live["attendance_total"] != frozen["attendance_total"]
    with pytest.raises(DataError, match="already submitted"):
        submission.submit(demo_db, cpo, OCTOBER, "Sgt. Dana Reyes", again["version"])


def test_only_an_admin_reopens_and_the_reason_is_audited(demo_db):
    cpo, admin, command = actor(demo_db, "cpo"), actor(demo_db, "admin"), actor(demo_db, "commander")
    row = submission.submit(demo_db, cpo, OCTOBER, "Sgt. Dana Reyes", None)
    for who in (cpo, command):
        with pytest.raises(PermissionDenied):
            submission.reopen(demo_db, who, row["id"], row["version"], "Figures were wrong")
    assert stored(demo_db)["status"] == "submitted"
    with pytest.raises(ValidationError):
        submission.reopen(demo_db, admin, row["id"], row["version"], "")
    reopened = submission.reopen(demo_db, admin, row["id"], row["version"], "Late event entries")
    assert (reopened["status"], reopened["snapshot_json"]) == ("draft", None)
    assert audit(demo_db, "reopen")[-1] == ("admin", "monthly_reports", str(row["id"]), "reopened: Late event entries")
    # the officer may edit and submit again
    submission.save_narrative(demo_db, cpo, OCTOBER, {"highlights": "Corrected"}, reopened["version"])
    assert submission.submit(demo_db, cpo, OCTOBER, "Sgt. Dana Reyes", stored(demo_db)["version"])["status"] \
        == "submitted"


def test_command_staff_see_the_history_and_acknowledge_once(demo_db):
    cpo, command = actor(demo_db, "cpo"), actor(demo_db, "commander")
    row = submission.submit(demo_db, cpo, OCTOBER, "Sgt. Dana Reyes", None)
    history = submission.history(demo_db, command)
    assert [(h["id"], h["acknowledged_by_me"]) for h in history] == [(row["id"], False)]
    submission.acknowledge(demo_db, command, row["id"])
    with demo_db.cursor() as cur:
        assert cur.execute("select user_id from main.report_acknowledgements where report_id = $r",
                           {"r": row["id"]}).fetchall() == [(command.user_id,)]
    assert audit(demo_db, "acknowledge")[-1][:3] == ("commander", "monthly_reports", str(row["id"]))
    assert submission.history(demo_db, command)[0]["acknowledged_by_me"] is True
    with pytest.raises(DataError, match="already acknowledged"):
        submission.acknowledge(demo_db, command, row["id"])
    # command staff cannot write the report itself
    with pytest.raises(PermissionDenied):
        submission.save_narrative(demo_db, command, parse_period("2026-09"), {"highlights": "x"}, None)
    assert submission.stored_report(demo_db, parse_period("2026-09")) is None


def test_a_draft_cannot_be_acknowledged(demo_db):
    cpo, command = actor(demo_db, "cpo"), actor(demo_db, "commander")
    row = submission.save_narrative(demo_db, cpo, OCTOBER, {"highlights": "x"}, None)
    with pytest.raises(DataError, match="Only a submitted report"):
        submission.acknowledge(demo_db, command, row["id"])


def test_a_quarter_report_can_be_kept_and_submitted_too(demo_db):
    cpo = actor(demo_db, "cpo")
    q3 = parse_period("2026-Q3")
    row = submission.submit(demo_db, cpo, q3, "Sgt. Dana Reyes", None)
    assert (row["period_label"], str(row["period_start"]), str(row["period_end"])) == ("Q3 2026", "2026-07-01",
                                                                                       "2026-09-30")
    assert submission.snapshot(row)["period"]["kind"] == "quarter"
