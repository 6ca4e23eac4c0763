"""Citizens' Police Academy in every district: cohorts, participants, enrolments, sessions, rosters.

The sessions and completion rule are the small demo's (demo.town.courses):
six weekly evening sessions at the district station; a participant completes
by attending five and riding along on a patrol shift; a few withdraw after
the first weeks. Lakeport runs enough cohorts to fill the roster target,
spread over the districts by population and evenly over the ten years.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from demo.large import dates, people
from demo.large.context import CityContext
from demo.town.courses import MIN_SESSIONS, SESSIONS, WEEKS

SIZE = (20, 40)                   # enrolments per cohort (inclusive)
CAPACITY = 40
ACADEMY_NIGHTS = (1, 2, 3)        # Tuesday to Thursday
DAY = np.timedelta64(1, "D")


@dataclass
class CoursePlan:
    sessions: pd.DataFrame        # event rows (program, cohort, session number, place, headcounts ...)
    officers: pd.DataFrame        # row (session row), user_id, hours
    roster_session: np.ndarray    # per roster row: session row
    roster_enrolment: np.ndarray  # per roster row: enrolment id
    roster_present: np.ndarray


def allocate(total: int, weights: np.ndarray) -> np.ndarray:
    """Integer shares of `total` proportional to weights (largest remainder)."""
    exact = total * weights / weights.sum()
    out = np.floor(exact).astype(int)
    out[np.argsort(-(exact - out), kind="stable")[:total - out.sum()]] += 1
    return out


def _cohorts(ctx: CityContext, rng: np.random.Generator) -> pd.DataFrame:
    city = ctx.city
    n = max(1, round(ctx.target("roster_attendance") / (WEEKS * sum(SIZE) / 2)))
    per_district = allocate(n, np.array([d.population for d in city.districts], dtype=float))
    district = np.repeat(np.arange(len(city.districts)), per_district)
    slot = np.concatenate([np.arange(m) for m in per_district])
    count = per_district[district]
    first = np.datetime64(ctx.first_day)
    span = (np.datetime64(ctx.last_day) - first) // DAY - 7 * WEEKS - 7          # last start finishes in time
    # evenly spaced per district, jittered by less than half a gap, moved to the district's academy night
    offset = ((slot + 0.5 + rng.uniform(-0.15, 0.15, len(slot))) * span / count).astype(int)
    night = np.array(ACADEMY_NIGHTS)[np.arange(len(city.districts)) % 3][district]
    start = first + offset * DAY
    start = start + ((night - dates.weekday(start)) % 7) * DAY
    frame = pd.DataFrame({"district": district, "start_date": start})
    frame["end_date"] = frame.start_date + pd.Timedelta(weeks=WEEKS - 1)
    frame["name"] = [f"{city.districts[d].name}, class of {s:%b %-d, %Y}" for d, s in
                     zip(frame.district, frame.start_date)]
    frame.insert(0, "id", ctx.ids("course_cohorts", len(frame)))
    ctx.insert("course_cohorts", frame.drop(columns="district").assign(
        program_id=ctx.programs["cpa"], capacity=CAPACITY))
    return frame


def plan_courses(ctx: CityContext) -> CoursePlan:
    """Insert cohorts, participants and enrolments; return the sessions for build_events."""
    rng = ctx.rng("courses")
    city, staff = ctx.city, ctx.staff
    cohorts = _cohorts(ctx, rng)
    size = rng.integers(SIZE[0], SIZE[1] + 1, len(cohorts))
    cohort = np.repeat(np.arange(len(cohorts)), size)
    n = len(cohort)
    start = cohorts.start_date.to_numpy().astype("datetime64[D]")[cohort]
    start_year = dates.year(start)

    # participants: mostly from the academy's own district; working-age adults and retirees
    home = cohorts.district.to_numpy()[cohort]
    home = np.where(rng.random(n) < 0.85, home, rng.integers(len(city.districts), size=n))
    ages = np.where(rng.random(n) < 0.25, rng.integers(62, 80, n), rng.integers(21, 62, n))
    person = people.people(rng, n)
    participants = pd.DataFrame({
        "id": ctx.ids("participants", n), "first_name": people.first_names(person),
        "last_name": people.last_names(person), "email": people.emails(rng, person),
        "phone": people.phones(rng, n), "district_id": city.ids[home], "birth_year": start_year - ages,
    })
    ctx.insert("participants", participants)

    # attendance, withdrawals, ride-alongs and completion, as in the small demo
    present = rng.random((n, WEEKS)) < 0.88
    withdrawn = rng.random(n) < 0.05
    stopped = np.where(withdrawn, rng.integers(1, 3, n), WEEKS)
    present &= np.arange(WEEKS)[None, :] < stopped[:, None]
    rode = ~withdrawn & (rng.random(n) < 0.9)
    done = rode & (present.sum(axis=1) >= MIN_SESSIONS)
    end = start + 7 * (WEEKS - 1) * DAY
    enrolments = pd.DataFrame({
        "id": ctx.ids("enrolments", n), "cohort_id": cohorts.id.to_numpy()[cohort],
        "participant_id": participants.id, "enrolled_on": start - rng.integers(7, 46, n) * DAY,
        "ride_along_on": pd.Series(start + rng.integers(7, 7 * (WEEKS - 1) + 1, n) * DAY).where(rode),
        "completed": done, "completed_on": pd.Series(end).where(done),
        "status": np.where(withdrawn, "withdrawn", np.where(done, "completed", "enrolled")),
    })
    ctx.insert("enrolments", enrolments)

    # sessions: six weekly evenings at the district station
    hq = city.venues[city.venues.kind == "hq"].set_index("district")
    session_cohort = np.repeat(np.arange(len(cohorts)), WEEKS)
    week = np.tile(np.arange(WEEKS), len(cohorts))
    session = cohort[:, None] * WEEKS + np.arange(WEEKS)[None, :]           # per enrolment and week
    senior = (ages >= 65)[:, None] & present
    adults = np.bincount(session.ravel(), weights=(present & ~senior).ravel(), minlength=len(week)).astype(int)
    seniors = np.bincount(session.ravel(), weights=senior.ravel(), minlength=len(week)).astype(int)
    attended = adults + seniors
    district = cohorts.district.to_numpy()[session_cohort]
    place = hq.loc[district]
    starts = dates.timestamps(cohorts.start_date.to_numpy().astype("datetime64[D]")[session_cohort] + 7 * week * DAY,
                              np.full(len(week), 18 * 60 + 30))
    share = np.where(week == WEEKS - 1, 1.0, 0.3)
    responses, rating = feedback(rng, attended, share)
    titles = np.array([f"session {w + 1}: {s}" for w, s in enumerate(SESSIONS)], dtype=object)
    sessions = pd.DataFrame({
        "program_id": ctx.programs["cpa"], "cohort_id": cohorts.id.to_numpy()[session_cohort],
        "session_number": week + 1, "title": cohorts.name.to_numpy()[session_cohort] + " " + titles[week],
        "starts_at": starts, "ends_at": starts + np.timedelta64(150, "m"),
        "venue": place["name"].to_numpy(), "district": district, "address": place.address.to_numpy(),
        "latitude": place.latitude.to_numpy(), "longitude": place.longitude.to_numpy(),
        "district_id": place.district_id.to_numpy(), "headcount_youth": 0, "headcount_adult": adults,
        "headcount_senior": seniors, "headcount_business": 0,
        "feedback_responses": responses, "feedback_avg_rating": rating,
    })
    # two or three of the district's officers teach each session
    crew = rng.integers(2, 4, len(week))
    row = np.repeat(np.arange(len(week)), crew)
    officers = pd.DataFrame({"row": row, "user_id": staff.ids[staff.covering(rng, district[row])], "hours": 2.5})
    return CoursePlan(sessions, officers.drop_duplicates(["row", "user_id"], ignore_index=True),
                      session.ravel(), np.repeat(enrolments.id.to_numpy(), WEEKS), present.ravel())


def feedback(rng: np.random.Generator, attendance: np.ndarray, share) -> tuple[pd.Series, pd.Series]:
    """Feedback cards (demo.town.events.feedback for arrays): both null unless some came back."""
    n = len(attendance)
    asked = (attendance > 0) & (rng.random(n) < share)
    responses = np.maximum(1, rng.binomial(attendance, rng.uniform(0.25, 0.6, n)))
    rating = np.round(np.clip(rng.normal(4.4, 0.35, n), 1, 5), 1)
    return (pd.Series(responses).astype("Int64").where(asked), pd.Series(rating).where(asked))


def insert_roster(ctx: CityContext, plan: CoursePlan, session_ids: np.ndarray) -> None:
    ctx.insert("roster_attendance", pd.DataFrame({
        "event_id": session_ids[plan.roster_session], "enrolment_id": plan.roster_enrolment,
        "present": plan.roster_present,
    }))
