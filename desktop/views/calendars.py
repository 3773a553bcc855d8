"""Working calendars and days off as the cache mirrors them (the administration window's Calendars page).

There is no command that lists calendars: the cache already holds them (clients need them for deadlines),
as of the last sync round. A unit without a calendar of its own works by the default one (no unit).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, select

from ..cache import schema as s
from ..cache.database import Cache


@dataclass(frozen=True, slots=True)
class CalendarView:
    unit_id: int | None  # None: the default calendar
    timezone: str
    start_minute: int
    end_minute: int
    weekend: frozenset[int]  # 0 = Monday … 6 = Sunday
    national_holidays: bool
    days_off: tuple[tuple[date, str], ...]  # the unit's own, by day


def calendars(conn: Connection) -> dict[int | None, CalendarView]:
    found: dict[int | None, CalendarView] = {}
    for row in conn.execute(select(s.calendar)).mappings():
        days = conn.execute(
            select(s.calendar_day_off.c.day, s.calendar_day_off.c.name)
            .where(s.calendar_day_off.c.calendar_id == row["id"])
            .order_by(s.calendar_day_off.c.day)
        ).all()
        weekend = frozenset(int(d) for d in str(row["weekend_days"] or "").split(",") if d.strip())
        found[row["unit_id"]] = CalendarView(
            row["unit_id"],
            row["timezone"],
            int(row["work_start_minute"]),
            int(row["work_end_minute"]),
            weekend,
            bool(row["national_holidays"]),
            tuple((d.day, d.name) for d in days),
        )
    return found


def load_calendars(cache: Cache) -> dict[int | None, CalendarView]:
    with cache.read() as conn:
        return calendars(conn)
