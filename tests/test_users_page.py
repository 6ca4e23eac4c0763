"""The administrator's list of accounts says which districts each account reads: a patrol officer's
own, every district for the other roles (their figures are the whole department's), never a blank."""

from __future__ import annotations

import pandas as pd

from core import users
from queries.actor import SYSTEM
from queries.db import Database
from tests.apptest_support import ACCOUNTS, PASSWORD, make_accounts_db, page_file, signed_in


def test_the_users_list_names_every_accounts_districts(tmp_path, monkeypatch):
    path = make_accounts_db(tmp_path / "users.duckdb")
    db = Database(path)
    users.add_user(db, SYSTEM, "rookie", "Rookie", "officer", PASSWORD, [], temporary=False)   # no district yet
    db.close()
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    at = signed_in("boss")
    at.switch_page(page_file("admin_users.py")).run()
    assert not at.exception
    listed = at.dataframe[0].value.set_index("username")["districts"].to_dict()
    assert pd.isna(listed.pop("rookie"))                                 # reads no district: drawn as "–"
    assert listed == {name: "N" if role == "officer" else "All districts" for role, name in ACCOUNTS.items()}
