"""What the desktop notifications announce after a sync round, read from the cache: a report assigned to me, a
mention of me (in a team discussion or a note), a new message from the citizen on a report I hold, a deadline
coming (due within the hour) or passed on a report I hold.

The caller keeps a ``Mark`` — what was known at the last look — and asks ``what_is_new(conn, mark)`` after each
round: it answers the notices and the next mark. The first mark (``mark_now``) takes everything in the cache as
known, so opening the window announces nothing old. Sets of ids, not times, mark what was seen: a message pulled a
minute after it was written (or a clock that is off) must still be announced once, and only once.

Never the officer's own doing: a report they assigned to themselves, a post or note they wrote, the first message of
a report they recorded (a report only becomes "mine" for replies once it was held at the previous look), a deadline
of a report they just took (it was not theirs at the last look).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from sqlalchemy import Connection, select, text

from ..cache import schema as s
from ..cache.officer import me
from ..cache.state import server_time
from ..domain.vocabulary import Direction
from .assignments import assigned_to_me_since

BREACH_WARNING = timedelta(hours=1)


class NoticeKind(StrEnum):
    ASSIGNED = "assigned"
    MENTIONED = "mentioned"
    CITIZEN_REPLY = "citizen_reply"
    DUE_SOON = "due_soon"  # within BREACH_WARNING
    OVERDUE = "overdue"


# Which setting turns each kind off (desktop/settings.py).
SETTING_OF = {
    NoticeKind.ASSIGNED: "notify_assigned",
    NoticeKind.MENTIONED: "notify_mentioned",
    NoticeKind.CITIZEN_REPLY: "notify_citizen_reply",
    NoticeKind.DUE_SOON: "notify_deadlines",
    NoticeKind.OVERDUE: "notify_deadlines",
}


@dataclass(frozen=True, slots=True)
class Notice:
    kind: NoticeKind
    ticket_id: UUID | None  # the report to open; None for a mention in a discussion about no report
    tracking_no: str | None
    discussion_id: UUID | None = None


@dataclass(frozen=True, slots=True)
class Mark:
    """What was known at the last look."""

    held: frozenset[UUID] = frozenset()  # the open reports I held
    citizen_messages: frozenset[UUID] = frozenset()  # inbound messages on them
    mentions: frozenset[UUID] = frozenset()  # posts and notes that mention me
    deadlines: frozenset[tuple[UUID, NoticeKind]] = frozenset()  # (report, DUE_SOON/OVERDUE) already told
    assigned_at: datetime | None = None  # the newest assignment told
    assigned: frozenset[UUID] = field(default_factory=frozenset)  # the reports assigned to me and told


def mark_now(conn: Connection, now: datetime | None = None) -> Mark:
    """Everything in the cache as known: the mark to start from when the window opens."""
    _notices, mark = what_is_new(conn, None, now)
    return mark


def what_is_new(conn: Connection, mark: Mark | None, now: datetime | None = None) -> tuple[list[Notice], Mark]:
    """The notices since ``mark`` (none when ``mark`` is None: the first look), and the next mark. ``now`` is naive
    UTC (default: the server's clock as this workstation estimates it)."""
    mine = me(conn)
    if mine is None:
        return [], mark or Mark()
    now = now or server_time(conn)
    held = _held(conn, mine)
    notices: list[Notice] = []
    next_mark = Mark(held=frozenset(held))

    assigned, assigned_at, told = _assigned(conn, mine, mark)
    next_mark = replace(next_mark, assigned_at=assigned_at, assigned=told)
    notices += assigned

    messages = _citizen_messages(conn, held)
    next_mark = replace(next_mark, citizen_messages=frozenset(messages))
    mentions = _mentions(conn, mine)
    next_mark = replace(next_mark, mentions=frozenset(mentions))
    deadlines = _deadlines(conn, held, now)
    next_mark = replace(next_mark, deadlines=frozenset(deadlines))
    if mark is None:
        return [], next_mark

    for message_id, ticket_id in messages.items():
        if message_id not in mark.citizen_messages and ticket_id in mark.held:
            notices.append(Notice(NoticeKind.CITIZEN_REPLY, ticket_id, held[ticket_id]))
    for source_id, (about, discussion_id) in mentions.items():
        if source_id not in mark.mentions:
            notices.append(Notice(NoticeKind.MENTIONED, about, _tracking_no(conn, about), discussion_id))
    for ticket_id, kind in sorted(deadlines, key=lambda pair: (pair[1] != NoticeKind.OVERDUE, str(pair[0]))):
        if (ticket_id, kind) not in mark.deadlines and ticket_id in mark.held:
            notices.append(Notice(kind, ticket_id, held[ticket_id]))
    return _one_per_report_and_kind(notices), next_mark


def _held(conn: Connection, mine: int) -> dict[UUID, str | None]:
    """My open reports (tracking numbers by id)."""
    t = s.ticket.c
    rows = conn.execute(select(t.id, t.tracking_no).where(t.claimed_by == mine, text(f"ticket.{s.OPEN_CONDITION}")))
    return {UUID(str(row.id)): row.tracking_no for row in rows}


def _assigned(conn: Connection, mine: int, mark: Mark | None) -> tuple[list[Notice], datetime | None, frozenset[UUID]]:
    """New assignments to me by someone else (helper "assign"'s ``assigned_to_me_since``)."""
    since = mark.assigned_at if mark is not None else None
    found = assigned_to_me_since(conn, since)
    newest = max((a.assigned_at for a in found), default=since)
    ids = [a.ticket_id for a in found]
    by_me = set()
    if ids:
        by_me = {
            UUID(str(i))
            for i in conn.execute(select(s.ticket.c.id).where(s.ticket.c.id.in_(ids), s.ticket.c.assigned_by == mine))
            .scalars()
            .all()
        }
    told = (mark.assigned if mark is not None else frozenset()) | frozenset(ids)
    if mark is None:
        return [], newest, told
    notices = [
        Notice(NoticeKind.ASSIGNED, a.ticket_id, a.tracking_no)
        for a in found
        if a.ticket_id not in by_me and a.ticket_id not in mark.assigned
    ]
    return notices, newest, told


def _citizen_messages(conn: Connection, held: dict[UUID, str | None]) -> dict[UUID, UUID]:
    """The citizen's messages on my open reports (message id → report id)."""
    if not held:
        return {}
    m = s.message.c
    rows = conn.execute(
        select(m.id, m.ticket_id).where(m.ticket_id.in_(list(held)), m.direction == Direction.INBOUND.value)
    )
    return {UUID(str(row.id)): UUID(str(row.ticket_id)) for row in rows}


def _mentions(conn: Connection, mine: int) -> dict[UUID, tuple[UUID | None, UUID | None]]:
    """Posts and notes mentioning me that someone else wrote: source id → (report id, discussion id)."""
    found: dict[UUID, tuple[UUID | None, UUID | None]] = {}
    post, note, d = s.discussion_post.c, s.note.c, s.discussion.c
    posts = conn.execute(
        select(post.id, post.discussion_id, d.ticket_id)
        .join(s.mention, s.mention.c.post_id == post.id)
        .outerjoin(s.discussion, d.id == post.discussion_id)
        .where(s.mention.c.officer_id == mine, post.author_id != mine)
    )
    for row in posts:
        ticket = UUID(str(row.ticket_id)) if row.ticket_id is not None else None
        found[UUID(str(row.id))] = (ticket, UUID(str(row.discussion_id)))
    notes = conn.execute(
        select(note.id, note.ticket_id)
        .join(s.mention, s.mention.c.note_id == note.id)
        .where(s.mention.c.officer_id == mine, note.author_id != mine)
    )
    for note_row in notes:
        found[UUID(str(note_row.id))] = (UUID(str(note_row.ticket_id)), None)
    return found


def _deadlines(conn: Connection, held: dict[UUID, str | None], now: datetime) -> set[tuple[UUID, NoticeKind]]:
    """My open reports overdue now or due within the hour."""
    if not held:
        return set()
    t = s.ticket.c
    rows = conn.execute(
        select(t.id, t.due_at).where(t.id.in_(list(held)), t.due_at.is_not(None), t.due_at <= now + BREACH_WARNING)
    )
    return {(UUID(str(row.id)), NoticeKind.OVERDUE if row.due_at <= now else NoticeKind.DUE_SOON) for row in rows}


def _tracking_no(conn: Connection, ticket_id: UUID | None) -> str | None:
    if ticket_id is None:
        return None
    found = conn.execute(select(s.ticket.c.tracking_no).where(s.ticket.c.id == ticket_id)).scalar()
    return None if found is None else str(found)


def _one_per_report_and_kind(notices: list[Notice]) -> list[Notice]:
    """Two citizen messages on one report are one notice; the order stays."""
    seen: set[tuple[NoticeKind, UUID | None, UUID | None]] = set()
    kept = []
    for notice in notices:
        key = (notice.kind, notice.ticket_id, notice.discussion_id if notice.ticket_id is None else None)
        if key not in seen:
            seen.add(key)
            kept.append(notice)
    return kept
