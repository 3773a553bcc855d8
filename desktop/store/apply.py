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
from sqlalchemy.exc import IntegrityError

from ..domain.entities import Ticket
from ..domain.errors import AduanError, BadInput, LostClaim, NotFound, NotHolder, NotPermitted, Unreachable
from ..domain.operations import Op, OpKind, Outcome, OutcomeState
from ..domain.properties import change_of
from ..domain.status import Status
from ..domain.vocabulary import Channel, Kind, Priority
from . import assignment, claims, discussions, disposition, handling, handovers, linking, referrals, scans, tickets
from .clock import server_now
from .identity import Actor
from .properties import set_properties
from .schema import applied_op, ticket
from .work import Work


def stored_outcome(conn: Connection, op_id: UUID, actor: Actor) -> Outcome | None:
    """The recorded outcome of an operation the officer pushed before. An operation id is the officer's own:
    another officer's (guessed or replayed) is refused, and its outcome is not told."""
    row = conn.execute(
        select(applied_op.c.outcome, applied_op.c.result, applied_op.c.officer_id).where(applied_op.c.op_id == op_id)
    ).first()
    if row is None:
        return None
    if row.officer_id != actor.id:
        raise NotPermitted(f"operation {op_id} was made by another officer")
    return Outcome.from_json(op_id, row.outcome, row.result)


# The ledger also keeps what the server answered to a command (``server/commands.py``) sent with an
# idempotency key, so that a retry after a lost answer is told the same instead of doing it twice.
COMMAND_OUTCOME = "command"


def command_result(conn: Connection, key: UUID, actor: Actor) -> Any | None:
    """The answer recorded for the officer's command ``key`` (JSON), or None if there is none."""
    row = conn.execute(
        select(applied_op.c.outcome, applied_op.c.result, applied_op.c.officer_id).where(applied_op.c.op_id == key)
    ).first()
    if row is None:
        return None
    if row.officer_id != actor.id or row.outcome != COMMAND_OUTCOME:
        raise NotPermitted(f"request {key} was made by another officer")
    return json.loads(row.result)


def record_command_result(conn: Connection, key: UUID, actor: Actor, answer: Any) -> None:
    """Keep the answer to the officer's command ``key``; a retry that raced this one and recorded first wins."""
    try:
        with conn.begin_nested():
            conn.execute(
                insert(applied_op).values(
                    op_id=key,
                    officer_id=actor.id,
                    outcome=COMMAND_OUTCOME,
                    result=json.dumps(answer, ensure_ascii=False),
                    applied_at=server_now(conn),
                )
            )
    except IntegrityError:
        pass


def apply_op(work: Work, op: Op) -> Outcome:
    assert work.actor is not None
    done = stored_outcome(work.conn, op.op_id, work.actor)
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
    _record(work, outcome)
    return outcome


def record_refusal(work: Work, op: Op, refusal: AduanError) -> Outcome:
    """Record an operation refused before it was tried (the server's authorization) as its outcome, like a
    refusal of the store: the client learns it once, and a retry with the same op id gets it again."""
    assert work.actor is not None
    done = stored_outcome(work.conn, op.op_id, work.actor)
    if done is not None:
        return done
    outcome = Outcome(op.op_id, OutcomeState.REJECTED, refusal.code, refusal.message)
    _record(work, outcome)
    return outcome


def _record(work: Work, outcome: Outcome) -> None:
    assert work.actor is not None
    work.conn.execute(
        insert(applied_op).values(
            op_id=outcome.op_id,
            officer_id=work.actor.id,
            outcome=outcome.state.value,
            result=outcome.to_json(),
            applied_at=work.now,
        )
    )


def _keep_lost_work(work: Work, op: Op, lost: AduanError) -> Outcome:
    if op.kind is OpKind.NOTE:
        note = handling.add_note(
            work, op.ticket, op.payload["text"], added_offline=op.offline, note_id=_uuid(op.payload.get("note_id"))
        )
        return Outcome(op.op_id, OutcomeState.APPLIED, lost.code, lost.message, {"note_id": str(note.id)})
    if not op.kind.hands_over:
        return Outcome(op.op_id, OutcomeState.REJECTED, lost.code, lost.message)
    assert work.actor is not None
    try:
        # Work is handed over only on a ticket the officer may see: never planted on another unit's ticket.
        claims.read_ticket(work, op.ticket)
    except NotFound as exc:
        return Outcome(op.op_id, OutcomeState.REJECTED, exc.code, exc.message)
    holder_id = work.conn.execute(select(ticket.c.claimed_by).where(ticket.c.id == op.ticket)).scalar()
    item_id = handovers.record_handover(
        work, op.ticket, holder_id, op.op_id, op.kind.value, op.payload, lost.code, op.token
    )
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
    attached = scans.decode_scans(p.get("attachments"))  # refused before anything is stored
    made = tickets.create_ticket(work, spec)
    scans.attach_scans(work, made.id, attached)
    return ticket_result(made)


def _claim(work: Work, op: Op) -> dict[str, Any]:
    return ticket_result(claims.claim(work, op.ticket))


def _renew(work: Work, op: Op) -> dict[str, Any]:
    return ticket_result(claims.renew(work, op.ticket, _token(op)))


def _pick_next(work: Work, _op: Op) -> dict[str, Any]:
    """Recorded like every operation: asked again with the same op id, it answers with the ticket it took
    instead of taking a second one."""
    return ticket_result(claims.pick_next(work))


def _release(work: Work, op: Op) -> dict[str, Any]:
    return ticket_result(claims.release(work, op.ticket, _token(op)))


def _steal(work: Work, op: Op) -> dict[str, Any]:
    return ticket_result(handling.take_over(work, op.ticket, str(op.payload.get("reason", ""))))


def _assign(work: Work, op: Op) -> dict[str, Any]:
    return assigned_result(assignment.assign(work, op.ticket, str(op.payload.get("officer", ""))))


def assigned_result(done: assignment.Assigned) -> dict[str, Any]:
    return {
        **ticket_result(done.ticket),
        "assignee": done.assignee,
        "assignee_name": done.assignee_name,
        "previous_holder": done.previous_holder,
    }


def _reply(work: Work, op: Op) -> dict[str, Any]:
    message_id = handling.reply(
        work,
        op.ticket,
        _token(op),
        op.payload["text"],
        op_id=op.op_id,
        message_id=_uuid(op.payload.get("message_id")),
        canned=op.payload.get("canned"),
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
    comment = op.payload.get("comment")
    changed = handling.change_status(work, op.ticket, _token(op), target, comment if isinstance(comment, str) else None)
    return ticket_result(changed)


def _set_properties(work: Work, op: Op) -> dict[str, Any]:
    return ticket_result(set_properties(work, op.ticket, _token(op), change_of(op.payload)))


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


def linked_result(done: linking.Linked) -> dict[str, Any]:
    return {
        **ticket_result(done.ticket),
        "master_id": None if done.master_id is None else str(done.master_id),
        "master_tracking_no": done.master_tracking_no,
        "previous_master_id": None if done.previous_master_id is None else str(done.previous_master_id),
    }


def bulk_answer_result(done: linking.BulkAnswer) -> dict[str, Any]:
    return {
        **ticket_result(done.master),
        "message_id": str(done.replies[0].message_id),
        "canned_key": done.canned_key,
        "canned_version": done.canned_version,
        "replies": [
            {
                "ticket_id": str(r.ticket_id),
                "tracking_no": r.tracking_no,
                "message_id": str(r.message_id),
                "claimed": r.claimed,
                "released": r.released,
            }
            for r in done.replies
        ],
        "handed_over": [
            {
                "ticket_id": str(h.ticket_id),
                "tracking_no": h.tracking_no,
                "holder": h.holder,
                "handover_id": str(h.handover_id),
            }
            for h in done.handed_over
        ],
        "skipped": [str(ticket_id) for ticket_id in done.skipped],
    }


def referral_result(r: referrals.Referral) -> dict[str, Any]:
    return {
        "referral_id": str(r.id),
        "ticket_id": str(r.ticket_id),
        "tracking_no": r.tracking_no,
        "subject": r.subject,
        "first_message": r.first_message,
        "reporter_name": r.reporter_name,
        "reporter_anonymous": r.reporter_anonymous,
        "reporter_confidential": r.reporter_confidential,
        "from_unit": r.from_unit,
        "to_unit": r.to_unit,
        "question": r.question,
        "asked_by": r.asked_by,
        "answer": r.answer,
        "answered_by": r.answered_by,
        "answered_at": r.answered_at.isoformat() if r.answered_at else None,
        "note_id": None if r.note_id is None else str(r.note_id),
        "created_at": r.created_at.isoformat(),
    }


def _link(work: Work, op: Op) -> dict[str, Any]:
    return linked_result(linking.link(work, op.ticket, _token(op), _required_uuid(op, "master_id")))


def _unlink(work: Work, op: Op) -> dict[str, Any]:
    return linked_result(linking.unlink(work, op.ticket, _token(op)))


def _merge(work: Work, op: Op) -> dict[str, Any]:
    return linked_result(linking.merge(work, op.ticket, _token(op), _required_uuid(op, "master_id")))


def _bulk_answer(work: Work, op: Op) -> dict[str, Any]:
    p = op.payload
    try:
        version = None if p.get("canned_version") is None else int(p["canned_version"])
    except (TypeError, ValueError):
        raise BadInput(f"malformed bulk answer: canned_version {p.get('canned_version')!r}") from None
    done = linking.bulk_answer(
        work, op.ticket, _token(op), str(p.get("canned_key", "")), version, op.op_id, _uuid(p.get("message_id"))
    )
    return bulk_answer_result(done)


def _return_for_disposition(work: Work, op: Op) -> dict[str, Any]:
    returned = disposition.return_for_disposition(work, op.ticket, _token(op), str(op.payload.get("reason", "")))
    return ticket_result(returned)


def _refer(work: Work, op: Op) -> dict[str, Any]:
    p = op.payload
    made = referrals.refer(
        work,
        _required_uuid(op, "referral_id"),
        op.ticket,
        str(p.get("unit", "")),
        str(p.get("question", "")),
        op.token,
    )
    return referral_result(made)


def _answer_referral(work: Work, op: Op) -> dict[str, Any]:
    answered = referrals.answer_referral(work, _required_uuid(op, "referral_id"), str(op.payload.get("text", "")))
    return referral_result(answered)


_APPLY: dict[OpKind, Callable[[Work, Op], dict[str, Any]]] = {
    OpKind.CREATE: _create,
    OpKind.CLAIM: _claim,
    OpKind.RENEW: _renew,
    OpKind.RELEASE: _release,
    OpKind.STEAL: _steal,
    OpKind.ASSIGN: _assign,
    OpKind.REPLY: _reply,
    OpKind.NOTE: _note,
    OpKind.STATUS: _status,
    OpKind.TRANSFER: _transfer,
    OpKind.DISCUSS: _discuss,
    OpKind.POST: _post,
    OpKind.RESOLVE_HANDOVER: _resolve_handover,
    OpKind.LINK: _link,
    OpKind.UNLINK: _unlink,
    OpKind.MERGE: _merge,
    OpKind.BULK_ANSWER: _bulk_answer,
    OpKind.RETURN_FOR_DISPOSITION: _return_for_disposition,
    OpKind.REFER: _refer,
    OpKind.SET_PROPERTIES: _set_properties,
    OpKind.ANSWER_REFERRAL: _answer_referral,
    OpKind.PICK_NEXT: _pick_next,
}
