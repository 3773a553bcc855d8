"""A supervisor assigns a report to a named officer of its unit: it lands claimed for them.

The assignment is a claim made for someone else: a fresh fencing token held by the assignee, with the
lease of the ticket's unit. Whoever held the ticket before loses the claim exactly as in a take-over: the
token rises, so their queued fenced work is refused as LOST_CLAIM and handed over to the assignee
(``apply._keep_lost_work``), never lost; a note that mentions them tells them why.

The ticket keeps who assigned it and when (``ticket.assigned_by``/``assigned_at``) until the assignee acts
on it or the claim ends (``claims.fenced_update``), so their desk can say "assigned to you by …".
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import select, update

from ..domain.entities import Ticket
from ..domain.errors import BadInput, NotFound, NotPermitted
from .claims import lease_for, read_ticket
from .handling import add_note
from .schema import membership, officer, ticket
from .work import Work


@dataclass(frozen=True, slots=True)
class Assigned:
    ticket: Ticket
    assignee: str  # login
    assignee_name: str
    previous_holder: str | None  # login of whoever held it before, unless it was the assignee


@dataclass(frozen=True, slots=True)
class _Assignee:
    id: int
    login: str
    name: str


def assign(work: Work, ticket_id: UUID, assignee_login: str) -> Assigned:
    """Give the ticket to ``assignee_login``, an active officer of the ticket's unit. Supervisors of the unit
    (or of a unit above it) and admins only; an open ticket only."""
    assert work.actor is not None
    if not work.actor.officer.role.may_steal:
        raise NotPermitted("only supervisors and admins may assign a report")
    # NotFound outside the supervisor's units; NotPermitted on a confidential report they may not read.
    lease = lease_for(work, ticket_id, claiming=True)
    before = read_ticket(work, ticket_id)
    if before.status.is_closed:
        raise BadInput(f"{before.tracking_no} is closed ({before.status.value}): it cannot be assigned")
    unit_id = int(work.conn.execute(select(ticket.c.unit_id).where(ticket.c.id == ticket_id)).scalar_one())
    assignee = _assignee(work, assignee_login, unit_id, before.unit)
    work.conn.execute(
        update(ticket)
        .where(ticket.c.id == ticket_id)
        .values(
            claimed_by=assignee.id,
            claim_device=None,  # taken on whichever workstation the assignee signs in on
            claim_token=ticket.c.claim_token + 1,
            claim_expires_at=work.now + lease,
            assigned_by=work.actor.id,
            assigned_at=work.now,
            row_version=ticket.c.row_version + 1,
            change_seq=work.seq,
            updated_at=work.now,
        )
    )
    after = read_ticket(work, ticket_id)
    previous = before.claim.holder if before.claim.holder not in (None, assignee.login) else None
    work.audit(
        "assign",
        ticket_id,
        after.claim.token,
        assignee=assignee.login,
        assignee_name=assignee.name,
        assigned_by=work.actor.login,
        previous_holder=previous,
    )
    if previous is not None:
        add_note(
            work,
            ticket_id,
            f"Ditugaskan kepada {assignee.name} oleh {work.actor.officer.name}; sebelumnya dipegang @{previous} / "
            f"assigned to {assignee.name} by {work.actor.officer.name}; previously held by @{previous}",
        )
    return Assigned(after, assignee.login, assignee.name, previous)


def _assignee(work: Work, login: str, unit_id: int, unit_code: str) -> _Assignee:
    login = login.strip()
    if not login:
        raise BadInput("name the officer to assign the report to")
    row = work.conn.execute(
        select(officer.c.id, officer.c.login, officer.c.name, officer.c.active).where(officer.c.login == login)
    ).first()
    if row is None:
        raise NotFound(f"no officer with login {login!r}")
    if not row.active:
        raise NotPermitted(f"officer {login!r} is deactivated: a report cannot be assigned to them")
    member = work.conn.execute(
        select(membership.c.officer_id).where(membership.c.officer_id == row.id, membership.c.unit_id == unit_id)
    ).first()
    if member is None:
        raise NotPermitted(f"{row.name} is not an officer of unit {unit_code!r}: assign it within the unit")
    return _Assignee(int(row.id), str(row.login), str(row.name))
