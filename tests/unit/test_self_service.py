"""What a status request is, in the ways citizens write it, and what is a report though it looks like one; and
the words of the answer."""

from __future__ import annotations

import pytest

from desktop.domain.self_service import (
    MAX_ANSWER_QUOTE_CHARS,
    NEUTRAL_ANSWER,
    STATUS_WORDS,
    StatusRequest,
    shortened,
    status_answer,
    status_request,
)
from desktop.domain.status import Status

NUMBER = "ADU-2026-000123"


@pytest.mark.parametrize(
    "text",
    [
        "status ADU-2026-000123",
        "STATUS adu-2026-000123",
        "Status: ADU 2026 000123",
        "cek ADU2026000123",
        "cek   status    adu-2026-000123",
        "Cek status laporan saya ADU-2026-000123",
        "mohon cek status laporan nomor ADU-2026-000123, terima kasih",
        "Selamat pagi pak, tolong cek laporan saya no. ADU-2026-000123 🙏",
        "ADU-2026-000123 status?",
        "adu-2026-123 statusnya gimana ya kak",
        "Check status of my report ADU-2026-000123 please",
        "  cek\n ADU-2026-000123  ",
    ],
)
def test_a_request_names_its_report_in_any_case_and_spacing(text: str) -> None:
    assert status_request(text) == StatusRequest(NUMBER)


@pytest.mark.parametrize(
    "text",
    ["status", "Cek", "cek status", "CEK STATUS!", "status laporan saya?", "bagaimana statusnya min", "cek dong"],
)
def test_a_request_without_a_number_asks_for_the_latest_report(text: str) -> None:
    assert status_request(text) == StatusRequest(None)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        None,
        "ADU-2026-000123",  # a number alone: a follow-up, not a question
        "terima kasih pak",  # courtesy without a keyword
        "cek jalan rusak di depan rumah saya",  # a complaint that happens to start with "cek"
        "Status jalan di Jl. Kenanga masih rusak parah",
        "cek ADU-2026-000123 dan ADU-2026-000124",  # two reports: an officer decides
        "cek 000123",  # digits without the ADU prefix carry content
        "status " + "mohon " * 20,  # too many words for a question
        "cek " + "x" * 200,  # too long
        "cekADU-2026-000123",  # glued to a word: not a keyword
        "status XADU-2026-000123",  # a number inside a longer run of letters
    ],
)
def test_what_is_not_a_request(text: str | None) -> None:
    assert status_request(text) is None


def test_the_answer_names_the_status_and_quotes_the_last_answer_shortened() -> None:
    long_answer = "Petugas sudah meninjau lokasi dan perbaikan dijadwalkan. " * 20
    text = status_answer(NUMBER, "Jalan rusak di Jl. Kenanga", Status.DITINDAKLANJUTI, long_answer)
    assert text.startswith(f"Status laporan {NUMBER} (perihal: Jalan rusak di Jl. Kenanga): sedang ditindaklanjuti.")
    quoted = text.split("Tanggapan terakhir kami: ", 1)[1].split("\n", 1)[0]
    assert quoted.endswith("…") and len(quoted) <= MAX_ANSWER_QUOTE_CHARS
    assert quoted.startswith("Petugas sudah meninjau lokasi")
    unanswered = status_answer(NUMBER, "Lampu mati", Status.DITERIMA, None)
    assert "Belum ada tanggapan" in unanswered and "diterima" in unanswered


def test_every_status_has_words_and_the_neutral_answer_names_no_report() -> None:
    assert set(STATUS_WORDS) == set(Status)
    assert "ADU-2026-000123" in NEUTRAL_ANSWER  # only as the example of how to write a number
    assert shortened("a  b\n c", 10) == "a b c"
    assert shortened("satu dua tiga empat lima", 12) == "satu dua…"
