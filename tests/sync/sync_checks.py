"""The checks of the model-based and soak tests of offline work and sync, and the faults they share.

After a step that reached the server the central database is checked against the audit log
(``audit_problems``) and the clients' outboxes (``ledger_problems``); after a sync barrier (``heal``) every
mirror must equal the server with nothing pending (``converged_problems``). The faults: a crash (``reopen``)
and a lost acknowledgement (``lose_ack``); a lease running out is marked with ``ExpiryMarks``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Engine, func, select

from desktop.cache import schema as s
from desktop.cache.database import Cache
from desktop.desk.operations import Desk
from desktop.domain.operations import OpKind
from desktop.domain.status import Status, can_transition
from desktop.store.apply import apply_op
from desktop.store.schema import applied_op, event, handover_item, message, outbound_message, ticket
from desktop.store.schema import note as note_table
from desktop.sync.engine import SyncEngine, next_pending
from tests.store.helpers import expire_claim
from tests.sync.helpers import Client, mirror_matches, overlay_agrees

HEAL_ROUNDS = 12
LEASE_WORK = frozenset({"renew", "reply", "status"})  # always carry the claim token; "note" may


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
