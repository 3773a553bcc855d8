"""The WhatsApp connector: webhook notifications parsed, checked and received (stored exactly once on every
engine; over real sockets through ``aduan server`` in tests/server/test_webhooks.py), and replies sent to a
real HTTP server shaped like the Cloud API."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from desktop.channels.whatsapp import (
    MAX_TEXT_CHARS,
    MaybeSent,
    MediaRef,
    RateLimited,
    ReplyWindowClosed,
    WebhookEndpoint,
    WhatsAppCloud,
    parse_webhook,
    parse_webhook_by_number,
    signature_of,
    verify_signature,
)
from desktop.domain.errors import BadInput, NotFound, NotPermitted, Unreachable
from desktop.domain.inbound import InboundMessage
from desktop.domain.vocabulary import Channel
from desktop.store import directory, intake
from desktop.store.schema import message, ticket
from desktop.store.service import Store
from desktop.store.work import begin
from tests.channels.fake_whatsapp import FakeWhatsApp, GraphError, RawAnswer, signed

CITIZEN = "6281234567890"
NAME = "Siti Rahayu"
SECRET = "app-secret-for-tests"
VERIFY = "verify-me-please"
WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="


@pytest.fixture
def fake() -> Iterator[FakeWhatsApp]:
    server = FakeWhatsApp(app_secret=SECRET).start()
    yield server
    server.stop()


@pytest.fixture
def cloud(fake: FakeWhatsApp) -> WhatsAppCloud:
    return WhatsAppCloud(fake.access_token, fake.phone_number_id, base_url=fake.base_url, timeout=5)


class Inbox:
    """A deliver callback that keeps what it got, and can be told to fail."""

    def __init__(self) -> None:
        self.got: list[list[InboundMessage]] = []
        self.failures = 0
        self.entered = threading.Event()

    def __call__(self, messages: list[InboundMessage]) -> None:
        self.entered.set()
        if self.failures:
            self.failures -= 1
            raise RuntimeError("the database is down")
        self.got.append(messages)


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def webhook(inbox: Inbox) -> WebhookEndpoint:
    return WebhookEndpoint(SECRET, VERIFY, inbox)


def one(kind: str, body: Any = None, **fields: Any) -> dict[str, Any]:
    """A notification with one message of ``kind`` from the citizen."""
    item: dict[str, Any] = {"from": CITIZEN, "id": WAMID, "timestamp": "1764300000", "type": kind, **fields}
    if body is not None:
        item[kind] = body
    return FakeWhatsApp().notification([item], contacts=[(CITIZEN, NAME)])


# -- parsing ------------------------------------------------------------------------------------------
def test_a_text_message_becomes_an_inbound_message() -> None:
    [got] = parse_webhook(one("text", {"body": "Jalan rusak di depan pasar\nSudah tiga bulan."}))

    assert got.channel is Channel.WHATSAPP
    assert got.external_id == WAMID
    assert got.sender_address == CITIZEN
    assert got.sender_name == NAME
    assert got.subject == "Jalan rusak di depan pasar"
    assert got.text == "Jalan rusak di depan pasar\nSudah tiga bulan."
    assert got.received_at == datetime(2025, 11, 28, 3, 20)
    assert got.received_at.tzinfo is None
    assert got.references == (f"wa:{CITIZEN}",)
    assert got.attachments == ()
    assert got.problems == ()
    assert not got.automatic


def test_messages_keep_their_order_and_are_grouped_by_receiving_number() -> None:
    builder = FakeWhatsApp()
    first = builder.notification(
        [
            {"from": CITIZEN, "id": "wamid.A", "timestamp": "1764300000", "type": "text", "text": {"body": "satu"}},
            {"from": "628999", "id": "wamid.B", "timestamp": "1764300001", "type": "text", "text": {"body": "dua"}},
        ],
        contacts=[(CITIZEN, NAME), ("628999", "Budi")],
    )
    other = FakeWhatsApp(phone_number_id="222222").notification(
        [{"from": CITIZEN, "id": "wamid.C", "timestamp": "1764300002", "type": "text", "text": {"body": "tiga"}}],
        contacts=[(CITIZEN, NAME)],
    )
    first["entry"].extend(other["entry"])

    messages = parse_webhook(first)
    grouped = parse_webhook_by_number(first)

    assert [(m.external_id, m.text, m.sender_name) for m in messages] == [
        ("wamid.A", "satu", NAME),
        ("wamid.B", "dua", "Budi"),
        ("wamid.C", "tiga", NAME),
    ]
    assert {number: [m.external_id for m in group] for number, group in grouped.items()} == {
        builder.phone_number_id: ["wamid.A", "wamid.B"],
        "222222": ["wamid.C"],
    }


def test_a_photo_without_a_fetcher_keeps_its_caption_and_names_its_media_id() -> None:
    photo = {"caption": "Sampah menumpuk", "mime_type": "image/jpeg", "sha256": "abc=", "id": "1003383421387256"}

    [got] = parse_webhook(one("image", photo))

    assert got.subject == "Sampah menumpuk"
    assert got.text == (
        "Sampah menumpuk\n\n[Photo sent on WhatsApp (WhatsApp media id 1003383421387256, image/jpeg): not downloaded]"
    )
    assert got.problems == ("photo not fetched from WhatsApp",)
    assert got.attachments == ()


@pytest.mark.parametrize(
    ("kind", "body", "described", "subject"),
    [
        (
            "document",
            {"filename": "surat.pdf", "mime_type": "application/pdf", "id": "77"},
            "Document 'surat.pdf'",
            "(document 'surat.pdf' via WhatsApp)",
        ),
        ("audio", {"mime_type": "audio/ogg; codecs=opus", "id": "78", "voice": True}, "Voice message", None),
        ("audio", {"mime_type": "audio/mpeg", "id": "79"}, "Audio recording", None),
        ("video", {"mime_type": "video/mp4", "id": "80"}, "Video", None),
        ("sticker", {"mime_type": "image/webp", "id": "81", "animated": False}, "Sticker", None),
    ],
)
def test_every_media_type_is_named_with_its_media_id(
    kind: str, body: dict[str, Any], described: str, subject: str | None
) -> None:
    [got] = parse_webhook(one(kind, body))

    assert (
        got.text
        == f"[{described} sent on WhatsApp (WhatsApp media id {body['id']}, {body['mime_type']}): not downloaded]"
    )
    assert got.subject == (subject or f"({described.lower()} via WhatsApp)")
    assert got.problems == (f"{described[0].lower()}{described[1:]} not fetched from WhatsApp",)


@pytest.mark.parametrize(
    ("kind", "body", "extra", "expected"),
    [
        (
            "location",
            {"latitude": -6.2, "longitude": 106.8, "name": "Pasar Senen", "address": "Jl. Pasar Senen"},
            {},
            ["Location shared on WhatsApp: Pasar Senen, Jl. Pasar Senen", "Coordinates: -6.2, 106.8", "mlat=-6.2"],
        ),
        (
            "contacts",
            None,
            {
                "contacts": [
                    {
                        "name": {"formatted_name": "Pak RT", "first_name": "Pak"},
                        "phones": [{"phone": "+62 811 111", "wa_id": "62811111", "type": "CELL"}],
                        "emails": [{"email": "rt@example.org"}],
                    }
                ]
            },
            ["Contact card shared on WhatsApp:", "- Pak RT, +62 811 111, rt@example.org"],
        ),
        (
            "interactive",
            {"type": "button_reply", "button_reply": {"id": "yes", "title": "Ya, sudah selesai"}},
            {},
            ["Chose on WhatsApp: Ya, sudah selesai"],
        ),
        (
            "interactive",
            {"type": "list_reply", "list_reply": {"id": "2", "title": "Jalan", "description": "Kerusakan jalan"}},
            {},
            ["Chose on WhatsApp: Jalan — Kerusakan jalan"],
        ),
        (
            "interactive",
            {"type": "nfm_reply", "nfm_reply": {"name": "flow", "body": "Sent", "response_json": '{"rating": 5}'}},
            {},
            ['Form answered on WhatsApp: {"rating": 5}'],
        ),
        ("button", {"payload": "STOP", "text": "Berhenti"}, {}, ["Pressed a button on WhatsApp: Berhenti"]),
        (
            "order",
            {"catalog_id": "cat1", "text": "tolong", "product_items": [{"product_retailer_id": "p1", "quantity": 2}]},
            {},
            ["Order sent on WhatsApp (1 item(s) from catalogue cat1)", "tolong", "- p1 × 2"],
        ),
    ],
)
def test_locations_contact_cards_and_choices_are_written_out(
    kind: str, body: Any, extra: dict[str, Any], expected: list[str]
) -> None:
    [got] = parse_webhook(one(kind, body, **extra))

    for line in expected:
        assert line in got.text
    assert got.subject == got.text.splitlines()[0][:80]
    assert got.problems == ()


def test_a_reaction_and_a_quoted_reply_thread_to_the_message_they_point_at() -> None:
    [reaction] = parse_webhook(one("reaction", {"message_id": "wamid.OURS", "emoji": "👍"}))
    [removed] = parse_webhook(one("reaction", {"message_id": "wamid.OURS"}))
    [reply] = parse_webhook(one("text", {"body": "sudah?"}, context={"from": "15550783881", "id": "wamid.OURS"}))

    assert reaction.text == "Reacted 👍 to an earlier message"
    assert removed.text == "Removed a reaction from an earlier message"
    assert reaction.references == removed.references == reply.references == (f"wa:{CITIZEN}", "wamid.OURS")


def test_statuses_and_other_webhook_fields_produce_nothing() -> None:
    builder = FakeWhatsApp()
    statuses = builder.status_notification("wamid.OUT", CITIZEN, "read")
    template_update = {
        "object": "whatsapp_business_account",
        "entry": [
            {"id": "1", "changes": [{"field": "message_template_status_update", "value": {"event": "APPROVED"}}]}
        ],
    }
    account_errors = builder.notification([])
    account_errors["entry"][0]["changes"][0]["value"]["errors"] = [{"code": 131000, "title": "Something went wrong"}]

    assert parse_webhook(statuses) == []
    assert parse_webhook(template_update) == []
    assert parse_webhook(account_errors) == []
    assert parse_webhook({"object": "whatsapp_business_account", "entry": []}) == []


def test_unsupported_and_unknown_types_become_placeholders_not_errors() -> None:
    unsupported = one(
        "unsupported",
        errors=[
            {
                "code": 131051,
                "title": "Message type unknown",
                "message": "Message type unknown",
                "error_data": {"details": "Message type is currently not supported."},
            }
        ],
    )
    [got] = parse_webhook(unsupported)
    [future] = parse_webhook(one("hologram", {"id": "1"}))
    broken = one("text")
    broken["entry"][0]["changes"][0]["value"]["messages"][0].pop("type")
    [no_type] = parse_webhook(broken)

    assert got.text == (
        "[A WhatsApp message of unsupported type that Aduan cannot show (Message type is currently not supported.): "
        "ask the citizen to send it again as text or a photo]"
    )
    assert got.subject == "(unsupported message via WhatsApp)"
    assert got.problems == (
        "a WhatsApp message of unsupported type was not read (Message type is currently not supported.)",
    )
    assert "of 'hologram' type that Aduan cannot show" in future.text
    assert future.problems == ("a WhatsApp message of 'hologram' type was not read",)
    assert "of 'unknown' type" in no_type.text


def test_an_interactive_reply_of_an_unknown_kind_is_a_placeholder() -> None:
    [got] = parse_webhook(one("interactive", {"type": "call_permission_reply", "call_permission_reply": {}}))

    assert got.text == "[An interactive WhatsApp reply (call_permission_reply) that Aduan cannot show]"
    assert got.subject == "(interactive via WhatsApp)"
    assert got.problems == ("a WhatsApp interactive reply of type 'call_permission_reply' was not read",)


def test_a_text_message_without_a_body_is_kept_empty() -> None:
    [got] = parse_webhook(one("text", {}))

    assert (got.text, got.subject) == ("", "(no text)")


def test_a_welcome_request_is_not_a_message() -> None:
    assert parse_webhook(one("request_welcome")) == []


def test_a_system_notice_is_automatic() -> None:
    [got] = parse_webhook(
        one("system", {"body": "Siti changed from 6281 to 6282", "new_wa_id": "6282", "type": "user_changed_number"})
    )

    assert got.text == "WhatsApp notice: Siti changed from 6281 to 6282"
    assert got.automatic


@pytest.mark.parametrize(
    ("payload", "match"),
    [
        ([], "is a JSON object"),
        ("hello", "is a JSON object"),
        ({"entry": []}, "'object' is None"),
        ({"object": "page", "entry": []}, "'object' is 'page'"),
        ({"object": "whatsapp_business_account"}, r"entry is not a list"),
        ({"object": "whatsapp_business_account", "entry": {}}, r"entry is not a list"),
        ({"object": "whatsapp_business_account", "entry": [1]}, r"entry holds something that is not an object"),
        ({"object": "whatsapp_business_account", "entry": [{}]}, r"entry\[\].changes is not a list"),
        ({"object": "whatsapp_business_account", "entry": [{"changes": [{"field": "messages"}]}]}, "no 'value'"),
        (
            {"object": "whatsapp_business_account", "entry": [{"changes": [{"value": {"messages": {}}}]}]},
            "value.messages is not a list",
        ),
        (
            {
                "object": "whatsapp_business_account",
                "entry": [{"changes": [{"value": {"messages": [{"type": "text"}]}}]}],
            },
            r"has no id \(wamid\)",
        ),
        (
            {"object": "whatsapp_business_account", "entry": [{"changes": [{"value": {"messages": [{"id": 7}]}}]}]},
            r"has no id \(wamid\)",
        ),
        (
            {
                "object": "whatsapp_business_account",
                "entry": [{"changes": [{"value": {"messages": [{"id": "w" * 256}]}}]}],
            },
            "longer than 255",
        ),
    ],
)
def test_malformed_notifications_are_bad_input(payload: Any, match: str) -> None:
    with pytest.raises(BadInput, match=match):
        parse_webhook(payload)


def test_a_missing_timestamp_or_sender_is_noted_not_fatal() -> None:
    payload = one("text", {"body": "halo"})
    item = payload["entry"][0]["changes"][0]["value"]["messages"][0]
    del item["timestamp"], item["from"]
    payload["entry"][0]["changes"][0]["value"]["contacts"].append({"profile": {"name": "Other"}, "wa_id": "62999"})

    [got] = parse_webhook(payload)

    assert got.received_at is None
    assert got.sender_address is None
    assert got.references == ()
    assert got.problems == (
        "the WhatsApp message does not say who sent it",
        "the WhatsApp message has no readable timestamp; the time it was stored is used",
    )


def test_the_contact_stands_in_for_a_missing_from_and_a_username_user_keeps_their_id() -> None:
    payload = one("text", {"body": "halo"})
    del payload["entry"][0]["changes"][0]["value"]["messages"][0]["from"]
    [from_contact] = parse_webhook(payload)
    bsuid = one("text", {"body": "halo"}, from_user_id="ID.13491208655302741918")
    del bsuid["entry"][0]["changes"][0]["value"]["messages"][0]["from"]
    bsuid["entry"][0]["changes"][0]["value"]["contacts"] = [
        {"profile": {"name": NAME, "username": "siti"}, "user_id": "ID.13491208655302741918"}
    ]
    [by_user_id] = parse_webhook(bsuid)

    assert (from_contact.sender_address, from_contact.sender_name) == (CITIZEN, NAME)
    assert (by_user_id.sender_address, by_user_id.sender_name) == ("ID.13491208655302741918", NAME)
    assert by_user_id.problems == ("the sender's phone number was not given (only a WhatsApp user id)",)


def test_a_number_written_with_plus_and_spaces_is_the_same_sender() -> None:
    [plain] = parse_webhook(one("text", {"body": "a"}))
    [formatted] = parse_webhook(one("text", {"body": "b"}, **{"from": "+62 812-3456-7890"}))

    assert formatted.sender_address == plain.sender_address == CITIZEN
    assert formatted.references == plain.references
    assert formatted.sender_name == NAME


def test_text_that_cannot_be_stored_as_utf8_is_repaired() -> None:
    [got] = parse_webhook(one("text", {"body": "rusak \ud800 parah"}))

    assert got.text == "rusak \ufffd parah"
    got.text.encode("utf-8")
    assert got.problems == ("characters that are not valid text were replaced",)


def test_indonesian_and_other_unicode_text_arrives_intact() -> None:
    text = "Mohon ditindaklanjuti — pelayanan KTP-el 😡 “Terima kasih” ✓ ñ 漢字"
    body, _ = signed(SECRET, one("text", {"body": text}))

    [got] = parse_webhook(json.loads(body))

    assert b"\\ud83d\\ude21" in body  # Meta escapes non-ASCII, and the signature covers the escaped bytes
    assert got.text == text


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=25,
)
_KINDS = ["text", "image", "document", "audio", "location", "contacts", "interactive", "button", "reaction", "order"]
_message = st.fixed_dictionaries(
    {"id": st.one_of(st.text(min_size=1, max_size=80), _json), "type": st.sampled_from([*_KINDS, "system", "x"])},
    optional={
        "from": st.one_of(st.text(max_size=20), st.integers(), _json),
        "timestamp": st.one_of(st.text(max_size=12), st.integers(), _json),
        "context": st.one_of(st.fixed_dictionaries({"id": _json}), _json),
        "errors": _json,
        "contacts": _json,
        "from_user_id": _json,
        **{
            kind: st.one_of(
                st.dictionaries(
                    st.sampled_from(
                        [
                            "body",
                            "id",
                            "caption",
                            "filename",
                            "mime_type",
                            "emoji",
                            "message_id",
                            "type",
                            "button_reply",
                            "title",
                            "latitude",
                            "longitude",
                            "product_items",
                            "voice",
                            "name",
                        ]
                    ),
                    _json,
                    max_size=5,
                ),
                _json,
            )
            for kind in _KINDS
        },
    },
)
_near_valid = st.builds(
    lambda messages, contacts, metadata: {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "1",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": metadata,
                            "contacts": contacts,
                            "messages": messages,
                        },
                    }
                ],
            }
        ],
    },
    st.lists(_message, max_size=3),
    _json,
    _json,
)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_json, _near_valid))
def test_any_json_is_a_list_of_messages_or_bad_input(payload: Any) -> None:
    try:
        messages = parse_webhook(payload)
    except BadInput as exc:
        assert exc.message
        return
    for got in messages:
        assert isinstance(got, InboundMessage)
        assert isinstance(got.external_id, str) and 0 < len(got.external_id) <= 255
        assert isinstance(got.text, str) and isinstance(got.subject, str)
        for part in (got.text, got.subject, got.external_id, got.sender_address or "", got.sender_name or ""):
            part.encode("utf-8")
        assert all(0 < len(reference) <= 320 and reference.encode("utf-8") for reference in got.references)


# -- signature ----------------------------------------------------------------------------------------
def test_the_signature_is_the_hmac_of_the_raw_body() -> None:
    body, headers = signed(SECRET, one("text", {"body": "halo"}))
    header = headers["X-Hub-Signature-256"]

    assert header == signature_of(SECRET, body)
    assert verify_signature(SECRET, body, header)
    assert verify_signature(SECRET, body, header.upper().replace("SHA256=", "sha256="))  # hex case does not matter
    assert not verify_signature(SECRET, body + b" ", header)  # tampered body
    assert not verify_signature(SECRET, body.replace(b"halo", b"hal0"), header)
    assert not verify_signature("another-secret", body, header)
    assert not verify_signature(SECRET, body, None)
    assert not verify_signature(SECRET, body, "")
    assert not verify_signature(SECRET, body, header.replace("sha256=", "sha1="))
    assert not verify_signature(SECRET, body, header[len("sha256=") :])
    assert not verify_signature(SECRET, body, "sha256=ü" + header[8:])
    assert not verify_signature("", body, signature_of("", body))


# -- the webhook endpoint (served by ``aduan server``: tests/server/test_webhooks.py) ---------------------
def notify(endpoint: WebhookEndpoint, payload: Any, secret: str = SECRET) -> tuple[int, str]:
    """Hand the endpoint a notification signed the way Meta signs it."""
    body, headers = signed(secret, payload)
    return endpoint.notification(body, headers["X-Hub-Signature-256"])


def test_the_verification_handshake_echoes_the_challenge_only_for_the_right_token(webhook: WebhookEndpoint) -> None:
    good = webhook.verification("subscribe", VERIFY, "1158201444")
    wrong_token = webhook.verification("subscribe", "guess", "1158201444")
    almost = webhook.verification("subscribe", VERIFY + "x", "1158201444")
    wrong_mode = webhook.verification("unsubscribe", VERIFY, "1158201444")
    no_challenge = webhook.verification("subscribe", VERIFY, "")

    assert good == (200, "1158201444")
    assert [status for status, _ in (wrong_token, almost, wrong_mode, no_challenge)] == [403, 403, 403, 403]
    assert "1158201444" not in wrong_token[1]


def test_a_signed_notification_is_delivered_then_answered_200(
    webhook: WebhookEndpoint, inbox: Inbox, fake: FakeWhatsApp
) -> None:
    payload = fake.inbound_text(CITIZEN, NAME, "Lampu jalan mati")

    assert notify(webhook, payload) == (200, "EVENT_RECEIVED")
    assert inbox.got == [parse_webhook(payload)]
    assert inbox.got[0][0].text == "Lampu jalan mati"


def test_a_delivery_failure_answers_500_and_the_redelivery_is_accepted(
    webhook: WebhookEndpoint, inbox: Inbox, fake: FakeWhatsApp
) -> None:
    payload = fake.inbound_text(CITIZEN, NAME, "Sampah belum diangkut")
    inbox.failures = 1

    failed, _ = notify(webhook, payload)
    again, _ = notify(webhook, payload)

    assert (failed, again) == (500, 200)
    assert [[m.external_id for m in batch] for batch in inbox.got] == [[payload_wamid(payload)]]


def payload_wamid(payload: dict[str, Any]) -> str:
    return str(payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"])


def test_unsigned_wrongly_signed_and_tampered_notifications_are_refused(
    webhook: WebhookEndpoint, inbox: Inbox, fake: FakeWhatsApp
) -> None:
    body, headers = signed(SECRET, fake.inbound_text(CITIZEN, NAME, "halo"))
    signature = headers["X-Hub-Signature-256"]

    answers = [
        webhook.notification(body, None),
        webhook.notification(body, signature_of("not-the-secret", body)),
        webhook.notification(body.replace(b"halo", b"HALO"), signature),
        webhook.notification(body + b" ", signature),
    ]

    assert [status for status, _ in answers] == [401, 403, 403, 403]
    assert inbox.got == [] and not inbox.entered.is_set()
    assert webhook.notification(body, signature)[0] == 200  # the same bytes, rightly signed, are taken


def test_unreadable_bodies_are_400_and_statuses_200_without_delivery(
    webhook: WebhookEndpoint, inbox: Inbox, fake: FakeWhatsApp
) -> None:
    def post_raw(body: bytes) -> int:
        return webhook.notification(body, signature_of(SECRET, body))[0]

    assert post_raw(b"not json {") == 400
    assert post_raw(b"\xff\xfe\x00garbage") == 400
    assert post_raw(b"[" * 100_000) == 400
    assert post_raw(b'{"object": "page", "entry": []}') == 400
    assert notify(webhook, fake.status_notification("wamid.OUT", CITIZEN))[0] == 200
    assert inbox.got == [] and not inbox.entered.is_set()


def test_deliver_by_number_gets_the_messages_grouped(fake: FakeWhatsApp) -> None:
    got: list[dict[str, list[InboundMessage]]] = []
    endpoint = WebhookEndpoint(SECRET, VERIFY, deliver_by_number=got.append)

    assert notify(endpoint, fake.inbound_text(CITIZEN, NAME, "halo"))[0] == 200
    assert [{number: [m.text for m in group] for number, group in batch.items()} for batch in got] == [
        {fake.phone_number_id: ["halo"]}
    ]


def test_the_endpoint_needs_secrets_and_exactly_one_deliver(inbox: Inbox) -> None:
    with pytest.raises(BadInput, match="app secret"):
        WebhookEndpoint("", VERIFY, inbox)
    with pytest.raises(BadInput, match="verify token"):
        WebhookEndpoint(SECRET, "", inbox)
    with pytest.raises(BadInput, match="exactly one"):
        WebhookEndpoint(SECRET, VERIFY)
    with pytest.raises(BadInput, match="exactly one"):
        WebhookEndpoint(SECRET, VERIFY, inbox, deliver_by_number=lambda grouped: None)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300),
        _json.map(lambda value: json.dumps(value).encode()),
        _near_valid.map(lambda value: json.dumps(value).encode()),
    )
)
def test_any_signed_body_is_answered_200_or_400_never_500(body: bytes) -> None:
    delivered: list[list[InboundMessage]] = []
    endpoint = WebhookEndpoint(SECRET, VERIFY, delivered.append)

    status, text = endpoint.notification(body, signature_of(SECRET, body))

    assert status in (200, 400), text
    assert status == 200 or delivered == []


# -- stored exactly once, on every engine --------------------------------------------------------------
@pytest.fixture
def store(migrated_url: str) -> Iterator[Store]:
    admin = Store(migrated_url)
    admin.admin(directory.add_unit, "humas", "Biro Humas")
    yield admin
    admin.dispose()


def count(store: Store, table: Any) -> int:
    return int(store.read(lambda conn: conn.execute(select(func.count()).select_from(table)).scalar_one()))


def test_redelivered_notifications_are_stored_once_and_the_reply_goes_back(
    store: Store, fake: FakeWhatsApp, cloud: WhatsAppCloud
) -> None:
    failures = [1]

    def deliver(messages: list[InboundMessage]) -> None:
        def receive(conn: Connection) -> None:
            for inbound in messages:
                intake.receive(begin(conn, None), inbound, "humas")
            if failures[0]:  # stored, then the worker dies before answering: the transaction is lost
                failures[0] -= 1
                raise RuntimeError("crash before commit")

        store.admin(receive)

    endpoint = WebhookEndpoint(SECRET, VERIFY, deliver)
    first = fake.inbound_text(CITIZEN, NAME, "Lampu PJU di Jl. Melati mati sejak Senin")
    answers = [notify(endpoint, first)[0] for _ in range(3)]
    follow_up = fake.inbound_text(CITIZEN, NAME, "Tambahan: tiga lampu")
    answers.append(notify(endpoint, follow_up)[0])
    answers.append(notify(endpoint, follow_up)[0])

    assert answers == [500, 200, 200, 200, 200]
    assert count(store, ticket) == 1 and count(store, message) == 2
    [inbound] = parse_webhook(follow_up)
    sent = cloud.send(inbound.sender_address or "", "Laporan Anda sedang kami proses.", reply_to=inbound.external_id)
    assert [(s.to, s.wamid, s.reply_to) for s in fake.sent] == [(CITIZEN, sent, inbound.external_id)]


# -- media --------------------------------------------------------------------------------------------
def test_a_photo_is_downloaded_as_an_attachment(fake: FakeWhatsApp, cloud: WhatsAppCloud) -> None:
    jpeg = b"\xff\xd8\xff\xe0" + b"photo" * 100
    media_id = fake.add_media(jpeg, "image/jpeg")

    [got] = parse_webhook(
        one("image", {"caption": "Banjir", "mime_type": "image/jpeg", "id": media_id}), cloud.download_media
    )

    assert (got.text, got.subject, got.problems) == ("Banjir", "Banjir", ())
    [attachment] = got.attachments
    assert attachment.content == jpeg
    assert attachment.content_type == "image/jpeg"
    assert attachment.filename == f"whatsapp-image-{media_id}.jpg"
    assert not attachment.risky
    download = [path for method, path, _ in fake.requests if path.startswith("/download/")]
    assert download == [f"/download/{media_id}"]


def test_a_document_keeps_a_safe_name_and_an_executable_is_risky(fake: FakeWhatsApp, cloud: WhatsAppCloud) -> None:
    pdf = fake.add_media(b"%PDF-1.7 surat", "application/pdf")
    exe = fake.add_media(b"MZ\x90\x00 program", "application/octet-stream")

    letter = cloud.download_media(MediaRef("document", pdf, filename="../../etc/surat\x00 keluhan.pdf"))
    program = cloud.download_media(MediaRef("document", exe, filename="foto.jpg"))

    assert (letter.filename, letter.content, letter.risky) == ("surat keluhan.pdf", b"%PDF-1.7 surat", False)
    assert program.risky


def test_media_that_is_gone_or_too_large_stays_a_placeholder(fake: FakeWhatsApp) -> None:
    cloud = WhatsAppCloud(fake.access_token, fake.phone_number_id, base_url=fake.base_url, max_media_bytes=100)
    big = fake.add_media(b"x" * 101, "video/mp4")
    payload = FakeWhatsApp().notification(
        [
            {"from": CITIZEN, "id": "wamid.1", "timestamp": "1", "type": "video", "video": {"id": big}},
            {"from": CITIZEN, "id": "wamid.2", "timestamp": "1", "type": "image", "image": {"id": "404404"}},
        ]
    )

    too_large, gone = parse_webhook(payload, cloud.download_media)

    assert too_large.attachments == gone.attachments == ()
    assert f"WhatsApp media id {big}" in too_large.text
    assert too_large.problems == (
        "video not fetched from WhatsApp: the video is 101 bytes, larger than the 100 bytes limit",
    )
    assert gone.problems[0].startswith("photo not fetched from WhatsApp: WhatsApp refused the photo's address")
    assert "WhatsApp no longer has it" in gone.problems[0]
    assert "WhatsApp media id 404404" in gone.text
    with pytest.raises(NotFound):
        cloud.download_media(MediaRef("image", "404404"))
    with pytest.raises(BadInput, match="larger than"):
        cloud.download_media(MediaRef("video", big))


def test_a_download_that_grows_past_the_limit_is_cut_off(fake: FakeWhatsApp) -> None:
    cloud = WhatsAppCloud(fake.access_token, fake.phone_number_id, base_url=fake.base_url, max_media_bytes=100)
    media_id = fake.add_media(b"x" * 200_000, "image/png")
    fake.media[media_id].declared_size = 50  # the size given first is within the limit, the body is not

    with pytest.raises(BadInput, match="larger than"):
        cloud.download_media(MediaRef("image", media_id))


def test_media_is_fetched_again_when_the_api_was_unreachable(fake: FakeWhatsApp, cloud: WhatsAppCloud) -> None:
    inbox = Inbox()
    media_id = fake.add_media(b"\x89PNG....", "image/png")
    payload = one("image", {"mime_type": "image/png", "id": media_id})
    endpoint = WebhookEndpoint(SECRET, VERIFY, inbox, media=cloud.download_media)
    fake.fail(RawAnswer(503, b"<html>Service Unavailable</html>", "text/html"))
    unavailable, _ = notify(endpoint, payload)
    again, _ = notify(endpoint, payload)

    assert (unavailable, again) == (503, 200)
    [[got]] = inbox.got
    assert [a.content for a in got.attachments] == [b"\x89PNG...."]


def test_the_token_is_not_sent_to_a_foreign_plain_http_download_address(fake: FakeWhatsApp) -> None:
    cloud = WhatsAppCloud(
        fake.access_token, fake.phone_number_id, base_url=f"http://localhost:{fake.base_url.rsplit(':', 1)[1]}"
    )
    media_id = fake.add_media(b"data", "image/png")

    with pytest.raises(BadInput, match="not HTTPS"):
        cloud.download_media(MediaRef("image", media_id))

    assert not any(path.startswith("/download/") for _, path, _ in fake.requests)


# -- sending ------------------------------------------------------------------------------------------
def test_send_posts_the_documented_request_and_returns_the_wamid(fake: FakeWhatsApp, cloud: WhatsAppCloud) -> None:
    fake.register_inbound(CITIZEN)

    wamid = cloud.send(CITIZEN, "Laporan Anda sedang kami proses.", reply_to=WAMID)
    plain = cloud.send("+" + CITIZEN, "Terima kasih.")

    method, path, body = fake.requests[0]
    assert (method, path) == ("POST", f"/v21.0/{fake.phone_number_id}/messages")
    assert body == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": CITIZEN,
        "type": "text",
        "text": {"body": "Laporan Anda sedang kami proses.", "preview_url": False},
        "context": {"message_id": WAMID},
    }
    assert "context" not in fake.requests[1][2]
    assert [(s.wamid, s.reply_to) for s in fake.sent] == [(wamid, WAMID), (plain, None)]
    assert wamid.startswith("wamid.") and wamid != plain
    assert fake.access_token not in path


def test_a_long_text_is_sent_as_several_messages_in_order(fake: FakeWhatsApp, cloud: WhatsAppCloud) -> None:
    fake.register_inbound(CITIZEN)
    text = "\n".join(f"Paragraf {n}: " + "kata " * 150 for n in range(20))

    ids = cloud.send_parts(CITIZEN, text, reply_to=WAMID)

    assert len(ids) == len(fake.sent) > 1
    assert "".join(s.text for s in fake.sent) == text
    assert [s.wamid for s in fake.sent] == list(ids)
    assert all(len(s.text) <= MAX_TEXT_CHARS for s in fake.sent)
    assert [s.reply_to for s in fake.sent] == [WAMID] + [None] * (len(ids) - 1)


def test_an_empty_text_or_recipient_is_refused_before_sending(fake: FakeWhatsApp, cloud: WhatsAppCloud) -> None:
    with pytest.raises(BadInput, match="text"):
        cloud.send(CITIZEN, "  \n")
    with pytest.raises(BadInput, match="number"):
        cloud.send(" ", "halo")
    assert fake.requests == []


def test_a_reply_after_24_hours_is_refused_with_advice_for_the_officer(
    fake: FakeWhatsApp, cloud: WhatsAppCloud
) -> None:
    fake.register_inbound(CITIZEN, at=time.time() - 25 * 3600)

    with pytest.raises(ReplyWindowClosed) as closed:
        cloud.send(CITIZEN, "Maaf baru kami balas.")
    fake.register_inbound(CITIZEN)  # the citizen writes again: the window reopens
    cloud.send(CITIZEN, "Maaf baru kami balas.")

    assert isinstance(closed.value, NotPermitted)
    assert "131047" in closed.value.message
    assert "24 hours" in closed.value.message and "another channel" in closed.value.message
    assert "template" in closed.value.message
    assert [s.text for s in fake.sent] == ["Maaf baru kami balas."]


@pytest.mark.parametrize(("code", "retry_after"), [(4, 60), (80007, 60), (130429, 5), (131048, 3600), (131056, 6)])
def test_rate_limits_raise_rate_limited_with_retry_after(
    fake: FakeWhatsApp, cloud: WhatsAppCloud, code: int, retry_after: int
) -> None:
    fake.register_inbound(CITIZEN)
    fake.rate_limit(code)

    with pytest.raises(RateLimited) as limited:
        cloud.send(CITIZEN, "halo")
    cloud.send(CITIZEN, "halo")

    assert limited.value.retry_after == retry_after
    assert isinstance(limited.value, Unreachable) and not isinstance(limited.value, MaybeSent)
    assert f"code {code}" in limited.value.message
    assert [s.text for s in fake.sent] == ["halo"]


def test_http_429_and_retry_after_are_honoured(fake: FakeWhatsApp, cloud: WhatsAppCloud) -> None:
    fake.register_inbound(CITIZEN)
    fake.fail(RawAnswer(429, b"Too Many Requests", "text/plain"))
    fake.rate_limit(130429, status=429)

    with pytest.raises(RateLimited) as bare:
        cloud.send(CITIZEN, "halo")
    with pytest.raises(RateLimited) as graph:
        cloud.send(CITIZEN, "halo")

    assert (bare.value.retry_after, graph.value.retry_after) == (60, 5)


def test_a_retry_after_header_wins_over_the_default(fake: FakeWhatsApp, cloud: WhatsAppCloud) -> None:
    fake.fail(GraphError(130429, "(#130429) Rate limit hit", headers={"Retry-After": "42"}))

    with pytest.raises(RateLimited) as limited:
        cloud.send(CITIZEN, "halo")

    assert limited.value.retry_after == 42


@pytest.mark.parametrize(
    ("failure", "expected", "says"),
    [
        (
            GraphError(10, "(#10) Application does not have permission for this action", status=403),
            NotPermitted,
            "whatsapp_business_messaging",
        ),
        (GraphError(200, "(#200) Permissions error", status=403), NotPermitted, "permission"),
        (GraphError(368, "(#368) Temporarily blocked for policies violations"), NotPermitted, "WhatsApp Manager"),
        (GraphError(131031, "(#131031) Business Account locked"), NotPermitted, "cannot send"),
        (GraphError(131042, "(#131042) Business eligibility payment issue"), NotPermitted, "cannot send"),
        (GraphError(130403, "(#130403) Recipient blocked"), NotPermitted, "unblock"),
        (GraphError(131030, "(#131030) Recipient phone number not in allowed list"), NotPermitted, "test number"),
        (GraphError(131009, "(#131009) Parameter value is not valid", "Invalid to."), BadInput, "Invalid to."),
        (GraphError(100, "(#100) Invalid parameter"), BadInput, "Invalid parameter"),
        (GraphError(131000, "(#131000) Something went wrong", status=500), Unreachable, "Something went wrong"),
        (GraphError(131016, "(#131016) Service unavailable", status=503), Unreachable, "Service unavailable"),
        (GraphError(2, "(#2) Service temporarily unavailable"), Unreachable, "temporarily"),
        (GraphError(131057, "(#131057) Account in maintenance mode"), Unreachable, "maintenance"),
        (GraphError(999999, "(#999999) Something new", status=400), BadInput, "Something new"),
        (GraphError(999999, "(#999999) Something new", status=502), Unreachable, "Something new"),
        (RawAnswer(502, b"<html>Bad Gateway</html>", "text/html"), Unreachable, "HTTP 502"),
        (RawAnswer(404, b"{}", "application/json"), BadInput, "HTTP 404"),
    ],
)
def test_graph_errors_map_to_domain_errors(
    fake: FakeWhatsApp, cloud: WhatsAppCloud, failure: GraphError | RawAnswer, expected: type[Exception], says: str
) -> None:
    fake.register_inbound(CITIZEN)
    fake.fail(failure)

    with pytest.raises(expected) as refused:
        cloud.send(CITIZEN, "halo")

    assert says in str(refused.value)
    assert type(refused.value) is expected
    assert fake.sent == []


def test_an_unknown_recipient_or_business_number_is_not_found(fake: FakeWhatsApp, cloud: WhatsAppCloud) -> None:
    wrong_number = WhatsAppCloud(fake.access_token, "999", base_url=fake.base_url)
    fake.register_inbound(CITIZEN)

    with pytest.raises(NotFound, match="131026.*cannot receive WhatsApp messages") as not_on_whatsapp:
        cloud.send("628000000000", "halo")
    with pytest.raises(NotFound, match="phone number id"):
        wrong_number.send(CITIZEN, "halo")
    with pytest.raises(BadInput, match="131021"):
        cloud.send(fake.display_phone_number, "halo")

    assert "another channel" in not_on_whatsapp.value.message


def test_a_wrong_token_is_not_permitted_and_the_token_never_shows(fake: FakeWhatsApp) -> None:
    cloud = WhatsAppCloud("EAAG-WRONG-secret-token", fake.phone_number_id, base_url=fake.base_url)
    fake.register_inbound(CITIZEN)

    with pytest.raises(NotPermitted) as refused:
        cloud.send(CITIZEN, "halo")

    assert "190" in refused.value.message and "token" in refused.value.message
    assert "EAAG-WRONG-secret-token" not in str(refused.value)


def test_an_api_that_echoes_the_token_is_redacted(fake: FakeWhatsApp, cloud: WhatsAppCloud) -> None:
    fake.fail(GraphError(100, f"(#100) Invalid parameter near {fake.access_token}"))

    with pytest.raises(BadInput) as refused:
        cloud.send(CITIZEN, "halo")

    assert fake.access_token not in str(refused.value)
    assert "<token>" in refused.value.message


def test_an_accepted_message_without_an_id_may_have_been_sent(fake: FakeWhatsApp, cloud: WhatsAppCloud) -> None:
    fake.fail(RawAnswer(200, b'{"messaging_product": "whatsapp", "messages": []}'))
    fake.fail(RawAnswer(200, b"OK", "text/plain"))

    with pytest.raises(MaybeSent, match="may have been sent"):
        cloud.send(CITIZEN, "halo")
    with pytest.raises(MaybeSent):
        cloud.send(CITIZEN, "halo")


def test_no_answer_after_sending_is_in_doubt(fake: FakeWhatsApp) -> None:
    fake.register_inbound(CITIZEN)
    cloud = WhatsAppCloud(fake.access_token, fake.phone_number_id, base_url=fake.base_url, timeout=0.5)
    fake.silent_after_accepting = 2.0

    with pytest.raises(MaybeSent, match="did not answer in time") as timed_out:
        cloud.send(CITIZEN, "halo")
    fake.silent_after_accepting = 0.0
    with pytest.raises(MaybeSent, match="connection to WhatsApp broke"):
        cloud.send(CITIZEN, "halo lagi")

    assert [s.text for s in fake.sent] == ["halo", "halo lagi"]  # both were accepted: resending would duplicate
    assert fake.access_token not in str(timed_out.value)


def test_a_server_that_is_down_is_unreachable_and_certainly_not_sent() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cloud = WhatsAppCloud("EAAG-SECRET-token", "106540352242922", base_url=f"http://127.0.0.1:{port}", timeout=2)

    with pytest.raises(Unreachable) as down:
        cloud.send(CITIZEN, "halo")
    with pytest.raises(Unreachable) as media:
        cloud.download_media(MediaRef("image", "123"))

    assert not isinstance(down.value, MaybeSent | RateLimited)
    assert not isinstance(media.value, MaybeSent)
    assert "EAAG-SECRET-token" not in str(down.value)
    assert down.value.__cause__ is None and down.value.__suppress_context__


def test_a_given_session_is_used(fake: FakeWhatsApp) -> None:
    session = requests.Session()
    session.headers["User-Agent"] = "aduan-test"
    seen: list[str] = []
    session.hooks["response"].append(lambda response, *args, **kwargs: seen.append(response.url))
    cloud = WhatsAppCloud(fake.access_token, fake.phone_number_id, base_url=fake.base_url, session=session)
    fake.register_inbound(CITIZEN)

    cloud.send(CITIZEN, "halo")

    assert seen == [f"{fake.base_url}/v21.0/{fake.phone_number_id}/messages"]


def test_the_client_refuses_unusable_settings() -> None:
    with pytest.raises(BadInput, match="token is empty"):
        WhatsAppCloud(" ", "106540352242922")
    with pytest.raises(BadInput, match="phone number id"):
        WhatsAppCloud("token", "106/../me")
    with pytest.raises(BadInput, match="phone number id"):
        WhatsAppCloud("token", "..")
    with pytest.raises(BadInput, match="Graph API version"):
        WhatsAppCloud("token", "106540352242922", api_version="latest")
