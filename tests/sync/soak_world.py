"""The soak of offline work and sync, directly and through the server: clients in three regional units take
turns (``Soak.turn``) claiming, replying, noting, changing status, renewing, releasing, transferring and taking
over on a shared set of tickets, through outages, crashes, lost acknowledgements and leases running out; then
``reckon`` says where they ended (see ``tests/sync/test_soak.py``)."""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from sqlalchemy import func, select

from desktop.cache import schema as s
from desktop.cache.officer import me
from desktop.cache.overlay import seen
from desktop.cache.state import server_time
from desktop.domain.errors import ForbiddenTransition, HeldByOther, NotFound, NotHolder, Unreachable
from desktop.domain.operations import Op
from desktop.domain.status import Status, allowed_next
from desktop.domain.vocabulary import Role
from desktop.store.schema import applied_op, message, outbound_message
from desktop.store.service import Store
from tests.sync.helpers import Client
from tests.sync.sync_checks import ExpiryMarks, audit_problems, converged_problems, ledger_problems, lose_ack, reopen

REGIONS = ("wil-1", "wil-2", "wil-3")
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
