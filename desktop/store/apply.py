"""Apply an officer's queued operation exactly once, recording its outcome with its effect.

``apply_op`` runs inside the one transaction of ``Store.write``:
1. an op id already in ``applied_op`` returns the stored outcome (a retry after a lost acknowledgement);
2. otherwise the operation runs inside a savepoint; a domain refusal rolls the savepoint back and is
   recorded as the outcome, so a rejection is final and never retried;
3. work on a ticket whose claim was lost is not dropped: a note is kept (marked as added offline when it
   was), a reply, status change or transfer becomes a hand-over item for the current holder;
4. the op id and its outcome are inserted last, in the same transaction as the effect.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, insert, select
from uuid6 import uuid7

from ..domain.entities import Ticket
from ..domain.errors import AduanError, BadInput, LostClaim, NotHolder, Unreachable
from ..domain.operations import Op, OpKind, Outcome, OutcomeState
from ..domain.status import Status
from ..domain.vocabulary import Channel, Kind, Priority
from . import claims, discussions, handling, handovers, tickets
from .schema import applied_op, handover_item, ticket
from .work import Work


def stored_outcome(conn: Connection, op_id: UUID) -> Outcome | None:
    row = conn.execute(select(applied_op.c.outcome, applied_op.c.result).where(applied_op.c.op_id == op_id)).first()
    return None if row is None else Outcome.from_json(op_id, row.outcome, row.result)


def apply_op(work: Work, op: Op) -> Outcome:
    assert work.actor is not None
    done = stored_outcome(work.conn, op.op_id)
    if done is not None:
        return done
    work.online = not op.offline
    # An offline op's wait for the network is recorded on the clocks it stops, never after now.
    work.made_at = min(op.made_at, work.now) if op.offline and op.made_at is not None else None
    # The change stamp is taken before the savepoint: a stamp rolled back with it would be handed out
    # again to another transaction, and two commits sharing a stamp would break the pull cursor.
    _ = work.seq
    try:
        with work.conn.begin_nested():
            outcome = Outcome(op.op_id, OutcomeState.APPLIED, result=_APPLY[op.kind](work, op))
    except (LostClaim, NotHolder) as exc:
        outcome = _keep_lost_work(work, op, exc)
    except Unreachable:
        raise
    except AduanError as exc:
        outcome = Outcome(op.op_id, OutcomeState.REJECTED, exc.code, exc.message)
    work.conn.execute(
        insert(applied_op).values(
            op_id=op.op_id,
            officer_id=work.actor.id,
            outcome=outcome.state.value,
            result=outcome.to_json(),
            applied_at=work.now,
        )
    )
    return outcome


def _keep_lost_work(work: Work, op: Op, lost: AduanError) -> Outcome:
    if op.kind is OpKind.NOTE:
        note = handling.add_note(
            work, op.ticket, op.payload["text"], added_offline=op.offline, note_id=_uuid(op.payload.get("note_id"))
        )
        return Outcome(op.op_id, OutcomeState.APPLIED, lost.code, lost.message, {"note_id": str(note.id)})
    if not op.kind.hands_over:
        return Outcome(op.op_id, OutcomeState.REJECTED, lost.code, lost.message)
    assert work.actor is not None
    holder_id = work.conn.execute(select(ticket.c.claimed_by).where(ticket.c.id == op.ticket)).scalar()
    item_id = uuid7()
    work.conn.execute(
        insert(handover_item).values(
            id=item_id,
            ticket_id=op.ticket,
            from_officer_id=work.actor.id,
            to_officer_id=holder_id,
            op_id=op.op_id,
            kind=op.kind.value,
            payload=json.dumps(op.payload, ensure_ascii=False),
            change_seq=work.seq,
            created_at=work.now,
        )
    )
    work.audit("handover", op.ticket, op.token, kind=op.kind.value, item_id=item_id, reason=lost.code)
    return Outcome(op.op_id, OutcomeState.HANDED_OVER, lost.code, lost.message, {"handover_id": str(item_id)})


def _uuid(raw: Any) -> UUID | None:
    return UUID(str(raw)) if raw else None


def _token(op: Op) -> int:
    if op.token is None:
        raise NotHolder("the operation was made without a claim on the ticket")
    return op.token


def ticket_result(t: Ticket) -> dict[str, Any]:
    return {
        "ticket_id": str(t.id),
        "tracking_no": t.tracking_no,
        "status": t.status.value,
        "unit": t.unit,
        "holder": t.claim.holder,
        "token": t.claim.token,
        "expires_at": t.claim.expires_at.isoformat() if t.claim.expires_at else None,
    }


def _create(work: Work, op: Op) -> dict[str, Any]:
    p = op.payload
    try:
        spec = tickets.NewTicket(
            unit=p["unit"],
            kind=Kind(p["kind"]),
            channel=Channel(p["channel"]),
            subject=p["subject"],
            body=p["body"],
            priority=Priority(int(p.get("priority", Priority.SEDANG))),
            category=p.get("category"),
            reporter_name=p.get("reporter_name"),
            reporter_contact=p.get("reporter_contact"),
            anonymous=bool(p.get("anonymous", False)),
            confidential=bool(p.get("confidential", False)),
            external_id=p.get("external_id"),
            ticket_id=op.ticket,
        )
    except (KeyError, ValueError) as exc:
        raise BadInput(f"malformed new-ticket operation: {exc}") from None
    return ticket_result(tickets.create_ticket(work, spec))


def _claim(work: Work, op: Op) -> dict[str, Any]:
    return ticket_result(claims.claim(work, op.ticket))


def _renew(work: Work, op: Op) -> dict[str, Any]:
    return ticket_result(claims.renew(work, op.ticket, _token(op)))


def _release(work: Work, op: Op) -> dict[str, Any]:
    return ticket_result(claims.release(work, op.ticket, _token(op)))


def _steal(work: Work, op: Op) -> dict[str, Any]:
    return ticket_result(handling.take_over(work, op.ticket, str(op.payload.get("reason", ""))))


def _reply(work: Work, op: Op) -> dict[str, Any]:
    message_id = handling.reply(
        work,
        op.ticket,
        _token(op),
        op.payload["text"],
        op_id=op.op_id,
        message_id=_uuid(op.payload.get("message_id")),
    )
    return {**ticket_result(claims.read_ticket(work, op.ticket)), "message_id": str(message_id)}


def _note(work: Work, op: Op) -> dict[str, Any]:
    note = handling.add_note(
        work,
        op.ticket,
        op.payload["text"],
        op.token,
        added_offline=op.offline,
        note_id=_uuid(op.payload.get("note_id")),
    )
    return {"note_id": str(note.id), "mentions": list(note.mentions)}


def _status(work: Work, op: Op) -> dict[str, Any]:
    try:
        target = Status(op.payload["status"])
    except (KeyError, ValueError):
        raise BadInput(f"unknown status {op.payload.get('status')!r}") from None
    return ticket_result(handling.change_status(work, op.ticket, _token(op), target))


def _transfer(work: Work, op: Op) -> dict[str, Any]:
    moved = handling.transfer(work, op.ticket, _token(op), op.payload["unit"], op.payload.get("reason"))
    return ticket_result(moved)


def _required_uuid(op: Op, key: str) -> UUID:
    try:
        return UUID(str(op.payload[key]))
    except (KeyError, ValueError):
        raise BadInput(f"malformed {op.kind.value} operation: {key} {op.payload.get(key)!r}") from None


def _post_result(made: discussions.Post) -> dict[str, Any]:
    return {"discussion_id": str(made.discussion_id), "post_id": str(made.id), "mentions": list(made.mentions)}


def _discuss(work: Work, op: Op) -> dict[str, Any]:
    p = op.payload
    made = discussions.start_discussion(
        work,
        _required_uuid(op, "discussion_id"),
        str(p.get("unit", "")),
        str(p.get("title", "")),
        str(p.get("body", "")),
        _required_uuid(op, "post_id"),
        ticket_id=_required_uuid(op, "ticket_id") if p.get("ticket_id") else None,
    )
    return _post_result(made)


def _post(work: Work, op: Op) -> dict[str, Any]:
    made = discussions.post(
        work, _required_uuid(op, "post_id"), _required_uuid(op, "discussion_id"), str(op.payload.get("body", ""))
    )
    return _post_result(made)


def _resolve_handover(work: Work, op: Op) -> dict[str, Any]:
    done = handovers.resolve_handover(work, _required_uuid(op, "item_id"), bool(op.payload.get("accepted")))
    return {
        "item_id": str(done.item_id),
        "ticket_id": str(done.ticket_id),
        "accepted": done.accepted,
        "resolved_at": done.resolved_at.isoformat(),
        "already": done.already,
    }


_APPLY: dict[OpKind, Callable[[Work, Op], dict[str, Any]]] = {
    OpKind.CREATE: _create,
    OpKind.CLAIM: _claim,
    OpKind.RENEW: _renew,
    OpKind.RELEASE: _release,
    OpKind.STEAL: _steal,
    OpKind.REPLY: _reply,
    OpKind.NOTE: _note,
    OpKind.STATUS: _status,
    OpKind.TRANSFER: _transfer,
    OpKind.DISCUSS: _discuss,
    OpKind.POST: _post,
    OpKind.RESOLVE_HANDOVER: _resolve_handover,
}
