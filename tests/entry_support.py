"""A small world for entry tests: two districts, staff, a car-seat program, a partner."""

from __future__ import annotations

from dataclasses import dataclass

from core import users
from queries.actor import SYSTEM, Actor
from queries.db import Database
from tests.apptest_support import page_file, signed_in

PASSWORD = "correct horse battery"


@dataclass
class World:
    db: Database
    north: int
    south: int
    cpo: Actor
    admin: Actor
    command: Actor
    patrol: Actor
    car_seat: int
    tips: int
    partner: int


def count(db: Database, sql: str, **params) -> int:
    with db.cursor() as cur:
        return cur.execute(sql, params or None).fetchone()[0]


def audits(db: Database, table: str, action: str | None = None) -> list[tuple]:
    with db.cursor() as cur:
        return cur.execute(
            "select action, record_id, username from audit_log where table_name = $t "
            "and ($a is null or action = $a) order by id", {"t": table, "a": action}).fetchall()


def build_world(db: Database) -> World:
    with db.unit_of_work(SYSTEM) as uow:
        north = uow.insert("districts", {"code": "N", "name": "North"})["id"]
        south = uow.insert("districts", {"code": "S", "name": "South"})["id"]
    for role, name in (("prevention", "cpo"), ("admin", "boss"), ("command", "chief"), ("officer", "patrol")):
        users.add_user(db, SYSTEM, name, name.title(), role, PASSWORD, ["N"] if role == "officer" else [],
                       temporary=False)
    ids = {r[0]: r[1] for r in db.cursor().execute("select username, id from users").fetchall()}
    with db.unit_of_work(SYSTEM) as uow:
        car = uow.insert("programs", {"name": "Car-seat station", "category": "traffic_safety",
                                      "delivery_kind": "recurring"})["id"]
        for code in ("car_seats_inspected", "car_seats_incorrect"):
            uow.link("program_outcome_measures", {"program_id": car, "measure_code": code})
        tips = uow.insert("programs", {"name": "Crime Stoppers", "category": "tip_line",
                                       "delivery_kind": "continuous"})["id"]
        for code in ("tips_received", "rewards_paid"):
            uow.link("program_outcome_measures", {"program_id": tips, "measure_code": code})
        partner = uow.insert("organizations", {"name": "Safe Kids", "org_type": "civic",
                                               "district_id": north})["id"]
    return World(db, north, south,
                 Actor("cpo", "prevention", ids["cpo"]), Actor("boss", "admin", ids["boss"]),
                 Actor("chief", "command", ids["chief"]),
                 Actor("patrol", "officer", ids["patrol"], frozenset({north})), car, tips, partner)


def open_page(username: str, file: str):
    """An AppTest signed in as `username` (of build_world) and switched to app_pages/`file`."""
    at = signed_in(username, PASSWORD)
    at.switch_page(page_file(file)).run()
    assert not at.exception
    return at


def by_label(elements, label):
    found = [e for e in elements if e.label == label]
    assert found, f"no widget {label!r}"
    return found[0]
