"""Webhook calls that arrive together, stored together (group commit).

Meta sends a notification for every message, and in a burst (a campaign, a number printed in the news, a unit's
server back after an outage) many at once on parallel connections; each call is answered 200 only once its
messages are committed (``webhooks.py``). Stored a call a transaction, a burst costs a transaction, and the
tracking-number counter's row lock, a message. Here the calls that arrive while a group is being stored wait for
it, and are then stored together in the next transaction: one of them stores the group, the others wait for its
commit (leader and followers, as a database commits its log). A call that finds nothing under way is stored at
once: no call waits for a timer or for a call that came after it.

Within the group every account's messages are stored as one poll's are (``intake_errors.take_in_chunk``: together
in a savepoint, or one at a time when the store refuses one, which is then kept as an intake error), and the
delivery is recorded on the health of every account whose webhook was called. A failure that is not a message's
(the central database unreachable) reaches every call of the group, which answers 500: Meta delivers each again,
and the store recognises what another group did store.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sqlalchemy import Connection

from ..domain.inbound import InboundMessage
from ..store.channel_accounts import record_delivery
from ..store.service import Store
from ..store.work import begin
from . import intake_errors
from .accounts import Account
from .intake_errors import Outcome


@dataclass(frozen=True)
class Pushed:
    """One message of a call, and the account it is stored through; with no such account, why it is kept as an
    intake error of the called one instead."""

    inbound: InboundMessage
    owner: Account | None
    unowned: str = ""


@dataclass(eq=False)
class _Call:
    """One webhook call waiting for its group's commit."""

    called: Account
    messages: list[Pushed]
    outcomes: list[Outcome] | None = None
    failure: BaseException | None = None
    done: bool = False

    def answer(self) -> list[Outcome]:
        if self.failure is not None:
            raise self.failure
        assert self.outcomes is not None
        return self.outcomes


@dataclass
class PushedIntake:
    """The webhooks' way into the store: ``take_in`` from any number of threads at once.

    A group holds up to ``group_limit`` messages (and always at least one call), so a transaction stays as short
    as a poll's batch for the officers who file reports meanwhile."""

    store: Store
    group_limit: int = intake_errors.BATCH
    _turn: threading.Condition = field(default_factory=threading.Condition, init=False, repr=False)
    _waiting: list[_Call] = field(default_factory=list, init=False, repr=False)
    _storing: bool = field(default=False, init=False, repr=False)

    def take_in(self, called: Account, messages: list[Pushed]) -> list[Outcome]:
        """Store ``messages`` of a call to ``called``'s webhook, with the calls waiting beside it; their outcomes
        (an unowned message is ``REFUSED``) once committed. Raises what kept the group from committing."""
        mine = _Call(called, messages)
        with self._turn:
            self._waiting.append(mine)
        while not mine.done:
            with self._turn:
                while self._storing and not mine.done:
                    self._turn.wait()
                if mine.done:  # stored with another call's group
                    break
                self._storing = True
                # The oldest calls first: a group full before this call's turn is stored, and this call tries again.
                group = self._next_group()
            try:
                self._store(group)
            finally:
                with self._turn:
                    for call in group:
                        call.done = True
                    self._storing = False
                    self._turn.notify_all()
        return mine.answer()

    def _next_group(self) -> list[_Call]:
        """The waiting calls, oldest first, up to the group's limit (called holding ``_turn``)."""
        group: list[_Call] = []
        count = 0
        for call in self._waiting:
            if group and count + len(call.messages) > self.group_limit:
                break
            group.append(call)
            count += len(call.messages)
        del self._waiting[: len(group)]
        return group

    def _store(self, group: list[_Call]) -> None:
        try:
            outcomes = self.store.admin(_store_group, [(call.called, call.messages) for call in group])
        except BaseException as exc:  # every call of the group answers with it
            for call in group:
                call.failure = exc
            return
        for call, theirs in zip(group, outcomes, strict=True):
            call.outcomes = theirs


def _store_group(conn: Connection, calls: list[tuple[Account, list[Pushed]]]) -> list[list[Outcome]]:
    """The calls' messages in one transaction, each account's together; every called account's delivery
    recorded. The outcomes per call, in its messages' order."""
    work = begin(conn, None)
    owners: dict[int, Account] = {}
    places: dict[int, list[tuple[int, int]]] = {}  # owner id → (call, message) of its messages, in order
    outcomes: list[list[Outcome]] = []
    for number, (called, messages) in enumerate(calls):
        outcomes.append([Outcome.REFUSED] * len(messages))
        for index, pushed in enumerate(messages):
            if pushed.owner is None:  # kept, for an admin who adds the account and retries it
                intake_errors.record(conn, called.id, pushed.inbound, pushed.unowned)
                continue
            owners[pushed.owner.id] = pushed.owner
            places.setdefault(pushed.owner.id, []).append((number, index))
    for owner_id, everything in places.items():
        for start in range(0, len(everything), intake_errors.BATCH):  # one call may bring more than a batch
            theirs = everything[start : start + intake_errors.BATCH]
            chunk = [calls[number][1][index].inbound for number, index in theirs]
            stored = intake_errors.take_in_chunk(work, owners[owner_id], chunk)
            for (number, index), outcome in zip(theirs, stored, strict=True):
                outcomes[number][index] = outcome
    for called_id in sorted({called.id for called, _ in calls}):
        record_delivery(conn, called_id, None)
    return outcomes
