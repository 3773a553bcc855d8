"""Messages that arrived through a channel account but could not be stored, kept whole (``intake_error``
rows) until an admin retries or dismisses them; and whether an outside message is stored already."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import Connection, insert, select, update

from ..domain.errors import BadInput, NotFound
from ..domain.inbound import InboundMessage, IntakeError, to_json
from ..domain.vocabulary import Channel
from .clock import server_now
from .schema import channel_account, intake_error, message
from .work import begin

SUMMARY_CHARS = 300


@dataclass(frozen=True, slots=True)
class KeptMessage:
    """An unresolved intake error's message as it was kept, and the account it came through."""

    account_id: int
    payload: bytes


def record(conn: Connection, account_id: int, inbound: InboundMessage, error: str) -> int:
    """Keep ``inbound`` with why it could not be stored; the row's id. A message that failed before and
    is still open counts one more attempt; one an admin already dismissed stays dismissed."""
    now = server_now(conn)
    external_id = inbound.external_id[:255] or "(no id)"
    known = conn.execute(
        select(intake_error.c.id, intake_error.c.resolved_at).where(
            intake_error.c.account_id == account_id, intake_error.c.external_id == external_id
        )
    ).first()
    if known is not None:
        if known.resolved_at is None:
            conn.execute(
                update(intake_error)
                .where(intake_error.c.id == known.id)
                .values(error=error, attempts=intake_error.c.attempts + 1, last_at=now)
            )
        return int(known.id)
    inserted = conn.execute(
        insert(intake_error).values(
            account_id=account_id,
            external_id=external_id,
            summary=summary_of(inbound),
            error=error,
            payload=to_json(inbound),
            first_at=now,
            last_at=now,
        )
    ).inserted_primary_key
    assert inserted is not None
    return int(inserted[0])


def summary_of(inbound: InboundMessage) -> str:
    sender = inbound.sender_name or inbound.sender_address or "?"
    return " ".join(f"{sender}: {inbound.subject}".split())[:SUMMARY_CHARS]


def open_errors(conn: Connection, include_resolved: bool = False) -> list[IntakeError]:
    query = (
        select(intake_error, channel_account.c.name, channel_account.c.channel)
        .join(channel_account, channel_account.c.id == intake_error.c.account_id)
        .order_by(intake_error.c.last_at.desc(), intake_error.c.id.desc())
    )
    if not include_resolved:
        query = query.where(intake_error.c.resolved_at.is_(None))
    return [
        IntakeError(
            r.id,
            r.account_id,
            r.name,
            Channel(r.channel),
            r.external_id,
            r.summary,
            r.error,
            r.attempts,
            r.first_at,
            r.last_at,
            r.resolved_at,
            r.resolution,
            r.ticket_id,
        )
        for r in conn.execute(query)
    ]


def unresolved(conn: Connection, error_id: int) -> KeptMessage:
    row = conn.execute(
        select(intake_error.c.account_id, intake_error.c.payload, intake_error.c.resolved_at).where(
            intake_error.c.id == error_id
        )
    ).first()
    if row is None:
        raise NotFound(f"no intake error {error_id}")
    if row.resolved_at is not None:
        raise BadInput(f"intake error {error_id} was already resolved")
    return KeptMessage(int(row.account_id), bytes(row.payload))


def failed_again(conn: Connection, error_id: int, error: str) -> None:
    conn.execute(
        update(intake_error)
        .where(intake_error.c.id == error_id)
        .values(error=error, attempts=intake_error.c.attempts + 1, last_at=server_now(conn))
    )


def resolve(conn: Connection, error_id: int, resolution: str, actor_login: str | None, ticket_id: UUID | None) -> None:
    now = server_now(conn)
    conn.execute(
        update(intake_error)
        .where(intake_error.c.id == error_id)
        .values(resolved_at=now, resolution=resolution, resolved_by=actor_login, ticket_id=ticket_id)
    )
    if ticket_id is not None:
        begin(conn, None).audit("intake_retried", ticket_id, intake_error=error_id)


def is_stored(conn: Connection, inbound: InboundMessage) -> bool:
    """Whether the store holds this outside message already (its channel and external id)."""
    found = conn.execute(
        select(message.c.id).where(
            message.c.channel == inbound.channel.value, message.c.external_id == inbound.external_id
        )
    ).first()
    return found is not None
