"""Referrals as the officer sees them in the cache: asked about my tickets, or asked of my units.

The mirror's rows (``feed.referral_summary`` says what they carry of a ticket the referred unit may not
see) with my queued questions and answers laid over them, for the referral list and the answer form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, select

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.officer import me, postable_unit_ids
from ..domain.errors import NotFound
from .discussions import postable_units


class ReferralState(StrEnum):
    QUEUED = "queued"  # my question is still in this workstation's outbox
    OPEN = "open"  # asked, not answered yet
    ANSWER_QUEUED = "answer_queued"  # my answer is still in the outbox
    ANSWERED = "answered"


@dataclass(frozen=True, slots=True)
class CachedReferral:
    id: UUID
    ticket_id: UUID
    tracking_no: str | None
    subject: str | None  # None for a confidential reporter (and the referred unit sees no more)
    first_message: str | None  # the citizen's first message; None for a confidential reporter
    reporter_name: str | None  # never an anonymous or confidential reporter's
    reporter_anonymous: bool
    reporter_confidential: bool
    from_unit: str | None  # unit codes
    to_unit: str | None
    question: str
    asked_by: str | None  # logins
    answer: str | None  # the answer as stored, or my queued one
    answered_by: str | None
    answered_at: datetime | None
    note_id: UUID | None  # the note the answer became on the ticket
    created_at: datetime
    state: ReferralState
    may_answer: bool  # to one of my units (or below mine), and nobody's answer is known yet
    sees_ticket: bool  # the ticket itself is in my cache


def list_referrals(conn: Connection, ticket_id: UUID | None = None) -> list[CachedReferral]:
    """Every referral in the cache (only ``ticket_id``'s when given), my queued questions first, then
    newest first."""
    codes = {int(r.id): r.code for r in conn.execute(select(s.unit.c.id, s.unit.c.code))}
    logins = {int(r.id): r.login for r in conn.execute(select(s.officer.c.id, s.officer.c.login))}
    mine, answerable = me(conn), postable_unit_ids(conn)
    queued_answers = {
        r.referral_id: r.answer
        for r in conn.execute(select(s.local_referral).where(s.local_referral.c.answer.is_not(None)))
    }
    # Only the tickets referred about, by their key: a cache holds up to a million tickets and a few referrals.
    query = (
        select(s.referral, s.ticket.c.id.label("cached_ticket_id"))
        .outerjoin(s.ticket, s.ticket.c.id == s.referral.c.ticket_id)
        .order_by(s.referral.c.created_at.desc(), s.referral.c.id.desc())
    )
    if ticket_id is not None:
        query = query.where(s.referral.c.ticket_id == ticket_id)
    found = [_queued(row, codes, logins.get(mine or -1)) for row in _queued_questions(conn, ticket_id)]
    for row in conn.execute(query):
        queued_answer = queued_answers.get(row.id)
        state = (
            ReferralState.ANSWERED
            if row.answered_at is not None
            else ReferralState.ANSWER_QUEUED
            if queued_answer is not None
            else ReferralState.OPEN
        )
        found.append(
            CachedReferral(
                id=row.id,
                ticket_id=row.ticket_id,
                tracking_no=row.ticket_tracking_no,
                subject=row.ticket_subject,
                first_message=row.first_message,
                reporter_name=row.reporter_name,
                reporter_anonymous=bool(row.reporter_anonymous),
                reporter_confidential=bool(row.reporter_confidential),
                from_unit=codes.get(row.from_unit_id),
                to_unit=codes.get(row.to_unit_id),
                question=row.question,
                asked_by=logins.get(row.asked_by),
                answer=row.answer if row.answered_at is not None else queued_answer,
                answered_by=logins.get(row.answered_by) if row.answered_by is not None else None,
                answered_at=row.answered_at,
                note_id=row.note_id,
                created_at=row.created_at,
                state=state,
                may_answer=state is ReferralState.OPEN and int(row.to_unit_id) in answerable,
                sees_ticket=row.cached_ticket_id is not None,
            )
        )
    return found


def referral(conn: Connection, referral_id: UUID) -> CachedReferral:
    found = next((r for r in list_referrals(conn) if r.id == referral_id), None)
    if found is None:
        raise NotFound(f"no referral {referral_id} in the local cache")
    return found


# Those waiting for our answer first, then the ones on their way, then the answered ones.
_TO_ME_ORDER = {
    ReferralState.OPEN: 0,
    ReferralState.ANSWER_QUEUED: 1,
    ReferralState.QUEUED: 2,
    ReferralState.ANSWERED: 3,
}


def load_referrals_to_me(cache: Cache) -> list[CachedReferral]:
    """Referrals to the units I answer for (mine; a supervisor's sub-units too), open ones first."""
    with cache.read() as conn:
        mine = {unit.code for unit in postable_units(conn)}
        found = [r for r in list_referrals(conn) if r.to_unit in mine]
    return sorted(found, key=lambda r: _TO_ME_ORDER[r.state])  # stable: newest first within a state


def _queued_questions(conn: Connection, ticket_id: UUID | None) -> list[Any]:
    t = s.ticket.c
    query = (
        select(
            s.local_referral,
            s.outbox.c.created_at.label("queued_at"),
            t.id.label("cached_ticket_id"),
            t.tracking_no.label("ticket_tracking_no"),
            t.subject.label("ticket_subject"),
            t.unit_id.label("ticket_unit_id"),
        )
        .join(s.outbox, s.outbox.c.op_id == s.local_referral.c.op_id)
        .outerjoin(s.ticket, t.id == s.local_referral.c.ticket_id)
        .where(s.local_referral.c.question.is_not(None))
        .order_by(s.outbox.c.seq.desc())
    )
    if ticket_id is not None:
        query = query.where(s.local_referral.c.ticket_id == ticket_id)
    return list(conn.execute(query))


def _queued(row: Any, codes: dict[int, str], my_login: str | None) -> CachedReferral:
    """My question still in the outbox: the asking unit is the ticket's, as the mirror has it."""
    return CachedReferral(
        id=row.referral_id,
        ticket_id=row.ticket_id,
        tracking_no=row.ticket_tracking_no,
        subject=row.ticket_subject,
        first_message=None,
        reporter_name=None,
        reporter_anonymous=False,
        reporter_confidential=False,
        from_unit=codes.get(row.ticket_unit_id),
        to_unit=codes.get(row.to_unit_id),
        question=row.question,
        asked_by=my_login,
        answer=None,
        answered_by=None,
        answered_at=None,
        note_id=None,
        created_at=row.queued_at,
        state=ReferralState.QUEUED,
        may_answer=False,
        sees_ticket=row.cached_ticket_id is not None,
    )
