"""The world of the crash tests, direct and through the server: the demo organisation, a client process to kill
(``Crasher``), the states a killed client's cache may be left in and the checks of them, and the counts that
show each op took effect exactly once centrally. ``seed`` prints the random seed of the kill moments
(``ADUAN_CRASH_SEED`` replays it)."""

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
from collections.abc import Sequence
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
from tests.sync.helpers import Client, mirror_view, overlay_agrees

ROOT = Path(__file__).resolve().parents[2]
CRASHER = Path(__file__).with_name("crasher.py")
WRITE_TICKETS = 400  # the write and push tests need a unit's worth of tickets, not a big pull
START_TIMEOUT_SECONDS = 60.0  # a generous deadline for a cold interpreter to import and connect
MISSED_KILL_RETRIES = 4


def seed() -> int:
    chosen = int(os.environ.get("ADUAN_CRASH_SEED") or random.randrange(2**32))
    print(f"crash seed {chosen} (ADUAN_CRASH_SEED={chosen} replays the same kill moments)")
    return chosen


# -- the demo organisation -----------------------------------------------------------------------------


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


def state_of(path: Path) -> CacheState:
    cache = Cache(path)
    try:
        return cache_state(cache)
    finally:
        cache.dispose()


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


# -- meanwhile, centrally ------------------------------------------------------------------------------


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


# -- an officer holding a ticket, and what their ops did centrally -------------------------------------


@dataclass(frozen=True)
class Desked:
    """An officer's cache holding the mirror and a live claim on ``held``; notes go to ``others`` too."""

    path: Path
    held: str
    held_id: UUID
    others: list[str]
    prior: frozenset[UUID]  # the outbox after the preparation (the claim, renewals): all done


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


def payload_of(row: Any) -> dict[str, Any]:
    return dict(json.loads(row.payload))


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
    message_ids = [UUID(payload_of(row)["message_id"]) for row in rows if row.kind == "reply"]
    note_ids = [UUID(payload_of(row)["note_id"]) for row in rows if row.kind == "note"]

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
