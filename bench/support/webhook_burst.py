"""The webhook-burst phase of ``bench/intake.py``: WhatsApp notifications (one message each, from a sender of its
own, signed as Meta signs them) sent by ``CALLERS`` threads at once — as many webhook calls as ``aduan server``
lets in at once by default — through the account's real webhook endpoint (signature check, parsing, storing),
into one database per engine:
- **grouped**: as ``aduan server``'s router does it: every call through one ``PushedIntake`` — the calls that
  arrive while a group is being stored go together in the next transaction (``channels/pushed.py``) — and the
  account's endpoint found once and kept for ``DEFAULT_ENDPOINT_SECONDS`` (``RecentEndpoints``);
- **a transaction a call**: the same calls on a second database as they were stored before: each finds the
  account's endpoint (its settings and secrets) and is stored in a transaction of its own;
beside a baseline measured in the same run on the same database: the same notifications checked and parsed, then
their messages sent by one raw INSERT into a table of their own (``raw_insert.py``). Checked: every call answered
200, every message one ticket, nothing refused, and the burst sent again stores nothing.
"""

from __future__ import annotations

import json
import os
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from desktop.channels.accounts import add_account
from desktop.channels.pushed import PushedIntake
from desktop.channels.settings import slots
from desktop.channels.webhooks import whatsapp_endpoint
from desktop.channels.whatsapp.webhook import WebhookEndpoint
from desktop.domain.inbound import InboundMessage
from desktop.domain.vocabulary import Channel
from desktop.server.webhooks import DEFAULT_CONCURRENCY, DEFAULT_ENDPOINT_SECONDS, RecentEndpoints
from desktop.store import directory
from desktop.store.schema import intake_error, message, ticket
from desktop.store.service import Store

from .mixed_intake import PHONE_NUMBER_ID, WA_ACCESS_TOKEN, WA_APP_SECRET, WA_VERIFY_TOKEN
from .raw_insert import raw_insert_seconds

UNIT, ACCOUNT = "humas", "WA Burst"
CALLERS = DEFAULT_CONCURRENCY
GROUPED, APART = "grouped", "a transaction a call"
ENDPOINT = ("whatsapp", ACCOUNT)


def secrets_in_environment() -> None:
    """The account's slots, where ``aduan server`` reads them (spawned phases inherit the environment)."""
    for setting, value in (
        (None, WA_ACCESS_TOKEN),
        ("app_secret_ref", WA_APP_SECRET),
        ("verify_token_ref", WA_VERIFY_TOKEN),
    ):
        os.environ[slots(ACCOUNT, setting)[0].removeprefix("env:")] = value


def prepare(url: str) -> None:
    config = {"phone_number_id": PHONE_NUMBER_ID, "app_secret_ref": "env", "verify_token_ref": "env"}
    store = Store(url)
    try:
        store.upgrade()
        store.admin(directory.add_unit, UNIT, "Biro Hubungan Masyarakat")
        config_text = json.dumps({**config, "acknowledgement": False})
        store.admin(add_account, Channel.WHATSAPP, ACCOUNT, UNIT, config_text, slots(ACCOUNT)[0])
    finally:
        store.dispose()


@dataclass
class BurstResult:
    way: str
    calls: int
    raw_seconds: float  # the baseline: the notifications checked and parsed, their messages by one raw INSERT
    seconds: float  # the burst, every call answered
    again_seconds: float  # the same burst again: every message recognised
    groups: int  # transactions the calls were stored in
    statuses: dict[int, int] = field(default_factory=dict)
    tickets: int = 0
    messages: int = 0
    refused: int = 0

    def checks(self) -> list[tuple[str, bool, object]]:
        return [
            ("every call answered 200, twice", self.statuses == {200: 2 * self.calls}, self.statuses),
            ("every message one ticket", self.messages == self.tickets == self.calls, (self.messages, self.tickets)),
            ("nothing refused", self.refused == 0, self.refused),
        ]


class _Counted(PushedIntake):
    """The intake as the server has it, counting the groups (transactions) it stores."""

    groups = 0
    _counting = threading.Lock()  # a transaction a call: many intakes store at once

    def _store(self, group: list[Any]) -> None:
        with _Counted._counting:
            _Counted.groups += 1
        super()._store(group)


def run(url: str, calls: list[tuple[bytes, str]], grouped: bool) -> BurstResult:
    """Baseline and burst on one database (run in the phase's own process)."""
    store = Store(url)
    try:
        store.read(lambda conn: None)  # the schema check and first connection
        raw_seconds = _parsed_and_inserted(store, calls)
        _Counted.groups = 0
        shared = _Counted(store)
        recent = RecentEndpoints(DEFAULT_ENDPOINT_SECONDS)
        finding = threading.Lock()

        def endpoint() -> WebhookEndpoint:
            if not grouped:
                return whatsapp_endpoint(store, ACCOUNT, _Counted(store))
            with finding:  # the server's event loop does this, one call at a time
                kept = recent.get(ENDPOINT)
                if kept is None:
                    kept = whatsapp_endpoint(store, ACCOUNT, shared)
                    recent.keep(ENDPOINT, kept)
                return kept  # type: ignore[no-any-return]

        statuses: dict[int, int] = {}
        seconds = _burst(endpoint, calls, statuses)
        groups = _Counted.groups
        again_seconds = _burst(endpoint, calls, statuses)
        counted = store.read(
            lambda conn: [
                conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (ticket, message, intake_error)
            ]
        )
    finally:
        store.dispose()
    tickets, messages, refused = (int(n) for n in counted)
    return BurstResult(
        GROUPED if grouped else APART, len(calls), raw_seconds, seconds, again_seconds, groups, statuses,
        tickets, messages, refused,
    )  # fmt: skip


def _parsed_and_inserted(store: Store, calls: list[tuple[bytes, str]]) -> float:
    started = time.perf_counter()
    parsed: list[InboundMessage] = []
    reader = WebhookEndpoint(WA_APP_SECRET, WA_VERIFY_TOKEN, deliver=parsed.extend)
    for body, signature in calls:
        reader.notification(body, signature)
    return time.perf_counter() - started + raw_insert_seconds(store, parsed)


def _burst(endpoint: Any, calls: list[tuple[bytes, str]], statuses: dict[int, int]) -> float:
    """Every call made by ``CALLERS`` threads taking the next one as soon as they are answered; the seconds until
    the last is answered. Each call finds its endpoint, as the server's route does."""
    waiting: queue.SimpleQueue[tuple[bytes, str]] = queue.SimpleQueue()
    for call in calls:
        waiting.put(call)
    lock = threading.Lock()

    def caller() -> None:
        while True:
            try:
                body, signature = waiting.get_nowait()
            except queue.Empty:
                return
            status, _ = endpoint().notification(body, signature)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=caller, name=f"meta-{n}") for n in range(CALLERS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started
