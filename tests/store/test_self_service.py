"""Status self-service on every engine: the contact that filed a report hears its status and the last public
answer, nobody else learns anything, the request is no report and no message of the thread, it is audited,
answered once per delivery and at most ``ANSWERS_PER_HOUR`` times an hour per contact."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import Connection, create_engine, func, insert, select
from uuid6 import uuid7

from desktop.cache import schema as cache_schema
from desktop.channels.dispatch import dispatch_round
from desktop.channels.sources import make_sender, make_source
from desktop.channels.worker import run_round
from desktop.desk.closing import answered_since_last_message
from desktop.domain.inbound import InboundMessage, Received
from desktop.domain.self_service import NEUTRAL_ANSWER
from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Direction, Kind
from desktop.store import claims, handling, intake, self_service, tickets
from desktop.store.schema import channel_account, event, message, outbound_message, sla_clock, ticket, unit
from desktop.store.work import begin
from tests.channels.fake_telegram import FakeTelegram
from tests.store.helpers import Org, build_org

T0 = datetime(2026, 3, 2, 3, 15)  # naive UTC; every intake below runs at a fixed moment
SITI, BUDI, STRANGER = "6281100000001", "6281100000002", "6281100000009"


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def wa(external_id: str, sender: str | None, text: str) -> InboundMessage:
    return InboundMessage(Channel.WHATSAPP, external_id, sender, "Warga", "", text)


def receive(org: Org, inbound: InboundMessage, at: datetime = T0) -> Received:
    def run(conn: Any) -> Received:
        work = begin(conn, None)
        work.prime(at, None)
        return intake.receive(work, inbound, "humas")

    return org.admin.admin(run)


def rows(org: Org, query: Any) -> list[Any]:
    return list(org.admin.read(lambda conn: conn.execute(query).all()))


def count(org: Org, table: Any, *where: Any) -> int:
    return int(
        org.admin.read(lambda conn: conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())
    )


def answers(org: Org, ticket_id: UUID) -> list[str]:
    """The automatic answers queued on a ticket (officers' answers have an author), oldest first."""
    found = rows(
        org,
        select(message.c.body_text)
        .join(outbound_message, outbound_message.c.message_id == message.c.id)
        .where(message.c.ticket_id == ticket_id, message.c.author_id.is_(None))
        .order_by(message.c.created_at, message.c.id),
    )
    return [r.body_text for r in found]


def audited(org: Org) -> list[tuple[UUID, dict[str, Any]]]:
    found = rows(
        org, select(event.c.ticket_id, event.c.detail).where(event.c.action == "status_request").order_by(event.c.id)
    )
    return [(r.ticket_id, json.loads(r.detail)) for r in found]


def test_the_filing_contact_hears_the_status_and_last_public_answer_never_a_note(org: Org) -> None:
    filed = receive(org, wa("w1", SITI, "Jalan berlubang di Jl. Kenanga depan SDN 3, sudah dua bulan."))
    token = org.ani.write(claims.claim, filed.ticket_id).claim.token
    org.ani.write(handling.reply, filed.ticket_id, token, "Tim kami akan meninjau lokasi pada hari Kamis.")
    org.ani.write(handling.add_note, filed.ticket_id, "RAHASIA: pelapor kerabat kepala dinas", token)
    for status in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.MENUNGGU_PELAPOR):
        org.ani.write(handling.change_status, filed.ticket_id, token, status)
    clocks_before = rows(org, select(sla_clock).order_by(sla_clock.c.clock))
    version_before = rows(org, select(ticket.c.row_version, ticket.c.updated_at))

    asked = receive(org, wa("w2", SITI, f"Cek status laporan saya {filed.tracking_no.lower()} ya kak"))
    latest = receive(org, wa("w3", SITI, "status"), T0 + timedelta(minutes=1))

    assert (asked.ticket_id, asked.message_id, asked.new_ticket, asked.duplicate) == (
        filed.ticket_id,
        None,
        False,
        False,
    )
    assert latest.ticket_id == filed.ticket_id
    sent = answers(org, filed.ticket_id)
    assert len(sent) == 2 and sent[0] == sent[1]
    assert sent[0].startswith(f"Status laporan {filed.tracking_no} (perihal: ")
    assert "menunggu tanggapan Anda" in sent[0] and "meninjau lokasi pada hari Kamis" in sent[0]
    assert "RAHASIA" not in sent[0] and "kerabat" not in sent[0]
    assert org.admin.read(self_service.status_text, filed.ticket_id) == sent[0]  # what a status link can show
    # Not a report, not the citizen's answer: one ticket, one inbound message, still waiting for the reporter,
    # its clocks and version as they were.
    assert count(org, ticket) == 1
    assert count(org, message, message.c.direction == Direction.INBOUND.value) == 1
    status = rows(org, select(ticket.c.status))[0].status
    assert status == Status.MENUNGGU_PELAPOR.value
    assert rows(org, select(sla_clock).order_by(sla_clock.c.clock)) == clocks_before
    assert rows(org, select(ticket.c.row_version, ticket.c.updated_at)) == version_before
    trail = audited(org)
    assert [(t, d["outcome"], d["asked"], d["contact"]) for t, d in trail] == [
        (filed.ticket_id, "answered", filed.tracking_no, SITI),
        (filed.ticket_id, "answered", None, SITI),
    ]
    assert trail[0][1]["external_id"] == "w2"


def test_every_other_request_gets_the_same_neutral_answer(org: Org) -> None:
    siti = receive(org, wa("s1", SITI, "Lampu jalan mati di Gang Melati, rumah Bu Siti nomor 12."))
    budi = receive(org, wa("b1", BUDI, "Sampah menumpuk di pasar."), T0 + timedelta(minutes=1))
    anonymous = org.admin.admin(
        lambda conn: tickets.create_ticket(
            begin(conn, None),
            tickets.NewTicket("humas", Kind.PENGADUAN, Channel.WHATSAPP, "Pungli di loket", "…", anonymous=True),
        )
    )
    later = T0 + timedelta(minutes=5)
    for n, number in enumerate((siti.tracking_no, "ADU-2026-999999", anonymous.tracking_no)):
        done = receive(org, wa(f"b-ask-{n}", BUDI, f"status {number}"), later)
        assert (done.ticket_id, done.new_ticket, done.message_id) == (budi.ticket_id, False, None)

    assert answers(org, budi.ticket_id) == [NEUTRAL_ANSWER] * 3  # the same words, whatever was asked
    assert answers(org, siti.ticket_id) == [] and answers(org, anonymous.id) == []
    assert [d["outcome"] for _, d in audited(org)] == ["refused"] * 3
    # A sender who filed nothing has no report to be answered through: the message is a report like any other,
    # whatever number it names, and says nothing of Siti's.
    stranger = receive(org, wa("x1", STRANGER, f"status {siti.tracking_no}"), later)
    assert stranger.new_ticket and stranger.ticket_id not in (siti.ticket_id, budi.ticket_id)
    assert answers(org, stranger.ticket_id) == [] and answers(org, siti.ticket_id) == []
    assert count(org, ticket) == 4
    # On X an answer is a public post: a status request there is left to an officer, as any message.
    posted = receive(org, InboundMessage(Channel.X, "x-1", "@siti", "Siti", "", "Trotoar rusak di Jl. Mawar"))
    on_x = receive(org, InboundMessage(Channel.X, "x-2", "@siti", "Siti", "", f"status {posted.tracking_no}"))
    assert on_x.ticket_id == posted.ticket_id and on_x.message_id is not None
    assert answers(org, posted.ticket_id) == [] and len(audited(org)) == 3


def test_a_request_is_answered_once_and_at_most_ten_times_an_hour(org: Org) -> None:
    filed = receive(org, wa("w1", SITI, "Air PDAM tidak mengalir sejak Senin."))
    first = receive(org, wa("ask-0", SITI, "cek"))
    again = receive(org, wa("ask-0", SITI, "cek"), T0 + timedelta(minutes=3))  # the webhook delivered it twice
    assert not first.duplicate and again.duplicate and again.ticket_id == filed.ticket_id
    assert len(answers(org, filed.ticket_id)) == 1 and len(audited(org)) == 1

    for n in range(1, self_service.ANSWERS_PER_HOUR + 1):
        receive(org, wa(f"ask-{n}", SITI, "status"), T0 + timedelta(minutes=n))
    assert len(answers(org, filed.ticket_id)) == self_service.ANSWERS_PER_HOUR  # the eleventh was not answered
    assert audited(org)[-1][1]["outcome"] == "limited" and "message_id" not in audited(org)[-1][1]
    receive(org, wa("ask-next-hour", SITI, "status"), T0 + timedelta(hours=1))
    assert len(answers(org, filed.ticket_id)) == self_service.ANSWERS_PER_HOUR + 1
    assert count(org, ticket) == 1
    assert count(org, message, message.c.direction == Direction.INBOUND.value) == 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_chat_asks_through_the_worker_and_the_answer_goes_back_to_it(
    org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeTelegram().start()
    try:
        fake.add_chat(5001, "Siti", "Rahayu")
        fake.add_chat(5002, "Budi", "Santoso")
        monkeypatch.setenv("ADUAN_SECRET_BOT_HUMAS", fake.token)

        def add_account(conn: Connection) -> None:
            unit_id = conn.execute(select(unit.c.id).where(unit.c.code == "humas")).scalar_one()
            conn.execute(
                insert(channel_account).values(
                    unit_id=unit_id,
                    channel="telegram",
                    name="Bot Humas",
                    config=json.dumps({"base_url": fake.base_url}),
                    secret_ref="env:ADUAN_SECRET_BOT_HUMAS",
                )
            )

        org.admin.admin(add_account)
        fake.push_message(5001, text="Lampu PJU di Jl. Melati mati sejak Jumat")
        run_round(org.admin, make_source)
        ticket_id = org.admin.read(lambda conn: conn.execute(select(ticket.c.id)).scalar_one())
        held = org.ani.write(claims.claim, ticket_id)
        org.ani.write(handling.reply, ticket_id, held.claim.token, "Petugas kami menuju lokasi besok.")
        assert dispatch_round(org.admin, make_sender).sent == 2  # the acknowledgement and the answer

        fake.push_message(5001, text="cek status")
        fake.push_message(5002, text="status")  # has no report: a report of its own, acknowledged
        run_round(org.admin, make_source)
        assert dispatch_round(org.admin, make_sender).sent == 2
        status, other = fake.sent[2:]
        assert status.chat_id == 5001 and status.text.startswith("Status laporan ADU-")
        assert "Petugas kami menuju lokasi besok." in status.text
        assert other.chat_id == 5002 and "Lampu" not in other.text and "Petugas" not in other.text
        assert count(org, ticket) == 2
    finally:
        fake.stop()


def test_an_automatic_answer_is_no_final_answer_for_closing() -> None:
    """A status answer (or an acknowledgement) after the reporter's last message does not let an officer close
    the report as answered: only an officer's answer does (``desk/closing.py``)."""
    engine = create_engine("sqlite://")
    cache_schema.metadata.create_all(engine)
    ticket_id = uuid7()

    def add(direction: Direction, at: datetime, author: int | None) -> None:
        with engine.begin() as conn:
            conn.execute(
                insert(cache_schema.message).values(
                    id=uuid7(),
                    ticket_id=ticket_id,
                    direction=direction.value,
                    channel="whatsapp",
                    author_id=author,
                    body_text="…",
                    change_seq=1,
                    created_at=at,
                )
            )

    add(Direction.INBOUND, T0, None)
    add(Direction.OUTBOUND, T0 + timedelta(minutes=1), None)  # the status answer
    with engine.connect() as conn:
        assert not answered_since_last_message(conn, ticket_id)
    add(Direction.OUTBOUND, T0 + timedelta(minutes=2), 7)  # an officer's answer
    with engine.connect() as conn:
        assert answered_since_last_message(conn, ticket_id)
    engine.dispose()
