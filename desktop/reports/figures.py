"""The figures of the statistics: volumes received, the open backlog, and service levels.

One query layer for the command line, the server and (later) the dashboard, in SQLAlchemy Core on the
central schema, the same on SQLite, PostgreSQL and MariaDB. Every figure is a count or a duration; no
function here returns a ticket, so anonymous and confidential reports are counted and never listed.

Days are calendar days in one time zone: the unit's when the filter names exactly one unit, otherwise the
agency's (the working calendar of every unit, ``sla calendar set`` without ``--unit``; WIB by default).
The zones of Indonesia keep one offset all year, so the database groups by the local day itself; a zone
that changes its offset within the period is grouped in Python instead (same result, slower).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Connection, Date, and_, exists, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from ..domain.calendar import WorkingCalendar, add_working_minutes
from ..domain.clocks import ClockName, Rules, clock_calendar
from ..domain.errors import BadInput, NotPermitted
from ..domain.sla import Phase
from ..domain.status import CLOSED, Status
from ..domain.vocabulary import Role
from ..store.identity import Actor, descendants
from ..store.schema import event, officer, sla_clock, stats_counted, stats_day, ticket, unit
from ..store.sla import read_rules, record_from_row

Period = Literal["day", "week", "month"]
Split = Literal["channel", "kind", "category", "unit", "priority"]
PERIODS: tuple[Period, ...] = ("day", "week", "month")
SPLITS: tuple[Split, ...] = ("channel", "kind", "category", "unit", "priority")
# Age bands of the backlog, in whole calendar days since receipt: (label, first day, last day or None).
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-3", 0, 3),
    ("4-10", 4, 10),
    ("11-30", 11, 30),
    ("31-60", 31, 60),
    (">60", 61, None),
)


@dataclass(frozen=True, slots=True)
class StatsFilter:
    """Which reports a figure counts. ``since``/``until``: days of receipt, both included, local days."""

    since: date | None = None
    until: date | None = None
    units: tuple[str, ...] = ()  # unit codes, each with its sub-units; () every unit in scope
    channel: str | None = None
    kind: str | None = None
    category: str | None = None


@dataclass(frozen=True, slots=True)
class Scope:
    """A filter made concrete for one asker: the unit ids it covers (None: every unit) and, for an
    officer, whose own figures they are."""

    filter: StatsFilter
    unit_ids: frozenset[int] | None
    officer_id: int | None = None


@dataclass(frozen=True, slots=True)
class VolumeRow:
    period: date  # the first day of the day, week (Monday) or month
    key: str | None  # the split's value (None: no split, or a report without a category)
    count: int


@dataclass(frozen=True, slots=True)
class BacklogRow:
    status: str
    band: str  # one of AGE_BANDS' labels
    count: int


Outcome = tuple[str, int | None]  # a clock's: met, breached or running; the minutes it used once stopped


@dataclass(frozen=True, slots=True)
class ClockFigures:
    met: int  # stopped within the target
    breached: int  # stopped after the target, or still open and past it
    running: int  # still open (running or paused) and within the target
    median: float | None  # of the stopped clocks: hours for first response, days for resolution
    p90: float | None


@dataclass(frozen=True, slots=True)
class ServiceRow:
    unit: str
    officer: str | None  # None: the unit's whole line
    received: int
    first_response: ClockFigures  # working hours of the unit's calendar
    resolution: ClockFigures  # calendar days, without the time spent waiting for the reporter


# -- who may see what ------------------------------------------------------------------------------------


def scope_for(conn: Connection, actor: Actor | None, wanted: StatsFilter) -> Scope:
    """Limit ``wanted`` to what ``actor`` may see: admins (and the owner, ``actor`` None) everything,
    supervisors their units and sub-units, officers the reports they handled in their own units. Asking
    for a unit outside that is refused, not silently narrowed."""
    tree = [(r.id, r.parent_id) for r in conn.execute(select(unit.c.id, unit.c.parent_id))]
    codes = {r.code: r.id for r in conn.execute(select(unit.c.code, unit.c.id))}
    asked: frozenset[int] | None = None
    if wanted.units:
        roots: set[int] = set()
        for code in wanted.units:
            if code not in codes:
                raise BadInput(f"no unit with code {code!r}")
            roots.add(codes[code])
        asked = frozenset(roots) | descendants(tree, frozenset(roots))
    if wanted.since is not None and wanted.until is not None and wanted.since > wanted.until:
        raise BadInput(f"the period ends ({wanted.until}) before it begins ({wanted.since})")
    if actor is None or actor.officer.role is Role.ADMIN:
        return Scope(wanted, asked)
    visible = actor.visible_unit_ids or frozenset()
    outside = sorted(code for code in wanted.units if codes[code] not in visible)
    if outside:
        raise NotPermitted(f"the figures of unit(s) {', '.join(outside)} are not yours to see")
    units = asked & visible if asked is not None else visible
    own = actor.id if actor.officer.role is Role.OFFICER else None
    return Scope(wanted, frozenset(units), own)


# -- the local day, in SQL -------------------------------------------------------------------------------


class LocalDay(FunctionElement[date]):
    """The calendar day of a naive-UTC timestamp in a zone of fixed offset ``minutes``."""

    type = Date()
    inherit_cache = False

    def __init__(self, column: ColumnElement[datetime], minutes: int):
        super().__init__(column)
        self.minutes = int(minutes)


@compiles(LocalDay, "sqlite")
def _day_sqlite(element: LocalDay, compiler: Any, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, '{element.minutes:+d} minutes')"


@compiles(LocalDay, "postgresql")
def _day_postgresql(element: LocalDay, compiler: Any, **kw: Any) -> str:
    return f"CAST(({compiler.process(element.clauses, **kw)}) + INTERVAL '{element.minutes} minutes' AS DATE)"


@compiles(LocalDay, "mariadb")
@compiles(LocalDay, "mysql")
def _day_mariadb(element: LocalDay, compiler: Any, **kw: Any) -> str:
    return f"DATE(DATE_ADD({compiler.process(element.clauses, **kw)}, INTERVAL {element.minutes} MINUTE))"


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# -- shared pieces ---------------------------------------------------------------------------------------


def zone_of(rules: Rules, scope: Scope, conn: Connection) -> WorkingCalendar:
    """The calendar whose time zone days are counted in: the one unit's, or the agency's."""
    if len(scope.filter.units) == 1:
        unit_id = conn.execute(select(unit.c.id).where(unit.c.code == scope.filter.units[0])).scalar()
        if unit_id is not None:
            return rules.calendar_for(int(unit_id))
    return rules.agency_calendar


def fixed_offset(zone: ZoneInfo, since: date | None, until: date | None) -> int | None:
    """The zone's offset in minutes if it is the same over the whole period (checked each half year)."""
    first = since or date(2000, 1, 1)
    last = until or date(datetime.now(UTC).year + 1, 12, 31)
    offsets = set()
    for year in range(first.year, last.year + 1):
        for month in (1, 4, 7, 10):
            offset = datetime(year, month, 1, tzinfo=zone).utcoffset()
            assert offset is not None
            offsets.add(int(offset.total_seconds() // 60))
    return offsets.pop() if len(offsets) == 1 else None


def _utc(day: date, zone: ZoneInfo) -> datetime:
    """The moment a local day begins, as naive UTC."""
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def conditions(scope: Scope, zone: ZoneInfo) -> list[ColumnElement[bool]]:
    """The WHERE of every figure: not deleted, received in the period, in the units, of the channel,
    kind and category asked, and for an officer a report they handled (any action of theirs recorded)."""
    f = scope.filter
    where: list[ColumnElement[bool]] = [ticket.c.deleted_at.is_(None)]
    if f.since is not None:
        where.append(ticket.c.created_at >= _utc(f.since, zone))
    if f.until is not None:
        where.append(ticket.c.created_at < _utc(f.until + timedelta(days=1), zone))
    if scope.unit_ids is not None:
        where.append(ticket.c.unit_id.in_(sorted(scope.unit_ids)))
    if f.channel is not None:
        where.append(ticket.c.channel == f.channel)
    if f.kind is not None:
        where.append(ticket.c.kind == f.kind)
    if f.category is not None:
        where.append(ticket.c.category == f.category)
    if scope.officer_id is not None:
        where.append(exists().where(and_(event.c.ticket_id == ticket.c.id, event.c.officer_id == scope.officer_id)))
    return where


def _period_start(day: date, by: Period) -> date:
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day


# -- volumes ---------------------------------------------------------------------------------------------


def volumes(
    conn: Connection, scope: Scope, by: Period = "day", split: Split | None = None, rolled_up: bool = False
) -> list[VolumeRow]:
    """Reports received per day, week (from Monday) or month, split by one property as it is now (the unit
    that holds the report now, after any transfer). Periods without reports are left out.

    ``rolled_up``: the caller has just refreshed the daily roll-up (``rollup.refresh``), so the
    figures may be read from it, where it holds them: days in the agency's zone, no officer's own figures."""
    if by not in PERIODS:
        raise BadInput(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
    if split is not None and split not in SPLITS:
        raise BadInput(f"--split must be one of {', '.join(SPLITS)}, not {split!r}")
    rules = read_rules(conn)
    cal = zone_of(rules, scope, conn)
    agency = rules.agency_calendar
    if rolled_up and scope.officer_id is None and cal.timezone == agency.timezone:
        return _sorted_volumes(_rolled_up_volumes(conn, scope, by, split))
    keyed: ColumnElement[Any] | None
    if split == "unit":
        keyed = unit.c.code
    elif split is not None:
        keyed = ticket.c[split]
    else:
        keyed = None
    source = ticket.join(unit, unit.c.id == ticket.c.unit_id)
    where = conditions(scope, cal.zone)
    offset = fixed_offset(cal.zone, scope.filter.since, scope.filter.until)
    counts: dict[tuple[date, str | None], int] = defaultdict(int)
    if offset is not None:
        day = LocalDay(ticket.c.created_at, offset)
        columns: list[Any] = [day.label("day")] + ([keyed.label("key")] if keyed is not None else [])
        query = select(*columns, func.count().label("n")).select_from(source).where(*where).group_by(*columns)
        for row in conn.execute(query):
            key = row.key if keyed is not None else None
            counts[(_period_start(_as_date(row.day), by), None if key is None else str(key))] += int(row.n)
    else:
        columns = [ticket.c.created_at] + ([keyed.label("key")] if keyed is not None else [])
        for row in conn.execute(select(*columns).select_from(source).where(*where)):
            local = row.created_at.replace(tzinfo=UTC).astimezone(cal.zone).date()
            key = row.key if keyed is not None else None
            counts[(_period_start(local, by), None if key is None else str(key))] += 1
    return _sorted_volumes(counts)


def _sorted_volumes(counts: dict[tuple[date, str | None], int]) -> list[VolumeRow]:
    return [
        VolumeRow(period, key, n) for (period, key), n in sorted(counts.items(), key=lambda i: (i[0][0], i[0][1] or ""))
    ]


def _rolled_up_conditions(scope: Scope) -> list[ColumnElement[bool]]:
    """``conditions`` on the roll-up's lines (days in the agency's zone; no officer's own figures)."""
    f = scope.filter
    where: list[ColumnElement[bool]] = []
    if f.since is not None:
        where.append(stats_day.c.day >= f.since)
    if f.until is not None:
        where.append(stats_day.c.day <= f.until)
    if scope.unit_ids is not None:
        where.append(stats_day.c.unit_id.in_(sorted(scope.unit_ids)))
    for name, value in (("channel", f.channel), ("kind", f.kind), ("category", f.category)):
        if value is not None:
            where.append(stats_day.c[name] == value)
    return where


def _rolled_up_volumes(
    conn: Connection, scope: Scope, by: Period, split: Split | None
) -> dict[tuple[date, str | None], int]:
    """``volumes`` read from the daily roll-up: the same filter on its lines, summed per day and split."""
    where = _rolled_up_conditions(scope)
    keyed: ColumnElement[Any] | None = None
    if split == "unit":
        keyed = unit.c.code
    elif split is not None:
        keyed = stats_day.c[split]
    columns: list[Any] = [stats_day.c.day] + ([keyed.label("key")] if keyed is not None else [])
    received = func.sum(stats_day.c.received)
    query = (
        select(*columns, received.label("n"))
        .select_from(stats_day.join(unit, unit.c.id == stats_day.c.unit_id))
        .where(*where)
        .group_by(*columns)
        .having(received > 0)
    )
    counts: dict[tuple[date, str | None], int] = defaultdict(int)
    for row in conn.execute(query):
        key = None if keyed is None or row.key in (None, "") else str(row.key)
        counts[(_period_start(_as_date(row.day), by), key)] += int(row.n)
    return counts


# -- backlog ---------------------------------------------------------------------------------------------


def age_band(days: int) -> str:
    for label, first, last in AGE_BANDS:
        if days >= first and (last is None or days <= last):
            return label
    return AGE_BANDS[0][0]  # received "after" as_of by a clock skew: the youngest band


def backlog(conn: Connection, scope: Scope, as_of: datetime) -> list[BacklogRow]:
    """Open reports (neither finished nor archived) received before ``as_of`` (naive UTC), by status and by
    age: whole calendar days from the local day of receipt to the local day of ``as_of``. Statuses are the
    ones the reports have now: the backlog is today's, aged as of ``as_of``."""
    rules = read_rules(conn)
    cal = zone_of(rules, scope, conn)
    # The open statuses named (not "not closed"): the index on status and receipt finds them.
    where = conditions(scope, cal.zone) + [
        ticket.c.status.in_(sorted(s.value for s in Status if s not in CLOSED)),
        ticket.c.created_at <= as_of,
    ]
    today = as_of.replace(tzinfo=UTC).astimezone(cal.zone).date()
    counts: dict[tuple[str, str], int] = defaultdict(int)
    offset = fixed_offset(cal.zone, scope.filter.since, today)
    if offset is not None:
        day = LocalDay(ticket.c.created_at, offset).label("day")
        query = select(ticket.c.status, day, func.count().label("n")).where(*where).group_by(ticket.c.status, day)
        for row in conn.execute(query):
            counts[(row.status, age_band((today - _as_date(row.day)).days))] += int(row.n)
    else:
        for row in conn.execute(select(ticket.c.status, ticket.c.created_at).where(*where)):
            local = row.created_at.replace(tzinfo=UTC).astimezone(cal.zone).date()
            counts[(row.status, age_band((today - local).days))] += 1
    order = {label: i for i, (label, _, _) in enumerate(AGE_BANDS)}
    return [
        BacklogRow(status, band, n)
        for (status, band), n in sorted(counts.items(), key=lambda i: (i[0][0], order[i[0][1]]))
    ]


# -- service levels --------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float | None:
    """Nearest rank: the smallest value with at least ``share`` of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)), 1) - 1]


def _figures(counted: Counter[Outcome], per: float) -> ClockFigures:
    """The figures of one clock over a line's reports: ``counted`` holds each outcome with how many reports
    had it; durations are ``minutes / per``. The median and the nearest-rank 90th percentile are read from the
    counted durations in order, as ``statistics.median`` and ``percentile`` would read them from the list."""
    tally: Counter[str] = Counter()
    durations: Counter[int] = Counter()
    for (outcome, minutes), n in counted.items():
        tally[outcome] += n
        if minutes is not None:
            durations[minutes] += n
    ordered = sorted(durations.items())
    upto = list(itertools.accumulate(n for _, n in ordered))  # reports with a duration up to each one

    def nth(index: int) -> float:  # the index-th shortest duration, from 0
        return ordered[bisect.bisect_right(upto, index)][0] / per

    total = upto[-1] if upto else 0
    median = p90 = None
    if total:
        middle = nth(total // 2) if total % 2 else (nth(total // 2 - 1) + nth(total // 2)) / 2
        median, p90 = round(middle, 2), round(nth(max(math.ceil(0.9 * total), 1) - 1), 2)
    return ClockFigures(tally["met"], tally["breached"], tally["running"], median, p90)


def clock_outcome(row: Any, cal: WorkingCalendar, as_of: datetime) -> str:
    """met, breached or running: the phase the app shows for the clock, read as of ``as_of``.

    A running clock is breached once its due moment has passed. Finding that moment walks the working days
    of what is left of the target only, where ``state`` would walk every day since the clock started: a
    year's figures judge tens of thousands of clocks (a test holds the two to the same verdict)."""
    record = record_from_row(row)
    if record.running_since is not None and record.stopped_at is None:
        left = record.target_minutes - record.used_minutes
        return "breached" if left <= 0 or as_of >= add_working_minutes(cal, record.running_since, left) else "running"
    phase = record.state(cal, as_of).phase
    if phase is Phase.MET:
        return "met"
    if phase in (Phase.MISSED, Phase.BREACHED):
        return "breached"
    return "running"


# The two clocks of the service levels, with the unit their durations are given in (minutes per unit).
_PER = {ClockName.RESPONSE: 60.0, ClockName.RESOLUTION: 24 * 60.0}
_STOPPED = ("met", "breached")  # the verdicts the roll-up keeps ('open': judged when asked)


@dataclass
class _Tally:
    """A line of the service levels while it is counted: reports received, each clock's outcomes counted."""

    received: int = 0
    outcomes: dict[ClockName, Counter[Outcome]] = field(default_factory=lambda: {name: Counter() for name in _PER})

    def add(self, other: _Tally) -> None:
        self.received += other.received
        for name, counted in other.outcomes.items():
            self.outcomes[name].update(counted)


Holder = tuple[int, int | None]  # the unit holding reports and the officer they count for
Judge = Callable[[Any, int], tuple[ClockName, Outcome]]  # a clock's row and its unit: the clock's outcome


def service_levels(conn: Connection, scope: Scope, as_of: datetime, rolled_up: bool = False) -> list[ServiceRow]:
    """Of the reports received in the period, per unit that holds them now and per officer (the one
    holding it, or else the last one who changed its status): how many met, breached or are still within
    the first-response and the resolution deadline the report carries (its ``response`` and ``resolution``
    clocks, judged as the app judges them), and the median and 90th percentile of the finished ones:
    first response in working hours of the unit's calendar, resolution in calendar days without the time
    spent waiting for the reporter (the clocks' own units; after a reopening, the latest round).

    ``rolled_up``: as for ``volumes``; the verdicts of stopped clocks are then read from the roll-up and only
    the running ones judged here."""
    rules = read_rules(conn)
    cal = zone_of(rules, scope, conn)

    def judged(clock: Any, unit_id: int) -> tuple[ClockName, Outcome]:
        name = ClockName(clock.clock)
        outcome = clock_outcome(clock, clock_calendar(name, rules.calendar_for(unit_id)), as_of)
        return name, (outcome, int(clock.used_minutes) if clock.stopped_at is not None else None)

    if rolled_up and scope.officer_id is None and cal.timezone == rules.agency_calendar.timezone:
        holders = _rolled_up_service(conn, scope, judged)
    else:
        holders = _counted_service(conn, scope, cal, judged)
    codes = {r.id: r.code for r in conn.execute(select(unit.c.id, unit.c.code))}
    logins = {r.id: r.login for r in conn.execute(select(officer.c.id, officer.c.login))}
    lines: dict[tuple[str, str | None], _Tally] = defaultdict(_Tally)
    for (unit_id, handler), tally in holders.items():
        lines[(codes[unit_id], None)].add(tally)
        if handler is not None and (scope.officer_id is None or handler == scope.officer_id):
            lines[(codes[unit_id], logins.get(handler, str(handler)))].add(tally)
    return [
        ServiceRow(code, login, t.received, *(_figures(t.outcomes[name], per) for name, per in _PER.items()))
        for (code, login), t in sorted(lines.items(), key=lambda g: (g[0][0], g[0][1] or ""))
    ]


def last_status_officers(conn: Connection, ids: list[Any]) -> dict[Any, int]:
    """The officer who last changed the status of each of the tickets ``ids`` (those an officer changed)."""
    latest = (
        select(event.c.ticket_id, func.max(event.c.id).label("last"))
        .where(event.c.ticket_id.in_(ids), event.c.action == "status", event.c.officer_id.is_not(None))
        .group_by(event.c.ticket_id)
        .subquery()
    )
    found = conn.execute(select(event.c.ticket_id, event.c.officer_id).join(latest, event.c.id == latest.c.last))
    return {row.ticket_id: int(row.officer_id) for row in found}


def _counted_service(conn: Connection, scope: Scope, cal: WorkingCalendar, judged: Judge) -> dict[Holder, _Tally]:
    """The service levels per holder from the tickets, their clocks and their status events."""
    received = conn.execute(
        select(ticket.c.id, ticket.c.unit_id, ticket.c.claimed_by).where(*conditions(scope, cal.zone))
    ).all()
    ids = [r.id for r in received]
    last_status: dict[Any, int] = {}
    clocks: dict[Any, list[Any]] = defaultdict(list)
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        last_status.update(last_status_officers(conn, chunk))
        for row in conn.execute(
            select(sla_clock).where(sla_clock.c.ticket_id.in_(chunk), sla_clock.c.clock.in_([n.value for n in _PER]))
        ):
            clocks[row.ticket_id].append(row)  # a clock that never ran has no row (an archived, never verified report)
    holders: dict[Holder, _Tally] = defaultdict(_Tally)
    for r in received:
        tally = holders[(r.unit_id, r.claimed_by if r.claimed_by is not None else last_status.get(r.id))]
        tally.received += 1
        for clock in clocks[r.id]:
            name, outcome = judged(clock, r.unit_id)
            tally.outcomes[name][outcome] += 1
    return holders


def _rolled_up_service(conn: Connection, scope: Scope, judged: Judge) -> dict[Holder, _Tally]:
    """The service levels per holder from the roll-up: the stopped clocks' verdicts as kept, and the clocks
    still open judged from their rows."""
    sc = stats_counted
    source = sc.join(stats_day, stats_day.c.id == sc.c.day_id)
    where = _rolled_up_conditions(scope)
    holders: dict[Holder, _Tally] = defaultdict(_Tally)
    kept = select(
        stats_day.c.unit_id,
        sc.c.handler_id,
        sc.c.response,
        sc.c.response_minutes,
        sc.c.resolution,
        sc.c.resolution_minutes,
    )
    response, resolution = ClockName.RESPONSE, ClockName.RESOLUTION
    for unit_id, handler, responded, response_minutes, resolved, resolution_minutes in conn.execute(
        kept.select_from(source).where(*where)
    ):
        tally = holders[(unit_id, handler)]
        tally.received += 1
        if responded in _STOPPED:
            tally.outcomes[response][(responded, response_minutes)] += 1
        if resolved in _STOPPED:
            tally.outcomes[resolution][(resolved, resolution_minutes)] += 1
    is_open = [and_(sc.c[name.value] == "open", sla_clock.c.clock == name.value) for name in _PER]
    running = (
        select(sla_clock, stats_day.c.unit_id, sc.c.handler_id.label("handler"))
        .select_from(source.join(sla_clock, sla_clock.c.ticket_id == sc.c.ticket_id))
        .where(*where, or_(*is_open))
    )
    for row in conn.execute(running):
        name, outcome = judged(row, row.unit_id)
        holders[(row.unit_id, row.handler)].outcomes[name][outcome] += 1
    return holders


def end_of_day(conn: Connection, scope: Scope, day: date) -> datetime:
    """The last moment of a local day (in the figures' time zone), as naive UTC: "as of" a day."""
    cal = zone_of(read_rules(conn), scope, conn)
    return _utc(day + timedelta(days=1), cal.zone) - timedelta(microseconds=1)
