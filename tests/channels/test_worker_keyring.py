"""The worker on a machine whose keyring cannot be used (keyring's own ``fail`` backend, which raises
NoKeyringError for every call), on every engine: the account whose secret is in the keyring is recorded with
why, and the account whose secret is in the environment is polled — in the round, and through
``aduan worker --once``, which exits 0."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail
from sqlalchemy import func, select

from desktop.channels.accounts import add_account
from desktop.channels.sources import make_source
from desktop.channels.worker import run_round
from desktop.domain.vocabulary import Channel
from desktop.store import directory
from desktop.store.schema import channel_account, message
from desktop.store.service import Store
from tests.channels.fake_telegram import FakeTelegram
from tests.e2e.cli import ROOT

CITIZEN = 5001
UNAVAILABLE = "keyring.backends.fail.Keyring"


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    server.add_chat(CITIZEN, "Siti", "Rahayu")
    yield server
    server.stop()


@pytest.fixture
def store(migrated_url: str, fake: FakeTelegram) -> Iterator[Store]:
    admin = Store(migrated_url)
    admin.admin(directory.add_unit, "humas", "Biro Humas")
    config = json.dumps({"base_url": fake.base_url})
    admin.admin(add_account, Channel.TELEGRAM, "Bot Kunci", "humas", config, "keyring")
    admin.admin(add_account, Channel.TELEGRAM, "Bot Humas", "humas", config, "env")
    yield admin
    admin.dispose()


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def last_errors(store: Store) -> dict[str, str | None]:
    query = select(channel_account.c.name, channel_account.c.last_error)
    return dict(store.read(lambda conn: conn.execute(query).all()))


def inbound(store: Store) -> int:
    query = select(func.count()).select_from(message).where(message.c.direction == "inbound")
    return int(store.read(lambda conn: conn.execute(query).scalar_one()))


def test_an_unavailable_keyring_is_the_accounts_error_and_the_others_are_polled(
    store: Store, fake: FakeTelegram, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADUAN_SECRET_BOT_HUMAS", fake.token)
    fake.push_message(CITIZEN, text="Lampu PJU di Jl. Melati mati")

    report = run_round(store, make_source)

    assert report.received == {"Bot Humas": 1} and inbound(store) == 1
    said = report.errors["Bot Kunci"]
    assert "keyring" in said and "aduan-channel/bot_kunci" in said and "No recommended backend" in said
    assert last_errors(store) == {"Bot Kunci": said, "Bot Humas": None}


def test_aduan_worker_once_exits_0_without_a_keyring(store: Store, fake: FakeTelegram, migrated_url: str) -> None:
    fake.push_message(CITIZEN, text="Sampah menumpuk di pasar")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADUAN_")}
    env.update(ADUAN_DB=migrated_url, ADUAN_SECRET_BOT_HUMAS=fake.token, PYTHON_KEYRING_BACKEND=UNAVAILABLE)

    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "worker", "--once", "--json"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr.decode()
    printed = json.loads(done.stdout)
    assert printed["received"] == {"Bot Humas": 1} and "keyring" in printed["errors"]["Bot Kunci"]
    assert inbound(store) == 1 and "No recommended backend" in (last_errors(store)["Bot Kunci"] or "")
    assert [s.chat_id for s in fake.sent] == [CITIZEN]  # the ticket's acknowledgement went out in the same round
