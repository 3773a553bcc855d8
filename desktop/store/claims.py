"""Row-level claims: leases stored on the ticket row, fenced by a token that rises on every change.

Each acquire is one conditional UPDATE checked by its rowcount, the same text on every engine; the
lease's expiry comes from the database server's clock. Nothing here SELECTs and then decides to UPDATE:
reads happen only to learn the lease length and to explain a refusal.

The statements are built once, with bind parameters: claims are the hottest path of the system, and
rebuilding a statement costs more client time than sending it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import bindparam, or_, select, update

from ..domain.claims import STEAL_REASON_MIN_CHARS
from ..domain.entities import Ticket
from ..domain.errors import BadInput, HeldByOther, LostClaim, NotFound, NotHolder, NotPermitted
from ..domain.status import CLOSED
from .changes import TransactionStamp, uses_transaction_ids
from .clock import ServerNow
from .confidentiality import CONTENT_VISIBLE, viewer
from .rows import ticket_select, to_ticket
from .schema import ticket, unit
from .work import Work

_LEASE = (
    select(ServerNow().label("now"), ticket.c.unit_id, unit.c.lease_seconds, CONTENT_VISIBLE.label("readable"))
    .join(unit, unit.c.id == ticket.c.unit_id)
    .where(ticket.c.id == bindparam("ticket_id"), ticket.c.deleted_at.is_(None))
)
# On PostgreSQL the change stamp comes in the same round trip.
_LEASE_WITH_STAMP = _LEASE.add_columns(TransactionStamp().label("seq"))

_TICKET = ticket_select().where(ticket.c.id == bindparam("ticket_id"), ticket.c.deleted_at.is_(None))

_CLAIMED_VALUES = {
    "claimed_by": bindparam("me"),
    "claim_device": bindparam("device"),
    "claim_token": ticket.c.claim_token + 1,
    "claim_expires_at": bindparam("expires_at"),
    "row_version": ticket.c.row_version + 1,
    "change_seq": bindparam("seq"),
    "updated_at": bindparam("now"),
    # A claim taken (or taken over) is the taker's own: an assignment it replaces is over.
    "assigned_by": None,
    "assigned_at": None,
}
_ACQUIRE = (
    update(ticket)
    .where(
        ticket.c.id == bindparam("ticket_id"),
        ticket.c.deleted_at.is_(None),
        or_(
            ticket.c.claimed_by.is_(None),
            ticket.c.claimed_by == bindparam("me"),
            ticket.c.claim_expires_at < bindparam("now"),
        ),
    )
    .values(_CLAIMED_VALUES)
)
_TAKE_OVER = update(ticket).where(ticket.c.id == bindparam("ticket_id")).values(_CLAIMED_VALUES)


def lease_for(work: Work, ticket_id: UUID, claiming: bool = False) -> timedelta:
    """The lease length of the ticket's unit; NotFound when the officer may not see the ticket.

    ``claiming``: NotPermitted when the ticket is a confidential report whose content the officer may not
    read (``confidentiality.py``): a claim would hand them the content, so a supervisor of a parent unit
    cannot read a report by claiming or taking it over.

    The same round trip reads the server's clock (and on PostgreSQL the change stamp) for ``work``.
    """
    query = _LEASE_WITH_STAMP if uses_transaction_ids(work.conn) else _LEASE
    row = work.conn.execute(query, {"ticket_id": ticket_id, **viewer(work.actor)}).first()
    if row is None or (work.actor is not None and not work.actor.may_see(row.unit_id)):
        raise NotFound(f"no ticket {ticket_id} that you may see")
    if claiming and not row.readable:
        raise NotPermitted(
            f"ticket {ticket_id} is a confidential report: only its handling unit, or an officer it was shared "
            "with, may claim it"
        )
    work.prime(row.now, getattr(row, "seq", None))
    return timedelta(seconds=int(row.lease_seconds))


def read_ticket(work: Work, ticket_id: UUID, visible_only: bool = True) -> Ticket:
    """The ticket as the acting officer may see it, or NotFound (an invisible ticket is not found): a ticket of
    their units (a supervisor's: and below), or a confidential report whose content they may read outside them
    (shared with them, or held: ``confidentiality.py``)."""
    row = work.conn.execute(_TICKET, {"ticket_id": ticket_id, **viewer(work.actor)}).first()
    readable_elsewhere = row is not None and bool(row.reporter_confidential) and not row.content_withheld
    if row is None or (
        visible_only and work.actor is not None and not work.actor.may_see(row.unit_id) and not readable_elsewhere
    ):
        raise NotFound(f"no ticket {ticket_id} that you may see")
    return to_ticket(row)


def _claim_params(work: Work, ticket_id: UUID) -> dict[str, Any]:
    assert work.actor is not None
    lease = lease_for(work, ticket_id, claiming=True)
    return {
        "ticket_id": ticket_id,
        "me": work.actor.id,
        "device": work.device,
        "expires_at": work.now + lease,
        "seq": work.seq,
        "now": work.now,
    }


def claim(work: Work, ticket_id: UUID) -> Ticket:
    params = _claim_params(work, ticket_id)
    if work.conn.execute(_ACQUIRE, params).rowcount != 1:
        _raise_held(work, ticket_id)
    claimed = read_ticket(work, ticket_id)
    work.audit("claim", ticket_id, claimed.claim.token, expires_at=params["expires_at"])
    return claimed


def _raise_held(work: Work, ticket_id: UUID) -> None:
    held = read_ticket(work, ticket_id).claim
    if held.holder is None or held.expires_at is None:
        # Released between our UPDATE and this read: report the refusal without inventing a holder.
        raise HeldByOther("another officer", work.now)
    raise HeldByOther(held.holder, held.expires_at)


def held_token(work: Work, ticket_id: UUID) -> int:
    """The token of the acting officer's live claim, for callers that did not keep the one they got."""
    assert work.actor is not None
    current = read_ticket(work, ticket_id)
    if current.claim.holder == work.actor.login:
        return current.claim.token
    if current.claim.held_at(work.now):
        assert current.claim.holder is not None and current.claim.expires_at is not None
        raise HeldByOther(current.claim.holder, current.claim.expires_at)
    raise NotHolder(f"you do not hold ticket {current.tracking_no}: claim it first")


def fenced_update(
    work: Work, ticket_id: UUID, token: int, values: dict[str, Any], renew: bool = True, acting: bool = True
) -> None:
    """Apply ``values`` to a ticket only while the acting officer still holds it under ``token``.

    ``acting``: the holder works on the ticket (anything but a bare renewal): an assignment they had not
    acted on yet is acknowledged (``store/assignment.py``).

    An expired lease that nobody took since still carries the same token, so the write is accepted and
    the lease renewed: work done late is not thrown away when nobody else stepped in.
    """
    assert work.actor is not None
    lease = lease_for(work, ticket_id)
    values = dict(values, row_version=ticket.c.row_version + 1, change_seq=work.seq, updated_at=work.now)
    if acting:
        values.setdefault("assigned_by", None)
        values.setdefault("assigned_at", None)
    if renew and "claim_expires_at" not in values:
        values["claim_expires_at"] = work.now + lease
    applied = work.conn.execute(
        update(ticket)
        .where(
            ticket.c.id == ticket_id,
            ticket.c.deleted_at.is_(None),
            ticket.c.claimed_by == work.actor.id,
            ticket.c.claim_token == token,
        )
        .values(**values)
    ).rowcount
    if applied != 1:
        current = read_ticket(work, ticket_id)
        who = current.claim.holder or "nobody"
        raise LostClaim(
            f"claim token {token} on {current.tracking_no} is no longer valid "
            f"(now token {current.claim.token}, held by {who})"
        )


def renew(work: Work, ticket_id: UUID, token: int) -> Ticket:
    fenced_update(work, ticket_id, token, {}, acting=False)  # the heartbeat renews: that is not acting
    renewed = read_ticket(work, ticket_id)
    work.audit("renew", ticket_id, token, expires_at=renewed.claim.expires_at)
    return renewed


def release(work: Work, ticket_id: UUID, token: int) -> Ticket:
    fenced_update(work, ticket_id, token, released(), renew=False)
    work.audit("release", ticket_id, token)
    return read_ticket(work, ticket_id)


def released() -> dict[str, Any]:
    """The values that end a claim; the token rises so that the last holder's token is dead."""
    return {
        "claimed_by": None,
        "claim_device": None,
        "claim_expires_at": None,
        "claim_token": ticket.c.claim_token + 1,
        "assigned_by": None,
        "assigned_at": None,
    }


def steal(work: Work, ticket_id: UUID, reason: str) -> tuple[Ticket, str | None]:
    """A supervisor takes over a claim; returns the ticket and the login of the previous holder."""
    assert work.actor is not None
    if not work.actor.officer.role.may_steal:
        raise NotPermitted("only supervisors and admins may take over a claim")
    reason = " ".join(reason.split())
    if len(reason) < STEAL_REASON_MIN_CHARS:
        raise BadInput(f"a reason of at least {STEAL_REASON_MIN_CHARS} characters is required to take over")
    before = read_ticket(work, ticket_id)
    work.conn.execute(_TAKE_OVER, _claim_params(work, ticket_id))
    after = read_ticket(work, ticket_id)
    previous = before.claim.holder if before.claim.holder != work.actor.login else None
    work.audit("steal", ticket_id, after.claim.token, previous_holder=previous, reason=reason)
    return after, previous


def pick_next(work: Work) -> Ticket:
    """Claim the open ticket in the officer's units that is due first (then highest priority, oldest).

    On PostgreSQL ``FOR UPDATE SKIP LOCKED`` keeps racing pickers off each other's candidate; correctness
    rests on the conditional UPDATE alone, so a lost race just moves on to the next one. Not on MariaDB:
    it sorts before applying LIMIT and so locks every candidate, and a second picker would find "nothing
    to pick" while tickets are open; there pickers queue on the change counter instead.
    """
    assert work.actor is not None
    if not work.actor.unit_ids:
        raise NotFound("you are not a member of any unit")
    # Take the change stamp before locking a candidate: every writer locks the counter row first and the
    # ticket row second, so that pickers and claimers never wait for each other in a cycle.
    _ = work.seq
    lockable = work.conn.dialect.name == "postgresql"
    for _attempt in range(20):
        candidates = (
            select(ticket.c.id)
            .where(
                ticket.c.unit_id.in_(sorted(work.actor.unit_ids)),
                ticket.c.status.not_in([s.value for s in CLOSED]),
                ticket.c.deleted_at.is_(None),
                or_(ticket.c.claimed_by.is_(None), ticket.c.claim_expires_at < work.now),
            )
            .order_by(
                ticket.c.due_at.is_(None),
                ticket.c.due_at,
                ticket.c.priority.desc(),
                ticket.c.created_at,
                ticket.c.id,
            )
            .limit(1)
        )
        if lockable:
            candidates = candidates.with_for_update(skip_locked=True)
        ticket_id = work.conn.execute(candidates).scalar()
        if ticket_id is None:
            raise NotFound("nothing to pick: no unclaimed open ticket in your units")
        try:
            return claim(work, ticket_id)
        except HeldByOther:
            continue
    raise NotFound("nothing to pick: every candidate was taken while trying")
