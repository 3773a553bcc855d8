"""The pure domain: status machine, text validation, vocabularies."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.errors import BadInput
from desktop.domain.status import CLOSED, TRANSITIONS, Status, allowed_next, can_transition
from desktop.domain.text import MAX_BODY_CHARS, clean_body, clean_subject, decode_utf8, mentioned_logins
from desktop.domain.vocabulary import Priority


def reachable(start: Status) -> set[Status]:
    seen, stack = {start}, [start]
    while stack:
        for nxt in allowed_next(stack.pop()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def test_every_status_is_reachable_from_received_and_every_status_can_move() -> None:
    assert reachable(Status.DITERIMA) == set(Status)
    assert all(TRANSITIONS[s] for s in Status)


def test_lapor_main_path_and_reopening() -> None:
    path = [Status.DITERIMA, Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.MENUNGGU_PELAPOR, Status.SELESAI]
    assert all(can_transition(a, b) for a, b in zip(path, path[1:], strict=False))
    assert can_transition(Status.SELESAI, Status.DITINDAKLANJUTI)
    assert can_transition(Status.DIARSIPKAN, Status.DITERIMA)
    assert can_transition(Status.BUKAN_WEWENANG, Status.DITERIMA)


def test_forbidden_shortcuts() -> None:
    assert not can_transition(Status.DITERIMA, Status.SELESAI)
    assert not can_transition(Status.BUKAN_WEWENANG, Status.SELESAI)
    assert not any(can_transition(s, s) for s in Status)
    assert {s for s in Status if s.is_closed} == CLOSED


@given(st.text(max_size=200))
def test_clean_body_never_returns_blank_or_control_characters(text: str) -> None:
    try:
        cleaned = clean_body(text)
    except BadInput:
        return
    assert cleaned.strip() == cleaned and cleaned
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in cleaned)


def test_body_limits_and_messages() -> None:
    with pytest.raises(BadInput, match="empty"):
        clean_body("  ")
    with pytest.raises(BadInput, match="limit"):
        clean_body("a" * (MAX_BODY_CHARS + 1))
    assert clean_subject("  Jalan \n rusak  ") == "Jalan rusak"


def test_invalid_utf8_names_the_offset() -> None:
    with pytest.raises(BadInput, match="byte 0xe9 at offset 3"):
        decode_utf8(b"Andr\xe9"[0:3] + b"\xe9", "surat.txt")
    assert decode_utf8("Surat dari Bapak André".encode(), "x") == "Surat dari Bapak André"


def test_mentions() -> None:
    assert mentioned_logins("Tolong @ani.wijaya dan @budi. cc rudi@kantor.go.id @ani.wijaya") == ("ani.wijaya", "budi")


def test_priority_parse() -> None:
    assert Priority.parse("tinggi") is Priority.TINGGI and Priority.parse("4") is Priority.DARURAT
    with pytest.raises(BadInput, match="rendah"):
        Priority.parse("9")
