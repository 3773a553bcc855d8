"""The pull cursor is commit-ordered: no committed row is ever skipped, no rolled-back row ever seen."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import Engine, insert, select

from desktop.cache import schema as s
from desktop.domain.vocabulary import Channel, Kind
from desktop.store import handling
from desktop.store.clock import server_now
from desktop.store.identity import load_actor, unit_id_by_code
from desktop.store.schema import event, note, ticket
from desktop.store.service import Store
from desktop.store.tickets import NewTicket, create_ticket
from desktop.store.work import begin
from tests.store.helpers import build_org, new_ticket
from tests.sync.helpers import client

# SQLite has one writer at a time (write transactions BEGIN IMMEDIATE), so a transaction can never commit
# out of the order it began in: the out-of-order case applies to PostgreSQL and MariaDB only.
OUT_OF_ORDER_ENGINES = ["postgresql", "mariadb"]


def _open_note(engine: Engine, login: str, ticket_id: UUID, text: str) -> tuple[object, UUID]:
    """Begin a transaction that adds a note, and leave it open."""
    conn = engine.connect()
    conn.execution_options(write=True)
    tx = conn.begin()
    work = begin(conn, load_actor(conn, login))
    added = handling.add_note(work, ticket_id, text)
    return (conn, tx), added.id


@pytest.fixture
def out_of_order_url(db_url: str) -> str:
    store = Store(db_url)
    store.upgrade()
    store.dispose()
    return db_url


@pytest.mark.parametrize("db_url", OUT_OF_ORDER_ENGINES, indirect=True)
def test_a_naive_auto_increment_cursor_loses_a_row_committed_out_of_order(out_of_order_url: str) -> None:
    """The bug our cursor exists to avoid, shown on the real engine: A takes id n, B takes n+1 and
    commits first; a reader moving its cursor to n+1 never sees A's row."""
    store = Store(out_of_order_url)
    with store.engine.begin() as conn:
        now = server_now(conn)
    a = store.engine.connect()
    a_tx = a.begin()
    a_id = a.execute(insert(event).values(action="naive-a", created_at=now)).inserted_primary_key[0]
    with store.engine.begin() as b:
        b_id = b.execute(insert(event).values(action="naive-b", created_at=now)).inserted_primary_key[0]
    assert a_id < b_id

    def naive_pull(after: int) -> list[int]:
        with store.engine.connect() as reader:
            return list(reader.execute(select(event.c.id).where(event.c.id > after).order_by(event.c.id)).scalars())

    seen = naive_pull(0)
    cursor = max(seen)
    a_tx.commit()
    a.close()
    seen += naive_pull(cursor)
    with store.engine.connect() as reader:
        committed = set(reader.execute(select(event.c.id)).scalars())
    assert a_id in committed
    assert a_id not in seen, "the naive cursor was expected to skip the late commit"
    store.dispose()


@pytest.mark.parametrize("db_url", OUT_OF_ORDER_ENGINES, indirect=True)
def test_our_cursor_keeps_a_row_committed_after_a_later_one(out_of_order_url: str, tmp_path: Path) -> None:
    """The same interleaving with real operations: A opens first, B goes next (on PostgreSQL B commits
    first; on MariaDB B waits on the change counter, which is what orders commits), the client pulls in
    between and after. Both notes reach its mirror."""
    org = build_org(out_of_order_url)
    target = new_ticket(org.ani)
    ani = client(out_of_order_url, "ani", tmp_path)
    ani.sync()
    (a_conn, a_tx), a_note = _open_note(org.admin.engine, "budi", target.id, "catatan A, lama")
    b_note: list[UUID] = []
    b_thread = threading.Thread(
        target=lambda: b_note.append(org.budi.write(handling.add_note, target.id, "catatan B, cepat").id)
    )
    b_thread.start()
    b_thread.join(timeout=2)  # PostgreSQL: B commits now; MariaDB: B waits for A's counter lock
    ani.sync()  # pulls while A is still open
    a_tx.commit()  # type: ignore[attr-defined]
    a_conn.close()  # type: ignore[attr-defined]
    b_thread.join()
    ani.sync()
    with ani.cache.read() as conn:
        mirrored = set(conn.execute(select(s.note.c.id)).scalars())
    assert {a_note, b_note[0]} <= mirrored
    ani.close()
    org.close()


def test_pulled_set_equals_committed_set_under_many_writers(migrated_url: str, tmp_path: Path) -> None:
    """Writers with short, long and rolled-back transactions, one puller pulling all along: every pull's
    rows were committed, and in the end the union of everything pulled is exactly what committed."""
    org = build_org(migrated_url)
    tickets = [new_ticket(org.ani, subject=f"Laporan {i}") for i in range(4)]
    puller = client(migrated_url, "sari", tmp_path)  # a supervisor: sees kanreg and kanreg-1
    seen_notes: set[UUID] = set()
    seen_tickets: set[UUID] = set()
    rolled_back: set[UUID] = set()
    lock = threading.Lock()
    stop = threading.Event()
    errors: list[BaseException] = []
    # Writers in humas (ani, budi) and kanreg-1 (rudi); the puller, sari, sees kanreg-1 only. The humas
    # tickets are invisible to her, so ani's and budi's writes also test that out-of-scope rows stay out.
    kanreg = [new_ticket(org.rudi, unit="kanreg-1", subject=f"Kanreg {i}") for i in range(3)]

    def writer(login: str, seed: int, own: list[UUID], unit: str) -> None:
        rng = random.Random(seed)
        engine = org.admin.engine
        try:
            for i in range(25):
                with engine.connect() as conn:
                    conn.execution_options(write=True)
                    tx = conn.begin()
                    work = begin(conn, load_actor(conn, login))
                    if rng.random() < 0.3:
                        made = create_ticket(
                            work,
                            NewTicket(
                                unit=unit,
                                kind=Kind.PENGADUAN,
                                channel=Channel.PHONE,
                                subject=f"{login} {i}",
                                body="Isi laporan.",
                            ),
                        )
                        new_id = made.id
                    else:
                        new_id = handling.add_note(work, rng.choice(own), f"{login} catatan {i}").id
                    time.sleep(rng.choice((0, 0, 0.001, 0.02, 0.1)))  # short and long transactions
                    if rng.random() < 0.2:
                        tx.rollback()
                        with lock:
                            rolled_back.add(new_id)
                    else:
                        tx.commit()
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    def pull_all_along() -> None:
        try:
            while not stop.is_set():
                puller.engine.pull()
                with puller.cache.read() as conn:
                    seen_notes.update(conn.execute(select(s.note.c.id)).scalars())
                    seen_tickets.update(conn.execute(select(s.ticket.c.id)).scalars())
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=writer, args=("rudi", 1, [t.id for t in kanreg], "kanreg-1")),
        threading.Thread(target=writer, args=("sari", 2, [t.id for t in kanreg], "kanreg-1")),
        threading.Thread(target=writer, args=("ani", 3, [t.id for t in tickets], "humas")),
    ]
    pulling = threading.Thread(target=pull_all_along)
    pulling.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    pulling.join()
    assert not errors, errors
    puller.engine.pull()
    with puller.cache.read() as conn:
        seen_notes.update(conn.execute(select(s.note.c.id)).scalars())
        seen_tickets.update(conn.execute(select(s.ticket.c.id)).scalars())
    with org.admin.engine.connect() as conn:
        kanreg_ids = select(ticket.c.id).where(ticket.c.unit_id == unit_id_by_code(conn, "kanreg-1"))
        committed_tickets = set(conn.execute(kanreg_ids).scalars())
        committed_notes = set(conn.execute(select(note.c.id).where(note.c.ticket_id.in_(kanreg_ids))).scalars())
    assert committed_notes, "the writers committed nothing: the test would prove nothing"
    assert rolled_back, "no transaction was rolled back: the test would prove nothing about them"
    assert seen_notes == committed_notes
    assert seen_tickets == committed_tickets
    assert not (seen_notes | seen_tickets) & rolled_back
    puller.close()
    org.close()
