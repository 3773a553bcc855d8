"""The intake worker's round: each enabled channel account is polled and what arrived becomes tickets.

Exactly once: the store keeps one message per channel and external id, and the account's cursor is saved
in the same transaction as the last messages it covers (``take_in_all``: many messages a transaction, stored
together, each in a savepoint of its own when the store refuses one) — a crash before that commit fetches
them again and the store recognises those stored. A message the store refuses is kept whole as an intake
error (admins retry or dismiss it) and the round goes on. A backlog (a unit back from an outage, a mailbox
filled while the worker was stopped) is read page after page within one round, not one page a round
(``MAX_POLLS_PER_ROUND``). An account that fails (unreachable, refused, its secret not readable here — not set,
not in the keyring, no keyring at all) is recorded on that account (``last_error``, shown in the Channels view)
and never stops the others; what it took in before it failed stays, with its cursor.
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

# An account is polled again at once while its last poll brought messages and moved its cursor, at most this many
# times a round: a backlog of 20 pages (4,000 mails, 2,000 Telegram updates) is read in one round instead of
# twenty rounds an interval apart, and one busy account still leaves the others their turn.
MAX_POLLS_PER_ROUND = 20


def run_round(store: Store, make_source: SourceFactory) -> RoundReport:
    report = RoundReport()
    for account in store.admin(enabled_accounts):
        if account.channel in NOT_POLLED:
            continue  # a route of aduan server stores what arrives (its webhook, or the web form)
        cursor = account.cursor  # where the account's intake stands: moved by every poll taken in
        outcomes: list[Outcome] = []
        try:
            source = make_source(account, account_secret(account))
            for _poll in range(MAX_POLLS_PER_ROUND):
                messages, after = source.poll(cursor)
                outcomes += take_in_all(store, account, messages, after)  # the cursor saved with the last of them
                moved, cursor = after != cursor, after
                if not messages or not moved:
                    break
        except AduanError as exc:
            report.errors[account.name] = exc.message
            store.admin(record_poll, account.id, cursor, exc.message)
        if outcomes or account.name not in report.errors:
            report.received[account.name] = outcomes.count(Outcome.STORED)
            report.duplicates[account.name] = outcomes.count(Outcome.DUPLICATE)
            report.refused[account.name] = outcomes.count(Outcome.REFUSED)
    return report
