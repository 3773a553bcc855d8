"""kill -9 through ``aduan server``: a client killed mid-pull or mid-push, and the server killed mid-push, lose
nothing and apply nothing twice.

The same guarantees as the direct path (tests/sync/test_crash.py; the checks both use are in crash_world.py),
with a real server process in front of the demo organisation (tests/server/served_demo.py) and the TCP proxy
(tests/sync/proxy.py) between the clients and the server:

- a client process (``crasher.py`` here: ``HttpCentral`` instead of a Store) killed at a random moment of a
  pull leaves its cache whole (integrity_check, overlay agrees with the outbox) and either as it was before
  the pull or with all of it; a later sync completes and the mirror equals the server;
- killed at a random moment of a push, the cache records at most one op less than the server applied, never
  more; the next sync finishes the rest, and each op took effect exactly once (the ledger, the messages, the
  dispatch rows, the notes and the audit events counted against the ops);
- the server killed with SIGKILL at random moments while a client pushes a stream of ops, and started again
  on the same port: the client's retries with the same op ids apply every op exactly once, and the outcome
  each op has in the cache is the one in the server's ledger.

The random seed is printed so that a failure can be replayed (``ADUAN_CRASH_SEED``).
"""

from __future__ import annotations

import contextlib
import json
import random
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import Connection, func, select

from desktop.cache.database import Cache
from desktop.domain.errors import Unreachable
from desktop.store.schema import applied_op, event, officer, ticket
from desktop.store.service import Store
from tests.server.served_demo import Served, close, demo_behind_server
from tests.sync.crash_world import (
    EMPTY,
    MISSED_KILL_RETRIES,
    WRITE_TICKETS,
    CacheState,
    Counts,
    Crasher,
    Desked,
    applied_centrally,
    cache_state,
    central_counts,
    check_after_pull_kill,
    colleague_works,
    hold_one,
    integrity,
    outbox_rows,
    queue_ops,
    save_copy,
    seed,
    settle,
    state_of,
)
from tests.sync.helpers import Client, central_view, mirror_matches, overlay_agrees

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

CRASHER = Path(__file__).with_name("crasher.py")
PULL_TICKETS = 800  # about 2,800 messages: a pull through the server of about a second
PULL_KILLS = (2, 1)  # kills of the initial pull, then of an incremental one
PUSH_OPS = 30
PUSH_KILLS = 2  # client kills, one after the other on what the last one left
SERVER_PUSH_OPS = 40
SERVER_KILLS = 2
PUSH_TIMEOUT_SECONDS = 120.0  # generous: a stuck push fails the test instead of hanging it
RETRY_PAUSE_SECONDS = 0.05  # the pusher's pause between attempts while the server is down


# -- the client process ----------------------------------------------------------------------------------


class ServerCrasher(Crasher):
    """``tests/server/crasher.py`` in its own interpreter, started ahead of its job (see crash_world.Crasher)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, (str(CRASHER),))


class Crashers:
    """Hands out crasher processes, keeping one spare warming up meanwhile."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.spare: ServerCrasher | None = ServerCrasher(folder)

    @contextlib.contextmanager
    def run(self, mode: str, served: Served, token: str, path: Path) -> Iterator[Crasher]:
        started = self.spare or ServerCrasher(self.folder)
        started.go([mode, served.address, token, str(path)])
        self.spare = ServerCrasher(self.folder)
        try:
            yield started
        finally:
            started.kill()

    def close(self) -> None:
        if self.spare is not None:
            self.spare.kill()


@pytest.fixture
def crashers(tmp_path: Path) -> Iterator[Crashers]:
    pool = Crashers(tmp_path)
    yield pool
    pool.close()


# -- pull ----------------------------------------------------------------------------------------------


def pull_to_the_end(crashers: Crashers, served: Served, token: str, path: Path) -> float:
    """The crasher's pull through the server, left alone: how long it takes (the kills aim inside it)."""
    with crashers.run("pull", served, token, path) as run:
        run.wait_for("started")
        _, done = run.wait_for("synced")
        assert run.finish(timeout=30) == 0, run.stderr()
    return float(done.split()[1])


def kill_pull_at(crashers: Crashers, served: Served, token: str, path: Path, delay: float) -> bool:
    """Start a pull, SIGKILL it ``delay`` seconds after it started; False when it finished first."""
    with crashers.run("pull", served, token, path) as run:
        run.wait_for("started")
        time.sleep(delay)
        status = run.kill()
    if status == -signal.SIGKILL:
        return True
    assert status == 0, f"the pull failed on its own (exit {status}):\n{run.stderr()}"
    return False


def crash_pulls(
    crashers: Crashers,
    served: Served,
    token: str,
    path: Path,
    rng: random.Random,
    states: tuple[CacheState, CacheState],
    duration: float,
    kills: int,
) -> list[str]:
    """``kills`` kills at random moments of a pull, each on the cache the previous kill left."""
    before, after = states
    seen = []
    copy = crashers.folder / "before-round.db"
    for _ in range(kills):
        save_copy(path, copy)
        delay = rng.uniform(0.1, 0.8) * duration
        for _attempt in range(MISSED_KILL_RETRIES):
            if kill_pull_at(crashers, served, token, path, delay):
                break
            save_copy(copy, path)  # it finished first: try again from the same start, sooner
            delay /= 2
        else:
            pytest.fail(f"the pull always finished before the kill (last delay {delay:.3f} s)")
        seen.append(f"{delay:.3f}s:{check_after_pull_kill(path, before, after)}")
        if seen[-1].endswith("after"):
            break  # the pull committed just before the kill: later kills would not hit this pull
    return seen


def test_kill_during_a_pull_through_the_server_leaves_a_consistent_cache(
    migrated_url: str, tmp_path: Path, crashers: Crashers
) -> None:
    rng = random.Random(seed())
    with demo_behind_server(migrated_url, tmp_path, PULL_TICKETS) as served:
        d = served.demo
        admin = Store(d.url, officer=d.admin)
        token = served.sign_in(d.admin, f"{d.admin}-crasher")
        path = tmp_path / f"{d.admin}.cache.db"
        control = tmp_path / "control.cache.db"
        try:
            initial = pull_to_the_end(crashers, served, token, control)
            full = state_of(control)
            assert full.mirror == central_view(admin) and len(full.mirror["ticket"]) == PULL_TICKETS
            first = crash_pulls(crashers, served, token, path, rng, (EMPTY, full), initial, PULL_KILLS[0])

            c = served.client(d.admin, path, token)
            recovered = settle(c)
            if first[-1].endswith("before"):  # the killed pulls left nothing: this sync takes the whole snapshot
                assert recovered.pull.initial and recovered.pull.rows["ticket"] == PULL_TICKETS
            assert mirror_matches(c) and overlay_agrees(c.cache)
            synced = cache_state(c.cache)
            close(c)

            colleague = Store(d.url, officer=d.colleague)
            for batch in range(2):
                colleague.write(colleague_works, d.unit, batch)
            colleague.dispose()
            save_copy(path, control)
            incremental = pull_to_the_end(crashers, served, token, control)
            changed = state_of(control)
            assert changed.mirror == central_view(admin) and changed.mirror != synced.mirror
            second = crash_pulls(crashers, served, token, path, rng, (synced, changed), incremental, PULL_KILLS[1])

            c = served.client(d.admin, path, token)
            settle(c)
            assert mirror_matches(c) and overlay_agrees(c.cache)
            close(c)
            print(f"initial pull {initial:.3f} s, kills {first}; incremental pull {incremental:.3f} s, kills {second}")
        finally:
            admin.dispose()


# -- push ----------------------------------------------------------------------------------------------


def prepare_holder(served: Served, folder: Path) -> Desked:
    """Through the server: sync, claim a ticket in follow-up, sync again; then let the cache go."""
    d = served.demo
    c = served.client(d.officer, folder / f"{d.officer}.cache.db")
    try:
        return hold_one(c, d)
    finally:
        close(c)


def finished_locally(desked: Desked, op_ids: list[UUID]) -> int:
    """Ops of ``op_ids`` the cache records an outcome for, after checking the cache is whole."""
    assert integrity(desked.path) == "ok"
    cache = Cache(desked.path)
    try:
        assert overlay_agrees(cache), "overlay and outbox disagree after the kill"
        states = {UUID(str(r.op_id)): r.state for r in outbox_rows(cache, desked)}
    finally:
        cache.dispose()
    return sum(states[op_id] != "pending" for op_id in op_ids)


def audit_counts(store: Store, desked: Desked) -> Counter[str]:
    """The officer's note, reply and status events on the desked tickets (renewals left out)."""

    def query(conn: Connection) -> Counter[str]:
        me = conn.execute(select(officer.c.id).where(officer.c.login == store.requested_officer)).scalar_one()
        tracked = select(ticket.c.id).where(ticket.c.tracking_no.in_([desked.held, *desked.others]))
        rows = conn.execute(
            select(event.c.action, func.count())
            .where(
                event.c.ticket_id.in_(tracked),
                event.c.officer_id == me,
                event.c.action.in_(["note", "reply", "status"]),
            )
            .group_by(event.c.action)
        )
        return Counter({action: int(n) for action, n in rows})

    return store.read(query)


def ledger_disagreements(store: Store, c: Client, op_ids: Sequence[UUID]) -> list[str]:
    """Each op's outcome in the cache is the one the server's ledger holds for it, for this officer."""
    local = {UUID(str(r.op_id)): r for r in c.outbox()}
    central = store.read(
        lambda conn: {
            r.op_id: r
            for r in conn.execute(
                select(applied_op.c.op_id, applied_op.c.outcome, applied_op.c.result, officer.c.login)
                .join(officer, officer.c.id == applied_op.c.officer_id)
                .where(applied_op.c.op_id.in_(list(op_ids)))
            )
        }
    )
    problems = []
    for op_id in op_ids:
        row, server = local[op_id], central.get(op_id)
        if server is None:
            problems.append(f"{row.kind} op {op_id} ({row.state}) is not in the server's ledger")
        elif server.login != c.login:
            problems.append(f"{row.kind} op {op_id} was recorded for {server.login}")
        elif (row.state, json.loads(row.outcome or "{}")) != (server.outcome, json.loads(server.result or "{}")):
            problems.append(
                f"{row.kind} op {op_id}: {row.state} {row.outcome}; server {server.outcome} {server.result}"
            )
    return problems


def check_exactly_once(
    served: Served, c: Client, desked: Desked, rows: Sequence[Any], before: tuple[Counts, Counter[str]]
) -> None:
    """Every queued op applied, each once: the ledger, messages, dispatch rows, notes and audit events."""
    ops = [UUID(str(row.op_id)) for row in rows]
    states = {UUID(str(r.op_id)): r.state for r in c.outbox()}
    assert {op_id: states[op_id] for op_id in ops} == dict.fromkeys(ops, "applied"), "an op was not applied"
    assert ledger_disagreements(c.store, c, ops) == []
    counts_before, events_before = before
    after = central_counts(c.store, desked, rows)
    kinds = Counter(row.kind for row in rows)
    assert after.applied == len(rows)
    assert (after.messages, after.outbound, after.notes) == (kinds["reply"], kinds["reply"], kinds["note"])
    assert after.held_messages == counts_before.held_messages + kinds["reply"], "an answer stored twice or never"
    assert after.notes_on_tickets == counts_before.notes_on_tickets + kinds["note"], "a note stored twice or never"
    events = audit_counts(c.store, desked)
    for action in ("note", "reply", "status"):
        assert events[action] - events_before[action] == kinds[action], f"{action} events do not match the ops"
    statuses = [row for row in rows if row.kind == "status"]
    if statuses:
        assert after.held_status == json.loads(statuses[-1].payload)["status"]


def test_kill_during_a_push_through_the_server_applies_the_rest_once(
    migrated_url: str, tmp_path: Path, crashers: Crashers
) -> None:
    rng = random.Random(seed())
    with demo_behind_server(migrated_url, tmp_path, WRITE_TICKETS) as served:
        d = served.demo
        desked = prepare_holder(served, tmp_path)
        store = Store(d.url, officer=d.officer)
        token = served.sign_in(d.officer, f"{d.officer}-crasher")
        try:
            before = (central_counts(store, desked, []), audit_counts(store, desked))
            rows = queue_ops(desked, PUSH_OPS)
            op_ids = [UUID(str(row.op_id)) for row in rows]
            kills = []
            for _ in range(PUSH_KILLS):
                already = applied_centrally(store, op_ids)
                target = already + rng.randint(3, (PUSH_OPS - already) // 3)
                with crashers.run("push", served, token, desked.path) as run:
                    started, _ = run.wait_for("started")
                    deadline = started + PUSH_TIMEOUT_SECONDS
                    while (seen := applied_centrally(store, op_ids)) < target:
                        assert run.proc.poll() is None, f"the push ended (exit {run.proc.returncode}):\n{run.stderr()}"
                        assert time.monotonic() < deadline, f"only {seen} of {PUSH_OPS} ops applied in time"
                        time.sleep(0.002)
                    # Up to one op's time more: the kill may land anywhere in an op's round trip through the
                    # proxy and the server (the request on its way, the server applying, the answer back...).
                    time.sleep(rng.uniform(0.0, 1.0) * (time.monotonic() - started) / max(1, seen - already))
                    status = run.kill()
                assert status == -signal.SIGKILL, f"the push finished before the kill (exit {status})"
                local = finished_locally(desked, op_ids)  # first the cache, then the server: the server only grows
                central = applied_centrally(store, op_ids)
                # The cache records an outcome right after the server answered: it can be one op behind (the
                # answer died with the process, or the server is still applying the op it was sent), never
                # ahead, and never more than one behind (the client sends an op only after the last one's
                # outcome is recorded).
                assert seen - 1 <= local <= central <= local + 1, f"cache {local}, server {seen}..{central}"
                assert local < PUSH_OPS, "the kill did not land mid-push"
                kills.append(f"{local}/{central}")

            c = served.client(d.officer, desked.path, token)
            try:
                settle(c)
                check_exactly_once(served, c, desked, rows, before)
                assert overlay_agrees(c.cache) and mirror_matches(c)
            finally:
                close(c)
            print(f"killed at (acknowledged/applied) {kills} of {PUSH_OPS} ops")
        finally:
            store.dispose()


# -- the server killed mid-push --------------------------------------------------------------------------


class Pusher(threading.Thread):
    """A client pushing its outbox through the proxy until nothing is pending, retrying while the server is
    down. Its client is made in the thread (an SQLite connection stays in the thread that opened it)."""

    def __init__(self, served: Served, desked: Desked, token: str) -> None:
        super().__init__(daemon=True, name="pusher")
        self.served, self.desked, self.token = served, desked, token
        self.stop = threading.Event()
        self.failures: list[str] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            c = self.served.client(self.served.demo.officer, self.desked.path, self.token)
            try:
                while not self.stop.is_set():
                    try:
                        c.engine.push()
                        return
                    except Unreachable as exc:
                        self.failures.append(str(exc))
                        time.sleep(RETRY_PAUSE_SECONDS)
            finally:
                close(c)
        except BaseException as exc:  # handed to the test's thread
            self.error = exc


def test_the_server_killed_during_pushes_applies_each_op_exactly_once(migrated_url: str, tmp_path: Path) -> None:
    rng = random.Random(seed())
    with demo_behind_server(migrated_url, tmp_path, WRITE_TICKETS) as served:
        d = served.demo
        desked = prepare_holder(served, tmp_path)
        store = Store(d.url, officer=d.officer)
        token = served.sign_in(d.officer, f"{d.officer}-pc")
        pusher = Pusher(served, desked, token)
        try:
            before = (central_counts(store, desked, []), audit_counts(store, desked))
            rows = queue_ops(desked, SERVER_PUSH_OPS)
            op_ids = [UUID(str(row.op_id)) for row in rows]
            pusher.start()
            kills = []
            for k in range(SERVER_KILLS):
                already = applied_centrally(store, op_ids)
                target = already + rng.randint(2, max(2, (SERVER_PUSH_OPS - already) // (SERVER_KILLS - k + 1)))
                began = time.monotonic()
                deadline = began + PUSH_TIMEOUT_SECONDS
                while (seen := applied_centrally(store, op_ids)) < target:
                    assert pusher.is_alive(), f"the pusher stopped early: {pusher.error!r}"
                    assert time.monotonic() < deadline, f"only {seen} of {SERVER_PUSH_OPS} ops applied in time"
                    time.sleep(0.002)
                time.sleep(rng.uniform(0.0, 1.0) * (time.monotonic() - began) / max(1, seen - already))
                status = served.server.kill()
                assert status == -signal.SIGKILL, f"the server stopped by itself (exit {status})"
                at_kill = applied_centrally(store, op_ids)  # nothing changes it while the server is dead
                assert at_kill < SERVER_PUSH_OPS, "the kill did not land mid-stream"
                kills.append(at_kill)
                served.server.start()
            pusher.join(PUSH_TIMEOUT_SECONDS)
            assert not pusher.is_alive(), "the pusher did not finish after the server came back"
            assert pusher.error is None, f"the pusher failed: {pusher.error!r}"
            assert pusher.failures, "no push ever failed: the server was not killed under it"

            c = served.client(d.officer, desked.path, token)
            try:
                assert overlay_agrees(c.cache)
                check_exactly_once(served, c, desked, rows, before)
                settle(c)
                assert overlay_agrees(c.cache) and mirror_matches(c)
            finally:
                close(c)
            print(f"server killed with {kills} of {SERVER_PUSH_OPS} ops applied; {len(pusher.failures)} failed pushes")
        finally:
            pusher.stop.set()
            pusher.join(30)
            store.dispose()
