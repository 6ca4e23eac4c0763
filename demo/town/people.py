"""Millbrook's settings and its users: the demo accounts (demo/accounts.py) with their districts."""

from __future__ import annotations

import bcrypt
import numpy as np
import pandas as pd

from demo.accounts import PASSWORDS, USERS
from demo.town.base import DemoContext

SETTINGS = {
    "department_name": "Millbrook Police Department",
    "unit_name": "Community Relations / Crime Prevention Unit",
    "time_zone": "America/New_York",
    "report_recipients": "Division Commander; Office of the Chief of Police",
    # the sign-in page lists the demo accounts only while this is "true"
    "demo": "true",
}

# Demo hashes are cheaper than production ones: the passwords are printed on
# the sign-in page anyway, and the first start should not wait on bcrypt.
DEMO_ROUNDS = 10


def password_hashes(rng: np.random.Generator) -> dict[str, str]:
    """One bcrypt hash per distinct password, reused for every account of that role.

    The salt comes from the section's generator, not os.urandom, so two builds
    with the same seed store the same hash and compare equal row for row. That
    costs nothing here: the demo passwords are public by design. Real accounts
    are hashed with core.passwords.hash_password and a random salt.
    """
    alphabet = np.array(list("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"))
    out = {}
    for role, password in PASSWORDS.items():
        raw = password.encode("utf-8")
        if len(raw) > 72:  # core.passwords pre-hashes longer ones; plain bcrypt agrees below that
            raise ValueError("demo passwords must fit bcrypt's 72 bytes")
        # bcrypt's 22-character salt carries 128 bits, so the last character's low bits are unused
        body = "".join(alphabet[rng.integers(0, 64, size=21)]) + str(alphabet[rng.integers(0, 4) * 16])
        salt = f"$2b${DEMO_ROUNDS:02d}${body}".encode("ascii")
        out[role] = bcrypt.hashpw(raw, salt).decode("ascii")
    return out


def build_settings(ctx: DemoContext) -> None:
    ctx.insert("settings", pd.DataFrame({"key": list(SETTINGS), "value": list(SETTINGS.values())}))


def build_users(ctx: DemoContext) -> None:
    """Insert users and their districts; fill ctx.users and ctx.officers."""
    hashes = password_hashes(ctx.rng("passwords"))
    ids = ctx.ids("users", len(USERS))
    ctx.insert("users", pd.DataFrame({
        "id": ids,
        "username": [u.username for u in USERS],
        "display_name": [u.display_name for u in USERS],
        "role": [u.role for u in USERS],
        "badge_number": [u.badge for u in USERS],
        "email": [f"{u.username}@mpd.example.org" for u in USERS],
        "password_hash": [hashes[u.role] for u in USERS],
        "must_change_password": False,
        "active": True,
    }))
    ctx.users = {u.username: int(i) for u, i in zip(USERS, ids)}
    links = []
    for user, user_id in zip(USERS, ids):
        if user.role != "officer":
            continue
        district_ids = [ctx.town.by_code(c).id for c in user.districts]
        ctx.officers.append({"username": user.username, "name": user.display_name, "id": int(user_id),
                             "shift": user.shift, "districts": district_ids})
        links += [{"user_id": int(user_id), "district_id": d} for d in district_ids]
    ctx.insert("user_districts", pd.DataFrame(links))


def officers_for(ctx: DemoContext, district_id: int) -> list[dict]:
    """Patrol officers assigned to a district (primary district first)."""
    return sorted((o for o in ctx.officers if district_id in o["districts"]),
                  key=lambda o: o["districts"].index(district_id))
