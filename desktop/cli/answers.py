"""What the ticket commands answer: a ticket's stable JSON keys, and the outcome of a command that changes one.

A ticket command answers the same keys whichever way it reached the central side (README "Command line"):
directly (the embedded default database, or the owner's ``--db``) or through the local cache (``--cache``,
``--server``). Its JSON is built by ``Done.json`` from one ``Done``:

- the ticket's keys (``ticket_json``), when the command acts on a ticket that the officer may still see;
- ``op_id`` (the operation in the local outbox; null when the central database was written directly),
  ``ticket_id`` and ``state`` (``applied``, or ``queued`` while the central side cannot be reached: then
  nothing else is known);
- the central store's result of the operation (``store/apply.py``: for a change of a ticket ``tracking_no``,
  ``status``, ``unit``, ``holder``, ``token``, ``expires_at``; ``message_id`` for a reply, ``note_id`` and
  ``mentions`` for a note, the referral's keys for a referral…), computed by the same function both ways.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from ..domain.entities import Ticket, TicketDetail
from ..store.apply import ticket_result

APPLIED = "applied"
QUEUED = "queued"


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds") + "Z"


def iso_text(stored: str | None) -> str | None:
    """A time as the store's result gives it (naive UTC, ISO 8601), written like ``iso``."""
    return None if stored is None else iso(datetime.fromisoformat(stored))


def ticket_json(t: Ticket) -> dict[str, Any]:
    """The stable keys of a ticket in ``--json`` output."""
    return {
        "id": str(t.id),
        "tracking_no": t.tracking_no,
        "status": t.status.value,
        "kind": t.kind.value,
        "channel": t.channel.value,
        "priority": int(t.priority),
        "category": t.category,
        "unit": t.unit,
        "subject": t.subject,
        "content_withheld": t.content_withheld,  # a confidential report outside its handling unit: summary only
        "reporter": None
        if t.reporter is None
        else {"name": t.reporter.name, "anonymous": t.reporter.anonymous, "confidential": t.reporter.confidential},
        "holder": t.claim.holder,
        "claim_token": t.claim.token,
        "claim_expires_at": iso(t.claim.expires_at),
        "first_response_due_at": iso(t.first_response_due_at),
        "due_at": iso(t.due_at),
        "master_id": str(t.master_id) if t.master_id else None,
        "row_version": t.row_version,
        "created_at": iso(t.created_at),
        "updated_at": iso(t.updated_at),
    }


def detail_json(d: TicketDetail, queued: frozenset[UUID] = frozenset()) -> dict[str, Any]:
    """``ticket show``: the ticket's keys, its thread and its events; ``queued`` marks the messages and notes
    still waiting in the local outbox."""
    return {
        **ticket_json(d.ticket),
        "messages": [
            {
                "id": str(m.id),
                "direction": m.direction.value,
                "channel": m.channel.value,
                "author": m.author,
                "text": m.body_text,
                "created_at": iso(m.created_at),
                "queued": m.id in queued,
            }
            for m in d.messages
        ],
        "notes": [
            {
                "id": str(n.id),
                "author": n.author,
                "text": n.body,
                "mentions": list(n.mentions),
                "added_offline": n.added_offline,
                "created_at": iso(n.created_at),
                "queued": n.id in queued,
            }
            for n in d.notes
        ],
        "events": [
            {
                "action": e.action,
                "officer": e.officer,
                "claim_token": e.claim_token,
                "detail": e.detail,
                "created_at": iso(e.created_at),
            }
            for e in d.events
        ],
    }


def ticket_line(t: Ticket) -> str:
    holder = f"held by {t.claim.holder} until {iso(t.claim.expires_at)}" if t.claim.holder else "unclaimed"
    subject = "(content restricted to the handling unit)" if t.content_withheld else t.subject
    return f"{t.tracking_no}  {t.status.value:<17} {t.unit:<12} {holder:<48} {subject}"


@dataclass(frozen=True)
class Done:
    """What a command that changes a ticket did, whichever way it reached the central side."""

    state: str  # APPLIED or QUEUED
    ticket_id: UUID | None  # None: a referral's answer (the result names its ticket)
    result: Mapping[str, Any] = field(default_factory=dict)  # the store's result; empty while queued
    ticket: Ticket | None = None  # the ticket afterwards, when it is a ticket's answer and may still be seen
    op_id: UUID | None = None  # the operation in the local outbox; None: the central database directly

    @classmethod
    def changed(cls, ticket: Ticket) -> Done:
        """A ticket the central database changed directly, answered as the cache's operation is answered."""
        return cls.directly(ticket_result(ticket), ticket)

    @classmethod
    def directly(cls, result: Mapping[str, Any], ticket: Ticket | None = None) -> Done:
        ticket_id = ticket.id if ticket is not None else result.get("ticket_id")
        return cls(APPLIED, None if ticket_id is None else UUID(str(ticket_id)), result, ticket)

    def json(self) -> dict[str, Any]:
        answer = {} if self.ticket is None else ticket_json(self.ticket)
        answer |= {
            "op_id": None if self.op_id is None else str(self.op_id),
            "ticket_id": None if self.ticket_id is None else str(self.ticket_id),
            "state": self.state,
        }
        return answer | dict(self.result)
