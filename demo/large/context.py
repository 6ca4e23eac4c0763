"""The build context of the large-city demo: the small demo's context, over ten years and scaled,
with the city and its patrol staff once drawn.

`scale` multiplies every volume target (1.0 = a Chicago-sized department);
the geography (50 districts, 280 beats) and the staff stay the same at every
scale, so a tiny build still exercises every district.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from demo.large.geography import City
from demo.town.base import DemoContext

YEARS = 10

# Rows at scale 1.0 (the figures). Events include course sessions and
# the tip line's monthly summaries; contacts are business contact persons.
TARGETS = {
    "events": 50_000,
    "roster_attendance": 500_000,
    "businesses": 60_000,
    "business_contacts": 120_000,
    "incidents": 2_500_000,
    "contact_log": 2_000_000,
    "concerns": 100_000,
}


@dataclass
class Staff:
    """Patrol officers as arrays (one entry per officer), and who covers each district."""
    ids: np.ndarray
    usernames: list[str]
    names: list[str]
    shift: np.ndarray              # index into staff.SHIFTS
    primary: np.ndarray            # district index
    secondary: np.ndarray          # district index (= primary for one-district officers)
    pool: np.ndarray               # officer positions, grouped by district
    pool_start: np.ndarray         # pool[pool_start[d]:pool_start[d + 1]] cover district d

    def covering(self, rng: np.random.Generator, district: np.ndarray) -> np.ndarray:
        """For each row, the position of a random officer covering that district."""
        size = np.diff(self.pool_start)[district]
        return self.pool[self.pool_start[district] + (rng.random(len(district)) * size).astype(int)]


@dataclass
class CityContext(DemoContext):
    scale: float = 1.0
    city: City | None = None                  # drawn first (build_city)
    staff: Staff | None = None                # then the staff (build_staff)

    @property
    def first_day(self) -> date:
        """First day of the month 119 months before today's month: a ten-year window."""
        months = self.today.year * 12 + self.today.month - 1 - (12 * YEARS - 1)
        return date(months // 12, months % 12 + 1, 1)

    def target(self, table: str) -> int:
        return max(1, round(TARGETS[table] * self.scale))

    def ids(self, table: str, n: int) -> np.ndarray:
        """n ids from the table's sequence (ascending), fetched as one numpy array."""
        if n == 0:
            return np.empty(0, dtype=np.int64)
        got = self.uow.cur.execute(
            "select nextval($seq) as id from range($n)", {"seq": f"seq_{table}", "n": n}
        ).fetchnumpy()["id"]
        return np.sort(np.asarray(got, dtype=np.int64))

    def day_range(self) -> np.ndarray:
        """Every day of the window as datetime64[D], oldest first."""
        return np.arange(np.datetime64(self.first_day), np.datetime64(self.last_day + timedelta(days=1)))
