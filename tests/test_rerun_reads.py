"""What a plain rerun of a signed-in page reads from the database: the session's row once (the
sign-in gate's check; the open-screen timer asks only on its own runs), and nothing that only a save
can change, which comes from the cache until the next save (components/figures.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from demo.accounts import DEMO_ACCOUNTS
from queries.db import Database
from tests.apptest_support import page_file, signed_in
from tests.test_business_page import app_db, business  # noqa: F401  (the fixture)


@pytest.fixture
def reads(monkeypatch):
    """The named queries run through the gateway, by name."""
    counted = Counter()
    for method in ("df", "rows", "scalar"):
        original = getattr(Database, method)

        def counting(self, name, _original=original, **params):
            counted[name] += 1
            return _original(self, name, **params)
        monkeypatch.setattr(Database, method, counting)
    return counted


def rerun(at, page: str, reads: Counter) -> Counter:
    """The named queries of a plain rerun of `page`, after the run that opened it."""
    at.switch_page(page_file(page)).run()
    assert not at.exception
    reads.clear()
    at.run()
    assert not at.exception
    return reads


def test_a_rerun_checks_the_session_once(app_db, reads):  # noqa: F811
    assert rerun(signed_in("cpo"), "events.py", reads)["auth_session"] == 1


def test_the_open_business_and_who_verified_it_come_from_the_cache_until_a_save(app_db, reads):  # noqa: F811
    at = signed_in("patrol")
    at.switch_page(page_file("businesses.py")).run()
    alpha = business(app_db, "Alpha Bakery")
    at.selectbox(key="contacts_business").select(alpha["id"]).run()
    at.button(key=f"verify_{alpha['id']}").click().run()
    assert not at.exception
    reads.clear()
    at.run()
    assert reads["business_by_id"] == 0 and reads["user_by_username"] == 0
    assert any("Last verified" in c.value and "by Patrol" in c.value for c in at.caption)
    assert business(app_db, "Alpha Bakery")["last_verified_by"] == "patrol"


def test_a_rerun_of_crime_data_reads_nothing_but_the_session(app_db, reads):  # noqa: F811
    assert dict(rerun(signed_in("cpo"), "crime_data.py", reads)) == {"auth_session": 1}


DEMO = {a.role: a for a in DEMO_ACCOUNTS if a.username in ("cpo", "officer2")}


@pytest.mark.parametrize("role,page", [("officer", "contact_log.py"), ("prevention", "report_history.py"),
                                       ("prevention", "program_evaluation.py"), ("prevention", "program_results.py"),
                                       ("prevention", "monthly_report.py")])
def test_a_rerun_of_a_page_of_the_demo_town_reads_only_the_session_and_settings(demo_path, monkeypatch, reads,
                                                                                role, page):
    monkeypatch.setenv("COMMUNITY_DB", str(demo_path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    rerun(signed_in(DEMO[role].username, DEMO[role].password), page, reads)
    assert reads["auth_session"] == 1
    assert set(reads) <= {"auth_session", "setting_value"}, dict(reads)
