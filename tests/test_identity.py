"""Signing in through the identity provider (core/identity.py), from the ID token's claims on: links,
refusals, the app's own session, groups, the passwords-off switch and the way in on every audit row.
(The whole round trip through a real provider in Chromium is tests/test_browser_identity.py.)"""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import accounts, identity, settings, users
from queries.actor import SYSTEM
from queries.errors import ValidationError
from queries.unit_of_work import utc_now

GOOD = "correct horse battery"
ISSUER = "https://login.example.gov"


@pytest.fixture
def people(db, two_districts):
    admin = users.add_user(db, SYSTEM, "boss", "Admin Person", "admin", GOOD, email="boss@pd.example.gov",
                           temporary=False)
    cop = users.add_user(db, SYSTEM, "patrol", "Pat Patrol", "officer", GOOD, ["N"], email="Pat@PD.example.gov",
                         temporary=False)
    return admin, cop


def claims(sub: str = "sub-pat", email: str | None = "pat@pd.example.gov", verified=True, nonce: str = "n1",
           **more) -> dict:
    return {"iss": ISSUER, "sub": sub, "aud": "crd", "nonce": nonce, "iat": 1_800_000_000, "exp": 1_800_003_600,
            **({"email": email, "email_verified": verified} if email else {}), **more}


def audit(db, *actions: str) -> list[tuple]:
    with db.cursor() as cur:
        return cur.execute("select action, username, role, way_in, detail from audit_log "
                           f"where action in ({', '.join('?' * len(actions))}) order by id", actions).fetchall()


def sessions(db) -> list[tuple]:
    with db.cursor() as cur:
        return cur.execute("select username, way_in, ended_at is null, end_reason from auth_sessions "
                           "order by started_at").fetchall()


def test_a_verified_email_links_the_identity_once_and_later_sign_ins_follow_the_link(db, people):
    result = identity.sign_in(db, claims())
    assert result.ok and result.username == "patrol" and not result.resumed
    with db.cursor() as cur:
        assert cur.execute("select issuer, subject, user_id, email from identity_links").fetchall() == [
            (ISSUER, "sub-pat", people[1]["id"], "pat@pd.example.gov")]
    assert sessions(db) == [("patrol", "provider", True, None)]
    assert audit(db, "create", "sign_in")[-2:] == [
        ("create", "patrol", "officer", "provider", "linked by the verified e-mail address on the account"),
        ("sign_in", "patrol", "officer", "provider", f"{ISSUER} sub-pat")]
    assert accounts.session_alive(db, "patrol", result.token_exp)

    # the address changed at the provider: the link, not the address, decides
    again = identity.sign_in(db, claims(email="p.patrol@elsewhere.example", nonce="n2"))
    assert again.ok and again.username == "patrol" and again.token_exp != result.token_exp


def test_an_entra_token_without_email_verified_links_by_its_verified_domain_claim():
    entra = {"iss": ISSUER, "sub": "s", "email": "pat@pd.example.gov"}
    assert not identity.email_verified(entra)
    assert identity.email_verified({**entra, "xms_edov": True})
    assert not identity.email_verified({**entra, "xms_edov": True, "email_verified": False})


def test_an_identity_linked_to_no_account_is_refused_and_audited_and_gets_no_role(db, people):
    for refused, detail in (
            (claims(sub="sub-x", email="stranger@pd.example.gov"), "no account has the e-mail address"),
            (claims(sub="sub-y", verified=False), "is not verified by the provider"),
            (claims(sub="sub-z", email=None), "the ID token has no e-mail address")):
        result = identity.sign_in(db, refused)
        assert not result.ok and result.message == identity.NOT_LINKED and result.username is None
        assert detail in audit(db, "sign_in_failed")[-1][4]
    rows = audit(db, "sign_in_failed")
    assert [(u, r, w) for _, u, r, w, _ in rows] == [("stranger@pd.example.gov", "anonymous", "provider"),
                                                    ("pat@pd.example.gov", "anonymous", "provider"),
                                                    ("sub-z", "anonymous", "provider")]
    assert sessions(db) == []
    with db.cursor() as cur:
        assert cur.execute("select count(*) from identity_links").fetchone()[0] == 0


def test_a_linked_but_deactivated_account_is_refused(db, people):
    first = identity.sign_in(db, claims())
    accounts.end_session(db, accounts.actor_for(db, "patrol"), first.token_exp, "sign_out")
    users.set_active(db, SYSTEM, "patrol", accounts.account(db, "patrol")["version"], False)
    result = identity.sign_in(db, claims(nonce="n2"))
    assert not result.ok and result.message == identity.DEACTIVATED
    assert audit(db, "sign_in_failed")[-1] == ("sign_in_failed", "patrol", "officer", "provider", "inactive")
    assert [open_ for _, _, open_, _ in sessions(db)] == [False]


def test_one_id_token_resumes_its_session_while_it_lives_and_starts_nothing_once_it_ended(db, people):
    first = identity.sign_in(db, claims())
    reload = identity.sign_in(db, claims())                   # the provider's cookie on a reload
    assert reload.ok and reload.resumed and reload.token_exp == first.token_exp
    assert len(sessions(db)) == 1 and len(audit(db, "sign_in")) == 1

    accounts.end_session(db, accounts.actor_for(db, "patrol"), first.token_exp, "sign_out")
    assert audit(db, "sign_out")[-1] == ("sign_out", "patrol", "officer", "provider", "sign_out")
    copied = identity.sign_in(db, claims())                    # the old cookie after the sign-out
    assert not copied.ok and copied.message == identity.ENDED
    assert audit(db, "sign_in_failed")[-1][3:] == ("provider", "the session of this sign-in has ended")
    assert len(sessions(db)) == 1

    fresh = identity.sign_in(db, claims(nonce="n2"))          # a new sign-in at the provider
    assert fresh.ok and not fresh.resumed


def test_a_provider_session_goes_idle_and_ends_at_deactivation_like_a_password_one(db, people):
    result = identity.sign_in(db, claims())
    with db.unit_of_work(SYSTEM, figures=False) as uow:
        uow.execute("auth_session_touch", username="patrol", token_exp=result.token_exp,
                    now=utc_now() - timedelta(minutes=31))
    assert not accounts.session_alive(db, "patrol", result.token_exp)
    assert audit(db, "sign_out")[-1][3:] == ("provider", "idle")

    second = identity.sign_in(db, claims(nonce="n2"))
    users.set_active(db, SYSTEM, "patrol", accounts.account(db, "patrol")["version"], False)
    assert not accounts.session_alive(db, "patrol", second.token_exp)
    assert sessions(db)[-1] == ("patrol", "provider", False, "disabled")


def test_a_mapped_group_gives_its_role_and_districts_and_losing_it_refuses_the_sign_in(db, people):
    identity.save_sign_in_settings(db, SYSTEM, "Millbrook PD", "groups",
                                   "crd-command = command\ncrd-south = officer S", None)
    result = identity.sign_in(db, claims(groups=["everyone", "crd-south"]))
    assert result.ok
    account = accounts.account(db, "patrol")
    assert (account["role"], list(account["district_codes"])) == ("officer", ["S"])
    assert audit(db, "permission_change")[-1] == (
        "permission_change", "identity provider", "admin", "provider",
        "from the group crd-south at the identity provider: role officer -> officer; districts N -> S")

    promoted = identity.sign_in(db, claims(nonce="n2", groups=["crd-command"]))
    assert promoted.ok and accounts.account(db, "patrol")["role"] == "command"
    assert accounts.actor_for(db, "patrol").district_ids == frozenset()

    dropped = identity.sign_in(db, claims(nonce="n3", groups=["everyone"]))
    assert not dropped.ok and dropped.message == identity.NO_GROUP
    assert audit(db, "sign_in_failed")[-1][3:] == ("provider", "no mapped group in the groups claim")


def test_a_nested_roles_claim_is_read_by_its_dotted_name():
    token = {"realm_access": {"roles": ["crd-admin", "offline_access"]}, "groups": "one"}
    assert identity.claim_values(token, "realm_access.roles") == ["crd-admin", "offline_access"]
    assert identity.claim_values(token, "groups") == ["one"]
    assert identity.claim_values(token, "missing.claim") == []


def test_the_sign_in_settings_are_checked_before_anything_is_saved(db, people):
    with pytest.raises(ValidationError) as refused:
        identity.save_sign_in_settings(db, SYSTEM, "PD", "groups", "crd = chief\nnorth = officer Q\nno equals",
                                       "patrol")
    problems = refused.value.problems
    assert "line 1: the role must be one of" in problems["group mapping"]
    assert "line 2: unknown district code(s) Q" in problems["group mapping"]
    assert "line 3 is not" in problems["group mapping"]
    assert problems["break-glass administrator"] == "patrol is not an active administrator's account"
    assert settings.passwords_off_except(db) is None and identity.group_roles(db) == []
    with pytest.raises(ValidationError) as unnamed:
        identity.save_sign_in_settings(db, SYSTEM, "PD", "groups", "", " ")
    assert "name the administrator" in unnamed.value.problems["break-glass administrator"]


def test_with_passwords_off_only_the_break_glass_administrator_signs_in_by_password(db, people):
    identity.save_sign_in_settings(db, SYSTEM, "PD", "", "", "Boss")
    assert settings.passwords_off_except(db) == "boss"
    refused = accounts.check_sign_in(db, "patrol", GOOD)
    assert not refused.ok and refused.message == accounts.PASSWORDS_OFF
    assert accounts.check_sign_in(db, "nobody", GOOD).message == accounts.PASSWORDS_OFF   # reveals nothing
    assert audit(db, "sign_in_failed")[-2:] == [
        ("sign_in_failed", "patrol", "officer", "password", "passwords off"),
        ("sign_in_failed", "nobody", "anonymous", "password", "passwords off")]
    for _ in range(6):                                   # no lockout: it is not a guess of a password
        accounts.check_sign_in(db, "patrol", "wrong")
    assert not accounts.is_locked(db, "patrol")
    assert accounts.check_sign_in(db, "boss", GOOD).ok
    assert identity.sign_in(db, claims()).ok               # the provider still signs everyone in


def test_switching_passwords_off_ends_the_password_sessions_of_all_but_the_break_glass_administrator(db, people):
    for username, stamp in (("patrol", 1000.5), ("patrol", 1001.5), ("boss", 2000.5)):
        accounts.start_session(db, accounts.actor_for(db, username), stamp)
    provider = identity.sign_in(db, claims())
    identity.save_sign_in_settings(db, accounts.actor_for(db, "boss"), "PD", "", "", "boss")
    assert not accounts.session_active(db, "patrol", 1000.5) and not accounts.session_active(db, "patrol", 1001.5)
    assert accounts.session_active(db, "boss", 2000.5)
    assert accounts.session_active(db, "patrol", provider.token_exp)          # the provider's way in stays
    assert audit(db, "sign_out")[-1] == ("sign_out", "boss", "admin", "password",
                                         "local passwords switched off: 2 session(s) of patrol ended")


def test_every_password_sign_in_sign_out_and_refusal_row_names_its_way_in(db, people):
    accounts.check_sign_in(db, "patrol", "wrong")
    actor = accounts.actor_for(db, "patrol")
    accounts.start_session(db, actor, 1000.5)
    accounts.end_session(db, actor, 1000.5, "sign_out")
    rows = audit(db, "sign_in_failed", "sign_in", "sign_out")
    assert [(a, w) for a, _, _, w, _ in rows] == [("sign_in_failed", "password"), ("sign_in", "password"),
                                                  ("sign_out", "password")]


def test_a_password_change_ends_provider_sessions_too_one_sign_out_row_per_way_in(db, people):
    provider = identity.sign_in(db, claims())
    actor = accounts.actor_for(db, "patrol")
    accounts.start_session(db, actor, 1000.5)
    accounts.start_session(db, actor, 2000.5)
    accounts.change_password(db, actor, GOOD, "a brand new passphrase here", keep_session=2000.5)
    assert not accounts.session_active(db, "patrol", provider.token_exp)
    assert [(w, d) for *_, w, d in audit(db, "sign_out")] == [
        ("password", "password changed: 1 other session ended"),
        ("provider", "password changed: 1 other session ended")]


def test_an_administrator_unlinks_an_account_and_the_next_sign_in_links_it_again(db, people):
    identity.sign_in(db, claims())
    assert identity.unlink(db, SYSTEM, "patrol") == 1
    assert identity.links(db, people[1]["id"]) == []
    assert audit(db, "delete")[-1][4] == "1 identities unlinked from patrol"
    assert identity.sign_in(db, claims(nonce="n2")).ok
    assert len(identity.links(db, people[1]["id"])) == 1


# ---------------------------------------------------------------- pages (AppTest)

def test_without_a_provider_the_sign_in_page_is_the_password_form_alone(tmp_path, monkeypatch):
    from tests.apptest_support import APP, make_accounts_db
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("COMMUNITY_DB", str(make_accounts_db(tmp_path / "plain.duckdb")))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]                # no "Sign in with ..."


def test_the_administrator_switches_passwords_off_and_sees_each_accounts_email_and_link(tmp_path, monkeypatch):
    from queries.db import Database
    from tests.apptest_support import make_accounts_db, page_file, signed_in

    path = make_accounts_db(tmp_path / "settings.duckdb")
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    at = signed_in("boss")
    at.switch_page(page_file("admin_users.py")).run()
    at.selectbox(key="users_pick").set_value("patrol").run()
    email_box = [t for t in at.text_input if t.label == "E-mail"][0]
    email_box.input("pat@pd.example.gov")
    [b for b in at.button if b.label == "Save e-mail"][0].click().run()
    assert not at.exception and [e.value for e in at.error] == []

    db = Database(path)
    assert identity.sign_in(db, claims()).ok                       # the first sign-in links by the e-mail
    db.close()
    at.switch_page(page_file("admin_users.py")).run()
    listed = at.dataframe[0].value.set_index("username")
    assert (listed.loc["patrol", "email"], bool(listed.loc["patrol", "linked"])) == ("pat@pd.example.gov", True)
    assert not listed.loc["chief", "linked"]

    at.switch_page(page_file("admin_settings.py")).run()
    at.text_area(key="settings_group_roles").input("crd-command = command")
    at.toggle(key="settings_passwords_off").set_value(True)
    at.text_input(key="settings_break_glass").input("boss")
    [b for b in at.button if b.label == "Save sign-in settings"][0].click().run()
    assert not at.exception and [e.value for e in at.error] == []
    db = Database(path)
    assert settings.passwords_off_except(db) == "boss"
    assert identity.group_roles(db) == [identity.GroupRole("crd-command", "command", ())]
    db.close()

    refused = signed_in("patrol")
    assert [e.value for e in refused.error] == [accounts.PASSWORDS_OFF]
    assert not [c for c in refused.sidebar.caption if c.value.startswith("Signed in as")]
    assert signed_in("boss").sidebar.caption[0].value.startswith("Signed in as")


def test_the_audit_log_page_shows_each_sign_ins_way_in_in_words(tmp_path, monkeypatch):
    from queries.db import Database
    from tests.apptest_support import make_accounts_db, page_file, signed_in

    path = make_accounts_db(tmp_path / "audit.duckdb")
    db = Database(path)
    users.change_email(db, SYSTEM, "patrol", db.one("user_by_username", username="patrol")["version"],
                       "pat@pd.example.gov")
    assert identity.sign_in(db, claims()).ok
    db.close()
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    at = signed_in("boss")
    at.switch_page(page_file("admin_audit.py")).run()
    assert not at.exception
    shown = at.dataframe[0].value
    signs = shown[shown["action"] == "Signed in"].set_index("username")
    assert signs.loc["patrol", "way_in"] == "Identity provider" and signs.loc["boss", "way_in"] == "Password"
    assert '"Way in"' in at.dataframe[0].proto.columns
