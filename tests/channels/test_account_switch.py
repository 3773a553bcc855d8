"""An admin switches a channel account off and on again (``channel disable|enable``): off, the worker no longer
polls it; its health says so; an unknown account is refused. Officers and supervisors are refused by the one
authorization function (tests/security/test_command_refusals.py covers every command)."""

from __future__ import annotations

import pytest

from desktop.channels.accounts import enabled_accounts
from desktop.domain.errors import NotFound
from desktop.domain.vocabulary import Channel
from desktop.server import commands
from desktop.store.service import Store
from tests.store.helpers import build_org


def test_a_disabled_account_is_not_polled_until_it_is_enabled_again(migrated_url: str) -> None:
    build_org(migrated_url).close()
    owner = Store(migrated_url)
    try:
        made = commands.ChannelAdd(
            channel=Channel.TELEGRAM, name="Bot Humas", unit="humas", secret_ref="env:ADUAN_SECRET_BOT_HUMAS"
        )
        account_id = commands.run_direct(commands.channel_add, owner, None, made)
        switch = commands.AccountId(account_id=account_id)

        off = commands.run_direct(commands.channel_disable, owner, None, switch)
        assert (off.id, off.name, off.enabled) == (account_id, "Bot Humas", False)
        assert owner.read(enabled_accounts) == []

        on = commands.run_direct(commands.channel_enable, owner, None, switch)
        assert on.enabled and [a.id for a in owner.read(enabled_accounts)] == [account_id]

        with pytest.raises(NotFound):
            commands.run_direct(commands.channel_disable, owner, None, commands.AccountId(account_id=account_id + 7))
    finally:
        owner.dispose()
