"""Channel accounts, configured centrally by admins: which unit an account feeds, its settings (never
secrets: only a reference to the account's own slot where the worker machine keeps the secret; the
schema, the slots and the TLS rule are in ``settings.py``) and its health."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, func, insert, or_, select, update

from ..domain.errors import BadInput, NotFound
from ..domain.inbound import DEFAULT_ACKNOWLEDGEMENT
from ..domain.vocabulary import Channel, Kind
from ..store.identity import unit_id_by_code
from ..store.outbox import HELD, QUEUED, SENDING
from ..store.schema import channel_account, intake_error, outbound_message, ticket, unit
from .settings import check_secret_ref, check_settings, slot_id

PUSHED = frozenset({Channel.WHATSAPP})  # channels that call the worker (webhooks) rather than being polled


@dataclass(frozen=True, slots=True)
class Account:
    id: int
    unit_code: str
    channel: Channel
    name: str
    config: dict[str, Any]
    secret_ref: str | None
    cursor: str | None
    problem: str | None = None  # why the stored configuration cannot be read (the worker refuses the account)

    @property
    def kind(self) -> Kind:
        """What the account's messages are filed as (``"kind"`` in its configuration; complaints by default)."""
        return Kind(self.config.get("kind", Kind.PENGADUAN.value))

    @property
    def acknowledgement(self) -> str | None:
        """The wording a new ticket is acknowledged with; None when the account acknowledges nothing
        (``"acknowledgement": false``)."""
        wording = self.config.get("acknowledgement", True)
        if wording is False:
            return None
        return DEFAULT_ACKNOWLEDGEMENT if wording is True else str(wording)


def enabled_accounts(conn: Connection) -> list[Account]:
    return [_account(r) for r in conn.execute(_accounts().where(channel_account.c.enabled.is_(True)))]


def account_by_id(conn: Connection, account_id: int) -> Account:
    row = conn.execute(_accounts().where(channel_account.c.id == account_id)).first()
    if row is None:
        raise NotFound(f"no channel account {account_id}")
    return _account(row)


def _accounts() -> Any:
    return (
        select(channel_account, unit.c.code)
        .join(unit, unit.c.id == channel_account.c.unit_id)
        .order_by(channel_account.c.id)
    )


def _account(r: Any) -> Account:
    problem = None
    try:
        config = json.loads(r.config or "{}")
    except json.JSONDecodeError as exc:
        config, problem = {}, f"the account's configuration is not JSON: {exc.msg} at character {exc.pos}"
    if not isinstance(config, dict):
        config, problem = {}, "the account's configuration is not a JSON object"
    return Account(r.id, r.code, Channel(r.channel), r.name, config, r.secret_ref, r.cursor, problem)


def record_error(conn: Connection, account_id: int, error: str) -> None:
    """Show on the account's health why the worker could not use it."""
    conn.execute(update(channel_account).where(channel_account.c.id == account_id).values(last_error=error))


@dataclass(frozen=True, slots=True)
class AccountHealth:
    id: int
    name: str
    channel: Channel
    unit: str
    enabled: bool
    last_poll_at: datetime | None
    last_error: str | None
    backlog: int  # answers still waiting to be sent through it
    held: int  # answers it could not send, waiting for an admin (failed or in doubt)
    intake_errors: int  # messages that came through it and could not be stored, not yet resolved


def add_account(
    conn: Connection, channel: Channel, name: str, unit_code: str, config: str, secret_ref: str | None
) -> int:
    name = " ".join(name.split())
    if not name:
        raise BadInput("a channel account needs a name")
    try:
        settings = json.loads(config or "{}")
    except json.JSONDecodeError as exc:
        raise BadInput(f"the account's --config is not JSON: {exc.msg} at character {exc.pos}") from None
    if not isinstance(settings, dict):
        raise BadInput('the account\'s --config must be a JSON object, e.g. {"host": "imap.example.go.id"}')
    name = name[:200]
    if not slot_id(name):
        raise BadInput(f"the account name {name!r} needs a letter or digit (A-Z, 0-9): it names its secret's slot")
    settings = check_settings(channel, name, settings)
    secret_ref = check_secret_ref(name, secret_ref)
    for other in conn.execute(select(channel_account.c.name)).scalars():
        if slot_id(other) == slot_id(name):
            raise BadInput(
                f"the channel account {other!r} already has the secret slots of {name!r} ({slot_id(name)}): "
                "give this account another name"
            )
    inserted = conn.execute(
        insert(channel_account).values(
            unit_id=unit_id_by_code(conn, unit_code),
            channel=channel.value,
            name=name,
            config=json.dumps(settings, ensure_ascii=False),
            secret_ref=secret_ref,
        )
    ).inserted_primary_key
    assert inserted is not None
    return int(inserted[0])


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


def health_json(h: AccountHealth) -> dict[str, Any]:
    return {
        "id": h.id,
        "name": h.name,
        "channel": h.channel.value,
        "unit": h.unit,
        "enabled": h.enabled,
        "last_poll_at": h.last_poll_at.isoformat() + "Z" if h.last_poll_at else None,
        "last_error": h.last_error,
        "backlog": h.backlog,
        "held": h.held,
        "intake_errors": h.intake_errors,
    }
