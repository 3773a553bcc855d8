"""Channel accounts as the central database keeps them: the rows admins configure (settings as stored JSON,
never secrets), where each account's intake stands (cursor, last poll) and its health.

What the settings mean, and whether an account may be used, is the channels' business
(``desktop/channels/settings.py``); this module only reads and writes the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, insert, or_, select, update

from ..domain.entities import AccountHealth
from ..domain.errors import NotFound
from ..domain.vocabulary import Channel
from .clock import server_now
from .identity import unit_id_by_code
from .outbox import HELD, QUEUED, SENDING
from .schema import channel_account, intake_error, outbound_message, ticket, unit


@dataclass(frozen=True, slots=True)
class AccountRow:
    """One channel account as stored; ``config`` is the stored JSON text, unread."""

    id: int
    unit_code: str
    channel: Channel
    name: str
    config: str | None
    secret_ref: str | None
    cursor: str | None


def enabled_rows(conn: Connection) -> list[AccountRow]:
    return [_row(r) for r in conn.execute(_accounts().where(channel_account.c.enabled.is_(True)))]


def set_enabled(conn: Connection, account_id: int, enabled: bool) -> None:
    """Switch an account on or off: off, the worker neither polls it nor sends answers through it (they wait)."""
    changed = conn.execute(update(channel_account).where(channel_account.c.id == account_id).values(enabled=enabled))
    if changed.rowcount != 1:
        raise NotFound(f"no channel account {account_id}")


def row_by_id(conn: Connection, account_id: int) -> AccountRow:
    found = conn.execute(_accounts().where(channel_account.c.id == account_id)).first()
    if found is None:
        raise NotFound(f"no channel account {account_id}")
    return _row(found)


def account_names(conn: Connection) -> list[str]:
    return list(conn.execute(select(channel_account.c.name)).scalars())


def insert_account(
    conn: Connection, channel: Channel, name: str, unit_code: str, config: str, secret_ref: str | None
) -> int:
    """A new account row; the caller has checked the name, the settings and the secret reference."""
    inserted = conn.execute(
        insert(channel_account).values(
            unit_id=unit_id_by_code(conn, unit_code),
            channel=channel.value,
            name=name,
            config=config,
            secret_ref=secret_ref,
        )
    ).inserted_primary_key
    assert inserted is not None
    return int(inserted[0])


def record_poll(conn: Connection, account_id: int, cursor: str | None, error: str | None) -> None:
    """The account was polled: where its intake now stands and what went wrong, if anything."""
    conn.execute(
        update(channel_account)
        .where(channel_account.c.id == account_id)
        .values(cursor=cursor, last_poll_at=server_now(conn), last_error=error)
    )


def record_delivery(conn: Connection, account_id: int, error: str | None) -> None:
    """The account's channel pushed to it (a webhook): when, and what went wrong, if anything."""
    conn.execute(
        update(channel_account)
        .where(channel_account.c.id == account_id)
        .values(last_poll_at=server_now(conn), last_error=error)
    )


def record_error(conn: Connection, account_id: int, error: str) -> None:
    """Show on the account's health why the worker could not use it."""
    conn.execute(update(channel_account).where(channel_account.c.id == account_id).values(last_error=error))


def record_test(conn: Connection, account_id: int, error: str | None) -> None:
    """An admin tested the account's connection: what failed on its health, or nothing when the test passed.
    The cursor and the time of the last poll stay: a test takes nothing in."""
    conn.execute(update(channel_account).where(channel_account.c.id == account_id).values(last_error=error))


def account_health(conn: Connection) -> list[AccountHealth]:
    def per_account(states: tuple[str, ...]) -> dict[int, int]:
        # An answer not yet tied to an account counts for the accounts of its channel in its ticket's unit.
        rows = conn.execute(
            select(channel_account.c.id, func.count().label("n"))
            .select_from(outbound_message)
            .join(ticket, ticket.c.id == outbound_message.c.ticket_id)
            .join(
                channel_account,
                or_(
                    channel_account.c.id == outbound_message.c.account_id,
                    and_(
                        outbound_message.c.account_id.is_(None),
                        channel_account.c.channel == outbound_message.c.channel,
                        channel_account.c.unit_id == ticket.c.unit_id,
                    ),
                ),
            )
            .where(outbound_message.c.state.in_(states))
            .group_by(channel_account.c.id)
        )
        return {int(r.id): int(r.n) for r in rows}

    waiting, held = per_account((QUEUED, SENDING)), per_account(HELD)
    errors = {
        int(r.account_id): int(r.n)
        for r in conn.execute(
            select(intake_error.c.account_id, func.count().label("n"))
            .where(intake_error.c.resolved_at.is_(None))
            .group_by(intake_error.c.account_id)
        )
    }
    rows = conn.execute(_accounts())
    return [
        AccountHealth(
            r.id,
            r.name,
            Channel(r.channel),
            r.code,
            bool(r.enabled),
            r.last_poll_at,
            r.last_error,
            waiting.get(r.id, 0),
            held.get(r.id, 0),
            errors.get(r.id, 0),
        )
        for r in rows
    ]


def _accounts() -> Any:
    return (
        select(channel_account, unit.c.code)
        .join(unit, unit.c.id == channel_account.c.unit_id)
        .order_by(channel_account.c.id)
    )


def _row(r: Any) -> AccountRow:
    return AccountRow(r.id, r.code, Channel(r.channel), r.name, r.config, r.secret_ref, r.cursor)
