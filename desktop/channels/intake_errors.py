"""Messages that arrived but could not be stored, kept whole so that nothing is lost.

The worker records one row per account and outside message (a repeated failure counts attempts) and
moves on: the account's cursor passes the message, the other messages are stored. Admins see the rows in
the Channels view and ``aduan channel errors``; they retry one (after fixing the cause) or dismiss it.

``take_in_chunk`` is the one way a connector's message enters the store, polled (``take_in_all``) or pushed
(``pushed.py``): stored, recognised as stored before, or kept here.
"""

from __future__ import annotations

from enum import Enum

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from ..domain.errors import AduanError, BadInput, NotPermitted, Unreachable
from ..domain.inbound import InboundMessage, IntakeError, Received, from_json
from ..domain.vocabulary import Role
from ..store import intake
from ..store.channel_accounts import record_poll
from ..store.channel_intake import (
    SUMMARY_CHARS,
    failed_again,
    is_stored,
    open_errors,
    record,
    resolve,
    summary_of,
    unresolved,
)
from ..store.service import Store, translate
from ..store.work import Work, begin
from .accounts import Account, account_by_id

__all__ = [
    "SUMMARY_CHARS",
    "IntakeError",
    "Outcome",
    "dismiss_error",
    "open_errors",
    "receive_through",
    "record",
    "refusal",
    "retry_error",
    "summary_of",
    "take_in_all",
    "take_in_chunk",
]


# Messages of one poll stored per transaction. A transaction holds the year's tracking-number counter until it
# commits, so a batch is kept short for the officers who file reports meanwhile (milliseconds a message).
BATCH = 100


class Outcome(Enum):
    STORED = "stored"
    DUPLICATE = "duplicate"  # stored before: nothing new
    REFUSED = "refused"  # kept as an intake error


def take_in_all(store: Store, account: Account, messages: list[InboundMessage], cursor: str | None) -> list[Outcome]:
    """``take_in_chunk`` for each of ``messages`` — what one poll of ``account`` brought — and the account's
    ``cursor`` saved after them.

    Up to ``BATCH`` messages share a transaction and are stored together, in one savepoint; when the store
    refuses one of them, that savepoint is rolled back and they are stored again one at a time, each in a
    savepoint of its own: the refused one is rolled back alone and kept as an intake error in the same
    transaction, and the others stay. The cursor is
    saved in the transaction of the last messages, so it never passes a message that is not stored; a crash
    between two transactions leaves the committed ones stored and the cursor where it was: they come again and
    are recognised. A failure that is not a message's (the database unreachable) raises, and the transaction
    under way stores nothing."""
    outcomes: list[Outcome] = []
    chunks = [messages[start : start + BATCH] for start in range(0, len(messages), BATCH)] or [[]]
    for number, chunk in enumerate(chunks, 1):
        last = number == len(chunks)
        outcomes += store.admin(_take_in_chunk, account, chunk, cursor if last else None, last)
    return outcomes


def _take_in_chunk(
    conn: Connection, account: Account, chunk: list[InboundMessage], cursor: str | None, save_cursor: bool
) -> list[Outcome]:
    work = begin(conn, None)
    outcomes = take_in_chunk(work, account, chunk)
    if save_cursor:
        record_poll(conn, account.id, cursor, None)
    return outcomes


def take_in_chunk(work: Work, account: Account, chunk: list[InboundMessage]) -> list[Outcome]:
    """Up to ``BATCH`` messages of ``account`` in the transaction of ``work``: together in one savepoint, or, when
    the store refuses one of them, one at a time, the refused one kept as an intake error."""
    if not chunk:
        return []
    # The transaction's time and change stamp, taken before any savepoint could roll them back.
    work.prime(work.now, work.seq)
    outcomes = _take_in_together(work, account, chunk)
    if outcomes is None:
        outcomes = [_take_in_one(work, account, inbound) for inbound in chunk]
    return outcomes


def _take_in_together(work: Work, account: Account, chunk: list[InboundMessage]) -> list[Outcome] | None:
    """The chunk in one savepoint: what it needs from the database read in one query each (``IntakeBatch``), its
    rows written together at its end (``Work.deferring``) — half a statement a message instead of eight. None
    when the store refused one of them, at once or when the rows were written: the savepoint is rolled back,
    nothing of the chunk stays."""
    savepoint = work.conn.begin_nested()
    try:
        batch = intake.IntakeBatch.among(work, chunk)
        with work.deferring():
            done = [
                intake.receive(
                    work, inbound, account.unit_code, account.kind, account.id, account.acknowledgement, batch
                )
                for inbound in chunk
            ]
            batch.finish(work)
    except Exception as exc:
        if refusal(translate(exc) if isinstance(exc, DBAPIError) else exc) is None:
            raise
        savepoint.rollback()
        return None
    savepoint.commit()
    return [Outcome.DUPLICATE if received.duplicate else Outcome.STORED for received in done]


def _take_in_one(work: Work, account: Account, inbound: InboundMessage) -> Outcome:
    conn = work.conn
    savepoint = conn.begin_nested()
    try:
        done = intake.receive(work, inbound, account.unit_code, account.kind, account.id, account.acknowledgement)
    except Exception as exc:
        reason = refusal(translate(exc) if isinstance(exc, DBAPIError) else exc)
        if reason is None:
            raise
        savepoint.rollback()
        if is_stored(conn, inbound):
            return Outcome.DUPLICATE  # the same message stored at the same time by another delivery
        record(conn, account.id, inbound, reason)
        return Outcome.REFUSED
    savepoint.commit()
    return Outcome.DUPLICATE if done.duplicate else Outcome.STORED


def receive_through(conn: Connection, account: Account, inbound: InboundMessage) -> Received:
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


def retry_error(store: Store, error_id: int) -> Received:
    """Store the kept message now; the error is resolved with the ticket it joined or started. A new
    failure is counted on the row and raised."""
    _check_admin(store)
    kept = store.read(unresolved, error_id)
    account = store.read(account_by_id, kept.account_id)
    inbound = from_json(kept.payload)
    try:
        received = store.admin(receive_through, account, inbound)
    except Exception as exc:
        reason = refusal(exc)
        if reason is None:
            raise
        store.admin(failed_again, error_id, reason)
        raise BadInput(f"intake error {error_id} still cannot be stored: {reason}") from None
    store.admin(resolve, error_id, "stored", None, received.ticket_id)
    return received


def dismiss_error(store: Store, error_id: int, by: str) -> None:
    """An admin decides the message needs no ticket (spam, a test): it stays on record, closed."""
    _check_admin(store)
    store.read(unresolved, error_id)
    store.admin(resolve, error_id, "dismissed", by, None)


def _check_admin(store: Store) -> None:
    """Retrying and dismissing are the admins' (the app's Channels view acts as the signed-in officer; the
    command line without ``--officer`` is the installation's owner)."""
    if store.requested_officer is not None and store.actor().officer.role is not Role.ADMIN:
        raise NotPermitted("only admins retry or dismiss intake errors")
