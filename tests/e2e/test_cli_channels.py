"""``aduan channel`` and ``aduan worker --once`` as real processes: secrets never enter the central
configuration and are read only from the account's own slot, servers are reached over TLS, bad input
changes nothing, a row changed in the database reaches no other secret, and a round turns a Telegram
message into a ticket."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import update

from desktop.store import directory
from desktop.store.schema import channel_account
from desktop.store.service import Store
from tests.channels.fake_telegram import FakeTelegram
from tests.channels.mailserver import free_port
from tests.channels.spy import Spy
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


@pytest.mark.slow  # a minute on MariaDB: run first (tests/conftest.py)
def test_bad_accounts_are_refused_and_change_nothing(url: str) -> None:
    before = snapshot(Store(url).engine)
    own_slot = "only its own slot: env:ADUAN_SECRET_SUREL or keyring:aduan-channel/surel"
    for args, message in (
        (("--config", '{"host": "imap.example", "password": "rahasia"}'), "secrets never go into"),
        (("--config", '{"host": "imap.example", "pass": "rahasia"}'), "no setting 'pass'; its settings are host"),
        (("--config", '{"smtp_pw": "rahasia"}'), "no setting 'smtp_pw'"),
        (("--config", '{"auth": "rahasia"}'), "no setting 'auth'"),
        (("--config", "{not json"), "not JSON"),
        (("--config", "[1, 2]"), "JSON object"),
        (("--secret-ref", "plain:rahasia"), own_slot),
        (("--secret-ref", "env:ADUAN_DB"), own_slot),  # the owner's database URL, password and all
        (("--secret-ref", "keyring:other/thing"), own_slot),
        (("--secret-ref", "env:ADUAN_SECRET_BOT_HUMAS"), own_slot),  # another account's slot
        (("--config", '{"app_secret_ref": "rahasia-langsung"}'), "secrets never go into"),
        (("--config", '{"host": "imap.example", "tls": "none"}'), "without TLS"),
        (("--config", '{"acknowledgement": "Terima kasih, {nama}"}'), "{nomor} and {perihal} only"),
        (("--config", '{"acknowledgement": "Terima kasih."}'), "put {nomor} in it"),
        (("--config", '{"kind": "keluhan"}'), "kind is one of"),
    ):
        done = run(url, "channel", "add", "email", "Surel", "--unit", "humas", *args)
        assert done.returncode == 2 and message in done.stderr, (args, done.stderr)
    for channel, config, message in (
        ("telegram", '{"base_url": "http://203.0.113.9:8080"}', "is not https://"),
        ("whatsapp", '{"app_secret_ref": "env:WA_APP"}', "names only its own slot: env:ADUAN_SECRET_WA_HUMAS__APP"),
        ("lapor", '{"base_url": "https://lapor.example.go.id", "params": {"api_key": "k"}}', "secrets never go"),
    ):
        done = run(url, "channel", "add", channel, "WA Humas", "--unit", "humas", "--config", config)
        assert done.returncode == 2 and message in done.stderr, (channel, done.stderr)
    assert run(url, "channel", "add", "email", "Surel", "--unit", "nope").returncode == 5
    assert snapshot(Store(url).engine) == before
    # A second secret (WhatsApp's app secret) is named by reference to its own slot, like the account's own.
    config = (
        '{"phone_number_id": "106540352242922", "webhook_port": 8443, '
        '"app_secret_ref": "env:ADUAN_SECRET_WA_HUMAS__APP_SECRET", "verify_token_ref": "keyring"}'
    )
    added = ok_json(url, "channel", "add", "whatsapp", "WA Humas", "--unit", "humas", "--config", config)
    lapor = '{"base_url": "https://lapor.example.go.id", "token_param": "api_token"}'  # documented; no secret
    ok_json(url, "channel", "add", "lapor", "LAPOR Humas", "--unit", "humas", "--config", lapor, "--secret-ref", "env")
    assert [h["channel"] for h in ok_json(url, "channel", "list")] == ["whatsapp", "lapor"] and added["id"]
    done = run(url, "channel", "add", "telegram", "wa-humas", "--unit", "humas")
    assert done.returncode == 2 and "already has the secret slots" in done.stderr


def worker_once(url: str, **secrets: str) -> dict[str, Any]:
    """``aduan worker --once`` with the secrets in the worker's environment (``run`` passes no ADUAN_*)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADUAN_")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "worker", "--once", "--json"],
        env={**env, "ADUAN_DB": url, **secrets},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_a_worker_round_makes_a_ticket_and_the_account_shows_its_health(url: str, fake: FakeTelegram) -> None:
    config = json.dumps({"base_url": fake.base_url})
    added = ok_json(
        url, "channel", "add", "telegram", "Bot Humas", "--unit", "humas", "--config", config,
        "--secret-ref", "env:ADUAN_SECRET_BOT_HUMAS",
    )  # fmt: skip
    fake.push_message(5001, text="Air PDAM tidak mengalir sejak kemarin")
    assert worker_once(url, ADUAN_SECRET_BOT_HUMAS=fake.token) == {
        "received": {"Bot Humas": 1},
        "duplicates": {"Bot Humas": 0},
        "refused": {"Bot Humas": 0},
        "errors": {},
        "sent": 1,  # the acknowledgement, in the same round
        "postponed": 0,
        "failed": 0,
        "in_doubt": 0,
        "recovered": 0,
        "public_replies": 0,  # no comment was answered in public
        "public_replies_failed": 0,
        "public_replies_in_doubt": 0,
        "send_errors": {},
        "escalated": 0,
        "closed": 0,
        "pruned": 0,  # nothing of sign-ins to prune on a new database
        "identities_anonymised": 0,  # no unit has set a retention period
        "attachments_purged": 0,
    }
    [acknowledgement] = fake.sent
    assert acknowledgement.chat_id == 5001 and re.search(r"ADU-\d{4}-\d{6}", acknowledgement.text)
    health = ok_json(url, "channel", "list")
    assert [(h["id"], h["last_error"], h["last_poll_at"] is not None) for h in health] == [(added["id"], None, True)]


def test_a_row_changed_in_the_database_reaches_no_other_secret_and_no_plain_server(
    url: str, fake: FakeTelegram
) -> None:
    config = json.dumps({"base_url": fake.base_url})
    for name in ("Bot Humas", "Bot Curian", "Bot Lain"):
        ok_json(url, "channel", "add", "telegram", name, "--unit", "humas", "--config", config, "--secret-ref", "env")
    here, far = Spy("127.0.0.1").start(), Spy("127.0.0.2").start()  # 127.0.0.2 stands for another machine
    try:
        engine = Store(url).engine
        with engine.begin() as conn:  # someone with write access to the central database
            conn.execute(
                update(channel_account)
                .where(channel_account.c.name == "Bot Curian")
                .values(secret_ref="env:ADUAN_DB", config=json.dumps({"base_url": f"http://127.0.0.1:{here.port}"}))
            )
            conn.execute(
                update(channel_account)
                .where(channel_account.c.name == "Bot Lain")
                .values(config=json.dumps({"base_url": f"http://127.0.0.2:{far.port}"}))
            )
        engine.dispose()
        fake.push_message(5001, text="Jalan berlubang di Jl. Kenanga")
        round_ = worker_once(url, ADUAN_SECRET_BOT_HUMAS=fake.token, ADUAN_SECRET_BOT_LAIN="987:rahasia-bot-lain")
    finally:
        here.stop()
        far.stop()
    assert round_["received"] == {"Bot Humas": 1} and round_["sent"] == 1
    assert "only its own slot: env:ADUAN_SECRET_BOT_CURIAN" in round_["errors"]["Bot Curian"]
    assert "is not https://" in round_["errors"]["Bot Lain"]
    assert here.received == [] and far.received == []  # never connected: neither secret could leave
    health = {h["name"]: h["last_error"] for h in ok_json(url, "channel", "list")}
    assert health["Bot Humas"] is None
    assert health["Bot Curian"] == round_["errors"]["Bot Curian"] and health["Bot Lain"] == round_["errors"]["Bot Lain"]
    assert url not in json.dumps(round_)  # the database URL named by the row was never read


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
