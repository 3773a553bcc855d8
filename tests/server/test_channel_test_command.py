"""``channel test`` through a real ``aduan server``: the probe runs in the server's process with the secrets that
process holds. An account whose secret the server has is tested and its health updated; one whose secret only
the worker's machine has is answered plainly — not readable here, run ``aduan channel test ID`` where the
worker runs — and its health is left alone. Only admins may ask (the refusals are in
tests/security/test_command_refusals.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.domain.errors import NotFound, Rejected
from desktop.domain.probe import Problem
from desktop.domain.vocabulary import Channel
from desktop.server import commands
from desktop.store.schema import channel_account
from tests.channels.fake_telegram import FakeTelegram
from tests.security.refusals import add_admin
from tests.server.conftest import World
from tests.server.live import running_server
from tests.store.helpers import build_org


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    yield server
    server.stop()


@pytest.fixture
def world(migrated_url: str, tmp_path: Path, fake: FakeTelegram) -> Iterator[World]:
    org = build_org(migrated_url)
    config = json.dumps({"base_url": fake.base_url})
    for name, unit in (("Bot Humas", "humas"), ("Bot Kanreg", "kanreg")):
        request = commands.ChannelAdd(channel=Channel.TELEGRAM, name=name, unit=unit, config=config, secret_ref="env")
        commands.run_direct(commands.channel_add, org.admin, None, request)
    try:
        # The server's environment holds the secret of Bot Humas only (say, a webhook's secrets are kept there).
        with running_server(migrated_url, tmp_path, ADUAN_SECRET_BOT_HUMAS=fake.token) as server:
            world = World(migrated_url, org, server)
            add_admin(world)
            yield world
    finally:
        org.close()


def test_the_server_tests_with_the_secrets_it_holds_and_says_where_to_run_otherwise(
    world: World, fake: FakeTelegram
) -> None:
    adi = world.server.central("adi")
    try:
        passed = adi.command(commands.channel_test, commands.AccountId(account_id=1))
        assert (passed.ok, passed.facts, passed.recorded) == (True, (("bot", "@aduan_test_bot"),), True)

        elsewhere = adi.command(commands.channel_test, commands.AccountId(account_id=2))
        assert (elsewhere.ok, elsewhere.problem, elsewhere.recorded) == (False, Problem.SECRET, False)
        assert elsewhere.run_instead == "aduan channel test 2"
        assert "ADUAN_SECRET_BOT_KANREG" in elsewhere.message and "`aduan channel test 2`" in elsewhere.message
        assert fake.token not in json.dumps([passed.message, elsewhere.message])

        with pytest.raises(Rejected) as missing:
            adi.command(commands.channel_test, commands.AccountId(account_id=3))
        assert missing.value.code == NotFound.code
    finally:
        adi.close()
    errors = world.owner.read(
        lambda conn: conn.execute(select(channel_account.c.last_error).order_by(channel_account.c.id)).scalars().all()
    )
    assert errors == [None, None]
    assert [method for method, _ in fake.requests] == ["getMe"]  # the server asked Telegram once: for Bot Humas
