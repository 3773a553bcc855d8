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

The machine is ``sync_model.model_for``. After every step that reached the server the central database is
checked against the audit log and the clients' outboxes (``audit_problems`` and ``ledger_problems`` of
sync_checks.py, shared with the soak test); a sync barrier (all online, sync until quiet), now and then and at
the end of every example, must leave every mirror equal to the server and nothing pending.
``test_the_checks_catch_forged_history`` shows that each check fails on a history forged behind the store's
back.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.engine import make_url
from uuid6 import uuid7

from desktop.store.schema import applied_op, event, message, ticket
from desktop.store.schema import note as note_table
from desktop.store.service import Store
from tests.sync.offline import unreachable_store
from tests.sync.sync_checks import ExpiryMarks
from tests.sync.sync_model import LOGINS, STEAL_REASON, build_world, model_for, run_and_report, world_problems

# Examples per engine: together about a minute and a half on a 2-core machine (printed by --durations).
EXAMPLES = {"sqlite": 10, "postgresql": 7, "mariadb": 7}


@pytest.fixture
def central(migrated_url: str, tmp_path: Path) -> Iterator[tuple[str, Store, Store]]:
    admin = Store(migrated_url)
    offline = unreachable_store(migrated_url, tmp_path)
    yield migrated_url, admin, offline
    admin.dispose()
    offline.dispose()


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
            created_at=datetime.utcnow(),  # naive UTC like the store
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
            created_at=datetime.utcnow(),
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
                        applied_at=datetime.utcnow(),
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
