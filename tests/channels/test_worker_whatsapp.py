"""WhatsApp through ``aduan server`` and the worker, on every engine: Meta's signed notification reaches the
account's webhook route of a real server process over a real socket and becomes a ticket once (a repeated
notification changes nothing), the citizen is acknowledged and answered by the worker through the fake
Cloud API, a message for a number no account has is kept as an intake error, and a send the API may have
accepted without saying so is held in doubt."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, insert, select
from sqlalchemy.exc import IntegrityError

from desktop.channels import intake_errors
from desktop.channels.accounts import Account, enabled_accounts
from desktop.channels.dispatch import dispatch_round
from desktop.channels.sources import make_sender
from desktop.channels.webhooks import whatsapp_endpoint
from desktop.channels.whatsapp import parse_webhook
from desktop.domain.inbound import InboundMessage
from desktop.store import claims, handling, outbox
from desktop.store.schema import channel_account, message, ticket, unit
from tests.channels.fake_whatsapp import FakeWhatsApp, post_webhook, signed
from tests.server.live import running_server
from tests.store.helpers import Org, build_org

CITIZEN = "6281234567890"


@pytest.fixture
def fake() -> Iterator[FakeWhatsApp]:
    server = FakeWhatsApp().start()
    yield server
    server.stop()


def secrets(fake: FakeWhatsApp) -> dict[str, str]:
    """The account's slots, where the worker and ``aduan server`` read them."""
    return {
        "ADUAN_SECRET_WA_HUMAS": fake.access_token,
        "ADUAN_SECRET_WA_HUMAS__APP_SECRET": fake.app_secret,
        "ADUAN_SECRET_WA_HUMAS__VERIFY_TOKEN": "verifikasi-uji",
    }


@pytest.fixture
def org(migrated_url: str, fake: FakeWhatsApp, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    built = build_org(migrated_url)
    for name, value in secrets(fake).items():
        monkeypatch.setenv(name, value)
    config = {
        "base_url": fake.base_url,
        "phone_number_id": fake.phone_number_id,
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
def webhook(org: Org, migrated_url: str, fake: FakeWhatsApp, tmp_path: Path) -> Iterator[str]:
    """The account's webhook address on a running ``aduan server``."""
    with running_server(migrated_url, tmp_path, **secrets(fake)) as server:
        yield f"{server.url}/v1/webhooks/whatsapp/wa_humas"


def count(org: Org, table: object) -> int:
    return int(org.admin.read(lambda conn: conn.execute(select(func.count()).select_from(table)).scalar_one()))  # type: ignore[arg-type]


def test_a_notification_becomes_a_ticket_once_and_the_citizen_is_answered(
    org: Org, fake: FakeWhatsApp, webhook: str
) -> None:
    notification = fake.inbound_text(CITIZEN, "Siti Rahayu", "Pipa PDAM bocor di Jl. Anggrek")
    assert post_webhook(webhook, fake.app_secret, notification).status_code == 200
    assert post_webhook(webhook, fake.app_secret, notification).status_code == 200  # Meta repeats it
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

    bad = post_webhook(webhook, "tebakan-salah", fake.inbound_text(CITIZEN, "Siti Rahayu", "Palsu"))
    assert bad.status_code == 403 and count(org, ticket) == 1


def test_a_message_for_a_number_without_an_account_is_kept(org: Org, fake: FakeWhatsApp, webhook: str) -> None:
    notification = fake.inbound_text(CITIZEN, "Siti Rahayu", "Nomor lain")
    notification["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"] = "999999999999999"
    assert post_webhook(webhook, fake.app_secret, notification).status_code == 200
    assert count(org, ticket) == 0
    [kept] = org.admin.read(intake_errors.open_errors)
    assert "999999999999999" in kept.error and kept.summary == "Siti Rahayu: Nomor lain"


def test_an_answer_the_api_may_have_accepted_is_held_in_doubt(org: Org, fake: FakeWhatsApp, webhook: str) -> None:
    post_webhook(webhook, fake.app_secret, fake.inbound_text(CITIZEN, "Siti Rahayu", "Lampu mati"))
    fake.silent_after_accepting = 0.2
    report = dispatch_round(org.admin, make_sender)
    assert (report.sent, report.in_doubt) == (0, 1)
    [row] = org.admin.read(outbox.outbox_rows)
    assert row.state == "in_doubt" and len(fake.sent) == 1  # it did arrive: the admin confirms, not resends
    fake.silent_after_accepting = None
    assert dispatch_round(org.admin, make_sender).sent == 0 and len(fake.sent) == 1


def test_a_message_a_concurrent_delivery_stored_first_is_no_intake_error(
    org: Org, fake: FakeWhatsApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    notification = fake.inbound_text(CITIZEN, "Siti Rahayu", "Dua kali sekaligus")
    [inbound] = parse_webhook(notification)
    [account] = org.admin.read(enabled_accounts)
    org.admin.admin(intake_errors.receive_through, account, inbound)  # the other delivery commits first

    def clash(conn: Connection, account: Account, inbound: InboundMessage) -> None:
        """This delivery checked before that commit and inserts after it: the unique id refuses the row."""
        raise IntegrityError("INSERT INTO message …", {}, Exception("duplicate key value violates unique constraint"))

    monkeypatch.setattr(intake_errors, "receive_through", clash)
    body, headers = signed(fake.app_secret, notification)

    assert whatsapp_endpoint(org.admin, "wa_humas").notification(body, headers["X-Hub-Signature-256"])[0] == 200
    assert org.admin.read(intake_errors.open_errors) == []
    assert count(org, ticket) == 1
