"""A supervisor assigns a report from their desk: shown at once, offline-first, and in the assignee's "Mine"
after one round; a previous holder's queued work becomes a hand-over, never lost (issue 17)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from desktop.cache import schema as s
from desktop.domain.errors import NotPermitted
from desktop.domain.status import Status
from desktop.domain.vocabulary import Role
from desktop.store import schema as central
from desktop.store.clock import server_now
from desktop.views import assignments, tickets, workload
from tests.store.helpers import Org, add_officer_without_login, build_org, new_ticket
from tests.sync.helpers import client, holding


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def loads(c: object) -> dict[str, tuple[int, int]]:
    with c.cache.read() as conn:  # type: ignore[attr-defined]
        return {load.name: (load.open, load.overdue) for load in workload.workload(conn)}


def test_assigned_report_is_the_assignees_after_one_round(org: Org, tmp_path: Path) -> None:
    made = new_ticket(org.rudi, unit="kanreg-1", subject="Pelayanan KTP lambat")
    late = new_ticket(org.rudi, unit="kanreg-1", subject="Antrean panjang")
    with org.admin.engine.begin() as conn:  # one of them overdue by an hour, on the server's clock
        due = server_now(conn) - timedelta(hours=1)
        conn.execute(update(central.ticket).where(central.ticket.c.id == late.id).values(due_at=due))
    sari, rudi = client(org.url, "sari", tmp_path), client(org.url, "rudi", tmp_path)
    sari.sync()
    rudi.sync()
    assert loads(sari) == {"Rudi Hartono": (0, 0), "Sari Lestari": (0, 0)}

    sari.desk.assign(made.tracking_no, "rudi")
    sari.desk.assign(late.tracking_no, "rudi")
    # At once on the supervisor's desk, before anything reached the server.
    assert loads(sari)["Rudi Hartono"] == (2, 1)
    with sari.cache.read() as conn:
        assert tickets.ticket_detail(conn, made.id).detail.ticket.claim.holder == "rudi"
    assert sari.sync().pending == 0
    assert [row.state for row in sari.outbox()] == ["applied", "applied"]
    assert loads(sari)["Rudi Hartono"] == (2, 1), "the mirror agrees once the overlay is gone"

    rudi.sync()
    with rudi.cache.read() as conn:
        mine = {t.id for t in tickets.list_tickets(conn, mine=True)}
        told = assignments.assigned_to_me_since(conn, None)
        shown = assignments.assignment_of(conn, made.id)
    assert mine == {made.id, late.id}
    assert [(a.tracking_no, a.assigned_by) for a in told] == [
        (made.tracking_no, "Sari Lestari"),
        (late.tracking_no, "Sari Lestari"),
    ]
    assert shown is not None and shown.assigned_by == "Sari Lestari"
    with rudi.cache.read() as conn:
        assert assignments.assigned_to_me_since(conn, told[-1].assigned_at) == [], "told once"

    # Rudi acts on it: the pane no longer says who assigned it; the other one still does.
    rudi.desk.status(made.tracking_no, Status.DIVERIFIKASI)
    rudi.sync()
    with rudi.cache.read() as conn:
        assert assignments.assignment_of(conn, made.id) is None
        assert assignments.assignment_of(conn, late.id) is not None
    sari.close()
    rudi.close()


def test_officers_cannot_assign_from_their_desk(org: Org, tmp_path: Path) -> None:
    made = new_ticket(org.ani)
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    with pytest.raises(NotPermitted):
        ani.desk.assign(made.tracking_no, "budi")
    assert ani.outbox() == []
    ani.close()


def test_previous_holders_offline_work_is_handed_over_to_the_assignee(org: Org, tmp_path: Path) -> None:
    org.admin.admin(add_officer_without_login, "adi", "Adi Nugroho", ["humas"], Role.ADMIN)
    made = new_ticket(org.ani)
    ani = holding(org, "ani", tmp_path, made.tracking_no)
    adi, budi = client(org.url, "adi", tmp_path), client(org.url, "budi", tmp_path)
    ani.desk.reply(made.tracking_no, "Terima kasih, laporan Anda sedang kami periksa.")  # not yet pushed
    adi.sync()
    adi.desk.assign(made.tracking_no, "budi")
    adi.sync()

    ani.sync()
    assert [row.state for row in ani.outbox() if row.kind == "reply"] == ["handed_over"]
    budi.sync()
    with budi.cache.read() as conn:
        holder = conn.execute(select(s.ticket.c.claimed_by).where(s.ticket.c.id == made.id)).scalar_one()
        budi_id = conn.execute(select(s.officer.c.id).where(s.officer.c.login == "budi")).scalar_one()
        items = conn.execute(select(s.handover_item.c.to_officer_id).where(s.handover_item.c.ticket_id == made.id))
        assert holder == budi_id and list(items.scalars()) == [budi_id]
    for c in (ani, adi, budi):
        c.close()
