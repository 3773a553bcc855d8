"""The daily roll-up of reports received, kept by the server so that volumes stay fast as years pile up.

``stats_day`` holds one line per local day (the agency's time zone) × unit × channel × kind × category ×
priority with the number of reports received; ``stats_counted`` names the line each ticket is counted on.
``refresh`` brings both up to date from the tickets' change stamps (``store/changes.py``), the same stamps a
client's pull follows: every ticket changed since the last refresh is counted again, leaving its old line for
its new one when a transfer, an edit or a deletion moved it. Counting a ticket again is idempotent, so reading
a few tickets twice (PostgreSQL's cursor is the oldest transaction still running) changes nothing.

Nothing is added to the work of intake or of an officer's change: the server refreshes before it reads the
roll-up, in the same transaction, so a figure is always as current as a direct count (a test compares them).
Refreshers take turns on the ``stats_rollup`` row. The first refresh, or one after the agency's time zone was
changed, builds everything again: in two SQL statements when the zone keeps one offset (every zone of
Indonesia), else ticket by ticket.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, literal_column, select, update

from ..domain.calendar import WorkingCalendar
from ..store.changes import CHANGE_COUNTER, uses_transaction_ids
from ..store.schema import counter, stats_counted, stats_day, stats_rollup, ticket
from ..store.sla import read_rules
from .figures import LocalDay, fixed_offset

Key = tuple[date, int, str, str, str, int]  # day, unit id, channel, kind, category ('' none), priority
_CHUNK = 500
_KEY_COLUMNS = ("day", "unit_id", "channel", "kind", "category", "priority")


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
        changed = (
            ticket.c.change_seq >= state.through if uses_transaction_ids(conn) else ticket.c.change_seq > state.through
        )
        counted = _count_again(conn, calendar, conn.execute(select(*_TICKET_KEY).where(changed)).all())
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
    placed = select(ticket.c.id, stats_day.c.id).select_from(ticket.join(stats_day, line)).where(live)
    conn.execute(insert(stats_counted).from_select(["ticket_id", "day_id"], placed))
    return int(conn.execute(select(func.count()).select_from(ticket)).scalar_one())


def _key(row: Any, calendar: WorkingCalendar) -> Key | None:
    if row.deleted_at is not None:
        return None
    day = row.created_at.replace(tzinfo=UTC).astimezone(calendar.zone).date()
    return (day, int(row.unit_id), row.channel, row.kind, row.category or "", int(row.priority))


def _count_again(conn: Connection, calendar: WorkingCalendar, rows: Sequence[Any]) -> int:
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start : start + _CHUNK]
        wanted = {row.id: _key(row, calendar) for row in chunk}
        lines = _lines(conn, {key for key in wanted.values() if key is not None})
        counted = select(stats_counted.c.ticket_id, stats_counted.c.day_id).where(stats_counted.c.ticket_id.in_(wanted))
        known: dict[Any, int | None] = {row.ticket_id: row.day_id for row in conn.execute(counted)}
        moves: dict[int, int] = defaultdict(int)
        moved: list[dict[str, Any]] = []
        placed: list[dict[str, Any]] = []
        for ticket_id, key in wanted.items():
            new = None if key is None else lines[key]
            old = known.get(ticket_id)
            if old == new:
                continue
            if old is not None:
                moves[old] -= 1
            if new is not None:
                moves[new] += 1
            (moved if ticket_id in known else placed).append({"tid": ticket_id, "line": new})
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
                .values(day_id=bindparam("line")),
                moved,
            )
        if placed:
            conn.execute(insert(stats_counted), [{"ticket_id": p["tid"], "day_id": p["line"]} for p in placed])
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
