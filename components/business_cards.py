"""The business list on a phone: a search box and a card per business; a card opens to edit it.

Each card shows the name, address, first contact person, tap-to-call phone numbers and the
verification state in words and colour. An opened card edits the same fields as the desktop grid
and its contact persons, with a one-tap "Verified today". Every save goes through the grid's own
writes (core/business_writes.py: save_businesses, save_contacts), so the checks, the conflict rule
(a save names the version the officer opened; someone else's later save refuses it, keeping what
was typed) and the audit rows are the same.

The page draws both this list and the grid, each in a keyed container, and a style sheet with a
media query shows the one that fits the screen: Streamlit's server cannot know the viewport.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from components import flash, say
from components.business_contacts import refresh_list
from components.business_list import listed
from components.feedback import show_error
from components.figures import cached
from components.paging import page_start
from components.session import SignedIn
from core import clock, formatting
from core.business_writes import LikelyDuplicate, save_businesses, save_contacts
from core.businesses import (
    CONTACT_ROLES,
    business_cards as card_rows,
    card_details,
    dial_digits,
    get_business,
    list_contacts,
    search_businesses,
    shown_phone,
    verification_state,
)
from core.formatting import plural
from core.grid_changes import RowChange, same
from core.text import md
from core.users import changed_by, name_of
from core.vocabulary import VOCABULARIES, label as label_of
from queries.db import Database
from queries.errors import ConflictError, DataError, ValidationError

CARDS_KEY, TABLE_KEY = "businesses_cards", "businesses_table"   # the two containers' keys
NARROW = 700            # widest screen (CSS pixels) that gets the cards: phones, also turned sideways
# st.html of style tags alone takes no room on the page; `st-key-<key>` is a keyed container's class
VIEWS = f"""<style>
@media (max-width: {NARROW}px) {{ .st-key-{TABLE_KEY} {{ display: none; }} }}
@media not all and (max-width: {NARROW}px) {{ .st-key-{CARDS_KEY} {{ display: none; }} }}
.st-key-{CARDS_KEY} a[href^="tel:"] {{ white-space: nowrap; }}
</style>"""
CARD_ROWS = 20
OPEN = "business_card_open"          # session state: the id of the opened business
STATE = "business_card_state"        # session state: what the opened card was read as, and outcomes
SEARCH, OVERDUE, PAGE = "business_cards_search", "business_cards_overdue", "business_cards_page"
FIELDS = {  # the grid's editable columns and their labels
    "name": "Name", "dba": "Doing business as", "address": "Address", "category": "Category",
    "main_phone": "Main phone", "district": "District", "notes": "Notes", "latitude": "Latitude",
    "longitude": "Longitude",
}
# the field names in the checks' messages (core/businesses.py) and the form's labels
PROBLEM_FIELDS = {"phone": "Main phone", "location": "Location", **FIELDS}
CONTACT_LABELS = {"name": "Name", "role": "Role", "phone": "Phone", "alt_phone": "Other phone", "email": "E-mail",
                  "after_hours": "After-hours keyholder"}


def responsive_views() -> None:
    """Show the cards on narrow screens and the grid on wide ones (see the module)."""
    st.html(VIEWS)


@st.cache_resource(show_spinner=False, max_entries=8)
def _all_cards(_db: Database, db_path: str, write_count: int, actor, today: date) -> pd.DataFrame:
    """The actor's whole list, sorted, read again after each write through the gateway (the write
    count is part of the key). Shared and never changed in place (filters make new frames), so a
    rerun costs no copy of a large city's list."""
    return card_rows(listed(_db, actor, today))


def business_cards(db: Database, user: SignedIn, today: date, districts: dict[str, int], editable: bool) -> None:
    """A search box and a card per business; a tapped card unfolds where it is (the screen stays on
    it, however far down the list) to edit the business and its contact persons."""
    search = st.text_input("Find a business", key=SEARCH, type="search", placeholder="Name or address",
                           on_change=_new_list)
    overdue_only = st.toggle("Only overdue or never verified", key=OVERDUE, on_change=_new_list)
    rows = search_businesses(_all_cards(db, str(db.path), db.write_count, user.actor, today), search)
    if overdue_only:
        rows = rows[rows["colour"] != "green"]
    say.caption("{businesses} · {overdue:,} overdue or never verified", businesses=plural(len(rows), "business"),
                overdue=int((rows["colour"] != "green").sum()))
    cards = st.container()
    start, _ = page_start(len(rows), PAGE, CARD_ROWS)
    shown = rows.iloc[start:start + CARD_ROWS]
    if not shown.empty:
        # the first contact person and the state in words, read again only after a write
        shown = cached(card_details, db, user.actor, shown, today)
    opened = st.session_state.get(OPEN)
    with cards:
        if opened is not None and int(opened) not in set(shown["id"].tolist()):
            # open but not on this page (the page was turned), or an id the browser made up: checked
            # like any other (another district's business is refused and audited) and drawn first
            with st.container(border=True, key="business_card_elsewhere"):
                st.button("Close", key="business_card_close_elsewhere", type="tertiary",
                          icon=":material/close:", on_click=_close)
                _opened_card(db, user, today, districts, editable, int(opened), heading=True)
        if rows.empty:
            st.info("No business matches." if search or overdue_only
                    else "No business is listed in your districts yet.")
        for row in shown.itertuples(index=False):
            _card(db, user, today, districts, editable, row, opened=opened is not None and int(opened) == row.id)


def _open(business_id: int) -> None:
    st.session_state[OPEN] = business_id
    st.session_state.pop(STATE, None)


def _close() -> None:
    st.session_state.pop(OPEN, None)
    st.session_state.pop(STATE, None)


def _new_list() -> None:
    """Another search or filter: back to the first page, every card closed."""
    st.session_state.pop(PAGE, None)
    _close()


def _phone_link(value: Any):
    """A stored phone number as a tap-to-call link built from its digits, or as text."""
    digits = dial_digits(value)
    if digits is None:
        return md(shown_phone(value))
    return say.text("[{phone}](tel:+{digits})", phone=shown_phone(value), digits=digits)


def _role(code: Any) -> str:
    """A contact person's role in words (Owner, Keyholder)."""
    return VOCABULARIES.get("contact_role", {}).get(code) or str(code or "").replace("_", " ").capitalize()


def _category(text: Any) -> str | None:
    """A stored category as it is shown (free text, capital first letter); none stays none. The card's
    field starts from it, and only a category the officer changes is written."""
    return None if text is None or text == "" else label_of("business_category", text)


def _badge(words: str, colour: str):
    return say.text(":green-badge[:material/check_circle: {words}]" if colour == "green"
                    else ":red-badge[:material/schedule: {words}]" if colour == "red"
                    else ":orange-badge[:material/help: {words}]", words=words)


def _card(db: Database, user: SignedIn, today: date, districts: dict[str, int], editable: bool, row,
          opened: bool) -> None:
    with st.container(border=True, key=f"business_card_{row.id}"):
        st.button(say.text("**{name}**", name=row.name), key=f"open_business_{row.id}", type="tertiary",
                  on_click=_close if opened else _open, args=() if opened else (int(row.id),),
                  icon=":material/expand_less:" if opened else ":material/chevron_right:", icon_position="right")
        lines = [say.text("{address}{district}", address=row.address,
                          district=say.text(" · {code}", code=row.district_code) if row.district_code else "")]
        if pd.notna(row.dba):
            lines.insert(0, say.text("Doing business as {dba}", dba=row.dba))
        if pd.isna(row.contact_name):
            lines.append(say.text("No contact person yet"))
        else:
            lines.append(say.text("{name} ({role}){after}{phone}", name=row.contact_name,
                                  role=_role(row.contact_role),
                                  after=say.text(", after hours") if row.contact_after_hours else "",
                                  phone=say.text(" · {link}", link=_phone_link(row.contact_phone))
                                  if pd.notna(row.contact_phone) else ""))
        if pd.notna(row.main_phone):
            lines.append(say.text("Main phone {link}", link=_phone_link(row.main_phone)))
        lines.append(_badge(row.state, row.colour))
        st.markdown(say.join("  \n", lines))
        if opened:
            _opened_card(db, user, today, districts, editable, int(row.id), heading=False)
            st.button("Close", key=f"close_business_{row.id}", type="tertiary", icon=":material/expand_less:",
                      on_click=_close)


# -- the opened card -------------------------------------------------------------

def _base(business: dict) -> dict:
    """The business as the grid's row shows it: the values edits are compared with."""
    return {"name": business["name"], "dba": business["dba"], "address": business["address"],
            "category": _category(business["category"]), "main_phone": shown_phone(business["main_phone"]) or None,
            "district": business["district_code"], "notes": business["notes"],
            "latitude": business["latitude"], "longitude": business["longitude"]}


def _state(db: Database, user: SignedIn, business: dict) -> dict:
    """What the officer opened (kept until a save or a reload): the values, the version, the contacts."""
    state = st.session_state.get(STATE)
    if state is None or state["id"] != business["id"]:
        state = {"id": int(business["id"]), "nonce": 0, "outcome": None, "conflict": None, "duplicates": None,
                 "contacts_nonce": 0, "contacts": None, "contact_outcome": {}, "removing": None}
        st.session_state[STATE] = state
    if state.get("base") is None:
        state["base"], state["version"] = _base(business), int(business["version"])
    if state["contacts"] is None:
        frame = list_contacts(db, user.actor, int(business["id"]))
        state["contacts"] = [{k: (None if pd.isna(v) else v) for k, v in row.items()}
                             for row in frame.to_dict("records")]
    return state


def _reload(state: dict) -> None:
    """Read the business again on the next run, and give its fields fresh keys (the saved values).
    The contact persons' fields are left as they are, typing included."""
    state["base"] = None
    state["nonce"] += 1
    state["conflict"] = state["duplicates"] = None


def _reload_contacts(state: dict) -> None:
    """Read the contact persons again on the next run, with fresh fields; the business's are left."""
    state["contacts"] = None
    state["contacts_nonce"] += 1
    state["contact_outcome"] = {}
    state["removing"] = None


def _opened_card(db: Database, user: SignedIn, today: date, districts: dict[str, int], editable: bool,
                 business_id: int, heading: bool) -> None:
    """The opened business: its fields and contact persons to edit (or read), and "Verified today".
    `heading`: drawn outside its card, so with its name and verification state."""
    try:
        business = cached(get_business, db, user.actor, business_id)   # another district's business: refused, audited
    except DataError as error:
        show_error(error)
        return
    state = _state(db, user, business)
    if heading:
        say.subheader("{name}", name=business["name"])
        words, colour = verification_state(business["last_verified_on"], today)
        say.markdown("{badge}", badge=_badge(words, colour))
    if business["last_verified_by"]:
        say.caption("Last checked by {who}", who=cached(name_of, db, business["last_verified_by"]))
    if not editable:
        _read_only(business, state, heading)
        return
    values = _typed(state)   # the widgets' values from the last run (drawn below)
    label = "Save and mark verified today" if values else "Verified today"
    if st.button(md(label), key="business_card_verify", type="primary", icon=":material/verified:", width="stretch",
                 help="Records that you checked the details with the business today"):
        _save(db, user, today, state, values, verify=True, where="top")
    _outcome(db, user, today, state, districts, "top")
    _fields(state, districts)
    values = _typed(state)
    c1, c2 = st.columns(2)
    if c1.button("Save changes", key="business_card_save", type="primary", width="stretch"):
        _save(db, user, today, state, values, verify=False, where="bottom")
    if c2.button("Discard changes", key="business_card_discard", width="stretch", disabled=not values):
        _reload(state)
        _unsay(state)
        st.rerun()
    _outcome(db, user, today, state, districts, "bottom")
    _contacts(db, user, state)


def _key(state: dict, field: str) -> str:
    return f"business_card_{state['id']}_{state['nonce']}_{field}"


def _fields(state: dict, districts: dict[str, int]) -> None:
    base = state["base"]
    st.text_input("Name", value=base["name"] or "", max_chars=200, key=_key(state, "name"))
    st.text_input("Doing business as", value=base["dba"] or "", max_chars=200, key=_key(state, "dba"))
    st.text_input("Address", value=base["address"] or "", max_chars=300, key=_key(state, "address"))
    st.text_input("Category", value=base["category"] or "", max_chars=100, key=_key(state, "category"))
    st.text_input("Main phone", value=base["main_phone"] or "", key=_key(state, "main_phone"), type="phone",
                  placeholder="617-555-0134", help="Any common format; stored in international form.")
    codes = list(districts)
    if base["district"] and base["district"] not in codes:
        codes.append(base["district"])
    st.selectbox("District", codes, index=codes.index(base["district"]) if base["district"] else None,
                 key=_key(state, "district"), help="Set from the location when latitude and longitude are given.")
    st.text_area("Notes", value=base["notes"] or "", max_chars=2000, key=_key(state, "notes"), height=80)
    with st.expander("Location (latitude and longitude)"):
        st.number_input("Latitude", min_value=-90.0, max_value=90.0, value=base["latitude"], format="%.6f",
                        step=0.0001, key=_key(state, "latitude"))
        st.number_input("Longitude", min_value=-180.0, max_value=180.0, value=base["longitude"], format="%.6f",
                        step=0.0001, key=_key(state, "longitude"))


def _typed(state: dict) -> dict:
    """The fields whose widget holds something other than what the card was opened with."""
    changed = {}
    for field in FIELDS:
        key = _key(state, field)
        if key in st.session_state and not same(st.session_state[key], state["base"][field]):
            value = st.session_state[key]
            changed[field] = value.strip() if isinstance(value, str) else value
    return changed


def _slot(state: dict, where: str) -> str:
    """Where a save's success is said (components/flash): next to the button, on this business's card."""
    return f"business_card_{state['id']}_{where}"


def _unsay(state: dict) -> None:
    """The officer acts on the card again: what the last save said is no longer said."""
    state["outcome"] = None
    for where in ("top", "bottom", "contacts"):
        flash.forget(_slot(state, where))


def _save(db: Database, user: SignedIn, today: date, state: dict, values: dict, verify: bool, where: str,
          version: int | None = None, allow_duplicates: bool = False) -> None:
    change = RowChange(label=state["base"]["name"], id=state["id"], version=version or state["version"],
                       values=dict(values), base=dict(state["base"]))
    _unsay(state)
    state["conflict"] = state["duplicates"] = None
    try:
        summary = save_businesses(db, user.actor, [change], [], [], today,
                                  verify_ids={state["id"]} if verify else set(), allow_duplicates=allow_duplicates)
    except LikelyDuplicate as duplicate:
        state["duplicates"] = {"matches": duplicate.matches, "verify": verify, "where": where, "version": version}
    except ConflictError as conflict:
        state["conflict"] = {"current": conflict.current or {}, "mine": dict(values), "verify": verify,
                             "where": where}
    except DataError as error:
        state["outcome"] = {"where": where, "error": error}
    else:
        _reload(state)
        flash.later("success", "{message}", slot=_slot(state, where), message=summary.sentence())
        refresh_list()     # the desktop grid shows the saved values too
    st.rerun()


def _outcome(db: Database, user: SignedIn, today: date, state: dict, districts: dict[str, int], where: str) -> None:
    """What the last save said, next to the button that made it."""
    flash.show(_slot(state, where))
    outcome = state.get("outcome")          # a refusal, until the next save
    if outcome and outcome["where"] == where:
        if isinstance(outcome["error"], ValidationError):
            for field, reason in outcome["error"].problems.items():
                name = field.rsplit(" · ", 1)[-1]
                say.error("**{field}**: {reason}", field=PROBLEM_FIELDS.get(name, name.capitalize()), reason=reason)
            st.caption("Nothing was saved; what you typed is still in the form.")
        else:
            show_error(outcome["error"])
    duplicates = state.get("duplicates")
    if duplicates and duplicates["where"] == where:
        say.warning("**Likely duplicate: nothing was saved yet.**\n\n{matches}",
                    matches=say.join("\n", [say.text("- {match}", match=m) for m in duplicates["matches"]]))
        if st.button("Save anyway", key=f"business_card_save_anyway_{where}"):
            _save(db, user, today, state, _typed(state), duplicates["verify"], where, version=duplicates["version"],
                  allow_duplicates=True)
    conflict = state.get("conflict")
    if conflict and conflict["where"] == where:
        _conflict(db, user, today, state, districts, conflict, where)


def _current_value(field: str, current: dict, districts: dict[str, int]) -> Any:
    if field == "main_phone":
        return shown_phone(current.get("main_phone"))
    if field == "district":
        codes = {i: code for code, i in districts.items()}
        return codes.get(current.get("district_id"), current.get("district_id"))
    return current.get(field)


def _conflict(db, user, today, state, districts, conflict, where) -> None:
    current = conflict["current"]
    who = changed_by(db, current)
    when = clock.to_department(current.get("deleted_at") or current.get("updated_at"), db)   # stored in UTC
    say.error("**{name}** was changed by {who}{when} after you opened it. Nothing was saved; what you typed is "
              "still in the form.", name=state["base"]["name"], who=who,
              when=say.text(" at {when}", when=formatting.moment(when)) if when else "")
    lines = [say.text("- **{label}**: yours {mine} · saved now {theirs}", label=FIELDS[f],
                      mine=_shown(value), theirs=_shown(_current_value(f, current, districts)))
             for f, value in conflict["mine"].items()]
    if lines:
        st.markdown(say.join("\n", lines))
    if current.get("deleted_at") is not None:
        st.caption("The business has been removed from the list since.")
    elif current.get("version") is not None and st.button(
            "Save my values over theirs", key=f"business_card_mine_{where}", type="primary"):
        _save(db, user, today, state, _typed(state), conflict["verify"], where, version=int(current["version"]))
    if st.button("Discard mine and load the current values", key=f"business_card_theirs_{where}"):
        _reload(state)
        _unsay(state)
        st.rerun()


def _shown(value: Any) -> str:
    return "–" if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else str(value)


def _read_only(business: dict, state: dict, heading: bool) -> None:
    """The business for a reader; `heading`: drawn outside its card, so with the card's lines too."""
    lines = [say.text("{address}", address=business["address"])] if heading else []
    if heading and business["main_phone"]:
        lines.append(say.text("Main phone {link}", link=_phone_link(business["main_phone"])))
    for field in ("dba", "category", "notes") if heading else ("category", "notes"):
        if business[field]:
            lines.append(say.text("{label}: {value}", label=FIELDS[field],
                                  value=_category(business[field]) if field == "category" else business[field]))
    if lines:
        st.markdown(say.join("  \n", lines))
    st.subheader("Contact persons")
    if not state["contacts"]:
        st.caption("No contact person yet.")
    for contact in state["contacts"]:
        with st.container(border=True):
            _contact_lines(contact)


# -- contact persons ---------------------------------------------------------------

def _contact_lines(contact: dict) -> None:
    lines = [say.text("**{name}** · {role}{after}", name=contact["name"],
                      role=_role(contact["role"]),
                      after=say.text(" · after-hours keyholder") if contact["after_hours"] else "")]
    phones = [say.text("{label} {link}", label=label, link=_phone_link(contact[field]))
              for field, label in (("phone", "Phone"), ("alt_phone", "Other phone")) if contact[field]]
    if phones:
        lines.append(say.join(" · ", phones))
    if contact["email"]:
        lines.append(say.text("{email}", email=contact["email"]))
    st.markdown(say.join("  \n", lines))


def _contact_key(state: dict, contact_id: Any, field: str) -> str:
    return f"business_card_{state['id']}_{state['contacts_nonce']}_contact_{contact_id}_{field}"


def _contact_widgets(state: dict, contact_id: Any, base: dict) -> dict:
    """The contact's fields as widgets; returns what they hold."""
    k = lambda field: _contact_key(state, contact_id, field)  # noqa: E731
    st.text_input("Name", value=base.get("name") or "", max_chars=200, key=k("name"))
    roles = list(CONTACT_ROLES)
    st.selectbox("Role", roles, index=roles.index(base["role"]) if base.get("role") in roles else 0, key=k("role"),
                 format_func=_role)
    st.text_input("Phone", value=shown_phone(base.get("phone")), key=k("phone"), type="phone",
                  placeholder="617-555-0134")
    st.text_input("Other phone", value=shown_phone(base.get("alt_phone")), key=k("alt_phone"), type="phone",
                  placeholder="")
    st.text_input("E-mail", value=base.get("email") or "", key=k("email"), placeholder="")
    st.toggle("After-hours keyholder", value=bool(base.get("after_hours")), key=k("after_hours"),
              help="May be called out after hours")
    return {field: st.session_state[k(field)] for field in CONTACT_LABELS}


def _contacts(db: Database, user: SignedIn, state: dict) -> None:
    st.subheader("Contact persons")
    flash.show(_slot(state, "contacts"))
    if not state["contacts"]:
        st.warning("No contact person yet: add at least one, ideally someone reachable after hours.")
    for contact in state["contacts"]:
        with st.container(border=True, key=f"business_card_contact_{contact['id']}"):
            _contact_lines(contact)
            with st.expander("Edit"):
                base = {**contact, "phone": shown_phone(contact["phone"]) or None,
                        "alt_phone": shown_phone(contact["alt_phone"]) or None}
                typed = _contact_widgets(state, contact["id"], base)
                changed = {f: v for f, v in typed.items() if not same(v, base[f])}
                c1, c2 = st.columns(2)
                if c1.button("Save contact", key=f"business_card_contact_save_{contact['id']}", type="primary",
                             width="stretch"):
                    if changed:
                        _save_contact(db, user, state, contact, "updated", changed)
                    else:
                        st.caption("Nothing to save: no field was changed.")
                if c2.button("Remove", key=f"business_card_contact_remove_{contact['id']}", width="stretch",
                             icon=":material/delete:"):
                    state["removing"] = contact["id"]
                if state["removing"] == contact["id"]:
                    _confirm_removal(db, user, state, contact)
                _contact_outcome(db, user, state, contact, changed)
    with st.expander("Add a contact person", icon=":material/person_add:"):
        typed = _contact_widgets(state, "new", {})
        if st.button("Add", key="business_card_contact_add", type="primary", width="stretch"):
            _save_contact(db, user, state, None, "added", typed)
        _contact_outcome(db, user, state, None, typed)


def _confirm_removal(db: Database, user: SignedIn, state: dict, contact: dict) -> None:
    say.warning("Remove {name} from this business's contact persons?", name=contact["name"])
    c1, c2 = st.columns(2)
    if c1.button("Yes, remove", key=f"business_card_contact_remove_yes_{contact['id']}", type="primary",
                 width="stretch"):
        _save_contact(db, user, state, contact, "deleted", {})
    if c2.button("Cancel", key=f"business_card_contact_remove_no_{contact['id']}", width="stretch"):
        state["removing"] = None
        st.rerun()


def _save_contact(db: Database, user: SignedIn, state: dict, contact: dict | None, kind: str, values: dict,
                  version: int | None = None) -> None:
    where = contact["id"] if contact else "new"
    label = contact["name"] if contact else (values.get("name") or "new contact person")
    change = RowChange(label=label, id=contact["id"] if contact else None,
                       version=version or (contact["version"] if contact else None), values=dict(values),
                       base=dict(contact or {}))
    state["contact_outcome"], state["removing"] = {}, None
    _unsay(state)
    try:
        summary = save_contacts(db, user.actor, state["id"], **{k: [change] if k == kind else []
                                                                 for k in ("updated", "added", "deleted")})
    except DataError as error:
        state["contact_outcome"][where] = {"error": error, "kind": kind, "values": dict(values)}
    else:
        _reload_contacts(state)
        flash.later("success", "Contacts {summary}", slot=_slot(state, "contacts"),
                    summary=summary.sentence()[0].lower() + summary.sentence()[1:])
        refresh_list()
    st.rerun()


def _contact_outcome(db: Database, user: SignedIn, state: dict, contact: dict | None, typed: dict) -> None:
    """What the last save of this contact person said (`typed`: what its fields hold now, changed ones
    only for a listed contact person)."""
    outcome = state["contact_outcome"].get(contact["id"] if contact else "new")
    if not outcome:
        return
    error = outcome["error"]
    if isinstance(error, ValidationError):
        for field, reason in error.problems.items():
            name = field.rsplit(" · ", 1)[-1]
            say.error("**{field}**: {reason}", field=CONTACT_LABELS.get(name, name.capitalize()), reason=reason)
        st.caption("Nothing was saved; what you typed is still here.")
    elif isinstance(error, ConflictError) and contact is not None:
        current = error.current or {}
        say.error("**{name}** was changed by {who} after you opened it. Nothing was saved; what you typed is "
                  "still here.", name=contact["name"], who=changed_by(db, current))
        lines = [say.text("- **{label}**: yours {mine} · saved now {theirs}", label=CONTACT_LABELS[f],
                          mine=_shown(_role(v) if f == "role" else v),
                          theirs=_shown(shown_phone(current.get(f)) if "phone" in f
                                        else _role(current.get(f)) if f == "role"
                                        else current.get(f)))
                 for f, v in outcome["values"].items()]
        if lines:
            st.markdown(say.join("\n", lines))
        if current.get("deleted_at") is None and current.get("version") is not None and \
                st.button("Save my values over theirs", key=f"business_card_contact_mine_{contact['id']}"):
            _save_contact(db, user, state, contact, outcome["kind"], typed, version=int(current["version"]))
        if st.button("Discard mine and load the current values", key=f"business_card_contact_theirs_{contact['id']}"):
            _reload_contacts(state)
            st.rerun()
    else:
        show_error(error)
