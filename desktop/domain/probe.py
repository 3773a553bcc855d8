"""What a channel account's connection test found (``channels/probe.py`` runs it): the result the server
sends, the command line prints and the Administration window puts in words."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .vocabulary import Channel


class Problem(StrEnum):
    """Why a test failed, in the account's terms."""

    SETTINGS = "settings"  # the account as configured is refused, or names no secret
    SECRET = "secret"  # its secret cannot be read where the test ran
    TLS = "tls"  # no secure connection: a certificate not trusted, or TLS not spoken there
    AUTH = "auth"  # the channel refused the login or the token
    NOT_FOUND = "not_found"  # the mailbox or the number the settings name does not exist
    TIMEOUT = "timeout"  # no answer in time
    UNREACHABLE = "unreachable"  # no connection to the channel's server
    REFUSED = "refused"  # the channel refused the request otherwise (a rate limit, a request it does not take)


# What a passed test saw, by name: the mailbox, its messages and those waiting for the next round, the SMTP
# server; the bot; the X user; the WhatsApp number and its verified name; the LAPOR! list and the first report.
FACTS = ("mailbox", "messages", "waiting", "smtp", "bot", "user", "number", "name", "list", "report")


@dataclass(frozen=True, slots=True)
class ProbeResult:
    account_id: int
    account: str
    channel: Channel
    ok: bool
    message: str  # what was seen, or what failed (English: the command line and the log)
    problem: Problem | None = None
    facts: tuple[tuple[str, str], ...] = ()  # what a passed test saw: (one of FACTS, value)
    host: str = ""  # the machine the test ran on
    # The secret is not readable there: the command to run where the worker runs (None for a webhook's secret,
    # which aduan server reads where it runs).
    run_instead: str | None = None
    recorded: bool = False  # written on the account's health
    seconds: float = 0.0
