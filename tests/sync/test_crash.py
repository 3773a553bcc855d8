"""A client killed with SIGKILL mid-pull, mid-write or mid-push loses nothing and corrupts nothing.

DESIGN.md, "Sync": the cache runs WAL with synchronous=FULL and every change is one local transaction
(a pulled snapshot with its cursor; an op with its overlay; an outcome with the overlay it retires), so
a crash at any point leaves it consistent; the store applies each op exactly once, so a push cut short
is finished by the next sync without doing anything twice.

The client is a real process (``crasher.py``, started with ``sys.executable``; one is kept warming up so
that the test does not wait a second for each interpreter's imports) on a real central database filled by
the demo generator; the test kills it with ``kill -9`` at random moments, then opens the cache itself and
checks it. The random seed is printed so that a failure can be replayed (``ADUAN_CRASH_SEED``).
"""

from __future__ import annotations

import random
import signal
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import select

from desktop.cache import schema as s
from desktop.cache.database import Cache
from desktop.store.service import Store
from tests.sync.crash_world import (
    EMPTY,
    MISSED_KILL_RETRIES,
    WRITE_TICKETS,
    CacheState,
    Counts,
    Crasher,
    Demo,
    Desked,
    applied_centrally,
    cache_state,
    central_counts,
    check_after_pull_kill,
    colleague_works,
    fill_demo,
    hold_one,
    integrity,
    outbox_rows,
    payload_of,
    queue_ops,
    save_copy,
    seed,
    settle,
    state_of,
)
from tests.sync.helpers import central_view, client, mirror_matches, overlay_agrees

PULL_TICKETS = 1_500  # about 5,000 messages: an initial pull that takes about a second
PULL_KILLS = 2  # per pull (initial, then incremental)
WRITE_KILLS = 3
PUSH_OPS = 40
PUSH_TIMEOUT_SECONDS = 60.0


# -- the crasher processes -----------------------------------------------------------------------------


class Crashers:
    """Hands out crasher processes, keeping one spare warming up (imports take a second) meanwhile."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.spare: Crasher | None = Crasher(folder)  # warms up while the test fills the database

    @contextmanager
    def run(self, *args: str) -> Iterator[Crasher]:
        started = self.spare or Crasher(self.folder)
        started.go(args)
        # The next one imports while this one works and the test checks the cache: the interpreters share
        # the CPU, which moves nothing but the moments the kills land at, and those are random anyway.
        self.spare = Crasher(self.folder)
        try:
            yield started
        finally:
            started.kill()  # never leave one behind, whatever failed

    def close(self) -> None:
        if self.spare is not None:
            self.spare.kill()


@pytest.fixture
def crashers(tmp_path: Path) -> Iterator[Crashers]:
    pool = Crashers(tmp_path)
    yield pool
    pool.close()


# -- pull ----------------------------------------------------------------------------------------------


def run_pull_to_the_end(crashers: Crashers, d: Demo, path: Path) -> float:
    """The crasher's pull, left alone: how long it takes in a real process (the kills aim inside it)."""
    with crashers.run("pull", d.url, d.admin, str(path)) as run:
        run.wait_for("started")
        _, done = run.wait_for("synced")
        assert run.finish(timeout=30) == 0, run.stderr()
    return float(done.split()[1])


def kill_pull_at(crashers: Crashers, d: Demo, path: Path, delay: float) -> bool:
    """Start a pull, SIGKILL it ``delay`` seconds after it started; False when it finished first."""
    with crashers.run("pull", d.url, d.admin, str(path)) as run:
        run.wait_for("started")
        time.sleep(delay)
        status = run.kill()
    if status == -signal.SIGKILL:
        return True
    assert status == 0, f"the pull failed on its own (exit {status}):\n{run.stderr()}"
    return False


def crash_pulls(
    crashers: Crashers,
    d: Demo,
    path: Path,
    rng: random.Random,
    before: CacheState,
    after: CacheState,
    duration: float,
) -> list[str]:
    """``PULL_KILLS`` kills at random moments of a pull, each on the cache the previous kill left."""
    seen = []
    copy = crashers.folder / "before-round.db"
    for _ in range(PULL_KILLS):
        save_copy(path, copy)
        delay = rng.uniform(0.1, 0.8) * duration
        for _attempt in range(MISSED_KILL_RETRIES):
            if kill_pull_at(crashers, d, path, delay):
                break
            save_copy(copy, path)  # it finished first: try again from the same start, sooner
            delay /= 2
        else:
            pytest.fail(f"the pull always finished before the kill (last delay {delay:.3f} s)")
        seen.append(f"{delay:.3f}s:{check_after_pull_kill(path, before, after)}")
        if seen[-1].endswith("after"):
            break  # the pull committed just before the kill: later kills would not hit this pull
    return seen


def test_kill_during_pull_leaves_a_consistent_cache(migrated_url: str, tmp_path: Path, crashers: Crashers) -> None:
    rng = random.Random(seed())
    d = fill_demo(migrated_url, PULL_TICKETS)
    admin = Store(d.url, officer=d.admin)
    path = tmp_path / f"{d.admin}.cache.db"
    try:
        # A pull the crasher finishes: its state is the only other one a killed pull may leave.
        control = tmp_path / "control.cache.db"
        initial = run_pull_to_the_end(crashers, d, control)
        full = state_of(control)
        assert full.mirror == central_view(admin) and len(full.mirror["ticket"]) == PULL_TICKETS
        first = crash_pulls(crashers, d, path, rng, EMPTY, full, initial)

        c = client(d.url, d.admin, tmp_path)
        recovered = settle(c)
        if first[-1].endswith("before"):  # the killed pulls left nothing: this sync takes the whole snapshot
            assert recovered.pull.initial and recovered.pull.rows["ticket"] == PULL_TICKETS
        assert mirror_matches(c)
        synced = cache_state(c.cache)
        c.close()

        colleague = Store(d.url, officer=d.colleague)
        for batch in range(2):
            colleague.write(colleague_works, d.unit, batch)
        colleague.dispose()
        save_copy(path, control)
        incremental = run_pull_to_the_end(crashers, d, control)
        changed = state_of(control)
        assert changed.mirror == central_view(admin) and changed.mirror != synced.mirror
        second = crash_pulls(crashers, d, path, rng, synced, changed, incremental)

        c = client(d.url, d.admin, tmp_path)
        settle(c)
        assert mirror_matches(c)
        c.close()
        print(f"initial pull {initial:.3f} s, kills {first}; incremental pull {incremental:.3f} s, kills {second}")
    finally:
        admin.dispose()


# -- local writes --------------------------------------------------------------------------------------


def prepare_holder(d: Demo, folder: Path) -> Desked:
    """In-process: sync, claim a ticket in follow-up, sync again; then let the cache go for a crasher."""
    c = client(d.url, d.officer, folder)
    try:
        return hold_one(c, d)
    finally:
        c.close()


def check_after_write_kill(desked: Desked, known: set[UUID], printed: list[tuple[UUID, str]]) -> list[Any]:
    """Integrity; every printed op is in the outbox, at most one more op committed unprinted; each
    pending op's overlay is whole. Returns the outbox rows."""
    assert integrity(desked.path) == "ok"
    cache = Cache(desked.path)
    try:
        assert overlay_agrees(cache)
        rows = outbox_rows(cache, desked)
        with cache.read() as conn:
            messages = {r.id: r.op_id for r in conn.execute(select(s.local_message))}
            notes = {r.id: r.op_id for r in conn.execute(select(s.local_note))}
            shown = conn.execute(select(s.local_ticket).where(s.local_ticket.c.ticket_id == desked.held_id)).first()
    finally:
        cache.dispose()
    assert all(row.state == "pending" for row in rows), "nothing was pushed, so every op is still pending"
    kinds = {UUID(str(row.op_id)): row.kind for row in rows}
    new = set(kinds) - known
    for op_id, kind in printed:
        assert kinds.get(op_id) == kind, f"{kind} op {op_id} was committed (printed) but is not in the outbox"
    assert len(new - {op_id for op_id, _ in printed}) <= 1, "more than one op committed without being printed"
    for row in rows:
        payload = payload_of(row)
        if row.kind == "reply":
            assert messages.get(UUID(payload["message_id"])) == UUID(str(row.op_id)), f"reply {row.op_id} half-written"
        if row.kind == "note":
            assert notes.get(UUID(payload["note_id"])) == UUID(str(row.op_id)), f"note {row.op_id} half-written"
    statuses = [row for row in rows if row.kind == "status"]
    if statuses:
        assert shown is not None and UUID(str(shown.op_id)) == UUID(str(statuses[-1].op_id))
        assert shown.status == payload_of(statuses[-1])["status"], "the overlay does not show the last status"
    return rows


def committed_ops(run: Crasher) -> list[tuple[UUID, str]]:
    ops = []
    for line in run.complete_lines():
        if line.startswith("op "):
            _, op_id, kind = line.split()
            ops.append((UUID(op_id), kind))
    return ops


def push_and_check_exactly_once(d: Demo, desked: Desked, folder: Path, rows: Sequence[Any], before: Counts) -> None:
    """One sync pushes every queued op; each takes effect exactly once centrally; the mirror converges."""
    c = client(d.url, d.officer, folder)
    try:
        settle(c)
        done = c.outbox()
        ours = {UUID(str(row.op_id)) for row in rows}
        assert {UUID(str(r.op_id)): r.state for r in done if UUID(str(r.op_id)) in ours} == dict.fromkeys(
            ours, "applied"
        ), "an op was not applied"
        after = central_counts(c.store, desked, rows)
        replies = sum(row.kind == "reply" for row in rows)
        notes = sum(row.kind == "note" for row in rows)
        assert after.applied == len(rows)
        assert (after.messages, after.outbound, after.notes) == (replies, replies, notes)
        assert after.held_messages == before.held_messages + replies, "an answer was stored twice or not at all"
        assert after.notes_on_tickets == before.notes_on_tickets + notes, "a note was stored twice or not at all"
        statuses = [row for row in rows if row.kind == "status"]
        if statuses:
            assert after.held_status == payload_of(statuses[-1])["status"]
        assert overlay_agrees(c.cache)
        assert mirror_matches(c)
    finally:
        c.close()


def test_kill_during_local_writes_loses_no_committed_op(migrated_url: str, tmp_path: Path, crashers: Crashers) -> None:
    rng = random.Random(seed())
    d = fill_demo(migrated_url, WRITE_TICKETS)
    desked = prepare_holder(d, tmp_path)
    store = Store(d.url, officer=d.officer)
    try:
        before = central_counts(store, desked, [])
        known: set[UUID] = set()
        rows: list[Any] = []
        printed_per_round = []
        for _ in range(WRITE_KILLS):
            with crashers.run("write", str(desked.path), desked.held, *desked.others) as run:
                run.wait_for("started")
                time.sleep(rng.uniform(0.2, 0.6))
                status = run.kill()
            assert status == -signal.SIGKILL, f"the writer stopped by itself (exit {status}):\n{run.stderr()}"
            printed = committed_ops(run)  # may be none: a kill inside the first op checks that op's atomicity
            rows = check_after_write_kill(desked, known, printed)
            known = {UUID(str(row.op_id)) for row in rows}
            printed_per_round.append(len(printed))
        kinds = {row.kind for row in rows}
        assert {"note", "reply", "status"} <= kinds, f"the writer did not get round to every kind: {kinds}"
        push_and_check_exactly_once(d, desked, tmp_path, rows, before)
        print(f"ops printed per round {printed_per_round}, queued in all {len(rows)}")
    finally:
        store.dispose()


# -- push ----------------------------------------------------------------------------------------------


def test_kill_during_push_applies_the_rest_once(migrated_url: str, tmp_path: Path, crashers: Crashers) -> None:
    rng = random.Random(seed())
    d = fill_demo(migrated_url, WRITE_TICKETS)
    desked = prepare_holder(d, tmp_path)
    store = Store(d.url, officer=d.officer)
    try:
        before = central_counts(store, desked, [])
        rows = queue_ops(desked, PUSH_OPS)
        op_ids = [UUID(str(row.op_id)) for row in rows]
        target = rng.randint(PUSH_OPS // 5, PUSH_OPS * 3 // 5)
        with crashers.run("push", d.url, d.officer, str(desked.path)) as run:
            started, _ = run.wait_for("started")
            deadline = started + PUSH_TIMEOUT_SECONDS
            while (seen := applied_centrally(store, op_ids)) < target:
                assert run.proc.poll() is None, f"the push ended early (exit {run.proc.returncode}):\n{run.stderr()}"
                assert time.monotonic() < deadline, f"only {seen} of {PUSH_OPS} ops applied in {PUSH_TIMEOUT_SECONDS} s"
                time.sleep(0.002)
            # Seeing a commit puts us just after it: wait up to one op's time more, so that the kill can land
            # anywhere in an op's round trip (its outcome being recorded, the next op on its way, ...).
            time.sleep(rng.uniform(0.0, 1.0) * (time.monotonic() - started) / seen)
            status = run.kill()
        assert status == -signal.SIGKILL, f"the push finished before the kill (exit {status})"
        central = applied_centrally(store, op_ids)
        assert seen <= central < PUSH_OPS, f"the kill did not land mid-push: {central} of {PUSH_OPS} applied"

        assert integrity(desked.path) == "ok"
        cache = Cache(desked.path)
        try:
            assert overlay_agrees(cache)
            states = {UUID(str(r.op_id)): r.state for r in outbox_rows(cache, desked)}
        finally:
            cache.dispose()
        local = sum(states[op_id] == "applied" for op_id in op_ids)
        # The push records an outcome locally right after its central commit: the cache can be one op behind
        # (that op's acknowledgement died with the process), never ahead.
        assert seen - 1 <= local <= central, f"cache records {local} applied; central had {seen}..{central}"

        push_and_check_exactly_once(d, desked, tmp_path, rows, before)
        print(f"killed after {central} of {PUSH_OPS} ops centrally ({local} acknowledged in the cache)")
    finally:
        store.dispose()
