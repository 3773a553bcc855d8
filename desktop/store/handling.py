"""Handling a claimed ticket: reply, internal note, status change, transfer. Each is fenced by the token."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import insert, select
from uuid6 import uuid7

from ..domain.canned import check_canned_ref
from ..domain.entities import Note, Ticket
from ..domain.errors import BadInput, ForbiddenTransition
from ..domain.properties import clean_comment
from ..domain.status import Status, allowed_next, can_transition
from ..domain.text import clean_body, mentioned_logins
from . import outbox, sla
from .claims import fenced_update, read_ticket, released, steal
from .identity import unit_id_by_code
from .schema import mention, note, officer
from .work import Work


def reply(
    work: Work,
    ticket_id: UUID,
    token: int,
    text: str,
    op_id: UUID | None = None,
    message_id: UUID | None = None,
    canned: str | None = None,
) -> UUID:
    """Store an answer to the citizen for the dispatch worker to send; nothing is sent from here.

    The outbound queue row is unique per operation id: one operation can never queue a second sending.
    ``canned`` ("key@version") names the canned response the text was written from, for the audit log.
    """
    body = clean_body(text, "reply")
    template = {"canned": check_canned_ref(canned)} if canned is not None else {}
    current = read_ticket(work, ticket_id)
    outbox.check_fits(work.conn, ticket_id, current.channel, body)
    fenced_update(work, ticket_id, token, {})
    message_id = outbox.queue(
        work, ticket_id, current.channel, body, message_id=message_id, op_id=op_id, claim_token=token
    )
    sla.answered(work, ticket_id)
    work.audit("reply", ticket_id, token, message_id=message_id, chars=len(body), **template)
    return message_id


def add_note(
    work: Work,
    ticket_id: UUID,
    text: str,
    token: int | None = None,
    added_offline: bool = False,
    note_id: UUID | None = None,
    visible_only: bool = True,
) -> Note:
    """An internal note. Anyone who may see the ticket may note; a holder's note also renews the lease.

    ``visible_only=False`` is for the answer to a referral, written by a unit that may not see the ticket."""
    assert work.actor is not None
    body = clean_body(text, "note")
    read_ticket(work, ticket_id, visible_only=visible_only)
    if token is not None:
        fenced_update(work, ticket_id, token, {})
    note_id = note_id or uuid7()
    work.conn.execute(
        insert(note).values(
            id=note_id,
            ticket_id=ticket_id,
            author_id=work.actor.id,
            body=body,
            added_offline=added_offline,
            change_seq=work.seq,
            created_at=work.now,
        )
    )
    mentions = record_mentions(work, mentioned_logins(body), note_id=note_id)
    work.audit("note", ticket_id, token, note_id=note_id, mentions=list(mentions))
    return Note(
        id=note_id,
        ticket_id=ticket_id,
        author=work.actor.login,
        body=body,
        mentions=mentions,
        added_offline=added_offline,
        created_at=work.now,
    )


def record_mentions(
    work: Work, logins: tuple[str, ...], note_id: UUID | None = None, post_id: UUID | None = None
) -> tuple[str, ...]:
    """Mention the active officers among ``logins`` in a note or a team post; returns their logins."""
    if not logins:
        return ()
    found = work.conn.execute(
        select(officer.c.id, officer.c.login).where(officer.c.login.in_(logins), officer.c.active.is_(True))
    ).all()
    for officer_id, _login in found:
        work.conn.execute(insert(mention).values(officer_id=officer_id, note_id=note_id, post_id=post_id))
    return tuple(sorted(login for _id, login in found))


def change_status(work: Work, ticket_id: UUID, token: int, target: Status, comment: str | None = None) -> Ticket:
    """``comment``: why, in the officer's words; kept in the audit entry, which the history shows."""
    comment = clean_comment(comment)
    current = read_ticket(work, ticket_id)
    if not can_transition(current.status, target):
        allowed = ", ".join(sorted(s.value for s in allowed_next(current.status)))
        raise ForbiddenTransition(
            f"{current.tracking_no} is {current.status.value}; it can go to: {allowed}, not {target.value}",
            current=current.status.value,
            target=target.value,
        )
    values: dict[str, object] = {"status": target.value, "closed_at": work.now if target.is_closed else None}
    fenced_update(work, ticket_id, token, values)
    sla.status_changed(work, ticket_id, current.status, target)
    said = {"comment": comment} if comment else {}
    work.audit("status", ticket_id, token, old=current.status.value, new=target.value, **said)
    return read_ticket(work, ticket_id)


def transfer(work: Work, ticket_id: UUID, token: int, unit_code: str, reason: str | None = None) -> Ticket:
    """Hand the ticket to another unit (disposition). The claim ends: the new unit picks it up."""
    assert work.actor is not None
    current = read_ticket(work, ticket_id)
    target_unit = unit_id_by_code(work.conn, unit_code)
    if unit_code == current.unit:
        raise BadInput(f"{current.tracking_no} is already in unit {unit_code!r}")
    reason = " ".join(reason.split()) if reason else None
    left = unit_id_by_code(work.conn, current.unit)
    values: dict[str, object] = {"unit_id": target_unit, "left_unit_id": left, **released()}
    # A report that was not this unit's authority is received anew by the unit it goes to.
    if current.status is Status.BUKAN_WEWENANG:
        values["status"] = Status.DITERIMA.value
    fenced_update(work, ticket_id, token, values, renew=False)
    sla.transferred(work, ticket_id)
    work.audit("transfer", ticket_id, token, from_unit=current.unit, to_unit=unit_code, reason=reason)
    # The officer may no longer see the ticket in its new unit; they still get the outcome of their act.
    return read_ticket(work, ticket_id, visible_only=False)


def take_over(work: Work, ticket_id: UUID, reason: str) -> Ticket:
    """A supervisor steals the claim; the previous holder is told through a note that mentions them."""
    taken, previous = steal(work, ticket_id, reason)
    if previous is not None:
        add_note(work, ticket_id, f"Diambil alih dari @{previous} / taken over from @{previous}: {reason}")
    return taken
