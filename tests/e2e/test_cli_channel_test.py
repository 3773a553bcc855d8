"""``aduan channel test ID`` as a real process, where the worker runs (the secret in its environment): it exits
0 and says what it saw when the connection works, and otherwise exits as the failure's kind says (2 the
account's settings or a secret missing here, 5 a token refused or no such account, 4 no connection), with
the JSON on stdout either way; it never shows the secret, and the next worker round still gets the message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select, update

from desktop.store import directory
from desktop.store.schema import channel_account
from desktop.store.service import Store
from tests.channels.fake_telegram import FakeTelegram
from tests.channels.mailserver import free_port
from tests.e2e.cli import ROOT, ok_json, run

SECRET = "ADUAN_SECRET_BOT_HUMAS"


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    server.add_chat(5001, "Siti", "Rahayu")
    yield server
    server.stop()


@pytest.fixture
def url(migrated_url: str, fake: FakeTelegram) -> str:
    store = Store(migrated_url)
    store.admin(directory.add_unit, "humas", "Biro Humas")
    store.dispose()
    config = json.dumps({"base_url": fake.base_url})
    added = ok_json(
        migrated_url, "channel", "add", "telegram", "Bot Humas", "--unit", "humas", "--config", config,
        "--secret-ref", "env",
    )  # fmt: skip
    assert added == {"id": 1}
    return migrated_url


def channel_test(url: str, *args: str, **secrets: str) -> subprocess.CompletedProcess[str]:
    """``aduan channel test`` with only ``secrets`` of the ADUAN_* variables beside ADUAN_DB, as the worker's
    environment would hold them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADUAN_")}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "channel", "test", *args],
        env={**env, "ADUAN_DB": url, **secrets},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def answer(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_the_connection_works_and_the_next_round_still_gets_the_message(url: str, fake: FakeTelegram) -> None:
    fake.push_message(5001, text="Lampu jalan di Jl. Merdeka mati")
    done = channel_test(url, "1", "--json", **{SECRET: fake.token})
    assert done.returncode == 0, done.stderr
    result = answer(done)
    assert {k: result[k] for k in ("id", "name", "channel", "ok", "problem", "facts", "recorded", "run_instead")} == {
        "id": 1,
        "name": "Bot Humas",
        "channel": "telegram",
        "ok": True,
        "problem": None,
        "facts": {"bot": "@aduan_test_bot"},
        "recorded": True,
        "run_instead": None,
    }
    plain = channel_test(url, "1", **{SECRET: fake.token})
    assert plain.returncode == 0 and plain.stdout.startswith("channel account 1 (telegram, Bot Humas): ok: ")
    assert [method for method, _ in fake.requests] == ["getMe", "getMe"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADUAN_")}
    worker = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "worker", "--once", "--json"],
        env={**env, "ADUAN_DB": url, SECRET: fake.token},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert worker.returncode == 0, worker.stderr
    assert json.loads(worker.stdout)["received"] == {"Bot Humas": 1}


def test_each_failure_exits_as_its_kind_and_never_shows_the_secret(url: str, fake: FakeTelegram) -> None:
    wrong = channel_test(url, "1", "--json", **{SECRET: "999999:WRONG-token_xyz"})
    assert wrong.returncode == 5 and "WRONG-token" not in wrong.stdout + wrong.stderr
    assert (answer(wrong)["ok"], answer(wrong)["problem"]) == (False, "auth")
    assert wrong.stderr.strip() == "aduan: the connection test of channel account 1 failed"
    stored = Store(url)
    try:
        error = stored.read(lambda conn: conn.execute(select(channel_account.c.last_error)).scalar_one())
        assert error == f"connection test: {answer(wrong)['message']}"

        missing = channel_test(url, "1", "--json")
        assert missing.returncode == 2 and answer(missing)["problem"] == "secret"
        assert answer(missing)["run_instead"] == "aduan channel test 1" and not answer(missing)["recorded"]
        text = channel_test(url, "1")
        assert (
            text.returncode == 2 and "FAILED (secret): the environment variable ADUAN_SECRET_BOT_HUMAS" in text.stdout
        )

        closed = json.dumps({"base_url": f"http://127.0.0.1:{free_port()}"})
        stored.admin(lambda conn: conn.execute(update(channel_account).values(config=closed)))
        unreachable = channel_test(url, "1", "--json", **{SECRET: fake.token})
        assert unreachable.returncode == 4 and answer(unreachable)["problem"] == "unreachable"

        # A row changed in the database to carry a secret of its own: refused, and no secret is read.
        leaked = json.dumps({"base_url": fake.base_url, "token": fake.token})
        stored.admin(lambda conn: conn.execute(update(channel_account).values(config=leaked)))
        refused = channel_test(url, "1", "--json", **{SECRET: fake.token})
        assert refused.returncode == 2 and answer(refused)["problem"] == "settings"
        assert fake.token not in answer(refused)["message"]
    finally:
        stored.dispose()

    nothing = run(url, "channel", "test", "99")
    assert nothing.returncode == 5 and "no channel account 99" in nothing.stderr and nothing.stdout == ""
    assert run(url, "channel", "test", "x").returncode == 2  # bad usage
