"""What every demo section shares: the build context, ids, dates and inserts.

Determinism: each section draws from its own generator, seeded by (seed,
section name), so adding draws to one section never shifts another; and every
row's created_at is one fixed stamp derived from `today`, never the wall clock.
"""

from __future__ import annotations

import calendar
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import numpy as np
import pandas as pd

from demo.town.geography import Town
from queries.unit_of_work import UnitOfWork

# Community activity by calendar month (summer busy, winter slow).
EVENT_SEASON = np.array([0.70, 0.80, 0.90, 1.00, 1.15, 1.30, 1.35, 1.30, 1.10, 1.00, 0.85, 0.60])


@dataclass
class DemoContext:
    uow: UnitOfWork
    seed: int
    today: date
    town: Town | None = None                                   # drawn first (build_town)
    users: dict[str, int] = field(default_factory=dict)        # username -> id
    officers: list[dict] = field(default_factory=list)         # patrol officers with districts
    orgs: pd.DataFrame | None = None                            # organizations as inserted
    programs: dict[str, int] = field(default_factory=dict)     # program key -> id
    businesses: pd.DataFrame | None = None                      # id, name, district_id
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def stamp(self) -> datetime:
        """created_at of every demo row: 05:00 UTC on `today` (the data is 'as of last night')."""
        return datetime.combine(self.today, time(5, 0))

    @property
    def first_day(self) -> date:
        """First day of the month 23 months before today's month: a 24-month window."""
        months = self.today.year * 12 + self.today.month - 1 - 23
        return date(months // 12, months % 12 + 1, 1)

    @property
    def last_day(self) -> date:
        """Activity runs through yesterday, so nothing postdates the load stamp."""
        return self.today - timedelta(days=1)

    def rng(self, section: str) -> np.random.Generator:
        # crc32, unlike hash(), is the same in every process
        return np.random.default_rng([self.seed, zlib.crc32(section.encode())])

    def ids(self, table: str, n: int) -> np.ndarray:
        """Draw n ids from the table's own sequence, so later inserts continue after them."""
        if n == 0:
            return np.empty(0, dtype=np.int64)
        rows = self.uow.cur.execute(
            "select nextval($seq) as id from range($n) order by id",
            {"seq": f"seq_{table}", "n": n},
        ).fetchall()
        return np.array([r[0] for r in rows], dtype=np.int64)

    def insert(self, table: str, frame: pd.DataFrame) -> int:
        """Bulk insert with the fixed stamp; link tables have no bookkeeping columns."""
        frame = frame.reset_index(drop=True)
        columns = self.uow.db.catalog.table(table).columns
        if "created_at" in columns:
            frame = frame.assign(created_at=self.stamp)
        n = self.uow.bulk_insert(table, frame, detail="demo data")
        self.counts[table] = self.counts.get(table, 0) + n
        return n

    def months(self) -> list[date]:
        """First day of each month in the window, oldest first."""
        out, day = [], self.first_day
        while day <= self.last_day:
            out.append(day)
            day = add_months(day, 1)
        return out


def add_months(day: date, n: int) -> date:
    months = day.year * 12 + day.month - 1 + n
    year, month = months // 12, months % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) given weekday (Mon=0) of a month."""
    days = [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
    matching = [d for d in days if d.weekday() == weekday]
    return matching[n - 1] if n > 0 else matching[n]


def is_holiday(day: date) -> bool:
    """Days programs do not meet: the Christmas-New Year lull and the big federal holidays."""
    if (day.month == 12 and day.day >= 24) or (day.month, day.day) in ((1, 1), (7, 4)):
        return True
    return day in (
        nth_weekday(day.year, 5, 0, -1),     # Memorial Day
        nth_weekday(day.year, 9, 0, 1),      # Labor Day
        nth_weekday(day.year, 11, 3, 4),     # Thanksgiving
    )


def pick(rng: np.random.Generator, items: list[Any] | tuple[Any, ...], p: Any = None) -> Any:
    """One item (of any type) chosen by index, so tuples are not turned into arrays."""
    return items[int(rng.choice(len(items), p=p))]


def weights(values: Any) -> np.ndarray:
    w = np.asarray(values, dtype=float)
    return w / w.sum()


def at(day: date, hour: float) -> datetime:
    """A local timestamp on `day`, `hour` in fractional hours (rounded to the minute)."""
    return datetime.combine(day, time(0, 0)) + timedelta(minutes=round(hour * 60))
