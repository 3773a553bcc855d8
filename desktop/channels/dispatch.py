"""The dispatch round: answers waiting in the outbox go out through the account the citizen wrote to.

Each answer is taken under a lease, sent, and its outcome recorded (``store/outbox.py``). What each
channel guarantees when the worker stops between the channel accepting an answer and the store
recording it (documented per channel in the README):

* e-mail — sent again with the same Message-ID (chosen and recorded before sending), which mail programs
  show as one message;
* X — sent again; X refuses the same text twice from one account, which counts as sent;
* Telegram, WhatsApp — no idempotency key: held *in doubt* for an admin (confirm it arrived, or send it
  again), never sent twice on the worker's own decision.
A channel that is down or asks to slow down postpones the account's answers (``http.POSTPONE``, or as long
as it asked); so does an account that cannot be used here — refused as stored, or its secret not readable —
which is also recorded on the account. One that refuses an answer for good (no such chat, the 24-hour
window closed) fails it, visibly, and the others go on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from ..domain.errors import AduanError, NotPermitted, RateLimited, Unreachable
from ..security.credentials import SecretUnavailable
from ..store import outbox
from ..store.outbox import Outgoing
from ..store.service import Store
from .accounts import Account, account_secret, enabled_accounts, record_error
from .http import POSTPONE
from .settings import AccountRefused

LEASE = timedelta(minutes=5)  # longer than any one sending takes; after it a stopped worker's answer is recovered


class Sender(Protocol):
    """A connector's dispatch side."""

    def planned_id(self, outgoing: Outgoing) -> str | None:
        """The id the channel will know the answer by, when the sender chooses it (e-mail's Message-ID)."""
        ...

    def send(self, outgoing: Outgoing) -> str | None:
        """Send it; the id the channel gave it."""
        ...


class AlreadySent(AduanError):
    """The channel says this answer was sent before (X's duplicate-content refusal after a restart)."""


class SentInDoubt(AduanError):
    """The channel may have accepted the answer though it did not say so (the link dropped after sending):
    on a channel without an idempotency key, an admin decides."""


SenderFactory = Callable[[Account, str | None], Sender]


@dataclass
class DispatchReport:
    sent: int = 0
    postponed: int = 0
    failed: int = 0
    in_doubt: int = 0
    recovered: int = 0  # answers a stopped worker left half-sent
    errors: dict[str, str] = field(default_factory=dict)  # per account name: why its answers wait


def dispatch_round(
    store: Store, make_sender: SenderFactory, lease: timedelta = LEASE, limit: int = 500
) -> DispatchReport:
    report = DispatchReport(recovered=store.admin(outbox.recover_abandoned))
    accounts = {a.id: a for a in store.admin(enabled_accounts)}
    senders: dict[int, Sender] = {}
    for _ in range(limit):
        outgoing = store.admin(outbox.take, lease)
        if outgoing is None:
            break
        account = accounts.get(outgoing.account_id) if outgoing.account_id is not None else None
        if account is None:
            report.failed += 1
            store.admin(
                outbox.fail,
                outgoing,
                f"no enabled {outgoing.channel.value} account of the ticket's unit to send it through",
            )
            continue
        try:
            if account.id not in senders:
                senders[account.id] = make_sender(account, account_secret(account))
            sender = senders[account.id]
            planned = sender.planned_id(outgoing)
            if planned:
                store.admin(outbox.record_channel_id, outgoing, planned)
            channel_id = sender.send(outgoing)
        except AlreadySent:
            store.admin(outbox.mark_sent, outgoing, None)
            report.sent += 1
        except SentInDoubt as exc:
            store.admin(outbox.doubt, outgoing, exc.message)
            report.in_doubt += 1
        except (Unreachable, NotPermitted, AccountRefused, SecretUnavailable) as exc:  # not this answer's fault
            if isinstance(exc, AccountRefused | SecretUnavailable):  # no secret was read; an admin fixes the account
                store.admin(record_error, account.id, exc.message)
            retry_after = exc.retry_after if isinstance(exc, RateLimited) else None
            store.admin(outbox.postpone, outgoing, exc.message, POSTPONE.delay(outgoing.attempts, retry_after))
            report.postponed += 1
            report.errors[account.name] = exc.message
        except AduanError as exc:
            store.admin(outbox.fail, outgoing, exc.message)
            report.failed += 1
        else:
            store.admin(outbox.mark_sent, outgoing, channel_id)
            report.sent += 1
    return report
