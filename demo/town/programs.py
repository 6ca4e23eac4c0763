"""The unit's crime-prevention programs, with their targets, partners, measures and goals."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pandas as pd

from demo.town.base import DemoContext
from demo.town.organizations import org_id

ALL = ("D1", "D2", "D3", "D4", "D5", "D6")
# a goal on a resident-survey measure: the share of residents its target districts should reach
SURVEY_GOALS = {"survey:safe_night": "More residents of the block watch districts feel safe at night"}
SCHOOLS = tuple(f"school_{k}" for k in range(7))


class Program(NamedTuple):
    key: str
    name: str
    category: str
    delivery_kind: str
    lead: str                                   # username
    years_running: int                          # 0: new to the town, see `began_month`
    description: str
    crime_types: tuple[str, ...]
    districts: tuple[str, ...]
    partners: tuple[str, ...]
    measures: tuple[str, ...] = ()
    goals: tuple[tuple[str, float, str], ...] = ()   # (measure, target, per_period)
    status: str = "active"
    # a program new to the town began this many months into the 24 months of data, so that its
    # target area can be compared before and after it started (older programs predate the data)
    began_month: int | None = None


PROGRAMS = (
    Program("cpa", "Citizens' Police Academy", "education", "course", "cpo", 12,
            "Six weekly evening sessions on how the department works, from patrol and investigations "
            "to use of force and dispatch, with a ride-along on a patrol shift.",
            ("other",), ALL, ("civic_assoc", "chamber"),
            goals=(("participants", 40, "year"), ("completions", 16, "cohort"))),
    Program("officer_friendly", "Officer Friendly School Visits", "schools", "recurring", "cpo", 20,
            "Classroom visits in every elementary and middle school: safety, bullying, "
            "internet safety, and getting to know the officers who patrol the neighborhood.",
            ("drug", "vandalism", "simple_assault"), ALL, (*SCHOOLS, "city_schools"),
            goals=(("events", 60, "year"), ("attendance", 2500, "year"))),
    Program("car_seat", "Child Car-Seat Inspection Station", "traffic_safety", "recurring", "officer10", 10,
            "Certified technicians check child safety seats and show parents how to install them; "
            "second Saturday of every month at headquarters.",
            ("traffic",), ("D1",), ("other_safekids", "other_hospital"),
            ("car_seats_inspected", "car_seats_incorrect"),
            (("events", 12, "year"), ("car_seats_inspected", 180, "year"))),
    Program("crime_stoppers", "Crime Stoppers Anonymous Tip Line", "tip_line", "continuous", "cpo", 18,
            "Anonymous tips by phone, text and web, with cash rewards for tips leading to an arrest. "
            "Recorded as one monthly summary.",
            ("drug", "burglary", "robbery", "vehicle_theft"), ALL, ("other_stoppers", "media_courier"),
            ("tips_received", "rewards_paid", "arrests_from_tips"),
            (("tips_received", 300, "year"), ("arrests_from_tips", 12, "year"))),
    Program("block_watch", "Neighborhood Block Watch", "neighborhood_watch", "recurring", "cpo", 25,
            "Helps residents organize block watch groups, attends their meetings with crime updates "
            "and offers home security surveys.",
            ("burglary", "theft_from_vehicle", "vandalism"), ("D1", "D2", "D3", "D4", "D5"),
            ("bw_union", "bw_maple", "bw_prospect", "bw_hawthorne", "bw_burnside", "bw_canal"),
            ("homes_surveyed",), (("events", 36, "year"), ("homes_surveyed", 60, "year"),
                                  ("survey:safe_night", 70, "year"))),
    Program("tenant", "Tenant Group Partnership", "neighborhood_watch", "recurring", "officer9", 0,
            "Regular meetings with tenant associations in the larger apartment complexes on drug "
            "activity, trespassing and building security.",
            ("drug", "disorderly", "trespass"), ("D1", "D2", "D4", "D5"),
            ("ten_depot", "ten_franklin", "ten_canal", "ten_silver"),
            goals=(("events", 24, "year"),), began_month=14),
    Program("business_watch", "Downtown Business Watch", "business", "recurring", "officer1", 14,
            "Monthly breakfast meeting of downtown merchants: shoplifting and burglary trends, "
            "alerts network, after-hours keyholder list.",
            ("shoplifting", "burglary", "vandalism", "larceny"), ("D1",), ("biz_downtown", "chamber"),
            goals=(("events", 12, "year"), ("attendance", 240, "year"))),
    Program("bicycle", "Bicycle Safety & Helmet Giveaway", "youth", "recurring", "officer4", 8,
            "Bike rodeos and helmet fittings for children from spring to early fall, with free "
            "helmets and bicycle registration against theft.",
            ("traffic", "larceny"), ALL, ("other_safekids", "city_parks", "civic_soccer"),
            ("helmets_given", "bikes_registered"),
            (("helmets_given", 400, "year"), ("bikes_registered", 200, "year"))),
    Program("seniors", "Senior Crime Prevention: Scams & Fraud", "seniors", "recurring", "cpo", 9,
            "Talks at senior centers and senior housing on phone, romance and gift-card scams, "
            "identity theft and home safety.",
            ("fraud",), ALL, ("faith_first", "faith_brendan", "other_hospital"),
            goals=(("events", 20, "year"), ("attendance", 500, "year"))),
    Program("health", "Community Health Seminars", "health", "recurring", "cpo", 5,
            "Seminars with the hospital on opioid overdose and naloxone, safe medicine storage, "
            "CPR and heat safety.",
            ("drug",), ALL, ("other_hospital",),
            goals=(("events", 6, "year"),)),
    Program("mobile", "Mobile Precinct", "outreach", "recurring", "officer2", 0,
            "The mobile command post parks in neighborhoods and plazas so residents can talk to "
            "officers, report problems and pick up crime-prevention material.",
            ("disorderly", "drug", "theft_from_vehicle"), ("D1", "D2", "D4", "D5"),
            ("civic_nrz", "east_merchants"),
            goals=(("events", 30, "year"),), began_month=12),
    Program("special_olympics", "Special Olympics Fundraisers", "fundraising", "recurring", "officer8", 15,
            "Tip-A-Cop dinners, the winter Polar Plunge and the Torch Run, raising money for "
            "local Unified Sports teams.",
            ("other",), ALL, ("civic_unified", "chamber"), ("funds_raised",),
            (("funds_raised", 15000, "year"),)),
    Program("coffee", "Coffee with a Cop", "outreach", "recurring", "officer5", 6,
            "Informal morning conversations with officers at neighborhood coffee shops.",
            ("other",), ("D1", "D2", "D4", "D5"), ("civic_assoc",),
            goals=(("events", 24, "year"), ("attendance", 600, "year"))),
    Program("nno", "National Night Out", "outreach", "one_off", "cpo", 20,
            "First Tuesday in August: block parties in every district with officers, fire "
            "apparatus, games and cookouts.",
            ("burglary", "vandalism"), ALL,
            ("bw_union", "bw_maple", "bw_canal", "city_parks", "media_courier", "media_mcat"),
            goals=(("attendance", 1500, "year"),)),
    Program("takeback", "Drug Take-Back Day", "health", "one_off", "officer11", 12,
            "Twice-yearly collection of unused and expired medication (April and October), "
            "no questions asked.",
            ("drug",), ("D1", "D4"), ("other_hospital", "city_dpw"), ("medications_collected",),
            (("medications_collected", 600, "year"),)),
    Program("home_survey", "Home Security Surveys", "neighborhood_watch", "recurring", "officer6", 4,
            "Officers walk through a home with the owner and recommend locks, lighting and "
            "landscaping changes. Paused while the unit is short-staffed.",
            ("burglary",), ("D2", "D3", "D5", "D6"), ("bw_hawthorne", "bw_ferry"), ("homes_surveyed",),
            (("homes_surveyed", 80, "year"),), status="paused"),
    Program("basketball", "Summer Youth Basketball League", "youth", "recurring", "officer3", 4,
            "Weekly summer evening games for 12-17 year olds coached by officers. Ended when the "
            "grant that paid for the gym ran out.",
            ("disorderly", "vandalism"), ("D2", "D5"), ("civic_nrz", "city_parks"),
            goals=(("events", 10, "year"), ("attendance", 400, "year")), status="ended"),
)


def start_date(ctx: DemoContext, program: Program) -> date:
    """Summer programs began in June, the rest at the start of a year; new ones inside the data."""
    if program.began_month is not None:
        months = ctx.first_day.year * 12 + ctx.first_day.month - 1 + program.began_month
        return date(months // 12, months % 12 + 1, 1)
    return date(ctx.today.year - program.years_running, 6 if program.key == "basketball" else 1, 1)


def end_date(ctx: DemoContext, program: Program) -> date | None:
    """The ended program stopped after last year's summer season."""
    return date(ctx.today.year - 1, 8, 31) if program.status == "ended" else None


def build_programs(ctx: DemoContext) -> None:
    ids = ctx.ids("programs", len(PROGRAMS))
    ctx.programs = {p.key: int(i) for p, i in zip(PROGRAMS, ids)}
    ctx.insert("programs", pd.DataFrame({
        "id": ids,
        "name": [p.name for p in PROGRAMS],
        "category": [p.category for p in PROGRAMS],
        "description": [p.description for p in PROGRAMS],
        "delivery_kind": [p.delivery_kind for p in PROGRAMS],
        "lead_officer_id": [ctx.users[p.lead] for p in PROGRAMS],
        "start_date": [start_date(ctx, p) for p in PROGRAMS],
        "end_date": [end_date(ctx, p) for p in PROGRAMS],
        "status": [p.status for p in PROGRAMS],
    }))
    pid = ctx.programs
    ctx.insert("program_target_districts", pd.DataFrame(
        [{"program_id": pid[p.key], "district_id": ctx.town.by_code(c).id} for p in PROGRAMS for c in p.districts]))
    ctx.insert("program_target_crime_types", pd.DataFrame(
        [{"program_id": pid[p.key], "crime_type_code": c} for p in PROGRAMS for c in p.crime_types]))
    ctx.insert("program_partners", pd.DataFrame(
        [{"program_id": pid[p.key], "organization_id": org_id(ctx, o)} for p in PROGRAMS for o in p.partners]))
    ctx.insert("program_outcome_measures", pd.DataFrame(
        [{"program_id": pid[p.key], "measure_code": m} for p in PROGRAMS for m in p.measures]))
    goals = pd.DataFrame([
        {"program_id": pid[p.key], "measure": measure, "target_value": float(target), "per_period": per,
         "description": SURVEY_GOALS.get(measure) or f"{target:,.0f} {measure.replace('_', ' ')} per {per}"}
        for p in PROGRAMS for measure, target, per in p.goals])
    goals.insert(0, "id", ctx.ids("program_goals", len(goals)))
    ctx.insert("program_goals", goals)


def program(key: str) -> Program:
    return next(p for p in PROGRAMS if p.key == key)
