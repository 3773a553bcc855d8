"""SMS end to end, on SQLite: ``aduan channel add sms`` and ``aduan channel test`` as processes, a citizen's SMS
forwarded by the gateway to the webhook route of a real ``aduan server`` (once, however often it is
forwarded; refused without the shared secret), acknowledged through the worker's dispatch to the fake
gateway, the officer's answer sent in numbered parts, and the citizen's next SMS joining the same ticket."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from desktop.channels.dispatch import dispatch_round
from desktop.channels.sources import make_sender
from desktop.store import claims, handling
from desktop.store.schema import message, reporter_contact, ticket
from tests.channels.fake_sms import FakeSmsGateway
from tests.conftest import _migrated
from tests.e2e.cli import ROOT, ok_json
from tests.server.live import LiveServer, running_server
from tests.store.helpers import Org, build_org

WEBHOOK_SECRET = "rahasia-webhook-humas"
PATH = "/v1/webhooks/sms/sms_humas"
ANSWER = (
    "Yth. Bapak/Ibu, laporan Anda tentang jalan berlubang di Jl. Sudirman sudah kami teruskan ke Dinas "
    "Pekerjaan Umum. Perbaikan dijadwalkan minggu depan. Terima kasih atas laporan Anda."
)


@pytest.fixture
def fake() -> Iterator[FakeSmsGateway]:
    gateway = FakeSmsGateway().start()
    yield gateway
    gateway.stop()


@pytest.fixture
def secrets(fake: FakeSmsGateway) -> dict[str, str]:
    return {"ADUAN_SECRET_SMS_HUMAS": fake.passkey, "ADUAN_SECRET_SMS_HUMAS__WEBHOOK_SECRET": WEBHOOK_SECRET}


@pytest.fixture
def org(
    tmp_path: Path, fake: FakeSmsGateway, secrets: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Org]:
    built = build_org(_migrated(f"sqlite:///{tmp_path / 'aduan.db'}"))
    config = {"base_url": fake.base_url, "user": fake.userkey, "webhook_secret_ref": "env", "max_parts": 3}
    added = ok_json(
        built.url, "channel", "add", "sms", "SMS Humas", "--unit", "humas", "--config", json.dumps(config),
        "--secret-ref", "env",
    )  # fmt: skip
    assert added == {"id": 1}
    for name, value in secrets.items():
        monkeypatch.setenv(name, value)
    yield built
    built.close()


@pytest.fixture
def server(org: Org, tmp_path: Path, secrets: dict[str, str]) -> Iterator[LiveServer]:
    with running_server(org.url, tmp_path, **secrets) as live:
        yield live


def forward(server: LiveServer, secret: str, **fields: str) -> requests.Response:
    """The gateway forwarding an SMS as a form, the secret in the address it was given."""
    return requests.post(f"{server.url}{PATH}", params={"secret": secret}, data=fields, timeout=30)


def test_channel_test_reads_the_balance_where_the_worker_runs(
    org: Org, fake: FakeSmsGateway, secrets: dict[str, str]
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADUAN_")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "channel", "test", "1", "--json"],
        env={**env, "ADUAN_DB": org.url, **secrets},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["channel"], result["ok"], result["facts"]) == ("sms", True, {"balance": "125000"})
    assert fake.passkey not in done.stdout and fake.sent == []


def test_an_sms_becomes_one_ticket_answered_in_parts_and_the_reply_joins_it(
    org: Org, server: LiveServer, fake: FakeSmsGateway
) -> None:
    sms = {"id": "9001", "from": "0812-3456-7890", "message": "Jalan berlubang di Jl. Sudirman", "time": "2026-03-02"}
    assert forward(server, "salah", **sms).status_code == 403
    assert requests.post(f"{server.url}/v1/webhooks/sms/sms_lain", params={"secret": WEBHOOK_SECRET}, data=sms,
                         timeout=30).status_code == 404  # fmt: skip
    assert org.admin.read(lambda c: c.execute(select(ticket.c.id)).all()) == []
    for _ in range(2):  # the gateway forwards it again: still one message
        reply = forward(server, WEBHOOK_SECRET, **sms)
        assert (reply.status_code, reply.text) == (200, "OK")
    ticket_id, tracking_no = org.admin.read(lambda c: c.execute(select(ticket.c.id, ticket.c.tracking_no)).one())
    contact = org.admin.read(lambda c: c.execute(select(reporter_contact.c.channel, reporter_contact.c.address)).one())
    assert tuple(contact) == ("sms", "+6281234567890")

    assert dispatch_round(org.admin, make_sender).sent == 1  # the acknowledgement
    # The standard acknowledgement is 2 GSM-7 parts: both to the citizen's number, the tracking number in them.
    assert [s.to for s in fake.sent] == ["081234567890"] * 2 and tracking_no in "".join(s.message for s in fake.sent)
    acknowledged = len(fake.sent)

    held = org.ani.write(claims.claim, ticket_id)
    org.ani.write(handling.reply, ticket_id, held.claim.token, ANSWER)
    assert dispatch_round(org.admin, make_sender).sent == 1
    assert [s.message[:6] for s in fake.sent[acknowledged:]] == ["(1/2) ", "(2/2) "]

    assert forward(server, WEBHOOK_SECRET, id="9002", **{"from": "+6281234567890"}, message="Kapan?").status_code == 200
    rows = org.admin.read(lambda c: c.execute(select(message.c.ticket_id, message.c.direction)).all())
    assert {r.ticket_id for r in rows} == {ticket_id}
    assert sorted(r.direction for r in rows) == ["inbound", "inbound", "outbound", "outbound"]
