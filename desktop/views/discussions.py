"""Reading team discussion from the cache: threads with unread counts, their posts, and my mentions.

Queued threads and posts (the overlay) are shown with the mirror's, marked as queued. Read marks are
kept on this workstation only. A mark is the newest post time the officer was shown, never the clock:
a post written before the mark but pulled after it must still count as unread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import Connection, and_, case, func, insert, or_, select

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.officer import me, postable_unit_ids
from ..cache.state import get_state, set_state

MENTIONS_SEEN = "mentions_seen_at"  # sync_state key: the newest mention shown in the mentions list


@dataclass(frozen=True, slots=True)
class Thread:
    id: UUID
    unit_code: str
    unit_name: str
    title: str
    ticket_id: UUID | None  # the linked ticket, if any
    tracking_no: str | None  # of the linked ticket, when it is in the cache
    started_by: str  # the officer's name
    created_at: datetime
    last_post_at: datetime
    unread: int  # posts by others after my read mark
    queued: bool  # the thread itself has not reached the server yet


@dataclass(frozen=True, slots=True)
class PostView:
    id: UUID
    discussion_id: UUID
    author_login: str
    author_name: str
    body: str
    created_at: datetime
    queued: bool


@dataclass(frozen=True, slots=True)
class MentionView:
    note_id: UUID | None  # a mention in a ticket's internal note …
    post_id: UUID | None  # … or in a team post
    ticket_id: UUID | None  # the note's ticket, or the thread's linked ticket
    tracking_no: str | None
    discussion_id: UUID | None
    discussion_title: str | None
    author_name: str
    body: str
    created_at: datetime
    unseen: bool


@dataclass(frozen=True, slots=True)
class UnitChoice:
    id: int
    code: str
    name: str


def _uuid(value: object) -> UUID | None:
    return None if value is None else UUID(str(value))


def _my_name(conn: Connection) -> tuple[str, str]:
    row = conn.execute(select(s.officer.c.login, s.officer.c.name).where(s.officer.c.id == me(conn))).first()
    return (str(row.login), str(row.name)) if row is not None else ("", "")


def threads(conn: Connection, unit_code: str | None = None) -> list[Thread]:
    """Threads I may see (the mirror is scoped by the server) and those I queued; newest activity first."""
    posts, mark = s.discussion_post, s.discussion_read
    is_unread = case(
        (and_(posts.c.author_id != me(conn), or_(mark.c.read_at.is_(None), posts.c.created_at > mark.c.read_at)), 1),
        else_=0,
    )
    stats = {
        UUID(str(r.discussion_id)): (r.last, int(r.unread))
        for r in conn.execute(
            select(
                posts.c.discussion_id, func.max(posts.c.created_at).label("last"), func.sum(is_unread).label("unread")
            )
            .outerjoin(mark, mark.c.discussion_id == posts.c.discussion_id)
            .group_by(posts.c.discussion_id)
        )
    }
    queued_posts = {
        UUID(str(r.discussion_id)): r.last
        for r in conn.execute(
            select(s.local_post.c.discussion_id, func.max(s.local_post.c.created_at).label("last")).group_by(
                s.local_post.c.discussion_id
            )
        )
    }
    _login, my_name = _my_name(conn)
    found: list[Thread] = []
    d = s.discussion
    starter = s.officer.alias("starter")
    mirrored = conn.execute(
        select(
            d, s.unit.c.code, s.unit.c.name.label("unit_name"), starter.c.name.label("starter"), s.ticket.c.tracking_no
        )
        .join(s.unit, s.unit.c.id == d.c.unit_id)
        .outerjoin(starter, starter.c.id == d.c.created_by)
        .outerjoin(s.ticket, s.ticket.c.id == d.c.ticket_id)
    )
    for row in mirrored:
        key = UUID(str(row.id))
        last, unread = stats.get(key, (row.created_at, 0))
        if key in queued_posts:
            last = max(last, queued_posts[key])
        found.append(
            Thread(
                id=key,
                unit_code=row.code,
                unit_name=row.unit_name,
                title=row.title,
                ticket_id=_uuid(row.ticket_id),
                tracking_no=row.tracking_no,
                started_by=row.starter or "",
                created_at=row.created_at,
                last_post_at=last,
                unread=unread,
                queued=False,
            )
        )
    ld = s.local_discussion
    local = conn.execute(
        select(ld, s.unit.c.code, s.unit.c.name.label("unit_name"), s.ticket.c.tracking_no)
        .join(s.unit, s.unit.c.id == ld.c.unit_id)
        .outerjoin(s.ticket, s.ticket.c.id == ld.c.ticket_id)
    )
    seen = {t.id for t in found}
    for row in local:
        key = UUID(str(row.id))
        if key in seen:
            continue
        last = queued_posts.get(key, row.created_at)
        found.append(
            Thread(
                id=key,
                unit_code=row.code,
                unit_name=row.unit_name,
                title=row.title,
                ticket_id=_uuid(row.ticket_id),
                tracking_no=row.tracking_no,
                started_by=my_name,
                created_at=row.created_at,
                last_post_at=last,
                unread=0,
                queued=True,
            )
        )
    if unit_code is not None:
        found = [t for t in found if t.unit_code == unit_code]
    return sorted(found, key=lambda t: t.last_post_at, reverse=True)


def unread_total(conn: Connection) -> int:
    return sum(t.unread for t in threads(conn))


def posts(conn: Connection, discussion_id: UUID) -> list[PostView]:
    """The thread's posts, oldest first; my queued posts last, in the order I wrote them."""
    p = s.discussion_post
    author = s.officer.alias("author")
    mirrored = [
        PostView(UUID(str(r.id)), discussion_id, r.login or "", r.name or "", r.body, r.created_at, queued=False)
        for r in conn.execute(
            select(p, author.c.login, author.c.name)
            .outerjoin(author, author.c.id == p.c.author_id)
            .where(p.c.discussion_id == discussion_id)
            .order_by(p.c.created_at, p.c.id)
        )
    ]
    login, name = _my_name(conn)
    queued = [
        PostView(UUID(str(r.id)), discussion_id, login, name, r.body, r.created_at, queued=True)
        for r in conn.execute(
            select(s.local_post)
            .where(s.local_post.c.discussion_id == discussion_id)
            .order_by(s.local_post.c.created_at, s.local_post.c.id)
        )
    ]
    return mirrored + queued


def mark_read(conn: Connection, discussion_id: UUID) -> None:
    """Everything of the thread in the mirror now counts as read (a write transaction)."""
    p = s.discussion_post
    newest = conn.execute(select(func.max(p.c.created_at)).where(p.c.discussion_id == discussion_id)).scalar()
    if newest is None:
        return
    mark = s.discussion_read
    current = conn.execute(select(mark.c.read_at).where(mark.c.discussion_id == discussion_id)).scalar()
    if current is None or newest > current:
        conn.execute(insert(mark).prefix_with("OR REPLACE").values(discussion_id=discussion_id, read_at=newest))


def mentions(conn: Connection) -> list[MentionView]:
    """Notes and posts that mention me, newest first."""
    mine = me(conn)
    seen_at = _mentions_seen_at(conn)
    m, n, p, d = s.mention, s.note, s.discussion_post, s.discussion
    author = s.officer.alias("author")
    found: list[MentionView] = []
    for r in conn.execute(
        select(n.c.id, n.c.ticket_id, n.c.body, n.c.created_at, s.ticket.c.tracking_no, author.c.name)
        .join(m, m.c.note_id == n.c.id)
        .outerjoin(s.ticket, s.ticket.c.id == n.c.ticket_id)
        .outerjoin(author, author.c.id == n.c.author_id)
        .where(m.c.officer_id == mine)
    ):
        found.append(
            MentionView(
                note_id=_uuid(r.id),
                post_id=None,
                ticket_id=_uuid(r.ticket_id),
                tracking_no=r.tracking_no,
                discussion_id=None,
                discussion_title=None,
                author_name=r.name or "",
                body=r.body,
                created_at=r.created_at,
                unseen=seen_at is None or r.created_at > seen_at,
            )
        )
    for post_row in conn.execute(
        select(
            p.c.id,
            p.c.discussion_id,
            p.c.body,
            p.c.created_at,
            d.c.title,
            d.c.ticket_id,
            s.ticket.c.tracking_no,
            author.c.name,
        )
        .join(m, m.c.post_id == p.c.id)
        .join(d, d.c.id == p.c.discussion_id)
        .outerjoin(s.ticket, s.ticket.c.id == d.c.ticket_id)
        .outerjoin(author, author.c.id == p.c.author_id)
        .where(m.c.officer_id == mine)
    ):
        found.append(
            MentionView(
                note_id=None,
                post_id=_uuid(post_row.id),
                ticket_id=_uuid(post_row.ticket_id),
                tracking_no=post_row.tracking_no,
                discussion_id=_uuid(post_row.discussion_id),
                discussion_title=post_row.title,
                author_name=post_row.name or "",
                body=post_row.body,
                created_at=post_row.created_at,
                unseen=seen_at is None or post_row.created_at > seen_at,
            )
        )
    return sorted(found, key=lambda x: x.created_at, reverse=True)


def unseen_mentions(conn: Connection) -> int:
    return sum(1 for found in mentions(conn) if found.unseen)


def mark_mentions_seen(conn: Connection) -> None:
    """The mentions now in the cache count as seen (a write transaction)."""
    newest = max((found.created_at for found in mentions(conn)), default=None)
    current = _mentions_seen_at(conn)
    if newest is not None and (current is None or newest > current):
        set_state(conn, MENTIONS_SEEN, newest.isoformat())


def _mentions_seen_at(conn: Connection) -> datetime | None:
    value = get_state(conn, MENTIONS_SEEN)
    return None if value is None else datetime.fromisoformat(value)


def postable_units(conn: Connection) -> list[UnitChoice]:
    """Units I may start a thread in, by code."""
    allowed = postable_unit_ids(conn)
    rows = conn.execute(select(s.unit.c.id, s.unit.c.code, s.unit.c.name).order_by(s.unit.c.code))
    return [UnitChoice(int(r.id), r.code, r.name) for r in rows if int(r.id) in allowed]


def officer_logins(conn: Connection) -> list[tuple[str, str]]:
    """Active officers as (login, name), for @mention completion."""
    rows = conn.execute(select(s.officer.c.login, s.officer.c.name).where(s.officer.c.active.is_(True)))
    return sorted((str(r.login), str(r.name)) for r in rows)


@dataclass(frozen=True, slots=True)
class Board:
    """What the discussion view shows, read together."""

    threads: list[Thread]
    selected: Thread | None
    posts: list[PostView]
    mentions: list[MentionView]
    units: list[UnitChoice]
    logins: list[str]

    @property
    def unread(self) -> int:
        return sum(t.unread for t in self.threads)

    @property
    def unseen_mentions(self) -> int:
        return sum(1 for m in self.mentions if m.unseen)


def load_board(cache: Cache, selected: UUID | None, read_selected: bool, mentions_shown: bool) -> Board:
    """The view's data; marks the thread on screen as read and the mentions on screen as seen first."""
    if (selected is not None and read_selected) or mentions_shown:
        with cache.write() as conn:
            if selected is not None and read_selected:
                mark_read(conn, selected)
            if mentions_shown:
                mark_mentions_seen(conn)
    with cache.read() as conn:
        found = threads(conn)
        current = next((t for t in found if t.id == selected), None)
        return Board(
            threads=found,
            selected=current,
            posts=posts(conn, current.id) if current is not None else [],
            mentions=mentions(conn),
            units=postable_units(conn),
            logins=[login for login, _name in officer_logins(conn)],
        )
