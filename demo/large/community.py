"""Lakeport's community organizations, their meetings, and the unit's programs.

Programs are the small demo's (demo.town.programs), with their target
districts mapped by archetype (a program Millbrook runs in "D1" runs in every
downtown-like Lakeport district) and their yearly goals scaled to the city.
Citywide partners (the newspaper, the city departments, Crime Stoppers) are
Millbrook's, renamed; neighbourhood groups, schools and churches are drawn
per district.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from demo.large import dates
from demo.large.context import CityContext
from demo.town import names
from demo.town.base import add_months
from demo.town.organizations import ORGS, TOPICS, schedule_label
from demo.town.programs import PROGRAMS, SURVEY_GOALS, end_date

CITYWIDE = {o.key for o in ORGS if o.district is None} | {"chamber", "other_hospital"}
DISTRICT_TYPES = ("block_watch", "business_watch", "tenant_group", "school", "faith",
                  "business_association", "civic", "other")
# how a Lakeport group of each type meets: (every n months, nth, weekday, hour)
SCHEDULES = {"block_watch": (1, 2, 1, 19), "tenant_group": (1, -1, 3, 18), "business_watch": (1, 1, 2, 8),
             "business_association": (3, 2, 3, 8), "civic": (3, 2, 3, 19)}
GOAL_FACTOR = 8.5                 # Lakeport does about this many times Millbrook's work


def _district_orgs(ctx: CityContext, rng: np.random.Generator) -> pd.DataFrame:
    city = ctx.city
    venues = city.venues
    frames = [
        venues[venues.kind == "school"].assign(org_type="school"),
        venues[venues.kind == "faith"].assign(org_type="faith"),
        venues[venues.kind == "housing"].assign(org_type="tenant_group", name=lambda f: f.name + " Tenants Association"),
    ]
    rows = []
    for i, d in enumerate(city.districts):
        watches = 2 + int(rng.poisson(d.population / 9000))
        blocks = rng.choice(np.arange(10, 80) * 100, size=watches, replace=False)
        streets = rng.integers(len(d.streets), size=watches)
        rows += [{"name": f"{b} Block of {d.streets[s]} Block Watch", "org_type": "block_watch", "district": i}
                 for b, s in zip(blocks, streets)]
        commercial = d.archetype in ("D1", "D4")
        rows += [{"name": f"{d.name} Business Watch" + (f" {k + 1}" if k else ""), "org_type": "business_watch",
                  "district": i} for k in range(int(rng.integers(1, 3)) if commercial else int(rng.random() < 0.4))]
        if commercial or rng.random() < 0.5:
            rows.append({"name": f"{d.name} Chamber of Commerce", "org_type": "business_association", "district": i})
        rows.append({"name": f"{d.name} Neighborhood Council", "org_type": "civic", "district": i})
        if rng.random() < 0.2:
            rows.append({"name": f"{d.name} Youth Boxing Club", "org_type": "other", "district": i})
    frames.append(pd.DataFrame(rows))
    orgs = pd.concat([f[["name", "org_type", "district"]] for f in frames], ignore_index=True)
    orgs["district"] = orgs["district"].astype(int)
    numbers, streets = city.street_numbers(rng, orgs["district"].to_numpy())
    orgs["address"] = [f"{n} {s}" for n, s in zip(numbers, streets)]
    # groups that meet at a venue give its address
    at_venue = venues.set_index(["name", "district"])["address"]
    known = pd.MultiIndex.from_arrays([orgs["name"].str.replace(" Tenants Association", ""), orgs["district"]])
    found = at_venue.reindex(known).to_numpy()
    orgs["address"] = np.where(pd.isna(found), orgs["address"], found)
    return orgs


def build_organizations(ctx: CityContext) -> None:
    rng = ctx.rng("organizations")
    city, staff = ctx.city, ctx.staff
    local = _district_orgs(ctx, rng)
    citywide = pd.DataFrame([{"key": o.key, "name": o.name.replace("Millbrook", city.name), "org_type": o.org_type,
                              "district": -1} for o in ORGS if o.key in CITYWIDE])
    citywide["address"] = "121 N. Statler Street (City Hall)"
    orgs = pd.concat([citywide, local.assign(key=None)], ignore_index=True)
    n = len(orgs)
    district = orgs["district"].to_numpy()
    placed = district >= 0
    first, last = names.people(rng, n)
    neighbourhood = orgs.org_type.isin(["block_watch", "business_watch", "tenant_group", "school"]).to_numpy()
    liaison = np.full(n, ctx.users["cpo"], dtype=np.int64)
    covered = placed & neighbourhood
    liaison[covered] = staff.ids[staff.covering(rng, district[covered])]
    kinds = orgs.org_type.to_numpy()
    founded_years = rng.integers(1, 30, n)
    founded = pd.to_datetime([f"{ctx.today.year - y}-{m:02d}-01" for y, m in zip(founded_years, rng.integers(1, 13, n))])
    has_founding = np.isin(kinds, ["block_watch", "business_watch", "tenant_group", "business_association",
                                   "civic", "other"])
    # about a tenth of the neighbourhood groups have gone dormant
    active = ~(placed & np.isin(kinds, ["block_watch", "tenant_group", "business_watch", "other"])
               & (rng.random(n) < 0.1))
    schedule = [SCHEDULES.get(k) for k in kinds]
    frame = pd.DataFrame({
        "id": ctx.ids("organizations", n), "name": orgs.name, "org_type": kinds,
        "district_id": pd.array(np.where(placed, city.ids[np.maximum(district, 0)], 0), dtype="Int64"),
        "address": orgs.address,
        "contact_name": [f"{f} {s}" for f, s in zip(first, last)], "contact_phone": names.phones(rng, n),
        "contact_email": [names.email(f, s, int(k)) for f, s, k in zip(first, last, rng.integers(1, 99, n))],
        "liaison_officer_id": liaison, "meeting_schedule": [schedule_label(s) for s in schedule],
        "established_by_department": (kinds == "block_watch") & (rng.random(n) < 0.6) | (kinds == "business_watch"),
        "active": active, "founded_on": pd.Series(founded).where(has_founding),
        "notes": np.where(active, None, "Dormant: no meetings held in over a year."),
    })
    frame.loc[~placed, "district_id"] = pd.NA
    ctx.insert("organizations", frame)
    ctx.orgs = frame.assign(key=orgs["key"].to_numpy(), district=district)
    _meetings(ctx, frame.assign(schedule=schedule))


def _meetings(ctx: CityContext, orgs: pd.DataFrame) -> None:
    """The liaison's record of the groups' meetings over the last twelve months (a tenth unlogged)."""
    rng = ctx.rng("org_meetings")
    meets = orgs[orgs.active & orgs.schedule.notna() & orgs.district_id.notna()]
    months = dates.month_starts(add_months(ctx.today.replace(day=1), -12), ctx.last_day)
    every = np.array([s[0] for s in meets.schedule])
    org = np.repeat(np.arange(len(meets)), len(months))
    month = np.tile(months, len(meets))
    step = np.tile(np.arange(len(months)), len(meets))
    sched = np.array(list(meets.schedule), dtype=int)[org]
    met_on = dates.nth_weekdays(month, sched[:, 2], sched[:, 1])
    keep = (step % every[org] == 0) & (met_on <= np.datetime64(ctx.last_day)) & (rng.random(len(org)) < 0.9)
    org, met_on = org[keep], met_on[keep]
    typical = np.where(meets.org_type.isin(["business_association", "civic"]).to_numpy()[org], 25, 14)
    first = rng.integers(len(TOPICS), size=len(org))
    second = (first + 1 + rng.integers(len(TOPICS) - 1, size=len(org))) % len(TOPICS)
    frame = pd.DataFrame({
        "id": ctx.ids("org_meetings", len(org)), "organization_id": meets.id.to_numpy()[org], "met_on": met_on,
        "officer_id": meets.liaison_officer_id.to_numpy()[org], "attendance": rng.poisson(typical) + 3,
        "topics": [f"{TOPICS[a]}; {TOPICS[b]}" for a, b in zip(first, second)],
    })
    ctx.insert("org_meetings", frame)


def target_districts(ctx: CityContext, program) -> list[int]:
    """District indexes a program serves: all, or those of the archetypes Millbrook targets."""
    if len(program.districts) == 6:
        return list(range(len(ctx.city.districts)))
    return ctx.city.of_archetype(program.districts)


def _goal(target: float, per: str, scale: float) -> float:
    if per == "cohort":
        return float(target)
    value = target * GOAL_FACTOR * scale
    if value < 10:
        return float(max(1, round(value)))
    return float(round(value, 1 - int(np.floor(np.log10(value)))))      # two significant digits


def build_programs(ctx: CityContext) -> None:
    ids = ctx.ids("programs", len(PROGRAMS))
    ctx.programs = {p.key: int(i) for p, i in zip(PROGRAMS, ids)}
    ctx.insert("programs", pd.DataFrame({
        "id": ids, "name": [p.name for p in PROGRAMS], "category": [p.category for p in PROGRAMS],
        "description": [p.description for p in PROGRAMS], "delivery_kind": [p.delivery_kind for p in PROGRAMS],
        "lead_officer_id": [ctx.users[p.lead] for p in PROGRAMS],
        "start_date": [program_start(ctx, p) for p in PROGRAMS],
        "end_date": [end_date(ctx, p) for p in PROGRAMS], "status": [p.status for p in PROGRAMS],
    }))
    pid, city = ctx.programs, ctx.city
    ctx.insert("program_target_districts", pd.DataFrame(
        [{"program_id": pid[p.key], "district_id": city.districts[i].id}
         for p in PROGRAMS for i in target_districts(ctx, p)]))
    ctx.insert("program_target_crime_types", pd.DataFrame(
        [{"program_id": pid[p.key], "crime_type_code": c} for p in PROGRAMS for c in p.crime_types]))
    ctx.insert("program_outcome_measures", pd.DataFrame(
        [{"program_id": pid[p.key], "measure_code": m} for p in PROGRAMS for m in p.measures]))
    # a goal on a resident-survey measure is a share of residents: it does not grow with the city
    goals = pd.DataFrame([
        {"program_id": pid[p.key], "measure": m, "per_period": per,
         "target_value": float(t) if m in SURVEY_GOALS else _goal(t, per, ctx.scale)}
        for p in PROGRAMS for m, t, per in p.goals])
    goals["description"] = [SURVEY_GOALS.get(m) or f"{v:,.0f} {m.replace('_', ' ')} per {per}"
                            for v, m, per in zip(goals.target_value, goals.measure, goals.per_period)]
    goals.insert(0, "id", ctx.ids("program_goals", len(goals)))
    ctx.insert("program_goals", goals)


def program_start(ctx: CityContext, p) -> date:
    return date(ctx.today.year - p.years_running, 6 if p.key == "basketball" else 1, 1)


def build_program_partners(ctx: CityContext, hosts: pd.DataFrame) -> None:
    """Citywide partners named by Millbrook's programs, plus every group that hosted an event."""
    keyed = ctx.orgs.dropna(subset=["key"]).set_index("key")["id"]
    rows = [{"program_id": ctx.programs[p.key], "organization_id": int(keyed[k])}
            for p in PROGRAMS for k in p.partners if k in keyed.index]
    frame = pd.concat([pd.DataFrame(rows), hosts[["program_id", "organization_id"]]], ignore_index=True)
    ctx.insert("program_partners", frame.drop_duplicates(ignore_index=True))
