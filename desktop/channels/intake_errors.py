"""Messages that arrived but could not be stored, kept whole so that nothing is lost.

The worker records one row per account and outside message (a repeated failure counts attempts) and
moves on: the account's cursor passes the message, the other messages are stored. Admins see the rows in
the Channels view and ``aduan channel errors``; they retry one (after fixing the cause) or dismiss it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import DBAPIError

from ..domain.errors import AduanError, BadInput, NotFound, NotPermitted, Unreachable
from ..domain.inbound import InboundMessage, from_json, to_json
from ..domain.vocabulary import Channel, Role
from ..store import intake
from ..store.clock import server_now
from ..store.schema import channel_account, intake_error
from ..store.service import Store
from ..store.work import begin
from .accounts import Account, account_by_id

SUMMARY_CHARS = 300


@dataclass(frozen=True, slots=True)
class IntakeError:
    id: int
    account_id: int
    account_name: str
    channel: Channel
    external_id: str
    summary: str
    error: str
    attempts: int
    first_at: datetime
    last_at: datetime
    resolved_at: datetime | None
    resolution: str | None  # stored | dismissed
    ticket_id: UUID | None


def receive_through(conn: Connection, account: Account, inbound: InboundMessage) -> intake.Received:
    """Store ``inbound`` as the account's unit and settings say."""
    return intake.receive(
        begin(conn, None), inbound, account.unit_code, account.kind, account.id, account.acknowledgement
    )


def refusal(exc: Exception) -> str | None:
    """Why the store refused this one message; None when the failure is not the message's (the central
    database cannot be reached): then the message is fetched again later, not recorded."""
    if isinstance(exc, Unreachable):
        return None
    if isinstance(exc, AduanError):
        return exc.message
    if isinstance(exc, DBAPIError):
        return f"the database refused it: {str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else exc}"
    return f"{type(exc).__name__}: {exc}"


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


def retry_error(store: Store, error_id: int) -> intake.Received:
    """Store the kept message now; the error is resolved with the ticket it joined or started. A new
    failure is counted on the row and raised."""
    _check_admin(store)
    kept = store.read(_unresolved, error_id)
    account = store.read(account_by_id, kept.account_id)
    inbound = from_json(kept.payload)
    try:
        received = store.admin(receive_through, account, inbound)
    except Exception as exc:
        reason = refusal(exc)
        if reason is None:
            raise
        store.admin(_failed_again, error_id, reason)
        raise BadInput(f"intake error {error_id} still cannot be stored: {reason}") from None
    store.admin(_resolve, error_id, "stored", None, received.ticket_id)
    return received


def dismiss_error(store: Store, error_id: int, by: str) -> None:
    """An admin decides the message needs no ticket (spam, a test): it stays on record, closed."""
    _check_admin(store)
    store.read(_unresolved, error_id)
    store.admin(_resolve, error_id, "dismissed", by, None)


def _check_admin(store: Store) -> None:
    """Retrying and dismissing are the admins' (the app's Channels view acts as the signed-in officer; the
    command line without ``--officer`` is the installation's owner)."""
    if store.requested_officer is not None and store.actor().officer.role is not Role.ADMIN:
        raise NotPermitted("only admins retry or dismiss intake errors")


def _unresolved(conn: Connection, error_id: int) -> _Kept:
    row = conn.execute(
        select(intake_error.c.account_id, intake_error.c.payload, intake_error.c.resolved_at).where(
            intake_error.c.id == error_id
        )
    ).first()
    if row is None:
        raise NotFound(f"no intake error {error_id}")
    if row.resolved_at is not None:
        raise BadInput(f"intake error {error_id} was already resolved")
    return _Kept(int(row.account_id), bytes(row.payload))


@dataclass(frozen=True, slots=True)
class _Kept:
    account_id: int
    payload: bytes


def _failed_again(conn: Connection, error_id: int, error: str) -> None:
    conn.execute(
        update(intake_error)
        .where(intake_error.c.id == error_id)
        .values(error=error, attempts=intake_error.c.attempts + 1, last_at=server_now(conn))
    )


def _resolve(conn: Connection, error_id: int, resolution: str, actor_login: str | None, ticket_id: UUID | None) -> None:
    now = server_now(conn)
    conn.execute(
        update(intake_error)
        .where(intake_error.c.id == error_id)
        .values(resolved_at=now, resolution=resolution, resolved_by=actor_login, ticket_id=ticket_id)
    )
    if ticket_id is not None:
        begin(conn, None).audit("intake_retried", ticket_id, intake_error=error_id)
