"""From a figure of the statistics to the inbox's list of the reports behind it (issue 18, "click through").

A bar of the volumes chart is the reports received in one day, week (from Monday) or month, with one value of
the split; a cell of the backlog is the open reports of one status received a number of days ago; a line of the
service levels is the reports a unit holds (and an officer's line, those the officer holds); a cell of the heat
map is the reports received on one weekday in one hour, local, of the channel shown. Each
becomes the inbox's filters (``inbox.InboxQuery``): the period of receipt as naive UTC, half-open, the split's
value where the inbox has a filter for it, and the statistics window's own filters (unit, channel, kind,
category).

The days are counted as the server counts them (``reports/figures.py``, ``zone_of``): in the time zone of the
one unit chosen, or else the agency's calendar (WIB by default). The window does not receive the zone with
the figures; it reads the same calendars from this computer's copy (``CACHE_RULES``). The backlog's ages run
to the server's "now", estimated here by ``cache.state.server_time``.

What the inbox cannot filter is named in ``not_filtered``, so that the window can say so: a priority (the
inbox has no priority filter), reports without a category, and the units below the chosen one (the inbox's
unit filter is one unit).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.state import server_time
from ..domain.status import Status
from ..domain.vocabulary import Channel, Kind
from ..store.sla import read_rules
from .deadlines import CACHE_RULES
from .inbox import WeeklyHour


class NotFiltered(Enum):
    PRIORITY = "priority"  # the bar is one priority: the inbox lists every priority
    NO_CATEGORY = "no_category"  # the bar is the reports without a category: the inbox lists every category
    SUB_UNITS = "sub_units"  # the statistics count the units below the chosen one, the inbox its own only
    # An officer's line of the service levels also counts the reports whose status they changed last and that
    # nobody holds now; the inbox lists those the officer holds.
    HOLDER_NOW = "holder_now"


@dataclass(frozen=True, slots=True)
class StatsFilters:
    """The statistics window's filters (``ui/stats/requests.Wanted``) that narrow the reports counted."""

    since: date | None = None  # local days of receipt, both included
    until: date | None = None
    unit: str | None = None  # unit code (with its sub-units, in the statistics)
    channel: str | None = None
    kind: str | None = None
    category: str | None = None


@dataclass(frozen=True, slots=True)
class Drill:
    """The inbox's filters for the reports behind one figure."""

    received_from: datetime | None  # naive UTC, included
    received_to: datetime | None  # naive UTC, excluded
    first_day: date | None  # the same period in local days, both included (to say it in words)
    last_day: date | None
    zone: str
    status: Status | None = None
    channel: Channel | None = None
    kind: Kind | None = None
    unit: str | None = None
    category: str | None = None
    holder: str | None = None  # officer login: the reports they hold now
    weekly: WeeklyHour | None = None  # received on one weekday in one hour
    not_filtered: frozenset[NotFiltered] = frozenset()


@dataclass(frozen=True, slots=True)
class DrillContext:
    """What this computer's copy knows that a drill needs: the figures' time zone, the server's local day
    (the backlog's "today"), and whether the chosen unit has units below it."""

    zone: ZoneInfo
    today: date
    sub_units: bool = False


def load_drill_context(cache: Cache, unit: str | None) -> DrillContext:
    with cache.read() as conn:
        rules = read_rules(conn, CACHE_RULES)
        calendar = rules.agency_calendar
        sub_units = False
        unit_id = None if unit is None else conn.execute(select(s.unit.c.id).where(s.unit.c.code == unit)).scalar()
        if unit_id is not None:
            calendar = rules.calendar_for(int(unit_id))
            below = select(s.unit.c.id).where(s.unit.c.parent_id == unit_id).limit(1)
            sub_units = conn.execute(below).first() is not None
        now = server_time(conn)
    return DrillContext(calendar.zone, now.replace(tzinfo=UTC).astimezone(calendar.zone).date(), sub_units)


def utc_start(day: date, zone: ZoneInfo) -> datetime:
    """The moment a local day begins, as naive UTC (``figures._utc``)."""
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def period_end(start: date, by: str) -> date:
    """The first day after the day, week or month that begins on ``start``."""
    if by == "week":
        return start + timedelta(days=7)
    if by == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Split:
    """The one value a part of a bar adds to the window's filters."""

    status: Status | None = None
    channel: Channel | None = None
    kind: Kind | None = None
    unit: str | None = None
    category: str | None = None
    holder: str | None = None
    weekly: WeeklyHour | None = None
    not_filtered: frozenset[NotFiltered] = frozenset()


def _drill(
    first: date | None, after: date | None, filters: StatsFilters, context: DrillContext, split: _Split
) -> Drill:
    """[first, after) in local days, narrowed to the window's period, with the window's filters and the split."""
    if filters.since is not None and (first is None or first < filters.since):
        first = filters.since
    until_after = None if filters.until is None else filters.until + timedelta(days=1)
    if until_after is not None and (after is None or after > until_after):
        after = until_after
    not_filtered = set(split.not_filtered)
    unit = split.unit or filters.unit
    if unit is not None and unit == filters.unit and context.sub_units:
        not_filtered.add(NotFiltered.SUB_UNITS)
    return Drill(
        received_from=None if first is None else utc_start(first, context.zone),
        received_to=None if after is None else utc_start(after, context.zone),
        first_day=first,
        last_day=None if after is None else after - timedelta(days=1),
        zone=context.zone.key,
        status=split.status,
        channel=split.channel or (Channel(filters.channel) if filters.channel else None),
        kind=split.kind or (Kind(filters.kind) if filters.kind else None),
        unit=unit,
        category=split.category or filters.category,
        holder=split.holder,
        weekly=split.weekly,
        not_filtered=frozenset(not_filtered),
    )


def bar_drill(
    filters: StatsFilters, context: DrillContext, by: str, period: date, split: str | None, key: str | None
) -> Drill:
    """The reports of one part of one bar: received in the period that begins on ``period`` (and within the
    window's days), with the split's value ``key`` (a unit split: the unit that holds them now, itself only)."""
    chosen = _Split()
    if split == "channel" and key is not None:
        chosen = _Split(channel=Channel(key))
    elif split == "kind" and key is not None:
        chosen = _Split(kind=Kind(key))
    elif split == "category":
        chosen = _Split(not_filtered=frozenset({NotFiltered.NO_CATEGORY})) if key is None else _Split(category=key)
    elif split == "unit" and key is not None:
        chosen = _Split(unit=key)
        context = DrillContext(context.zone, context.today)  # the part is the unit's own reports
    elif split == "priority":
        chosen = _Split(not_filtered=frozenset({NotFiltered.PRIORITY}))
    return _drill(period, period_end(period, by), filters, context, chosen)


def backlog_drill(
    filters: StatsFilters, context: DrillContext, status: str, first_day: int, last_day: int | None
) -> Drill:
    """The open reports of ``status`` received between ``first_day`` and ``last_day`` whole days before the
    server's today (None: any longer ago; both ends of the age band included)."""
    oldest = None if last_day is None else context.today - timedelta(days=last_day)
    youngest_after = context.today - timedelta(days=first_day - 1)
    return _drill(oldest, youngest_after, filters, context, _Split(status=Status(status)))


def service_drill(filters: StatsFilters, context: DrillContext, unit: str, officer: str | None) -> Drill:
    """The reports of one line of the service levels: received in the window's period and held now by ``unit``
    (itself: the figures give each unit its own line), for an officer's line those the officer holds now."""
    held = frozenset({NotFiltered.HOLDER_NOW}) if officer is not None else frozenset()
    own = DrillContext(context.zone, context.today)  # the line is the unit's own reports
    return _drill(None, None, filters, own, _Split(unit=unit, holder=officer, not_filtered=held))


def heat_drill(filters: StatsFilters, context: DrillContext, weekday: int, hour: int, channel: str | None) -> Drill:
    """The reports of one cell of the heat map: received in the window's period on ``weekday`` (0 Monday) in
    ``hour``, local to the figures' zone, of ``channel`` (None: every channel the window counts)."""
    start = filters.since or context.today
    offset = datetime.combine(start, time(12), tzinfo=context.zone).utcoffset() or timedelta()
    weekly = WeeklyHour(weekday, hour, int(offset.total_seconds() // 60))
    return _drill(None, None, filters, context, _Split(channel=Channel(channel) if channel else None, weekly=weekly))
