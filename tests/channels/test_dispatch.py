"""Dispatch through the fake Telegram Bot API and the intake-error records, on every engine: answers go out
once, a rate limit or an outage postpones them, a refusal fails one visibly, a worker that stopped while
sending leaves the answer in doubt (never sent twice by itself), and what the store refuses is kept whole
for an admin to retry or dismiss while the round goes on."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Connection, func, insert, select, update

from desktop.channels import intake_errors
from desktop.channels.accounts import account_health
from desktop.channels.dispatch import dispatch_round
from desktop.channels.sources import make_sender, make_source
from desktop.channels.worker import run_round
from desktop.domain.errors import BadInput, NotPermitted
from desktop.domain.inbound import InboundMessage
from desktop.domain.vocabulary import Channel
from desktop.server import commands
from desktop.store import claims, handling, outbox
from desktop.store.schema import channel_account, event, intake_error, message, outbound_message, ticket, unit
from desktop.store.service import Store
from tests.channels.fake_telegram import FakeTelegram
from tests.store.helpers import Org, build_org, new_ticket

CITIZEN = 5001
LONG_AGO = datetime(2000, 1, 1)


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    server.add_chat(CITIZEN, "Siti", "Rahayu")
    yield server
    server.stop()


@pytest.fixture
def org(migrated_url: str, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    built = build_org(migrated_url)
    monkeypatch.setenv("ADUAN_SECRET_BOT_HUMAS", fake.token)
    add_account(built.admin, {"base_url": fake.base_url})
    yield built
    built.close()


def add_account(store: Store, config: dict[str, object]) -> None:
    def add(conn: Connection) -> None:
        unit_id = conn.execute(select(unit.c.id).where(unit.c.code == "humas")).scalar_one()
        conn.execute(
            insert(channel_account).values(
                unit_id=unit_id,
                channel="telegram",
                name="Bot Humas",
                config=json.dumps(config),
                secret_ref="env:ADUAN_SECRET_BOT_HUMAS",
            )
        )

    store.admin(add)


def states(store: Store) -> list[str]:
    query = select(outbound_message.c.state).order_by(outbound_message.c.created_at)
    return list(store.read(lambda conn: conn.execute(query).scalars().all()))


def answer(org: Org, text: str) -> None:
    ticket_id = org.admin.read(lambda conn: conn.execute(select(ticket.c.id)).scalar_one())
    held = org.ani.write(claims.claim, ticket_id)
    org.ani.write(handling.reply, ticket_id, held.claim.token, text)


def test_a_new_chat_is_acknowledged_and_an_answer_goes_out_once(org: Org, fake: FakeTelegram) -> None:
    fake.push_message(CITIZEN, text="Lampu PJU di Jl. Melati mati")
    run_round(org.admin, make_source)
    assert dispatch_round(org.admin, make_sender).sent == 1
    tracking_no = org.admin.read(lambda conn: conn.execute(select(ticket.c.tracking_no)).scalar_one())
    [ack] = fake.sent
    assert ack.chat_id == CITIZEN and tracking_no in ack.text and ack.reply_to_message_id is not None

    answer(org, "Terima kasih, petugas kami menuju lokasi.")
    report = dispatch_round(org.admin, make_sender)
    assert (report.sent, report.failed, report.postponed) == (1, 0, 0)
    assert [s.text for s in fake.sent][1] == "Terima kasih, petugas kami menuju lokasi."
    assert dispatch_round(org.admin, make_sender).sent == 0  # sent once
    recorded = org.admin.read(
        lambda conn: (
            conn.execute(
                select(message.c.external_id).where(message.c.direction == "outbound").order_by(message.c.created_at)
            )
            .scalars()
            .all()
        )
    )
    assert recorded == [f"{CITIZEN}:{s.message_id}" for s in fake.sent]
    assert states(org.admin) == ["sent", "sent"]


def test_no_acknowledgement_when_the_account_says_so(
    migrated_url: str, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = build_org(migrated_url)
    try:
        monkeypatch.setenv("ADUAN_SECRET_BOT_HUMAS", fake.token)
        add_account(built.admin, {"base_url": fake.base_url, "acknowledgement": False})
        fake.push_message(CITIZEN, text="Jalan berlubang")
        run_round(built.admin, make_source)
        assert dispatch_round(built.admin, make_sender).sent == 0 and fake.sent == [] and states(built.admin) == []
    finally:
        built.close()


def test_a_rate_limit_postpones_every_answer_of_the_account(org: Org, fake: FakeTelegram) -> None:
    fake.push_message(CITIZEN, text="Sampah menumpuk")
    run_round(org.admin, make_source)
    answer(org, "Kami teruskan ke Dinas Kebersihan.")
    fake.rate_limit(retry_after=42, times=1)
    report = dispatch_round(org.admin, make_sender)
    assert (report.sent, report.postponed) == (0, 1) and "42" in report.errors["Bot Humas"]
    waits = org.admin.read(lambda conn: conn.execute(select(outbound_message.c.not_before)).scalars().all())
    assert len(waits) == 2 and all(w is not None for w in waits)  # both answers of the account wait
    assert states(org.admin) == ["queued", "queued"] and fake.sent == []
    org.admin.admin(lambda conn: conn.execute(update(outbound_message).values(not_before=None)))
    assert dispatch_round(org.admin, make_sender).sent == 2


def test_a_refused_answer_fails_visibly_and_an_admin_sends_it_again(org: Org, fake: FakeTelegram) -> None:
    made = new_ticket(org.ani, channel=Channel.TELEGRAM, reporter_contact="999", subject="Kabar banjir")
    held = org.ani.write(claims.claim, made.id)
    org.ani.write(handling.reply, made.id, held.claim.token, "Tim kami sudah di lokasi.")
    report = dispatch_round(org.admin, make_sender)
    assert (report.sent, report.failed) == (0, 1)
    [row] = org.admin.read(outbox.outbox_rows)
    assert row.state == "failed" and "chat not found" in (row.last_error or "").lower()
    history = org.admin.read(
        lambda conn: conn.execute(select(event.c.action).where(event.c.ticket_id == made.id)).scalars().all()
    )
    assert "send_failed" in history
    [health] = org.admin.read(account_health)
    assert (health.backlog, health.held) == (0, 1)

    fake.add_chat(999, "Budi", None)  # the chat exists now (the citizen started the bot)
    resend = commands.OutboundId(outbound_id=row.id)
    commands.run_direct(commands.dispatch_resend, org.admin, None, resend)
    assert dispatch_round(org.admin, make_sender).sent == 1 and [s.chat_id for s in fake.sent] == [999]
    with pytest.raises(BadInput, match="nothing to decide"):
        commands.run_direct(commands.dispatch_resend, org.admin, None, resend)
    history = org.admin.read(
        lambda conn: conn.execute(select(event.c.action).where(event.c.ticket_id == made.id)).scalars().all()
    )
    assert history.count("send_again") == 1  # the decision is in the ticket's history, once


def test_a_worker_stopped_while_sending_leaves_the_answer_in_doubt(org: Org, fake: FakeTelegram) -> None:
    fake.push_message(CITIZEN, text="Air PDAM keruh")
    run_round(org.admin, make_source)
    taken = org.admin.admin(outbox.take, timedelta(minutes=5))  # a worker took it … and stopped
    assert taken is not None and states(org.admin) == ["sending"]
    assert dispatch_round(org.admin, make_sender).sent == 0  # its lease still runs: nobody else sends it
    org.admin.admin(lambda conn: conn.execute(update(outbound_message).values(not_before=LONG_AGO)))  # lease over
    report = dispatch_round(org.admin, make_sender)
    assert (report.recovered, report.sent) == (1, 0) and fake.sent == []
    [row] = org.admin.read(outbox.outbox_rows)
    assert row.state == "in_doubt" and "may or may not" in (row.last_error or "")
    # The admin saw it arrived in the chat.
    commands.run_direct(commands.dispatch_confirm, org.admin, None, commands.OutboundId(outbound_id=row.id))
    assert states(org.admin) == ["sent"] and dispatch_round(org.admin, make_sender).sent == 0


def test_answers_on_channels_nobody_sends_through_are_only_recorded(org: Org) -> None:
    made = new_ticket(org.ani, channel=Channel.PHONE, reporter_contact="0812345678")
    held = org.ani.write(claims.claim, made.id)
    org.ani.write(handling.reply, made.id, held.claim.token, "Sudah kami sampaikan lewat telepon.")
    assert states(org.admin) == ["recorded"]
    assert dispatch_round(org.admin, make_sender).sent == 0 and org.admin.read(outbox.outbox_rows) == []


def inbound(external_id: str, text: str = "Jalan rusak") -> InboundMessage:
    return InboundMessage(Channel.TELEGRAM, external_id, str(CITIZEN), "Siti", text, text, references=())


class ListSource:
    """Delivers ``messages`` to a poll from before them, with ``after`` as the cursor; a poll from ``after`` brings
    nothing, as a channel's does."""

    def __init__(self, messages: list[InboundMessage], after: str = "after") -> None:
        self.messages = messages
        self.after = after

    def poll(self, cursor: str | None) -> tuple[list[InboundMessage], str | None]:
        return ([], cursor) if cursor == self.after else (self.messages, self.after)


def test_a_refused_message_is_kept_and_the_round_goes_on(org: Org) -> None:
    messages = [inbound("1:1", "Pertama"), inbound("x" * 300, "Id terlalu panjang"), inbound("1:3", "Ketiga")]
    report = run_round(org.admin, lambda account, secret: ListSource(messages))
    assert (report.received, report.refused, report.errors) == ({"Bot Humas": 2}, {"Bot Humas": 1}, {})
    cursor = org.admin.read(lambda conn: conn.execute(select(channel_account.c.cursor)).scalar_one())
    assert cursor == "after"  # the round went past it: it is kept, not fetched again
    [kept] = org.admin.read(intake_errors.open_errors)
    assert kept.summary == "Siti: Id terlalu panjang" and "no usable id" in kept.error and kept.attempts == 1
    assert org.admin.read(account_health)[0].intake_errors == 1

    run_round(org.admin, lambda account, secret: ListSource(messages[1:2], "again"))  # delivered again, refused again
    with pytest.raises(BadInput, match="still cannot be stored"):
        intake_errors.retry_error(org.admin, kept.id)
    [again] = org.admin.read(intake_errors.open_errors)
    assert again.attempts == 3
    with pytest.raises(NotPermitted, match="only admins"):
        intake_errors.dismiss_error(org.sari, kept.id, "sari")  # a supervisor, not an admin
    with pytest.raises(NotPermitted, match="only admins"):
        intake_errors.retry_error(org.ani, kept.id)
    intake_errors.dismiss_error(org.admin, kept.id, "admin")
    assert org.admin.read(intake_errors.open_errors) == []
    [closed] = org.admin.read(intake_errors.open_errors, True)
    assert (closed.resolution, closed.ticket_id) == ("dismissed", None)
    with pytest.raises(BadInput, match="already resolved"):
        intake_errors.retry_error(org.admin, kept.id)


def test_a_kept_message_is_stored_whole_when_retried(org: Org) -> None:
    account_id = org.admin.read(lambda conn: conn.execute(select(channel_account.c.id)).scalar_one())
    kept = inbound("7:70", "Pohon tumbang di Jl. Mawar")
    error_id = org.admin.admin(intake_errors.record, account_id, kept, "the database refused it: deadlock")
    received = intake_errors.retry_error(org.admin, error_id)
    assert received.new_ticket and re.fullmatch(r"ADU-\d{4}-\d{6}", received.tracking_no)
    [resolved] = org.admin.read(intake_errors.open_errors, True)
    assert (resolved.resolution, resolved.ticket_id) == ("stored", received.ticket_id)
    stored = org.admin.read(
        lambda conn: conn.execute(select(message.c.body_text, message.c.account_id, message.c.external_id)).all()
    )
    assert [tuple(r) for r in stored if r.external_id == "7:70"] == [("Pohon tumbang di Jl. Mawar", account_id, "7:70")]
    assert org.admin.read(lambda conn: conn.execute(select(func.count()).select_from(intake_error)).scalar_one()) == 1
