"""What a unit did with its SP4N-LAPOR! reports, read for reporting back to LAPOR!: the answers to the
citizen and the changes of status of the unit's LAPOR! tickets, each with the report's LAPOR! tracking ID
(``channels/lapor_followups.py`` says which, and writes or pushes them)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, select

from ..domain.status import Status
from ..domain.vocabulary import Channel, Direction
from .identity import unit_id_by_code
from .schema import event, message, officer, ticket

ANSWER = "tindak_lanjut"  # a follow-up: an answer to the citizen
STATUS = "status"  # a change of status

# Event actions that change a ticket's status, and how to read the new (and old) status from each.
_STATUS_EVENTS: Mapping[str, Callable[[Mapping[str, Any]], tuple[str | None, str | None]]] = {
    "status": lambda d: (d.get("new"), d.get("old")),
    "reporter_answered": lambda d: (Status.DITINDAKLANJUTI.value, Status.MENUNGGU_PELAPOR.value),
    "auto_close": lambda d: (Status.SELESAI.value, Status.MENUNGGU_PELAPOR.value),
    "return_for_disposition": lambda d: (Status.BUKAN_WEWENANG.value, d.get("old")),
    "merged": lambda d: (Status.DIARSIPKAN.value, d.get("old")),
}


@dataclass(frozen=True, slots=True)
class FollowUp:
    key: str  # stable and unique: the idempotency key
    lapor_id: str  # "" for a LAPOR! ticket entered by hand without its tracking ID
    tracking_no: str
    kind: str  # ANSWER or STATUS
    at: datetime  # naive UTC
    status: str | None  # STATUS: the status it went to
    previous_status: str | None  # STATUS: the status it came from, when known
    text: str  # ANSWER: the answer as sent to the citizen
    officer: str | None  # who did it; None for the system (the sweep, intake)


def export_followups(conn: Connection, unit_code: str, since: datetime | None = None) -> list[FollowUp]:
    """The answers and status changes of the unit's LAPOR! tickets at or after ``since`` (naive UTC),
    oldest first."""
    unit_id = unit_id_by_code(conn, unit_code)
    lapor_tickets = (
        select(ticket.c.id)
        .where(ticket.c.unit_id == unit_id, ticket.c.channel == Channel.LAPOR.value, ticket.c.deleted_at.is_(None))
        .scalar_subquery()
    )
    answers = (
        select(message.c.id, message.c.ticket_id, message.c.body_text, message.c.created_at, officer.c.name)
        .outerjoin(officer, officer.c.id == message.c.author_id)
        .where(message.c.ticket_id.in_(lapor_tickets), message.c.direction == Direction.OUTBOUND.value)
    )
    changes = (
        select(event.c.id, event.c.ticket_id, event.c.action, event.c.detail, event.c.created_at, officer.c.name)
        .outerjoin(officer, officer.c.id == event.c.officer_id)
        .where(event.c.ticket_id.in_(lapor_tickets), event.c.action.in_(list(_STATUS_EVENTS)))
    )
    if since is not None:
        answers = answers.where(message.c.created_at >= since)
        changes = changes.where(event.c.created_at >= since)
    answer_rows = conn.execute(answers).all()
    change_rows = conn.execute(changes).all()
    ticket_ids = {r.ticket_id for r in answer_rows} | {r.ticket_id for r in change_rows}
    refs = _lapor_refs(conn, ticket_ids)
    found: list[FollowUp] = []
    for a in answer_rows:
        lapor_id, tracking_no = refs[a.ticket_id]
        key = f"aduan-message-{a.id}"
        found.append(FollowUp(key, lapor_id, tracking_no, ANSWER, a.created_at, None, None, a.body_text, a.name))
    for c in change_rows:
        lapor_id, tracking_no = refs[c.ticket_id]
        detail = json.loads(c.detail) if c.detail else {}
        new, old = _STATUS_EVENTS[c.action](detail if isinstance(detail, Mapping) else {})
        key = f"aduan-event-{c.id}"
        found.append(FollowUp(key, lapor_id, tracking_no, STATUS, c.created_at, new, old, "", c.name))
    found.sort(key=lambda f: (f.at, f.key))
    return found


def _lapor_refs(conn: Connection, ticket_ids: set[UUID]) -> dict[UUID, tuple[str, str]]:
    """Ticket id → (LAPOR! ID, Aduan tracking number)."""
    if not ticket_ids:
        return {}
    ids = sorted(ticket_ids)
    refs: dict[UUID, tuple[str, str]] = {}
    first_lapor: dict[UUID, str] = {}
    for m in conn.execute(
        select(message.c.ticket_id, message.c.external_id)
        .where(
            message.c.ticket_id.in_(ids),
            message.c.channel == Channel.LAPOR.value,
            message.c.direction == Direction.INBOUND.value,
            message.c.external_id.is_not(None),
        )
        .order_by(message.c.created_at, message.c.id)
    ):
        first_lapor.setdefault(m.ticket_id, m.external_id)
    for r in conn.execute(select(ticket.c.id, ticket.c.tracking_no, ticket.c.external_ref).where(ticket.c.id.in_(ids))):
        refs[r.id] = (r.external_ref or first_lapor.get(r.id) or "", r.tracking_no)
    return refs
