"""A SP4N-LAPOR! account through the worker, on every engine: the poller's reports become tickets carrying
the LAPOR! tracking id, once; answers on them are recorded for the follow-up export, not sent."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, insert, select

from desktop.channels.sources import make_source
from desktop.channels.worker import run_round
from desktop.store import claims, handling
from desktop.store.schema import channel_account, outbound_message, ticket, unit
from tests.channels.fake_lapor import FakeLapor
from tests.store.helpers import Org, build_org


@pytest.fixture
def fake() -> Iterator[FakeLapor]:
    server = FakeLapor().start()
    yield server
    server.stop()


@pytest.fixture
def org(migrated_url: str, fake: FakeLapor, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    built = build_org(migrated_url)
    monkeypatch.setenv("ADUAN_SECRET_SP4N_LAPOR_HUMAS", fake.token)

    def add(conn: Connection) -> None:
        unit_id = conn.execute(select(unit.c.id).where(unit.c.code == "humas")).scalar_one()
        conn.execute(
            insert(channel_account).values(
                unit_id=unit_id,
                channel="lapor",
                name="SP4N-LAPOR! Humas",
                config=json.dumps({"base_url": fake.base_url}),
                secret_ref="env:ADUAN_SECRET_SP4N_LAPOR_HUMAS",
            )
        )

    built.admin.admin(add)
    yield built
    built.close()


def test_reports_become_tickets_with_their_lapor_id_once(org: Org, fake: FakeLapor) -> None:
    fake.add_report("7654321", "2026-11-27T09:00:00+07:00", title="Jembatan retak di Desa Sukamaju")
    fake.add_report("7654322", "2026-11-27T10:00:00+07:00", classification="Aspirasi", is_anonymous=True)
    assert run_round(org.admin, make_source).received == {"SP4N-LAPOR! Humas": 2}
    assert run_round(org.admin, make_source).received == {"SP4N-LAPOR! Humas": 0}  # the cursor and the ids hold
    rows = org.admin.read(
        lambda c: c.execute(
            select(ticket.c.external_ref, ticket.c.kind, ticket.c.id).order_by(ticket.c.external_ref)
        ).all()
    )
    assert [(r.external_ref, r.kind) for r in rows] == [("7654321", "pengaduan"), ("7654322", "aspirasi")]

    held = org.ani.write(claims.claim, rows[0].id)
    org.ani.write(handling.reply, rows[0].id, held.claim.token, "Sudah diteruskan ke Dinas PU.")
    states = org.admin.read(lambda c: c.execute(select(outbound_message.c.state)).scalars().all())
    assert states == ["recorded"]  # LAPOR! gets its follow-ups through the export, not the dispatcher
