"""The check the open-screen timer makes (components/session_watch.py): is this session still
alive? A read only: asking neither counts as activity nor ends the session. (The timer itself,
clearing a screen in Chromium, is in tests/test_browser_hardening.py.)"""

from __future__ import annotations

from datetime import timedelta

from core import accounts, users
from queries.actor import SYSTEM
from queries.unit_of_work import utc_now


def test_an_idle_or_ended_session_is_reported_without_a_write(db):
    users.add_user(db, SYSTEM, "patrol", "Pat Patrol", "officer", "correct horse battery", temporary=False)
    actor = accounts.actor_for(db, "patrol")
    accounts.start_session(db, actor, token_exp=1000.5)
    assert accounts.session_active(db, "patrol", 1000.5)
    assert not accounts.session_active(db, "patrol", 999.0)           # not this session's stamp
    assert not accounts.session_active(db, "patrol", None)

    two_minutes_ago = utc_now() - timedelta(minutes=2)
    with db.unit_of_work(SYSTEM, figures=False) as uow:
        uow.execute("auth_session_touch", username="patrol", token_exp=1000.5, now=two_minutes_ago)
    assert accounts.session_active(db, "patrol", 1000.5)
    assert db.one("auth_session", username="patrol", token_exp=1000.5)["last_seen_at"] == two_minutes_ago

    long_ago = utc_now() - timedelta(minutes=31)
    with db.unit_of_work(SYSTEM, figures=False) as uow:
        uow.execute("auth_session_touch", username="patrol", token_exp=1000.5, now=long_ago)
    assert not accounts.session_active(db, "patrol", 1000.5)
    row = db.one("auth_session", username="patrol", token_exp=1000.5)
    assert row["last_seen_at"] == long_ago and row["ended_at"] is None    # the gate's next run ends it

    accounts.start_session(db, actor, token_exp=2000.5)
    accounts.end_session(db, actor, 2000.5, "sign_out")
    assert not accounts.session_active(db, "patrol", 2000.5)
