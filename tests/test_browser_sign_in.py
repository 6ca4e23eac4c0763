"""Browser tests in headless Chromium against `streamlit run`: the sign-in gate."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from components.navigation import PAGES
from tests.apptest_support import PASSWORD, ROOT, make_accounts_db
from tests.browser_support import (COUNT_RUNS, browser_cookie, chromium, requires_chromium, sign_in,
                                   streamlit_server, wait_drawn, wait_for_cookie, wait_idle)

pytestmark = [pytest.mark.browser, requires_chromium]


def test_there_is_no_pages_folder_beside_the_entry_point():
    assert not (ROOT / "pages").exists()


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory):
    """One server and one Chromium for every test below. The server has served nobody when the
    first URL is opened (pages are registered per session by `st.navigation`, never from a folder)."""
    db_path = make_accounts_db(tmp_path_factory.mktemp("fresh") / "fresh.duckdb")
    with streamlit_server(db_path) as url, chromium() as browser:
        yield url, browser


@pytest.fixture(scope="module")
def visitor(fresh_server):
    """One browser context for the first visits, which never sign in: each visit starts with its
    cookies cleared, and loading a URL opens a new session, which is what the sign-in gate sees
    from a new browser too; the app's scripts stay in the context's cache instead of being fetched
    and compiled again for every URL."""
    url, browser = fresh_server
    with browser.new_context() as context:
        yield url, context.new_page()


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.key)
def test_the_first_visit_to_any_page_url_lands_on_sign_in(visitor, spec):
    url, page = visitor
    page.context.clear_cookies()
    page.goto(f"{url}/{spec.key}")
    wait_idle(page)
    page.get_by_role("button", name="Sign in").wait_for(timeout=90_000)
    # the form's widgets may be drawn one after another on a loaded machine: wait, do not peek
    page.get_by_role("textbox", name="Password").wait_for(timeout=90_000)
    wait_idle(page)
    assert not page.get_by_text("Signed in as").count()
    headings = [h.strip() for h in page.locator("h1").all_inner_texts()]
    assert spec.title not in headings
    # the address is kept for after the sign-in, with no "Page not found" pop-up over the form
    assert urlparse(page.url).path == f"/{spec.key}"
    assert not page.get_by_text("Page not found").count()


def test_a_link_followed_before_signing_in_opens_its_page_after_the_sign_in(fresh_server):
    url, browser = fresh_server
    with browser.new_context() as context:
        page = context.new_page()
        sign_in(page, f"{url}/concerns", "chief", PASSWORD)
        page.get_by_role("heading", name="Community concerns").wait_for(timeout=90_000)
        assert urlparse(page.url).path == "/concerns"


def test_cookie_keeps_the_user_signed_in_until_sign_out_revokes_it(fresh_server):
    url, browser = fresh_server
    with browser.new_context() as context, browser.new_context() as thief:
        page = context.new_page()
        sign_in(page, url, "chief", PASSWORD)
        cookie = wait_for_cookie(page)       # fetched by the first page, after the form
        # set by the server: no script in the page can read it, and no other site's page sends it
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        saved = [cookie]

        page.reload()
        wait_idle(page, 90_000)
        page.get_by_text("Signed in as").wait_for(timeout=90_000)   # the cookie signed us in again

        page.get_by_role("button", name="Sign out").click()
        page.get_by_role("button", name="Sign in").wait_for(timeout=90_000)
        # the sign-in form has the browser drop the cookie of the session just ended
        for _ in range(100):
            if browser_cookie(context) is None:
                break
            page.wait_for_timeout(100)
        assert browser_cookie(context) is None

        thief.add_cookies(saved)                                   # the cookie copied before sign-out
        stolen = thief.new_page()
        stolen.goto(url)
        stolen.get_by_role("button", name="Sign in").wait_for(timeout=90_000)
        wait_idle(stolen, 90_000)
        stolen.wait_for_timeout(1500)                              # time for a cookie sign-in to happen
        assert stolen.get_by_role("button", name="Sign in").is_visible()
        assert not stolen.get_by_text("Signed in as").count()


def test_the_sign_in_form_and_the_first_page_are_each_drawn_by_one_run(fresh_server):
    """Nothing on either page reports back to the server and so reruns it: the sign-in library's
    cookie component (a frame) did, once when the form's page loaded and once more after the
    sign-in, and on a large city the first page was then computed and drawn two more times."""
    url, browser = fresh_server
    with browser.new_context() as context:
        context.add_init_script(COUNT_RUNS)
        page = context.new_page()
        page.goto(url)
        page.get_by_role("textbox", name="Password").wait_for(timeout=90_000)
        wait_idle(page)
        # a frame's report comes once the frame has loaded, a second or more after the run: wait
        # long enough to see it (nothing here is timed)
        page.wait_for_timeout(3000)
        assert page.evaluate("window.__runs") <= 1
        assert page.locator("iframe").count() == 0

        page.get_by_role("textbox", name="Username").fill("chief")
        page.get_by_role("textbox", name="Password").fill(PASSWORD)
        before = page.evaluate("window.__runs")
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("Signed in as").wait_for(timeout=90_000)
        wait_idle(page)
        page.wait_for_timeout(3000)
        assert page.evaluate("window.__runs") - before <= 1
        assert page.locator("iframe").count() == 0
        assert wait_for_cookie(page)["httpOnly"]


def test_a_patrol_officer_typing_the_admin_url_does_not_get_the_admin_page(fresh_server, tmp_path):
    url, browser = fresh_server
    with browser.new_context() as context:
        context.add_init_script(COUNT_RUNS)      # the idle wait then also sees the server's messages
        page = context.new_page()
        sign_in(page, url, "patrol", PASSWORD)
        wait_for_cookie(page)
        page.goto(f"{url}/admin-users")
        # the cookie signs the officer in again: look at what that run drew, once it is still
        page.get_by_text("Signed in as").wait_for(timeout=90_000)
        wait_idle(page)
        headings = [h.strip() for h in page.locator("h1").all_inner_texts()]
        assert "Users" not in headings
        signed_in_again = page.get_by_text("Signed in as").count() > 0
        sign_in_form = page.get_by_role("button", name="Sign in").count() > 0
        assert signed_in_again or sign_in_form
        page.screenshot(path=str(tmp_path / "officer-admin-url.png"))


def test_a_signed_in_page_on_a_phone_starts_with_its_title(fresh_server):
    """Nothing invisible (the sign-in library's cookie frame, the emptied form's place) pushes the
    page down: on a phone the title is the first thing under Streamlit's top bar."""
    url, browser = fresh_server
    with browser.new_context(viewport={"width": 390, "height": 844}) as context:
        page = context.new_page()
        sign_in(page, f"{url}/concerns", "chief", PASSWORD)
        # .first: while a rerun redraws the page, the old heading and the new one are both there
        heading = page.get_by_role("heading", name="Community concerns").first
        heading.wait_for(timeout=90_000)
        wait_drawn(page)
        # measured in the page in one step (a rerun may redraw the heading between two calls)
        title_top, container_top, padding = page.evaluate("""() => {
            const box = document.querySelector('[data-testid="stMainBlockContainer"]');
            const title = [...box.querySelectorAll('h1')].find(h => h.innerText.includes('Community concerns'));
            return [title.getBoundingClientRect().top, box.getBoundingClientRect().top,
                    parseFloat(getComputedStyle(box).paddingTop)];
        }""")
        assert title_top <= container_top + padding + 24, (title_top, container_top, padding)
