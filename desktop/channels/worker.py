"""The intake worker's round: each enabled channel account is polled and what arrived becomes tickets.

Exactly once: the store keeps one message per channel and external id, and the account's cursor is saved
in the same transaction as the last messages it covers (``take_in_all``: many messages a transaction, each
in a savepoint) — a crash before that commit fetches them again and the store recognises those stored. A
message the store refuses is kept whole as an intake error (admins retry or dismiss it) and the round goes
on. An account that fails (unreachable, refused, its secret not readable here — not set, not in the
keyring, no keyring at all) is recorded on that account (``last_error``, shown in the Channels view) and
never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from ..domain.errors import AduanError
from ..domain.inbound import InboundMessage
from ..store.channel_accounts import record_poll
from ..store.service import Store
from .accounts import NOT_POLLED, Account, account_secret, enabled_accounts
from .intake_errors import Outcome, take_in_all


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


def run_round(store: Store, make_source: SourceFactory) -> RoundReport:
    report = RoundReport()
    for account in store.admin(enabled_accounts):
        if account.channel in NOT_POLLED:
            continue  # a route of aduan server stores what arrives (its webhook, or the web form)
        try:
            source = make_source(account, account_secret(account))
            messages, cursor = source.poll(account.cursor)
            outcomes = take_in_all(store, account, messages, cursor)  # the cursor saved with the last of them
        except AduanError as exc:
            report.errors[account.name] = exc.message
            store.admin(record_poll, account.id, account.cursor, exc.message)
            continue
        report.received[account.name] = outcomes.count(Outcome.STORED)
        report.duplicates[account.name] = outcomes.count(Outcome.DUPLICATE)
        report.refused[account.name] = outcomes.count(Outcome.REFUSED)
    return report
