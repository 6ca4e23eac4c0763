"""The department's clock: "now" and "today" where the department is, and stored UTC times shown there.

Stored times follow one convention:

- timestamps the system stamps (created_at, updated_at, deleted_at, the audit log's at_utc, sign-in
  sessions, submitted_at, acknowledged_at) are UTC, stored without a zone (queries/unit_of_work.py);
- times a user types (an event's start and end, an incident's time) are the department's wall-clock
  time, stored as typed, without a zone;
- date-only fields (contact date, received on, resolved on, verified on, met on) are the
  department's dates.

Every default date or time, every "today", every shift guessed from the clock and every stored
UTC time shown to a user goes through this module, in the department's time zone (the Settings
page; UTC until an administrator names one). The real clock is read in one place, `utc_now`:
tests freeze time by replacing it (monkeypatch `core.clock.utc_now`).
"""

from __future__ import annotations

import weakref
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pandas as pd

from core import formatting, settings
from queries.db import Database

UTC = timezone.utc
# the zone per open database, read again after every write through its gateway (a settings save)
_zones: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def utc_now() -> datetime:
    """The current moment (aware, UTC): the only reading of the real clock."""
    return datetime.now(UTC)


def zone(db: Database) -> ZoneInfo:
    """The department's time zone; a stored name that no longer loads counts as UTC."""
    cached = _zones.get(db)
    if cached is not None and cached[0] == db.write_count:
        return cached[1]
    try:
        found = ZoneInfo(settings.check_time_zone(settings.time_zone(db)))
    except (ValueError, KeyError):
        found = ZoneInfo(settings.DEFAULT_TIME_ZONE)
    _zones[db] = (db.write_count, found)
    return found


def in_zone(moment: datetime, tz: ZoneInfo) -> datetime:
    """An aware moment as the wall-clock time (naive) of `tz`."""
    return moment.astimezone(tz).replace(tzinfo=None)


def department_now(db: Database) -> datetime:
    """The department's wall-clock time now (naive), to the second."""
    return in_zone(utc_now(), zone(db)).replace(microsecond=0)


def department_today(db: Database) -> date:
    return department_now(db).date()


def today_in(zone_name: str) -> date:
    """Today in a named zone (the demo builders, before the settings exist)."""
    return in_zone(utc_now(), ZoneInfo(zone_name)).date()


def wall_clock(local: datetime, tz: ZoneInfo) -> datetime:
    """`local` if that wall-clock time happens in `tz`; a time skipped when the clocks go forward
    (02:30 on the spring day) becomes the time the clocks show then (03:30)."""
    return in_zone(local.replace(tzinfo=tz).astimezone(UTC), tz)


def next_full_hour(db: Database) -> datetime:
    """The start of the next hour on the department's clock (the event form's default start)."""
    tz = zone(db)
    now = in_zone(utc_now(), tz)
    return wall_clock(now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1), tz)


def to_department(value, db: Database) -> datetime | None:
    """A stored UTC timestamp (naive, or aware) as the department's wall-clock time; None stays None."""
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    moment = pd.Timestamp(value).to_pydatetime()
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return in_zone(moment, zone(db))


def column_to_department(values: pd.Series, db: Database) -> pd.Series:
    """A column of stored UTC timestamps as the department's wall-clock times (missing stay missing)."""
    stamps = pd.to_datetime(values)
    if stamps.dt.tz is None:
        stamps = stamps.dt.tz_localize("UTC")
    return stamps.dt.tz_convert(zone(db)).dt.tz_localize(None)


def stamp(db: Database, utc_value=None) -> str:
    """'14 May 2026, 23:30 EDT': a stored UTC time (or now) as the department reads it, zone named."""
    tz = zone(db)
    moment = utc_now() if utc_value is None else pd.Timestamp(utc_value).to_pydatetime()
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    local = moment.astimezone(tz)
    return f"{formatting.moment(local)} {local:%Z}"


def day_bounds_utc(db: Database, first: date, last: date) -> tuple[datetime, datetime]:
    """The UTC moments (naive) from the start of the department's day `first` to the start of the
    day after `last`: the span to filter stored UTC timestamps by the department's dates."""
    tz = zone(db)

    def start_of(day: date) -> datetime:
        return datetime.combine(day, time()).replace(tzinfo=tz).astimezone(UTC).replace(tzinfo=None)

    return start_of(first), start_of(last + timedelta(days=1))
