"""Channel accounts, configured centrally by admins: which unit an account feeds, its settings (never
secrets: only a reference to where the worker machine keeps the secret) and its health."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select

from ..domain.errors import BadInput
from ..domain.vocabulary import Channel
from ..store.identity import unit_id_by_code
from ..store.schema import channel_account, outbound_message, unit

SECRET_KINDS = ("env", "keyring")
_SECRET_WORDS = ("password", "token", "secret", "key")


@dataclass(frozen=True, slots=True)
class AccountHealth:
    id: int
    name: str
    channel: Channel
    unit: str
    enabled: bool
    last_poll_at: datetime | None
    last_error: str | None
    backlog: int  # answers of this channel in the unit still waiting to be sent


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
    leaked = [key for key in settings if any(word in key.lower() for word in _SECRET_WORDS)]
    if leaked:
        raise BadInput(
            f"secrets never go into the central configuration ({', '.join(leaked)}): keep them in the worker's "
            "keyring or environment and give --secret-ref env:NAME or keyring:SERVICE/USER"
        )
    if secret_ref is not None and secret_ref.partition(":")[0] not in SECRET_KINDS:
        raise BadInput(f"a secret reference is env:NAME or keyring:SERVICE/USER, not {secret_ref!r}")
    inserted = conn.execute(
        insert(channel_account).values(
            unit_id=unit_id_by_code(conn, unit_code),
            channel=channel.value,
            name=name[:200],
            config=json.dumps(settings, ensure_ascii=False),
            secret_ref=secret_ref,
        )
    ).inserted_primary_key
    assert inserted is not None
    return int(inserted[0])


def account_health(conn: Connection) -> list[AccountHealth]:
    waiting = dict(
        (row.channel, int(row.n))
        for row in conn.execute(
            select(outbound_message.c.channel, func.count().label("n"))
            .where(outbound_message.c.state == "queued")
            .group_by(outbound_message.c.channel)
        )
    )
    rows = conn.execute(
        select(channel_account, unit.c.code)
        .join(unit, unit.c.id == channel_account.c.unit_id)
        .order_by(channel_account.c.id)
    )
    return [
        AccountHealth(
            r.id,
            r.name,
            Channel(r.channel),
            r.code,
            bool(r.enabled),
            r.last_poll_at,
            r.last_error,
            waiting.get(r.channel, 0),
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
    }
