"""Channels that push instead of being polled: each enabled WhatsApp account gets its webhook receiver.

Meta sends a notification for every message and repeats it (for up to seven days) until it is answered
200; the receiver answers 200 only after the messages are stored (``WebhookServer``), and the store keeps
one message per id, so a repeat is harmless: intake is exactly once. A message the store refuses is kept as
an intake error and answered 200 (repeating it would not help); only an unreachable central database makes
the receiver answer 500, so that Meta delivers it again later. Put an HTTPS reverse proxy in front of the
receiver's port: Meta calls only HTTPS addresses.

Configuration of a WhatsApp account (secrets by reference only): ``phone_number_id``, ``webhook_port``,
``webhook_host`` (default 127.0.0.1, behind the proxy), ``app_secret_ref`` and ``verify_token_ref``
(the account's own slots for them, ``settings.py``); the account's own secret is the Cloud API access token.
"""

from __future__ import annotations

from sqlalchemy import Connection, update

from ..domain.errors import AduanError, BadInput
from ..domain.inbound import InboundMessage
from ..domain.vocabulary import Channel
from ..store.clock import server_now
from ..store.schema import channel_account
from ..store.service import Store
from . import intake_errors
from .accounts import Account, enabled_accounts
from .whatsapp import WebhookServer, WhatsAppCloud
from .worker import secret


def start_webhooks(store: Store) -> list[WebhookServer]:
    """A running receiver per enabled WhatsApp account; an account whose receiver cannot start says why
    on its health (``last_error``) and the others start."""
    accounts = [a for a in store.admin(enabled_accounts) if a.channel is Channel.WHATSAPP]
    by_number = {str(a.config.get("phone_number_id", "")): a for a in accounts}
    started = []
    for account in accounts:
        try:
            started.append(_receiver(store, account, by_number).start())
        except (AduanError, OSError) as exc:
            store.admin(_delivered, account.id, exc.message if isinstance(exc, AduanError) else str(exc))
    return started


def _receiver(store: Store, account: Account, by_number: dict[str, Account]) -> WebhookServer:
    config = account.config
    port = config.get("webhook_port")
    if not isinstance(port, int) or not 0 < port < 65536:
        raise BadInput(f"the WhatsApp account {account.name!r} needs a webhook_port (1-65535) in its configuration")
    token = secret(account)
    cloud = WhatsAppCloud(
        token or "",
        str(config.get("phone_number_id", "")),
        base_url=str(config.get("base_url", "https://graph.facebook.com")),
    )

    def deliver(grouped: dict[str, list[InboundMessage]]) -> None:
        for number, messages in grouped.items():
            receiving = by_number.get(number)
            for inbound in messages:
                if receiving is None:  # kept, for an admin who adds the account and retries it
                    store.admin(
                        intake_errors.record, account.id, inbound, f"no account is set up for WhatsApp number {number}"
                    )
                    continue
                _store(store, receiving, inbound)
        store.admin(_delivered, account.id, None)

    return WebhookServer(
        str(config.get("webhook_host", "127.0.0.1")),
        port,
        secret(account, _reference(account, "app_secret_ref")) or "",
        secret(account, _reference(account, "verify_token_ref")) or "",
        deliver_by_number=deliver,
        media=cloud.download_media,
    )


def _store(store: Store, account: Account, inbound: InboundMessage) -> None:
    try:
        store.admin(intake_errors.receive_through, account, inbound)
    except Exception as exc:
        reason = intake_errors.refusal(exc)
        if reason is None:
            raise  # the central database is unreachable: answer 500, Meta delivers it again
        store.admin(intake_errors.record, account.id, inbound, reason)


def _reference(account: Account, key: str) -> str:
    """``key``, once the account has it (its value is checked when the secret is read)."""
    if not account.config.get(key):
        raise BadInput(f"the WhatsApp account {account.name!r} needs {key}: env or keyring (its own slot)")
    return key


def _delivered(conn: Connection, account_id: int, error: str | None) -> None:
    conn.execute(
        update(channel_account)
        .where(channel_account.c.id == account_id)
        .values(last_poll_at=server_now(conn), last_error=error)
    )
