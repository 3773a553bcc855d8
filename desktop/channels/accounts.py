"""Channel accounts, configured centrally by admins: which unit an account feeds, its settings (never
secrets: only a reference to the account's own slot where the worker machine keeps the secret; the
schema, the slots and the TLS rule are in ``settings.py``) and its health. The rows are the store's
(``store/channel_accounts.py``); here they are read as settings and checked before any secret is read.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from ..domain.entities import AccountHealth
from ..domain.errors import BadInput
from ..domain.inbound import DEFAULT_ACKNOWLEDGEMENT
from ..domain.vocabulary import Channel, Kind
from ..security.credentials import read_secret
from ..store import channel_accounts
from ..store.channel_accounts import AccountRow, account_health, record_error
from .settings import (
    AccountRefused,
    ChannelSettings,
    check_secret_ref,
    check_settings,
    own_slot,
    read_settings,
    slot_id,
)

__all__ = [
    "NOT_POLLED",
    "PUSHED",
    "Account",
    "AccountHealth",
    "account_by_id",
    "account_health",
    "account_secret",
    "add_account",
    "check_account",
    "enabled_accounts",
    "health_json",
    "record_error",
]

# Channels that call the worker (webhooks) rather than being polled.
PUSHED = frozenset({Channel.WHATSAPP, Channel.FACEBOOK, Channel.INSTAGRAM})
# Accounts the worker leaves alone: pushed ones, and a unit's web form, whose reports aduan server stores.
NOT_POLLED = PUSHED | {Channel.WEB}


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
    return [_account(row) for row in channel_accounts.enabled_rows(conn)]


def account_by_id(conn: Connection, account_id: int) -> Account:
    return _account(channel_accounts.row_by_id(conn, account_id))


def _account(row: AccountRow) -> Account:
    problem = None
    try:
        config = json.loads(row.config or "{}")
    except json.JSONDecodeError as exc:
        config, problem = {}, f"the account's configuration is not JSON: {exc.msg} at character {exc.pos}"
    if not isinstance(config, dict):
        config, problem = {}, "the account's configuration is not a JSON object"
    return Account(row.id, row.unit_code, row.channel, row.name, config, row.secret_ref, row.cursor, problem)


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
    for other in channel_accounts.account_names(conn):
        if slot_id(other) == slot_id(name):
            raise BadInput(
                f"the channel account {other!r} already has the secret slots of {name!r} ({slot_id(name)}): "
                "give this account another name"
            )
    stored = json.dumps(settings, ensure_ascii=False)
    return channel_accounts.insert_account(conn, channel, name, unit_code, stored, secret_ref)


def check_account(account: Account) -> ChannelSettings | None:
    """The account's typed settings (None for a channel no connector reads); AccountRefused unless the
    account, as stored, passes the checks an admin's ``channel add`` passes: only its channel's settings,
    secret references to its own slot only, TLS to every server."""
    try:
        if account.problem:
            raise BadInput(account.problem)
        settings = read_settings(account.channel, account.name, account.config)
        check_secret_ref(account.name, account.secret_ref)
    except AccountRefused:
        raise
    except BadInput as exc:
        raise AccountRefused(f"the worker does not use this account as configured: {exc.message}") from None
    return settings


def account_secret(account: Account, setting: str | None = None, environ: Mapping[str, str] = os.environ) -> str | None:
    """The account's secret — with ``setting``, the second secret its ``…_ref`` setting names — read only
    from the account's own slot (``settings.py``): ``env:ADUAN_SECRET_<ACCOUNT>[__<NAME>]`` from this process's
    environment or ``keyring:aduan-channel/<account>[/<name>]`` from its keyring — the worker's, or for a
    webhook's secrets ``aduan server``'s (``webhooks.py``); None when the account has none.

    The database holds only the reference, and anyone who can write it could point it elsewhere: before
    anything is read, the account's whole configuration is checked again (AccountRefused). A secret that
    cannot be read — not set, not in the keyring, no keyring at all — is SecretUnavailable
    (``security/credentials.py``), an error of this account alone.
    """
    check_account(account)
    if setting is None:
        reference = account.secret_ref
    else:
        value = account.config.get(setting)
        reference = value if isinstance(value, str) else None
    if not reference:
        return None
    try:
        slot = own_slot(account.name, reference, setting)
    except BadInput as exc:
        raise AccountRefused(exc.message) from None
    return read_secret(slot, environ)


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
