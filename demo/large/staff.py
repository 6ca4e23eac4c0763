"""Settings and accounts: the small demo's accounts (same usernames and passwords) plus
several hundred patrol officers, each assigned to one district or two neighbouring ones."""

from __future__ import annotations

import numpy as np
import pandas as pd

from demo.accounts import USERS
from demo.large.context import CityContext, Staff
from demo.town import names
from demo.town.people import SETTINGS, password_hashes

CITY_SETTINGS = {
    **SETTINGS,
    "department_name": "Lakeport Police Department",
    "unit_name": "Community Relations / Crime Prevention Division",
    "time_zone": "America/Chicago",
    "report_recipients": "Deputy Chief, Community Policing Bureau; Office of the Superintendent",
}
SHIFTS = ("day", "evening", "night")
OFFICERS_PER_DISTRICT = 8          # on average; busier districts get more


def build_settings(ctx: CityContext) -> None:
    ctx.insert("settings", pd.DataFrame({"key": list(CITY_SETTINGS), "value": list(CITY_SETTINGS.values())}))


def build_staff(ctx: CityContext) -> Staff:
    rng = ctx.rng("staff")
    city = ctx.city
    code_index = {d.code: i for i, d in enumerate(city.districts)}
    busy = np.array([d.busy for d in city.districts])
    per_district = np.maximum(5, np.round(busy / busy.mean() * OFFICERS_PER_DISTRICT)).astype(int)
    primary = np.repeat(np.arange(len(city.districts)), per_district)
    n = len(primary)
    # a fifth also cover the district numbered next to theirs
    secondary = np.where(rng.random(n) < 0.2, (primary + 1) % len(city.districts), primary)
    first, last = names.people(rng, n)
    badges = 2000 + np.arange(n)
    generated = pd.DataFrame({
        "username": [f"{f[0]}{s}{b}".lower().replace("'", "") for f, s, b in zip(first, last, badges)],
        "display_name": [f"Ofc. {f} {s}" for f, s in zip(first, last)],
        "role": "officer", "badge_number": badges.astype(str),
        "shift": rng.choice(3, size=n, p=[0.4, 0.35, 0.25]),
    })
    demo = pd.DataFrame({
        "username": [u.username for u in USERS], "display_name": [u.display_name for u in USERS],
        "role": [u.role for u in USERS], "badge_number": [u.badge for u in USERS],
        "shift": [SHIFTS.index(u.shift) for u in USERS],
    })
    users = pd.concat([demo, generated], ignore_index=True)
    users.insert(0, "id", ctx.ids("users", len(users)))
    hashes = password_hashes(ctx.rng("passwords"))          # one hash per role, as in the small demo
    ctx.insert("users", users.drop(columns="shift").assign(
        email=users.username + "@lpd.example.org", password_hash=users.role.map(hashes),
        must_change_password=False, active=True))
    ctx.users = dict(zip(users.username, users.id.astype(int)))

    demo_officers = [u for u in USERS if u.role == "officer"]
    officer_rows = users[users.role == "officer"]
    prim = np.concatenate([[code_index[u.districts[0]] for u in demo_officers], primary])
    sec = np.concatenate([[code_index[u.districts[-1]] for u in demo_officers], secondary])
    ids = officer_rows.id.to_numpy()
    links = pd.DataFrame({"user_id": np.concatenate([ids, ids[sec != prim]]),
                          "district_id": city.ids[np.concatenate([prim, sec[sec != prim]])]})
    ctx.insert("user_districts", links)
    # the pool: every officer under each district they cover
    cover_officer = np.concatenate([np.arange(len(ids)), np.nonzero(sec != prim)[0]])
    cover_district = np.concatenate([prim, sec[sec != prim]])
    order = np.lexsort((cover_officer, cover_district))
    return Staff(ids=ids, usernames=officer_rows.username.tolist(), names=officer_rows.display_name.tolist(),
                 shift=officer_rows["shift"].to_numpy(), primary=prim, secondary=sec,
                 pool=cover_officer[order],
                 pool_start=np.searchsorted(cover_district[order], np.arange(len(city.districts) + 1)))
