"""Sharing a confidential report with an officer outside its handling unit (``ticket_share``).

A complaint unit handling a confidential report (harassment, extortion by a colleague) sometimes needs one
officer of another unit — an investigator, an inspector — to read it; the rest of that unit, and the
supervisors above, still must not (``confidentiality.py``). A share names one officer: they get the ticket
in their scope (``feed.ticket_scope``) with its whole content, may read it and add notes, and lose it when
the share is revoked (their mirror drops it at the next sync). Claiming stays the handling unit's.

Who decides: a supervisor who is a member of the handling unit, and the officer holding the claim — those
answerable for the report. Sharing and revoking are written to the audit log, and bump the ticket so that
the officers' clients learn of the change at their next pull.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..domain.entities import Ticket
from ..domain.errors import BadInput, NotFound, NotPermitted
from ..domain.vocabulary import Role
from .claims import read_ticket
from .schema import membership, officer, ticket, ticket_share
from .work import Work

sharer = officer.alias("sharer")


@dataclass(frozen=True, slots=True)
class Share:
    ticket_id: UUID
    tracking_no: str
    officer: str  # the login of the officer it is shared with
    officer_name: str
    shared_by: str | None  # None: by the installation's owner
    created_at: datetime


def _may_manage(work: Work, current: Ticket) -> None:
    """NotPermitted unless the acting officer answers for the report: a supervisor (or admin) member of the
    handling unit, or its claim holder. The owner's tools (no officer) may."""
    actor = work.actor
    if actor is None:
        return
    supervises = actor.officer.role in (Role.SUPERVISOR, Role.ADMIN) and current.unit in actor.officer.unit_codes
    if not (supervises or current.claim.holder == actor.login):
        raise NotPermitted(
            f"only a supervisor of unit {current.unit} or the officer holding {current.tracking_no} may share it"
        )


def _officer(work: Work, login: str) -> Any:
    found = work.conn.execute(
        select(officer.c.id, officer.c.login, officer.c.name, officer.c.active).where(officer.c.login == login)
    ).first()
    if found is None:
        raise NotFound(f"no officer with login {login!r}")
    return found


def _bump(work: Work, ticket_id: UUID) -> None:
    """A change of who reads the ticket is a change of the ticket: the next pull sends it (with its content
    or without) to every client that mirrors it."""
    work.conn.execute(
        update(ticket).where(ticket.c.id == ticket_id).values(row_version=ticket.c.row_version + 1, change_seq=work.seq)
    )


def _shares(work: Work, ticket_id: UUID, officer_id: int | None = None) -> list[Share]:
    query = (
        select(
            ticket_share.c.ticket_id,
            ticket.c.tracking_no,
            officer.c.login,
            officer.c.name,
            sharer.c.login.label("shared_by"),
            ticket_share.c.created_at,
        )
        .join(ticket, ticket.c.id == ticket_share.c.ticket_id)
        .join(officer, officer.c.id == ticket_share.c.officer_id)
        .outerjoin(sharer, sharer.c.id == ticket_share.c.shared_by)
        .where(ticket_share.c.ticket_id == ticket_id)
        .order_by(ticket_share.c.created_at, officer.c.login)
    )
    if officer_id is not None:
        query = query.where(ticket_share.c.officer_id == officer_id)
    return [Share(*row) for row in work.conn.execute(query)]


def share_ticket(work: Work, ticket_id: UUID, login: str) -> Share:
    """Let officer ``login`` read confidential report ``ticket_id``; sharing it again changes nothing."""
    current = read_ticket(work, ticket_id)
    _may_manage(work, current)
    if current.reporter is None or not current.reporter.confidential:
        raise BadInput(f"{current.tracking_no} is not confidential: every officer who sees it reads it already")
    target = _officer(work, login)
    if not target.active:
        raise BadInput(f"officer {login!r} is deactivated")
    in_unit = work.conn.execute(
        select(membership.c.officer_id)
        .join(ticket, ticket.c.unit_id == membership.c.unit_id)
        .where(ticket.c.id == ticket_id, membership.c.officer_id == target.id)
    ).first()
    if in_unit is not None:
        raise BadInput(f"{login} is a member of unit {current.unit} and reads {current.tracking_no} already")
    existing = _shares(work, ticket_id, target.id)
    if existing:
        return existing[0]
    try:
        with work.conn.begin_nested():
            work.conn.execute(
                insert(ticket_share).values(
                    ticket_id=ticket_id,
                    officer_id=target.id,
                    shared_by=work.actor.id if work.actor else None,
                    created_at=work.now,
                )
            )
    except IntegrityError:  # shared by someone else at the same moment: one share
        return _shares(work, ticket_id, target.id)[0]
    _bump(work, ticket_id)
    work.audit("share", ticket_id, officer=login)
    return _shares(work, ticket_id, target.id)[0]


def unshare_ticket(work: Work, ticket_id: UUID, login: str) -> Share:
    """Revoke the share of ``ticket_id`` with officer ``login``; returns the share that ended."""
    current = read_ticket(work, ticket_id)
    _may_manage(work, current)
    target = _officer(work, login)
    existing = _shares(work, ticket_id, target.id)
    if not existing:
        raise NotFound(f"{current.tracking_no} is not shared with {login}")
    work.conn.execute(
        delete(ticket_share).where(ticket_share.c.ticket_id == ticket_id, ticket_share.c.officer_id == target.id)
    )
    _bump(work, ticket_id)
    work.audit("unshare", ticket_id, officer=login)
    return existing[0]


def list_shares(work: Work, ticket_id: UUID) -> list[Share]:
    """Whom the ticket is shared with; anyone who sees the ticket may ask (officers' logins only, no content)."""
    read_ticket(work, ticket_id)
    return _shares(work, ticket_id)
