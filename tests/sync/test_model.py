"""A model-based test of offline work and sync: hypothesis drives three clients through claims, edits,
outages, crashes, lost acknowledgements and expiring leases, on every engine.

Clients: two officers (``ani``, ``budi``) and their supervisor (``sari``, who may take over a claim), all
members of one unit, working on a handful of its tickets. Each hypothesis example gets its own unit and
officers (``humas-N``, ``ani-N``…) in the same throwaway database: creating and migrating a database per
example would cost more than the example, and scoping keeps the examples from seeing each other.

Faults, all real (DESIGN.md, "Sync"):
- offline: the client's engine gets a Store whose database cannot be reached — a TCP port on 127.0.0.1
  where nothing listens (PostgreSQL, MariaDB), or a file in a folder that does not exist (SQLite);
- crash: the cache is dropped and a new Cache/Desk/SyncEngine opened on the same file;
- lost acknowledgement: the client's next pending op is applied on the server and the answer dropped;
- the server clock passes a lease: the ticket's expiry is moved into the past by the server's clock.

After every step that reached the server the central database is checked against the audit log and the
clients' outboxes (``audit_problems`` and ``ledger_problems``, shared with the soak test); a sync barrier
(all online, sync until quiet), now and then and at the end of every example, must leave every mirror equal
to the server and nothing pending. ``test_the_checks_catch_forged_history`` shows that each check fails on
a history forged behind the store's back.
"""

from __future__ import annotations

import itertools
import json
import shutil
import socket
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from hypothesis import HealthCheck, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.engine import make_url
from uuid6 import uuid7

from desktop.cache import schema as s
from desktop.cache.database import Cache
from desktop.cache.officer import me
from desktop.cache.overlay import seen
from desktop.desk.operations import Desk
from desktop.domain.errors import ForbiddenTransition, HeldByOther, NotFound, NotHolder, Unreachable
from desktop.domain.operations import OpKind
from desktop.domain.status import Status, can_transition
from desktop.domain.vocabulary import Role
from desktop.store.apply import apply_op
from desktop.store.directory import add_unit
from desktop.store.schema import applied_op, event, handover_item, message, outbound_message, ticket
from desktop.store.schema import note as note_table
from desktop.store.service import Store
from desktop.sync.engine import SyncEngine, next_pending
from tests.store.helpers import add_officer_without_login, expire_claim, new_ticket
from tests.sync.helpers import Client, client, mirror_matches, overlay_agrees

TICKETS = 3
OFFICERS = ("ani", "budi")
SUPERVISOR = "sari"
LOGINS = (*OFFICERS, SUPERVISOR)
STEALERS = (SUPERVISOR, SUPERVISOR, *OFFICERS)  # mostly the supervisor; an officer's attempt must be refused
STEAL_REASON = "Petugas sedang cuti, diambil alih"
HEAL_ROUNDS = 12
# A barrier costs a dozen syncs: allow one only after this many steps, so that most steps build up work.
HEAL_EVERY = 8
# Examples per engine: together about a minute and a half on a 2-core machine (printed by --durations).
EXAMPLES = {"sqlite": 10, "postgresql": 7, "mariadb": 7}
STEPS = 40
LEASE_WORK = frozenset({"renew", "reply", "status"})  # always carry the claim token; "note" may


# -- going offline for real ---------------------------------------------------------------------------------


def free_port() -> int:
    """A port on 127.0.0.1 where nothing listens: connecting to it is refused by the kernel."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def unreachable_store(url: str, folder: Path) -> Store:
    """A Store for the same kind of database that cannot be reached."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        gone = folder / "unplugged-drive"
        store = Store(f"sqlite:///{gone / 'central.db'}")
        # Whether or not the engine made the folder, it must not exist: SQLite cannot open a file in it.
        shutil.rmtree(gone, ignore_errors=True)
        return store
    return Store(parsed.set(host="127.0.0.1", port=free_port()).render_as_string(hide_password=False))


# -- the checks, shared with the soak test ------------------------------------------------------------------


@dataclass
class ExpiryMarks:
    """When the test moved a ticket's lease into the past: the highest event id at that moment."""

    marks: dict[UUID, list[int]] = field(default_factory=lambda: defaultdict(list))

    def expire(self, engine: Engine, ticket_id: UUID) -> bool:
        """Expire the ticket's claim if it has a holder (an unclaimed ticket has no lease to run out)."""
        with engine.connect() as conn:
            holder = conn.execute(select(ticket.c.claimed_by).where(ticket.c.id == ticket_id)).scalar()
            last = conn.execute(select(func.max(event.c.id))).scalar() or 0
        if holder is None:
            return False
        expire_claim(engine, ticket_id)
        self.marks[ticket_id].append(int(last))
        return True

    def ran_out_between(self, ticket_id: UUID, after: int, before: int) -> bool:
        return any(after <= mark < before for mark in self.marks.get(ticket_id, ()))


def audit_problems(conn: Connection, ticket_ids: Sequence[UUID], expiries: ExpiryMarks) -> list[str]:
    """Replay each ticket's audit log and compare it with the ticket row and its messages.

    - every claim and steal raises the token by one, every release and transfer ends the claim and raises it;
    - a claim taken while another officer held the ticket happened only after that lease ran out;
    - every renew, reply, status change and token-carrying note came from the holder under the current token;
    - status changes follow the allowed transitions and the row ends where the log ends;
    - each outbound message has exactly one reply event, by its author, under a token its author held.
    """
    problems: list[str] = []
    events = conn.execute(
        select(event.c.id, event.c.ticket_id, event.c.officer_id, event.c.action, event.c.claim_token, event.c.detail)
        .where(event.c.ticket_id.in_(ticket_ids))
        .order_by(event.c.id)
    ).all()
    by_ticket: dict[UUID, list[Any]] = defaultdict(list)
    for row in events:
        by_ticket[row.ticket_id].append(row)
    rows = {r.id: r for r in conn.execute(select(ticket).where(ticket.c.id.in_(ticket_ids)))}
    held: dict[UUID, set[tuple[int, int]]] = {}
    for ticket_id in ticket_ids:
        log_problems, held[ticket_id] = _replay(ticket_id, by_ticket[ticket_id], rows[ticket_id], expiries)
        problems.extend(log_problems)
    replies = Counter(
        (r.ticket_id, r.officer_id, r.claim_token, json.loads(r.detail)["message_id"])
        for r in events
        if r.action == "reply"
    )
    outbound = conn.execute(
        select(message.c.id, message.c.ticket_id, message.c.author_id, message.c.claim_token).where(
            message.c.ticket_id.in_(ticket_ids), message.c.direction == "outbound"
        )
    ).all()
    for m in outbound:
        if (m.author_id, m.claim_token) not in held[m.ticket_id]:
            problems.append(f"message {m.id}: token {m.claim_token} was never held by officer {m.author_id}")
        if replies[(m.ticket_id, m.author_id, m.claim_token, str(m.id))] != 1:
            problems.append(f"message {m.id}: not exactly one matching reply event")
    if sum(replies.values()) != len(outbound):
        problems.append(f"{sum(replies.values())} reply events but {len(outbound)} outbound messages")
    return problems


def _replay(
    ticket_id: UUID, events: Iterable[Any], row: Any, expiries: ExpiryMarks
) -> tuple[list[str], set[tuple[int, int]]]:
    problems: list[str] = []
    token, holder, status, last_work = 0, None, Status.DITERIMA, 0
    held: set[tuple[int, int]] = set()
    for e in events:
        where = f"ticket {ticket_id} event {e.id} ({e.action} by {e.officer_id}, token {e.claim_token})"
        if e.action in ("claim", "steal"):
            if e.claim_token != token + 1:
                problems.append(f"{where}: expected token {token + 1}")
            live_other = holder is not None and holder != e.officer_id
            if e.action == "claim" and live_other and not expiries.ran_out_between(ticket_id, last_work, e.id):
                problems.append(f"{where}: claimed while officer {holder}'s lease was live")
            token, holder, last_work = e.claim_token, e.officer_id, e.id
            held.add((e.officer_id, e.claim_token))
        elif e.action in ("release", "transfer"):
            if (e.officer_id, e.claim_token) != (holder, token):
                problems.append(f"{where}: ended a claim it did not hold (holder {holder}, token {token})")
            token, holder = token + 1, None
            if e.action == "transfer" and status is Status.BUKAN_WEWENANG:
                status = Status.DITERIMA
        elif e.action in LEASE_WORK or (e.action == "note" and e.claim_token is not None):
            if (e.officer_id, e.claim_token) != (holder, token):
                problems.append(f"{where}: accepted from a non-holder (holder {holder}, token {token})")
            last_work = e.id
            if e.action == "status":
                detail = json.loads(e.detail)
                old, new = Status(detail["old"]), Status(detail["new"])
                if old is not status or not can_transition(old, new):
                    problems.append(f"{where}: {old.value} -> {new.value} while the log says {status.value}")
                status = new
    if (row.claim_token, row.claimed_by, row.status) != (token, holder, status.value):
        problems.append(
            f"ticket {ticket_id}: row has token {row.claim_token}, holder {row.claimed_by}, status {row.status};"
            f" the log says {token}, {holder}, {status.value}"
        )
    if (row.claimed_by is None) != (row.claim_expires_at is None):
        problems.append(f"ticket {ticket_id}: holder {row.claimed_by} with expiry {row.claim_expires_at}")
    return problems, held


def ledger_problems(
    conn: Connection,
    outboxes: dict[str, list[Any]],
    officer_ids: dict[str, int],
    ticket_ids: Sequence[UUID],
    lost_acks: set[UUID],
) -> list[str]:
    """Every op is applied at most once, and every finished op's outcome is the one the server recorded.

    - no ``applied_op`` row of these officers that no outbox holds;
    - a pending op is unknown to the server, unless its acknowledgement was lost;
    - a finished op has the server's outcome; a rejection or hand-over names its reason;
    - a reply's message and a note exist centrally exactly when their op was applied, once;
    - outbound messages and notes on these tickets are exactly those of applied ops (plus the note a
      take-over leaves for the previous holder).
    """
    problems: list[str] = []
    applied = {
        r.op_id: r
        for r in conn.execute(
            select(applied_op.c.op_id, applied_op.c.outcome, applied_op.c.result, applied_op.c.officer_id).where(
                applied_op.c.officer_id.in_(list(officer_ids.values()))
            )
        )
    }
    ops = {row.op_id: (login, row) for login, rows in outboxes.items() for row in rows}
    for op_id in applied.keys() - ops.keys():
        problems.append(f"applied_op {op_id} belongs to no outbox")
    payload_ids = _payload_ids(ops.values())
    messages = Counter(conn.execute(select(message.c.id).where(message.c.id.in_(payload_ids["reply"]))).scalars())
    notes = Counter(conn.execute(select(note_table.c.id).where(note_table.c.id.in_(payload_ids["note"]))).scalars())
    queued = Counter(
        conn.execute(select(outbound_message.c.op_id).where(outbound_message.c.op_id.in_(list(ops)))).scalars()
    )
    handed = Counter(conn.execute(select(handover_item.c.op_id).where(handover_item.c.op_id.in_(list(ops)))).scalars())
    applied_replies = applied_notes = 0
    for op_id, (login, row) in ops.items():
        where = f"{login}'s {row.kind} op {op_id} ({row.state})"
        server = applied.get(op_id)
        problems.extend(_outcome_problems(where, row, server, officer_ids[login], op_id in lost_acks))
        done = server is not None and server.outcome == "applied"
        payload = json.loads(row.payload)
        if row.kind == OpKind.REPLY:
            applied_replies += done
            count = messages[UUID(payload["message_id"])]
            if (count, queued[op_id]) != ((1, 1) if done else (0, 0)):
                problems.append(f"{where}: {count} messages and {queued[op_id]} outbound rows centrally")
        if row.kind == OpKind.NOTE:
            applied_notes += done
            if notes[UUID(payload["note_id"])] != int(done):
                problems.append(f"{where}: {notes[UUID(payload['note_id'])]} notes centrally")
        if handed[op_id] != int(server is not None and server.outcome == "handed_over"):
            problems.append(f"{where}: {handed[op_id]} hand-over items centrally")
    problems.extend(_totals_problems(conn, ticket_ids, applied_replies, applied_notes))
    return problems


def _payload_ids(ops: Iterable[tuple[str, Any]]) -> dict[str, list[UUID]]:
    found: dict[str, list[UUID]] = {"reply": [], "note": []}
    for _login, row in ops:
        key = {"reply": "message_id", "note": "note_id"}.get(row.kind)
        if key is not None:
            found[row.kind].append(UUID(json.loads(row.payload)[key]))
    return found


def _outcome_problems(where: str, row: Any, server: Any, officer_id: int, ack_lost: bool) -> list[str]:
    if row.state == "pending":
        if server is not None and not ack_lost:
            return [f"{where}: the server applied it but the client never pushed it"]
        return []
    if server is None:
        return [f"{where}: finished locally, unknown to the server"]
    problems = []
    if server.officer_id != officer_id:
        problems.append(f"{where}: recorded for officer {server.officer_id}")
    if (row.state, json.loads(row.outcome)) != (server.outcome, json.loads(server.result)):
        problems.append(f"{where}: local outcome {row.outcome} differs from the server's {server.result}")
    if row.state in ("rejected", "handed_over"):
        reason = json.loads(row.outcome)
        if not reason.get("code") or not reason.get("message"):
            problems.append(f"{where}: no reason recorded: {row.outcome}")
    if row.state not in ("applied", "rejected", "handed_over"):
        problems.append(f"{where}: unknown state")
    return problems


def _totals_problems(conn: Connection, ticket_ids: Sequence[UUID], replies: int, notes: int) -> list[str]:
    outbound = conn.execute(
        select(func.count()).where(message.c.ticket_id.in_(ticket_ids), message.c.direction == "outbound")
    ).scalar_one()
    central_notes = conn.execute(select(func.count()).where(note_table.c.ticket_id.in_(ticket_ids))).scalar_one()
    takeover_notes = sum(
        json.loads(d).get("previous_holder") is not None
        for d in conn.execute(
            select(event.c.detail).where(event.c.ticket_id.in_(ticket_ids), event.c.action == "steal")
        ).scalars()
    )
    problems = []
    if outbound != replies:
        problems.append(f"{outbound} outbound messages centrally, {replies} applied replies")
    if central_notes != notes + takeover_notes:
        problems.append(f"{central_notes} notes centrally, {notes} applied notes + {takeover_notes} take-over notes")
    return problems


def pending_ops(c: Client) -> int:
    with c.cache.read() as conn:
        return int(conn.execute(select(func.count()).where(s.outbox.c.state == "pending")).scalar_one())


def heal(clients: Sequence[Client], rounds: int = HEAL_ROUNDS) -> int:
    """Sync every client until a whole round pushed nothing and queued nothing: then no one changed the
    server during that round, so every pull in it saw the final state. Returns the rounds it took."""
    for round_no in range(1, rounds + 1):
        quiet = True
        for c in clients:
            report = c.engine.sync()
            pushed = report.push.applied + report.push.rejected + report.push.handed_over
            quiet = quiet and not (pushed or report.renewed or report.pending)
        if quiet:
            return round_no
    raise AssertionError(f"sync did not settle in {rounds} rounds")


def converged_problems(clients: Sequence[Client]) -> list[str]:
    problems = []
    for c in clients:
        if pending_ops(c):
            problems.append(f"{c.login}: {pending_ops(c)} ops still pending after healing")
        if not mirror_matches(c):
            problems.append(f"{c.login}: mirror differs from the server")
        if not overlay_agrees(c.cache):
            problems.append(f"{c.login}: overlay does not match the outbox")
    return problems


def reopen(c: Client) -> None:
    """A crash: the cache's connections are gone and the app starts again on the same file."""
    path = c.cache.path
    c.cache.dispose()
    c.cache = Cache(path)
    c.desk = Desk(c.cache)
    c.engine = SyncEngine(c.cache, c.store)  # built on the real server, as the app does at start


def lose_ack(c: Client) -> UUID | None:
    """Apply the client's next pending op on the server without telling the client."""
    op = next_pending(c.cache)
    if op is None:
        return None
    c.store.write(apply_op, op)
    return op.op_id


# -- the model ----------------------------------------------------------------------------------------------

_example_numbers = itertools.count(1)


@dataclass
class World:
    """What one example starts from: its own unit, officers, tickets and client caches."""

    url: str
    admin: Store
    offline_store: Store
    folder: Path
    clients: dict[str, Client]
    officer_ids: dict[str, int]
    ticket_ids: list[UUID]


def build_world(url: str, admin: Store, offline_store: Store, root: Path) -> World:
    n = next(_example_numbers)
    unit = f"humas-{n}"
    admin.admin(add_unit, unit, f"Biro Humas {n}")
    roles = {**{name: Role.OFFICER for name in OFFICERS}, SUPERVISOR: Role.SUPERVISOR}
    officer_ids = {
        name: admin.admin(add_officer_without_login, f"{name}-{n}", name.title(), [unit], role)
        for name, role in roles.items()
    }
    folder = root / f"example-{n}"
    folder.mkdir()
    clients = {name: client(url, f"{name}-{n}", folder) for name in LOGINS}
    ticket_ids = [new_ticket(clients["ani"].store, unit=unit, subject=f"Aduan {n}.{i}").id for i in range(TICKETS)]
    for c in clients.values():
        c.sync()  # the officers have opened the app before: their caches know the unit's tickets
    return World(url, admin, offline_store, folder, clients, officer_ids, ticket_ids)


def world_problems(conn: Connection, world: World, expiries: ExpiryMarks, lost_acks: set[UUID]) -> list[str]:
    outboxes = {c.login: c.outbox() for c in world.clients.values()}
    ids = {world.clients[name].login: officer_id for name, officer_id in world.officer_ids.items()}
    problems = audit_problems(conn, world.ticket_ids, expiries)
    return problems + ledger_problems(conn, outboxes, ids, world.ticket_ids, lost_acks)


def model_for(
    url: str, admin: Store, offline_store: Store, root: Path, seen_outcomes: Counter[str]
) -> type[RuleBasedStateMachine]:
    class SyncModel(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.world = build_world(url, admin, offline_store, root)
            self.offline: set[str] = set()
            self.lost_acks: set[UUID] = set()
            self.expiries = ExpiryMarks()
            self.refusals: Counter[str] = Counter()
            self.made: dict[str, set[UUID]] = defaultdict(set)  # every op a desk returned
            self.steps_since_heal = 0
            # Only a step that reached the server can change what the central checks read; local steps only
            # add pending ops, which the next check after a server step covers with the rest of the state.
            self.server_touched = True

        # -- helpers ---------------------------------------------------------------------------------

        def c(self, name: str) -> Client:
            return self.world.clients[name]

        def ref(self, index: int) -> str:
            return str(self.world.ticket_ids[index])

        def queued(self, name: str, op: Any) -> None:
            self.made[name].add(op.op_id)
            if name in self.offline:
                assert op.offline, f"{name} queued {op.kind} while offline, but the op says online"

        def pick(self, name: str, data: st.DataObject) -> int | None:
            """A ticket for work that needs the claim: often one the client believes it holds, sometimes any.
            With nothing in hand the officer claims one first (None: the step was that claim)."""
            c = self.c(name)
            with c.cache.read() as conn:
                mine = me(conn)
                views = [seen(conn, ticket_id) for ticket_id in self.world.ticket_ids]
            held = [
                i
                for i, v in enumerate(views)
                if not v.released and (v.pending_claim is not None or (mine is not None and v.holder_id == mine))
            ]
            if not held:
                self.claim(name, data.draw(st.integers(0, TICKETS - 1), label="claims first"))
                return None
            if data.draw(st.integers(0, 3), label="held?") > 0:
                return data.draw(st.sampled_from(held), label="held ticket")
            return data.draw(st.integers(0, TICKETS - 1), label="ticket")

        def refused(self, action: str, exc: Exception) -> None:
            self.refusals[f"{action}: {type(exc).__name__}"] += 1

        # -- claims ----------------------------------------------------------------------------------

        @rule(name=st.sampled_from(LOGINS), index=st.integers(0, TICKETS - 1))
        def claim(self, name: str, index: int) -> None:
            try:
                self.queued(name, self.c(name).desk.claim(self.ref(index)))
            except (HeldByOther, NotFound) as exc:
                self.refused("claim", exc)

        @rule(name=st.sampled_from(LOGINS), data=st.data())
        def renew(self, name: str, data: st.DataObject) -> None:
            index = self.pick(name, data)
            if index is None:
                return
            try:
                self.queued(name, self.c(name).desk.renew(self.ref(index)))
            except (NotHolder, NotFound) as exc:
                self.refused("renew", exc)

        @rule(name=st.sampled_from(LOGINS), data=st.data())
        def release(self, name: str, data: st.DataObject) -> None:
            index = self.pick(name, data)
            if index is None:
                return
            try:
                self.queued(name, self.c(name).desk.release(self.ref(index)))
            except (NotHolder, NotFound) as exc:
                self.refused("release", exc)

        @rule(name=st.sampled_from(STEALERS), index=st.integers(0, TICKETS - 1))
        def steal(self, name: str, index: int) -> None:
            """Sari may take over; an officer's attempt must come back as a recorded refusal."""
            try:
                self.queued(name, self.c(name).desk.steal(self.ref(index), STEAL_REASON))
            except NotFound as exc:
                self.refused("steal", exc)

        # -- edits -----------------------------------------------------------------------------------

        @rule(name=st.sampled_from(LOGINS), data=st.data(), text=st.sampled_from(["a", "b"]))
        def reply(self, name: str, data: st.DataObject, text: str) -> None:
            index = self.pick(name, data)
            if index is None:
                return
            try:
                self.queued(
                    name, self.c(name).desk.reply(self.ref(index), f"Terima kasih, laporan {text} kami proses.")
                )
            except (NotHolder, NotFound) as exc:
                self.refused("reply", exc)

        @rule(name=st.sampled_from(LOGINS), index=st.integers(0, TICKETS - 1), mention=st.sampled_from(LOGINS))
        def note(self, name: str, index: int, mention: str) -> None:
            n = self.c(mention).login
            try:
                self.queued(name, self.c(name).desk.note(self.ref(index), f"Sudah dicek di lapangan, cc @{n}"))
            except NotFound as exc:
                self.refused("note", exc)

        @rule(name=st.sampled_from(LOGINS), data=st.data())
        def change_status(self, name: str, data: st.DataObject) -> None:
            """Mostly an allowed next status (as the client sees it); sometimes any, refused locally if not."""
            c = self.c(name)
            index = self.pick(name, data)
            if index is None:
                return
            try:
                with c.cache.read() as conn:
                    current = seen(conn, self.world.ticket_ids[index]).status
            except NotFound as exc:
                self.refused("change_status", exc)
                return
            allowed = sorted(t for t in Status if can_transition(current, t))
            target = data.draw(st.sampled_from(allowed) | st.sampled_from(sorted(Status)), label="target")
            try:
                self.queued(name, c.desk.status(self.ref(index), target))
            except ForbiddenTransition as exc:
                assert target not in allowed, f"{current.value} -> {target.value} is allowed but was refused"
                self.refused("change_status", exc)
            except NotHolder as exc:
                self.refused("change_status", exc)
            else:
                assert target in allowed, f"{current.value} -> {target.value} was queued but is not allowed"

        # -- the link --------------------------------------------------------------------------------

        @rule(name=st.sampled_from(LOGINS))
        def go_offline(self, name: str) -> None:
            self.c(name).engine.store = self.world.offline_store
            self.offline.add(name)
            with pytest.raises(Unreachable):
                self.c(name).engine.sync()

        @rule(name=st.sampled_from(LOGINS))
        def go_online(self, name: str) -> None:
            self.c(name).engine.store = self.c(name).store
            self.offline.discard(name)

        @rule(name=st.sampled_from(LOGINS), kind=st.sampled_from(["sync", "push", "pull"]))
        def exchange(self, name: str, kind: str) -> None:
            """A whole sync round, or only its push or its pull (as the engine's parts run on their own)."""
            c = self.c(name)
            if kind == "push" and not pending_ops(c):
                # Nothing to send: a push does not need the server, online or not.
                report = c.engine.push()
                assert (report.applied, report.rejected, report.handed_over) == (0, 0, 0)
                return
            self._expect_link(name, getattr(c.engine, kind))

        def _expect_link(self, name: str, action: Any) -> None:
            self.server_touched = True
            if name in self.offline:
                with pytest.raises(Unreachable):
                    action()
            else:
                action()

        # -- faults ----------------------------------------------------------------------------------

        @rule(name=st.sampled_from(LOGINS))
        def crash(self, name: str) -> None:
            c = self.c(name)
            reopen(c)
            if name in self.offline:
                c.engine.store = self.world.offline_store
            # Reopened: the file is intact and what it shows over the mirror belongs to pending ops.
            assert overlay_agrees(c.cache), f"{name}'s cache after reopening: overlay and outbox disagree"

        @rule(name=st.sampled_from(LOGINS))
        def lost_ack(self, name: str) -> None:
            self.server_touched = True
            op_id = lose_ack(self.c(name))
            if op_id is not None:
                self.lost_acks.add(op_id)

        @rule(index=st.integers(0, TICKETS - 1))
        def lease_runs_out(self, index: int) -> None:
            self.server_touched = True
            self.expiries.expire(self.world.admin.engine, self.world.ticket_ids[index])

        @precondition(lambda self: self.steps_since_heal >= HEAL_EVERY)
        @rule()
        def barrier(self) -> None:
            self._heal()

        def _heal(self) -> None:
            for name in LOGINS:
                self.go_online(name)
            self.server_touched = True
            rounds = heal(list(self.world.clients.values()))
            self.steps_since_heal = 0
            note(f"healed in {rounds} rounds")
            problems = converged_problems(list(self.world.clients.values()))
            if problems:
                note(self.describe())
            assert not problems, problems

        # -- invariants ------------------------------------------------------------------------------

        @invariant()
        def central_agrees(self) -> None:
            self.steps_since_heal += 1
            if self.server_touched:
                self.check_central()
                self.server_touched = False

        def check_central(self) -> None:
            with self.world.admin.engine.connect() as conn:
                problems = world_problems(conn, self.world, self.expiries, self.lost_acks)
            problems += self._local_problems({c.login: c.outbox() for c in self.world.clients.values()})
            if problems:
                note(self.describe())
            assert not problems, problems

        def _local_problems(self, outboxes: dict[str, list[Any]]) -> list[str]:
            problems = []
            for name, made in self.made.items():
                kept = {row.op_id for row in outboxes[self.c(name).login]}
                problems += [f"{name}'s op {op_id} is gone from its outbox" for op_id in made - kept]
            officers = {self.c(name).login for name in OFFICERS}
            for login, rows in outboxes.items():
                for row in rows:
                    if row.kind == OpKind.STEAL and login in officers and row.state not in ("pending", "rejected"):
                        problems.append(f"officer {login} took over a claim: {row.state}")
            return problems

        def tally(self) -> None:
            """Count what the example exercised, printed at the end of the test."""
            for c in self.world.clients.values():
                for row in c.outbox():
                    code = json.loads(row.outcome).get("code") if row.outcome else None
                    seen_outcomes[f"{row.kind} {row.state}" + (f" ({code})" if code else "")] += 1
            seen_outcomes["lost acknowledgements"] += len(self.lost_acks)
            seen_outcomes.update(f"refused locally: {name}" for name in self.refusals.elements())

        def describe(self) -> str:
            lines = [f"offline: {sorted(self.offline)}; lost acks: {len(self.lost_acks)}; refused: {self.refusals}"]
            with self.world.admin.engine.connect() as conn:
                for r in conn.execute(select(ticket).where(ticket.c.id.in_(self.world.ticket_ids))):
                    lines.append(f"ticket {r.id}: {r.status} holder={r.claimed_by} token={r.claim_token}")
            for c in self.world.clients.values():
                for row in c.outbox():
                    lines.append(f"  {c.login} #{row.seq} {row.kind} {row.state} token={row.token} {row.outcome}")
            return "\n".join(lines)

        def teardown(self) -> None:
            try:
                self._heal()
                self.check_central()
                self.tally()
            finally:
                for c in self.world.clients.values():
                    c.close()

    return SyncModel


@pytest.fixture
def central(migrated_url: str, tmp_path: Path) -> Iterator[tuple[str, Store, Store]]:
    admin = Store(migrated_url)
    offline = unreachable_store(migrated_url, tmp_path)
    yield migrated_url, admin, offline
    admin.dispose()
    offline.dispose()


def run_and_report(
    machine: Any, engine: str, examples: int, exercised: Counter[str], where: str = "", steps: int = STEPS
) -> None:
    """Run the machine with the suite's settings, then print what its examples exercised."""
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=examples,
            stateful_step_count=steps,
            deadline=None,
            database=None,  # no example database in the shared checkout; a failure prints its reproduction
            print_blob=True,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
    print(f"\n{engine}: outcomes over {examples} examples of up to {steps} steps{where}")
    for what, count in sorted(exercised.items()):
        print(f"  {count:5d}  {what}")


def test_sync_model(central: tuple[str, Store, Store], tmp_path: Path) -> None:
    url, admin, offline = central
    engine = make_url(url).get_backend_name()
    exercised: Counter[str] = Counter()
    machine = model_for(url, admin, offline, tmp_path, exercised)
    run_and_report(machine, engine, EXAMPLES[engine], exercised)


# -- the checks themselves can fail ----------------------------------------------------------------------------


def _forge_event(conn: Connection, ticket_id: UUID, officer_id: int, action: str, token: int, **detail: Any) -> None:
    conn.execute(
        insert(event).values(
            ticket_id=ticket_id,
            officer_id=officer_id,
            action=action,
            claim_token=token,
            detail=json.dumps(detail, default=str),
            created_at=datetime.utcnow(),  # noqa: DTZ003 - naive UTC like the store
        )
    )


def _forge_message(conn: Connection, ticket_id: UUID, author_id: int, token: int) -> UUID:
    message_id = uuid7()
    conn.execute(
        insert(message).values(
            id=message_id,
            ticket_id=ticket_id,
            direction="outbound",
            channel="email",
            author_id=author_id,
            body_text="Balasan yang tidak pernah diantrekan",
            claim_token=token,
            created_at=datetime.utcnow(),  # noqa: DTZ003
        )
    )
    return message_id


def test_the_checks_catch_forged_history(central: tuple[str, Store, Store], tmp_path: Path) -> None:
    """Each check reports a history forged behind the store's back, and passes the real one it was taken from.

    The forgeries are made in a transaction that the checks read and that is then rolled back."""
    url, admin, offline = central
    world = build_world(url, admin, offline, tmp_path)
    ani, budi, sari = (world.clients[name] for name in LOGINS)
    ani_id, budi_id = world.officer_ids["ani"], world.officer_ids["budi"]
    first, second = world.ticket_ids[0], world.ticket_ids[1]
    try:
        ani.desk.claim(str(first))
        ani.desk.reply(str(first), "Laporan Anda sedang kami tindak lanjuti.")
        ani.desk.note(str(first), "Sudah ditelepon pelapor.")
        ani.desk.claim(str(second))
        ani.sync()
        marks = ExpiryMarks()
        assert marks.expire(admin.engine, second)
        budi.desk.claim(str(second))  # ani's lease on the second ticket ran out: budi may take it
        budi.sync()
        sari.desk.steal(str(first), STEAL_REASON)
        sari.sync()
        for c in (ani, budi, sari):
            c.sync()
        assert [row.state for row in ani.outbox()] == ["applied"] * 4
        assert [row.state for row in budi.outbox()] == ["applied"]
        with admin.engine.connect() as conn:
            assert world_problems(conn, world, marks, set()) == []
            unmarked = world_problems(conn, world, ExpiryMarks(), set())
        assert any("claimed while officer" in p for p in unmarked), unmarked

        token = admin.read(lambda conn: conn.execute(select(ticket.c.claim_token).where(ticket.c.id == first)).scalar())
        forgeries = {
            "a holder the log never gave the ticket to": (
                lambda conn: conn.execute(update(ticket).where(ticket.c.id == first).values(claimed_by=budi_id)),
                "the log says",
            ),
            "a claim over a live lease": (
                lambda conn: _forge_event(conn, first, budi_id, "claim", token + 1),
                "lease was live",
            ),
            "a reply under a token its author never held": (
                lambda conn: _forge_message(conn, first, budi_id, token),
                "was never held by officer",
            ),
            "a status change by a non-holder": (
                lambda conn: _forge_event(conn, first, ani_id, "status", token, old="diterima", new="diverifikasi"),
                "accepted from a non-holder",
            ),
            "an applied op that no client queued": (
                lambda conn: conn.execute(
                    insert(applied_op).values(
                        op_id=uuid7(),
                        officer_id=ani_id,
                        outcome="applied",
                        applied_at=datetime.utcnow(),  # noqa: DTZ003
                    )
                ),
                "belongs to no outbox",
            ),
            "a lost note": (
                lambda conn: conn.execute(delete(note_table).where(note_table.c.author_id == ani_id)),
                "notes centrally",
            ),
            "a reply dispatched without its op": (
                lambda conn: _forge_message(conn, second, budi_id, 2),
                "outbound messages centrally",
            ),
        }
        for name, (forge, expected) in forgeries.items():
            with admin.engine.connect() as conn:
                forgery = conn.begin()
                forge(conn)
                problems = world_problems(conn, world, marks, set())
                forgery.rollback()
            assert any(expected in p for p in problems), f"the checks missed {name}: {problems}"
        with admin.engine.connect() as conn:
            assert world_problems(conn, world, marks, set()) == []
    finally:
        for c in world.clients.values():
            c.close()
