"""WhatsApp through the worker, on every engine: Meta's signed notification reaches the account's webhook
receiver over a real socket and becomes a ticket once (a repeated notification changes nothing), the
citizen is acknowledged and answered through the fake Cloud API, a message for a number no account has
is kept as an intake error, and a send the API may have accepted without saying so is held in doubt."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, func, insert, select

from desktop.channels import intake_errors
from desktop.channels.dispatch import dispatch_round
from desktop.channels.sources import make_sender
from desktop.channels.webhooks import start_webhooks
from desktop.channels.whatsapp import WebhookServer
from desktop.store import claims, handling, outbox
from desktop.store.schema import channel_account, message, ticket, unit
from tests.channels.fake_whatsapp import FakeWhatsApp, post_webhook
from tests.channels.mailserver import free_port
from tests.store.helpers import Org, build_org

CITIZEN = "6281234567890"


@pytest.fixture
def fake() -> Iterator[FakeWhatsApp]:
    server = FakeWhatsApp().start()
    yield server
    server.stop()


@pytest.fixture
def org(migrated_url: str, fake: FakeWhatsApp, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    built = build_org(migrated_url)
    monkeypatch.setenv("ADUAN_SECRET_WA_HUMAS", fake.access_token)
    monkeypatch.setenv("ADUAN_SECRET_WA_HUMAS__APP_SECRET", fake.app_secret)
    monkeypatch.setenv("ADUAN_SECRET_WA_HUMAS__VERIFY_TOKEN", "verifikasi-uji")
    config = {
        "base_url": fake.base_url,
        "phone_number_id": fake.phone_number_id,
        "webhook_port": free_port(),
        "app_secret_ref": "env:ADUAN_SECRET_WA_HUMAS__APP_SECRET",
        "verify_token_ref": "env:ADUAN_SECRET_WA_HUMAS__VERIFY_TOKEN",
    }

    def add(conn: Connection) -> None:
        unit_id = conn.execute(select(unit.c.id).where(unit.c.code == "humas")).scalar_one()
        conn.execute(
            insert(channel_account).values(
                unit_id=unit_id,
                channel="whatsapp",
                name="WA Humas",
                config=json.dumps(config),
                secret_ref="env:ADUAN_SECRET_WA_HUMAS",
            )
        )

    built.admin.admin(add)
    yield built
    built.close()


@pytest.fixture
def webhook(org: Org) -> Iterator[WebhookServer]:
    [receiver] = start_webhooks(org.admin)
    yield receiver
    receiver.stop()


def url(receiver: WebhookServer) -> str:
    return f"http://127.0.0.1:{receiver.port}/webhook"


def count(org: Org, table: object) -> int:
    return int(org.admin.read(lambda conn: conn.execute(select(func.count()).select_from(table)).scalar_one()))  # type: ignore[arg-type]


def test_a_notification_becomes_a_ticket_once_and_the_citizen_is_answered(
    org: Org, fake: FakeWhatsApp, webhook: WebhookServer
) -> None:
    notification = fake.inbound_text(CITIZEN, "Siti Rahayu", "Pipa PDAM bocor di Jl. Anggrek")
    assert post_webhook(url(webhook), fake.app_secret, notification).status_code == 200
    assert post_webhook(url(webhook), fake.app_secret, notification).status_code == 200  # Meta repeats it
    assert count(org, ticket) == 1 and count(org, message) == 2  # the citizen's message and the acknowledgement
    wamid = notification["entry"][0]["changes"][0]["value"]["messages"][0]["id"]

    assert dispatch_round(org.admin, make_sender).sent == 1
    tracking_no, ticket_id = org.admin.read(lambda c: c.execute(select(ticket.c.tracking_no, ticket.c.id)).one())
    [ack] = fake.sent
    assert (ack.to, ack.reply_to) == (CITIZEN, wamid) and tracking_no in ack.text

    held = org.ani.write(claims.claim, ticket_id)
    org.ani.write(handling.reply, ticket_id, held.claim.token, "Tim kami menuju lokasi siang ini.")
    assert dispatch_round(org.admin, make_sender).sent == 1
    assert fake.sent[1].text == "Tim kami menuju lokasi siang ini." and fake.sent[1].to == CITIZEN

    bad = post_webhook(url(webhook), "tebakan-salah", fake.inbound_text(CITIZEN, "Siti Rahayu", "Palsu"))
    assert bad.status_code == 403 and count(org, ticket) == 1


def test_a_message_for_a_number_without_an_account_is_kept(
    org: Org, fake: FakeWhatsApp, webhook: WebhookServer
) -> None:
    notification = fake.inbound_text(CITIZEN, "Siti Rahayu", "Nomor lain")
    notification["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"] = "999999999999999"
    assert post_webhook(url(webhook), fake.app_secret, notification).status_code == 200
    assert count(org, ticket) == 0
    [kept] = org.admin.read(intake_errors.open_errors)
    assert "999999999999999" in kept.error and kept.summary == "Siti Rahayu: Nomor lain"


def test_an_answer_the_api_may_have_accepted_is_held_in_doubt(
    org: Org, fake: FakeWhatsApp, webhook: WebhookServer
) -> None:
    post_webhook(url(webhook), fake.app_secret, fake.inbound_text(CITIZEN, "Siti Rahayu", "Lampu mati"))
    fake.silent_after_accepting = 0.2
    report = dispatch_round(org.admin, make_sender)
    assert (report.sent, report.in_doubt) == (0, 1)
    [row] = org.admin.read(outbox.outbox_rows)
    assert row.state == "in_doubt" and len(fake.sent) == 1  # it did arrive: the admin confirms, not resends
    fake.silent_after_accepting = None
    assert dispatch_round(org.admin, make_sender).sent == 0 and len(fake.sent) == 1
