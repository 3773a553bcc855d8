"""SMS: numbers in their Indonesian forms, answers cut into numbered parts (GSM-7 and UCS-2), the gateway's
answers and refusals against a fake shaped like Zenziva's API, the account's settings, the webhook's secret,
inbound exactly once, and an answer too long for the account refused to the officer with nothing lost."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from desktop.channels.accounts import Account, account_by_id, add_account, check_account
from desktop.channels.dispatch import SentInDoubt
from desktop.channels.probe import probe_account
from desktop.channels.settings import AccountRefused, SmsSettings, read_settings
from desktop.channels.sms import SmsGateway, SmsSource, inbound_from_fields, sms_webhook
from desktop.domain.errors import BadInput, NotFound, NotPermitted, RateLimited, Unreachable
from desktop.domain.sms import SmsTooLong, is_gsm7, length, normalise_phone, split_sms
from desktop.domain.vocabulary import Channel
from desktop.store import claims, handling
from desktop.store.schema import channel_account, message, outbound_message, ticket
from tests.channels.fake_sms import INBOX_PATH, WRONG_KEYS, FakeSmsGateway
from tests.conftest import _migrated
from tests.store.helpers import Org, build_org

ANSWER = (
    "Yth. Bapak/Ibu, laporan Anda tentang jalan berlubang di Jl. Sudirman sudah kami teruskan ke Dinas "
    "Pekerjaan Umum. Perbaikan dijadwalkan minggu depan. Terima kasih atas laporan Anda."
)


# -- numbers and parts (pure) --


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(0812) 3456.7890", "+6281234567890"),
        ("+441234567890", "+441234567890"),
        ("1708", "1708"),
        ("bukan nomor", None),
        ("+62", None),
    ],
)
def test_a_number_in_any_usual_form_is_one_reporter(written: str, stored: str | None) -> None:
    assert normalise_phone(written) == stored


def test_a_short_answer_is_one_sms_without_a_number() -> None:
    assert split_sms("Laporan diterima. Nomor: ADU-2026-000123") == ["Laporan diterima. Nomor: ADU-2026-000123"]
    assert split_sms("a" * 160) == ["a" * 160]
    assert split_sms("é" * 70 + "ü" * 90) == ["é" * 70 + "ü" * 90]  # both are GSM-7: still one SMS of 160


def test_indonesian_gsm7_text_is_cut_at_a_space_into_numbered_parts_of_153() -> None:
    assert is_gsm7(ANSWER) and len(ANSWER) == 181
    assert split_sms(ANSWER) == [
        "(1/2) Yth. Bapak/Ibu, laporan Anda tentang jalan berlubang di Jl. Sudirman sudah kami teruskan ke Dinas "
        "Pekerjaan Umum. Perbaikan dijadwalkan minggu ",
        "(2/2) depan. Terima kasih atas laporan Anda.",
    ]
    assert [len(part) for part in split_sms("a" * 161)] == [153, 20]  # no space: a hard cut at the limit


def test_one_character_outside_gsm7_makes_every_part_ucs2_of_67() -> None:
    text = ANSWER.replace("Terima kasih", "Terima kasih 🙏")
    assert not is_gsm7(text) and length(text) == len(text) + 1  # the emoji takes two UCS-2 places
    parts = split_sms(text)
    assert parts == [
        "(1/4) Yth. Bapak/Ibu, laporan Anda tentang jalan berlubang di Jl. ",
        "(2/4) Sudirman sudah kami teruskan ke Dinas Pekerjaan Umum. ",
        "(3/4) Perbaikan dijadwalkan minggu depan. Terima kasih 🙏 atas ",
        "(4/4) laporan Anda.",
    ]
    assert all(length(part) <= 67 for part in parts)
    assert "".join(part.split(") ", 1)[1] for part in parts) == text  # nothing dropped


def test_gsm7_extension_characters_take_two_places() -> None:
    assert [length(part) for part in split_sms("{" * 100)] == [152, 60]


def test_the_numbering_widens_when_there_are_ten_parts_or_more() -> None:
    parts = split_sms("x" * (147 * 9 + 5), max_parts=12)
    assert len(parts) == 10 and parts[0].startswith("(1/10) ") and parts[9].startswith("(10/10) ")
    assert all(len(part) <= 153 for part in parts)


def test_an_answer_over_max_parts_is_refused_saying_how_much_to_cut() -> None:
    with pytest.raises(SmsTooLong, match=r"needs 7 SMS parts .* at most 4 .* about 412 characters"):
        split_sms("kata " * 200, max_parts=4)
    with pytest.raises(BadInput):
        split_sms("   ")


# -- the gateway (Zenziva's shape) --


@pytest.fixture
def fake() -> Iterator[FakeSmsGateway]:
    gateway = FakeSmsGateway().start()
    yield gateway
    gateway.stop()


def settings_of(fake: FakeSmsGateway, **more: object) -> SmsSettings:
    found = read_settings(Channel.SMS, "SMS Humas", {"base_url": fake.base_url, "user": fake.userkey, **more})
    assert isinstance(found, SmsSettings)
    return found


def test_an_answer_goes_to_the_national_number_in_numbered_parts(fake: FakeSmsGateway) -> None:
    gateway = SmsGateway(settings_of(fake), fake.passkey, "SMS Humas")
    ids = gateway.send("+6281234567890", ANSWER)
    assert ids == ("880001", "880002")
    assert [(s.to, s.message[:6]) for s in fake.sent] == [("081234567890", "(1/2) "), ("081234567890", "(2/2) ")]


def test_the_gateways_refusals_become_domain_errors_without_the_key(fake: FakeSmsGateway) -> None:
    wrong = SmsGateway(settings_of(fake), "kunci-salah", "SMS Humas")
    with pytest.raises(NotPermitted, match=WRONG_KEYS) as refused:
        wrong.send("+6281234567890", "Halo")
    assert "kunci-salah" not in refused.value.message
    gateway = SmsGateway(settings_of(fake), fake.passkey, "SMS Humas")
    fake.rate_limit(42)
    with pytest.raises(RateLimited) as limited:
        gateway.send("+6281234567890", "Halo")
    assert limited.value.retry_after == 42
    fake.fail_with(503)
    with pytest.raises(Unreachable):
        gateway.send("+6281234567890", "Halo")
    fake.refuse("Saldo tidak cukup")
    with pytest.raises(BadInput, match="Saldo tidak cukup"):
        gateway.send("+6281234567890", "Halo")
    with pytest.raises(BadInput, match="Nomor tujuan tidak valid"):
        gateway.send("+62", "Halo")
    assert fake.sent == []


def test_a_refusal_after_the_first_part_leaves_the_answer_in_doubt(fake: FakeSmsGateway) -> None:
    gateway = SmsGateway(settings_of(fake), fake.passkey, "SMS Humas")
    gateway.send("+6281234567890", "Halo")  # the switch below counts answers: the next one is refused
    original = fake.handle

    def second_part_refused(method: str, path: str, fields: dict[str, str]):  # type: ignore[no-untyped-def]
        if fields.get("message", "").startswith("(2/"):
            return 503, {"status": "0", "text": "Service Unavailable"}, {}
        return original(method, path, fields)

    fake.handle = second_part_refused  # type: ignore[method-assign]
    with pytest.raises(SentInDoubt, match="1 of 2 SMS parts went out"):
        gateway.send("+6281234567890", ANSWER)


def test_settings_are_checked_like_every_channels(fake: FakeSmsGateway) -> None:
    assert settings_of(fake).send_path == "/reguler/api/sendsms/"
    with pytest.raises(BadInput, match="provider"):
        read_settings(Channel.SMS, "SMS Humas", {"provider": "lainnya"})
    with pytest.raises(BadInput, match="send_path"):
        read_settings(Channel.SMS, "SMS Humas", {"provider": "custom", "base_url": "https://sms.example.go.id"})
    with pytest.raises(BadInput, match="not https"):
        read_settings(Channel.SMS, "SMS Humas", {"base_url": "http://sms.example.go.id"})
    with pytest.raises(BadInput, match="secrets never go into the central configuration"):
        read_settings(Channel.SMS, "SMS Humas", {"passkey": "pk-rahasia-123"})
    with pytest.raises(BadInput, match="own slot"):
        read_settings(Channel.SMS, "SMS Humas", {"webhook_secret_ref": "env:ADUAN_SECRET_LAIN"})


def test_polling_the_inbox_pages_and_moves_the_cursor_past_what_it_read(fake: FakeSmsGateway) -> None:
    for text in ("Lampu jalan mati", "Sampah menumpuk", "Saluran air mampet"):
        fake.receive("081234567890", text)
    source = SmsSource(SmsGateway(settings_of(fake, inbox_path=INBOX_PATH), fake.passkey, "SMS Humas"))
    messages, cursor = source.poll(None)
    assert [m.text for m in messages] == ["Lampu jalan mati", "Sampah menumpuk", "Saluran air mampet"]
    assert cursor == "1003:2" and messages[0].external_id == "sms_humas:1001"  # two a page: 1003 is on page 2
    assert messages[0].sender_address == "+6281234567890"
    assert source.poll(cursor) == ([], "1003:2")
    fake.receive("0857-1111-2222", "Pohon tumbang")
    [new], cursor = source.poll(cursor)
    assert (new.text, new.sender_address, cursor) == ("Pohon tumbang", "+6285711112222", "1004:2")


def test_polling_one_page_a_round_moves_on_past_a_full_page(fake: FakeSmsGateway) -> None:
    # The page the cursor rests on is read again to find where to go on; with max_pages 1 that re-read must not
    # take the round's only page, or a full page would be read forever and the next one never.
    for number in range(5):
        fake.receive(f"08123400000{number}", f"Laporan {number}")
    source = SmsSource(SmsGateway(settings_of(fake, inbox_path=INBOX_PATH, max_pages=1), fake.passkey, "SMS Humas"))
    texts: list[str] = []
    cursor = None
    for _ in range(4):
        messages, cursor = source.poll(cursor)
        texts += [m.text for m in messages]
    assert texts == [f"Laporan {number}" for number in range(5)] and cursor == "1005:3"


def test_an_inbound_sms_is_read_from_the_gateways_fields() -> None:
    settings = SmsSettings()
    found = inbound_from_fields(
        {"id": "77", "from": "0812 3456 7890", "message": "Jalan rusak\ndi depan pasar", "time": "2026-03-02 08:15:00"},
        settings,
        "SMS Humas",
    )
    assert (found.external_id, found.sender_address, found.subject) == ("sms_humas:77", "+6281234567890", "Jalan rusak")
    assert found.received_at is not None and found.received_at.hour == 1  # 08:15 WIB is 01:15 UTC
    without_id = inbound_from_fields({"from": "081234567890", "message": "Halo"}, settings, "SMS Humas")
    assert without_id.external_id.startswith("sms_humas:sha256:")
    with pytest.raises(BadInput, match="sender"):
        inbound_from_fields({"id": "78", "from": "tidak ada", "message": "Halo"}, settings, "SMS Humas")


def test_the_connection_test_reads_the_balance_and_sends_nothing(fake: FakeSmsGateway) -> None:
    config = {"base_url": fake.base_url, "user": fake.userkey}
    account = Account(1, "humas", Channel.SMS, "SMS Humas", config, "env:ADUAN_SECRET_SMS_HUMAS", None)
    result = probe_account(account, {"ADUAN_SECRET_SMS_HUMAS": fake.passkey})
    assert result.ok and dict(result.facts) == {"balance": "125000"} and fake.sent == []
    refused = probe_account(account, {"ADUAN_SECRET_SMS_HUMAS": "kunci-salah"})
    assert not refused.ok and "kunci-salah" not in refused.message and WRONG_KEYS in refused.message


# -- through the store: the webhook exactly once, and an answer too long for the account --


@pytest.fixture
def org(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    built = build_org(_migrated(f"sqlite:///{tmp_path / 'aduan.db'}"))
    monkeypatch.setenv("ADUAN_SECRET_SMS_HUMAS", "pk-rahasia-123")
    monkeypatch.setenv("ADUAN_SECRET_SMS_HUMAS__WEBHOOK_SECRET", "rahasia-webhook")
    config = {"webhook_secret_ref": "env", "max_parts": 2}
    built.admin.admin(add_account, Channel.SMS, "SMS Humas", "humas", json.dumps(config), "env")
    yield built
    built.close()


def test_the_webhook_takes_an_sms_in_once_and_only_with_the_secret(org: Org) -> None:
    hook = sms_webhook(org.admin, "sms_humas")
    call = {"id": "5001", "from": "081234567890", "message": "Lampu jalan mati di Jl. Melati"}
    assert hook.receive(call, "rahasia-webhoo") == (403, "the webhook's secret is missing or wrong")
    assert hook.receive(call, None)[0] == 403
    assert hook.receive(call, "rahasia-webhook") == (200, "OK")
    assert hook.receive(call, "rahasia-webhook") == (200, "OK")  # the gateway called again
    assert hook.receive({"id": "5002", "message": "tanpa nomor"}, "rahasia-webhook")[0] == 400
    rows = org.admin.read(lambda c: c.execute(select(message.c.external_id, message.c.direction)).all())
    assert sorted((r.direction, r.external_id or "") for r in rows) == [
        ("inbound", "sms_humas:5001"),
        ("outbound", ""),  # the acknowledgement, queued
    ]
    with pytest.raises(NotFound):
        sms_webhook(org.admin, "sms_lain")


def test_an_answer_longer_than_the_accounts_parts_is_refused_and_nothing_is_queued(org: Org) -> None:
    hook = sms_webhook(org.admin, "SMS Humas")
    hook.receive({"id": "6001", "from": "081234567890", "message": "Sampah menumpuk"}, "rahasia-webhook")
    ticket_id = org.admin.read(lambda c: c.execute(select(ticket.c.id)).scalar_one())
    held = org.ani.write(claims.claim, ticket_id)
    queued_before = org.admin.read(lambda c: c.execute(select(func.count()).select_from(outbound_message)).scalar())
    with pytest.raises(SmsTooLong, match="needs 3 SMS parts .* at most 2"):
        org.ani.write(handling.reply, ticket_id, held.claim.token, ANSWER + " " + ANSWER)
    assert org.admin.read(lambda c: c.execute(select(func.count()).select_from(outbound_message)).scalar()) == (
        queued_before
    )
    org.ani.write(handling.reply, ticket_id, held.claim.token, ANSWER)  # two parts: accepted


def test_an_account_changed_in_the_database_to_another_slot_is_refused(org: Org) -> None:
    org.admin.admin(
        lambda c: c.execute(
            update(channel_account).values(config=json.dumps({"webhook_secret_ref": "env:ADUAN_SECRET_LAIN"}))
        )
    )
    account = org.admin.read(account_by_id, 1)
    with pytest.raises(AccountRefused, match="own slot"):
        check_account(account)
    with pytest.raises(NotFound):
        sms_webhook(org.admin, "sms_humas")
