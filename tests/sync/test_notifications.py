"""What the desktop notifications announce, read from a real cache after real sync rounds: an assignment, the
reporter writing again, a mention, a deadline coming and passing — each once — and never the officer's own doing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import select
from uuid6 import uuid7

from desktop.cache import schema as s
from desktop.domain.inbound import InboundMessage
from desktop.domain.vocabulary import Channel, Kind
from desktop.store import assignment, claims, discussions, intake
from desktop.store.work import begin
from desktop.views.notifications import Mark, Notice, NoticeKind, mark_now, what_is_new
from tests.store.helpers import Org, build_org, new_ticket
from tests.sync.helpers import Client, client


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def look(officer: Client, mark: Mark, now: datetime | None = None) -> tuple[list[Notice], Mark]:
    officer.sync()
    with officer.cache.read() as conn:
        return what_is_new(conn, mark, now)


def rudi_due(officer: Client, ticket_id: UUID) -> datetime:
    with officer.cache.read() as conn:
        due = conn.execute(select(s.ticket.c.due_at).where(s.ticket.c.id == ticket_id)).scalar_one()
    assert isinstance(due, datetime)
    return due


def citizen_writes(org: Org, tracking_no: str, text: str) -> None:
    message = InboundMessage(
        channel=Channel.EMAIL,
        external_id=f"<{uuid7()}@warga.example>",
        sender_address="warga@example.org",
        sender_name=None,
        subject=f"Re: [{tracking_no}] Jalan berlubang",
        text=text,
    )
    org.admin.admin(lambda conn: intake.receive(begin(conn, None), message, "kanreg-1"))


def test_each_kind_is_announced_once(org: Org, tmp_path: Path) -> None:
    held = new_ticket(org.rudi, unit="kanreg-1", subject="Lampu jalan mati")
    org.rudi.write(claims.claim, held.id)
    other = new_ticket(org.rudi, unit="kanreg-1", subject="Jalan berlubang")
    rudi = client(org.url, "rudi", tmp_path)
    rudi.sync()
    with rudi.cache.read() as conn:
        mark = mark_now(conn)
        due_at = conn.execute(select(s.ticket.c.due_at).where(s.ticket.c.id == held.id)).scalar_one()
    assert due_at is not None
    early = due_at - timedelta(hours=5)  # a fixed clock, far from the deadline
    notices, mark = look(rudi, mark, early)
    assert notices == [], "what the cache held when the window opened is not news"

    org.sari.write(assignment.assign, other.id, "rudi")
    notices, mark = look(rudi, mark, early)
    assert notices == [Notice(NoticeKind.ASSIGNED, other.id, other.tracking_no)]

    citizen_writes(org, held.tracking_no, "Lampunya masih mati sampai malam ini.")
    notices, mark = look(rudi, mark, early)
    assert notices == [Notice(NoticeKind.CITIZEN_REPLY, held.id, held.tracking_no)]

    discussion_id = uuid7()
    org.sari.write(
        discussions.start_discussion, discussion_id, "kanreg-1", "Lampu", "@rudi tolong cek lokasi.", uuid7(), held.id
    )
    notices, mark = look(rudi, mark, early)
    assert notices == [Notice(NoticeKind.MENTIONED, held.id, held.tracking_no, discussion_id)]

    # Both reports he holds were made a moment apart: the same service level puts their deadlines together.
    due_at = max(due_at, rudi_due(rudi, other.id))
    notices, mark = look(rudi, mark, due_at - timedelta(minutes=30))
    assert {(n.kind, n.ticket_id) for n in notices} == {(NoticeKind.DUE_SOON, held.id), (NoticeKind.DUE_SOON, other.id)}
    notices, mark = look(rudi, mark, due_at - timedelta(minutes=20))
    assert notices == [], "told once"
    notices, mark = look(rudi, mark, due_at + timedelta(minutes=1))
    assert {(n.kind, n.ticket_id) for n in notices} == {(NoticeKind.OVERDUE, held.id), (NoticeKind.OVERDUE, other.id)}
    notices, mark = look(rudi, mark, due_at + timedelta(minutes=2))
    assert notices == []
    rudi.close()


def test_the_officers_own_doing_is_never_announced(org: Org, tmp_path: Path) -> None:
    rudi = client(org.url, "rudi", tmp_path)
    rudi.sync()
    with rudi.cache.read() as conn:
        mark = mark_now(conn)
    # A walk-in recorded at rudi's desk: he holds it, and its first message is the reporter's — not news.
    recorded = rudi.desk.create("kanreg-1", Kind.PENGADUAN, Channel.WALK_IN, "Pungutan liar", "Diminta uang.")
    notices, mark = look(rudi, mark)
    assert notices == []
    with rudi.cache.read() as conn:
        assert conn.execute(select(s.ticket.c.claimed_by).where(s.ticket.c.id == recorded.ticket_id)).scalar()
    # His own post mentioning himself.
    org.rudi.write(discussions.start_discussion, uuid7(), "kanreg-1", "Catatan", "@rudi ingat rapat.", uuid7())
    notices, mark = look(rudi, mark)
    assert notices == []
    rudi.close()


def test_many_at_once_are_counted_per_report(org: Org, tmp_path: Path) -> None:
    tickets = [new_ticket(org.rudi, unit="kanreg-1", subject=f"Laporan {n}") for n in range(3)]
    for ticket in tickets:
        org.rudi.write(claims.claim, ticket.id)
    rudi = client(org.url, "rudi", tmp_path)
    rudi.sync()
    with rudi.cache.read() as conn:
        mark = mark_now(conn)
    for ticket in tickets:
        citizen_writes(org, ticket.tracking_no, "Sudah ada kabar?")
    citizen_writes(org, tickets[0].tracking_no, "Mohon segera.")  # a second message on the same report
    notices, _mark = look(rudi, mark, datetime(2000, 1, 1))
    assert sorted(n.ticket_id for n in notices) == sorted(t.id for t in tickets)
    assert {n.kind for n in notices} == {NoticeKind.CITIZEN_REPLY}
    assert all(isinstance(n.ticket_id, UUID) for n in notices)
    rudi.close()
