"""The inbox's urgency: the badge's states and their boundaries, the default order (most urgent first, walked
on an index), the tabs' counts with their cap, and my overdue or due-today reports in *Needs attention*."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import insert, literal, select, text, update

from desktop.cache import schema as s
from desktop.cache.database import Cache
from desktop.cache.state import set_state
from desktop.domain.status import Status
from desktop.views import inbox
from desktop.views.attention import AttentionKind, attention_items
from desktop.views.deadlines import DUE_SOON, Urgency, end_of_local_day, urgency
from desktop.views.inbox import Column, InboxQuery, View
from tests.sync.inbox_cache import NOW, fill_cache
from tests.sync.urgency_cache import EXPECTED, STATES, fill_urgencies, six_in_the_morning

JAKARTA = timezone(timedelta(hours=7))
MORNING = datetime(2026, 3, 2, 1, 0)  # 08.00 in Jakarta


@pytest.mark.parametrize(
    ("due", "status", "expected"),
    [
        (MORNING - timedelta(days=59), Status.DITERIMA, Urgency.OVERDUE),
        (MORNING, Status.DITERIMA, Urgency.OVERDUE),  # due this minute: breached
        (MORNING + timedelta(minutes=1), Status.DITERIMA, Urgency.DUE_TODAY),
        (datetime(2026, 3, 2, 16, 59), Status.DITERIMA, Urgency.DUE_TODAY),  # 23.59 in Jakarta
        (datetime(2026, 3, 2, 17, 0), Status.DITERIMA, Urgency.DUE_SOON),  # midnight: tomorrow
        (MORNING + DUE_SOON, Status.DITERIMA, Urgency.DUE_SOON),
        (MORNING + DUE_SOON + timedelta(minutes=1), Status.DITERIMA, Urgency.ON_TIME),
        (None, Status.DITERIMA, Urgency.NONE),
        (MORNING - timedelta(days=3), Status.SELESAI, Urgency.NONE),
        (MORNING - timedelta(days=3), Status.DIARSIPKAN, Urgency.NONE),
        (MORNING - timedelta(days=3), Status.MENUNGGU_PELAPOR, Urgency.OVERDUE),
    ],
)
def test_the_badge_of_each_deadline(due: datetime | None, status: Status, expected: Urgency) -> None:
    assert urgency(due, status, MORNING, end_of_local_day(MORNING, JAKARTA)) is expected


def test_the_day_ends_at_midnight_where_the_officer_is() -> None:
    assert end_of_local_day(MORNING, JAKARTA) == datetime(2026, 3, 2, 17, 0)
    late = datetime(2026, 3, 2, 16, 30)  # 23.30 in Jakarta: today ends in half an hour
    assert end_of_local_day(late, JAKARTA) == datetime(2026, 3, 2, 17, 0)
    assert end_of_local_day(datetime(2026, 3, 2, 17, 0), JAKARTA) == datetime(2026, 3, 3, 17, 0)
    assert end_of_local_day(MORNING, UTC) == datetime(2026, 3, 3, 0, 0)


@pytest.fixture
def states(tmp_path: Path) -> Iterator[tuple[Cache, dict[str, UUID], datetime]]:
    cache = Cache(tmp_path / "urgency.cache.db")
    now = datetime.utcnow()
    with cache.write() as conn:
        ids = fill_urgencies(conn, now)
    yield cache, ids, now
    cache.dispose()


def test_the_inbox_opens_most_urgent_first(states: tuple[Cache, dict[str, UUID], datetime]) -> None:
    cache, ids, now = states
    today_ends = end_of_local_day(now, six_in_the_morning(now))
    with cache.read() as conn:
        rows = inbox.page(conn, InboxQuery(View.EVERYTHING))
    assert InboxQuery().sort is Column.DEADLINE and not InboxQuery().descending, "the default order"
    # Computed from the same clock: by badge, then (within a badge) the older deadline first; the ticket
    # without a deadline before the finished one.
    by_urgency = sorted(
        STATES,
        key=lambda name: (EXPECTED[name], name == "finished", STATES[name][0] or 0),
    )
    assert [r.ticket_id for r in rows] == [ids[name] for name in by_urgency]
    assert [urgency(r.due_at, r.status, now, today_ends) for r in rows] == [EXPECTED[name] for name in by_urgency]
    with cache.read() as conn:
        backwards = inbox.page(conn, InboxQuery(View.EVERYTHING, descending=True))
    assert [r.ticket_id for r in backwards] == [
        ids[name] for name in ("on_time", "due_soon", "due_today", "overdue", "overdue_long", "no_deadline", "finished")
    ], "descending: the latest deadline first; no deadline and finished still last"


def test_the_urgent_order_walks_the_open_tickets_deadline_index(cache_260: Cache) -> None:
    with cache_260.read() as conn:
        ctx = inbox._context(conn, InboxQuery())
        segments = inbox._segments(conn, InboxQuery(), [])
        first = (
            inbox._SELECT.where(*inbox._conditions(InboxQuery(), ctx), segments[0].where)
            .order_by(*inbox._ordered(segments[0], False))
            .limit(200)
        )
        plan = " ".join(
            str(row[-1])
            for row in conn.execute(
                text("EXPLAIN QUERY PLAN " + str(first.compile(conn, compile_kwargs={"literal_binds": True}))), {}
            )
        )
    assert "ix_ticket_open_due" in plan and "TEMP B-TREE" not in plan, plan


def test_the_finished_reports_are_read_in_the_order_they_came_without_sorting_them(cache_260: Cache) -> None:
    """The last segment (finished reports by rowid): read through the status index, SQLite took both closed
    statuses' rows and sorted all of them for every page (0.5 s a page at 700,000 finished reports)."""
    query = InboxQuery()
    with cache_260.read() as conn:
        ctx = inbox._context(conn, query)
        finished = inbox._segments(conn, query, [])[-1]
        after = inbox.Key(len(inbox._segments(conn, query, [])) - 1, None, 10)
        page = (
            inbox._SELECT.where(*inbox._conditions(query, ctx), finished.where, *inbox._walk(finished, after, False))
            .order_by(*inbox._ordered(finished, False))
            .limit(200)
        )
        sql = str(page.compile(conn, compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(row[-1]) for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert "INTEGER PRIMARY KEY (rowid>?)" in plan and "TEMP B-TREE" not in plan, plan


def test_the_deadlines_of_needs_attention_walk_the_open_tickets_deadline_index(cache_260: Cache) -> None:
    """Read at every sync for the status bar: through the holder and unit indexes SQLite read every ticket of
    the officer's units and sorted them (0.4 s on a 1,000,000-ticket cache)."""
    with cache_260.read() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        statements: list[str] = []
        raw.set_trace_callback(statements.append)
        attention_items(conn, NOW, NOW + timedelta(hours=1))
        raw.set_trace_callback(None)
        due = next(sql for sql in statements if "ORDER BY ticket.due_at" in sql)
        plan = " ".join(str(row[-1]) for row in conn.execute(text("EXPLAIN QUERY PLAN " + due)))
    assert "ix_ticket_open_due" in plan and "TEMP B-TREE" not in plan, plan


@pytest.fixture
def cache_260(tmp_path: Path) -> Iterator[Cache]:
    opened = Cache(tmp_path / "inbox.cache.db")
    with opened.write() as conn:
        fill_cache(conn, 260)
    yield opened
    opened.dispose()


def test_every_view_is_counted_for_its_tab_up_to_the_cap(cache_260: Cache) -> None:
    with cache_260.read() as conn:
        counts = inbox.view_counts(conn)
        assert set(counts) == set(View)
        for view in View:
            assert counts[view] == inbox.count(conn, InboxQuery(view)), view
        assert counts[View.EVERYTHING] == 260
        capped = inbox.view_counts(conn, cap=20)
    assert capped[View.EVERYTHING] == 21, "one past the cap: the tab says 20+"
    assert all(capped[view] == min(counts[view], 21) for view in View)


def test_the_due_view_holds_exactly_the_urgent_badges(states: tuple[Cache, dict[str, UUID], datetime]) -> None:
    cache, ids, now = states
    with cache.read() as conn:
        due = {r.ticket_id for r in inbox.page(conn, InboxQuery(View.DUE))}
    urgent = {Urgency.OVERDUE, Urgency.DUE_TODAY, Urgency.DUE_SOON}
    assert due == {ids[name] for name in STATES if EXPECTED[name] in urgent}


# -- needs attention ----------------------------------------------------------------------------------


def deadline_items(cache: Cache, now: datetime) -> dict[UUID, Urgency | None]:
    with cache.read() as conn:
        items = attention_items(conn, now, end_of_local_day(now, six_in_the_morning(now)))
    return {item.ticket_id: item.urgency for item in items if item.kind is AttentionKind.DEADLINE and item.ticket_id}


def test_my_overdue_and_due_today_reports_need_attention_most_urgent_first(
    states: tuple[Cache, dict[str, UUID], datetime],
) -> None:
    cache, ids, now = states
    found = deadline_items(cache, now)
    assert list(found) == [ids["overdue_long"], ids["overdue"], ids["due_today"]]
    assert list(found.values()) == [Urgency.OVERDUE, Urgency.OVERDUE, Urgency.DUE_TODAY]


def test_a_colleagues_report_is_theirs_to_chase_unless_i_supervise(
    states: tuple[Cache, dict[str, UUID], datetime],
) -> None:
    cache, ids, now = states
    with cache.write() as conn:  # budi holds the long-overdue one; another unit's overdue report is not mine
        conn.execute(
            update(s.ticket)
            .where(s.ticket.c.id == ids["overdue_long"])
            .values(claimed_by=2, claim_expires_at=now + timedelta(hours=3))
        )
        conn.execute(update(s.ticket).where(s.ticket.c.id == ids["due_today"]).values(unit_id=2))
    assert list(deadline_items(cache, now)) == [ids["overdue"]]
    with cache.write() as conn:
        conn.execute(update(s.officer).where(s.officer.c.id == 1).values(role="supervisor"))
    assert list(deadline_items(cache, now)) == [ids["overdue_long"], ids["overdue"]]


def test_a_report_closed_here_or_already_escalated_is_not_listed_twice(
    states: tuple[Cache, dict[str, UUID], datetime],
) -> None:
    cache, ids, now = states
    with cache.write() as conn:
        conn.execute(
            insert(s.local_ticket).values(ticket_id=ids["overdue_long"], op_id=ids["overdue_long"], status="selesai")
        )
        conn.execute(
            insert(s.sla_clock).values(
                ticket_id=ids["overdue"],  # mine: an escalation shows on the tickets I hold
                clock="resolution",
                running_since=now - timedelta(days=3),
                escalated_at=now - timedelta(hours=2),
            )
        )
        set_state(conn, "officer_id", 1)
    with cache.read() as conn:
        items = attention_items(conn, now, end_of_local_day(now, six_in_the_morning(now)))
    kinds = [(item.kind, item.ticket_id) for item in items]
    assert (AttentionKind.ESCALATED, ids["overdue"]) in kinds
    assert [t for k, t in kinds if k is AttentionKind.DEADLINE] == [ids["due_today"]]


def test_nothing_is_listed_when_no_deadline_is_near(cache_260: Cache) -> None:
    far = NOW - timedelta(days=30)  # before every deadline of the sample
    with cache_260.read() as conn:
        items = attention_items(conn, far, far + timedelta(hours=1))
    assert not [item for item in items if item.kind is AttentionKind.DEADLINE]


def test_the_due_tabs_count_walks_the_open_tickets_index_not_every_closed_ticket(cache_260: Cache) -> None:
    """Counted after every sync: closed tickets hold the earliest deadlines of a cache, so a walk of the plain
    deadline index would step over most of the cache first. The open condition must reach SQLite word for
    word (not as "(…) = 1") for the partial index to be used."""
    query = InboxQuery(View.DUE)
    with cache_260.read() as conn:
        ctx = inbox._context(conn, query)
        counted = select(literal(1)).select_from(s.ticket).where(*inbox._conditions(query, ctx, walk=False)).limit(1000)
        sql = str(counted.compile(conn, compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(row[-1]) for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert f"ticket.{s.OPEN_CONDITION} AND" in sql
    assert "ix_ticket_open_due" in plan, plan
