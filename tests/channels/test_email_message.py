"""E-mail bytes → InboundMessage: a corpus of broken real-looking mail, the limits, and arbitrary bytes."""

from __future__ import annotations

import base64
import importlib.util
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.channels.email_message import MIB, UnreadableMail, parse_email
from desktop.domain.errors import BadInput
from desktop.domain.inbound import InboundMessage, tracking_number_in
from desktop.domain.vocabulary import Channel

CORPUS = Path(__file__).resolve().parents[1] / "data" / "mail"
CORPUS_FILES = sorted(CORPUS.glob("*.eml"))


def read(name: str) -> InboundMessage:
    return parse_email((CORPUS / name).read_bytes())


def test_the_corpus_is_what_its_generator_writes() -> None:
    spec = importlib.util.spec_from_file_location("mail_corpus", CORPUS / "generate.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    assert len(generator.CORPUS) >= 20
    assert {name: (CORPUS / name).read_bytes() for name in generator.CORPUS} == generator.CORPUS
    assert sorted(generator.CORPUS) == [p.name for p in CORPUS_FILES]


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_every_corpus_mail_is_read_into_clean_text(path: Path) -> None:
    message = parse_email(path.read_bytes())
    assert message.channel is Channel.EMAIL
    assert message.external_id and len(message.external_id) <= 255
    for text in (message.subject, message.text, message.html or "", message.sender_name or ""):
        assert "\x00" not in text and "\r" not in text
        text.encode("utf-8")  # no lone surrogates: every text can be stored
    assert message.received_at is None or message.received_at.tzinfo is None
    assert all(attachment.filename and "/" not in attachment.filename for attachment in message.attachments)


def test_plain_utf8_mail() -> None:
    message = read("01-plain-utf8.eml")
    assert message.external_id == "CAF1234.plain@mail.example.id"
    assert (message.sender_address, message.sender_name) == ("siti.aminah@example.id", "Siti Aminah")
    assert message.subject == "Jalan rusak di Jl. Merdeka"
    assert message.text == "Selamat pagi, jalan di depan rumah saya rusak parah sejak bulan lalu."
    assert message.received_at == datetime(2026, 3, 2, 2, 15)  # 09:15 +0700 in UTC
    assert not message.automatic and message.problems == () and message.html is None


def test_iso_8859_1_body_and_encoded_words() -> None:
    message = read("02-iso-8859-1-indonesian.eml")
    assert message.subject == "Keluhan café di pasar"
    assert message.sender_name == "André Wijaya"
    assert message.text == "Pemilik café itu membuang sampah sembarangan. Terima kasih, André."
    assert message.received_at == datetime(2026, 3, 3, 2, 0)


def test_windows_1252_quoted_printable() -> None:
    assert read("03-windows-1252-smart-quotes.eml").text == "Petugas bilang “besok saja” – sudah tiga kali. Biaya € 10?"


def test_latin1_label_on_windows_1252_bytes_reads_the_quotes() -> None:
    message = read("04-latin1-declared-but-cp1252.eml")
    assert message.text == "Antrean “terlalu panjang” – mohon ditindaklanjuti."
    assert message.received_at is None


def test_missing_charset_with_utf8_bytes_is_utf8() -> None:
    assert read("05-missing-charset-8bit-utf8.eml").text == "Air mati tiga hari – tolong segera dibantu. Rp 50.000 ₹"


def test_wrong_charset_falls_back_and_says_so() -> None:
    message = read("06-wrong-charset-utf8-labelled-latin1-bytes.eml")
    assert message.text == "Lampu di gang élite mati. Très sombre."
    assert any("not valid utf-8" in p and "windows-1252" in p for p in message.problems)


def test_unknown_charset_is_read_best_effort() -> None:
    message = read("07-unknown-charset.eml")
    assert message.text == "Sampah menumpuk di pasar. Café."
    assert message.subject.startswith("Sampah")
    assert any("x-klingon" in p for p in message.problems)


def test_raw_utf8_headers_are_decoded_without_complaint() -> None:
    message = read("08-8bit-raw-headers.eml")
    assert message.subject == "Keluhan – bau limbah pabrik"
    assert message.sender_name == "Ngurah Rai Śantika"
    assert not any("8-bit" in p for p in message.problems)


def test_raw_latin1_header_is_guessed_and_recorded() -> None:
    message = read("09-8bit-latin1-subject.eml")
    assert message.subject == "Pengaduan café liar"
    assert any("Subject header has unencoded 8-bit bytes" in p for p in message.problems)


def test_missing_close_boundary_keeps_text_and_attachment() -> None:
    message = read("10-broken-boundary.eml")
    assert message.text == "Foto terlampir."
    assert [a.filename for a in message.attachments] == ["foto.jpg"]
    assert message.attachments[0].content.startswith(b"\xff\xd8\xff")
    assert any("close boundary" in p for p in message.problems)


def test_multipart_without_its_boundary_keeps_the_text() -> None:
    message = read("11-missing-start-boundary.eml")
    assert message.text == "Isi pesan ini tidak pernah dibungkus batas MIME."
    assert message.attachments == ()
    assert any("start boundary was never found" in p for p in message.problems)


def test_nested_multiparts_body_html_references_and_risky_attachments() -> None:
    message = read("12-nested-multiparts.eml")
    assert message.text == "Ini tanggapan saya."
    assert message.html is not None and "<b>tanggapan</b>" in message.html
    assert message.references == ("reply-to-us@kota.go.id", "first@kota.go.id")
    by_name = {a.filename: a for a in message.attachments}
    assert set(by_name) == {"lampiran-3.png", "setup.exe", "laporan.xlsm", "surat.pdf"}
    assert by_name["setup.exe"].risky and by_name["setup.exe"].content.startswith(b"MZ")
    assert by_name["laporan.xlsm"].risky
    assert not by_name["surat.pdf"].risky and not by_name["lampiran-3.png"].risky
    assert tracking_number_in(message.subject) == "ADU-2026-000123"


def test_forwarded_mail_is_attached_whole_and_outer_text_kept() -> None:
    message = read("13-forwarded-rfc822.eml")
    assert message.text == "Mohon ditindaklanjuti keluhan warga berikut."
    [forwarded] = message.attachments
    assert forwarded.content_type == "message/rfc822" and forwarded.filename == "Jembatan putus.eml"
    inner = parse_email(forwarded.content)
    assert inner.external_id == "inner.0013@example.id" and inner.text == "Jembatan di dusun kami putus."


def test_empty_body_is_empty_text() -> None:
    message = read("14-empty-body.eml")
    assert message.text == "" and message.attachments == ()


def test_html_only_gives_plain_text_and_reply_to_is_the_answer_address() -> None:
    message = read("15-html-only.eml")
    assert message.text == "Nama: Wati Susanti\n\nIsi: Jalan & selokan rusak <parah>"
    assert message.html is not None and "<script>" in message.html  # kept as received; sanitized when shown
    assert (message.sender_address, message.sender_name) == ("wati@example.id", "Wati Susanti")


@pytest.mark.parametrize(
    "name",
    ["16-auto-reply.eml", "17-bounce-delivery-status.eml", "18-list-mail.eml", "26-read-receipt.eml"],
)
def test_automatic_mail_is_flagged(name: str) -> None:
    assert read(name).automatic


def test_bounce_keeps_its_report() -> None:
    message = read("17-bounce-delivery-status.eml")
    assert message.text == "The mail could not be delivered."
    assert [a.content_type for a in message.attachments] == ["message/delivery-status", "text/rfc822-headers"]


def test_missing_message_id_gets_a_stable_content_id() -> None:
    raw = (CORPUS / "19-missing-message-id.eml").read_bytes()
    first = parse_email(raw)
    assert first.external_id.startswith("sha256:")
    assert parse_email(raw.replace(b"\n", b"\r\n")).external_id == first.external_id
    assert parse_email(raw.replace(b"Pesan", b"Surat")).external_id != first.external_id
    assert any("Message-ID" in p for p in first.problems)


def test_duplicate_headers_take_the_first_and_say_so() -> None:
    message = read("20-duplicate-headers.eml")
    assert message.external_id == "dup.0020a@example.id"
    assert (message.subject, message.sender_address) == ("Subjek pertama", "pertama@example.id")
    assert message.received_at == datetime(2026, 3, 6, 5, 0)
    assert sum("more than once" in p for p in message.problems) == 4


def test_garbled_date_is_none_with_a_problem() -> None:
    message = read("21-garbled-date.eml")
    assert message.received_at is None
    assert any("Date header cannot be read" in p for p in message.problems)


def test_nul_and_control_characters_are_removed() -> None:
    message = read("22-nul-bytes-and-control.eml")
    assert message.subject == "Ada NUL" and message.text == "Teks dengan karakter kontrol."
    assert any("control characters" in p for p in message.problems)


def test_invalid_utf8_and_broken_base64_are_repaired() -> None:
    message = read("23-invalid-utf8-body-base64.eml")
    assert message.text.startswith("Jalan rusak – \ufffd")
    assert message.subject.startswith("Jalan rusak –")
    assert any("base64" in p for p in message.problems)


def test_hostile_attachment_names_lose_their_path() -> None:
    names = [(a.filename, a.risky) for a in read("24-attachment-names-hostile.eml").attachments]
    assert names == [("faktur.pdf.scr", True), ("catatan résumé.txt", False), ("lampiran-4.pdf", False)]


def test_bare_message_id_commented_in_reply_to_and_negative_offset() -> None:
    message = read("25-reply-with-tracking-in-subject.eml")
    assert message.external_id == "siti.bare.0025@example.id"
    assert message.references == ("out.0001@kota.go.id",)
    assert message.received_at == datetime(2026, 3, 9, 2, 30)
    assert tracking_number_in(message.subject) == "ADU-2026-000777"


def test_split_body_parts_are_joined_and_the_picture_kept() -> None:
    message = read("27-apple-split-body.eml")
    assert message.text == "Bagian pertama.\n\nBagian kedua."
    assert [a.content_type for a in message.attachments] == ["image/jpeg"]


def _with_attachments(*sizes: int) -> bytes:
    mail = EmailMessage()
    mail["From"] = "Warga <warga@example.id>"
    mail["Subject"] = "Video bukti"
    mail["Message-ID"] = "<big@example.id>"
    mail.set_content("Video terlampir.")
    for number, size in enumerate(sizes, start=1):
        mail.add_attachment(bytes(size), maintype="video", subtype="mp4", filename=f"bukti-{number}.mp4")
    return mail.as_bytes()


def test_an_oversized_attachment_is_dropped_and_named() -> None:
    message = parse_email(_with_attachments(26 * MIB, 1000))
    assert [a.filename for a in message.attachments] == ["bukti-2.mp4"]
    assert message.text == "Video terlampir."
    assert any("bukti-1.mp4" in p and "25.0 MiB" in p for p in message.problems)


def test_attachments_beyond_the_message_limit_are_dropped() -> None:
    message = parse_email(_with_attachments(400, 400, 400), max_attachment_bytes=500, max_message_bytes=1000)
    assert [a.filename for a in message.attachments] == ["bukti-1.mp4", "bukti-2.mp4"]
    assert any("bukti-3.mp4" in p and "message's attachments" in p for p in message.problems)


def test_an_executable_is_risky_whatever_its_name() -> None:
    mail = EmailMessage()
    mail["From"] = "x@example.id"
    mail.set_content("foto")
    mail.add_attachment(b"MZ\x90\x00" + bytes(100), maintype="image", subtype="jpeg", filename="foto.jpg")
    mail.add_attachment(b"x=1", maintype="text", subtype="plain", filename="skrip.JS. ")
    assert [a.risky for a in parse_email(mail.as_bytes()).attachments] == [True, True]


@pytest.mark.parametrize(
    ("header", "automatic"),
    [
        ("Auto-Submitted: auto-generated", True),
        ("Auto-Submitted: no", False),
        ("Precedence: bulk", True),
        ("Precedence: junk", True),
        ("Precedence: first-class", False),
        ("List-Unsubscribe: <mailto:x@example.id>", True),
        ("X-Autorespond: yes", True),
        ("Return-Path: <>", True),
        ("Return-Path: <warga@example.id>", False),
        ("From: postmaster@example.id", True),
        ("Content-Type: multipart/report; report-type=delivery-status; boundary=x", True),
    ],
)
def test_loop_guard(header: str, automatic: bool) -> None:
    raw = f"{header}\nTo: pengaduan@kota.go.id\nSubject: s\n\nteks\n".encode()
    assert parse_email(raw).automatic is automatic


@pytest.mark.parametrize(
    ("subject", "number"),
    [
        ("[ADU-2026-000123] Jalan rusak", "ADU-2026-000123"),
        ("Re: re: adu-2025-000001", "ADU-2025-000001"),
        ("Balasan (Adu-2026-123456)", "ADU-2026-123456"),
        ("ADU-2026-0001234 terlalu panjang", None),
        ("ADU-26-000123", None),
        ("XADU-2026-000123", None),
        ("tanpa nomor", None),
        ("", None),
    ],
)
def test_tracking_number_in(subject: str, number: str | None) -> None:
    assert tracking_number_in(subject) == number


@pytest.mark.parametrize(
    "raw",
    [b"", b"   \r\n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"just some words\nwithout any header\n"],
)
def test_what_is_not_an_email_is_refused_clearly(raw: bytes) -> None:
    with pytest.raises(UnreadableMail) as refused:
        parse_email(raw)
    assert isinstance(refused.value, BadInput) and refused.value.message


def test_nesting_beyond_what_python_can_walk_is_refused_clearly() -> None:
    depth = 5000
    parts = "".join(f"--b{i}\nContent-Type: multipart/mixed; boundary=b{i + 1}\n\n" for i in range(depth))
    raw = f"From: x@example.id\nContent-Type: multipart/mixed; boundary=b0\n\n{parts}\n".encode()
    with pytest.raises(UnreadableMail, match="nested too deeply"):
        parse_email(raw)


def test_deep_nesting_is_read_up_to_a_limit() -> None:
    depth = 200
    parts = "".join(f"--b{i}\nContent-Type: multipart/mixed; boundary=b{i + 1}\n\n" for i in range(depth))
    raw = f"From: x@example.id\nContent-Type: multipart/mixed; boundary=b0\n\n{parts}--b{depth}\n\ntext\n".encode()
    message = parse_email(raw)
    assert any("nested deeper" in p for p in message.problems)


_HEADER_LINES = st.sampled_from(
    [
        b"From: a@b.c\n",
        b"From: =?utf-8?b?!!?= <\xff@\n",
        b"Subject: =?x?q?=ZZ?=\n",
        b"Date: Mon, 99 Foo 99999 99:99:99 +9999\n",
        b'Content-Type: multipart/mixed; boundary="b"\n',
        b'Content-Type: text/plain; charset="\xff"\n',
        b"Content-Transfer-Encoding: base64\n",
        b"Content-Disposition: attachment; filename*=x''%ff%fe\n",
        b"Message-ID: <<>>\n",
        b"References: <a@b> <\n",
        b"--b\n",
        b"--b--\n",
        b"\n",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_HEADER_LINES, st.binary(max_size=40)), max_size=25))
def test_arbitrary_bytes_give_a_message_or_bad_input(chunks: list[bytes]) -> None:
    try:
        message = parse_email(b"".join(chunks))
    except BadInput:
        return
    for text in (message.subject, message.text, message.html or "", message.external_id):
        text.encode("utf-8")
        assert "\x00" not in text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_give_a_message_or_bad_input(raw: bytes) -> None:
    try:
        message = parse_email(raw)
    except BadInput:
        return
    assert message.external_id and message.channel is Channel.EMAIL


def test_base64_bodies_of_any_content_are_read() -> None:
    payload = base64.b64encode(bytes(range(256))).decode()
    raw = f"From: a@b.c\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n{payload}\n".encode()
    message = parse_email(raw)
    assert "\x00" not in message.text and message.text
