"""Child-process bodies for the contention tests (``test_contention.py``).

Each racer is a separate OS process started with the "spawn" method, so it shares nothing with the test
but the database: it opens its own ``Store`` acting as its own officer. Only the domain errors a racer is
expected to meet are caught; anything else is sent back to the test as a traceback (and breaks the
barrier so the other racers stop waiting) and fails the test there.
"""

from __future__ import annotations

import importlib
import traceback
from collections.abc import Callable
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import Any
from uuid import UUID

from desktop.domain.errors import HeldByOther, NotFound
from desktop.store.service import Store

CLAIM = "desktop.store.claims:claim"
PICK_NEXT = "desktop.store.claims:pick_next"
BARRIER_TIMEOUT_SECONDS = 120


def resolve(op_path: str) -> Callable[..., Any]:
    """``"package.module:function"`` to the function: the test may hand racers another op to check itself."""
    module, _, name = op_path.partition(":")
    op: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return op


def _run(body: Callable[[], Any], login: str, barrier: Barrier, results: Queue[Any]) -> None:
    try:
        outcome = body()
    except BaseException:
        results.put(("error", login, traceback.format_exc()))
        barrier.abort()  # nobody waits for a racer that is gone
        raise
    results.put(("ok", login, outcome))


def race_claims(
    barrier: Barrier, results: Queue[Any], url: str, login: str, ticket_ids: list[UUID], op_path: str = CLAIM
) -> None:
    """Round ``n``: wait for every racer, then claim ``ticket_ids[n]``.

    Sends ``(round, won, holder, token)`` per round: for a win the holder and token of the returned ticket,
    for a loss the holder named by ``HeldByOther`` and ``None``.
    """

    def body() -> list[tuple[int, bool, str, int | None]]:
        op = resolve(op_path)
        store = Store(url, officer=login, device=f"device-{login}")
        try:
            store.actor()  # schema check, officer lookup and a pooled connection before the first round
            rounds: list[tuple[int, bool, str, int | None]] = []
            for number, ticket_id in enumerate(ticket_ids):
                barrier.wait(BARRIER_TIMEOUT_SECONDS)
                try:
                    claimed = store.write(op, ticket_id)
                except HeldByOther as refused:
                    rounds.append((number, False, refused.holder, None))
                else:
                    assert claimed.claim.holder is not None
                    rounds.append((number, True, claimed.claim.holder, claimed.claim.token))
            return rounds
        finally:
            store.dispose()

    _run(body, login, barrier, results)


def drain(barrier: Barrier, results: Queue[Any], url: str, login: str, op_path: str = PICK_NEXT) -> None:
    """Pick the next ticket until there is none; sends the ids of the tickets this racer got, in order."""

    def body() -> list[UUID]:
        op = resolve(op_path)
        store = Store(url, officer=login, device=f"device-{login}")
        try:
            store.actor()
            got: list[UUID] = []
            barrier.wait(BARRIER_TIMEOUT_SECONDS)
            while True:
                try:
                    picked = store.write(op)
                except NotFound:
                    return got
                assert picked.claim.holder == login, f"{login} picked a ticket held by {picked.claim.holder}"
                got.append(picked.id)
        finally:
            store.dispose()

    _run(body, login, barrier, results)
