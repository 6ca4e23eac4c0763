"""Businesses and their contact persons: cleaning, district placement, duplicates, reads.

Everything a saved cell passes through on the server, whatever the browser's
grid claimed: phone numbers to E.164, e-mail syntax, required fields and
lengths, the district from the location when there is one (point in polygon),
and the "same name and address" key that finds likely duplicates. No
streamlit here: the grid, the importer and the CLI share these rules.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from dateutil.relativedelta import relativedelta

from core.geo import DistrictLocator
from core.validate import (
    FieldError,
    format_phone,
    normalize_email,
    normalize_phone,
    optional_float_in_range,
    require_text,
)
from queries.access import Denied, read_scope
from queries.actor import Actor
from queries.db import Database

CONTACT_ROLES = ("owner", "manager", "keyholder", "employee", "security", "other")
BUSINESS_TEXT = {"name": 200, "dba": 200, "address": 300, "category": 100, "notes": 2000}
LOCATION_FIELDS = {"latitude", "longitude", "district"}

# words that the same address is written with in several ways
_ABBREVIATIONS = {
    "street": "st", "str": "st", "avenue": "ave", "av": "ave", "road": "rd", "boulevard": "blvd",
    "drive": "dr", "lane": "ln", "place": "pl", "square": "sq", "court": "ct", "terrace": "ter",
    "highway": "hwy", "parkway": "pkwy", "north": "n", "south": "s", "east": "e", "west": "w",
    "suite": "ste", "and": "&", "saint": "st", "mount": "mt", "the": "",
}
_NON_WORD = re.compile(r"[^0-9a-z&]+")


def _words(text: Any) -> str:
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    words = _NON_WORD.sub(" ", str(text).lower().replace("'", "")).split()
    return " ".join(w for w in (_ABBREVIATIONS.get(w, w) for w in words) if w)


def duplicate_key(name: Any, address: Any) -> str:
    """Name and address normalised: "Joe's Pizza, 12 Main Street" == "JOES PIZZA 12 main st."."""
    return _words(name) + "|" + _words(address)


def blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return True
    except ImportError:  # pragma: no cover
        pass
    return isinstance(value, str) and not value.strip()


def optional_text(value: Any, field_name: str, max_len: int) -> str | None:
    return None if blank(value) else require_text(value, field_name, max_len)


# -- districts ----------------------------------------------------------------

@dataclass
class Places:
    """District codes and ids, and the boundaries to place a point in (when any are drawn)."""

    ids_by_code: dict[str, int]
    locator: DistrictLocator | None = None
    codes_by_id: dict[int, str] = field(init=False)

    def __post_init__(self) -> None:
        self.codes_by_id = {v: k for k, v in self.ids_by_code.items()}

    def locate(self, latitude: float, longitude: float) -> str | None:
        return self.locator.locate(longitude, latitude) if self.locator else None


def load_places(db: Database) -> Places:
    ids = {row["code"]: row["id"] for row in db.rows("districts_list")}
    # businesses are placed in top-level districts (beats roll up to them)
    shapes = {row["code"]: row["geometry"] for row in db.rows("district_shapes", all_districts=True, districts=[])
              if row["kind"] == "district" and row["geometry"]}
    return Places(ids, DistrictLocator(shapes) if shapes else None)


@dataclass(frozen=True)
class Located:
    district_id: int | None
    outside_districts: bool


def place(places: Places, latitude: float | None, longitude: float | None,
          chosen_code: str | None, chose_district: bool) -> Located:
    """The district of a business: from its point when the boundaries hold it, else as chosen.

    A point outside every drawn district keeps the chosen district (or none) and is flagged.
    """
    if chosen_code is not None and chosen_code not in places.ids_by_code:
        raise FieldError("district", f"'{chosen_code}' is not a district code.")
    chosen = places.ids_by_code.get(chosen_code) if chosen_code else None
    if latitude is None or longitude is None or places.locator is None:
        return Located(chosen, False)
    found = places.locate(latitude, longitude)
    if found is None:
        return Located(chosen, True)
    if chose_district and chosen_code is not None and chosen_code != found:
        raise FieldError("district", f"the location lies in district {found}, not {chosen_code}; "
                                     "correct the latitude/longitude or clear them to choose the district.")
    return Located(places.ids_by_code[found], False)


# -- cleaning -----------------------------------------------------------------

def clean_business_fields(raw: dict, fields: Iterable[str]) -> tuple[dict, dict]:
    """Clean the named fields of `raw`; returns (values, problems) keyed by field."""
    values, problems = {}, {}
    for name in fields:
        value = raw.get(name)
        try:
            if name in ("name", "address"):
                values[name] = require_text(value, name, BUSINESS_TEXT[name])
            elif name in BUSINESS_TEXT:
                values[name] = optional_text(value, name, BUSINESS_TEXT[name])
            elif name == "main_phone":
                values[name] = normalize_phone(value, field="phone")
            elif name == "latitude":
                values[name] = optional_float_in_range(value, "latitude", -90, 90)
            elif name == "longitude":
                values[name] = optional_float_in_range(value, "longitude", -180, 180)
            elif name == "district":
                values[name] = None if blank(value) else str(value).strip()
        except FieldError as error:
            problems[error.field] = error.message
    return values, problems


def clean_contact(raw: dict) -> tuple[dict, dict]:
    """A contact person's values as stored, and the problems found (field -> reason)."""
    values, problems = {}, {}
    checks = {
        "name": lambda v: require_text(v, "name", 200),
        "role": _contact_role,
        "phone": lambda v: normalize_phone(v, field="phone"),
        "alt_phone": lambda v: normalize_phone(v, field="alt_phone"),
        "email": lambda v: normalize_email(v, field="email"),
        "after_hours": lambda v: False if blank(v) else bool(v),
    }
    for name, check in checks.items():
        if name not in raw:
            continue
        try:
            values[name] = check(raw[name])
        except FieldError as error:
            problems[error.field] = error.message
    return values, problems


def _contact_role(value: Any) -> str:
    text = "" if blank(value) else str(value).strip().lower()
    if text not in CONTACT_ROLES:
        raise FieldError("role", f"must be one of {', '.join(CONTACT_ROLES)}.")
    return text


def currency_cutoff(today):
    """A check on or before this day is older than 12 months (as `interval 12 month` in the SQL)."""
    import pandas as pd

    return (pd.Timestamp(today) - pd.DateOffset(months=12)).date()


def shown_phone(value: Any) -> str:
    return "" if blank(value) else format_phone(str(value))


_STORED_PHONE = re.compile(r"\+(\d{4,15})(?:;ext=(\d{1,10}))?")


def dial_digits(value: Any) -> str | None:
    """What follows 'tel:+' in a tap-to-call link (RFC 3966) to a stored phone number, made of its
    digits only: '16172270000', '16172270000;ext=12'; None when the stored value is not a number
    in international form (a legacy value is shown as text, never put into a link)."""
    found = None if blank(value) else _STORED_PHONE.fullmatch(str(value).strip())
    if found is None:
        return None
    number, extension = found.groups()
    return number + (f";ext={extension}" if extension else "")


def phone_link(value: Any) -> str | None:
    """'tel:+16172270000' for a stored phone number (see dial_digits), or None."""
    digits = dial_digits(value)
    return None if digits is None else "tel:+" + digits


def long_date(day) -> str:
    """'3 Mar 2026'."""
    return f"{day.day} {day:%b %Y}"


def verification_state(last_verified_on, today) -> tuple[str, str]:
    """How a business's last check reads, and its colour: ('Verified 3 Mar 2026', 'green'),
    ('Overdue (verified 14 months ago)', 'red') after 12 months (as the overdue count), or
    ('Never verified', 'orange')."""
    if blank(last_verified_on):
        return "Never verified", "orange"
    import pandas as pd

    day = pd.Timestamp(last_verified_on).date()
    if day > currency_cutoff(today):
        return f"Verified {long_date(day)}", "green"
    elapsed = relativedelta(today, day)
    months = elapsed.years * 12 + elapsed.months
    ago = f"{months} months" if months < 24 else f"{months // 12} years"
    return f"Overdue (verified {ago} ago)", "red"


_DIGITS = re.compile(r"\d+")


def _padded(match: re.Match) -> str:
    return match.group().lstrip("0").zfill(20)


def natural_key(names):
    """Each name as it sorts for people: case folded, every number padded to 20 digits."""
    folded = names.fillna("").astype(str).str.casefold()
    numbered = folded.str.contains(r"\d", regex=True)
    if numbered.any():             # most names hold no number: only those that do are rewritten
        folded = folded.copy()
        folded[numbered] = [_DIGITS.sub(_padded, name) for name in folded[numbered].tolist()]
    return folded


def natural_order(frame, column: str = "name", then: tuple[str, ...] = ("address", "id")):
    """`frame` sorted as people read names: case does not matter and numbers count as numbers
    ('Shop 2' before 'Shop 10', 'apex' beside 'Apex')."""
    rest = [c for c in then if c in frame.columns]
    order = frame.assign(_key=natural_key(frame[column])).sort_values(["_key", *rest], kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def search_businesses(frame, text: str):
    """The rows whose name, 'doing business as' or address holds `text` (any case); reads the
    `search_text` column business_cards() prepares, when there is one."""
    needle = (text or "").strip().casefold()
    if not needle:
        return frame
    hay = frame["search_text"] if "search_text" in frame.columns else \
        (frame["name"].fillna("") + " " + frame["dba"].fillna("") + " " + frame["address"].fillna("")).str.casefold()
    return frame[hay.str.contains(needle, regex=False)]


# -- reads --------------------------------------------------------------------

def list_businesses(db: Database, actor: Actor, today):
    """The actor's list (officers: their districts only)."""
    return db.df("businesses_list", **read_scope(actor), today=today)


CARD_COLUMNS = ["id", "name", "dba", "address", "district_code", "main_phone", "last_verified_on",
                "last_verified_by", "overdue"]


def business_cards(listed):
    """The actor's list (list_businesses) as the phone's cards list it, in the order people read
    names (natural_order), with the colour of each verification state (green, red when overdue,
    orange when never verified) and the text a search looks in (search_text)."""
    import numpy as np

    frame = listed[CARD_COLUMNS]
    never = frame["last_verified_on"].isna().to_numpy()
    overdue = frame["overdue"].fillna(False).astype(bool).to_numpy()
    frame["colour"] = np.where(never, "orange", np.where(overdue, "red", "green"))
    frame["search_text"] = (frame["name"].fillna("") + " " + frame["dba"].fillna("") + " "
                            + frame["address"].fillna("")).str.casefold()
    return natural_order(frame)


def card_details(db: Database, actor: Actor, cards, today):
    """The cards shown (rows of business_cards) with each business's first contact person and its
    verification state in words."""
    leads = db.df("business_lead_contacts", ids=[int(i) for i in cards["id"]], **read_scope(actor))
    frame = cards.merge(leads, how="left", left_on="id", right_on="business_id").drop(columns="business_id")
    frame["state"] = [verification_state(day, today)[0] for day in frame["last_verified_on"]]
    return frame


def get_business(db: Database, actor: Actor, business_id: int) -> dict:
    """One business in the actor's scope; another district's business is refused and audited."""
    row = db.one("business_by_id", id=business_id, **read_scope(actor))
    if row is not None:
        return row
    exists = db.one("business_district", id=business_id)
    if exists is None:
        from queries.errors import NotFound

        raise NotFound("businesses", business_id)
    denied = Denied(f"Business {business_id} is not in your districts.", "businesses", {"id": business_id})
    with db.unit_of_work(actor) as uow:
        uow.audit("denied", "businesses", business_id, detail=f"read: {denied}")
    raise denied


def list_contacts(db: Database, actor: Actor, business_id: int):
    get_business(db, actor, business_id)  # refuses (and audits) another district's business
    return db.df("business_contacts_list", business_id=business_id, **read_scope(actor))


def export_rows(db: Database, actor: Actor, district_id: int | None):
    """The printable list's rows (one per contact person) in the actor's scope, one district or all."""
    return db.df("business_contacts_export", **read_scope(actor), district_id=district_id)


def export_preview(db: Database, actor: Actor, district_id: int | None, rows: int = 200) -> dict:
    """What the downloads section shows before a click: counts and the first rows."""
    frame = export_rows(db, actor, district_id)
    return {"businesses": int(frame["business_id"].nunique()), "contacts": int(frame["contact_name"].notna().sum()),
            "rows": len(frame), "head": frame.head(rows)}


def currency_by_district(db: Database, actor: Actor, period_end):
    return db.df("metric_business_currency", period_end=period_end, **read_scope(actor))
