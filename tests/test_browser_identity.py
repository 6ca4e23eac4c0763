"""Signing in through the department's identity provider, in headless Chromium: a real OpenID Connect
provider (node-oidc-provider) on loopback, its own login page, Streamlit's st.login, and the app's own
server-side session. One provider, one app server and one Chromium for the whole file; each test is a
new browser context (no cookies). The stored rows and audit rows are read at the end, once the server
has let go of the database file."""

from __future__ import annotations

from contextlib import ExitStack
from urllib.parse import urlparse

import pytest

from core import users
from queries.actor import SYSTEM
from queries.db import Database
from tests.apptest_support import PASSWORD, make_accounts_db
from tests.browser_support import chromium, free_port, requires_chromium, streamlit_server, wait_idle
from tests.oidc_support import PEOPLE, oidc_provider, requires_node, sign_in_at_provider, write_secrets

pytestmark = [pytest.mark.browser, requires_chromium, requires_node]

SIGNED_IN = "Signed in as"
SIGN_IN_WITH = "Sign in with Millbrook PD"


class World:
    """The running provider, server and browser, stopped by `stop()` (the last test reads the database)."""

    def __init__(self, folder):
        self.path = make_accounts_db(folder / "identity.duckdb")
        self.provider_port = free_port()
        self.issuer = f"http://127.0.0.1:{self.provider_port}"
        self._seed()
        self.stack = ExitStack()
        secrets = write_secrets(folder / "secrets.toml", self.provider_port)
        url = self.stack.enter_context(streamlit_server(self.path, {"STREAMLIT_SECRETS_FILES": str(secrets)}))
        # the browser uses the address of the redirect URI: Streamlit's identity cookie names its origin
        self.url = f"http://localhost:{urlparse(url).port}"
        self.stack.enter_context(oidc_provider(self.provider_port, f"{self.url}/oauth2callback",
                                               folder / "provider.log"))
        self.browser = self.stack.enter_context(chromium())

    def _seed(self) -> None:
        """Accounts with the e-mail addresses the administrator entered; Dee's identity linked before and
        her account since deactivated; one group mapped to a role; passwords off but for 'boss'."""
        from core import identity

        db = Database(self.path)
        users.change_email(db, SYSTEM, "patrol", db.one("user_by_username", username="patrol")["version"],
                           PEOPLE["pat"]["claims"]["email"])
        users.add_user(db, SYSTEM, "dee", "Dee Departed", "officer", PASSWORD, ["N"],
                       email=PEOPLE["dee"]["claims"]["email"], temporary=False)
        users.add_user(db, SYSTEM, "cal", "Cal Command", "prevention", PASSWORD,
                       email=PEOPLE["cal"]["claims"]["email"], temporary=False)
        with db.unit_of_work(SYSTEM, figures=False) as uow:
            uow.execute("identity_links_insert", issuer=self.issuer, subject=PEOPLE["dee"]["sub"],
                        user_id=db.one("user_by_username", username="dee")["id"],
                        email=PEOPLE["dee"]["claims"]["email"], now=uow.now)
        users.set_active(db, SYSTEM, "dee", db.one("user_by_username", username="dee")["version"], False)
        identity.save_sign_in_settings(db, SYSTEM, "Millbrook PD", "groups", "crd-south-patrol = officer S", "boss")
        db.close()

    def stop(self) -> None:
        self.stack.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    running = World(tmp_path_factory.mktemp("identity"))
    try:
        yield running
    finally:
        running.stop()


def through_the_provider(world: World, context, login: str):
    """Open the app, choose "Sign in with ...", sign in on the provider's login page; back in the app."""
    page = context.new_page()
    page.goto(world.url)
    wait_idle(page, 120_000)
    page.get_by_role("button", name=SIGN_IN_WITH).click()
    sign_in_at_provider(page, world.issuer, login)
    page.wait_for_url(f"{world.url}/**", timeout=90_000)
    wait_idle(page, 120_000)
    return page


def test_signing_in_through_the_providers_login_page_lands_on_the_roles_home_page(world):
    with world.browser.new_context() as context:
        page = through_the_provider(world, context, "pat")
        page.get_by_text(SIGNED_IN).wait_for(timeout=90_000)
        assert "Patrol officer" in page.get_by_text(SIGNED_IN).inner_text()
        page.get_by_role("heading", name="Overview").wait_for(timeout=90_000)
        assert urlparse(page.url).path in ("", "/")


def test_an_identity_linked_to_no_account_is_refused_with_ask_your_administrator(world):
    with world.browser.new_context() as context:
        page = through_the_provider(world, context, "sam")
        page.get_by_text("No access with this sign-in").wait_for(timeout=90_000)
        page.get_by_text("Ask your administrator to enter your e-mail address").wait_for(timeout=90_000)
        assert not page.get_by_text(SIGNED_IN).count()
        page.reload()                                    # still refused (each page load audited)
        wait_idle(page, 120_000)
        page.get_by_text("No access with this sign-in").wait_for(timeout=90_000)
        assert not page.get_by_text(SIGNED_IN).count()


def test_a_linked_but_deactivated_account_is_refused(world):
    with world.browser.new_context() as context:
        page = through_the_provider(world, context, "dee")
        page.get_by_text("Your account in this app is deactivated").wait_for(timeout=90_000)
        assert not page.get_by_text(SIGNED_IN).count()


def test_signing_out_ends_the_apps_session_and_the_old_cookie_no_longer_signs_in(world):
    with world.browser.new_context() as context, world.browser.new_context() as thief:
        page = through_the_provider(world, context, "pat")
        page.get_by_text(SIGNED_IN).wait_for(timeout=90_000)
        page.reload()                                    # the provider's cookie resumes the live session
        wait_idle(page, 120_000)
        page.get_by_text(SIGNED_IN).wait_for(timeout=90_000)
        copied = [c for c in context.cookies() if c["domain"] == "localhost"]
        assert any(c["name"] == "_streamlit_user" for c in copied)

        page.get_by_role("button", name="Sign out").click()
        page.get_by_role("button", name="Yes, sign me out").click(timeout=90_000)    # at the provider
        page.wait_for_url(f"{world.url}/**", timeout=90_000)
        wait_idle(page, 120_000)
        page.get_by_role("button", name=SIGN_IN_WITH).wait_for(timeout=90_000)
        assert not page.get_by_text(SIGNED_IN).count()

        thief.add_cookies(copied)                        # the cookies as they were before the sign-out
        stolen = thief.new_page()
        stolen.goto(world.url)
        wait_idle(stolen, 120_000)
        stolen.get_by_text("That sign-in has ended").wait_for(timeout=90_000)
        stolen.get_by_role("button", name=SIGN_IN_WITH).wait_for(timeout=90_000)
        assert not stolen.get_by_text(SIGNED_IN).count()


def test_a_groups_claim_mapped_to_a_role_gives_that_role_and_its_districts(world):
    with world.browser.new_context() as context:
        page = through_the_provider(world, context, "cal")       # a prevention account, in crd-south-patrol
        page.get_by_text(SIGNED_IN).wait_for(timeout=90_000)
        assert "Patrol officer" in page.get_by_text(SIGNED_IN).inner_text()
        # an officer's menu: no Programs (office work); the districts are read back at the end
        assert not page.locator('[data-testid="stSidebarNav"] a[href$="/programs"]').count()


def test_with_passwords_off_a_local_user_is_refused_and_the_break_glass_administrator_signs_in(world):
    with world.browser.new_context() as context:
        page = context.new_page()
        for username, shown in (("chief", "Passwords are switched off"), ("boss", SIGNED_IN)):
            page.goto(world.url)
            wait_idle(page, 120_000)
            page.get_by_role("textbox", name="Username").wait_for(timeout=90_000)
            page.get_by_role("textbox", name="Username").fill(username)
            page.get_by_role("textbox", name="Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in", exact=True).click()
            page.get_by_text(shown).first.wait_for(timeout=90_000)
        assert "Administrator" in page.get_by_text(SIGNED_IN).inner_text()


def test_what_was_stored_and_audited(world):
    """The database once the server has stopped: links, roles, sessions, and every sign-in, sign-out and
    refusal with its way in."""
    world.stop()
    db = Database(world.path)
    with db.cursor() as cur:
        links = cur.execute("select u.username, l.issuer, l.subject, l.email from identity_links as l "
                            "join users as u on u.id = l.user_id order by u.username").fetchall()
        cal = cur.execute("select role from users where username = 'cal'").fetchone()[0]
        audit = cur.execute("select action, username, role, way_in, detail from audit_log "
                            "where action in ('sign_in', 'sign_in_failed', 'sign_out') order by id").fetchall()
    cal_districts = list(db.one("user_by_username", username="cal")["district_codes"])
    db.close()
    assert links == [("cal", world.issuer, PEOPLE["cal"]["sub"], PEOPLE["cal"]["claims"]["email"]),
                     ("dee", world.issuer, PEOPLE["dee"]["sub"], PEOPLE["dee"]["claims"]["email"]),
                     ("patrol", world.issuer, PEOPLE["pat"]["sub"], PEOPLE["pat"]["claims"]["email"])]
    assert (cal, cal_districts) == ("officer", ["S"])
    refusals = [row for row in audit if row[0] == "sign_in_failed"]
    sam = (f"no account linked to {world.issuer} {PEOPLE['sam']['sub']}; no account has the e-mail address "
           "sam@millbrook.example.gov")
    assert [(u, r, w, d) for _, u, r, w, d in refusals] == [
        ("sam@millbrook.example.gov", "anonymous", "provider", sam),          # the sign-in and the reload
        ("sam@millbrook.example.gov", "anonymous", "provider", sam),
        ("dee", "officer", "provider", "inactive"),
        ("patrol", "officer", "provider", "the session of this sign-in has ended"),
        ("chief", "command", "password", "passwords off")]
    sign_ins = [(u, w) for a, u, _, w, _ in audit if a == "sign_in"]
    assert sign_ins == [("patrol", "provider"), ("patrol", "provider"), ("cal", "provider"), ("boss", "password")]
    assert [(u, w, d) for a, u, _, w, d in audit if a == "sign_out"] == [("patrol", "provider", "sign_out")]
