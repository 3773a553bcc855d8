"""The Telegram connector against a real HTTP server shaped like the Bot API: intake, offsets, replies, errors."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import datetime

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.channels.telegram import MAX_TEXT_UNITS, RateLimited, TelegramBot, split_text
from desktop.domain.errors import BadInput, Conflict, NotFound, NotPermitted, Unreachable
from desktop.domain.vocabulary import Channel
from tests.channels.fake_telegram import FakeTelegram

CITIZEN = 5550001


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    server.add_chat(CITIZEN, "Siti", "Rahayu", username="siti_r")
    yield server
    server.stop()


@pytest.fixture
def bot(fake: FakeTelegram) -> TelegramBot:
    return TelegramBot(fake.token, base_url=fake.base_url, timeout=5)


def test_a_text_message_becomes_an_inbound_message(fake: FakeTelegram, bot: TelegramBot) -> None:
    message_id = fake.push_message(
        CITIZEN, date=1_764_300_000, text="Jalan rusak di depan pasar\nSudah tiga bulan belum diperbaiki."
    )

    messages, next_offset = bot.poll(None, long_poll_seconds=0)

    assert len(messages) == 1
    message = messages[0]
    assert message.channel is Channel.TELEGRAM
    assert message.external_id == f"{CITIZEN}:{message_id}"
    assert message.sender_address == str(CITIZEN)
    assert message.sender_name == "Siti Rahayu"
    assert message.subject == "Jalan rusak di depan pasar"
    assert message.text == "Jalan rusak di depan pasar\nSudah tiga bulan belum diperbaiki."
    assert message.received_at == datetime(2025, 11, 28, 3, 20)
    assert message.received_at.tzinfo is None
    assert message.references == (f"chat:{CITIZEN}",)
    assert message.problems == ()
    assert not message.automatic
    assert next_offset == fake.pending_update_ids()[0] + 1
    method, params = fake.requests[-1]
    assert method == "getUpdates"
    assert params["allowed_updates"] == ["message", "edited_message"]


def test_a_photo_caption_is_the_text_and_the_photo_is_noted(fake: FakeTelegram, bot: TelegramBot) -> None:
    photo = [{"file_id": "AgAD1", "file_unique_id": "u1", "width": 90, "height": 60}]
    fake.push_message(CITIZEN, photo=photo, caption="Foto sampah menumpuk")
    fake.push_message(CITIZEN, document={"file_id": "BQAD2", "file_unique_id": "u2", "file_name": "surat.pdf"})

    messages, _ = bot.poll(None, long_poll_seconds=0)

    assert [m.text for m in messages] == ["Foto sampah menumpuk", ""]
    assert messages[0].subject == "Foto sampah menumpuk"
    assert messages[0].problems == ("attached photo not fetched from Telegram",)
    assert messages[1].subject == "(document via Telegram)"
    assert messages[1].problems == ("attached document 'surat.pdf' not fetched from Telegram",)


def test_the_subject_is_the_first_line_cut_to_80_characters(fake: FakeTelegram, bot: TelegramBot) -> None:
    fake.push_message(CITIZEN, text="\n  " + "a" * 100 + "\nrest")

    [message], _ = bot.poll(None, long_poll_seconds=0)

    assert message.subject == "a" * 80


def test_the_name_falls_back_to_the_username(fake: FakeTelegram, bot: TelegramBot) -> None:
    fake.add_chat(777, "", username="warga77")
    fake.chats[777].pop("first_name")
    fake.push_message(777, text="halo")

    [message], _ = bot.poll(None, long_poll_seconds=0)

    assert message.sender_name == "@warga77"


def test_polling_with_the_next_offset_confirms_the_updates(fake: FakeTelegram, bot: TelegramBot) -> None:
    fake.push_message(CITIZEN, text="satu")
    fake.push_message(CITIZEN, text="dua")

    first, offset = bot.poll(None, long_poll_seconds=0)
    second, offset_after = bot.poll(offset, long_poll_seconds=0)

    assert [m.text for m in first] == ["satu", "dua"]
    assert second == []
    assert offset_after == offset
    assert fake.pending_update_ids() == []


def test_polling_again_without_the_new_offset_redelivers_the_same_ids(fake: FakeTelegram, bot: TelegramBot) -> None:
    fake.push_message(CITIZEN, text="satu")
    fake.push_message(CITIZEN, text="dua")

    first, offset = bot.poll(None, long_poll_seconds=0)
    again, offset_again = bot.poll(None, long_poll_seconds=0)

    assert [m.external_id for m in again] == [m.external_id for m in first]
    assert again == first
    assert offset_again == offset


def test_limit_returns_the_oldest_updates_first(fake: FakeTelegram, bot: TelegramBot) -> None:
    for word in ("satu", "dua", "tiga"):
        fake.push_message(CITIZEN, text=word)

    first, offset = bot.poll(None, limit=2, long_poll_seconds=0)
    rest, _ = bot.poll(offset, limit=2, long_poll_seconds=0)

    assert [m.text for m in first] == ["satu", "dua"]
    assert [m.text for m in rest] == ["tiga"]


def test_other_updates_are_skipped_but_the_offset_moves_past_them(fake: FakeTelegram, bot: TelegramBot) -> None:
    fake.push_update(callback_query={"id": "1", "from": {"id": CITIZEN, "is_bot": False, "first_name": "Siti"}})
    last = fake.push_update(my_chat_member={"chat": fake.chats[CITIZEN]})

    messages, offset = bot.poll(None, long_poll_seconds=0)
    after, _ = bot.poll(offset, long_poll_seconds=0)

    assert messages == []
    assert offset == last + 1
    assert after == []
    assert fake.pending_update_ids() == []


def test_an_edit_is_a_new_message_in_the_same_thread(fake: FakeTelegram, bot: TelegramBot) -> None:
    message_id = fake.push_message(CITIZEN, text="jalan rusak")
    original = {
        "message_id": message_id,
        "from": {"id": CITIZEN, "is_bot": False, "first_name": "Siti"},
        "chat": fake.chats[CITIZEN],
        "date": 1_764_300_000,
        "edit_date": 1_764_300_600,
        "text": "jalan rusak parah",
    }
    fake.push_update(edited_message=original)

    first, edit = bot.poll(None, long_poll_seconds=0)[0]

    assert first.external_id == f"{CITIZEN}:{message_id}"
    assert edit.external_id == f"{CITIZEN}:{message_id}:edited:1764300600"
    assert edit.text == "jalan rusak parah"
    assert edit.references == first.references
    assert edit.problems == (f"edited version of Telegram message {message_id}",)


def test_long_polling_returns_an_update_that_arrives_while_waiting(fake: FakeTelegram, bot: TelegramBot) -> None:
    arrived = threading.Timer(0.3, lambda: fake.push_message(CITIZEN, text="baru datang"))
    arrived.start()
    try:
        messages, _ = bot.poll(None, long_poll_seconds=10)
    finally:
        arrived.join()

    assert [m.text for m in messages] == ["baru datang"]


def test_indonesian_and_other_unicode_text_arrives_intact(fake: FakeTelegram, bot: TelegramBot) -> None:
    text = "Mohon ditindaklanjuti — pelayanan KTP-el di Kecamatan Cibeunying 😡, tolong! “Terima kasih” ✓ ñ 漢字"
    fake.push_message(CITIZEN, text=text)

    [message], _ = bot.poll(None, long_poll_seconds=0)
    bot.send(CITIZEN, text)

    assert message.text == text
    assert fake.sent[-1].text == text


def test_send_returns_the_message_id_and_replies(fake: FakeTelegram, bot: TelegramBot) -> None:
    asked = fake.push_message(CITIZEN, text="kapan diperbaiki?")

    sent_id = bot.send(CITIZEN, "Laporan Anda sedang kami proses.", reply_to=asked)

    [sent] = fake.sent
    assert sent_id == str(sent.message_id)
    assert sent.chat_id == CITIZEN
    assert sent.text == "Laporan Anda sedang kami proses."
    assert sent.reply_to_message_id == asked


def test_send_accepts_the_chat_id_as_the_string_from_sender_address(fake: FakeTelegram, bot: TelegramBot) -> None:
    bot.send(str(CITIZEN), "halo")

    assert fake.sent[-1].chat_id == CITIZEN


def test_a_long_text_is_sent_as_several_messages_in_order(fake: FakeTelegram, bot: TelegramBot) -> None:
    paragraphs = [f"Paragraf {n}: " + "kata " * 150 for n in range(30)]
    text = "\n".join(paragraphs)

    ids = bot.send_parts(CITIZEN, text, reply_to=1)

    assert len(ids) == len(fake.sent) > 1
    assert "".join(sent.text for sent in fake.sent) == text
    assert [str(sent.message_id) for sent in fake.sent] == list(ids)
    assert all(len(sent.text.encode("utf-16-le")) // 2 <= MAX_TEXT_UNITS for sent in fake.sent)
    assert [sent.reply_to_message_id for sent in fake.sent] == [1] + [None] * (len(ids) - 1)
    assert all(sent.text.endswith("\n") for sent in fake.sent[:-1])


def test_rate_limit_raises_rate_limited_with_retry_after(fake: FakeTelegram, bot: TelegramBot) -> None:
    fake.rate_limit(retry_after=17, times=2)

    with pytest.raises(RateLimited) as on_send:
        bot.send(CITIZEN, "halo")
    with pytest.raises(RateLimited) as on_poll:
        bot.poll(None, long_poll_seconds=0)

    assert on_send.value.retry_after == 17
    assert on_poll.value.retry_after == 17
    assert isinstance(on_send.value, Unreachable)
    assert fake.sent == []
    bot.send(CITIZEN, "halo")
    assert [sent.text for sent in fake.sent] == ["halo"]


def test_a_wrong_token_is_not_permitted_and_the_token_is_not_in_the_message(fake: FakeTelegram) -> None:
    bot = TelegramBot("999:WRONG-secret", base_url=fake.base_url, timeout=5)

    with pytest.raises(NotPermitted) as refused:
        bot.poll(None, long_poll_seconds=0)

    assert "401" in refused.value.message or "Unauthorized" in refused.value.message
    assert "BotFather" in refused.value.message
    assert "WRONG-secret" not in str(refused.value)


def test_a_webhook_makes_polling_a_conflict(fake: FakeTelegram, bot: TelegramBot) -> None:
    fake.webhook_set = True

    with pytest.raises(Conflict, match="deleteWebhook"):
        bot.poll(None, long_poll_seconds=0)


def test_an_unknown_chat_is_not_found(bot: TelegramBot) -> None:
    with pytest.raises(NotFound, match="chat not found"):
        bot.send(424242, "halo")


def test_an_empty_text_is_refused_before_sending(fake: FakeTelegram, bot: TelegramBot) -> None:
    with pytest.raises(BadInput):
        bot.send(CITIZEN, "   ")
    assert fake.requests == []


def test_a_server_that_is_down_is_unreachable_without_leaking_the_token() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    bot = TelegramBot("123:SECRET-token", base_url=f"http://127.0.0.1:{port}", timeout=2)

    with pytest.raises(Unreachable) as down:
        bot.poll(None, long_poll_seconds=0)
    with pytest.raises(Unreachable):
        bot.send(CITIZEN, "halo")

    assert not isinstance(down.value, RateLimited)
    assert "SECRET-token" not in str(down.value)
    assert down.value.__cause__ is None and down.value.__suppress_context__


def test_a_server_that_does_not_answer_in_time_is_unreachable() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        bot = TelegramBot("123:SECRET-token", base_url=f"http://127.0.0.1:{port}", timeout=0.3)

        with pytest.raises(Unreachable, match="in time"):
            bot.send(CITIZEN, "halo")


def test_an_answer_that_is_not_the_api_is_unreachable(fake: FakeTelegram) -> None:
    bot = TelegramBot(fake.token, base_url=fake.base_url + "/not-telegram", timeout=5)

    with pytest.raises(Unreachable):
        bot.poll(None, long_poll_seconds=0)


def test_a_given_session_is_used(fake: FakeTelegram) -> None:
    session = requests.Session()
    session.headers["User-Agent"] = "aduan-test"
    bot = TelegramBot(fake.token, base_url=fake.base_url, session=session, timeout=5)
    fake.push_message(CITIZEN, text="halo")

    messages, _ = bot.poll(None, long_poll_seconds=0)

    assert [m.text for m in messages] == ["halo"]


def test_the_fake_accepts_get_and_form_requests_like_the_real_api(fake: FakeTelegram) -> None:
    fake.push_message(CITIZEN, text="halo")
    url = f"{fake.base_url}/bot{fake.token}"

    by_get = requests.get(f"{url}/getUpdates", params={"timeout": 0}, timeout=5).json()
    by_form = requests.post(
        f"{url}/sendMessage",
        data={"chat_id": str(CITIZEN), "text": "balasan", "reply_to_message_id": "1"},
        timeout=5,
    ).json()

    assert by_get["ok"] and by_get["result"][0]["message"]["text"] == "halo"
    assert by_form["ok"] and by_form["result"]["text"] == "balasan"
    assert fake.sent[-1].reply_to_message_id == 1


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=300), st.integers(min_value=2, max_value=40))
def test_split_text_keeps_everything_in_order_within_the_limit(text: str, limit: int) -> None:
    parts = split_text(text, limit)

    assert "".join(parts) == text
    assert all(0 < len(part.encode("utf-16-le")) // 2 <= limit for part in parts)
