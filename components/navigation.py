"""The page registry: which page exists, where its file is, and who may open it.

`app.py` builds `st.navigation` from this registry for the signed-in role, and
every page calls `page_guard(key)` at its top, which checks the same registry
again: a page reached by any route other than the menu is still refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from components.session import SignedIn, current_user, record_denial
from queries.access import ADMIN as ADMINISTRATOR, COMMAND, OFFICER, PREVENTION, ROLES

PAGES_DIR = Path(__file__).resolve().parents[1] / "app_pages"

# Who sees a page in the menu (roles as queries/access.py names them); what they may change on it
# the page asks with `can`.
ALL = frozenset(ROLES)
OFFICE = frozenset({ADMINISTRATOR, COMMAND, PREVENTION})
ADMIN = frozenset({ADMINISTRATOR})
PREVENTION_WORK = frozenset({ADMINISTRATOR, PREVENTION})     # the Crime Prevention officer's desk
FIELD = frozenset({OFFICER, PREVENTION, ADMINISTRATOR})


@dataclass(frozen=True)
class PageSpec:
    key: str                 # also the URL path
    file: str                # under app_pages/
    title: str
    section: str
    roles: frozenset[str]
    icon: str | None = None  # material icon name


# Sections appear in this order; pages in the order listed.
PAGES: tuple[PageSpec, ...] = (
    # the overview is everyone's home page (officers see their own districts)
    PageSpec("overview", "overview.py", "Overview", "Community work", ALL, ":material/dashboard:"),
    PageSpec("concerns", "concerns.py", "Concerns", "Community work", ALL, ":material/report:"),
    PageSpec("contact-log", "contact_log.py", "Contact log", "Community work",
             FIELD, ":material/handshake:"),
    PageSpec("organizations", "organizations.py", "Organizations", "Community work", OFFICE,
             ":material/diversity_3:"),
    PageSpec("surveys", "surveys.py", "Community perception", "Community work", OFFICE, ":material/poll:"),
    PageSpec("programs", "programs.py", "Programs", "Programs", OFFICE, ":material/category:"),
    PageSpec("events", "events.py", "Events", "Programs", OFFICE, ":material/event:"),
    PageSpec("rosters", "rosters.py", "Course rosters", "Programs", OFFICE, ":material/school:"),
    PageSpec("program-results", "program_results.py", "Program results", "Programs", OFFICE,
             ":material/insights:"),
    PageSpec("businesses", "businesses.py", "Business contacts", "Businesses", ALL, ":material/storefront:"),
    PageSpec("district-map", "district_map.py", "District map", "Maps & crime", ALL, ":material/map:"),
    PageSpec("crime-targeting", "crime_targeting.py", "Crime targeting", "Maps & crime", OFFICE,
             ":material/target:"),
    PageSpec("crime-data", "crime_data.py", "Crime data", "Maps & crime", PREVENTION_WORK, ":material/upload_file:"),
    PageSpec("report-monthly", "monthly_report.py", "Monthly report", "Reports",
             PREVENTION_WORK, ":material/summarize:"),
    PageSpec("report-history", "report_history.py", "Submitted reports", "Reports", OFFICE,
             ":material/inventory:"),
    PageSpec("program-evaluation", "program_evaluation.py", "Program evaluations", "Reports", OFFICE,
             ":material/fact_check:"),
    PageSpec("imports", "imports.py", "Imports", "Imports", PREVENTION_WORK,
             ":material/upload_file:"),
    PageSpec("account", "account.py", "My account", "Account", ALL, ":material/person:"),
    PageSpec("admin-districts", "admin_districts.py", "Districts & map", "Administration", ADMIN,
             ":material/share_location:"),
    PageSpec("admin-users", "admin_users.py", "Users", "Administration", ADMIN, ":material/group:"),
    PageSpec("admin-audit", "admin_audit.py", "Audit log", "Administration", ADMIN, ":material/history:"),
    PageSpec("admin-backup", "admin_backup.py", "Backup", "Administration", ADMIN, ":material/backup:"),
    PageSpec("admin-settings", "admin_settings.py", "Settings", "Administration", ADMIN, ":material/settings:"),
)

BY_KEY = {spec.key: spec for spec in PAGES}


def allowed(key: str, role: str) -> bool:
    spec = BY_KEY.get(key)
    return spec is not None and role in spec.roles


def _page(spec: PageSpec, default: bool = False) -> st.Page:
    return st.Page(PAGES_DIR / spec.file, title=spec.title, url_path=spec.key,
                   icon=spec.icon, default=default)


def _nothing() -> None:
    """A page that draws nothing: the sign-in form above it is the whole screen."""


def sign_in_pages() -> list[st.Page]:
    """The navigation while nobody is signed in: the sign-in screen at every address of the app.

    A link followed (or a page reloaded) before signing in is then neither "not found" (a pop-up
    over the form) nor lost: the address stays, and the first run after the sign-in, by form or
    by cookie, opens that page, since a page is known by its address. The pages here draw nothing.
    """
    return [st.Page(_nothing, title="Sign in", url_path="sign-in", default=True)] + [
        st.Page(_nothing, title="Sign in", url_path=spec.key) for spec in PAGES]


def specs_for(role: str, only: set[str] | None = None) -> list[PageSpec]:
    return [spec for spec in PAGES if role in spec.roles and (only is None or spec.key in only)]


def pages_for(role: str, only: set[str] | None = None) -> dict[str, list[st.Page]]:
    """Navigation for a role: sections -> pages, the first page being the home page.

    The addresses of the pages the role may not open are there too, hidden from the menu: they run
    `_refused` (never the page's own file), which shows the refusal and writes a `denied` audit
    row, so an address typed by hand is on record like any other refusal (without them Streamlit
    would only say "Page not found")."""
    sections: dict[str, list[st.Page]] = {}
    for index, spec in enumerate(specs_for(role, only)):
        sections.setdefault(spec.section, []).append(_page(spec, default=index == 0))
    refused = [_refused_page(spec) for spec in PAGES if role not in spec.roles]
    if refused and sections:
        next(iter(sections.values())).extend(refused)
    return sections


def _refused_page(spec: PageSpec) -> st.Page:
    def refused() -> None:
        user = current_user()
        if user is not None:
            record_denial(user, f"page {spec.key} (address)")
        st.error("You do not have access to this page.")

    refused.__name__ = f"refused_{spec.key.replace('-', '_')}"
    return st.Page(refused, title="Not available", url_path=spec.key, visibility="hidden")


def page_guard(key: str) -> SignedIn:
    """First line of every page: the signed-in user, or a refusal and a stop."""
    user = current_user()
    if user is None:
        st.error("Please sign in.")
        st.stop()
    if not allowed(key, user.actor.role):
        record_denial(user, f"page {key}")
        st.error("You do not have access to this page.")
        st.stop()
    return user
