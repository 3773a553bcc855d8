"""A report recorded at the desk (walk-in, phone) is held by the officer who recorded it (issue 17)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cache import schema as s
from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Kind
from desktop.store import schema as central
from tests.store.helpers import Org, build_org
from tests.sync.helpers import client


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def test_the_recording_officer_holds_the_report_and_may_reply_before_it_is_numbered(org: Org, tmp_path: Path) -> None:
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    op = ani.desk.create(
        unit="humas",
        kind=Kind.PENGADUAN,
        channel=Channel.WALK_IN,
        subject="Antrean pelayanan KTP terlalu lama",
        body="Saya menunggu lima jam di kantor kecamatan.",
    )
    # Held already on this computer: a status change (fenced) made before the first sync rides the queued claim.
    ani.desk.status(str(op.ticket_id), Status.DIVERIFIKASI)
    report = ani.sync()
    assert report.pending == 0
    with org.admin.engine.connect() as conn:
        made = conn.execute(
            select(central.ticket.c.claimed_by, central.officer.c.login)
            .join(central.officer, central.officer.c.id == central.ticket.c.claimed_by)
            .where(central.ticket.c.id == op.ticket_id)
        ).one()
    assert made.login == "ani"
    with ani.cache.read() as conn:
        holder = conn.execute(select(s.ticket.c.claimed_by).where(s.ticket.c.id == op.ticket_id)).scalar_one()
        ani_id = conn.execute(select(s.officer.c.id).where(s.officer.c.login == "ani")).scalar_one()
    assert holder == ani_id
    ani.close()
