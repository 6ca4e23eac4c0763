"""The demo accounts, one per role plus twelve patrol officers, and their published passwords.

Millbrook and Lakeport both create them (same usernames and passwords), and the sign-in page
lists them while the database is the demo one. Plain data: importing it loads nothing else.
"""

from __future__ import annotations

from typing import NamedTuple

PASSWORDS = {
    "admin": "Demo-Records-2026",
    "command": "Demo-Command-2026",
    "prevention": "Demo-Outreach-2026",
    "officer": "Demo-Officer-2026",
}


class DemoUser(NamedTuple):
    username: str
    display_name: str
    role: str
    badge: str | None
    districts: tuple[str, ...] = ()
    shift: str = "day"


USERS = (
    DemoUser("admin", "Dana Whitfield", "admin", None),
    DemoUser("commander", "Lt. Raymond Castellano", "command", "1107"),
    DemoUser("chief", "Chief Eleanor Briggs", "command", "1001"),
    DemoUser("cpo", "Ofc. Jasmine Ortiz", "prevention", "1342"),
    DemoUser("officer1", "Ofc. Brian Kavanagh", "officer", "1411", ("D1",), "day"),
    DemoUser("officer2", "Ofc. Tamika Okafor", "officer", "1418", ("D1", "D2"), "evening"),
    DemoUser("officer3", "Ofc. Luis Pacheco", "officer", "1425", ("D2",), "night"),
    DemoUser("officer4", "Ofc. Megan Thibodeau", "officer", "1433", ("D2", "D3"), "day"),
    DemoUser("officer5", "Ofc. Daniel Nguyen", "officer", "1440", ("D3",), "evening"),
    DemoUser("officer6", "Ofc. Rachel Lindqvist", "officer", "1447", ("D3", "D5"), "night"),
    DemoUser("officer7", "Ofc. Marcus Bellamy", "officer", "1452", ("D4",), "day"),
    DemoUser("officer8", "Ofc. Sofia Marchetti", "officer", "1459", ("D4", "D6"), "evening"),
    DemoUser("officer9", "Ofc. Kevin Rasmussen", "officer", "1463", ("D5",), "night"),
    DemoUser("officer10", "Ofc. Angela Quintero", "officer", "1470", ("D5", "D1"), "day"),
    DemoUser("officer11", "Ofc. Patrick Donnelly", "officer", "1476", ("D6",), "evening"),
    DemoUser("officer12", "Ofc. Grace Yamamoto", "officer", "1481", ("D6", "D4"), "night"),
)


class DemoAccount(NamedTuple):
    username: str
    role: str
    password: str


# Shown on the sign-in page while the `demo` setting is "true".
DEMO_ACCOUNTS: tuple[DemoAccount, ...] = tuple(DemoAccount(u.username, u.role, PASSWORDS[u.role]) for u in USERS)
