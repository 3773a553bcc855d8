"""The worker's round of public replies: answers an officer wrote under a Page's or an Instagram account's
comments (``store/social_comments.py``), each posted at most once.

A reply is marked ``sending`` before it is posted. Meta's comment edges take no idempotency key, so a reply
whose outcome is unknown — the worker stopped, or Meta answered without the new comment's id — stays there,
shown to the officer as perhaps posted; it is never posted again on the worker's own decision. Meta out of
reach (nothing was posted) puts it back in the queue; a refusal fails it with Meta's reason, and the officer
may write it again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...domain.errors import AduanError, NotPermitted, Unreachable
from ...security.credentials import SecretUnavailable
from ...store import social_comments
from ...store.service import Store
from ..accounts import Account, account_secret, enabled_accounts, record_error
from ..http import MaybeSent
from ..settings import AccountRefused
from .client import MetaGraph

GraphFactory = Callable[[Account, str | None], MetaGraph]


@dataclass
class PublicRepliesReport:
    posted: int = 0
    failed: int = 0
    waiting: int = 0  # Meta could not be reached: queued again
    in_doubt: int = 0
    errors: dict[str, str] = field(default_factory=dict)  # per account name: why its replies wait


def post_public_replies(store: Store, make_graph: GraphFactory, limit: int = 100) -> PublicRepliesReport:
    report = PublicRepliesReport()
    accounts = {a.id: a for a in store.admin(enabled_accounts)}
    graphs: dict[int, MetaGraph] = {}
    waiting: set[int] = set()  # accounts found out of reach this round: their other replies wait too
    for _ in range(limit):
        reply = store.admin(social_comments.take_reply, frozenset(waiting))
        if reply is None:
            break
        account = accounts.get(reply.account_id)
        if account is None:
            store.admin(social_comments.reply_done, reply.id, None, "the account it came through is disabled")
            report.failed += 1
            continue
        try:
            if account.id not in graphs:
                graphs[account.id] = make_graph(account, account_secret(account))
            posted = graphs[account.id].public_reply(reply.comment_id, reply.text)
        except MaybeSent:
            report.in_doubt += 1  # left in ``sending``: see the module's docstring
        except (Unreachable, NotPermitted, AccountRefused, SecretUnavailable) as exc:  # not this reply's fault
            if isinstance(exc, AccountRefused | SecretUnavailable):
                store.admin(record_error, account.id, exc.message)
            store.admin(social_comments.reply_done, reply.id, None)
            waiting.add(account.id)
            report.waiting += 1
            report.errors[account.name] = exc.message
        except AduanError as exc:
            store.admin(social_comments.reply_done, reply.id, None, exc.message)
            report.failed += 1
        else:
            store.admin(social_comments.reply_done, reply.id, posted)
            report.posted += 1
    return report
