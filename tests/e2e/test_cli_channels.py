"""``aduan channel`` and ``aduan worker --once`` as real processes: secrets never enter the central
configuration, bad input changes nothing, and a round turns a Telegram message into a ticket."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from desktop.store import directory
from desktop.store.service import Store
from tests.channels.fake_telegram import FakeTelegram
from tests.channels.mailserver import free_port
from tests.e2e.cli import ROOT, ok_json, run
from tests.store.helpers import snapshot


@pytest.fixture
def url(migrated_url: str) -> str:
    store = Store(migrated_url)
    store.admin(directory.add_unit, "humas", "Biro Humas")
    store.dispose()
    return migrated_url


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    server.add_chat(5001, "Siti", "Rahayu")
    yield server
    server.stop()


def test_bad_accounts_are_refused_and_change_nothing(url: str) -> None:
    before = snapshot(Store(url).engine)
    for args, message in (
        (("--config", '{"host": "imap.example", "password": "rahasia"}'), "secrets never go into"),
        (("--config", "{not json"), "not JSON"),
        (("--config", "[1, 2]"), "JSON object"),
        (("--secret-ref", "plain:rahasia"), "env:NAME or keyring"),
        (("--config", '{"app_secret_ref": "rahasia-langsung"}'), "secrets never go into"),
        (("--config", '{"acknowledgement": "Terima kasih, {nama}"}'), "{nomor} and {perihal} only"),
        (("--config", '{"acknowledgement": "Terima kasih."}'), "put {nomor} in it"),
        (("--config", '{"kind": "keluhan"}'), "kind is one of"),
    ):
        done = run(url, "channel", "add", "email", "Surel", "--unit", "humas", *args)
        assert done.returncode == 2 and message in done.stderr, (args, done.stderr)
    assert run(url, "channel", "add", "email", "Surel", "--unit", "nope").returncode == 5
    assert snapshot(Store(url).engine) == before
    # A second secret (WhatsApp's app secret) is named by reference, like the account's own.
    config = '{"phone_number_id": "106540352242922", "webhook_port": 8443, "app_secret_ref": "env:WA_APP"}'
    added = ok_json(url, "channel", "add", "whatsapp", "WA Humas", "--unit", "humas", "--config", config)
    assert [h["channel"] for h in ok_json(url, "channel", "list")] == ["whatsapp"] and added["id"]


def test_a_worker_round_makes_a_ticket_and_the_account_shows_its_health(
    url: str, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEST_TELEGRAM_TOKEN", fake.token)
    config = json.dumps({"base_url": fake.base_url})
    added = ok_json(
        url, "channel", "add", "telegram", "Bot Humas", "--unit", "humas", "--config", config,
        "--secret-ref", "env:TEST_TELEGRAM_TOKEN",
    )  # fmt: skip
    fake.push_message(5001, text="Air PDAM tidak mengalir sejak kemarin")
    assert ok_json(url, "worker", "--once") == {
        "received": {"Bot Humas": 1},
        "duplicates": {"Bot Humas": 0},
        "refused": {"Bot Humas": 0},
        "errors": {},
        "sent": 1,  # the acknowledgement, in the same round
        "postponed": 0,
        "failed": 0,
        "in_doubt": 0,
        "recovered": 0,
        "send_errors": {},
        "escalated": 0,
        "closed": 0,
    }
    [acknowledgement] = fake.sent
    assert acknowledgement.chat_id == 5001 and re.search(r"ADU-\d{4}-\d{6}", acknowledgement.text)
    health = ok_json(url, "channel", "list")
    assert [(h["id"], h["last_error"], h["last_poll_at"] is not None) for h in health] == [(added["id"], None, True)]


def test_the_worker_outlasts_an_unreachable_database() -> None:
    nowhere = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/aduan"
    assert run(nowhere, "worker", "--once").returncode == 4  # one round: the failure is its answer
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADUAN_")}
    worker = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "worker", "--interval", "1"],
        env={**env, "ADUAN_DB": nowhere},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(4)
        assert worker.poll() is None  # still running, trying again each interval
    finally:
        worker.kill()
        _, stderr = worker.communicate(timeout=30)
    assert stderr.count("(retrying)") >= 2 and "cannot reach the central database" in stderr
