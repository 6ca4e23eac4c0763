"""About 20,000 crime incidents over the 24 months, as the records system would export them.

Each crime type has its own share, hour-of-day and weekday pattern (car
break-ins overnight, shoplifting in store hours, disorder on weekend nights),
season, district mix and pull towards the district's hotspots.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

import numpy as np
import pandas as pd

from demo.town.base import DemoContext, weights

PER_TWO_YEARS = 20_000
BASE_HOURS = (3, 2.5, 2, 1.5, 1, 1, 1.5, 2.5, 3.5, 4, 4.5, 5, 5.5, 5.5, 5.5, 6, 6.5, 6.5, 6.5, 6, 5.5, 5, 4.5, 4)
NIGHT_HOURS = (8, 9, 9, 8, 6, 4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 4, 5, 6, 7)
LATE_HOURS = (6, 5.5, 5, 3.5, 2, 1, 1, 1, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6, 6, 6, 6, 6)
STORE_HOURS = (0, 0, 0, 0, 0, 0, 0, 0.5, 1, 3, 5, 6, 7, 7, 7, 8, 8, 8, 7, 6, 4, 2, 1, 0.3)
DAY_HOURS = (3, 3, 3, 3, 2, 2, 2, 3, 5, 6, 6, 6, 6, 6, 6, 5, 5, 4, 4, 3, 3, 3, 3, 3)
OFFICE_HOURS = (0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 2, 4, 6, 7, 7, 6, 6, 6, 5, 4, 3, 2, 1.5, 1, 1, 0.5, 0.5)
ROAD_HOURS = (5, 5, 4, 3, 2, 2, 3, 6, 7, 5, 4, 4, 5, 5, 5, 6, 7, 7, 6, 5, 5, 5, 5, 5)
EVEN_WEEK = (1, 1, 1, 1, 1.1, 1.05, 0.9)
WEEKEND = (0.85, 0.8, 0.85, 0.9, 1.15, 1.35, 1.2)
WORK_WEEK = (1.2, 1.2, 1.1, 1.1, 1, 0.6, 0.5)
SEASON = (0.85, 0.8, 0.9, 0.95, 1.05, 1.1, 1.15, 1.15, 1.05, 1.0, 0.95, 0.95)
DISTRICT_WEIGHT = {"D1": 0.27, "D2": 0.19, "D3": 0.09, "D4": 0.18, "D5": 0.17, "D6": 0.10}


class CrimeType(NamedTuple):
    code: str
    share: float
    offenses: tuple[tuple[str, str], ...]          # (offense code, description)
    hours: tuple[float, ...] = BASE_HOURS
    week: tuple[float, ...] = EVEN_WEEK
    districts: dict[str, float] = {}               # multipliers on DISTRICT_WEIGHT
    hotspot: float = 0.25
    season: bool = True


CRIME_TYPES = (
    CrimeType("larceny", 0.17, (("LAR6", "LARCENY 6TH DEGREE"), ("LAR5", "LARCENY 5TH DEGREE"),
              ("LAR4", "LARCENY 4TH DEGREE"), ("LARBLD", "LARCENY FROM BUILDING"),
              ("LARBIC", "THEFT OF BICYCLE"), ("LARPKG", "PACKAGE THEFT"))),
    CrimeType("theft_from_vehicle", 0.10, (("LARMV", "LARCENY FROM MOTOR VEHICLE"),
              ("LARCAT", "THEFT OF CATALYTIC CONVERTER"), ("LARPRT", "THEFT OF MOTOR VEHICLE PARTS")),
              NIGHT_HOURS, districts={"D3": 1.3, "D6": 1.2}),
    CrimeType("shoplifting", 0.08, (("SHOP", "SHOPLIFTING"), ("LAR6S", "LARCENY 6TH DEGREE - SHOPLIFTING")),
              STORE_HOURS, (1, 1, 1, 1, 1.1, 1.2, 1),
              {"D1": 1.4, "D2": 0.7, "D3": 0.3, "D4": 1.5, "D5": 0.8, "D6": 1.2}, hotspot=0.8),
    CrimeType("vehicle_theft", 0.035, (("MVT", "STOLEN MOTOR VEHICLE"), ("MVTATT", "ATTEMPTED MOTOR VEHICLE THEFT")),
              NIGHT_HOURS),
    CrimeType("burglary", 0.05, (("BUR3R", "BURGLARY 3RD DEGREE - RESIDENCE"),
              ("BUR3C", "BURGLARY 3RD DEGREE - COMMERCIAL"), ("BUR2", "BURGLARY 2ND DEGREE")),
              DAY_HOURS, districts={"D1": 0.8, "D2": 0.45, "D3": 1.6, "D6": 1.9}),
    CrimeType("fraud", 0.07, (("IDTHFT", "IDENTITY THEFT"), ("FRDPRT", "FRAUD - FALSE PRETENSE/SWINDLE"),
              ("FRDCC", "CREDIT CARD FRAUD"), ("FORG", "COUNTERFEITING/FORGERY"), ("SCAMGC", "SCAM - GIFT CARDS")),
              OFFICE_HOURS, WORK_WEEK, hotspot=0.0, season=False),
    CrimeType("vandalism", 0.08, (("CRM3", "CRIMINAL MISCHIEF 3RD DEGREE"), ("CRM2", "CRIMINAL MISCHIEF 2ND DEGREE"),
              ("GRAF", "GRAFFITI")), LATE_HOURS, WEEKEND),
    CrimeType("simple_assault", 0.07, (("ASLT3", "ASSAULT 3RD DEGREE"), ("THRT2", "THREATENING 2ND DEGREE")),
              LATE_HOURS, WEEKEND, {"D1": 1.4}, hotspot=0.45),
    CrimeType("aggravated_assault", 0.02, (("ASLT2", "ASSAULT 2ND DEGREE"), ("ASLT1", "ASSAULT 1ST DEGREE")),
              LATE_HOURS, WEEKEND, {"D1": 1.4, "D5": 1.3}, hotspot=0.5),
    CrimeType("robbery", 0.01, (("ROB3", "ROBBERY 3RD DEGREE"), ("ROB1", "ROBBERY 1ST DEGREE"),
              ("ROBCOM", "ROBBERY - COMMERCIAL")), LATE_HOURS, WEEKEND, {"D1": 1.5}, hotspot=0.5),
    CrimeType("homicide", 0.0001, (("MURD", "MURDER"),), LATE_HOURS, WEEKEND, hotspot=0.5),
    CrimeType("drug", 0.05, (("NARCP", "POSSESSION OF NARCOTICS"), ("CSP", "POSSESSION OF CONTROLLED SUBSTANCE"),
              ("NARCS", "SALE OF NARCOTICS"), ("PARA", "POSSESSION OF DRUG PARAPHERNALIA")),
              LATE_HOURS, WEEKEND, {"D1": 1.3, "D3": 0.4, "D5": 1.4, "D6": 0.6}, hotspot=0.55),
    CrimeType("disorderly", 0.09, (("BOP2", "BREACH OF PEACE 2ND DEGREE"), ("DISC", "DISORDERLY CONDUCT"),
              ("NUIS", "PUBLIC NUISANCE - NOISE")), LATE_HOURS, WEEKEND, {"D1": 1.6}, hotspot=0.5),
    CrimeType("trespass", 0.03, (("TRES1", "CRIMINAL TRESPASS 1ST DEGREE"), ("TRES3", "CRIMINAL TRESPASS 3RD DEGREE")),
              LATE_HOURS, hotspot=0.4),
    CrimeType("traffic", 0.10, (("OUI", "OPERATING UNDER THE INFLUENCE"), ("RECK", "RECKLESS DRIVING"),
              ("EVAD", "EVADING RESPONSIBILITY"), ("NOLIC", "OPERATING WITHOUT A LICENSE")), ROAD_HOURS, WEEKEND),
    CrimeType("other", 0.0449, (("HAR2", "HARASSMENT 2ND DEGREE"), ("VPO", "VIOLATION OF PROTECTIVE ORDER"),
              ("LOST", "LOST PROPERTY"), ("MISS", "MISSING PERSON"))),
)


def offense_mappings() -> pd.DataFrame:
    return pd.DataFrame([{"offense_description": d, "crime_type_code": t.code}
                         for t in CRIME_TYPES for _, d in t.offenses])


def _day_weights(days: list[date], t: CrimeType, first: date) -> np.ndarray:
    month = np.array([d.month for d in days]) - 1
    weekday = np.array([d.weekday() for d in days])
    years = np.array([(d - first).days for d in days]) / 365.25
    season = np.asarray(SEASON)[month] if t.season else 1.0
    if t.code == "shoplifting":
        season = season * np.where(month == 11, 1.3, 1.0)      # holiday shopping
    # a gentle 4% a year decline, so year-over-year comparisons show something
    return weights(season * np.asarray(t.week)[weekday] * (1 - 0.04 * years))


def build_incidents(ctx: DemoContext) -> None:
    rng = ctx.rng("incidents")
    town = ctx.town
    days = [ctx.first_day + timedelta(days=k) for k in range((ctx.last_day - ctx.first_day).days + 1)]
    scale = PER_TWO_YEARS * len(days) / 730.5
    codes = [d.code for d in town.districts]
    frames = []
    for t in CRIME_TYPES:
        n = int(rng.poisson(scale * t.share))
        day = np.array(days, dtype="datetime64[D]")[rng.choice(len(days), size=n, p=_day_weights(days, t, ctx.first_day))]
        minute = rng.choice(24, size=n, p=weights(t.hours)) * 60 + rng.integers(0, 60, n)
        offense = rng.integers(len(t.offenses), size=n)
        district = rng.choice(len(codes), size=n, p=weights([DISTRICT_WEIGHT[c] * t.districts.get(c, 1.0)
                                                             for c in codes]))
        lon, lat, address = np.zeros(n), np.zeros(n), np.empty(n, dtype=object)
        for i in range(len(codes)):
            here = np.nonzero(district == i)[0]
            lon[here], lat[here] = town.points(rng, i, len(here), hotspot_share=t.hotspot)
            # public crime data gives the block, not the house number
            address[here] = [_block(a) for a in town.addresses(rng, i, len(here))]
        frames.append(pd.DataFrame({
            "occurred_at": day.astype("datetime64[us]") + minute.astype("timedelta64[m]"),
            "offense": [t.offenses[k][0] for k in offense],
            "offense_description": [t.offenses[k][1] for k in offense],
            "crime_type_code": t.code,
            "district_id": [town.districts[k].id for k in district],
            "source_district": [codes[k] for k in district],
            "address": address, "latitude": lat, "longitude": lon,
        }))
    frame = pd.concat(frames, ignore_index=True).sort_values(["occurred_at", "offense"], kind="stable")
    year = frame["occurred_at"].dt.year
    sequence = frame.groupby(year).cumcount() + 1
    frame.insert(0, "incident_number", [f"MB{y % 100:02d}-{s:06d}" for y, s in zip(year, sequence)])
    frame.insert(0, "id", ctx.ids("incidents", len(frame)))
    frame["import_batch"] = "demo"
    frame["imported_at"] = ctx.stamp
    ctx.insert("offense_mappings", offense_mappings())
    ctx.insert("incidents", frame)


def _block(address: str) -> str:
    number, street = address.split(" ", 1)
    return f"{int(number) // 100 * 100} BLOCK {street.upper()}"
