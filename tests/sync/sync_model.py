"""The model of offline work and sync that hypothesis drives (``model_for``), directly and through the server:
three clients — two officers (``ani``, ``budi``) and their supervisor (``sari``) — working on a handful of their
unit's tickets, each example in a unit of its own (``build_world``), checked with ``tests/sync/sync_checks.py``.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from hypothesis import HealthCheck, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from sqlalchemy import Connection, select

from desktop.cache.officer import me
from desktop.cache.overlay import seen
from desktop.domain.errors import ForbiddenTransition, HeldByOther, NotFound, NotHolder, Unreachable
from desktop.domain.operations import OpKind
from desktop.domain.status import Status, can_transition
from desktop.domain.vocabulary import Role
from desktop.store.directory import add_unit
from desktop.store.schema import ticket
from desktop.store.service import Store
from tests.store.helpers import add_officer_without_login, new_ticket
from tests.sync.helpers import Client, client, overlay_agrees
from tests.sync.sync_checks import (
    ExpiryMarks,
    audit_problems,
    converged_problems,
    heal,
    ledger_problems,
    lose_ack,
    pending_ops,
    reopen,
)

TICKETS = 3
OFFICERS = ("ani", "budi")
SUPERVISOR = "sari"
LOGINS = (*OFFICERS, SUPERVISOR)
STEALERS = (SUPERVISOR, SUPERVISOR, *OFFICERS)  # mostly the supervisor; an officer's attempt must be refused
STEAL_REASON = "Petugas sedang cuti, diambil alih"
# A barrier costs a dozen syncs: allow one only after this many steps, so that most steps build up work.
HEAL_EVERY = 8
STEPS = 40


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
