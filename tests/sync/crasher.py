"""A real client process for the crash tests (``test_crash.py``): the test kills it with SIGKILL.

Run as ``python crasher.py MODE ...`` with the repository on ``PYTHONPATH`` (or as ``crasher.py serve``, which
reads ``["MODE", ...]`` as one JSON line from stdin once its imports are done):

- ``pull URL LOGIN CACHE``: one ``SyncEngine.sync()`` (handshake, push, pull, heartbeat);
- ``push URL LOGIN CACHE``: one ``SyncEngine.push()`` of whatever the outbox holds;
- ``write CACHE HELD OTHER...``: Desk operations in a loop, offline (no central database is touched):
  a note, a reply and a status change on HELD (a ticket this officer holds), a note on each OTHER.

Everything that may be slow (imports, opening the cache and the store) happens before ``started`` is
printed, so the test's clock starts at the work itself. ``write`` prints ``op <op_id> <kind>`` after each
operation's local transaction committed: a printed op must survive the kill. Each line is flushed at once.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from itertools import cycle, islice

from sqlalchemy import func, select

from desktop.cache import schema as s
from desktop.cache.database import Cache
from desktop.cache.overlay import resolve, seen
from desktop.desk.operations import Desk
from desktop.domain.operations import Op
from desktop.domain.status import Status
from desktop.store.service import Store
from desktop.sync.engine import SyncEngine

# A forgotten writer must not run forever: the test kills it long before this.
WRITE_LIMIT_SECONDS = 60.0
# The two statuses a held ticket can go back and forth between.
NEXT_STATUS = {Status.DITINDAKLANJUTI: Status.MENUNGGU_PELAPOR, Status.MENUNGGU_PELAPOR: Status.DITINDAKLANJUTI}


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def engine(url: str, login: str, cache_path: str) -> SyncEngine:
    store = Store(url, officer=login, device=f"{login}-crasher")
    store.actor()  # schema check and a pooled connection before "started"
    return SyncEngine(Cache(cache_path), store)


def run_pull(url: str, login: str, cache_path: str) -> None:
    sync = engine(url, login, cache_path)
    say("started")
    began = time.monotonic()
    report = sync.sync()
    say(f"synced {time.monotonic() - began:.4f} {sum(report.pull.rows.values())}")


def run_push(url: str, login: str, cache_path: str) -> None:
    sync = engine(url, login, cache_path)
    say("started")
    report = sync.push()
    say(f"pushed {report.applied} {report.rejected} {report.handed_over}")


def operations(desk: Desk, cache: Cache, held: str, others: list[str], skip: int = 0) -> Iterator[Callable[[int], Op]]:
    """The writer's round: what an officer does on a ticket they hold, and notes on the unit's others;
    ``skip`` steps in, so that a writer started again goes on where the last one stopped."""

    def next_status(_n: int) -> Op:
        with cache.read() as conn:
            current = seen(conn, resolve(conn, held)).status
        return desk.status(held, NEXT_STATUS[current])

    steps: list[Callable[[int], Op]] = [
        lambda n: desk.note(held, f"Catatan uji crash nomor {n}: sudah dicek ke lapangan."),
        lambda n: desk.reply(held, f"Balasan uji crash nomor {n}: laporan Anda sedang kami tindak lanjuti."),
        next_status,
    ]
    for other in others:
        steps.append(lambda n, ref=other: desk.note(ref, f"Catatan uji crash nomor {n} di tiket lain."))
    return islice(cycle(steps), skip % len(steps), None)


def run_write(cache_path: str, held: str, others: list[str]) -> None:
    cache = Cache(cache_path)
    desk = Desk(cache)
    with cache.read() as conn:
        queued = int(conn.execute(select(func.count()).select_from(s.outbox)).scalar_one())
    say("started")
    deadline = time.monotonic() + WRITE_LIMIT_SECONDS
    for number, step in enumerate(operations(desk, cache, held, others, queued), start=queued + 1):
        if time.monotonic() > deadline:
            break
        op = step(number)
        say(f"op {op.op_id} {op.kind.value}")
    say("done")


def main(argv: list[str]) -> None:
    if argv == ["serve"]:
        # Started ahead of time with the imports done: the test hands over the job (a JSON list of the
        # same arguments) when it needs it, so an interpreter's start-up is not paid in every round.
        argv = json.loads(sys.stdin.readline() or '["none"]')
    mode, *args = argv
    if mode == "pull":
        run_pull(*args)
    elif mode == "push":
        run_push(*args)
    elif mode == "write":
        run_write(args[0], args[1], args[2:])
    else:
        raise SystemExit(f"unknown mode {mode!r}: pull, push or write")


if __name__ == "__main__":
    main(sys.argv[1:])
