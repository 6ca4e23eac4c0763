"""Citizens' Police Academy: two finished cohorts with rosters, attendance and ride-alongs.

A participant completes by attending at least five of the six sessions and
riding along on a patrol shift; one or two withdraw after the first weeks.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from demo.town import names
from demo.town.base import DemoContext, at, nth_weekday, weights
from demo.town.events import feedback, insert_events, staff

SESSIONS = (
    "Welcome, department overview and patrol procedures",
    "Criminal law, arrests and investigations",
    "Traffic enforcement and crash investigation",
    "Use of force and the firearms simulator",
    "K-9, tactical team and emergency dispatch",
    "Community policing and graduation",
)
WEEKS = len(SESSIONS)
MIN_SESSIONS = 5


def cohort_starts(ctx: DemoContext) -> list[tuple[str, date]]:
    """The two most recent cohorts (spring: first Tuesday in March; fall: second in September)
    that lie inside the window and have finished."""
    candidates = []
    for year in range(ctx.today.year - 2, ctx.today.year + 1):
        candidates += [(f"Spring {year}", nth_weekday(year, 3, 1, 1)), (f"Fall {year}", nth_weekday(year, 9, 1, 2))]
    done = [(name, start) for name, start in candidates
            if start >= ctx.first_day and start + timedelta(weeks=WEEKS - 1) < ctx.last_day]
    return done[-2:]


def build_courses(ctx: DemoContext) -> None:
    rng = ctx.rng("courses")
    program_id = ctx.programs["cpa"]
    cohorts = cohort_starts(ctx)
    cohort_ids = ctx.ids("course_cohorts", len(cohorts))
    ctx.insert("course_cohorts", pd.DataFrame({
        "id": cohort_ids, "program_id": program_id, "name": [n for n, _ in cohorts],
        "start_date": [s for _, s in cohorts],
        "end_date": [s + timedelta(weeks=WEEKS - 1) for _, s in cohorts], "capacity": 24,
    }))
    sizes = rng.integers(18, 25, size=len(cohorts))
    people = _participants(ctx, rng, int(sizes.sum()), cohorts[0][1].year)
    hq = ctx.town.venues.set_index("kind").loc["hq"]

    enrolments, sessions, attendance, officers = [], [], [], []
    first_person = 0
    # one withdrawal in the first cohort, perhaps one in the second
    withdrawals = [1, int(rng.integers(0, 2))]
    for c, ((name, start), cohort_id, size) in enumerate(zip(cohorts, cohort_ids, sizes)):
        end = start + timedelta(weeks=WEEKS - 1)
        present = rng.random((size, WEEKS)) < 0.88
        withdrawn = np.zeros(size, dtype=bool)
        withdrawn[rng.choice(size, size=withdrawals[c], replace=False)] = True
        for k in np.nonzero(withdrawn)[0]:
            present[k, int(rng.integers(1, 3)):] = False          # stopped coming after week 1 or 2
        rode = ~withdrawn & (rng.random(size) < 0.9)
        ride_day = [start + timedelta(days=int(d)) for d in rng.integers(7, (end - start).days + 1, size=size)]
        for k in range(size):
            done = bool(rode[k] and present[k].sum() >= MIN_SESSIONS)
            status = "withdrawn" if withdrawn[k] else ("completed" if done else "enrolled")
            enrolments.append({
                "cohort_id": int(cohort_id), "participant_id": int(people.id.iloc[first_person + k]),
                "enrolled_on": start - timedelta(days=int(rng.integers(7, 46))),
                "ride_along_on": ride_day[k] if rode[k] else None,
                "completed": done, "completed_on": end if done else None, "status": status,
            })
        ages = start.year - people.birth_year.iloc[first_person:first_person + size].to_numpy()
        for week in range(WEEKS):
            here = present[:, week]
            starts = at(start + timedelta(weeks=week), 18.5)
            responses, rating = feedback(rng, int(here.sum()), share=1.0 if week == WEEKS - 1 else 0.3)
            sessions.append({
                "program_id": program_id, "cohort_id": int(cohort_id), "session_number": week + 1,
                "title": f"{name} session {week + 1}: {SESSIONS[week]}", "starts_at": starts,
                "ends_at": starts + timedelta(hours=2.5), "location": hq["name"], "address": hq.address,
                "latitude": hq.latitude, "longitude": hq.longitude, "district_id": int(hq.district_id),
                "headcount_youth": 0, "headcount_adult": int((here & (ages < 65)).sum()),
                "headcount_senior": int((here & (ages >= 65)).sum()), "headcount_business": 0,
                "feedback_responses": responses, "feedback_avg_rating": rating,
            })
            n = len(sessions) - 1
            officers += [(n, u, 2.5) for u in staff(ctx, rng, "cpo", int(hq.district_id), (2, 3))]
            attendance += [(n, len(enrolments) - size + k, bool(here[k])) for k in range(size)]
        first_person += size

    frame = pd.DataFrame(enrolments)
    frame.insert(0, "id", ctx.ids("enrolments", len(frame)))
    ctx.insert("enrolments", frame)
    event_ids = insert_events(ctx, pd.DataFrame(sessions), officers, [], [])
    ctx.insert("roster_attendance", pd.DataFrame(
        [{"event_id": event_ids[n], "enrolment_id": frame.id.iloc[e], "present": p} for n, e, p in attendance]))


def _participants(ctx: DemoContext, rng: np.random.Generator, n: int, year: int) -> pd.DataFrame:
    first, last = names.people(rng, n)
    town = ctx.town
    district = rng.choice(len(town.districts), size=n, p=weights([d.population for d in town.districts]))
    # academies draw working-age adults and a good number of retirees
    ages = np.where(rng.random(n) < 0.25, rng.integers(62, 80, n), rng.integers(21, 62, n))
    frame = pd.DataFrame({
        "id": ctx.ids("participants", n), "first_name": first, "last_name": last,
        "email": [names.email(f, s, int(k)) for f, s, k in zip(first, last, rng.integers(1, 99, n))],
        "phone": names.phones(rng, n),
        "district_id": [town.districts[int(k)].id for k in district],
        "birth_year": year - ages,
    })
    ctx.insert("participants", frame)
    return frame
