"""Row-level claims: leases stored on the ticket row, fenced by a token that rises on every change.

Each acquire is one conditional UPDATE (held by nobody, by me, or expired by the server's clock) that also
takes the lease length from the unit and the expiry from the database server's clock; it succeeds when it
changed the row. Claim, renew and release — the hot changes: every officer claims, the heartbeat renews every
live lease — take the fewest statements each engine allows (``_ClaimChange``): one on PostgreSQL (UPDATE,
audit row and the ticket back in one data-modifying CTE). The engines' texts differ there (DESIGN.md: "one
statement with RETURNING where the engine …"), the conditions do not. Nothing here SELECTs and then decides
to UPDATE: reads happen only to explain a refusal, to take over, and on MariaDB to read back the ticket.

The statements are built once, with bind parameters: claims are the hottest path of the system, and
rebuilding a statement costs more client time than sending it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NoReturn
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    Boolean,
    Integer,
    Select,
    String,
    Update,
    bindparam,
    insert,
    literal,
    not_,
    null,
    or_,
    select,
    update,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.dml import ReturningUpdate
from sqlalchemy.sql.expression import FunctionElement

from ..domain.claims import STEAL_REASON_MIN_CHARS
from ..domain.entities import Ticket
from ..domain.errors import BadInput, HeldByOther, LostClaim, NotFound, NotHolder, NotPermitted
from ..domain.status import CLOSED
from .changes import TransactionStamp, uses_transaction_ids
from .clock import ServerNow
from .confidentiality import CONTENT_VISIBLE, viewer
from .identity import Actor
from .rows import holder, ticket_select, to_ticket
from .schema import Timestamp, event, reporter, ticket, unit
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


class ClaimNow(FunctionElement[datetime]):
    """The server's clock, one value however often a statement names it (``clock.ServerNow`` is read afresh
    at every mention on PostgreSQL): the acquire compares the lease with it and stamps the row with it."""

    type = Timestamp
    inherit_cache = True


class LeaseEnd(FunctionElement[datetime]):
    """``ClaimNow`` plus the given number of seconds."""

    type = Timestamp
    inherit_cache = True


class StoredText(FunctionElement[str]):
    """A timestamp as ``str(datetime)`` writes it, the form ``Work.audit`` stores in an event's detail."""

    type = String()
    inherit_cache = True


_PG_NOW = "timezone('UTC', statement_timestamp())"
# SQLite's 'now' is one value within a statement; six digits of fraction, as a bound datetime is stored, so
# that the lease ends the acquire writes compare with the ones other writes bind.
_SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now'{}) || '000'"


@compiles(ClaimNow, "postgresql")
def _claim_now_postgresql(_element: ClaimNow, _compiler: Any, **_kw: Any) -> str:
    return _PG_NOW


@compiles(ClaimNow, "mariadb")
@compiles(ClaimNow, "mysql")
def _claim_now_mariadb(_element: ClaimNow, _compiler: Any, **_kw: Any) -> str:
    return "UTC_TIMESTAMP(6)"  # the time the statement started


@compiles(ClaimNow, "sqlite")
def _claim_now_sqlite(_element: ClaimNow, _compiler: Any, **_kw: Any) -> str:
    return _SQLITE_NOW.format("")


@compiles(LeaseEnd, "postgresql")
def _lease_end_postgresql(element: LeaseEnd, compiler: Any, **kw: Any) -> str:
    return f"{_PG_NOW} + ({compiler.process(element.clauses, **kw)}) * interval '1 second'"


@compiles(LeaseEnd, "mariadb")
@compiles(LeaseEnd, "mysql")
def _lease_end_mariadb(element: LeaseEnd, compiler: Any, **kw: Any) -> str:
    return f"UTC_TIMESTAMP(6) + INTERVAL ({compiler.process(element.clauses, **kw)}) SECOND"


@compiles(LeaseEnd, "sqlite")
def _lease_end_sqlite(element: LeaseEnd, compiler: Any, **kw: Any) -> str:
    return _SQLITE_NOW.format(f", '+' || ({compiler.process(element.clauses, **kw)}) || ' seconds'")


@compiles(StoredText, "postgresql")
def _stored_text_postgresql(element: StoredText, compiler: Any, **kw: Any) -> str:
    at = compiler.process(element.clauses, **kw)
    # Python leaves the fraction out when it is zero.
    return (
        f"to_char({at}, 'YYYY-MM-DD HH24:MI:SS') || "
        f"CASE WHEN date_trunc('second', {at}) = {at} THEN '' ELSE to_char({at}, '.US') END"
    )


_LEASE_SECONDS = select(unit.c.lease_seconds).where(unit.c.id == ticket.c.unit_id).scalar_subquery()
# What the acting officer may see (``Actor.may_see``), with ``visible_units`` as parameters.
_SEEN = or_(
    bindparam("sees_all", 0, type_=Integer) == 1,
    ticket.c.unit_id.in_(bindparam("visible_units", [], expanding=True)),
)
# What ``to_ticket`` reads, from the row as the change left it (each column returned costs client time in the
# driver, so only these and the stamps).
_TO_TICKET = (
    "id tracking_no kind category priority status channel subject reporter_id claimed_by claim_device claim_token "
    "claim_expires_at first_response_due_at due_at master_id row_version change_seq created_at updated_at"
)
_RETURNED: tuple[Any, ...] = (
    *(ticket.c[name] for name in _TO_TICKET.split()),
    select(unit.c.code).where(unit.c.id == ticket.c.unit_id).scalar_subquery().label("unit_code"),
    select(holder.c.login).where(holder.c.id == ticket.c.claimed_by).scalar_subquery().label("holder_login"),
    *(
        select(column).where(reporter.c.id == ticket.c.reporter_id).scalar_subquery().label(f"reporter_{column.name}")
        for column in (reporter.c.name, reporter.c.anonymous, reporter.c.confidential)
    ),
    not_(CONTENT_VISIBLE).label("content_withheld"),
)
_STAMPED = {"row_version": ticket.c.row_version + 1, "change_seq": bindparam("seq"), "updated_at": ClaimNow()}
_HELD_BY_ME = (ticket.c.claimed_by == bindparam("me"), ticket.c.claim_token == bindparam("token"))
_FOUND = (ticket.c.id == bindparam("ticket_id"), ticket.c.deleted_at.is_(None), _SEEN)


@dataclass(frozen=True)
class _ClaimChange:
    """A change of a ticket's claim with its audit row, in the fewest statements each engine allows:
    - PostgreSQL: one (a data-modifying CTE: the UPDATE, the audit INSERT, the ticket back);
    - SQLite: ``UPDATE … RETURNING`` the ticket, then the audit row;
    - MariaDB (10.11 has INSERT/DELETE … RETURNING but no ``UPDATE … RETURNING``): the UPDATE checked by its row
      count, the ticket read back, the audit row.
    The audit row is the one ``Work.audit`` writes: ``detail`` holds the lease end when ``audits_expiry``."""

    action: str
    plain: Update
    returning: ReturningUpdate[Any]
    audited: Select[Any]
    audits_expiry: bool

    @classmethod
    def of(cls, action: str, where: tuple[Any, ...], values: dict[str, Any], audits_expiry: bool) -> _ClaimChange:
        plain = update(ticket).where(*where).values(values)
        changed = (
            update(ticket)
            .where(*where)
            .values(dict(values, change_seq=TransactionStamp()))
            .returning(*_RETURNED)
            .cte("changed")
        )
        detail = (
            literal('{"expires_at": "') + StoredText(changed.c.claim_expires_at) + literal('"}')
            if audits_expiry
            else null()
        )
        # The token the action was made under: the new one for a claim, the one given for the others.
        token = changed.c.claim_token if action == "claim" else bindparam("token", type_=BigInteger)
        audit = insert(event).from_select(
            [
                "ticket_id",
                "officer_id",
                "action",
                "claim_token",
                "online",
                "device",
                "detail",
                "change_seq",
                "created_at",
            ],
            select(
                changed.c.id,
                bindparam("me", type_=Integer),
                literal(action),
                token,
                bindparam("online", type_=Boolean),
                bindparam("device", type_=String),
                detail,
                changed.c.change_seq,
                changed.c.updated_at,
            ),
        )
        audited = select(changed).add_cte(audit.cte("audit"))
        return cls(action, plain, plain.returning(*_RETURNED), audited, audits_expiry)

    def apply(self, work: Work, ticket_id: UUID, token: int | None = None) -> Ticket | None:
        """The ticket as changed, or None when the conditions matched no row (nothing was written)."""
        assert work.actor is not None
        params = {
            "ticket_id": ticket_id,
            "me": work.actor.id,
            "device": work.device,
            "token": token,
            **viewer(work.actor),
            **visible_units(work.actor),
        }
        dialect = work.conn.dialect.name
        if dialect == "postgresql":
            row = work.conn.execute(self.audited, dict(params, online=work.online)).first()
        elif dialect == "sqlite":
            row = work.conn.execute(self.returning, dict(params, seq=work.seq)).first()
        elif work.conn.execute(self.plain, dict(params, seq=work.seq)).rowcount == 1:
            row = work.conn.execute(_TICKET, {"ticket_id": ticket_id, **viewer(work.actor)}).first()
        else:
            row = None
        if row is None:
            return None
        work.prime(row.updated_at, row.change_seq)
        changed = to_ticket(row)
        if dialect != "postgresql":  # there the statement wrote it
            audited_token = changed.claim.token if token is None else token
            detail = {"expires_at": changed.claim.expires_at} if self.audits_expiry else {}
            work.audit(self.action, ticket_id, audited_token, **detail)
        return changed


_ACQUIRE = _ClaimChange.of(
    "claim",
    (
        *_FOUND,
        CONTENT_VISIBLE,  # a claim hands over the content: see ``lease_for``
        or_(
            ticket.c.claimed_by.is_(None),
            ticket.c.claimed_by == bindparam("me"),
            ticket.c.claim_expires_at < ClaimNow(),
        ),
    ),
    dict(_CLAIMED_VALUES, claim_expires_at=LeaseEnd(_LEASE_SECONDS), **_STAMPED),
    audits_expiry=True,
)
# The heartbeat renews every live lease: as hot as claiming, and the same shape (``fenced_update`` for the rest).
_RENEW = _ClaimChange.of(
    "renew", (*_FOUND, *_HELD_BY_ME), dict(claim_expires_at=LeaseEnd(_LEASE_SECONDS), **_STAMPED), audits_expiry=True
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
    claimed = _ACQUIRE.apply(work, ticket_id)
    if claimed is None:
        _explain_refusal(work, ticket_id)
    return claimed


def visible_units(actor: Actor) -> dict[str, Any]:
    """The bind parameters of ``_SEEN``: the units whose tickets the officer may see."""
    units = actor.visible_unit_ids
    return {"sees_all": int(units is None), "visible_units": sorted(units or ())}


def _explain_refusal(work: Work, ticket_id: UUID) -> NoReturn:
    """Why the acquire matched no row: NotFound, NotPermitted (``lease_for``), or HeldByOther."""
    lease_for(work, ticket_id, claiming=True)
    _raise_held(work, ticket_id)


def _raise_held(work: Work, ticket_id: UUID) -> NoReturn:
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
    renewed = _RENEW.apply(work, ticket_id, token)
    if renewed is None:
        _explain_lost(work, ticket_id, token)
    return renewed


def release(work: Work, ticket_id: UUID, token: int) -> Ticket:
    freed = _RELEASE.apply(work, ticket_id, token)
    if freed is None:
        _explain_lost(work, ticket_id, token)
    return freed


def _explain_lost(work: Work, ticket_id: UUID, token: int) -> NoReturn:
    """Why a renew or release matched no row: NotFound (``lease_for``) or LostClaim, as ``fenced_update`` says."""
    lease_for(work, ticket_id)
    current = read_ticket(work, ticket_id)
    who = current.claim.holder or "nobody"
    raise LostClaim(
        f"claim token {token} on {current.tracking_no} is no longer valid "
        f"(now token {current.claim.token}, held by {who})"
    )


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


_RELEASE = _ClaimChange.of("release", (*_FOUND, *_HELD_BY_ME), dict(released(), **_STAMPED), audits_expiry=False)


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
