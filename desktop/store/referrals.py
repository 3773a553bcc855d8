"""Referrals: asking another unit for input on a ticket without handing the ticket over.

The referred unit's officers may not see the ticket itself (``feed.ticket_scope``), so a referral
carries a read-only summary for them: tracking number, subject and the citizen's first message, with an
anonymous reporter's name left out and a confidential reporter's content left out altogether (it is
restricted to the handling unit; the question says what the asker chooses to share). The answer arrives
on the ticket as an internal note that mentions the asker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Select, and_, select, update

from ..domain.errors import AlreadyAnswered, BadInput, LostClaim, NotFound, NotPermitted
from ..domain.text import clean_body
from .claims import fenced_update, read_ticket
from .feed import referral_scope, referral_summary, ticket_scope
from .handling import add_note
from .identity import Actor, unit_id_by_code
from .schema import officer, referral, reporter, ticket, unit
from .work import Work

# A question quoted in the answering note is cut to this length (the whole one stays on the referral).
QUOTED_QUESTION_CHARS = 200


@dataclass(frozen=True, slots=True)
class Referral:
    id: UUID
    ticket_id: UUID
    tracking_no: str
    subject: str | None  # None when the reporter is confidential
    first_message: str | None  # the citizen's first message; None when the reporter is confidential
    reporter_name: str | None  # None when the reporter is anonymous, confidential or unnamed
    reporter_anonymous: bool
    reporter_confidential: bool
    from_unit: str
    to_unit: str
    question: str
    asked_by: str
    answer: str | None
    answered_by: str | None
    answered_at: datetime | None
    note_id: UUID | None
    created_at: datetime
    to_unit_id: int
    ticket_unit_id: int  # where the ticket is now


def _select() -> Select[Any]:
    from_unit, to_unit = unit.alias("from_unit"), unit.alias("to_unit")
    asker, answerer = officer.alias("asker"), officer.alias("answerer")
    return (
        select(
            referral,
            *referral_summary(),
            ticket.c.unit_id.label("ticket_unit_id"),
            from_unit.c.code.label("from_code"),
            to_unit.c.code.label("to_code"),
            asker.c.login.label("asker_login"),
            answerer.c.login.label("answerer_login"),
        )
        .join(ticket, ticket.c.id == referral.c.ticket_id)
        .outerjoin(reporter, reporter.c.id == ticket.c.reporter_id)
        .join(from_unit, from_unit.c.id == referral.c.from_unit_id)
        .join(to_unit, to_unit.c.id == referral.c.to_unit_id)
        .join(asker, asker.c.id == referral.c.asked_by)
        .outerjoin(answerer, answerer.c.id == referral.c.answered_by)
    )


def _to_referral(row: Any) -> Referral:
    return Referral(
        id=row.id,
        ticket_id=row.ticket_id,
        tracking_no=row.ticket_tracking_no,
        subject=row.ticket_subject,
        first_message=row.first_message,
        reporter_name=row.reporter_name,
        reporter_anonymous=bool(row.reporter_anonymous),
        reporter_confidential=bool(row.reporter_confidential),
        from_unit=row.from_code,
        to_unit=row.to_code,
        question=row.question,
        asked_by=row.asker_login,
        answer=row.answer,
        answered_by=row.answerer_login,
        answered_at=row.answered_at,
        note_id=row.note_id,
        created_at=row.created_at,
        to_unit_id=int(row.to_unit_id),
        ticket_unit_id=int(row.ticket_unit_id),
    )


def _sees_ticket(actor: Actor, row: Any) -> bool:
    return actor.may_see(int(row.ticket_unit_id))


def read_referral(work: Work, referral_id: UUID) -> Referral:
    """A referral the officer may see (on a ticket they see, or to one of their units), or NotFound."""
    assert work.actor is not None
    row = work.conn.execute(_select().where(referral.c.id == referral_id)).first()
    if row is None or not (_sees_ticket(work.actor, row) or work.actor.may_see(int(row.to_unit_id))):
        raise NotFound(f"no referral {referral_id} that you may see")
    return _to_referral(row)


def list_referrals(work: Work, unanswered_only: bool = False) -> list[Referral]:
    """The referrals the officer sees, newest first."""
    assert work.actor is not None
    query = _select().where(ticket.c.deleted_at.is_(None), referral_scope(work.actor, ticket_scope(work.actor)))
    if unanswered_only:
        query = query.where(referral.c.answered_at.is_(None))
    rows = work.conn.execute(query.order_by(referral.c.created_at.desc(), referral.c.id.desc()))
    return [_to_referral(row) for row in rows]


def refer(
    work: Work, referral_id: UUID, ticket_id: UUID, unit_code: str, question: str, token: int | None = None
) -> Referral:
    """Ask unit ``unit_code`` about a ticket the officer may see; no claim is needed. A holder's
    ``token`` renews their lease; a token that is no longer valid is simply not used (asking is not
    handling: nothing is lost or handed over)."""
    assert work.actor is not None
    current = read_ticket(work, ticket_id)
    to_unit_id = unit_id_by_code(work.conn, unit_code)
    if unit_code == current.unit:
        raise BadInput(f"{current.tracking_no} is in unit {unit_code!r} already: refer it to another unit")
    text = clean_body(question, "question")
    if token is not None:
        try:
            fenced_update(work, ticket_id, token, {})
        except LostClaim:
            token = None
    work.conn.execute(
        referral.insert().values(
            id=referral_id,
            ticket_id=ticket_id,
            from_unit_id=unit_id_by_code(work.conn, current.unit),
            to_unit_id=to_unit_id,
            question=text,
            asked_by=work.actor.id,
            change_seq=work.seq,
            created_at=work.now,
        )
    )
    work.audit("refer", ticket_id, token, referral_id=referral_id, to_unit=unit_code, chars=len(text))
    return read_referral(work, referral_id)


def answer_referral(work: Work, referral_id: UUID, text: str) -> Referral:
    """The referred unit's answer (an officer of it, or a supervisor above it): stored on the referral and
    written on the ticket as an internal note mentioning the asker. A referral is answered once."""
    actor = work.actor
    assert actor is not None
    row = work.conn.execute(_select().where(referral.c.id == referral_id)).first()
    if row is None or not (_sees_ticket(actor, row) or actor.may_see(int(row.to_unit_id))):
        raise NotFound(f"no referral {referral_id} that you may see")
    if not actor.may_see(int(row.to_unit_id)):
        raise NotPermitted(f"only officers of unit {row.to_code!r} (or its supervisors) may answer this referral")
    body = clean_body(text, "answer")
    answered = work.conn.execute(
        update(referral)
        .where(and_(referral.c.id == referral_id, referral.c.answered_at.is_(None)))
        .values(answer=body, answered_by=actor.id, answered_at=work.now, change_seq=work.seq)
    ).rowcount
    if answered != 1:
        earlier = read_referral(work, referral_id)
        when = f"{earlier.answered_at:%Y-%m-%d %H:%M:%S} UTC" if earlier.answered_at else "earlier"
        raise AlreadyAnswered(
            f"the referral on {earlier.tracking_no} was already answered by {earlier.answered_by} at {when}"
        )
    note = add_note(work, row.ticket_id, _note_text(row, body), added_offline=not work.online, visible_only=False)
    work.conn.execute(update(referral).where(referral.c.id == referral_id).values(note_id=note.id))
    work.audit("answer_referral", row.ticket_id, referral_id=referral_id, note_id=note.id, chars=len(body))
    return read_referral(work, referral_id)


def _note_text(row: Any, answer: str) -> str:
    question = " ".join(row.question.split())
    if len(question) > QUOTED_QUESTION_CHARS:
        question = question[: QUOTED_QUESTION_CHARS - 1] + "…"
    return (
        f"@{row.asker_login} Jawaban rujukan dari unit {row.to_code} / answer to your referral to {row.to_code}\n"
        f"> {question}\n\n{answer}"
    )
