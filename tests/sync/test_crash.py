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

import json
import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import Connection, func, select, text

from desktop.cache import schema as s
from desktop.cache.database import Cache
from desktop.cache.state import get_state
from desktop.demo import generator as demo
from desktop.desk.operations import Desk
from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Kind, Role
from desktop.store import claims, handling, tickets
from desktop.store.schema import applied_op, membership, message, note, officer, outbound_message, ticket, unit
from desktop.store.service import Store
from desktop.store.work import Work
from desktop.sync.engine import SyncReport
from tests.sync.crasher import operations
from tests.sync.helpers import Client, central_view, client, mirror_matches, mirror_view, overlay_agrees

ROOT = Path(__file__).resolve().parents[2]
CRASHER = Path(__file__).with_name("crasher.py")

PULL_TICKETS = 1_500  # about 5,000 messages: an initial pull that takes about a second
WRITE_TICKETS = 400  # the write and push tests need a unit's worth of tickets, not a big pull
PULL_KILLS = 2  # per pull (initial, then incremental)
WRITE_KILLS = 3
PUSH_OPS = 40
START_TIMEOUT_SECONDS = 60.0  # a generous deadline for a cold interpreter to import and connect
PUSH_TIMEOUT_SECONDS = 60.0
MISSED_KILL_RETRIES = 4


def _seed() -> int:
    seed = int(os.environ.get("ADUAN_CRASH_SEED") or random.randrange(2**32))
    print(f"crash seed {seed} (ADUAN_CRASH_SEED={seed} replays the same kill moments)")
    return seed


# -- the demo organisation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Demo:
    url: str
    admin: str  # sees every unit: the biggest pull
    unit: str  # the unit with the most tickets
    officer: str  # an officer of that unit
    colleague: str  # another officer of that unit


def fill_demo(url: str, tickets_count: int) -> Demo:
    """Demo units, officers and tickets. Not ``build_org``: the demo fills only an empty database, and its
    own organisation (with admins and busy units) is what these tests need."""
    store = Store(url)
    try:
        store.admin(demo.fill, tickets=tickets_count, seed=1)
        return store.read(_pick_people, url)
    finally:
        store.dispose()


def _pick_people(conn: Connection, url: str) -> Demo:
    admin = conn.execute(
        select(officer.c.login).where(officer.c.role == Role.ADMIN.value).order_by(officer.c.login).limit(1)
    ).scalar_one()
    busiest = conn.execute(
        select(unit.c.id, unit.c.code)
        .join(ticket, ticket.c.unit_id == unit.c.id)
        .group_by(unit.c.id, unit.c.code)
        .order_by(func.count().desc(), unit.c.code)
        .limit(1)
    ).one()
    members = list(
        conn.execute(
            select(officer.c.login)
            .join(membership, membership.c.officer_id == officer.c.id)
            .where(membership.c.unit_id == busiest.id, officer.c.role == Role.OFFICER.value)
            .order_by(officer.c.login)
        ).scalars()
    )
    assert len(members) >= 2, f"the demo gave unit {busiest.code} fewer than two officers: {members}"
    return Demo(url, admin, busiest.code, members[0], members[1])


# -- the crasher process -------------------------------------------------------------------------------


class Crasher:
    """``crasher.py serve`` in its own interpreter, started ahead of its job; a thread collects its stdout."""

    def __init__(self, folder: Path, command: tuple[str, ...] = (str(CRASHER), "serve")) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        self.stderr_path = folder / f"crasher-{time.monotonic_ns()}.stderr"
        with self.stderr_path.open("w") as stderr:
            self.proc = subprocess.Popen(
                [sys.executable, *command],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                cwd=ROOT,
                env=env,
            )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def go(self, args: Sequence[str]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(list(args)) + "\n")
        self.proc.stdin.close()

    def wait_for(self, prefix: str, timeout: float = START_TIMEOUT_SECONDS) -> tuple[float, str]:
        """The moment (monotonic clock) the line starting with ``prefix`` arrived, and the line."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"crasher printed no {prefix!r} within {timeout} s")
            if line is None:
                self.proc.wait()
                pytest.fail(f"crasher ended (exit {self.proc.returncode}) before {prefix!r}:\n{self.stderr()}")
            self.seen.append(line)
            if line.startswith(prefix):
                return time.monotonic(), line.strip()

    def kill(self) -> int:
        """SIGKILL it; returns the exit status (``-SIGKILL`` when it was still running)."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        return self.proc.wait(timeout=30)

    def finish(self, timeout: float) -> int:
        return self.proc.wait(timeout=timeout)

    def complete_lines(self) -> list[str]:
        """Every line it printed in full (a line cut by the kill has no newline and is left out)."""
        self.reader.join(timeout=30)
        while (line := self.lines.get_nowait()) is not None:
            self.seen.append(line)
        return [line.strip() for line in self.seen if line.endswith("\n")]

    def stderr(self) -> str:
        return self.stderr_path.read_text()


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


# -- cache files and states ----------------------------------------------------------------------------


def _cache_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal")]


def save_copy(path: Path, copy: Path) -> None:
    """A copy of a closed cache (its database and WAL files); the copy's WAL index is rebuilt on open."""
    copy.with_name(copy.name + "-shm").unlink(missing_ok=True)
    for source, target in zip(_cache_files(path), _cache_files(copy), strict=True):
        target.unlink(missing_ok=True)
        if source.exists():
            shutil.copyfile(source, target)


@dataclass(frozen=True)
class CacheState:
    mirror: dict[str, set[Any]]
    directory: tuple[int, int, int]
    cursor: str | None


def cache_state(cache: Cache) -> CacheState:
    with cache.read() as conn:
        directory = tuple(
            int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            for table in (s.unit, s.officer, s.membership)
        )
        cursor = get_state(conn, "cursor")
    return CacheState(mirror_view(cache), directory, cursor)  # type: ignore[arg-type]


def sizes(state: CacheState) -> str:
    rows = ", ".join(f"{len(ids)} {name}" for name, ids in state.mirror.items())
    return f"{rows}, directory {state.directory}, cursor {state.cursor}"


EMPTY = CacheState({"ticket": set(), "message": set(), "note": set(), "handover_item": set()}, (0, 0, 0), None)


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` through the cache's own engine, after ``Cache(path)`` opened it."""
    cache = Cache(path)
    try:
        with cache.read() as conn:
            return str(conn.execute(text("PRAGMA integrity_check")).scalar_one())
    finally:
        cache.dispose()


def settle(c: Client) -> SyncReport:
    """Sync until nothing is pending and no heartbeat renewal was queued after the pull (a renewal pushed
    after the pull leaves the mirror one row version behind until the next round)."""
    for _ in range(3):
        report = c.sync()
        if report.pending == 0 and report.renewed == 0:
            return report
    pytest.fail(f"no quiet sync after three rounds: {report}")


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


def check_after_pull_kill(path: Path, before: CacheState, after: CacheState) -> str:
    """The cache opens, passes integrity_check, and holds either the state before the pull or all of it."""
    assert integrity(path) == "ok"
    cache = Cache(path)
    try:
        assert overlay_agrees(cache)
        found = cache_state(cache)
    finally:
        cache.dispose()
    if (found.mirror, found.directory) == (before.mirror, before.directory):
        assert found.cursor == before.cursor, "the mirror is the old one but the cursor moved"
        return "before"
    if (found.mirror, found.directory) != (after.mirror, after.directory):
        pytest.fail(f"a pull was half applied: {sizes(found)}; before it {sizes(before)}; after it {sizes(after)}")
    assert found.cursor not in (None, before.cursor), "the pulled rows are there but the cursor did not move"
    return "after"


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


def colleague_works(work: Work, unit_code: str, batch: int) -> None:
    """A busy hour of another officer: new reports, notes, and tickets claimed and answered."""
    assert work.actor is not None
    for n in range(25):
        tickets.create_ticket(
            work,
            tickets.NewTicket(
                unit=unit_code,
                kind=Kind.PENGADUAN,
                channel=Channel.WEB,
                subject=f"Laporan baru {batch}-{n}",
                body="Pelayanan di loket sangat lambat dan petugas tidak ada di tempat.",
            ),
        )
    unit_id = work.conn.execute(select(unit.c.id).where(unit.c.code == unit_code)).scalar_one()
    in_unit = select(ticket.c.id, ticket.c.status, ticket.c.claimed_by).where(ticket.c.unit_id == unit_id)
    rows = work.conn.execute(in_unit.order_by(ticket.c.id).offset(batch * 40).limit(40)).all()
    for row in rows:
        handling.add_note(work, row.id, f"Sudah dicek, batch {batch}.")
    for row in [r for r in rows if r.claimed_by is None and not Status(r.status).is_closed][:3]:
        held = claims.claim(work, row.id)
        handling.reply(work, row.id, held.claim.token, f"Laporan Anda sedang kami proses (batch {batch}).")


def test_kill_during_pull_leaves_a_consistent_cache(migrated_url: str, tmp_path: Path, crashers: Crashers) -> None:
    rng = random.Random(_seed())
    d = fill_demo(migrated_url, PULL_TICKETS)
    admin = Store(d.url, officer=d.admin)
    path = tmp_path / f"{d.admin}.cache.db"
    try:
        # A pull the crasher finishes: its state is the only other one a killed pull may leave.
        control = tmp_path / "control.cache.db"
        initial = run_pull_to_the_end(crashers, d, control)
        full = _state_of(control)
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
        changed = _state_of(control)
        assert changed.mirror == central_view(admin) and changed.mirror != synced.mirror
        second = crash_pulls(crashers, d, path, rng, synced, changed, incremental)

        c = client(d.url, d.admin, tmp_path)
        settle(c)
        assert mirror_matches(c)
        c.close()
        print(f"initial pull {initial:.3f} s, kills {first}; incremental pull {incremental:.3f} s, kills {second}")
    finally:
        admin.dispose()


def _state_of(path: Path) -> CacheState:
    cache = Cache(path)
    try:
        return cache_state(cache)
    finally:
        cache.dispose()


# -- local writes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Desked:
    """An officer's cache holding the mirror and a live claim on ``held``; notes go to ``others`` too."""

    path: Path
    held: str
    held_id: UUID
    others: list[str]
    prior: frozenset[UUID]  # the outbox after the preparation (the claim, renewals): all done


def prepare_holder(d: Demo, folder: Path) -> Desked:
    """In-process: sync, claim a ticket in follow-up, sync again; then let the cache go for a crasher."""
    c = client(d.url, d.officer, folder)
    try:
        return hold_one(c, d)
    finally:
        c.close()


def hold_one(c: Client, d: Demo) -> Desked:
    """Sync, claim a ticket of the demo officer's unit in follow-up, sync again; what the cache holds then."""
    c.sync()
    with c.cache.read() as conn:
        free = conn.execute(
            select(s.ticket.c.tracking_no, s.ticket.c.id)
            .join(s.unit, s.unit.c.id == s.ticket.c.unit_id)
            .where(
                s.unit.c.code == d.unit,
                s.ticket.c.status == Status.DITINDAKLANJUTI.value,
                s.ticket.c.claimed_by.is_(None),
            )
            .order_by(s.ticket.c.tracking_no)
            .limit(3)
        ).all()
    assert len(free) == 3, f"unit {d.unit} has too few unclaimed tickets in follow-up: {free}"
    claim = c.desk.claim(free[0].tracking_no)
    settle(c)
    assert c.outcome(claim.op_id)[0] == "applied"
    prior = frozenset(UUID(str(row.op_id)) for row in c.outbox())
    held = free[0]
    return Desked(c.cache.path, held.tracking_no, UUID(str(held.id)), [r.tracking_no for r in free[1:]], prior)


def outbox_rows(cache: Cache, desked: Desked) -> list[Any]:
    """The outbox in push order, without the preparation's ops."""
    with cache.read() as conn:
        rows = conn.execute(select(s.outbox).order_by(s.outbox.c.seq))
        return [row for row in rows if UUID(str(row.op_id)) not in desked.prior]


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
        payload = _payload(row)
        if row.kind == "reply":
            assert messages.get(UUID(payload["message_id"])) == UUID(str(row.op_id)), f"reply {row.op_id} half-written"
        if row.kind == "note":
            assert notes.get(UUID(payload["note_id"])) == UUID(str(row.op_id)), f"note {row.op_id} half-written"
    statuses = [row for row in rows if row.kind == "status"]
    if statuses:
        assert shown is not None and UUID(str(shown.op_id)) == UUID(str(statuses[-1].op_id))
        assert shown.status == _payload(statuses[-1])["status"], "the overlay does not show the last status"
    return rows


def _payload(row: Any) -> dict[str, Any]:
    return dict(json.loads(row.payload))


def committed_ops(run: Crasher) -> list[tuple[UUID, str]]:
    ops = []
    for line in run.complete_lines():
        if line.startswith("op "):
            _, op_id, kind = line.split()
            ops.append((UUID(op_id), kind))
    return ops


@dataclass(frozen=True)
class Counts:
    applied: int
    messages: int
    outbound: int
    notes: int
    held_messages: int  # the officer's answers on the held ticket, whatever their ids
    notes_on_tickets: int  # notes on the held and the other tickets, whatever their ids
    held_status: str


def central_counts(store: Store, desked: Desked, rows: Sequence[Any]) -> Counts:
    op_ids = [UUID(str(row.op_id)) for row in rows]
    message_ids = [UUID(_payload(row)["message_id"]) for row in rows if row.kind == "reply"]
    note_ids = [UUID(_payload(row)["note_id"]) for row in rows if row.kind == "note"]

    def count(conn: Connection, column: Any, ids: list[UUID]) -> int:
        return sum(
            int(conn.execute(select(func.count()).where(column.in_(ids[i : i + 400]))).scalar_one())
            for i in range(0, len(ids), 400)
        )

    def query(conn: Connection) -> Counts:
        me = conn.execute(select(officer.c.id).where(officer.c.login == store.requested_officer)).scalar_one()
        tracked = select(ticket.c.id).where(ticket.c.tracking_no.in_([desked.held, *desked.others]))
        return Counts(
            applied=count(conn, applied_op.c.op_id, op_ids),
            messages=count(conn, message.c.id, message_ids),
            outbound=count(conn, outbound_message.c.message_id, message_ids),
            notes=count(conn, note.c.id, note_ids),
            held_messages=int(
                conn.execute(
                    select(func.count()).where(message.c.ticket_id == desked.held_id, message.c.author_id == me)
                ).scalar_one()
            ),
            notes_on_tickets=int(conn.execute(select(func.count()).where(note.c.ticket_id.in_(tracked))).scalar_one()),
            held_status=str(conn.execute(select(ticket.c.status).where(ticket.c.id == desked.held_id)).scalar_one()),
        )

    return store.read(query)


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
            assert after.held_status == _payload(statuses[-1])["status"]
        assert overlay_agrees(c.cache)
        assert mirror_matches(c)
    finally:
        c.close()


def test_kill_during_local_writes_loses_no_committed_op(migrated_url: str, tmp_path: Path, crashers: Crashers) -> None:
    rng = random.Random(_seed())
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


def queue_ops(desked: Desked, count: int) -> list[Any]:
    cache = Cache(desked.path)
    try:
        steps = operations(Desk(cache), cache, desked.held, desked.others)
        for number in range(1, count + 1):
            next(steps)(number)
        return outbox_rows(cache, desked)
    finally:
        cache.dispose()


def applied_centrally(store: Store, op_ids: list[UUID]) -> int:
    return store.read(
        lambda conn: int(conn.execute(select(func.count()).where(applied_op.c.op_id.in_(op_ids))).scalar_one())
    )


def test_kill_during_push_applies_the_rest_once(migrated_url: str, tmp_path: Path, crashers: Crashers) -> None:
    rng = random.Random(_seed())
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
