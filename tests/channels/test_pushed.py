"""Webhook calls that arrive while a group is being stored wait for it and are then stored together, in one
transaction (``channels/pushed.py``): a burst costs a transaction a group, every call is answered only after its
own messages are committed, a refused message is kept as an intake error without spoiling its group, and a
database that cannot be reached fails every call of the group (Meta then delivers each again). On every engine;
real threads, a real database."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import event, func, select

from desktop.channels import intake_errors
from desktop.channels.accounts import Account, add_account, enabled_accounts
from desktop.channels.intake_errors import Outcome
from desktop.channels.pushed import Pushed, PushedIntake
from desktop.domain.errors import Unreachable
from desktop.domain.inbound import InboundMessage
from desktop.domain.vocabulary import Channel
from desktop.store import directory
from desktop.store import intake as store_intake
from desktop.store.schema import channel_account, intake_error, message, ticket
from desktop.store.service import Store

WAIT_SECONDS = 30


def whatsapp(n: int) -> InboundMessage:
    return InboundMessage(
        channel=Channel.WHATSAPP,
        external_id=f"wamid.burst-{n}",
        sender_address=f"62812000{n:04d}",
        sender_name=f"Warga {n}",
        subject="",
        text=f"Lampu jalan di gang {n} mati.",
    )


@pytest.fixture
def store(migrated_url: str) -> Iterator[Store]:
    admin = Store(migrated_url)
    admin.admin(directory.add_unit, "humas", "Biro Humas")
    config = '{"phone_number_id": "106540352242922", "acknowledgement": false}'
    admin.admin(add_account, Channel.WHATSAPP, "WA Humas", "humas", config, None)
    yield admin
    admin.dispose()


def account_of(store: Store) -> Account:
    [account] = store.read(enabled_accounts)
    return account


def count(store: Store, table: Any, *where: Any) -> int:
    return int(
        store.read(lambda conn: conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())
    )


class HeldFirstGroup(PushedIntake):
    """Holds the first group in the store until ``release`` is set, so that the calls made meanwhile queue; keeps
    the sizes of the groups it stores."""

    def __init__(self, store: Store, group_limit: int) -> None:
        super().__init__(store, group_limit)
        self.entered, self.release = threading.Event(), threading.Event()
        self.groups: list[int] = []

    def _store(self, group: list[Any]) -> None:
        self.groups.append(len(group))
        if len(self.groups) == 1:
            self.entered.set()
            assert self.release.wait(WAIT_SECONDS)
        super()._store(group)

    def queued(self) -> int:
        with self._turn:
            return len(self._waiting)


class Calls:
    """Webhook calls on threads of their own, as the server's thread pool makes them; what each got back."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []
        self.answers: dict[int, list[Outcome] | BaseException] = {}

    def make(self, number: int, call: Callable[[], list[Outcome]]) -> None:
        def run() -> None:
            try:
                self.answers[number] = call()
            except BaseException as exc:
                self.answers[number] = exc

        thread = threading.Thread(target=run, name=f"webhook-call-{number}")
        thread.start()
        self.threads.append(thread)

    def finish(self) -> None:
        for thread in self.threads:
            thread.join(WAIT_SECONDS)
        assert not any(thread.is_alive() for thread in self.threads), "a webhook call never got its answer"


def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def burst(intake: HeldFirstGroup, account: Account, queued: int) -> Calls:
    """One call held in the store with message 1, then ``queued`` calls (messages 2…) waiting behind it."""
    calls = Calls()
    calls.make(1, lambda: intake.take_in(account, [Pushed(whatsapp(1), account)]))
    assert intake.entered.wait(WAIT_SECONDS)
    for n in range(2, queued + 2):
        calls.make(n, lambda n=n: intake.take_in(account, [Pushed(whatsapp(n), account)]))  # type: ignore[misc]
    wait_for(lambda: intake.queued() == queued)
    return calls


def test_calls_arriving_during_a_group_are_stored_together_in_the_next(store: Store) -> None:
    account = account_of(store)
    intake = HeldFirstGroup(store, group_limit=3)
    inserts: list[str] = []

    def sent(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO MESSAGE"):
            inserts.append(statement)

    event.listen(store.engine, "before_cursor_execute", sent)
    try:
        calls = burst(intake, account, queued=5)
        assert calls.answers == {} and count(store, message) == 0  # the first group is not committed yet
        intake.release.set()
        calls.finish()
    finally:
        event.remove(store.engine, "before_cursor_execute", sent)
    # The first call alone, then the five that waited, in groups of at most three: one INSERT of messages each.
    assert intake.groups == [1, 3, 2]
    assert len(inserts) == 3
    assert calls.answers == {n: [Outcome.STORED] for n in range(1, 7)}
    assert count(store, message) == 6 and count(store, ticket) == 6
    assert store.read(lambda conn: conn.execute(select(channel_account.c.last_poll_at)).scalar_one()) is not None


def test_a_call_alone_is_stored_at_once_in_its_own_transaction(store: Store) -> None:
    account = account_of(store)
    intake = PushedIntake(store)
    assert intake.take_in(account, [Pushed(whatsapp(1), account), Pushed(whatsapp(2), account)]) == [
        Outcome.STORED,
        Outcome.STORED,
    ]
    assert count(store, message) == 2
    # Delivered again (Meta repeats a notification it thinks unanswered): recognised, nothing new.
    assert intake.take_in(account, [Pushed(whatsapp(1), account)]) == [Outcome.DUPLICATE]
    assert count(store, message) == 2 and count(store, intake_error) == 0


def test_a_refused_message_is_kept_and_the_rest_of_its_group_stored(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = account_of(store)
    real_receive = store_intake.receive

    def refusing(work: Any, inbound: InboundMessage, *args: Any, **kwargs: Any) -> Any:
        if inbound.external_id == whatsapp(3).external_id:
            raise RuntimeError("the store says no")
        return real_receive(work, inbound, *args, **kwargs)

    monkeypatch.setattr(store_intake, "receive", refusing)
    intake = HeldFirstGroup(store, group_limit=10)
    calls = burst(intake, account, queued=2)  # messages 2 and 3 wait together
    # A re-delivery of message 2 in the same group, and a message for a number no account of the app has.
    calls.make(4, lambda: intake.take_in(account, [Pushed(whatsapp(2), account)]))
    unowned = "no WhatsApp account of this app is set up for number 1"
    calls.make(5, lambda: intake.take_in(account, [Pushed(whatsapp(5), None, unowned)]))
    wait_for(lambda: intake.queued() == 4)
    intake.release.set()
    calls.finish()
    assert intake.groups == [1, 4]
    assert calls.answers[1] == [Outcome.STORED] and calls.answers[3] == [Outcome.REFUSED]
    assert {calls.answers[2][0], calls.answers[4][0]} == {Outcome.STORED, Outcome.DUPLICATE}  # type: ignore[index]
    assert calls.answers[5] == [Outcome.REFUSED]
    stored = store.read(lambda conn: sorted(conn.execute(select(message.c.external_id)).scalars()))
    assert stored == ["wamid.burst-1", "wamid.burst-2"]
    kept = store.read(
        lambda conn: {
            row.external_id: row.error for row in conn.execute(select(intake_error.c.external_id, intake_error.c.error))
        }
    )
    assert kept.keys() == {"wamid.burst-3", "wamid.burst-5"}
    assert "the store says no" in kept["wamid.burst-3"] and kept["wamid.burst-5"] == unowned


def test_a_database_out_of_reach_fails_every_call_of_the_group(store: Store) -> None:
    account = account_of(store)
    # Nothing listens on port 1: the connection is refused at once, as a server that went away refuses it.
    gone = Store("postgresql://aduan@127.0.0.1:1/aduan")
    try:
        intake = HeldFirstGroup(gone, group_limit=10)
        calls = burst(intake, account, queued=3)
        intake.release.set()
        calls.finish()
        assert intake.groups == [1, 3]
        assert all(isinstance(answer, Unreachable) for answer in calls.answers.values()), calls.answers
        assert len(calls.answers) == 4
        # Nothing is left waiting or storing: the next call gets the same answer, not a hang.
        with pytest.raises(Unreachable):
            intake.take_in(account, [Pushed(whatsapp(9), account)])
    finally:
        gone.dispose()
    assert count(store, message) == 0 and count(store, intake_error) == 0


def test_a_group_stores_a_large_call_in_batches(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """One notification may bring more messages than a poll's batch: they are stored in batches of that size."""
    monkeypatch.setattr(intake_errors, "BATCH", 2)
    account = account_of(store)
    sizes: list[int] = []
    real = intake_errors.take_in_chunk

    def counting(work: Any, owner: Account, chunk: list[InboundMessage]) -> list[Outcome]:
        sizes.append(len(chunk))
        return real(work, owner, chunk)

    monkeypatch.setattr(intake_errors, "take_in_chunk", counting)
    outcomes = PushedIntake(store).take_in(account, [Pushed(whatsapp(n), account) for n in range(1, 6)])
    assert outcomes == [Outcome.STORED] * 5 and sizes == [2, 2, 1]
    assert count(store, message) == 5


def test_every_call_of_a_crowd_is_answered_after_its_own_messages_are_stored(store: Store) -> None:
    """Many calls at once, groups smaller than the crowd: whichever call stores a group (maybe one of older calls
    than its own), every call gets the outcome of its own message, and each message is stored once."""
    account = account_of(store)

    class Counted(PushedIntake):
        groups: list[int]

        def _store(self, group: list[Any]) -> None:
            self.groups.append(sum(len(call.messages) for call in group))
            super()._store(group)

    intake = Counted(store, group_limit=4)
    intake.groups = []
    start = threading.Barrier(30)
    calls = Calls()
    for n in range(1, 31):

        def call(n: int = n) -> list[Outcome]:
            start.wait(WAIT_SECONDS)
            return intake.take_in(account, [Pushed(whatsapp(n), account)])

        calls.make(n, call)
    calls.finish()
    assert calls.answers == {n: [Outcome.STORED] for n in range(1, 31)}
    assert sum(intake.groups) == 30 and max(intake.groups) <= 4
    assert count(store, message) == 30
