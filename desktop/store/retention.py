"""Retention per unit (UU PDP: personal data kept no longer than needed).

A unit sets two periods in days after a report closed (``closed_at``); None keeps the data:
- ``identity_retention_days``: the reporter's identity is anonymised (``privacy.anonymise_identity``) once
  EVERY report of theirs is closed and past its own unit's period. A reporter with a report still open, or
  closed in a unit that keeps identities, or not long enough ago, is kept whole: they may write again, and
  the unit handling them must be able to answer.
- ``attachment_retention_days``: the content of a closed report's attachments is purged
  (``privacy.purge_attachments``): a neutral name stays, with the date it was purged.

The public comments under the unit's Facebook and Instagram posts that no officer made a report of
(``social_comments.py``) are deleted once the unit's identity period has passed since they were written: they
were never a report to keep a record of, and their author is a person.

``apply_retention`` runs in the worker at most hourly and by an admin's ``aduan privacy apply-retention``; it
audits each ticket it touched (``identity_anonymised``, ``attachments_purged``, with counts) and does nothing
twice. The time is the database server's (``Work.now``), or the ``now`` a caller gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal
from uuid import UUID

from sqlalchemy import Connection, and_, delete, select, update

from ..domain.errors import BadInput
from ..domain.status import CLOSED
from .identity import unit_id_by_code
from .privacy import anonymise_identity, purge_attachments, reporter_ticket_ids
from .schema import attachment, channel_account, reporter, social_comment, ticket, unit
from .work import Work

KEEP = "keep"  # a period without a limit
Period = int | Literal["keep"] | None  # days, keep, or (None) unchanged
MAX_RETENTION_DAYS = 36_500  # a hundred years: beyond that, "keep" says it better
_CHUNK = 500
_CLOSED = sorted(s.value for s in CLOSED)


@dataclass(frozen=True, slots=True)
class UnitRetention:
    unit: str
    identity_days: int | None  # None: kept
    attachment_days: int | None


@dataclass(frozen=True, slots=True)
class RetentionReport:
    dry_run: bool
    identities: int  # reporters anonymised (or who would be, in a dry run)
    identity_tickets: tuple[str, ...]  # their tickets' tracking numbers
    attachments: int  # attachments purged
    attachment_tickets: tuple[str, ...]
    comments: int = 0  # public comments never made reports, deleted


# -- the settings -------------------------------------------------------------------------------------------


def _checked_days(days: int | None, what: str) -> int | None:
    if days is not None and not 0 <= days <= MAX_RETENTION_DAYS:
        raise BadInput(f"{what} must be between 0 and {MAX_RETENTION_DAYS} days (or kept)")
    return days


def unit_retention(conn: Connection, code: str | None = None) -> list[UnitRetention]:
    """The periods of one unit, or of every unit."""
    query = select(unit.c.code, unit.c.identity_retention_days, unit.c.attachment_retention_days).order_by(unit.c.code)
    if code is not None:
        query = query.where(unit.c.id == unit_id_by_code(conn, code))
    return [UnitRetention(r.code, r.identity_retention_days, r.attachment_retention_days) for r in conn.execute(query)]


def set_unit_retention(work: Work, code: str, identity_days: Period, attachment_days: Period) -> UnitRetention:
    """Set a unit's periods: days, ``KEEP`` (no limit) or None (unchanged); audited without a ticket."""
    unit_id = unit_id_by_code(work.conn, code)
    values: dict[str, int | None] = {}
    for column, period, what in (
        ("identity_retention_days", identity_days, "--identity-days"),
        ("attachment_retention_days", attachment_days, "--attachment-days"),
    ):
        if period is not None:
            values[column] = None if period == KEEP else _checked_days(int(period), what)
    if not values:
        raise BadInput("give --identity-days, --attachment-days (days or keep) or --keep")
    work.conn.execute(update(unit).where(unit.c.id == unit_id).values(**values))
    now = unit_retention(work.conn, code)[0]
    work.audit("retention_set", None, unit=code, identity_days=now.identity_days, attachment_days=now.attachment_days)
    return now


# -- applying it --------------------------------------------------------------------------------------------


def _past_period(now: datetime, days: int) -> Any:
    return and_(
        ticket.c.status.in_(_CLOSED), ticket.c.closed_at.is_not(None), ticket.c.closed_at <= now - timedelta(days=days)
    )


def _periods(conn: Connection, column: Any) -> dict[int, int]:
    return {int(r[0]): int(r[1]) for r in conn.execute(select(unit.c.id, column).where(column.is_not(None)))}


def reporters_due(conn: Connection, now: datetime) -> list[UUID]:
    """Reporters not anonymised yet all of whose reports are closed and past their unit's identity period."""
    periods = _periods(conn, unit.c.identity_retention_days)
    candidates: set[UUID] = set()
    for unit_id, days in periods.items():
        found = conn.execute(
            select(ticket.c.reporter_id)
            .join(reporter, reporter.c.id == ticket.c.reporter_id)
            .where(ticket.c.unit_id == unit_id, reporter.c.erased_at.is_(None), _past_period(now, days))
            .distinct()
        )
        candidates.update(UUID(str(r)) for r in found.scalars())
    ordered = sorted(candidates)
    due: list[UUID] = []
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        kept = set()
        rows = conn.execute(
            select(ticket.c.reporter_id, ticket.c.unit_id, ticket.c.status, ticket.c.closed_at).where(
                ticket.c.reporter_id.in_(chunk)
            )
        )
        for r in rows:
            period = periods.get(int(r.unit_id))
            past = (
                period is not None
                and r.status in _CLOSED
                and r.closed_at is not None
                and r.closed_at <= now - timedelta(days=period)
            )
            if not past:
                kept.add(UUID(str(r.reporter_id)))
        due.extend(r for r in chunk if r not in kept)
    return due


def attachments_due(conn: Connection, now: datetime) -> list[UUID]:
    """Attachments not purged yet of reports closed longer ago than their unit's attachment period."""
    due: list[UUID] = []
    for unit_id, days in _periods(conn, unit.c.attachment_retention_days).items():
        found = conn.execute(
            select(attachment.c.id)
            .join(ticket, ticket.c.id == attachment.c.ticket_id)
            .where(ticket.c.unit_id == unit_id, attachment.c.purged_at.is_(None), _past_period(now, days))
        )
        due.extend(UUID(str(i)) for i in found.scalars())
    return sorted(due)


def comments_due(conn: Connection, now: datetime) -> list[int]:
    """Public comments no officer made a report of, written longer ago than their account's unit's identity
    period."""
    due: list[int] = []
    for unit_id, days in _periods(conn, unit.c.identity_retention_days).items():
        found = conn.execute(
            select(social_comment.c.id)
            .join(channel_account, channel_account.c.id == social_comment.c.account_id)
            .where(
                channel_account.c.unit_id == unit_id,
                social_comment.c.ticket_id.is_(None),
                social_comment.c.created_at <= now - timedelta(days=days),
            )
        )
        due.extend(int(i) for i in found.scalars())
    return sorted(due)


def apply_retention(work: Work, now: datetime | None = None, dry_run: bool = False) -> RetentionReport:
    """Anonymise the identities and purge the attachments whose period passed (``now``: the database server's
    time unless given); ``dry_run`` only says what would be done."""
    conn = work.conn
    at = now or work.now
    reporters = reporters_due(conn, at)
    attachments = attachments_due(conn, at)
    comments = comments_due(conn, at)
    identity_ticket_ids = [t for r in reporters for t in reporter_ticket_ids(conn, r)]
    purged: dict[UUID, int] = {}
    if not dry_run:
        for reporter_id in reporters:
            ticket_ids = reporter_ticket_ids(conn, reporter_id)
            counts = anonymise_identity(work, reporter_id)
            for ticket_id in ticket_ids:
                work.audit(
                    "identity_anonymised",
                    ticket_id,
                    contacts=counts.contacts,
                    external_ids=counts.external_ids,
                    quotes=counts.quotes,
                    intake_errors=counts.intake_errors,
                )
        for start in range(0, len(attachments), _CHUNK):
            chunk = attachments[start : start + _CHUNK]
            for ticket_id, n in purge_attachments(work, attachment.c.id.in_(chunk)).items():
                purged[ticket_id] = purged.get(ticket_id, 0) + n
        for ticket_id, n in sorted(purged.items()):
            work.audit("attachments_purged", ticket_id, attachments=n)
        for start in range(0, len(comments), _CHUNK):
            conn.execute(delete(social_comment).where(social_comment.c.id.in_(comments[start : start + _CHUNK])))
        if comments:
            work.audit("comments_deleted", None, comments=len(comments))
    attachment_ticket_ids = sorted(
        purged if not dry_run else {UUID(str(t)) for t in _tickets_of_attachments(conn, attachments)}
    )
    return RetentionReport(
        dry_run=dry_run,
        identities=len(reporters),
        identity_tickets=_tracking_numbers(conn, identity_ticket_ids),
        attachments=len(attachments),
        attachment_tickets=_tracking_numbers(conn, attachment_ticket_ids),
        comments=len(comments),
    )


def _tickets_of_attachments(conn: Connection, attachment_ids: list[UUID]) -> set[Any]:
    found: set[Any] = set()
    for start in range(0, len(attachment_ids), _CHUNK):
        chunk = attachment_ids[start : start + _CHUNK]
        found.update(conn.execute(select(attachment.c.ticket_id).where(attachment.c.id.in_(chunk))).scalars())
    return found


def _tracking_numbers(conn: Connection, ticket_ids: list[UUID]) -> tuple[str, ...]:
    numbers: list[str] = []
    for start in range(0, len(ticket_ids), _CHUNK):
        chunk = ticket_ids[start : start + _CHUNK]
        numbers.extend(conn.execute(select(ticket.c.tracking_no).where(ticket.c.id.in_(chunk))).scalars())
    return tuple(sorted(numbers))
