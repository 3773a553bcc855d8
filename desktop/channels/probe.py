"""A channel account's connection test: one cheap call to its channel with its settings and its secret, which
proves that both work and takes nothing in — no cursor moves, no message is fetched or marked seen, no
update is confirmed, nothing is sent.

What each channel is asked:

* **e-mail**: IMAP login and EXAMINE of the mailbox (read-only: not even ``\\Recent`` changes) — how many
  messages it holds and how many the next round would take in; then SMTP connect, EHLO, login and QUIT (every
  e-mail account sends its answers by mail, so both halves are tested);
* **Telegram**: ``getMe`` — the bot's @username (the update queue is untouched: only ``getUpdates`` with an
  offset confirms updates);
* **X**: ``GET /2/users/me`` — whom the access token acts for, which must be the account's ``user_id``;
* **WhatsApp**: the webhook's app secret and verify token can be read here, and ``GET /{phone-number-id}`` —
  the number's display form and verified name;
* **LAPOR!**: the next poll's own request for one report (page 1, size 1), read through the mapping;
* **SMS**: the webhook's shared secret can be read here, and ``check_path`` (Zenziva: the balance) with the
  account's keys — nothing is sent.

Where the test runs matters. An account's secret is kept where the worker runs (``settings.py``), a
webhook's where ``aduan server`` runs: ``aduan channel test ID`` tests from the machine and environment it
runs in; the Administration window asks the server (on the embedded database, this computer). When the
secret cannot be read where the test ran, the result says so and names the command to run where the worker
runs; that result is not written on the account's health (it tells nothing about the account), every other
one is, as the worker's round writes its own: the error, or none when the test passed.

Every connection waits at most ``timeout`` seconds (an e-mail account makes two: IMAP, then SMTP). What the
result says is the connectors' own words, their secrets redacted, and redacted here once more.
"""

from __future__ import annotations

import dataclasses
import os
import socket
import ssl
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

import requests
import urllib3.exceptions

from ..domain.errors import AduanError, BadInput, NotFound, NotPermitted, RateLimited, Unreachable
from ..domain.probe import ProbeResult, Problem
from ..domain.vocabulary import Channel
from ..security.credentials import SecretUnavailable
from ..store.channel_accounts import record_test
from ..store.service import Store
from .accounts import Account, account_by_id, account_secret, check_account
from .http import Redactor, causes
from .imap_fetch import ImapMailbox, parse_cursor
from .lapor import LaporPoller
from .settings import (
    WEB_HOURLY_LIMIT,
    AccountRefused,
    EmailSettings,
    LaporSettings,
    MetaSettings,
    SmsSettings,
    TelegramSettings,
    WhatsAppSettings,
    XSettings,
)

PROBE_SECONDS = 10.0  # per connection
T = TypeVar("T")


class WebhookSecretUnavailable(SecretUnavailable):
    """A webhook's secret (WhatsApp's app secret, verify token) is not readable here: it is aduan server's."""


def probe_and_record(store: Store, account_id: int, environ: Mapping[str, str] = os.environ) -> ProbeResult:
    """Test the account from this process and write the outcome on its health (not when only the secret was
    missing here). NotFound when there is no such account."""
    account = store.read(account_by_id, account_id)
    result = probe_account(account, environ)
    if result.problem is Problem.SECRET:
        return result
    store.admin(record_test, account.id, None if result.ok else f"connection test: {result.message}")
    return dataclasses.replace(result, recorded=True)


def probe_account(
    account: Account,
    environ: Mapping[str, str] = os.environ,
    timeout: float = PROBE_SECONDS,
    clock: Callable[[], float] = time.monotonic,
) -> ProbeResult:
    """The connection test of ``account`` with the secrets ``environ`` (and this process's keyring) holds."""
    started = clock()
    secrets: list[str] = []
    found = ProbeResult(account.id, account.name, account.channel, False, "", host=socket.gethostname())
    try:
        facts, said = _probe(account, environ, timeout, secrets)
    except AduanError as exc:
        redact = Redactor(secrets)
        problem = problem_of(exc)
        message, run_instead = redact(exc.message), None
        if problem is Problem.SECRET and not isinstance(exc, WebhookSecretUnavailable):
            run_instead = f"aduan channel test {account.id}"
            message += (
                f" (tested on {found.host}); the worker reads its secrets where it runs: run `{run_instead}` there, "
                "with the worker's environment (ADUAN_DB and the account's secret)"
            )
        return dataclasses.replace(
            found, message=message, problem=problem, run_instead=run_instead, seconds=clock() - started
        )
    redact = Redactor(secrets)
    seen = tuple((name, redact(value)) for name, value in facts)
    return dataclasses.replace(found, ok=True, message=redact(said), facts=seen, seconds=clock() - started)


def problem_of(exc: AduanError) -> Problem:
    if isinstance(exc, SecretUnavailable):
        return Problem.SECRET
    if isinstance(exc, AccountRefused):
        return Problem.SETTINGS
    chain = list(causes(exc))
    if any(isinstance(c, ssl.SSLError | requests.exceptions.SSLError | urllib3.exceptions.SSLError) for c in chain):
        return Problem.TLS
    # Not urllib3's TimeoutError: its NewConnectionError (a refused connection) is one of them.
    if any(isinstance(c, TimeoutError | requests.Timeout | urllib3.exceptions.ReadTimeoutError) for c in chain):
        return Problem.TIMEOUT
    if isinstance(exc, NotPermitted):
        return Problem.AUTH
    if isinstance(exc, NotFound):
        return Problem.NOT_FOUND
    if isinstance(exc, Unreachable) and not isinstance(exc, RateLimited):
        return Problem.UNREACHABLE
    return Problem.REFUSED


Facts = list[tuple[str, str]]


def _probe(account: Account, environ: Mapping[str, str], timeout: float, secrets: list[str]) -> tuple[Facts, str]:
    settings = check_account(account)
    if account.channel is Channel.WEB:  # nothing to connect to: aduan server serves the unit's form
        limit = account.config.get("hourly_limit", WEB_HOURLY_LIMIT)
        return [], f"aduan server serves the unit's web form at /lapor, taking at most {limit} reports an hour"

    def secret(setting: str | None = None) -> str | None:
        value = account_secret(account, setting, environ)
        if value:
            secrets.append(value)
        return value

    token = secret()
    if isinstance(settings, EmailSettings):
        return _email(account, settings, _needed(account, token, "password"), timeout)
    if isinstance(settings, TelegramSettings):
        from .telegram import TelegramBot

        bot = _built(lambda: TelegramBot(_needed(account, token, "bot token"), settings.base_url, timeout=timeout))
        username = bot.me()
        return [("bot", f"@{username}")], f"the Telegram bot @{username} answers at {settings.base_url}"
    if isinstance(settings, XSettings):
        return _x(account, settings, _needed(account, token, "OAuth 2.0 user access token"), timeout)
    if isinstance(settings, WhatsAppSettings):
        webhook = {"app_secret_ref": settings.app_secret_ref, "verify_token_ref": settings.verify_token_ref}
        for key, reference in webhook.items():  # aduan server reads them for the webhook (webhooks.py)
            if not reference:
                raise AccountRefused(f"the WhatsApp account {account.name!r} needs {key}: env or keyring (its slot)")
            try:
                secret(key)
            except SecretUnavailable as exc:
                raise WebhookSecretUnavailable(
                    f"{exc.message}; aduan server reads it to check the webhook's notifications: it belongs in the "
                    "environment or keyring of aduan server"
                ) from None
        return _whatsapp(settings, _needed(account, token, "Cloud API access token"), timeout)
    if isinstance(settings, MetaSettings):
        for key, reference in (
            ("app_secret_ref", settings.app_secret_ref),
            ("verify_token_ref", settings.verify_token_ref),
        ):
            if not reference:  # aduan server reads them for the webhook (webhooks.py)
                raise AccountRefused(
                    f"the {account.channel.value} account {account.name!r} needs {key}: env or keyring"
                )
            try:
                secret(key)
            except SecretUnavailable as exc:
                raise WebhookSecretUnavailable(
                    f"{exc.message}; aduan server reads it to check the webhook's notifications: it belongs in the "
                    "environment or keyring of aduan server"
                ) from None
        return _meta(account, settings, _needed(account, token, "access token"), timeout)
    if isinstance(settings, LaporSettings):
        return _lapor(account, settings, _needed(account, token, "API token"), timeout)
    if isinstance(settings, SmsSettings):
        if settings.webhook_secret_ref:  # aduan server reads it for the webhook (sms.py)
            try:
                secret("webhook_secret_ref")
            except SecretUnavailable as exc:
                raise WebhookSecretUnavailable(
                    f"{exc.message}; aduan server reads it to check the SMS webhook's calls: it belongs in the "
                    "environment or keyring of aduan server"
                ) from None
        return _sms(account, settings, _needed(account, token, "gateway key"), timeout)
    raise AccountRefused(f"the worker does not connect to {account.channel.value} accounts: there is nothing to test")


def _needed(account: Account, secret: str | None, what: str) -> str:
    if not secret:
        raise AccountRefused(
            f"the {account.channel.value} account {account.name!r} names no secret: its {what} goes in its own slot "
            "(--secret-ref env or keyring)"
        )
    return secret


def _built(build: Callable[[], T]) -> T:
    """A connector built from the settings; what it refuses is the settings' fault."""
    try:
        return build()
    except SecretUnavailable:
        raise
    except BadInput as exc:
        raise AccountRefused(exc.message) from None


def _email(account: Account, settings: EmailSettings, password: str, timeout: float) -> tuple[Facts, str]:
    from .smtp_send import SmtpMailer

    _built(lambda: parse_cursor(account.cursor))
    mailbox = _built(
        lambda: ImapMailbox(
            settings.host,
            settings.port,
            settings.user,
            password,
            mailbox=settings.mailbox,
            tls=settings.tls,
            timeout=timeout,
        )
    )
    mailer = _built(
        lambda: SmtpMailer(
            settings.sending_host,
            settings.sending_port,
            settings.sending_user or None,
            password,
            from_address=settings.sender,
            from_name=settings.from_name,
            tls=settings.sending_tls,
            timeout=timeout,
        )
    )
    state = mailbox.examine(account.cursor)
    greeted = mailer.check()
    smtp = f"{settings.sending_host}:{settings.sending_port}"
    restarted = " (its UIDVALIDITY changed: the next round starts from the first message)" if state.restarted else ""
    login = f"accepted the login of {settings.sending_user}" if settings.sending_user else "accepted the connection"
    said = (
        f"IMAP {settings.host}:{settings.port}: the mailbox {settings.mailbox!r} holds {state.messages} message(s), "
        f"{state.waiting} for the next round{restarted}; SMTP {smtp} ({greeted}) {login}"
    )
    facts = [
        ("mailbox", settings.mailbox),
        ("messages", str(state.messages)),
        ("waiting", str(state.waiting)),
        ("smtp", smtp),
    ]
    return facts, said


def _x(account: Account, settings: XSettings, token: str, timeout: float) -> tuple[Facts, str]:
    from .x_api import XClient

    client = _built(lambda: XClient(token, settings.user_id, settings.base_url, timeout=timeout))
    user_id, username = client.me()
    if user_id != settings.user_id:
        raise AccountRefused(
            f"the access token acts for @{username} (user id {user_id}), not for the account's user_id "
            f"{settings.user_id}: the worker would read one account's mentions and answer as another"
        )
    return [("user", f"@{username}")], f"X answers for @{username} (user id {user_id}) at {settings.base_url}"


def _whatsapp(settings: WhatsAppSettings, token: str, timeout: float) -> tuple[Facts, str]:
    from .whatsapp import WhatsAppCloud

    cloud = _built(lambda: WhatsAppCloud(token, settings.phone_number_id, base_url=settings.base_url, timeout=timeout))
    number, name = cloud.phone_number()
    said = f"WhatsApp number {number}" + (f" ({name})" if name else "") + " answers; the webhook's secrets are readable"
    return [("number", number), *([("name", name)] if name else [])], said


def _meta(account: Account, settings: MetaSettings, token: str, timeout: float) -> tuple[Facts, str]:
    from .meta import MetaGraph, Platform

    platform = Platform(account.channel.value)
    graph = _built(lambda: MetaGraph(token, settings.account_id, platform, settings.base_url, timeout=timeout))
    name = graph.account_name()
    said = f"the {platform.label} account {name} answers; the webhook's secrets are readable"
    return [("account", name)], said


def _sms(account: Account, settings: SmsSettings, key: str, timeout: float) -> tuple[Facts, str]:
    from .sms import SmsGateway

    bounded = dataclasses.replace(settings, timeout=min(settings.timeout, timeout))
    gateway = _built(lambda: SmsGateway(bounded, key, account.name))
    balance = gateway.check()
    where = f"{settings.base_url}{settings.check_path or ''}"
    if balance is None:
        return [], f"the SMS account's secrets are readable; it names no check_path, so nothing was asked of {where}"
    facts = [("balance", balance)] if balance else []
    said = f"the SMS gateway accepts the account's keys at {where}"
    return facts, said + (f" (balance {balance})" if balance else "")


def _lapor(account: Account, settings: LaporSettings, token: str, timeout: float) -> tuple[Facts, str]:
    bounded = dataclasses.replace(settings, timeout=min(settings.timeout, timeout))
    poller = _built(lambda: LaporPoller.from_settings(bounded, token))
    first = poller.check(account.cursor)
    facts = [("list", settings.list_path), *([("report", first)] if first else [])]
    read = f"its first report {first} reads through the mapping" if first else "it lists no report"
    return facts, f"LAPOR! answers at {settings.base_url}{settings.list_path}: {read}"
