"""Comments under a Page's posts or an Instagram account's media: kept once each as they arrive, listed for the
officers of the account's unit, and made a ticket — in one step, once — when an officer chooses.

A comment is public: it is never made a ticket by itself, and the ticket made of it is answered by a private
reply (``channels/meta/dispatch.py``): its first message's external id is ``comment:<comment id>``, which is
how the dispatcher knows. That ticket is not acknowledged automatically — an acknowledgement would use up the
one private reply a comment allows."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, insert, or_, select, update

from ..domain.errors import BadInput, Conflict, NotFound
from ..domain.inbound import InboundMessage, Received
from ..domain.personal_data import has_personal_data, public_reply_problem
from ..domain.social import MAX_PUBLIC_REPLY_CHARS, IncomingComment, PublicReply, ReplyState, SocialComment
from ..domain.text import MAX_SUBJECT_CHARS, one_line
from ..domain.vocabulary import Channel, Kind
from . import intake
from .clock import server_now
from .schema import channel_account, officer, social_comment, ticket, unit
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
        select(
            social_comment,
            channel_account.c.name,
            channel_account.c.channel,
            unit.c.code,
            officer.c.login.label("reply_login"),
        )
        .join(channel_account, channel_account.c.id == social_comment.c.account_id)
        .join(unit, unit.c.id == channel_account.c.unit_id)
        .outerjoin(officer, officer.c.id == social_comment.c.reply_by)
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
            reply=None
            if row.reply_state is None
            else PublicReply(row.reply_text or "", ReplyState(row.reply_state), row.reply_login, row.reply_error),
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


def reply_in_public(work: Work, comment_row_id: int, text: str, despite_personal_data: bool = False) -> SocialComment:
    """Queue the unit's public answer under the comment, for the worker to post (``post_public_replies``).

    Refused: an empty or over-long answer; one that shows a NIK or repeats the commenter's phone number or
    e-mail address; an answer under a comment flagged for personal data unless the officer says they saw the
    flag (``despite_personal_data``: the usual answer to such a comment is a report and a private reply); a
    second answer while the first is on its way or posted (one that Meta refused may be written again)."""
    text = text.strip()
    if not text:
        raise BadInput("a public reply needs some text")
    if len(text) > MAX_PUBLIC_REPLY_CHARS:
        raise BadInput(f"a public reply is at most {MAX_PUBLIC_REPLY_CHARS} characters; this one has {len(text)}")
    comment = comment_by_id(work.conn, comment_row_id)
    problem = public_reply_problem(text, comment.text)
    if problem is not None:
        raise BadInput(f"this reply would be posted in public, but {problem}: leave it out, or answer privately")
    if comment.personal_data and not despite_personal_data:
        raise BadInput(
            f"comment {comment_row_id} shows personal data (a NIK, a phone number or an e-mail address): answer it "
            "privately by making a report of it, or confirm that you saw this before answering in public"
        )
    answered = work.conn.execute(
        update(social_comment)
        .where(
            social_comment.c.id == comment_row_id,
            or_(social_comment.c.reply_state.is_(None), social_comment.c.reply_state == ReplyState.FAILED.value),
        )
        .values(
            reply_text=text,
            reply_state=ReplyState.QUEUED.value,
            reply_by=work.actor.id if work.actor else None,  # None: the owner (command line on the database)
            reply_error=None,
            reply_external_id=None,
            replied_at=work.now,
        )
    ).rowcount
    if answered != 1:
        raise Conflict(f"comment {comment_row_id} already has a public reply")
    work.audit(
        "comment_replied", comment.ticket_id, comment_id=comment_row_id, account=comment.account, length=len(text)
    )
    return comment_by_id(work.conn, comment_row_id)


NOT_POSTED = "not posted: an officer looked under the comment"


def settle_reply(work: Work, comment_row_id: int, posted: bool) -> SocialComment:
    """An officer looked under the comment for a reply left *perhaps posted* (``sending``): it is there (sent),
    or it is not (failed, so that it may be written again). Only such a reply can be settled."""
    values = (
        {"reply_state": ReplyState.SENT.value}
        if posted
        else {"reply_state": ReplyState.FAILED.value, "reply_error": NOT_POSTED}
    )
    settled = work.conn.execute(
        update(social_comment)
        .where(social_comment.c.id == comment_row_id, social_comment.c.reply_state == ReplyState.SENDING.value)
        .values(**values)
    ).rowcount
    comment = comment_by_id(work.conn, comment_row_id)
    if settled != 1:
        raise Conflict(f"comment {comment_row_id} has no public reply whose posting is in doubt")
    work.audit("comment_reply_settled", comment.ticket_id, comment_id=comment_row_id, posted=posted)
    return comment


@dataclass(frozen=True, slots=True)
class QueuedReply:
    id: int  # the comment's row
    account_id: int
    comment_id: str  # Meta's id of the comment answered
    text: str


def take_reply(conn: Connection, skipping: frozenset[int] = frozenset()) -> QueuedReply | None:
    """The oldest queued public reply (not through the accounts ``skipping``), marked ``sending`` in the same
    transaction (a worker that stops after this leaves it there: perhaps posted, never posted again by itself)."""
    for row in conn.execute(
        select(
            social_comment.c.id, social_comment.c.account_id, social_comment.c.external_id, social_comment.c.reply_text
        )
        .where(
            social_comment.c.reply_state == ReplyState.QUEUED.value,
            social_comment.c.account_id.not_in(sorted(skipping)),
        )
        .order_by(social_comment.c.replied_at, social_comment.c.id)
        .limit(10)
    ):
        taken = conn.execute(
            update(social_comment)
            .where(social_comment.c.id == row.id, social_comment.c.reply_state == ReplyState.QUEUED.value)
            .values(reply_state=ReplyState.SENDING.value)
        ).rowcount
        if taken == 1:  # another worker may have taken it first
            return QueuedReply(row.id, row.account_id, row.external_id, row.reply_text or "")
    return None


def reply_done(conn: Connection, comment_row_id: int, external_id: str | None, error: str | None = None) -> None:
    """Record the outcome: posted (Meta's id for the reply), refused for good (``error``), or back in the
    queue (both None: Meta could not be reached, nothing was posted)."""
    if external_id is not None:
        values = {
            "reply_state": ReplyState.SENT.value,
            "reply_external_id": external_id,
            "replied_at": server_now(conn),
        }
    elif error is not None:
        values = {"reply_state": ReplyState.FAILED.value, "reply_error": error}
    else:
        values = {"reply_state": ReplyState.QUEUED.value}
    conn.execute(
        update(social_comment)
        .where(social_comment.c.id == comment_row_id, social_comment.c.reply_state == ReplyState.SENDING.value)
        .values(**values)
    )
