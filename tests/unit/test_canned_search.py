"""The canned responses picker's search: title and text, every word, chat spellings too."""

from __future__ import annotations

from desktop.views.canned import CannedResponse
from desktop.views.canned_search import matching_canned

RESPONSES = [
    CannedResponse("terima", 1, "Laporan diterima", "Laporan Anda telah kami terima dan sedang diverifikasi."),
    CannedResponse("otp", 2, "Kode OTP", "Mohon maaf, kode OTP tidak terkirim karena gangguan."),
    CannedResponse("jadwal", 1, "Jadwal layanan", "Layanan tatap muka buka Senin sampai Jumat."),
]


def keys(typed: str) -> list[str]:
    return [r.key for r in matching_canned(RESPONSES, typed)]


def test_an_empty_search_offers_everything_in_order() -> None:
    assert keys("") == keys("   ") == ["terima", "otp", "jadwal"]


def test_words_match_the_title_or_the_text_and_all_must_match() -> None:
    assert keys("jadwal") == ["jadwal"]  # title
    assert keys("senin") == ["jadwal"]  # text
    assert keys("lapor") == ["terima"]  # the start of a word
    assert keys("laporan jumat") == []  # every word, in one response


def test_chat_spellings_and_case_and_accents_find_the_standard_words() -> None:
    assert keys("otp tdk terkirim") == ["otp"]
    assert keys("OTP Tidak") == ["otp"]
    assert keys("jumát") == ["jadwal"]


def test_a_string_that_is_not_a_search_finds_nothing_rather_than_failing() -> None:
    assert keys("!!!") == []
    assert keys("x" * 10_000) == []
