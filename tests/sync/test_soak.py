"""Soak: twenty-two clients queue thousands of operations through random outages, then heal and agree.

Officers in three regional units and their supervisors (``pusat`` sees every region) claim, reply, note,
change status, renew, release, transfer and take over on a shared set of tickets, going offline for
random stretches (a Store whose database cannot be reached: see ``test_model.unreachable_store``), with
the occasional crash (the cache reopened), lost acknowledgement and lease running out. Then everyone comes
back online and syncs until nothing moves, and:

- every client's mirror equals the server for its scope, and nothing is pending (convergence);
- every op any client queued is still in its outbox and finished — applied, rejected with a reason, or
  handed over — and the server's ledger holds exactly those ops with the same outcomes (zero lost ops);
- every applied reply and note exists centrally exactly once, with one dispatch row per reply, and the
  server holds no reply or note that no applied op made (zero duplicates);
- the audit log replays to the tickets' claim holders, tokens and statuses, and no non-holder's work was
  accepted (see ``test_model.audit_problems``).

The clients take turns in one thread, in an order drawn from a seeded ``random.Random``: real concurrency
on the central database (racing processes, dropped links) is covered by tests/store/test_contention.py and
the proxy tests, and what this test is after — the interleaving of thousands of queued ops with outages,
stale caches, steals and expiries — needs no parallelism, but does need to be reproducible from its seed
when it fails. On a 2-core machine threads would also only add GIL and lock waits, not more interleavings.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from desktop.cache import schema as s
from desktop.cache.officer import me
from desktop.cache.overlay import seen
from desktop.cache.state import server_time
from desktop.domain.errors import ForbiddenTransition, HeldByOther, NotFound, NotHolder, Unreachable
from desktop.domain.operations import Op
from desktop.domain.status import Status, allowed_next
from desktop.domain.vocabulary import Role
from desktop.store.directory import add_unit
from desktop.store.schema import applied_op, message, outbound_message
from desktop.store.service import Store
from tests.store.helpers import add_officer_without_login, new_ticket
from tests.sync.helpers import Client, client
from tests.sync.test_model import (
    ExpiryMarks,
    audit_problems,
    converged_problems,
    heal,
    ledger_problems,
    lose_ack,
    reopen,
    unreachable_store,
)

pytestmark = pytest.mark.slow

SEED = 20260117
OPS = 5_000  # operations queued through the desks, in total
REGIONS = ("wil-1", "wil-2", "wil-3")
OFFICERS_PER_REGION = 6
TICKETS_PER_REGION = 10
STEAL_REASON = "Penanganan dialihkan oleh kepala unit"
# Per turn of a client (see ``Soak.turn``): how often it crashes, syncs, drops off the network, comes back…


@dataclass(frozen=True)
class Odds:
    """The chance of each event in one client's turn (the rest of the time it works)."""

    sync: float = 0.025
    go_offline: float = 0.012
    come_back: float = 0.08
    crash: float = 0.002
    lost_ack: float = 0.003
    expire: float = 0.006


# What an officer does when working: weights of the kinds of operation.
WORK = {"claim": 18, "reply": 22, "note": 16, "status": 16, "renew": 6, "release": 10, "transfer": 3, "steal": 6}
NEEDS_CLAIM = frozenset({"reply", "status", "renew", "release", "transfer"})
HEAL_ROUNDS = 8


@dataclass
class Soak:
    url: str
    admin: Store
    offline_store: Store
    clients: list[Client]
    roles: dict[str, Role]
    officer_ids: dict[str, int]
    ticket_ids: list[UUID]
    rng: random.Random
    offline: set[str] = field(default_factory=set)
    lost_acks: set[UUID] = field(default_factory=set)
    expiries: ExpiryMarks = field(default_factory=ExpiryMarks)
    counts: Counter[str] = field(default_factory=Counter)
    made: dict[UUID, str] = field(default_factory=dict)  # every op a desk returned, and whose desk
    odds: Odds = field(default_factory=Odds)

    @property
    def queued(self) -> int:
        return len(self.made)

    # -- one turn of one client ---------------------------------------------------------------------------

    def turn(self, c: Client) -> None:
        odds = self.odds
        r = self.rng.random()
        if r < odds.crash:
            self.crash(c)
            return
        r = self.rng.random()
        if c.login in self.offline:
            if r < odds.come_back:
                self.go_online(c)
            else:
                self.work(c)
            return
        if r < odds.go_offline:
            self.go_offline(c)
        elif r < odds.go_offline + odds.sync:
            c.sync()
            self.counts["syncs"] += 1
        elif r < odds.go_offline + odds.sync + odds.lost_ack:
            self.lose_ack(c)
        elif r < odds.go_offline + odds.sync + odds.lost_ack + odds.expire:
            self.counts["leases run out"] += self.expiries.expire(self.admin.engine, self.rng.choice(self.ticket_ids))
        else:
            self.work(c)

    def lose_ack(self, c: Client) -> None:
        op_id = lose_ack(c)
        if op_id is not None:
            self.lost_acks.add(op_id)

    def go_offline(self, c: Client) -> None:
        c.engine.store = self.offline_store
        self.offline.add(c.login)
        self.counts["outages"] += 1
        try:
            c.engine.sync()
        except Unreachable:
            return
        raise AssertionError(f"{c.login}: sync against an unreachable database did not raise Unreachable")

    def go_online(self, c: Client) -> None:
        c.engine.store = c.store
        self.offline.discard(c.login)

    def crash(self, c: Client) -> None:
        reopen(c)
        if c.login in self.offline:
            c.engine.store = self.offline_store
        self.counts["crashes"] += 1

    # -- queuing work -------------------------------------------------------------------------------------

    def work(self, c: Client) -> None:
        kinds = [k for k in WORK if k != "steal" or self.roles[c.login] is Role.SUPERVISOR]
        kind = self.rng.choices(kinds, weights=[WORK[k] for k in kinds])[0]
        visible, free, held = self.tickets_of(c)
        if not visible:
            self.counts["refused locally: nothing visible"] += 1
            return
        if kind in NEEDS_CLAIM and not held:
            kind = "claim"  # nothing in hand: an officer picks something up first
        if kind in NEEDS_CLAIM:
            pool = held if self.rng.random() < 0.85 else visible  # sometimes a ticket it does not hold
        elif kind == "claim":
            pool = free if free and self.rng.random() < 0.85 else visible  # sometimes one held by another
        else:
            pool = visible
        ref = str(self.rng.choice(pool))
        try:
            op = self.make(c, kind, ref)
        except (HeldByOther, NotHolder, NotFound, ForbiddenTransition) as exc:
            self.counts[f"refused locally: {type(exc).__name__}"] += 1
            return
        if c.login in self.offline and not op.offline:
            raise AssertionError(f"{c.login} queued {op.kind} while offline, but the op says online")
        self.made[op.op_id] = c.login

    def make(self, c: Client, kind: str, ref: str) -> Op:
        desk = c.desk
        if kind == "claim":
            return desk.claim(ref)
        if kind == "steal":
            return desk.steal(ref, STEAL_REASON)
        if kind == "renew":
            return desk.renew(ref)
        if kind == "release":
            return desk.release(ref)
        if kind == "reply":
            return desk.reply(ref, f"Terima kasih atas laporan Anda ({self.rng.randrange(10**6)}).")
        if kind == "note":
            other = self.rng.choice(self.clients).login
            return desk.note(ref, f"Sudah dikoordinasikan dengan @{other}.")
        with c.cache.read() as conn:
            view = seen(conn, UUID(ref))
        if kind == "status":
            allowed = sorted(allowed_next(view.status))
            # Now and then a status the client's view does not allow: the desk must refuse it.
            target = self.rng.choice(allowed if self.rng.random() < 0.9 else sorted(Status))
            return desk.status(ref, target)
        targets = [unit for unit in REGIONS if unit != view.unit_code]
        return desk.transfer(ref, self.rng.choice(targets), "Lokasi kejadian di wilayah lain")

    def tickets_of(self, c: Client) -> tuple[list[UUID], list[UUID], list[UUID]]:
        """Tickets in the client's cache; those nobody else visibly holds; those it holds or has a claim
        queued for, unless it queued letting go of them (a release or transfer)."""
        with c.cache.read() as conn:
            mine, now = me(conn), server_time(conn)
            rows = conn.execute(_MIRRORED).all()
            queued = set(conn.execute(_CLAIMING).scalars())
            letting_go = set(conn.execute(_LETTING_GO).scalars())
        visible = [r.id for r in rows]
        free = [r.id for r in rows if r.claimed_by in (None, mine) or r.claim_expires_at < now]
        held = sorted(({r.id for r in rows if r.claimed_by == mine} | queued) - letting_go)
        return visible, free, held


# Built once: the soak asks these of a cache on every turn.
_MIRRORED = select(s.ticket.c.id, s.ticket.c.claimed_by, s.ticket.c.claim_expires_at).order_by(s.ticket.c.id)
_CLAIMING = select(s.outbox.c.ticket_id).where(s.outbox.c.state == "pending", s.outbox.c.kind.in_(["claim", "steal"]))
_LETTING_GO = select(s.local_ticket.c.ticket_id).where(~s.local_ticket.c.claimed)


def build(url: str, admin: Store, offline_store: Store, folder: Path, seed: int) -> Soak:
    admin.admin(add_unit, "pusat", "Kantor Pusat")
    roles: dict[str, Role] = {}
    officer_ids: dict[str, int] = {}
    members: dict[str, list[str]] = {}
    for region in REGIONS:
        admin.admin(add_unit, region, f"Kantor Wilayah {region[-1]}", "pusat")
        for i in range(1, OFFICERS_PER_REGION + 1):
            members[f"petugas-{region}-{i}"] = [region]
        members[f"kepala-{region}"] = [region]
    members["kepala-pusat"] = ["pusat"]
    for login, units in members.items():
        role = Role.SUPERVISOR if login.startswith("kepala-") else Role.OFFICER
        officer_ids[login] = admin.admin(add_officer_without_login, login, login.title(), units, role)
        roles[login] = role
    clients = [client(url, login, folder) for login in members]  # 3 x 6 officers, 3 regional heads, head office
    by_login = {c.login: c for c in clients}
    ticket_ids = [
        new_ticket(by_login[f"petugas-{region}-1"].store, unit=region, subject=f"Aduan {region} no. {n}").id
        for region in REGIONS
        for n in range(TICKETS_PER_REGION)
    ]
    for c in clients:
        c.sync()
    return Soak(url, admin, offline_store, clients, roles, officer_ids, ticket_ids, random.Random(seed))


@pytest.fixture
def cache_folder(tmp_path: Path) -> Iterator[Path]:
    """The clients' caches, in memory where the system offers it: a cache commits (and syncs to disk) on
    every queued op and every outcome, and this test reopens caches but never cuts the power, so the disk
    adds only time here. Durability across a real kill is tested in tests/sync/test_crash.py."""
    shm = Path("/dev/shm")
    if not shm.is_dir():
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="aduan-soak-", dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def soak(migrated_url: str, tmp_path: Path, cache_folder: Path) -> Iterator[Soak]:
    admin = Store(migrated_url)
    offline_store = unreachable_store(migrated_url, tmp_path)
    built = build(migrated_url, admin, offline_store, cache_folder, SEED)
    yield built
    for c in built.clients:
        c.close()
    admin.dispose()
    offline_store.dispose()


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql", "mariadb"], indirect=True)
def test_soak_converges_without_losing_or_doubling_an_op(soak: Soak) -> None:
    engine = make_url(soak.url).get_backend_name()
    started = time.perf_counter()
    turns = 0
    while soak.queued < OPS:
        soak.turn(soak.rng.choice(soak.clients))
        turns += 1
    worked = time.perf_counter() - started
    for c in soak.clients:
        soak.go_online(c)
    rounds = heal(soak.clients, HEAL_ROUNDS)
    healed = time.perf_counter() - started - worked

    done = reckon(soak)
    finished, kinds, total, ledger_rows = done.finished, done.kinds, done.total, done.ledger_rows
    replies, dispatch = done.replies, done.dispatch

    print(
        f"\n{engine}: {len(soak.clients)} clients, {soak.queued} ops queued in {turns} turns, {worked:.1f} s"
        f" ({soak.queued / worked:.0f} ops/s); healed in {rounds} rounds, {healed:.1f} s"
    )
    print(f"  outbox: {total} ops ({total - soak.queued} heartbeat renewals) {dict(finished)}; ledger: {ledger_rows}")
    print(f"  replies stored: {replies}, dispatch rows: {dispatch}; lost acks: {len(soak.lost_acks)}")
    for what, count in sorted((soak.counts + kinds).items()):
        print(f"  {count:6d}  {what}")

    done.check()
    assert soak.queued >= OPS and len(soak.clients) >= 20


@dataclass
class Reckoning:
    """Where a soak ended: what is wrong (none of it may be), and the figures it prints."""

    problems: list[str]
    finished: Counter[str]  # outbox rows by state
    kinds: Counter[str]  # outbox rows by kind, state and refusal code
    ledger_rows: int
    replies: int
    dispatch: int

    @property
    def total(self) -> int:
        return sum(self.finished.values())

    def check(self) -> None:
        assert not self.problems, "\n".join(self.problems[:50])
        assert self.finished["pending"] == 0
        assert self.ledger_rows == self.total, (
            f"{self.ledger_rows} ops in the server's ledger, {self.total} finished in the outboxes"
        )
        applied_replies = sum(n for what, n in self.kinds.items() if what.startswith("reply applied"))
        assert self.replies == self.dispatch == applied_replies


def reckon(soak: Soak) -> Reckoning:
    """After healing: the clients converged, the audit log and the ledger agree with the outboxes, and no
    op a desk returned is gone."""
    problems = converged_problems(soak.clients)
    outboxes = {c.login: c.outbox() for c in soak.clients}
    with soak.admin.engine.connect() as conn:
        problems += audit_problems(conn, soak.ticket_ids, soak.expiries)
        problems += ledger_problems(conn, outboxes, soak.officer_ids, soak.ticket_ids, soak.lost_acks)
        ledger_rows = conn.execute(
            select(func.count()).where(applied_op.c.officer_id.in_(list(soak.officer_ids.values())))
        ).scalar_one()
        replies = conn.execute(select(func.count()).where(message.c.direction == "outbound")).scalar_one()
        dispatch = conn.execute(select(func.count()).select_from(outbound_message)).scalar_one()
    kept = {(login, row.op_id) for login, rows in outboxes.items() for row in rows}
    problems += [
        f"{login}'s op {op_id} is gone from its outbox"
        for op_id, login in soak.made.items()
        if (login, op_id) not in kept
    ]
    finished = Counter(row.state for rows in outboxes.values() for row in rows)
    kinds = Counter(f"{row.kind} {row.state}{_code(row)}" for rows in outboxes.values() for row in rows)
    return Reckoning(problems, finished, kinds, int(ledger_rows), int(replies), int(dispatch))


def _code(row: Any) -> str:
    code = json.loads(row.outcome).get("code") if row.outcome else None
    return f" ({code})" if code else ""
