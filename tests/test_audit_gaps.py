"""What the audit log must hold besides writes: a refused address typed by hand, downloads of
personal data (business contact lists, concerns), and a restore, which also ends every session."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.util import calc_hash

from queries.actor import SYSTEM
from queries.backup import backup, restore
from queries.db import Database
from tests.apptest_support import ACCOUNTS, make_accounts_db, open_tab, page_file, signed_in


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = make_accounts_db(tmp_path / "audit.duckdb")
    db = Database(path)
    north = db.scalar("districts_id_by_code", code="N")
    with db.unit_of_work(SYSTEM) as uow:
        uow.insert("businesses", {"name": "Alpha Bakery", "address": "1 A St", "district_id": north,
                                  "main_phone": "+16172270000"})
        uow.insert("concerns", {"category": "blight", "description": "Broken street light", "district_id": north,
                                "received_on": datetime.now().date(), "reporter_name": "Pat Resident",
                                "channel": "phone"})
    db.close()
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    return path


def audit_rows(path, action: str) -> list[tuple]:
    db = Database(path)     # same process: DuckDB shares the open instance
    with db.cursor() as cur:
        return cur.execute("select username, detail from audit_log where action = $a order by id",
                           {"a": action}).fetchall()


@pytest.fixture
def deferred(monkeypatch) -> dict:
    """file name -> the callable a download button runs when the user clicks it (Streamlit's
    media file manager runs it on the click, in the browser's file request)."""
    made: dict = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return made


def test_an_address_the_role_may_not_open_is_refused_and_audited(app_db):
    at = signed_in(ACCOUNTS["officer"])
    assert not at.exception
    at._page_hash = calc_hash("admin-users")     # the browser asks for /admin-users by its address
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == ["You do not have access to this page."]
    assert not [t for t in at.title if t.value == "Users"]           # nothing of the page ran
    assert audit_rows(app_db, "denied") == [(ACCOUNTS["officer"], "page admin-users (address)")]
    # an address the role may open is not refused
    at._page_hash = calc_hash("concerns")
    at.run()
    assert not at.error and len(audit_rows(app_db, "denied")) == 1


def test_downloading_the_business_contact_list_is_audited_when_the_file_is_made(app_db, deferred):
    at = signed_in(ACCOUNTS["officer"])
    at.switch_page(page_file("businesses.py")).run()
    open_tab(at, "businesses_tab", "Print and download")
    assert not at.exception
    files = sorted(name for name in deferred if name.startswith("businesses_"))
    assert [f.rsplit(".", 1)[1] for f in files] == ["csv", "pdf", "xlsx"]
    assert audit_rows(app_db, "download") == []          # showing the buttons downloads nothing
    csv = next(f for f in files if f.endswith(".csv"))
    data = deferred[csv]()
    assert b"Alpha Bakery" in (data if isinstance(data, bytes) else data.encode())
    rows = audit_rows(app_db, "download")
    assert len(rows) == 1 and rows[0][0] == ACCOUNTS["officer"]
    assert "business contact list" in rows[0][1] and csv in rows[0][1] and "1 business" in rows[0][1]


def test_downloading_the_concerns_list_is_audited_when_the_file_is_made(app_db, deferred):
    at = signed_in(ACCOUNTS["prevention"])
    at.switch_page(page_file("concerns.py")).run()
    assert not at.exception
    files = sorted(name for name in deferred if name.startswith("open-concerns"))
    assert [f.rsplit(".", 1)[1] for f in files] == ["csv", "xlsx"]
    assert audit_rows(app_db, "download") == []
    deferred[files[1]]()
    rows = audit_rows(app_db, "download")
    assert len(rows) == 1 and rows[0][0] == ACCOUNTS["prevention"]
    assert "open-concerns" in rows[0][1] and files[1] in rows[0][1] and "1 row" in rows[0][1]


def test_a_restore_ends_every_session_and_is_audited_in_the_restored_database(tmp_path):
    live = make_accounts_db(tmp_path / "current.duckdb")
    db = Database(live)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    expiry = (now + timedelta(days=1)).timestamp()
    with db.unit_of_work(SYSTEM, figures=False) as uow:
        uow.execute("auth_sessions_start", username=ACCOUNTS["officer"], token_exp=expiry, now=now)
        uow.execute("login_failure_insert", username=ACCOUNTS["command"], at_utc=now)
    made = backup(db, SYSTEM, tmp_path / "backups")
    # after the backup the officer signs out; the backup still holds the session as open
    with db.unit_of_work(SYSTEM, figures=False) as uow:
        uow.execute("auth_sessions_end", username=ACCOUNTS["officer"], token_exp=expiry, now=now, reason="sign_out")
    db.close()

    restore(made, live)

    db = Database(live)
    session = db.one("auth_session", username=ACCOUNTS["officer"], token_exp=expiry)
    assert session["ended_at"] is not None and session["end_reason"] == "restore"   # not alive again
    with db.cursor() as cur:
        assert cur.execute("select count(*) from auth_sessions where ended_at is null").fetchone()[0] == 0
        assert cur.execute("select count(*) from login_failures").fetchone()[0] == 0
        last = cur.execute("select action, username, detail from audit_log order by id desc limit 1").fetchone()
    assert last[0] == "restore_backup" and str(made) in last[2] and "1 session ended" in last[2]
    db.close()


def test_a_download_s_audit_detail_counts_in_words():
    from components.downloads import download_detail

    assert download_detail("business contact list, D1", "list.csv", 3, "business") == \
        "business contact list, D1: list.csv, 3 businesses"
    assert download_detail("open-concerns", "c.xlsx", 1_234) == "open-concerns: c.xlsx, 1,234 rows"
    assert download_detail("open-concerns", "c.xlsx", 1) == "open-concerns: c.xlsx, 1 row"
    assert download_detail("monthly report", "r.pdf") == "monthly report: r.pdf"
