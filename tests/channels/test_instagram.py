"""An Instagram professional account through ``aduan server``'s webhook route and the worker, on every engine,
against a fake Send API shaped as Meta documents it: ``object: "instagram"`` messages become a ticket once,
threaded as ``ig:<igsid>``; a Facebook-shaped notification or a wrong signature is refused; answers are split
at Instagram's 1000 bytes of UTF-8, and outside the 24-hour window fail visibly; ``comments`` changes are
stored and flagged, and a ticket made of one is answered by a private reply."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.channels.accounts import Account, add_account, check_account
from desktop.channels.dispatch import dispatch_round
from desktop.channels.meta import INSTAGRAM_MAX_BYTES, MetaGraph, Platform, parse_notification
from desktop.channels.settings import MetaSettings
from desktop.channels.sources import make_sender
from desktop.domain.errors import BadInput
from desktop.domain.vocabulary import Channel, Direction
from desktop.server import commands
from desktop.store import claims, handling, outbox
from desktop.store.schema import message, reporter_contact, social_comment, ticket
from desktop.store.service import Store
from tests.channels.fake_meta import FakeMeta, post_webhook
from tests.server.live import running_server
from tests.store.helpers import Org, build_org

IGSID = "1789012345678901"
# The fake's clock (Meta's side): fixed, so that no window depends on the day the tests run.
NOW = 1_780_003_600.0
VERIFY = "verifikasi-ig-humas"


@pytest.fixture
def fake() -> Iterator[FakeMeta]:
    server = FakeMeta(
        platform="instagram", account_id="17841400000000001", access_token="IGAA-token-RAHASIA", now=lambda: NOW
    ).start()
    yield server
    server.stop()


def secrets(fake: FakeMeta) -> dict[str, str]:
    return {
        "ADUAN_SECRET_IG_HUMAS": fake.access_token,
        "ADUAN_SECRET_IG_HUMAS__APP_SECRET": fake.app_secret,
        "ADUAN_SECRET_IG_HUMAS__VERIFY_TOKEN": VERIFY,
    }


@pytest.fixture
def org(migrated_url: str, fake: FakeMeta, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    built = build_org(migrated_url)
    for name, value in secrets(fake).items():
        monkeypatch.setenv(name, value)
    config = {
        "ig_user_id": fake.account_id,
        "base_url": fake.base_url,
        "app_secret_ref": "env",
        "verify_token_ref": "env",
    }
    built.admin.admin(add_account, Channel.INSTAGRAM, "IG Humas", "humas", json.dumps(config), "env")
    yield built
    built.close()


@pytest.fixture
def webhook(org: Org, migrated_url: str, fake: FakeMeta, tmp_path: Path) -> Iterator[str]:
    with running_server(migrated_url, tmp_path, **secrets(fake)) as server:
        yield f"{server.url}/v1/webhooks/instagram/ig_humas"


def count(store: Store, table: Any, *where: Any) -> int:
    return int(
        store.read(lambda conn: conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())
    )


def answer(org: Org, ticket_id: Any, text: str) -> None:
    held = org.ani.write(claims.claim, ticket_id)
    org.ani.write(handling.reply, ticket_id, held.claim.token, text)


def test_a_direct_message_becomes_a_ticket_once_threaded_by_the_igsid(org: Org, fake: FakeMeta, webhook: str) -> None:
    first = fake.messages(fake.messaging_event(IGSID, "Min, lampu taman kota mati"))
    assert post_webhook(webhook, fake.app_secret, first).status_code == 200
    assert post_webhook(webhook, fake.app_secret, first).status_code == 200  # re-delivered
    later = fake.messages(fake.messaging_event(IGSID, "Sudah 3 malam"))
    assert post_webhook(webhook, fake.app_secret, later).status_code == 200

    inbound = message.c.direction == Direction.INBOUND.value
    assert count(org.admin, ticket) == 1 and count(org.admin, message, inbound) == 2
    assert count(org.admin, message, message.c.channel == "instagram", inbound) == 2
    contacts = org.admin.read(lambda c: c.execute(select(reporter_contact.c.channel, reporter_contact.c.address)).all())
    assert [tuple(row) for row in contacts] == [("instagram", IGSID)]
    [parsed] = parse_notification(first, Platform.INSTAGRAM).messages[fake.account_id]
    assert parsed.references == (f"ig:{IGSID}",)

    as_facebook = {**first, "object": "page"}
    assert post_webhook(webhook, fake.app_secret, as_facebook).status_code == 400
    assert post_webhook(webhook, "rahasia-lain", later).status_code == 403
    assert count(org.admin, message, inbound) == 2


def test_answers_are_split_at_1000_bytes_and_a_closed_window_fails_visibly(
    org: Org, fake: FakeMeta, webhook: str
) -> None:
    post_webhook(webhook, fake.app_secret, fake.messages(fake.messaging_event(IGSID, "Trotoar rusak")))
    assert dispatch_round(org.admin, make_sender).sent == 1  # the acknowledgement
    ticket_id = org.admin.read(lambda c: c.execute(select(ticket.c.id)).scalar_one())
    long_answer = ("Terima kasih 🙏 laporan Anda sedang kami tindak lanjuti bersama dinas terkait. " * 20).strip()
    answer(org, ticket_id, long_answer)

    assert dispatch_round(org.admin, make_sender).sent == 1
    parts = [s.text for s in fake.sent[1:]]
    assert len(parts) >= 2 and "".join(parts) == long_answer
    assert all(len(p.encode("utf-8")) <= INSTAGRAM_MAX_BYTES for p in parts)
    assert all(s.recipient == {"id": IGSID} for s in fake.sent)

    fake.last_inbound[IGSID] = NOW - 25 * 3600
    answer(org, ticket_id, "Mohon maaf, baru sempat kami balas.")
    report = dispatch_round(org.admin, make_sender)
    assert (report.sent, report.failed) == (0, 1)
    [failed] = [r for r in org.admin.read(outbox.outbox_rows) if r.state == "failed"]
    assert "2534022" in (failed.last_error or "") and "24 hours" in (failed.last_error or "")


def test_comments_are_stored_flagged_and_a_ticket_of_one_is_answered_privately(
    org: Org, fake: FakeMeta, webhook: str
) -> None:
    plain_id, plain = fake.comment("178900001", "warga.kota", "Kapan taman dibuka lagi?", at=1_780_000_000)
    _, mail = fake.comment("178900002", "siti_r", "Balas ke siti@contoh.co.id ya min", at=1_780_000_100)
    _, own = fake.comment(fake.account_id, "pemkot.resmi", "Terima kasih!")
    assert post_webhook(webhook, fake.app_secret, fake.changes(plain, mail, own, at=1_780_000_200)).status_code == 200
    assert post_webhook(webhook, fake.app_secret, fake.changes(plain, at=1_780_000_300)).status_code == 200

    assert count(org.admin, social_comment) == 2 and count(org.admin, ticket) == 0
    listed = commands.run_direct(commands.comment_list, org.admin, None, commands.CommentList())
    assert {(c.author_name, c.personal_data, c.channel) for c in listed} == {
        ("warga.kota", False, Channel.INSTAGRAM),
        ("siti_r", True, Channel.INSTAGRAM),
    }
    [chosen] = [c for c in listed if c.comment_id == plain_id]
    assert chosen.post_id == plain["value"]["media"]["id"]

    made = commands.run_direct(commands.comment_ticket, org.admin, None, commands.CommentId(comment_id=chosen.id))
    again = commands.run_direct(commands.comment_ticket, org.admin, None, commands.CommentId(comment_id=chosen.id))
    assert (again.ticket_id, again.tracking_no, again.new_ticket) == (made.ticket_id, made.tracking_no, False)
    answer(org, made.ticket_id, "Taman dibuka kembali Senin depan.")
    assert dispatch_round(org.admin, make_sender).sent == 1
    assert [s.recipient for s in fake.sent] == [{"comment_id": plain_id}]


def test_a_private_reply_longer_than_one_message_is_refused_before_sending(fake: FakeMeta) -> None:
    graph = MetaGraph(fake.access_token, fake.account_id, Platform.INSTAGRAM, base_url=fake.base_url)
    comment_id, _ = fake.comment("178900001", "warga.kota", "halo")
    with pytest.raises(BadInput, match="single message"):
        graph.private_reply(comment_id, "x" * (INSTAGRAM_MAX_BYTES + 1))
    assert fake.requests == []


def test_an_account_reached_through_facebook_login_answers_through_its_connected_page() -> None:
    page_id = "104857600012345"
    # Meta's side of Facebook Login: the Send API is the Page's, on graph.facebook.com, with the Page's token.
    page = FakeMeta(platform="instagram", account_id=page_id, now=lambda: NOW).start()
    try:
        page.messaging_event(IGSID, "Halo")  # the citizen wrote: the window is open
        graph = MetaGraph(
            page.access_token, "17841400000000001", Platform.INSTAGRAM, base_url=page.base_url, page_id=page_id
        )
        graph.send_parts(IGSID, "Terima kasih, laporan Anda kami terima.")
        assert [(m, p) for m, p, _, _ in page.requests] == [("POST", f"/v21.0/{page_id}/messages")]
        assert [s.recipient for s in page.sent] == [{"id": IGSID}]
    finally:
        page.stop()
    with pytest.raises(BadInput, match="not a Facebook Page id"):
        MetaGraph("token", "17841400000000001", Platform.INSTAGRAM, page_id="../me")

    stored = {"ig_user_id": "17841400000000001", "page_id": int(page_id)}  # a whole number is taken as its digits
    settings = check_account(Account(1, "humas", Channel.INSTAGRAM, "IG Humas", stored, "env", None))
    assert isinstance(settings, MetaSettings) and settings.page_id == page_id
