"""Correcting a ticket's properties and closing it, offline-first on every engine: queued in the outbox, shown
at once through the overlay, applied in order once the link is back, the claim released after the closing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cache.overlay import pending_properties
from desktop.domain.errors import BadInput, NotHolder
from desktop.domain.operations import OpKind
from desktop.domain.status import Status
from desktop.domain.vocabulary import Kind, Priority
from desktop.store import audit, claims
from desktop.store.schema import outbound_message
from desktop.views.tickets import list_tickets, ticket_detail
from tests.store.helpers import Org, build_org, new_ticket
from tests.sync.helpers import client, holding
from tests.sync.offline import go_offline


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def test_properties_changed_offline_show_at_once_and_reach_the_store(org: Org, tmp_path: Path) -> None:
    made = new_ticket(org.ani, category="Jalan")
    ani = holding(org, "ani", tmp_path, made.tracking_no)
    online = go_offline(ani, tmp_path)
    ani.desk.set_properties(made.tracking_no, priority=Priority.DARURAT)
    ani.desk.set_properties(made.tracking_no, kind=Kind.ASPIRASI, category="")
    with ani.cache.read() as conn:
        shown = ticket_detail(conn, made.id).detail.ticket
        listed = next(t for t in list_tickets(conn) if t.id == made.id)
        assert set(pending_properties(conn)) == {made.id}
    assert (shown.priority, shown.kind, shown.category) == (Priority.DARURAT, Kind.ASPIRASI, None)
    assert listed.priority is Priority.DARURAT
    ani.engine.store = online
    report = ani.sync()
    assert report.push.applied == 2 and report.pending == 0
    central = org.ani.view(lambda work: claims.read_ticket(work, made.id))
    assert (central.priority, central.kind, central.category) == (Priority.DARURAT, Kind.ASPIRASI, None)
    with ani.cache.read() as conn:
        mirrored = ticket_detail(conn, made.id).detail.ticket
        assert pending_properties(conn) == {}
    assert (mirrored.priority, mirrored.kind, mirrored.category) == (Priority.DARURAT, Kind.ASPIRASI, None)
    ani.close()


def test_only_the_holder_may_queue_a_change_of_properties(org: Org, tmp_path: Path) -> None:
    made = new_ticket(org.ani)
    budi = client(org.url, "budi", tmp_path)
    budi.sync()
    with pytest.raises(NotHolder):
        budi.desk.set_properties(made.tracking_no, priority=Priority.TINGGI)
    assert budi.outbox() == []
    budi.close()


def test_closing_offline_queues_answer_status_and_release_in_one_batch(org: Org, tmp_path: Path) -> None:
    made = new_ticket(org.ani)
    ani = holding(org, "ani", tmp_path, made.tracking_no)
    for step in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI):
        ani.desk.status(made.tracking_no, step)
    ani.sync()
    online = go_offline(ani, tmp_path)
    with pytest.raises(BadInput):
        ani.desk.close(made.tracking_no, Status.SELESAI)  # neither an answer nor a reason
    with pytest.raises(BadInput):
        ani.desk.close(made.tracking_no, Status.DITUNDA, reason="bukan status akhir")
    ani.desk.close(made.tracking_no, Status.SELESAI, answer="Jalan sudah diperbaiki. Terima kasih.", reason="beres")
    assert [row.kind for row in ani.outbox()][-3:] == [OpKind.REPLY, OpKind.STATUS, OpKind.RELEASE]
    with ani.cache.read() as conn:
        cached = ticket_detail(conn, made.id)
    assert cached.detail.ticket.status is Status.SELESAI and cached.claim.pending_release
    ani.engine.store = online
    assert ani.sync().pending == 0
    central = org.ani.view(lambda work: claims.read_ticket(work, made.id))
    assert central.status is Status.SELESAI and central.claim.holder is None
    sent = org.admin.read(lambda conn: conn.execute(select(outbound_message.c.id)).all())
    assert len(sent) == 1
    events = org.ani.view(audit.ticket_history, made.tracking_no)
    closing = [e for e in events if e.action == "status" and e.detail["new"] == "selesai"]
    assert closing[0].detail.get("comment") == "beres" and not closing[0].online
    assert [e.action for e in events][-3:] == ["reply", "status", "release"]
    ani.close()
