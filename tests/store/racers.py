"""Child-process bodies for the contention tests (``test_contention.py``).

Each racer is a separate OS process started with the "spawn" method, so it shares nothing with the test
but the database. The processes are started once per test module (starting sixteen interpreters costs
more than a race) and run one job per test: a job opens its own ``Store`` acting as its own officer and
disposes of it at the end. Only the domain errors a racer is expected to meet are caught; anything else
is sent back to the test as a traceback (and breaks the barrier so the other racers stop waiting) and
fails the test there.
"""

from __future__ import annotations

import importlib
import time
import traceback
from collections.abc import Callable
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, func, select

from desktop.domain.errors import HeldByOther, NotFound
from desktop.store.schema import ticket
from desktop.store.service import Store

CLAIM = "desktop.store.claims:claim"
PICK_NEXT = "desktop.store.claims:pick_next"
BARRIER_TIMEOUT_SECONDS = 120


def resolve(op_path: str) -> Callable[..., Any]:
    """``"package.module:function"`` to the function: the test may hand racers another op to check itself."""
    module, _, name = op_path.partition(":")
    op: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return op


def serve(barrier: Barrier, jobs: Queue[Any], results: Queue[Any]) -> None:
    """A racer process: run each job the test sends, until it sends None.

    A job is ``(function name, login, args)``; the function is called as ``function(barrier, *args)`` and
    returns ``(ready_at, outcome)``, ``ready_at`` being the time it first reached the barrier.
    """
    while (job := jobs.get()) is not None:
        name, login, args = job
        try:
            ready_at, outcome = JOBS[name](barrier, *args)
        except BaseException:
            results.put(("error", login, traceback.format_exc(), None))
            barrier.abort()  # nobody waits for a racer that is gone
            raise
        results.put(("ok", login, outcome, ready_at))


def race_claims(
    barrier: Barrier, url: str, login: str, ticket_ids: list[UUID], op_path: str = CLAIM
) -> tuple[float, list[tuple[int, bool, str, int | None]]]:
    """Round ``n``: wait for every racer, then claim ``ticket_ids[n]``.

    Sends ``(round, won, holder, token)`` per round: for a win the holder and token of the returned ticket,
    for a loss the holder named by ``HeldByOther`` and ``None``.
    """

    op = resolve(op_path)
    store = Store(url, officer=login, device=f"device-{login}")
    try:
        store.actor()  # schema check, officer lookup and a pooled connection before the first round
        rounds: list[tuple[int, bool, str, int | None]] = []
        ready_at = time.time()
        for number, ticket_id in enumerate(ticket_ids):
            barrier.wait(BARRIER_TIMEOUT_SECONDS)
            try:
                claimed = store.write(op, ticket_id)
            except HeldByOther as refused:
                rounds.append((number, False, refused.holder, None))
            else:
                assert claimed.claim.holder is not None
                rounds.append((number, True, claimed.claim.holder, claimed.claim.token))
        return ready_at, rounds
    finally:
        store.dispose()


def unclaimed(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(ticket).where(ticket.c.claimed_by.is_(None))).scalar_one())


def drain(barrier: Barrier, url: str, login: str, op_path: str = PICK_NEXT) -> tuple[float, tuple[list[UUID], int]]:
    """Pick the next ticket until told there is none.

    Sends the ids of the tickets this racer got, in order, and how many tickets it then still sees
    unclaimed (tickets are never released here, so those were unclaimed when it was told "nothing").
    """

    op = resolve(op_path)
    store = Store(url, officer=login, device=f"device-{login}")
    try:
        store.actor()
        got: list[UUID] = []
        ready_at = time.time()
        barrier.wait(BARRIER_TIMEOUT_SECONDS)
        while True:
            try:
                picked = store.write(op)
            except NotFound:
                return ready_at, (got, store.read(unclaimed))
            assert picked.claim.holder == login, f"{login} picked a ticket held by {picked.claim.holder}"
            got.append(picked.id)
    finally:
        store.dispose()


def ready(barrier: Barrier) -> tuple[float, None]:
    """Nothing but a meeting at the barrier: the test waits for every process to be up."""
    barrier.wait(BARRIER_TIMEOUT_SECONDS)
    return time.time(), None


JOBS: dict[str, Callable[..., tuple[float, Any]]] = {"race_claims": race_claims, "drain": drain, "ready": ready}
