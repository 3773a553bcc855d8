"""The Indonesian catalogue speaks one vocabulary (desktop/resources/README.md, "Indonesian glossary").

Officers read *laporan*, *ambil*/*pegang* and *templat balasan*; never "tiket", "klaim", "cache" or
"sinkron…" jargon, nor abbreviations such as "59 hr". "server" is a word for the admin's screens and the
sign-in setup only: elsewhere the officer reads *pusat Aduan*.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

CATALOGUE = Path(__file__).resolve().parents[2] / "desktop" / "resources" / "translations" / "aduan_id.ts"

FORBIDDEN = {
    "tiket": re.compile(r"\btiket\w*", re.IGNORECASE),  # the report is a *laporan*
    "klaim": re.compile(r"\b\w*klaim\w*", re.IGNORECASE),  # take/hold: *ambil*, *pegang*
    "cache": re.compile(r"\bcache\b", re.IGNORECASE),  # "data di komputer ini"
    "sinkron": re.compile(r"\b\w*sinkron\w*", re.IGNORECASE),  # "perbarui", "saat tersambung"
    "hr": re.compile(r"\d\s*hr\b|\bhr\b", re.IGNORECASE),  # durations in words: "59 hari"
    "mnt": re.compile(r"\bmnt\b", re.IGNORECASE),  # "menit"
    "jawaban siap pakai": re.compile(r"siap pakai", re.IGNORECASE),  # one name: *templat balasan*
}
SERVER = re.compile(r"\bserver\b", re.IGNORECASE)
# Where "server" is the right word: texts an admin reads, or the one-time setup of the link to the unit's server.
SERVER_CONTEXTS = {
    "SignInDialog": "connecting a computer to the unit's server: the address the admin gives out",
    "Settings": "connection settings (server address, its CA certificate), set by the admin or the installer",
    "Channels": "the channel accounts' status, an admin's and supervisor's screen",
    "ChannelsDialog": "the channel accounts' status, an admin's and supervisor's screen",
    "AuditDialog": "the audit log, a supervisor's and admin's tool",
}
SERVER_MESSAGES = {("Actions", "Connect to server…"): "opens the sign-in setup above"}


def _admin_context(name: str) -> bool:
    """The administration screens (their contexts are named Admin…) speak to admins."""
    return name.startswith("Admin")


def translations(path: Path = CATALOGUE) -> Iterator[tuple[str, str, str]]:
    """(context, source, translated text) of every message, each plural form on its own."""
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                continue
            forms = [form.text or "" for form in translation.iter("numerusform")] or [translation.text or ""]
            for text in forms:
                yield name, source, text


def vocabulary_problems(path: Path = CATALOGUE) -> list[str]:
    problems = []
    for context, source, text in translations(path):
        where = f"[{context}] {source!r} -> {text!r}"
        problems += [f"{word}: {where}" for word, pattern in FORBIDDEN.items() if pattern.search(text)]
        server_allowed = context in SERVER_CONTEXTS or (context, source) in SERVER_MESSAGES or _admin_context(context)
        if SERVER.search(text) and not server_allowed:
            problems.append(f"server in an officer's text: {where}")
        if source == "&Go" and "buka" in text.lower():
            problems.append(f"the Go menu navigates, it opens nothing: {where}")
    return problems


def test_the_indonesian_catalogue_speaks_one_vocabulary() -> None:
    problems = vocabulary_problems()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("translated", "word"),
    [
        ("Ambil tiket berikutnya", "tiket"),
        ("Belum diklaim", "klaim"),
        ("Tidak ada laporan serupa di cache Anda.", "cache"),
        ("Sinkronisasi terakhir: %1", "sinkron"),
        ("%1 hr %2 jam", "hr"),
        ("Jawaban siap pakai", "jawaban siap pakai"),
    ],
)
def test_each_forbidden_word_is_caught(tmp_path: Path, translated: str, word: str) -> None:
    """The scan is able to fail: a catalogue with one old word in one message is refused, naming the word."""
    catalogue = tmp_path / "aduan_id.ts"
    catalogue.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="id_ID"><context>'
        f"<name>InboxView</name><message><source>x</source><translation>{translated}</translation></message>"
        "</context></TS>",
        "utf-8",
    )
    assert [problem.split(":")[0] for problem in vocabulary_problems(catalogue)] == [word]


def test_server_is_refused_in_an_officers_text_and_kept_in_the_setup(tmp_path: Path) -> None:
    catalogue = tmp_path / "aduan_id.ts"
    catalogue.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="id_ID">'
        "<context><name>TicketView</name><message><source>a</source><translation>Server menolak</translation>"
        "</message></context><context><name>SignInDialog</name><message><source>b</source>"
        "<translation>Alamat server</translation></message></context>"
        "<context><name>MainWindow</name><message><source>&amp;Go</source><translation>&amp;Buka</translation>"
        "</message></context></TS>",
        "utf-8",
    )
    problems = vocabulary_problems(catalogue)
    assert len(problems) == 2
    assert problems[0].startswith("server in an officer's text: [TicketView]")
    assert problems[1].startswith("the Go menu navigates")
