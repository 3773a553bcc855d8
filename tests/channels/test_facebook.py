"""A Facebook Page through ``aduan server``'s webhook route and the worker, on every engine, against a fake Send
API shaped as Meta documents it: a signed message becomes a ticket once and the citizen's next message joins
it; unsigned, wrongly signed and unverified calls are refused; attachments are fetched without the token;
answers go out split at Messenger's 2000 characters, and outside the 24-hour window fail visibly; comments are
stored once, flagged when they show personal data, and become a ticket only when a supervisor asks — once —
whose answer goes back as a private reply."""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from sqlalchemy import func, select

from desktop.channels.accounts import Account, add_account
from desktop.channels.dispatch import dispatch_round
from desktop.channels.meta import (
    MESSENGER_MAX_CHARS,
    AttachmentRef,
    MessagingWindowClosed,
    MetaGraph,
    Platform,
    graph_error,
    parse_notification,
)
from desktop.channels.probe import probe_account
from desktop.channels.sources import make_sender
from desktop.channels.whatsapp import MAX_WEBHOOK_BYTES
from desktop.domain.errors import BadInput, NotFound, NotPermitted, RateLimited, Unreachable
from desktop.domain.probe import Problem
from desktop.domain.vocabulary import Channel, Direction
from desktop.server import commands
from desktop.store import claims, handling, outbox
from desktop.store.identity import Actor
from desktop.store.schema import attachment, message, reporter_contact, social_comment, ticket
from desktop.store.service import Store
from tests.channels.fake_meta import FakeMeta, GraphError, post_webhook, signed
from tests.server.live import running_server
from tests.store.helpers import Org, build_org

PSID = "7001234567890123"
OTHER_PSID = "7009876543210987"
# The fake's clock (Meta's side): fixed, so that no window depends on the day the tests run.
NOW = 1_780_003_600.0
VERIFY = "verifikasi-fb-humas"
NIK = "3201012345670001"


@pytest.fixture
def fake() -> Iterator[FakeMeta]:
    server = FakeMeta(platform="facebook", now=lambda: NOW).start()
    yield server
    server.stop()


def secrets(fake: FakeMeta) -> dict[str, str]:
    return {
        "ADUAN_SECRET_FB_HUMAS": fake.access_token,
        "ADUAN_SECRET_FB_HUMAS__APP_SECRET": fake.app_secret,
        "ADUAN_SECRET_FB_HUMAS__VERIFY_TOKEN": VERIFY,
    }


@pytest.fixture
def org(migrated_url: str, fake: FakeMeta, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    built = build_org(migrated_url)
    for name, value in secrets(fake).items():
        monkeypatch.setenv(name, value)
    config = {"page_id": fake.account_id, "base_url": fake.base_url, "app_secret_ref": "env", "verify_token_ref": "env"}
    built.admin.admin(add_account, Channel.FACEBOOK, "FB Humas", "humas", json.dumps(config), "env")
    yield built
    built.close()


@pytest.fixture
def webhook(org: Org, migrated_url: str, fake: FakeMeta, tmp_path: Path) -> Iterator[str]:
    with running_server(migrated_url, tmp_path, **secrets(fake)) as server:
        yield f"{server.url}/v1/webhooks/facebook/fb_humas"


def count(store: Store, table: Any, *where: Any) -> int:
    return int(
        store.read(lambda conn: conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())
    )


def inbound_count(org: Org) -> int:
    return count(org.admin, message, message.c.direction == Direction.INBOUND.value)


def mid_of(notification: dict[str, Any]) -> str:
    return str(notification["entry"][0]["messaging"][0]["message"]["mid"])


def answer(org: Org, ticket_id: Any, text: str) -> None:
    held = org.ani.write(claims.claim, ticket_id)
    org.ani.write(handling.reply, ticket_id, held.claim.token, text)


def actor_of(store: Store) -> Actor:
    return store.actor()


# -- intake ------------------------------------------------------------------------------------------------
def test_a_signed_message_becomes_a_ticket_once_and_the_next_one_joins_it(
    org: Org, fake: FakeMeta, webhook: str
) -> None:
    first = fake.messages(fake.messaging_event(PSID, "Jalan berlubang di depan SDN 3"))
    assert (post_webhook(webhook, fake.app_secret, first).status_code, count(org.admin, ticket)) == (200, 1)
    repeated = post_webhook(webhook, fake.app_secret, first)  # Meta repeats it
    later = fake.messages(fake.messaging_event(PSID, "Sudah seminggu belum diperbaiki"))
    assert post_webhook(webhook, fake.app_secret, later).status_code == 200
    echo = fake.messages(fake.echo_event(PSID, "Terima kasih, laporan diterima"))  # the Page's own message
    assert post_webhook(webhook, fake.app_secret, echo).status_code == 200

    assert (repeated.status_code, repeated.text) == (200, "EVENT_RECEIVED")
    assert count(org.admin, ticket) == 1 and inbound_count(org) == 2
    stored = org.admin.read(
        lambda c: c.execute(
            select(message.c.external_id, message.c.channel).where(message.c.external_id == mid_of(first))
        ).all()
    )
    assert [tuple(row) for row in stored] == [(mid_of(first), "facebook")]
    contacts = org.admin.read(lambda c: c.execute(select(reporter_contact.c.channel, reporter_contact.c.address)).all())
    assert [tuple(row) for row in contacts] == [("facebook", PSID)]

    other = fake.messages(fake.messaging_event(OTHER_PSID, "Lampu jalan mati"))
    assert post_webhook(webhook, fake.app_secret, other).status_code == 200
    assert count(org.admin, ticket) == 2  # another citizen, another ticket


def test_the_conversation_reference_and_the_replied_to_message_thread_it() -> None:
    fake = FakeMeta(platform="facebook")
    event = fake.messaging_event(PSID, "Balasan", reply_to="m_earlier")
    found = parse_notification(fake.messages(event), Platform.FACEBOOK)
    [inbound] = found.messages[fake.account_id]
    assert inbound.references == (f"fb:{PSID}", "m_earlier")
    assert inbound.sender_address == PSID and inbound.channel is Channel.FACEBOOK
    with pytest.raises(BadInput, match="not a Facebook notification"):
        parse_notification({"object": "instagram", "entry": []}, Platform.FACEBOOK)
    event["message"].pop("mid")
    with pytest.raises(BadInput, match="no id"):
        parse_notification(fake.messages(event), Platform.FACEBOOK)


def test_unsigned_wrongly_signed_tampered_and_unverified_calls_are_refused(
    org: Org, fake: FakeMeta, webhook: str
) -> None:
    body, headers = signed(fake.app_secret, fake.messages(fake.messaging_event(PSID, "halo")))
    unsigned = {k: v for k, v in headers.items() if k != "X-Hub-Signature-256"}
    answers = [
        requests.post(webhook, data=body, headers=unsigned, timeout=10).status_code,
        requests.post(webhook, data=body, headers=signed("tebakan", json.loads(body))[1], timeout=10).status_code,
        requests.post(webhook, data=body.replace(b"halo", b"HALO"), headers=headers, timeout=10).status_code,
        requests.post(webhook.replace("fb_humas", "fb_lain"), data=body, headers=headers, timeout=10).status_code,
        requests.post(webhook.replace("/facebook/", "/instagram/"), data=body, headers=headers, timeout=10).status_code,
    ]
    assert answers == [401, 403, 403, 404, 404]
    assert count(org.admin, ticket) == 0 and count(org.admin, message) == 0

    def handshake(token: str, mode: str = "subscribe") -> tuple[int, str]:
        query = {"hub.mode": mode, "hub.verify_token": token, "hub.challenge": "1158201444"}
        got = requests.get(webhook, params=query, timeout=10)
        return got.status_code, got.text

    assert handshake(VERIFY) == (200, "1158201444")
    assert handshake("salah")[0] == 403 and handshake(VERIFY, mode="unsubscribe")[0] == 403


# -- attachments -------------------------------------------------------------------------------------------
def test_an_attachment_is_fetched_without_the_token_and_a_gone_one_is_named(
    org: Org, fake: FakeMeta, webhook: str
) -> None:
    photo = fake.add_file(b"\xff\xd8\xff\xe0 foto jalan", "image/jpeg", "jalan.jpg")
    gone = f"{fake.base_url}/cdn/999/hilang.mp4"
    event = fake.messaging_event(PSID, "Ini fotonya", attachments=[("image", photo), ("video", gone)])
    assert post_webhook(webhook, fake.app_secret, fake.messages(event)).status_code == 200

    names = org.admin.read(lambda c: c.execute(select(attachment.c.filename, attachment.c.content_type)).all())
    assert [tuple(row) for row in names] == [("jalan.jpg", "image/jpeg")]
    inbound = message.c.direction == Direction.INBOUND.value
    text = org.admin.read(lambda c: c.execute(select(message.c.body_text).where(inbound)).scalar_one())
    assert text.startswith("Ini fotonya") and "[A video sent on Facebook: not downloaded]" in text
    downloads = [(path, auth) for method, path, _, auth in fake.requests if path.startswith("/cdn/")]
    assert len(downloads) == 2 and all(auth is None for _, auth in downloads)  # the token never left


def test_an_attachment_over_the_limit_or_not_https_is_refused(fake: FakeMeta) -> None:
    graph = MetaGraph(fake.access_token, fake.account_id, Platform.FACEBOOK, base_url=fake.base_url, max_media_bytes=10)
    big = fake.add_file(b"x" * 11, "image/png", "besar.png")
    with pytest.raises(BadInput, match="larger than"):
        graph.download(AttachmentRef("image", big))
    with pytest.raises(BadInput, match="not HTTPS"):
        graph.download(AttachmentRef("image", "http://198.51.100.7/cdn/foto.jpg"))
    assert graph.download(AttachmentRef("image", fake.add_file(b"kecil", "image/png", "k.png"))).content == b"kecil"


# -- answers -----------------------------------------------------------------------------------------------
def test_answers_go_out_split_at_2000_characters_and_a_closed_window_fails_visibly(
    org: Org, fake: FakeMeta, webhook: str
) -> None:
    post_webhook(webhook, fake.app_secret, fake.messages(fake.messaging_event(PSID, "Sampah menumpuk di pasar")))
    assert dispatch_round(org.admin, make_sender).sent == 1  # the acknowledgement
    ticket_id = org.admin.read(lambda c: c.execute(select(ticket.c.id)).scalar_one())
    long_answer = "\n".join(f"Baris {n}: petugas kebersihan dijadwalkan datang pekan ini." for n in range(90))
    answer(org, ticket_id, long_answer)

    assert dispatch_round(org.admin, make_sender).sent == 1
    parts = [s.text for s in fake.sent[1:]]
    assert len(parts) == 3 and "".join(parts) == long_answer
    assert all(len(p) <= MESSENGER_MAX_CHARS for p in parts)
    assert {json.dumps(s.recipient) for s in fake.sent} == {json.dumps({"id": PSID})}
    assert {s.messaging_type for s in fake.sent} == {"RESPONSE"}

    fake.last_inbound[PSID] = NOW - 25 * 3600  # the citizen last wrote yesterday
    answer(org, ticket_id, "Mohon maaf atas keterlambatan.")
    report = dispatch_round(org.admin, make_sender)
    assert (report.sent, report.failed, report.postponed) == (0, 1, 0)
    failed = [r for r in org.admin.read(outbox.outbox_rows) if r.state == "failed"]
    assert len(failed) == 1 and "24 hours" in (failed[0].last_error or "") and "2018278" in (failed[0].last_error or "")
    assert len(fake.sent) == 4


def test_the_send_apis_errors_become_domain_errors(fake: FakeMeta) -> None:
    graph = MetaGraph(fake.access_token, fake.account_id, Platform.FACEBOOK, base_url=fake.base_url)
    fake.last_inbound[PSID] = NOW
    for code in (4, 17, 32, 613):
        fake.rate_limit(code, retry_after="30")
        with pytest.raises(RateLimited) as limited:
            graph.send_parts(PSID, "halo")
        assert limited.value.retry_after == 30 and f"code {code}" in limited.value.message
    fake.rate_limit(613)
    with pytest.raises(RateLimited) as default:
        graph.send_parts(PSID, "halo")
    assert default.value.retry_after == 60 and isinstance(default.value, Unreachable)
    with pytest.raises(NotFound, match="cannot be reached"):
        graph.send_parts("123", "halo")  # never wrote to the Page
    fake.fail(GraphError(200, "(#200) Requires pages_messaging permission", status=403))
    with pytest.raises(NotPermitted, match="permission"):
        graph.send_parts(PSID, "halo")
    wrong_token = MetaGraph("EAAB-salah-TOKEN", fake.account_id, Platform.FACEBOOK, base_url=fake.base_url)
    with pytest.raises(NotPermitted, match="access token") as refused:
        wrong_token.send_parts(PSID, "halo")
    assert "EAAB-salah-TOKEN" not in refused.value.message
    assert isinstance(graph_error(400, {"error": {"code": 10, "error_subcode": 2018278}}), MessagingWindowClosed)
    assert isinstance(graph_error(400, {"error": {"code": 100, "message": "Invalid parameter"}}), BadInput)
    assert isinstance(
        graph_error(500, {"error": {"code": 2, "message": "Service temporarily unavailable"}}), Unreachable
    )
    assert [s.text for s in fake.sent] == []


# -- comments ----------------------------------------------------------------------------------------------
def test_comments_are_stored_once_flagged_and_never_made_tickets_by_themselves(
    org: Org, fake: FakeMeta, webhook: str
) -> None:
    plain_id, plain = fake.comment("5550001", "Budi Warga", "Kapan jalan di RT 5 diperbaiki?", at=1_780_000_000)
    nik_id, with_nik = fake.comment("5550002", "Siti Warga", f"NIK saya {NIK}, bansos belum cair", at=1_780_000_600)
    _, phone = fake.comment("5550003", "Dewi", "Hubungi saya di 0812-3456-7890", at=1_780_001_200)
    _, own = fake.comment(fake.account_id, "Pemkot", "Terima kasih atas masukannya")  # the Page answering
    removed = {"field": "feed", "value": {**plain["value"], "verb": "remove"}}
    notification = fake.changes(plain, with_nik, phone, own, removed)

    assert post_webhook(webhook, fake.app_secret, notification).status_code == 200
    assert post_webhook(webhook, fake.app_secret, notification).status_code == 200  # Meta repeats it

    assert count(org.admin, social_comment) == 3 and count(org.admin, ticket) == 0
    listed = commands.run_direct(commands.comment_list, org.admin, None, commands.CommentList())
    assert [(c.author_name, c.personal_data) for c in listed] == [
        ("Dewi", True),
        ("Siti Warga", True),
        ("Budi Warga", False),
    ]
    assert listed[1].comment_id == nik_id and listed[2].comment_id == plain_id
    assert listed[2].post_id == plain["value"]["post_id"] and listed[2].channel is Channel.FACEBOOK


def test_a_ticket_made_from_a_comment_once_is_answered_by_one_private_reply(
    org: Org, fake: FakeMeta, webhook: str
) -> None:
    comment_id, change = fake.comment("5550002", "Siti Warga", f"NIK saya {NIK}, bansos belum cair")
    post_webhook(webhook, fake.app_secret, fake.changes(change))
    [listed] = commands.run_direct(commands.comment_list, org.admin, None, commands.CommentList())

    made = commands.run_direct(commands.comment_ticket, org.admin, None, commands.CommentId(comment_id=listed.id))
    again = commands.run_direct(commands.comment_ticket, org.admin, None, commands.CommentId(comment_id=listed.id))
    assert (made.new_ticket, again.ticket_id, again.tracking_no, again.new_ticket) == (
        True,
        made.ticket_id,
        made.tracking_no,
        False,
    )
    assert count(org.admin, ticket) == 1 and inbound_count(org) == 1
    inbound = message.c.direction == Direction.INBOUND.value
    body = org.admin.read(lambda c: c.execute(select(message.c.body_text).where(inbound)).scalar_one())
    assert body == f"NIK saya {NIK}, bansos belum cair"
    assert commands.run_direct(commands.comment_list, org.admin, None, commands.CommentList()) == []
    assert dispatch_round(org.admin, make_sender).sent == 0  # no acknowledgement: it would use the private reply

    answer(org, made.ticket_id, "Mohon kirim data Anda lewat pesan ini, bukan di kolom komentar.")
    assert dispatch_round(org.admin, make_sender).sent == 1
    [reply] = fake.sent
    assert reply.recipient == {"comment_id": comment_id}  # private, never a public comment
    assert not [path for method, path, _, _ in fake.requests if path.endswith("/comments")]

    answer(org, made.ticket_id, "Apakah sudah dikirim?")
    report = dispatch_round(org.admin, make_sender)
    assert (report.sent, report.failed) == (0, 1) and len(fake.sent) == 1  # one private reply per comment


def test_comment_commands_are_refused_beyond_the_askers_role_and_units(org: Org, fake: FakeMeta, webhook: str) -> None:
    _, change = fake.comment("5550001", "Budi Warga", "Jalan rusak")
    post_webhook(webhook, fake.app_secret, fake.changes(change))
    [listed] = commands.run_direct(commands.comment_list, org.admin, None, commands.CommentList())
    ani, sari = actor_of(org.ani), actor_of(org.sari)  # an officer of humas; a supervisor of kanreg

    for cmd, request in (
        (commands.comment_list, commands.CommentList()),
        (commands.comment_ticket, commands.CommentId(comment_id=listed.id)),
    ):
        with pytest.raises(NotPermitted):
            commands.run_direct(cmd, org.ani, ani, request)  # type: ignore[arg-type]
    assert commands.run_direct(commands.comment_list, org.sari, sari, commands.CommentList()) == []
    with pytest.raises(NotFound, match=f"no comment {listed.id}"):
        commands.run_direct(commands.comment_ticket, org.sari, sari, commands.CommentId(comment_id=listed.id))
    with pytest.raises(NotFound):
        commands.run_direct(commands.comment_ticket, org.admin, None, commands.CommentId(comment_id=listed.id + 99))
    assert count(org.admin, ticket) == 0


def test_a_rate_limited_answer_is_postponed_not_failed(org: Org, fake: FakeMeta, webhook: str) -> None:
    post_webhook(webhook, fake.app_secret, fake.messages(fake.messaging_event(PSID, "Banjir di Jl. Melati")))
    fake.rate_limit(613, retry_after="120")
    report = dispatch_round(org.admin, make_sender)
    assert (report.sent, report.postponed, report.failed) == (0, 1, 0) and "613" in report.errors["FB Humas"]
    [row] = org.admin.read(outbox.outbox_rows)
    assert row.state == "queued" and fake.sent == []


def test_an_oversized_or_undeclared_body_is_refused_unread(org: Org, fake: FakeMeta, webhook: str) -> None:
    address = urlsplit(webhook)
    headers = {"Content-Type": "application/json", "X-Hub-Signature-256": "sha256=" + "0" * 64}
    with socket.create_connection((address.hostname or "127.0.0.1", address.port or 80), timeout=30) as conn:
        head = [f"POST {address.path} HTTP/1.1", f"Host: {address.netloc}", f"Content-Length: {MAX_WEBHOOK_BYTES + 1}"]
        head += [f"{name}: {value}" for name, value in headers.items()]
        conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode("ascii"))  # the body is never sent
        answer = http.client.HTTPResponse(conn)
        answer.begin()
        assert (answer.status, json.loads(answer.read())["code"]) == (413, "bad_input")
    body, signed_headers = signed(fake.app_secret, fake.messages(fake.messaging_event(PSID, "halo")))
    assert requests.post(webhook, data=iter([body]), headers=signed_headers, timeout=10).status_code == 411
    assert count(org.admin, message) == 0


# -- aduan channel test ------------------------------------------------------------------------------------
@pytest.mark.parametrize("platform", list(Platform))
def test_the_connection_test_names_the_account_and_sends_nothing(platform: Platform) -> None:
    fake = FakeMeta(platform=platform.value, now=lambda: NOW).start()
    try:
        id_key = "page_id" if platform is Platform.FACEBOOK else "ig_user_id"
        config = {
            id_key: fake.account_id,
            "base_url": fake.base_url,
            "app_secret_ref": "env",
            "verify_token_ref": "env",
        }
        account = Account(7, "humas", platform.channel, "FB Humas", config, "env", None)
        result = probe_account(account, secrets(fake))
        assert result.ok and dict(result.facts) == {
            "account": fake.name if platform is Platform.FACEBOOK else fake.username
        }
        assert fake.sent == [] and [m for m, *_ in fake.requests] == ["GET"]

        wrong = probe_account(account, {**secrets(fake), "ADUAN_SECRET_FB_HUMAS": "EAAB-salah-TOKEN"})
        assert (wrong.ok, wrong.problem) == (False, Problem.AUTH) and "EAAB-salah-TOKEN" not in wrong.message
        other = Account(7, "humas", platform.channel, "FB Humas", {**config, id_key: "999"}, "env", None)
        assert probe_account(other, secrets(fake)).problem is Problem.NOT_FOUND
        no_verify = {k: v for k, v in secrets(fake).items() if not k.endswith("VERIFY_TOKEN")}
        assert probe_account(account, no_verify).problem is Problem.SECRET
    finally:
        fake.stop()
