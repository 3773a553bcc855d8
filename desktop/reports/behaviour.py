"""The behaviour figures of the statistics: how reports move between units, how often a finished report is
reopened, how many reporters come back, and when in the week reports arrive.

Built on the same pieces as ``figures.py`` (``scope_for``, ``conditions``, ``zone_of``, ``LocalDay``): the
reports counted are those received in the period and matching the filter, narrowed to the asker's scope.
Every figure is a count; no function here returns a ticket, a reporter's name or a contact.

- Flows: the audit log's ``transfer`` (a disposition to another unit) and ``return_for_disposition``
  (*bukan wewenang*, not this unit's authority: sent back to the unit that disposes of it anew) events,
  and the ``referral`` rows (another unit asked for input; the ticket stays), by sending and receiving unit.
  A flow counts for an asker when either end is one of their units.
- Reopen rate: of the reports finished (``selesai``) at least once, those that went from a closed status
  (finished or archived) back to an open one afterwards, per unit holding the report now.
- Returning reporters: a reporter is returning when they filed more than one of the reports counted, or
  filed an earlier report (received before the period began) in the asker's units. Anonymous reports and
  reports without a reporter have no identity: each counts as a one-off reporter.
- Heat map: reports received per channel, local weekday (0 = Monday) and local hour, in the figures' zone.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Connection, Integer, and_, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from ..domain.status import CLOSED, Status
from ..store.schema import event, referral, reporter, ticket, unit
from ..store.sla import read_rules
from .figures import LocalDay, Scope, conditions, fixed_offset, zone_of

FlowKind = Literal["transfer", "not_ours", "referral"]
FLOW_KINDS: tuple[FlowKind, ...] = ("transfer", "not_ours", "referral")
# The audit actions that move a ticket to another unit, and the kind of flow each is.
_MOVES: dict[str, str] = {"transfer": "transfer", "return_for_disposition": "not_ours"}
_CLOSED = frozenset(s.value for s in CLOSED)


@dataclass(frozen=True, slots=True)
class FlowRow:
    kind: str  # one of FLOW_KINDS
    from_unit: str  # unit codes
    to_unit: str
    count: int


@dataclass(frozen=True, slots=True)
class ReopenRow:
    unit: str | None  # the unit holding the reports now; None: every unit counted
    finished: int  # finished at least once
    reopened: int  # of those, reopened after a finishing
    share: float | None  # reopened / finished, 0..1 (4 decimals); None when nothing was finished


@dataclass(frozen=True, slots=True)
class ReturningRow:
    channel: str | None  # the channel of their reports in the period; None: every channel
    reporters: int  # distinct identified reporters, plus one per anonymous report
    returning: int  # filed more than once in the period, or before it
    earlier: int  # of the returning: filed before the period began
    anonymous: int  # reports without an identity, each a one-off reporter (part of ``reporters``)
    share: float | None  # returning / reporters, 0..1 (4 decimals)


@dataclass(frozen=True, slots=True)
class HeatRow:
    channel: str
    weekday: int  # 0 Monday .. 6 Sunday, local
    hour: int  # 0..23, local
    count: int


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _detail(raw: Any) -> dict[str, Any]:
    try:
        found = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _events() -> Any:
    """The audit log under another name: ``conditions`` asks about the officer's own events of the same
    ticket in a subquery of ``event``, which must not be taken for the event a row reads."""
    return event.alias("counted_event")


# -- flows between units ---------------------------------------------------------------------------------


def flows(conn: Connection, scope: Scope) -> list[FlowRow]:
    """Transfers, returns as not this unit's authority, and referrals of the reports received in the period,
    per (kind, sending unit, receiving unit). For an asker limited to some units, the flows in or out of
    them: a report transferred away counts for the unit that sent it, though that unit no longer holds it."""
    rules = read_rules(conn)
    cal = zone_of(rules, scope, conn)
    # Any unit holding the report now: the ends of each flow decide whether it is the asker's.
    where = conditions(replace(scope, unit_ids=None), cal.zone)
    codes = {int(r.id): str(r.code) for r in conn.execute(select(unit.c.id, unit.c.code))}
    mine = None if scope.unit_ids is None else {codes[i] for i in scope.unit_ids if i in codes}
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    moved = _events()
    moves = (
        select(moved.c.action, moved.c.detail)
        .select_from(moved.join(ticket, ticket.c.id == moved.c.ticket_id))
        .where(moved.c.action.in_(sorted(_MOVES)), *where)
    )
    for row in conn.execute(moves):
        detail = _detail(row.detail)
        source, target = detail.get("from_unit"), detail.get("to_unit")
        if not isinstance(source, str) or not isinstance(target, str):
            continue  # an event written without its units (none does): nothing to count it under
        counts[(_MOVES[row.action], source, target)] += 1
    asked = (
        select(referral.c.from_unit_id, referral.c.to_unit_id, func.count().label("n"))
        .select_from(referral.join(ticket, ticket.c.id == referral.c.ticket_id))
        .where(*where)
        .group_by(referral.c.from_unit_id, referral.c.to_unit_id)
    )
    for row in conn.execute(asked):
        counts[("referral", codes[int(row.from_unit_id)], codes[int(row.to_unit_id)])] += int(row.n)
    order: dict[str, int] = {k: i for i, k in enumerate(FLOW_KINDS)}
    return [
        FlowRow(kind, source, target, n)
        for (kind, source, target), n in sorted(counts.items(), key=lambda i: (order[i[0][0]], i[0][1], i[0][2]))
        if mine is None or source in mine or target in mine
    ]


# -- reopen rate -----------------------------------------------------------------------------------------


def _reopened(changes: Iterable[tuple[str, dict[str, Any]]]) -> tuple[bool, bool]:
    """(finished at least once, reopened after a finishing) from a ticket's status events, oldest first."""
    finished = reopened = False
    for action, detail in changes:
        if action == "auto_close" or (action == "status" and detail.get("new") == Status.SELESAI.value):
            finished = True
        elif action == "status" and finished and detail.get("old") in _CLOSED and detail.get("new") not in _CLOSED:
            reopened = True
    return finished, reopened


def reopen_rate(conn: Connection, scope: Scope) -> list[ReopenRow]:
    """Per unit holding the reports now, then for all of them (unit None): of the reports received in the
    period that were finished at least once, how many were reopened afterwards (back from finished, or from
    archived after a finishing, to an open status)."""
    rules = read_rules(conn)
    cal = zone_of(rules, scope, conn)
    where = conditions(scope, cal.zone)
    # Only the events that finish or reopen can matter: a finishing names "selesai", a reopening the closed
    # status it leaves. The words narrow the rows in SQL; the detail decides in Python.
    changed = _events()
    named = or_(*(changed.c.detail.like(f"%{status}%") for status in sorted(_CLOSED)))
    query = (
        select(changed.c.ticket_id, changed.c.action, changed.c.detail, unit.c.code)
        .select_from(changed.join(ticket, ticket.c.id == changed.c.ticket_id).join(unit, unit.c.id == ticket.c.unit_id))
        .where(or_(changed.c.action == "auto_close", and_(changed.c.action == "status", named)), *where)
        .order_by(changed.c.ticket_id, changed.c.id)
    )
    changes: dict[Any, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    holder: dict[Any, str] = {}
    for row in conn.execute(query):
        changes[row.ticket_id].append((str(row.action), _detail(row.detail)))
        holder[row.ticket_id] = str(row.code)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for ticket_id, history in changes.items():
        finished, reopened = _reopened(history)
        if finished:
            tally[holder[ticket_id]][0] += 1
            tally[holder[ticket_id]][1] += int(reopened)
    rows = [ReopenRow(code, f, r, _share(r, f)) for code, (f, r) in sorted(tally.items())]
    if rows:
        finished_all = sum(r.finished for r in rows)
        reopened_all = sum(r.reopened for r in rows)
        rows.append(ReopenRow(None, finished_all, reopened_all, _share(reopened_all, finished_all)))
    return rows


# -- returning reporters ---------------------------------------------------------------------------------


def returning_reporters(conn: Connection, scope: Scope) -> list[ReturningRow]:
    """Per channel, then for every channel (channel None): of the reporters of the reports received in the
    period, how many came back: filed more than one of those reports, or an earlier one received before
    the period began in the asker's units (any channel, kind or category). Reporters are told apart by
    their identity in the database only; anonymous reports (and reports without a reporter) count each as
    a one-off reporter."""
    rules = read_rules(conn)
    cal = zone_of(rules, scope, conn)
    where = conditions(scope, cal.zone)
    query = (
        select(ticket.c.channel, ticket.c.reporter_id, reporter.c.anonymous)
        .select_from(ticket.outerjoin(reporter, reporter.c.id == ticket.c.reporter_id))
        .where(*where)
    )
    filed: dict[Any, int] = defaultdict(int)  # identified reporter: reports in the period
    channels_of: dict[str | None, set[Any]] = defaultdict(set)
    anonymous: dict[str | None, int] = defaultdict(int)
    for row in conn.execute(query):
        if row.reporter_id is None or row.anonymous:
            anonymous[row.channel] += 1
            anonymous[None] += 1
            continue
        filed[row.reporter_id] += 1
        channels_of[row.channel].add(row.reporter_id)
        channels_of[None].add(row.reporter_id)
    earlier = _filed_earlier(conn, scope, cal.zone, list(filed))
    returning = {r for r, n in filed.items() if n > 1} | earlier
    rows = []
    named = sorted(c for c in {*channels_of, *anonymous} if c is not None)
    for channel in [*named, None]:
        people = channels_of.get(channel, set())
        back = len(people & returning)
        total = len(people) + anonymous.get(channel, 0)
        if total or channel is None:
            rows.append(
                ReturningRow(
                    channel, total, back, len(people & earlier), anonymous.get(channel, 0), _share(back, total)
                )
            )
    return rows


def _filed_earlier(conn: Connection, scope: Scope, zone: ZoneInfo, reporters: list[Any]) -> set[Any]:
    """Those of ``reporters`` with a report received before the period began, in the asker's units."""
    if scope.filter.since is None or not reporters:
        return set()
    # The moment the first local day begins, as naive UTC (the store's times).
    begins = datetime.combine(scope.filter.since, time(), tzinfo=zone).astimezone(UTC).replace(tzinfo=None)
    found: set[Any] = set()
    for chunk in (reporters[i : i + 500] for i in range(0, len(reporters), 500)):
        query = (
            select(ticket.c.reporter_id)
            .distinct()
            .where(ticket.c.reporter_id.in_(chunk), ticket.c.created_at < begins, ticket.c.deleted_at.is_(None))
        )
        if scope.unit_ids is not None:
            query = query.where(ticket.c.unit_id.in_(sorted(scope.unit_ids)))
        found.update(row.reporter_id for row in conn.execute(query))
    return found


# -- hour of day × weekday -------------------------------------------------------------------------------


class LocalHour(FunctionElement[int]):
    """The hour (0-23) of a naive-UTC timestamp in a zone of fixed offset ``minutes``."""

    type = Integer()
    inherit_cache = False

    def __init__(self, column: ColumnElement[datetime], minutes: int):
        super().__init__(column)
        self.minutes = int(minutes)


@compiles(LocalHour, "sqlite")
def _hour_sqlite(element: LocalHour, compiler: Any, **kw: Any) -> str:
    return f"CAST(strftime('%H', {compiler.process(element.clauses, **kw)}, '{element.minutes:+d} minutes') AS INTEGER)"


@compiles(LocalHour, "postgresql")
def _hour_postgresql(element: LocalHour, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"CAST(EXTRACT(HOUR FROM ({column}) + INTERVAL '{element.minutes} minutes') AS INTEGER)"


@compiles(LocalHour, "mariadb")
@compiles(LocalHour, "mysql")
def _hour_mariadb(element: LocalHour, compiler: Any, **kw: Any) -> str:
    return f"HOUR(DATE_ADD({compiler.process(element.clauses, **kw)}, INTERVAL {element.minutes} MINUTE))"


def heatmap(conn: Connection, scope: Scope) -> list[HeatRow]:
    """Reports received per channel, local weekday (0 Monday) and local hour, in the figures' time zone
    (the one unit's, or the agency's). Cells without reports are left out."""
    rules = read_rules(conn)
    cal = zone_of(rules, scope, conn)
    where = conditions(scope, cal.zone)
    counts: dict[tuple[str, int, int], int] = defaultdict(int)
    offset = fixed_offset(cal.zone, scope.filter.since, scope.filter.until)
    if offset is not None:
        day = LocalDay(ticket.c.created_at, offset).label("day")
        hour = LocalHour(ticket.c.created_at, offset).label("hour")
        query = select(ticket.c.channel, day, hour, func.count().label("n")).where(*where)
        for row in conn.execute(query.group_by(ticket.c.channel, day, hour)):
            counts[(str(row.channel), _weekday(row.day), int(row.hour))] += int(row.n)
    else:
        for row in conn.execute(select(ticket.c.channel, ticket.c.created_at).where(*where)):
            local = row.created_at.replace(tzinfo=UTC).astimezone(cal.zone)
            counts[(str(row.channel), local.weekday(), local.hour)] += 1
    return [HeatRow(channel, weekday, hour, n) for (channel, weekday, hour), n in sorted(counts.items())]


def _weekday(day: Any) -> int:
    """The weekday of a day as the engine returns it: a date, a datetime, or ISO text (SQLite)."""
    if isinstance(day, datetime):
        return day.weekday()
    if isinstance(day, date):
        return day.weekday()
    return date.fromisoformat(str(day)[:10]).weekday()
