"""Claims under real contention: many OS processes, each its own officer, on every engine.

DESIGN.md, "Claims": acquiring is one conditional UPDATE checked by its rowcount, so however many
officers reach for a ticket at the same moment exactly one gets it, and "pick next" hands every ticket
to exactly one officer. Racers are spawned processes (see ``racers.py``), started once for the module,
each job with its own ``Store``; they connect with the test's admin URL and act for the officer they
name, which the store allows for a connection whose database user is not an officer. Officers are
inserted as rows, so no server logins are created.
"""

from __future__ import annotations

import multiprocessing
import queue
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import Connection, insert, select
from uuid6 import uuid7

from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Kind, Priority, Role
from desktop.store.clock import server_now
from desktop.store.directory import add_unit
from desktop.store.schema import event, ticket
from desktop.store.service import Store
from tests.store import racers
from tests.store.helpers import add_officer_without_login

pytestmark = pytest.mark.slow

RACERS = 16
ROUNDS = 200
DRAIN_TICKETS = 2_000
UNIT = "kontensi"
RESULTS_TIMEOUT_SECONDS = 480

spawn = multiprocessing.get_context("spawn")


@pytest.fixture
def admin_store(migrated_url: str) -> Iterator[Store]:
    store = Store(migrated_url)
    yield store
    store.dispose()


def _setup(conn: Connection, logins: list[str], tickets: int) -> tuple[dict[str, int], list[UUID]]:
    """A unit, its officers and ``tickets`` open tickets in it, inserted in bulk; returns ids in due order."""
    unit_id = add_unit(conn, UNIT, "Unit uji kontensi").id
    now = server_now(conn)
    officer_ids = {
        login: add_officer_without_login(conn, login, f"Petugas {login}", [UNIT], Role.OFFICER) for login in logins
    }
    ids = [uuid7() for _ in range(tickets)]
    conn.execute(
        insert(ticket),
        [
            {
                "id": ticket_id,
                "tracking_no": f"ADU-{now.year}-{n + 1:06d}",
                "kind": Kind.PENGADUAN.value,
                "priority": int(Priority.SEDANG),
                "status": Status.DITERIMA.value,
                "unit_id": unit_id,
                "channel": Channel.WEB.value,
                "subject": f"Aduan kontensi nomor {n + 1}",
                "row_version": 1,
                "claim_token": 0,
                "created_at": now,
                "updated_at": now,
                "due_at": now + timedelta(days=1, minutes=n),  # distinct deadlines: "pick next" has an order
            }
            for n, ticket_id in enumerate(ids)
        ],
    )
    return officer_ids, ids


def _logins() -> list[str]:
    return [f"racer{n:02d}" for n in range(RACERS)]


@dataclass
class Raced:
    """What each racer sent back, and how long racing took (from the last racer being ready)."""

    outcomes: dict[str, Any]
    seconds: float


class RacerPool:
    """``RACERS`` spawned processes that run one job each per test; see ``racers.serve``."""

    def __init__(self) -> None:
        self.barrier = spawn.Barrier(RACERS)
        self.results: Any = spawn.Queue()
        self.inboxes: list[Any] = [spawn.Queue() for _ in range(RACERS)]
        self.processes = [
            spawn.Process(target=racers.serve, args=(self.barrier, inbox, self.results), name=f"racer-{n}")
            for n, inbox in enumerate(self.inboxes)
        ]
        for process in self.processes:
            process.start()

    def alive(self) -> bool:
        return all(process.is_alive() for process in self.processes)

    def run(self, job: str, per_login_args: dict[str, tuple[Any, ...]]) -> Raced:
        """Hand each racer one login's job, wait for all of them; a racer's failure fails the test."""
        assert len(per_login_args) == RACERS
        self.barrier.reset()
        for inbox, (login, args) in zip(self.inboxes, per_login_args.items(), strict=True):
            inbox.put((job, login, args))
        outcomes: dict[str, Any] = {}
        ready: list[float] = []
        deadline = time.monotonic() + RESULTS_TIMEOUT_SECONDS
        while len(outcomes) < RACERS:
            try:
                kind, login, payload, ready_at = self.results.get(timeout=1)
            except queue.Empty:
                if not self.alive():
                    self.close()
                    pytest.fail(f"a racer process died without a word; done: {sorted(outcomes)}")
                if time.monotonic() > deadline:
                    self.close()
                    pytest.fail(f"racers did not finish in {RESULTS_TIMEOUT_SECONDS} s; done: {sorted(outcomes)}")
                continue
            if kind != "ok":
                # The barrier is broken now: the others would only report BrokenBarrierError, not the cause.
                self.close()
                pytest.fail(f"racer {login} failed:\n{payload}")
            outcomes[login] = payload
            ready.append(ready_at)
        return Raced(outcomes, time.time() - max(ready))

    def close(self, graceful: bool = False) -> None:
        """Stop the racers: politely when they are idle (end of module), at once after a failure.

        After a failure some racers may still be racing, or be unable to exit until the test reads the
        results they queued, so they are terminated rather than waited for.
        """
        if graceful:
            for process, inbox in zip(self.processes, self.inboxes, strict=True):
                if process.is_alive():
                    inbox.put(None)
            deadline = time.monotonic() + 30
            for process in self.processes:
                process.join(timeout=max(deadline - time.monotonic(), 0))
        for process in self.processes:
            if process.is_alive():
                process.terminate()
        for process in self.processes:
            process.join()


@pytest.fixture(scope="module")
def pool_holder() -> Iterator[list[RacerPool]]:
    """Racer processes shared by the module's tests; a pool broken by a failed test is replaced."""
    holder: list[RacerPool] = []
    yield holder
    for pool in holder:
        pool.close(graceful=True)


@pytest.fixture
def pool(pool_holder: list[RacerPool]) -> RacerPool:
    if not pool_holder or not pool_holder[-1].alive():
        started = time.monotonic()
        pool_holder.append(RacerPool())
        pool_holder[-1].run("ready", {login: () for login in _logins()})
        print(f"\nstarted {RACERS} racer processes in {time.monotonic() - started:.1f} s")
    return pool_holder[-1]


def _claim_events(conn: Connection) -> dict[UUID, list[tuple[int, int]]]:
    """Per ticket, the (officer id, claim token) of each "claim" event."""
    found: dict[UUID, list[tuple[int, int]]] = {}
    for ticket_id, officer_id, token in conn.execute(
        select(event.c.ticket_id, event.c.officer_id, event.c.claim_token).where(event.c.action == "claim")
    ):
        found.setdefault(UUID(str(ticket_id)), []).append((officer_id, token))
    return found


def _claims(conn: Connection) -> dict[UUID, tuple[int | None, int, datetime | None]]:
    return {
        UUID(str(r.id)): (r.claimed_by, int(r.claim_token), r.claim_expires_at)
        for r in conn.execute(select(ticket.c.id, ticket.c.claimed_by, ticket.c.claim_token, ticket.c.claim_expires_at))
    }


def test_racers_claiming_one_ticket_per_round_yield_exactly_one_winner(admin_store: Store, pool: RacerPool) -> None:
    logins = _logins()
    officer_ids, ticket_ids = admin_store.admin(_setup, logins, ROUNDS)
    login_of = {officer_id: login for login, officer_id in officer_ids.items()}

    raced = pool.run("race_claims", {login: (admin_store.url, login, ticket_ids) for login in logins})

    by_round: dict[int, list[tuple[str, bool, str, int | None]]] = {n: [] for n in range(ROUNDS)}
    for login, rounds in raced.outcomes.items():
        assert [n for n, *_ in rounds] == list(range(ROUNDS)), f"{login} skipped or repeated a round"
        for number, won, holder, token in rounds:
            by_round[number].append((login, won, holder, token))
    winners: dict[int, str] = {}
    for number, entries in by_round.items():
        won = [login for login, has_won, *_ in entries if has_won]
        assert len(won) == 1, f"round {number}: {len(won)} winners {won}"
        winner = winners[number] = won[0]
        for login, has_won, holder, token in entries:
            if has_won:
                assert (holder, token) == (winner, 1), f"round {number}: the winner's ticket says {holder}/{token}"
            else:
                assert holder == winner, f"round {number}: {login} was told the holder is {holder}, not {winner}"

    with admin_store.engine.connect() as conn:
        now = server_now(conn)
        claims = _claims(conn)
        events = _claim_events(conn)
    for number, ticket_id in enumerate(ticket_ids):
        claimed_by, token, expires_at = claims[ticket_id]
        assert claimed_by is not None and login_of[claimed_by] == winners[number], f"round {number} in the database"
        assert token == 1, f"round {number}: claim token {token} after one acquire"
        assert expires_at is not None and expires_at > now
        assert events.get(ticket_id) == [(officer_ids[winners[number]], 1)], f"round {number}: claim events"
    assert set(events) == set(ticket_ids)
    wins = sorted(Counter(winners.values()).values(), reverse=True)
    print(f"\n{RACERS} racers x {ROUNDS} rounds: raced in {raced.seconds:.1f} s; wins per racer {wins}")


def test_racers_draining_the_queue_get_every_ticket_exactly_once(admin_store: Store, pool: RacerPool) -> None:
    logins = _logins()
    officer_ids, ticket_ids = admin_store.admin(_setup, logins, DRAIN_TICKETS)
    login_of = {officer_id: login for login, officer_id in officer_ids.items()}

    raced = pool.run("drain", {login: (admin_store.url, login) for login in logins})

    picked = [(login, ticket_id) for login, (got, _) in raced.outcomes.items() for ticket_id in got]
    taken = Counter(ticket_id for _, ticket_id in picked)
    assert [t for t, n in taken.items() if n > 1] == [], "tickets handed to more than one racer"
    assert set(taken) == set(ticket_ids), f"{len(set(ticket_ids) - set(taken))} tickets never picked"
    assert len(picked) == DRAIN_TICKETS

    with admin_store.engine.connect() as conn:
        claims = _claims(conn)
        events = _claim_events(conn)
        assert racers.unclaimed(conn) == 0, "tickets left unclaimed"
    for login, ticket_id in picked:
        claimed_by, token, _ = claims[ticket_id]
        assert claimed_by is not None and login_of[claimed_by] == login, f"{ticket_id} picked by {login}"
        assert token == 1
        assert events.get(ticket_id) == [(officer_ids[login], 1)], f"{ticket_id}: claim events"
    assert set(events) == set(ticket_ids)
    shares = sorted((len(got) for got, _ in raced.outcomes.values()), reverse=True)
    most_left = max(n for _, n in raced.outcomes.values())
    print(
        f"\n{RACERS} racers drained {DRAIN_TICKETS} tickets: raced in {raced.seconds:.1f} s; tickets per racer "
        f"{shares}; at most {most_left} seen unclaimed by a racer told 'nothing to pick'"
    )
    # "Nothing to pick" must mean it: a racer told so may still see tickets that other racers were about to
    # take (at most one each), but not more.
    left = {login: n for login, (_, n) in raced.outcomes.items() if n > RACERS - 1}
    assert left == {}, f"racers told 'nothing to pick' while this many tickets were still unclaimed: {left}"
