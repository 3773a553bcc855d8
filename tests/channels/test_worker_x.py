"""X through the worker against the fake X API, on every engine: a mention becomes a ticket acknowledged by
a reply carrying the tracking number, the officer's answer is a reply to the citizen's latest post, the
citizen's reply joins the ticket, and an answer sent by a worker that stopped before recording it is not
posted twice (X refuses the same text again, which counts as sent)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Connection, insert, select, update

from desktop.channels.accounts import account_by_id
from desktop.channels.dispatch import dispatch_round
from desktop.channels.sources import make_sender, make_source
from desktop.channels.worker import run_round
from desktop.store import claims, handling, outbox
from desktop.store.schema import channel_account, message, outbound_message, ticket, unit
from tests.channels.fake_x import FakeX
from tests.store.helpers import Org, build_org

SITI = "2000000000000000001"


@pytest.fixture
def fake() -> Iterator[FakeX]:
    server = FakeX().start()
    server.add_user(SITI, "Siti Rahayu", "warga_siti")
    yield server
    server.stop()


@pytest.fixture
def org(migrated_url: str, fake: FakeX, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    built = build_org(migrated_url)
    monkeypatch.setenv("ADUAN_SECRET_PEMKOT_ADUAN", fake.token)

    def add(conn: Connection) -> None:
        unit_id = conn.execute(select(unit.c.id).where(unit.c.code == "humas")).scalar_one()
        conn.execute(
            insert(channel_account).values(
                unit_id=unit_id,
                channel="x",
                name="@pemkot_aduan",
                config=json.dumps({"base_url": fake.base_url, "user_id": fake.user_id}),
                secret_ref="env:ADUAN_SECRET_PEMKOT_ADUAN",
            )
        )

    built.admin.admin(add)
    yield built
    built.close()


def test_a_mention_is_acknowledged_answered_and_the_reply_joins_the_ticket(org: Org, fake: FakeX) -> None:
    mention = fake.post(SITI, "@pemkot_aduan Trotoar di Jl. Sudirman rusak parah")
    assert run_round(org.admin, make_source).received == {"@pemkot_aduan": 1}
    assert dispatch_round(org.admin, make_sender).sent == 1
    tracking_no, ticket_id = org.admin.read(lambda c: c.execute(select(ticket.c.tracking_no, ticket.c.id)).one())
    [ack] = fake.posted
    assert ack.in_reply_to == mention and tracking_no in ack.text

    held = org.ani.write(claims.claim, ticket_id)
    org.ani.write(handling.reply, ticket_id, held.claim.token, "Sudah kami teruskan ke Dinas PU.")
    assert dispatch_round(org.admin, make_sender).sent == 1
    answer = fake.posted[1]
    assert answer.in_reply_to == mention and answer.text == f"Sudah kami teruskan ke Dinas PU.\n\n({tracking_no})"

    fake.post(SITI, "@pemkot_aduan Terima kasih, kapan diperbaiki?", in_reply_to=answer.id)
    run_round(org.admin, make_source)
    threads = org.admin.read(lambda c: c.execute(select(message.c.ticket_id, message.c.direction)).all())
    assert {r.ticket_id for r in threads} == {ticket_id}
    assert sorted(r.direction for r in threads) == ["inbound", "inbound", "outbound", "outbound"]


def test_an_answer_posted_before_a_crash_is_not_posted_twice(org: Org, fake: FakeX) -> None:
    fake.post(SITI, "@pemkot_aduan Banjir di perumahan Griya Asri")
    run_round(org.admin, make_source)
    # A worker takes the acknowledgement, posts it, and stops before recording that it did.
    taken = org.admin.admin(outbox.take, timedelta(minutes=5))
    assert taken is not None and taken.account_id is not None
    account = org.admin.read(account_by_id, taken.account_id)
    make_sender(account, fake.token).send(taken)
    assert len(fake.posted) == 1
    org.admin.admin(lambda c: c.execute(update(outbound_message).values(not_before=datetime(2000, 1, 1))))

    report = dispatch_round(org.admin, make_sender)
    assert (report.recovered, report.sent, report.failed) == (1, 1, 0)
    assert len(fake.posted) == 1  # X refused the repeat: it counts as sent, nothing was posted twice
    assert org.admin.read(lambda c: c.execute(select(outbound_message.c.state)).scalar_one()) == "sent"
