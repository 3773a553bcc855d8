"""Which connector reads which kind of channel account, built from the account's central configuration
(never secret) and the secret the worker machine holds."""

from __future__ import annotations

from ..domain.errors import BadInput
from ..domain.inbound import InboundMessage
from ..domain.vocabulary import Channel
from .telegram import TelegramBot
from .worker import Account, Source

LONG_POLL_SECONDS = 0  # the worker visits every account in turn: no account may hold the round


class TelegramSource:
    """The Bot API's update offset is the account's cursor."""

    def __init__(self, bot: TelegramBot) -> None:
        self.bot = bot

    def poll(self, cursor: str | None) -> tuple[list[InboundMessage], str | None]:
        messages, offset = self.bot.poll(int(cursor) if cursor else None, long_poll_seconds=LONG_POLL_SECONDS)
        return messages, None if offset is None else str(offset)


def make_source(account: Account, secret: str | None) -> Source:
    if account.channel is Channel.TELEGRAM:
        if not secret:
            raise BadInput(f"the Telegram account {account.name!r} needs its bot token as its secret")
        base_url = str(account.config.get("base_url", "https://api.telegram.org"))
        return TelegramSource(TelegramBot(secret, base_url=base_url))
    raise BadInput(f"the worker cannot read {account.channel.value} accounts yet ({account.name!r})")
