"""The intake worker's round: each enabled channel account is polled and what arrived becomes tickets.

Exactly once: the store keeps one message per channel and external id, so the account's cursor is saved
only after the messages it covers are stored — a crash in between fetches them again and the store
recognises them. A message the store refuses is kept whole as an intake error (admins retry or dismiss
it) and the round goes on. An account that fails (unreachable, refused) is recorded on that account
(``last_error``, shown in the Channels view) and never stops the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import Connection, update

from ..domain.errors import AduanError, BadInput
from ..domain.inbound import InboundMessage
from ..store.clock import server_now
from ..store.schema import channel_account
from ..store.service import Store
from . import intake_errors
from .accounts import PUSHED, Account, enabled_accounts
from .settings import AccountRefused, check_secret_ref, check_settings, own_slot


class Source(Protocol):
    """A connector's intake side: what arrived after ``cursor``, and the cursor after it."""

    def poll(self, cursor: str | None) -> tuple[list[InboundMessage], str | None]: ...


@dataclass
class RoundReport:
    received: dict[str, int] = field(default_factory=dict)  # per account name: messages stored
    duplicates: dict[str, int] = field(default_factory=dict)
    refused: dict[str, int] = field(default_factory=dict)  # kept as intake errors
    errors: dict[str, str] = field(default_factory=dict)


SourceFactory = Callable[[Account, str | None], Source]


def secret(account: Account, setting: str | None = None, environ: Mapping[str, str] = os.environ) -> str | None:
    """The account's secret — with ``setting``, the second secret its ``…_ref`` setting names — read only
    from the account's own slot (``settings.py``): ``env:ADUAN_SECRET_<ACCOUNT>[__<NAME>]`` from this process's
    environment or ``keyring:aduan-channel/<account>[/<name>]`` from its keyring — the worker's, or for a
    webhook's secrets ``aduan server``'s (``webhooks.py``). The database holds only
    the reference, and anyone who can write it could point it elsewhere: before anything is read, the
    account's whole configuration is checked again (``check_account``)."""
    check_account(account)
    if setting is None:
        reference = account.secret_ref
    else:
        value = account.config.get(setting)
        reference = value if isinstance(value, str) else None
    if not reference:
        return None
    try:
        kind, _, name = own_slot(account.name, reference, setting).partition(":")
    except BadInput as exc:
        raise AccountRefused(exc.message) from None
    if kind == "env":
        value = environ.get(name)
        if value is None:
            raise BadInput(
                f"the environment variable {name} (the account's secret) is not set for this process "
                "(the worker, or aduan server for a webhook)"
            )
        return value
    import keyring

    service, _, user = name.partition("/")
    found = keyring.get_password(service, user)
    if found is None:
        raise BadInput(f"no secret for {service}/{user} in the keyring of this process (the worker, or aduan server)")
    return found


def check_account(account: Account) -> None:
    """AccountRefused unless the account, as stored, passes the checks an admin's ``channel add`` passes:
    only its channel's settings, secret references to its own slot only, TLS to every server."""
    try:
        if account.problem:
            raise BadInput(account.problem)
        check_settings(account.channel, account.name, account.config)
        check_secret_ref(account.name, account.secret_ref)
    except AccountRefused:
        raise
    except BadInput as exc:
        raise AccountRefused(f"the worker does not use this account as configured: {exc.message}") from None


def run_round(store: Store, make_source: SourceFactory) -> RoundReport:
    report = RoundReport()
    for account in store.admin(enabled_accounts):
        if account.channel in PUSHED:
            continue  # its webhook, a route of aduan server, stores what arrives (webhooks.py)
        try:
            source = make_source(account, secret(account))
            messages, cursor = source.poll(account.cursor)
            stored = duplicates = refused = 0
            for inbound in messages:
                try:
                    done = store.admin(intake_errors.receive_through, account, inbound)
                except Exception as exc:
                    reason = intake_errors.refusal(exc)
                    if reason is None:
                        raise
                    store.admin(intake_errors.record, account.id, inbound, reason)
                    refused += 1
                    continue
                duplicates += done.duplicate
                stored += not done.duplicate
            store.admin(_polled, account.id, cursor, None)
            report.received[account.name] = stored
            report.duplicates[account.name] = duplicates
            report.refused[account.name] = refused
        except AduanError as exc:
            report.errors[account.name] = exc.message
            store.admin(_polled, account.id, account.cursor, exc.message)
    return report


def _polled(conn: Connection, account_id: int, cursor: str | None, error: str | None) -> None:
    conn.execute(
        update(channel_account)
        .where(channel_account.c.id == account_id)
        .values(cursor=cursor, last_poll_at=server_now(conn), last_error=error)
    )
