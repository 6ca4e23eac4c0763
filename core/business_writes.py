"""Saving the business grid and the contact persons: validate everything, then one unit of work.

The browser's grid can be bypassed, so every changed cell is cleaned here
(core/businesses.py) and a single bad cell refuses the whole save with a
message naming the row and field; nothing is written. Likely duplicates
(same name and address, normalised) stop the save until the user confirms.
A stale version anywhere (another officer saved first) refuses the whole save
with ConflictError carrying the current values. Permissions are checked by the
unit of work (queries/access.py): an officer's write to another district's
business is refused there and audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.businesses import (
    Places,
    blank,
    clean_business_fields,
    clean_contact,
    duplicate_key,
    load_places,
    place,
)
from core.grid_changes import RowChange
from core.validate import FieldError
from queries.access import can_see_district, scoped
from queries.actor import Actor
from queries.db import Database
from queries.errors import DataError, ValidationError

BUSINESS_FIELDS = ("name", "dba", "address", "category", "main_phone", "district", "latitude",
                   "longitude", "notes")
CONTACT_FIELDS = ("name", "role", "phone", "alt_phone", "email", "after_hours")


class LikelyDuplicate(DataError):
    """The save would create a second record of a business already listed; nothing was written."""

    def __init__(self, matches: list[str]):
        super().__init__("Likely duplicate: " + "; ".join(matches))
        self.matches = matches


@dataclass
class SaveSummary:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    verified: int = 0

    def sentence(self) -> str:
        parts = [f"{n} {word}" for n, word in ((self.added, "added"), (self.updated, "updated"),
                                               (self.deleted, "removed"), (self.verified, "verified today"))
                 if n]
        return "Saved: " + ", ".join(parts) + "." if parts else "Nothing to save."


def _prefixed(label: str, problems: dict) -> dict:
    return {f"{label} · {field}": reason for field, reason in problems.items()}


def _business_values(change: RowChange, places: Places, actor: Actor, adding: bool) -> tuple[dict, dict]:
    """The stored columns this change sets, and the problems found."""
    fields = BUSINESS_FIELDS if adding else [f for f in BUSINESS_FIELDS if f in change.values]
    raw = {**change.base, **change.values}
    values, problems = clean_business_fields(raw, fields)
    out = {k: v for k, v in values.items() if k != "district"}
    if adding or LOCATION_CHANGED & set(change.values):
        lat = values["latitude"] if "latitude" in values else change.base.get("latitude")
        lon = values["longitude"] if "longitude" in values else change.base.get("longitude")
        lat, lon = (None if blank(lat) else float(lat)), (None if blank(lon) else float(lon))
        code = values["district"] if "district" in values else change.base.get("district")
        code = None if blank(code) else str(code)
        if (lat is None) != (lon is None) and "latitude" not in problems and "longitude" not in problems:
            problems["location"] = "give both latitude and longitude, or neither."
        elif not problems.keys() & {"latitude", "longitude", "district"}:
            try:
                located = place(places, lat, lon, code, chose_district="district" in change.values)
            except FieldError as error:
                problems[error.field] = error.message
            else:
                out["district_id"] = located.district_id
                out["outside_districts"] = located.outside_districts
                if scoped(actor) and located.district_id is None and not located.outside_districts:
                    mine = ", ".join(sorted(places.codes_by_id.get(i, str(i)) for i in actor.district_ids))
                    problems["district"] = f"choose one of your districts ({mine})."
                elif (scoped(actor) and not can_see_district(actor, located.district_id)
                        and lat is not None and "district" not in change.values):
                    where = places.codes_by_id.get(located.district_id, "no district")
                    problems["location"] = (f"the point lies in {where}, outside your districts; "
                                            "check the latitude and longitude.")
    return out, problems


LOCATION_CHANGED = {"latitude", "longitude", "district"}


def _duplicates(db: Database, actor: Actor, planned: list[tuple[RowChange, dict]],
                deleted_ids: set[int]) -> list[str]:
    existing: dict[str, list[dict]] = {}
    for row in db.rows("business_match_keys"):
        if row["id"] not in deleted_ids:
            existing.setdefault(duplicate_key(row["name"], row["address"]), []).append(row)
    seen: dict[str, str] = {}
    found = []
    for change, values in planned:
        if change.id is not None and not {"name", "address"} & set(values):
            continue
        name = values.get("name", change.base.get("name"))
        address = values.get("address", change.base.get("address"))
        key = duplicate_key(name, address)
        others = [r for r in existing.get(key, []) if r["id"] != change.id]
        for other in others:
            visible = can_see_district(actor, other["district_id"])
            where = f"business {other['id']} ({other['name']}, {other['address']})" if visible \
                else "a business in another district"
            found.append(f"{change.label}: {name}, {address} matches {where}")
        if key in seen:
            found.append(f"{change.label}: {name}, {address} is entered twice (also {seen[key]})")
        seen.setdefault(key, change.label)
    return found


def save_businesses(db: Database, actor: Actor, updated: list[RowChange], added: list[RowChange],
                    deleted: list[RowChange], today: date, verify_ids: set[int] | None = None,
                    allow_duplicates: bool = False) -> SaveSummary:
    """Apply the grid's changes all or nothing; `verify_ids` (among `updated`) are marked verified today."""
    places = load_places(db)
    verify_ids = set(verify_ids or ())
    problems: dict[str, str] = {}
    planned_updates, planned_adds = [], []
    for change in updated:
        values, found = _business_values(change, places, actor, adding=False)
        problems.update(_prefixed(change.label, found))
        planned_updates.append((change, values))
    for change in added:
        values, found = _business_values(change, places, actor, adding=True)
        problems.update(_prefixed(change.label, found))
        planned_adds.append((change, values))
    if problems:
        raise ValidationError(problems)
    deleted_ids = {c.id for c in deleted}
    if not allow_duplicates:
        matches = _duplicates(db, actor, planned_updates + planned_adds, deleted_ids)
        if matches:
            raise LikelyDuplicate(matches)
    stamp = {"last_verified_on": today, "last_verified_by": actor.username}
    summary = SaveSummary()
    with db.unit_of_work(actor) as uow:
        for change in deleted:
            uow.delete("businesses", change.id, change.version)
            summary.deleted += 1
        for change, values in planned_updates:
            summary.updated += bool(values)
            if change.id in verify_ids:
                values = {**values, **stamp}
                _record_verification(uow, change.id, today)
                summary.verified += 1
            if values:
                uow.update("businesses", change.id, change.version, values)
        for change, values in planned_adds:
            # whoever enters a business has just checked it
            added = uow.insert("businesses", {**values, **stamp})
            _record_verification(uow, added["id"], today)
            summary.added += 1
    return summary


def verify_business(db: Database, actor: Actor, business_id: int, version: int, today: date) -> dict:
    with db.unit_of_work(actor) as uow:
        row = uow.update("businesses", business_id, version,
                         {"last_verified_on": today, "last_verified_by": actor.username})
        _record_verification(uow, business_id, today)
        return row


def _record_verification(uow, business_id: int, today: date) -> None:
    """The history the verified-within-12-months figures of past periods are counted from."""
    uow.insert("business_verifications", {"business_id": business_id, "verified_on": today,
                                          "verified_by": uow.actor.username})


def save_contacts(db: Database, actor: Actor, business_id: int, updated: list[RowChange],
                  added: list[RowChange], deleted: list[RowChange]) -> SaveSummary:
    """Contact persons of one business, all or nothing."""
    problems: dict[str, str] = {}
    planned_updates, planned_adds = [], []
    for change in updated:
        values, found = clean_contact({k: v for k, v in change.values.items() if k in CONTACT_FIELDS})
        problems.update(_prefixed(change.label, found))
        planned_updates.append((change, values))
    for change in added:
        raw = {f: change.values.get(f) for f in CONTACT_FIELDS}
        values, found = clean_contact(raw)
        problems.update(_prefixed(change.label, found))
        planned_adds.append((change, values))
    if problems:
        raise ValidationError(problems)
    summary = SaveSummary()
    with db.unit_of_work(actor) as uow:
        for change in deleted:
            _same_business(uow, change.id, business_id)
            uow.delete("business_contacts", change.id, change.version)
            summary.deleted += 1
        for change, values in planned_updates:
            _same_business(uow, change.id, business_id)
            uow.update("business_contacts", change.id, change.version, values)
            summary.updated += 1
        for change, values in planned_adds:
            uow.insert("business_contacts", {**values, "business_id": business_id})
            summary.added += 1
    return summary


def _same_business(uow, contact_id: int, business_id: int) -> None:
    row = uow.row("business_contacts", contact_id)
    if row is not None and row["business_id"] != business_id:
        raise ValidationError({"contact": f"contact {contact_id} belongs to another business."})
