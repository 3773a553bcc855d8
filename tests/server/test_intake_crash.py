"""``aduan server`` killed with SIGKILL at random moments while Meta delivers Facebook and Instagram notifications
(direct messages and comments) and citizens send the public web form, started again on the same port: every
message, comment and form is stored exactly once.

Meta's side is played as Meta documents it: a notification is sent again until it is answered 200, and some are
sent again after a 200 as well (Meta may deliver twice). A citizen whose browser got no answer sends the same
form again (its submission id is in the form). The server answers 200 only once everything is stored, and the
store keeps one message per (channel, mid or submission id) and one comment per (account, comment id): so a kill
between storing and answering costs a repeat, never a loss or a second copy.

The random seed is printed so that a failure can be replayed (``ADUAN_CRASH_SEED``).
"""

from __future__ import annotations

import json
import random
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select

from desktop.channels.accounts import add_account
from desktop.domain.vocabulary import Channel, Direction
from desktop.server.web_form import issue_token
from desktop.store.schema import channel_account, message, social_comment, ticket
from desktop.store.web_form import form_key
from tests.channels.fake_meta import FakeMeta, post_webhook
from tests.server.served_demo import Server
from tests.store.helpers import Org, build_org
from tests.sync.crash_world import seed

NOW = 1_780_003_600.0  # Meta's clock in the notifications: fixed
PER_PLATFORM = 30  # direct messages from as many citizens, and as many comments
WEB_FORMS = 20
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
    built.admin.admin(add_account, Channel.WEB, "Web Humas", "humas", json.dumps({"hourly_limit": 100}), None)
    yield built
    built.close()


Delivery = Callable[[], bool]  # one attempt: True when the server answered 200


class Senders(threading.Thread):
    """Meta and the citizens: each delivery is tried until it is answered 200, and some again after that."""

    def __init__(self, deliveries: list[Delivery], rng: random.Random) -> None:
        super().__init__(daemon=True)
        self.deliveries = deliveries
        self.rng = rng
        self.refused = 0  # attempts that found the server dead or got no 200
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            for delivered in self.deliveries:
                deadline = time.monotonic() + DELIVERY_TIMEOUT_SECONDS
                while not _answered(delivered):
                    assert time.monotonic() < deadline, "a delivery was never answered 200"
                    self.refused += 1
                    time.sleep(0.05)
                if self.rng.random() < 0.2:
                    _answered(delivered)  # delivered again
        except BaseException as exc:
            self.error = exc


def _answered(delivered: Delivery) -> bool:
    try:
        return delivered()
    except requests.RequestException:  # the server is dead, or died while answering
        return False


def notification(url: str, secret: str, payload: dict[str, Any]) -> Delivery:
    return lambda: post_webhook(url, secret, payload, timeout=20).status_code == 200


def web_form(server: Server, key: str, number: int) -> tuple[str, Delivery]:
    """A citizen's form (its submission id) and sending it as a browser does, from their own address."""
    submission = f"web-crash-{number:04d}"
    token = issue_token(key, int(time.time()) - 30, submission=submission)  # filled in for half a minute
    data = {
        "token": token, "unit": "humas", "kind": "pengaduan", "subject": f"Lampu jalan mati {number}",
        "name": f"Warga {number}", "text": f"Lampu jalan di gang {number} mati.", "contact": f"w{number}@example.id",
        "website": "",
    }  # fmt: skip
    headers = {"X-Forwarded-For": f"203.0.113.{number + 1}"}
    empty = [("files", ("", b"", "application/octet-stream"))]

    def send() -> bool:
        answer = requests.post(f"{server.url}/lapor", data=data, files=empty, headers=headers, timeout=20)
        return answer.status_code == 200 and "ADU-" in answer.text

    return submission, send


@pytest.mark.parametrize("server_url", ["postgresql"], indirect=True)
def test_the_server_killed_while_meta_and_citizens_deliver_stores_each_message_comment_and_form_once(
    org: Org, metas: dict[str, FakeMeta], server_url: str, tmp_path: Path
) -> None:
    rng = random.Random(seed())
    server = Server(server_url, tmp_path, "--behind-proxy", "--trusted-proxies", "127.0.0.1")
    server.start()
    key = org.admin.admin(form_key)
    deliveries: list[Delivery] = []
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
            deliveries.append(notification(url, meta.app_secret, meta.messages(event)))
            deliveries.append(notification(url, meta.app_secret, meta.changes(change)))
        if number < WEB_FORMS:
            submission, send = web_form(server, key, number)
            expected_messages.add(("web", submission))
            deliveries.append(send)
    senders = Senders(deliveries, rng)
    senders.start()
    try:
        stored = 0
        for kill in range(KILLS):
            target = rng.randint(stored + 1, stored + max(1, (2 * len(deliveries) // 3 - stored) // (KILLS - kill)))
            deadline = time.monotonic() + DELIVERY_TIMEOUT_SECONDS
            while (stored := _stored(org)) < target:
                assert senders.is_alive(), f"deliveries ended early: {senders.error!r}"
                assert time.monotonic() < deadline, f"only {stored} of {len(deliveries)} stored in time"
                time.sleep(0.005)
            time.sleep(rng.uniform(0.0, 0.05))
            assert server.kill() == -signal.SIGKILL, "the server stopped by itself"
            time.sleep(rng.uniform(0.0, 0.5))  # Meta's attempts meanwhile find nobody
            server.start()
        senders.join(DELIVERY_TIMEOUT_SECONDS)
        assert not senders.is_alive(), "the deliveries did not finish after the server came back"
        assert senders.error is None, f"a sender failed: {senders.error!r}"
        assert senders.refused, "no delivery was ever refused: the server was not killed under it"
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
    print(f"server killed {KILLS} times; {senders.refused} deliveries refused or unanswered and sent again")


def _stored(org: Org) -> int:
    def count(conn: Any) -> int:
        messages = conn.execute(select(message.c.id).where(message.c.direction == Direction.INBOUND.value)).all()
        return len(messages) + len(conn.execute(select(social_comment.c.id)).all())

    return int(org.admin.read(count))
