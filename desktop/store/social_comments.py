"""Comments under a Page's posts or an Instagram account's media: kept once each as they arrive, listed for the
officers of the account's unit, and made a ticket — in one step, once — when an officer chooses.

A comment is public: it is never made a ticket by itself, and the ticket made of it is answered by a private
reply (``channels/meta/dispatch.py``): its first message's external id is ``comment:<comment id>``, which is
how the dispatcher knows. That ticket is not acknowledged automatically — an acknowledgement would use up the
one private reply a comment allows."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from ..domain.errors import NotFound
from ..domain.inbound import InboundMessage, Received
from ..domain.personal_data import has_personal_data
from ..domain.social import IncomingComment, SocialComment
from ..domain.text import MAX_SUBJECT_CHARS, one_line
from ..domain.vocabulary import Channel, Kind
from . import intake
from .clock import server_now
from .schema import channel_account, social_comment, ticket, unit
from .work import Work

COMMENT_PREFIX = "comment:"  # channels/meta/dispatch.py answers a message with this external id privately
MAX_LISTED = 500


def record(conn: Connection, account_id: int, comment: IncomingComment) -> bool:
    """Keep ``comment`` as received through the account; False when it was kept before (a re-delivery)."""
    known = conn.execute(
        select(social_comment.c.id).where(
            social_comment.c.account_id == account_id, social_comment.c.external_id == comment.comment_id
        )
    ).first()
    if known is not None:
        return False
    now = server_now(conn)
    conn.execute(
        insert(social_comment).values(
            account_id=account_id,
            external_id=comment.comment_id,
            post_id=comment.post_id,
            author_id=comment.author_id,
            author_name=comment.author_name,
            body_text=comment.text,
            personal_data=has_personal_data(comment.text),
            created_at=comment.created_at or now,
            received_at=now,
        )
    )
    return True


def _rows(conn: Connection, *where: object, limit: int = MAX_LISTED) -> list[SocialComment]:
    query = (
        select(social_comment, channel_account.c.name, channel_account.c.channel, unit.c.code)
        .join(channel_account, channel_account.c.id == social_comment.c.account_id)
        .join(unit, unit.c.id == channel_account.c.unit_id)
        .where(*where)  # type: ignore[arg-type]
        .order_by(social_comment.c.created_at.desc(), social_comment.c.id.desc())
        .limit(limit)
    )
    return [
        SocialComment(
            id=row.id,
            account_id=row.account_id,
            account=row.name,
            unit=row.code,
            channel=Channel(row.channel),
            comment_id=row.external_id,
            post_id=row.post_id,
            author_id=row.author_id,
            author_name=row.author_name,
            text=row.body_text,
            personal_data=bool(row.personal_data),
            created_at=row.created_at,
            ticket_id=row.ticket_id,
        )
        for row in conn.execute(query)
    ]


def open_comments(conn: Connection, unit_codes: frozenset[str] | None, limit: int = MAX_LISTED) -> list[SocialComment]:
    """The comments not yet made tickets, newest first; of ``unit_codes``' accounts only (None: every unit)."""
    where: list[object] = [social_comment.c.ticket_id.is_(None)]
    if unit_codes is not None:
        where.append(unit.c.code.in_(sorted(unit_codes)))
    return _rows(conn, *where, limit=min(limit, MAX_LISTED))


def comment_by_id(conn: Connection, comment_row_id: int) -> SocialComment:
    found = _rows(conn, social_comment.c.id == comment_row_id, limit=1)
    if not found:
        raise NotFound(f"there is no comment {comment_row_id}")
    return found[0]


def ticket_from_comment(work: Work, comment_row_id: int, kind: Kind = Kind.PENGADUAN) -> Received:
    """The ticket made of the comment: its text is the ticket's first inbound message. A second call (or a
    call racing this one) gets the same ticket: the message's external id is the comment's."""
    conn = work.conn
    comment = comment_by_id(conn, comment_row_id)
    if comment.ticket_id is not None:
        existing = conn.execute(select(ticket.c.tracking_no).where(ticket.c.id == comment.ticket_id)).scalar()
        if existing is not None:
            return Received(comment.ticket_id, str(existing), None, False, True)
    title = one_line(comment.text)[: MAX_SUBJECT_CHARS - 20] or "(komentar tanpa teks)"
    inbound = InboundMessage(
        channel=comment.channel,
        external_id=COMMENT_PREFIX + comment.comment_id,
        sender_address=comment.author_id,
        sender_name=comment.author_name,
        subject=title,
        text=comment.text or "(komentar tanpa teks)",
        received_at=comment.created_at,
        references=(),
    )
    received = intake.receive(work, inbound, comment.unit, kind, comment.account_id, acknowledgement=None)
    conn.execute(
        update(social_comment)
        .where(social_comment.c.id == comment.id, social_comment.c.ticket_id.is_(None))
        .values(ticket_id=received.ticket_id)
    )
    return received
