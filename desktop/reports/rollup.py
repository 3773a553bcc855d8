"""The daily roll-up of reports received, kept by the server so that volumes stay fast as years pile up.

``stats_day`` holds one line per local day (the agency's time zone) × unit × channel × kind × category ×
priority with the number of reports received; ``stats_counted`` names the line each ticket is counted on.
``refresh`` brings both up to date from the tickets' change stamps (``store/changes.py``), the same stamps a
client's pull follows: every ticket changed since the last refresh is counted again, leaving its old line for
its new one when a transfer, an edit or a deletion moved it. Counting a ticket again is idempotent, so reading
a few tickets twice (PostgreSQL's cursor is the oldest transaction still running) changes nothing.

``stats_counted`` also keeps, per ticket, what its service levels need: the officer it counts for (the claim's
holder, else the last officer who changed its status) and the verdict of its first-response and resolution
clocks once they stopped, with the minutes they used. A stopped clock's verdict never changes, so the service
levels of a year read these columns and judge in Python only the clocks still running. A ticket whose clocks
changed is counted again like one whose row changed.

Nothing is added to the work of intake or of an officer's change: the server refreshes, in a short write of its
own, just before it reads the roll-up, so a figure is as current as a direct count made at that moment (a test
compares them). Refreshers take turns on the ``stats_rollup`` row. The first refresh, or one after the agency's
time zone was changed, builds everything again: in two SQL statements when the zone keeps one offset (every
zone of Indonesia), else ticket by ticket.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal_column,
    select,
    update,
)

from ..domain.calendar import WorkingCalendar
from ..domain.clocks import ClockName
from ..store.changes import CHANGE_COUNTER, uses_transaction_ids
from ..store.schema import counter, event, sla_clock, stats_counted, stats_day, stats_rollup, ticket
from ..store.sla import read_rules
from .figures import LocalDay, fixed_offset, last_status_officers

Key = tuple[date, int, str, str, str, int]  # day, unit id, channel, kind, category ('' none), priority
# What a ticket's service levels need: handler id, response verdict and minutes, resolution verdict and minutes.
Service = tuple[int | None, str | None, int | None, str | None, int | None]
_CHUNK = 500
_KEY_COLUMNS = ("day", "unit_id", "channel", "kind", "category", "priority")
_SERVICE_COLUMNS = ("handler_id", "response", "response_minutes", "resolution", "resolution_minutes")
_SERVICE_CLOCKS = (ClockName.RESPONSE.value, ClockName.RESOLUTION.value)
NO_SERVICE: Service = (None, None, None, None, None)


def refresh(conn: Connection) -> int:
    """Bring the roll-up up to date inside the caller's write transaction; returns how many tickets were
    counted again (every ticket on a full build)."""
    calendar = read_rules(conn).agency_calendar  # its zone is the roll-up's
    state = conn.execute(select(stats_rollup).where(stats_rollup.c.id == 1).with_for_update()).one_or_none()
    if state is None:  # a database made without the migrations' first row
        conn.execute(insert(stats_rollup).values(id=1, zone=""))
        state = conn.execute(select(stats_rollup).where(stats_rollup.c.id == 1).with_for_update()).one()
    through = _stamp_now(conn)  # read before the tickets: whatever commits later is above it
    if state.zone != calendar.timezone or state.through is None:
        conn.execute(delete(stats_counted))
        conn.execute(delete(stats_day))
        counted = _build(conn, calendar)
    else:
        # A stamp at the cursor is counted again on PostgreSQL (the oldest transaction then running), not elsewhere.
        newer = operator.ge if uses_transaction_ids(conn) else operator.gt
        rows = {
            row.id: row for row in conn.execute(select(*_TICKET_KEY).where(newer(ticket.c.change_seq, state.through)))
        }
        clocked = select(sla_clock.c.ticket_id).where(newer(sla_clock.c.change_seq, state.through))
        for row in conn.execute(select(*_TICKET_KEY).where(ticket.c.id.in_(clocked))):
            rows.setdefault(row.id, row)
        counted = _count_again(conn, calendar, list(rows.values()))
    conn.execute(update(stats_rollup).where(stats_rollup.c.id == 1).values(zone=calendar.timezone, through=through))
    return counted


def _stamp_now(conn: Connection) -> int:
    """The change counter (MariaDB, SQLite: every stamp up to it is committed), or on PostgreSQL the oldest
    transaction id still running (every stamp below it is committed)."""
    if uses_transaction_ids(conn):
        return int(
            conn.execute(select(literal_column("pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))).scalar_one()
        )
    return int(conn.execute(select(counter.c.value).where(counter.c.name == CHANGE_COUNTER)).scalar_one())


_TICKET_KEY = (
    ticket.c.id,
    ticket.c.created_at,
    ticket.c.unit_id,
    ticket.c.channel,
    ticket.c.kind,
    ticket.c.category,
    ticket.c.priority,
    ticket.c.deleted_at,
    ticket.c.claimed_by,
)


def _build(conn: Connection, calendar: WorkingCalendar) -> int:
    offset = fixed_offset(calendar.zone, None, None)
    if offset is None:
        return _count_again(conn, calendar, conn.execute(select(*_TICKET_KEY)).all())
    day = LocalDay(ticket.c.created_at, offset)
    category = func.coalesce(ticket.c.category, "")
    live = ticket.c.deleted_at.is_(None)
    grouped = (
        select(day, ticket.c.unit_id, ticket.c.channel, ticket.c.kind, category, ticket.c.priority, func.count())
        .where(live)
        .group_by(day, ticket.c.unit_id, ticket.c.channel, ticket.c.kind, category, ticket.c.priority)
    )
    conn.execute(insert(stats_day).from_select([*_KEY_COLUMNS, "received"], grouped))
    line = and_(
        stats_day.c.day == day,
        stats_day.c.unit_id == ticket.c.unit_id,
        stats_day.c.channel == ticket.c.channel,
        stats_day.c.kind == ticket.c.kind,
        stats_day.c.category == category,
        stats_day.c.priority == ticket.c.priority,
    )
    response = sla_clock.alias("response_clock")
    resolution = sla_clock.alias("resolution_clock")
    last = (
        select(event.c.ticket_id, func.max(event.c.id).label("id"))
        .where(event.c.action == "status", event.c.officer_id.is_not(None))
        .group_by(event.c.ticket_id)
        .subquery()
    )
    last_status = select(event.c.ticket_id, event.c.officer_id).join(last, last.c.id == event.c.id).subquery()
    placed = (
        select(
            ticket.c.id,
            stats_day.c.id,
            func.coalesce(ticket.c.claimed_by, last_status.c.officer_id),
            *_verdict_in_sql(response),
            *_verdict_in_sql(resolution),
        )
        .select_from(
            ticket.join(stats_day, line)
            .outerjoin(response, and_(response.c.ticket_id == ticket.c.id, response.c.clock == _SERVICE_CLOCKS[0]))
            .outerjoin(
                resolution, and_(resolution.c.ticket_id == ticket.c.id, resolution.c.clock == _SERVICE_CLOCKS[1])
            )
            .outerjoin(last_status, last_status.c.ticket_id == ticket.c.id)
        )
        .where(live)
    )
    conn.execute(insert(stats_counted).from_select(["ticket_id", "day_id", *_SERVICE_COLUMNS], placed))
    return int(conn.execute(select(func.count()).select_from(ticket)).scalar_one())


def verdict(clock: Any) -> tuple[str | None, int | None]:
    """A clock's verdict as kept: ('met' or 'breached', minutes used) once stopped, ('open', None) while it runs
    or waits, (None, None) for no clock. ``_verdict_in_sql`` says the same in SQL."""
    if clock is None:
        return None, None
    if clock.stopped_at is None or clock.running_since is not None:
        return "open", None
    return ("met" if clock.used_minutes <= clock.target_minutes else "breached"), int(clock.used_minutes)


def _verdict_in_sql(clock: Any) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    stopped = and_(clock.c.stopped_at.is_not(None), clock.c.running_since.is_(None))
    return (
        case(
            (clock.c.ticket_id.is_(None), None),
            (~stopped, "open"),
            (clock.c.used_minutes <= clock.c.target_minutes, "met"),
            else_="breached",
        ),
        case((stopped, clock.c.used_minutes), else_=None),
    )


def _services(conn: Connection, rows: Sequence[Any]) -> dict[Any, Service]:
    """``Service`` of each live ticket in ``rows`` (a chunk), read as ``_build`` reads it in SQL."""
    ids = [row.id for row in rows if row.deleted_at is None]
    if not ids:
        return {}
    last_status = last_status_officers(conn, ids)
    clocks: dict[Any, dict[str, Any]] = defaultdict(dict)
    for clock in conn.execute(
        select(sla_clock).where(sla_clock.c.ticket_id.in_(ids), sla_clock.c.clock.in_(_SERVICE_CLOCKS))
    ):
        clocks[clock.ticket_id][clock.clock] = clock
    services = {}
    for row in rows:
        if row.deleted_at is not None:
            continue
        handler = row.claimed_by if row.claimed_by is not None else last_status.get(row.id)
        response = verdict(clocks[row.id].get(_SERVICE_CLOCKS[0]))
        resolution = verdict(clocks[row.id].get(_SERVICE_CLOCKS[1]))
        services[row.id] = (None if handler is None else int(handler), *response, *resolution)
    return services


def _key(row: Any, calendar: WorkingCalendar) -> Key | None:
    if row.deleted_at is not None:
        return None
    day = row.created_at.replace(tzinfo=UTC).astimezone(calendar.zone).date()
    return (day, int(row.unit_id), row.channel, row.kind, row.category or "", int(row.priority))


def _count_again(conn: Connection, calendar: WorkingCalendar, rows: Sequence[Any]) -> int:
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start : start + _CHUNK]
        wanted = {row.id: _key(row, calendar) for row in chunk}
        services = _services(conn, chunk)
        lines = _lines(conn, {key for key in wanted.values() if key is not None})
        counted = select(stats_counted).where(stats_counted.c.ticket_id.in_(wanted))
        known: dict[Any, tuple[int | None, Service]] = {
            row.ticket_id: (row.day_id, tuple(row._mapping[name] for name in _SERVICE_COLUMNS))
            for row in conn.execute(counted)
        }
        moves: dict[int, int] = defaultdict(int)
        moved: list[dict[str, Any]] = []
        placed: list[dict[str, Any]] = []
        for ticket_id, key in wanted.items():
            new = None if key is None else lines[key]
            service = services.get(ticket_id, NO_SERVICE)
            old, old_service = known.get(ticket_id, (None, NO_SERVICE))
            if (old, old_service) == (new, service):
                continue
            if old != new:
                if old is not None:
                    moves[old] -= 1
                if new is not None:
                    moves[new] += 1
            values = dict(zip(_SERVICE_COLUMNS, service, strict=True))
            if ticket_id in known:  # bound by other names than the columns': SQLAlchemy keeps those for itself
                moved.append({"tid": ticket_id, "line": new, **{f"new_{k}": v for k, v in values.items()}})
            else:
                placed.append({"ticket_id": ticket_id, "day_id": new, **values})
        deltas = [{"line": line, "by": by} for line, by in moves.items() if by]
        if deltas:
            conn.execute(
                update(stats_day)
                .where(stats_day.c.id == bindparam("line"))
                .values(received=stats_day.c.received + bindparam("by")),
                deltas,
            )
        if moved:
            conn.execute(
                update(stats_counted)
                .where(stats_counted.c.ticket_id == bindparam("tid"))
                .values(day_id=bindparam("line"), **{name: bindparam(f"new_{name}") for name in _SERVICE_COLUMNS}),
                moved,
            )
        if placed:
            conn.execute(insert(stats_counted), placed)
    return len(rows)


def _lines(conn: Connection, keys: set[Key]) -> dict[Key, int]:
    """The ids of the roll-up's lines for ``keys``, adding (with nothing received yet) those missing."""
    if not keys:
        return {}
    columns = [stats_day.c[name] for name in _KEY_COLUMNS]

    # The lines of the days and units concerned, by the unique key's first columns (a row-value IN of many keys
    # is not an index lookup on every engine), then those asked for.
    days = sorted({key[0] for key in keys})
    units = sorted({key[1] for key in keys})
    lines = select(stats_day.c.id, *columns).where(stats_day.c.day.in_(days), stats_day.c.unit_id.in_(units))

    def read() -> dict[Key, int]:
        found: dict[Key, int] = {}
        for row in conn.execute(lines):
            key = (row.day, row.unit_id, row.channel, row.kind, row.category, row.priority)
            if key in keys:
                found[key] = int(row.id)
        return found

    found = read()
    missing = keys - found.keys()
    if missing:
        conn.execute(insert(stats_day), [dict(zip(_KEY_COLUMNS, key, strict=True), received=0) for key in missing])
        found = read()
    return found
