"""``aduan server`` killed with SIGKILL at random moments while Meta delivers Facebook and Instagram notifications
(direct messages and comments), started again on the same port: every message and comment is stored exactly once.

Meta's side is played as Meta documents it: a notification is sent again until it is answered 200, and some are
sent again after a 200 as well (Meta may deliver twice). The server answers 200 only once everything in the
notification is stored, and the store keeps one message per (channel, mid) and one comment per (account,
comment id): so a kill between storing and answering costs a repeat, never a loss or a second copy.

The random seed is printed so that a failure can be replayed (``ADUAN_CRASH_SEED``).
"""

from __future__ import annotations

import json
import random
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select

from desktop.channels.accounts import add_account
from desktop.domain.vocabulary import Channel, Direction
from desktop.store.schema import channel_account, message, social_comment, ticket
from tests.channels.fake_meta import FakeMeta, post_webhook
from tests.server.served_demo import Server
from tests.store.helpers import Org, build_org
from tests.sync.crash_world import seed

NOW = 1_780_003_600.0  # Meta's clock in the notifications: fixed
PER_PLATFORM = 30  # direct messages from as many citizens, and as many comments
KILLS = 5
DELIVERY_TIMEOUT_SECONDS = 240


@pytest.fixture
def metas() -> dict[str, FakeMeta]:
    return {
        "facebook": FakeMeta(platform="facebook", now=lambda: NOW),
        "instagram": FakeMeta(platform="instagram", account_id="17841400000000001", now=lambda: NOW),
    }


@pytest.fixture
def org(server_url: str, metas: dict[str, FakeMeta], monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    built = build_org(server_url)
    for platform, meta in metas.items():
        name, id_field = ("FB Humas", "page_id") if platform == "facebook" else ("IG Humas", "ig_user_id")
        slot = name.upper().replace(" ", "_")
        monkeypatch.setenv(f"ADUAN_SECRET_{slot}", meta.access_token)  # the server process inherits them
        monkeypatch.setenv(f"ADUAN_SECRET_{slot}__APP_SECRET", meta.app_secret)
        monkeypatch.setenv(f"ADUAN_SECRET_{slot}__VERIFY_TOKEN", "verifikasi")
        config = {id_field: meta.account_id, "app_secret_ref": "env", "verify_token_ref": "env"}
        built.admin.admin(add_account, Channel(platform), name, "humas", json.dumps(config), "env")
    yield built
    built.close()


class Meta(threading.Thread):
    """Delivers each notification until it is answered 200, and some a second time after that."""

    def __init__(self, deliveries: list[tuple[str, str, dict[str, Any]]], rng: random.Random) -> None:
        super().__init__(daemon=True)
        self.deliveries = deliveries
        self.rng = rng
        self.refused = 0  # attempts that found the server dead or got no 200
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            for url, secret, notification in self.deliveries:
                deadline = time.monotonic() + DELIVERY_TIMEOUT_SECONDS
                while not self._delivered(url, secret, notification):
                    assert time.monotonic() < deadline, "a notification was never answered 200"
                    self.refused += 1
                    time.sleep(0.05)
                if self.rng.random() < 0.2:
                    self._delivered(url, secret, notification)  # Meta delivers it again
        except BaseException as exc:
            self.error = exc

    @staticmethod
    def _delivered(url: str, secret: str, notification: dict[str, Any]) -> bool:
        try:
            return post_webhook(url, secret, notification, timeout=20).status_code == 200
        except requests.RequestException:
            return False


@pytest.mark.parametrize("server_url", ["postgresql"], indirect=True)
def test_the_server_killed_while_meta_delivers_stores_each_message_and_comment_once(
    org: Org, metas: dict[str, FakeMeta], server_url: str, tmp_path: Path
) -> None:
    rng = random.Random(seed())
    server = Server(server_url, tmp_path)
    server.start()
    deliveries: list[tuple[str, str, dict[str, Any]]] = []
    expected_messages: set[tuple[str, str]] = set()
    expected_comments: set[str] = set()
    for number in range(PER_PLATFORM):
        for platform, meta in metas.items():
            account = "fb_humas" if platform == "facebook" else "ig_humas"
            url = f"{server.url}/v1/webhooks/{platform}/{account}"
            sender = f"70{number:04d}{1 if platform == 'facebook' else 2}"
            event = meta.messaging_event(sender, f"Laporan {platform} nomor {number}: jalan rusak di RT {number}")
            expected_messages.add((platform, event["message"]["mid"]))
            comment_id, change = meta.comment(f"55{number:04d}", f"Warga {number}", f"Komentar {number}")
            expected_comments.add(comment_id)
            # One notification carries a message, the next a comment: interleaved per platform.
            deliveries.append((url, meta.app_secret, meta.messages(event)))
            deliveries.append((url, meta.app_secret, meta.changes(change)))
    meta_side = Meta(deliveries, rng)
    meta_side.start()
    try:
        stored = 0
        for kill in range(KILLS):
            target = rng.randint(stored + 1, stored + max(1, (2 * len(deliveries) // 3 - stored) // (KILLS - kill)))
            deadline = time.monotonic() + DELIVERY_TIMEOUT_SECONDS
            while (stored := _stored(org)) < target:
                assert meta_side.is_alive(), f"deliveries ended early: {meta_side.error!r}"
                assert time.monotonic() < deadline, f"only {stored} of {len(deliveries)} stored in time"
                time.sleep(0.005)
            time.sleep(rng.uniform(0.0, 0.05))
            assert server.kill() == -signal.SIGKILL, "the server stopped by itself"
            time.sleep(rng.uniform(0.0, 0.5))  # Meta's attempts meanwhile find nobody
            server.start()
        meta_side.join(DELIVERY_TIMEOUT_SECONDS)
        assert not meta_side.is_alive(), "Meta's deliveries did not finish after the server came back"
        assert meta_side.error is None, f"Meta's side failed: {meta_side.error!r}"
        assert meta_side.refused, "no delivery was ever refused: the server was not killed under it"
    finally:
        server.stop()

    inbound = org.admin.read(
        lambda conn: conn.execute(
            select(message.c.channel, message.c.external_id).where(message.c.direction == Direction.INBOUND.value)
        ).all()
    )
    assert Counter((r.channel, r.external_id) for r in inbound) == Counter(expected_messages), "each message once"
    tickets = org.admin.read(lambda conn: conn.execute(select(ticket.c.id)).scalars().all())
    assert len(tickets) == len(expected_messages)  # every citizen wrote once: each their own report
    comments = org.admin.read(
        lambda conn: (
            conn.execute(
                select(social_comment.c.external_id).join(
                    channel_account, channel_account.c.id == social_comment.c.account_id
                )
            )
            .scalars()
            .all()
        )
    )
    assert Counter(comments) == Counter(expected_comments), "each comment once"
    print(f"server killed {KILLS} times; {meta_side.refused} deliveries refused or unanswered and sent again")


def _stored(org: Org) -> int:
    def count(conn: Any) -> int:
        messages = conn.execute(select(message.c.id).where(message.c.direction == Direction.INBOUND.value)).all()
        return len(messages) + len(conn.execute(select(social_comment.c.id)).all())

    return int(org.admin.read(count))
