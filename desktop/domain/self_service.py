"""A citizen asks how their report is doing ("status ADU-2026-000123", "cek", "cek status laporan saya"): what
counts as such a request, and the words of the answer. Pure: the store decides who may hear what
(``store/self_service.py``).

The rule for a request: a keyword (``status``, ``statusnya``, ``cek``, ``check``), at most one tracking number,
and otherwise only courtesy and filler words ("mohon", "laporan", "saya", "terima kasih"…), in a short message.
A single word that carries content ("cek jalan rusak di depan rumah") makes it a report, as does a second
tracking number or a long text: when in doubt the message reaches an officer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .status import Status

MAX_REQUEST_CHARS = 160
MAX_REQUEST_WORDS = 16
MAX_ANSWER_QUOTE_CHARS = 300  # the officer's last answer, as much of it as a status message carries
MAX_SUBJECT_QUOTE_CHARS = 80

KEYWORDS = frozenset({"status", "statusnya", "cek", "check"})
# Words that ask politely, greet or name the report, and nothing more. A word outside this list and the
# keywords makes the message a report (an officer reads it), never a status request.
FILLER = frozenset(
    {
        # the report and its owner
        *("laporan", "laporannya", "aduan", "pengaduan", "tiket", "nomor", "nomer", "no", "nmr", "saya", "aku"),
        *("sy", "kami", "my", "report", "ticket", "number", "of", "the", "for", "on", "is", "what", "how"),
        # asking
        *("mohon", "tolong", "minta", "bisa", "boleh", "mau", "ingin", "tanya", "apa", "bagaimana", "gimana"),
        *("sudah", "udah", "sampai", "mana", "sejauh", "untuk", "atas", "perkembangan", "progres", "progress"),
        *("update", "kabar", "terbaru", "terakhir", "dulu", "please", "pls", "lapor"),
        # courtesy and address
        *("dong", "ya", "yah", "kak", "pak", "bu", "ibu", "bapak", "mas", "mbak", "min", "admin", "gan"),
        *("terima", "kasih", "makasih", "trims", "tq", "thanks", "thank", "you", "halo", "hallo", "hai", "hi"),
        *("hello", "selamat", "pagi", "siang", "sore", "malam", "permisi", "assalamualaikum"),
    }
)

# "ADU-2026-000123" as officers see it, in any case, with dashes, spaces or nothing between the parts; the
# serial may lose its leading zeros ("adu 2026 123"). Not part of a longer run of letters or digits.
_NUMBER = re.compile(r"(?<![^\W_])adu[\s\-_./]*(\d{4})[\s\-_./]*(\d{1,6})(?![^\W_])", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class StatusRequest:
    tracking_no: str | None  # ADU-YYYY-NNNNNN as stored; None: the contact's latest report


def status_request(text: str | None) -> StatusRequest | None:
    """The status request ``text`` is, or None when it is anything else (a report, a follow-up)."""
    cleaned = (text or "").strip()
    if not cleaned or len(cleaned) > MAX_REQUEST_CHARS:
        return None
    numbers = {f"ADU-{m.group(1)}-{int(m.group(2)):06d}" for m in _NUMBER.finditer(cleaned)}
    if len(numbers) > 1:
        return None
    words = _WORD.findall(_NUMBER.sub(" ", cleaned).lower())
    if len(words) > MAX_REQUEST_WORDS or not any(w in KEYWORDS for w in words):
        return None
    if any(w not in KEYWORDS and w not in FILLER for w in words):
        return None
    return StatusRequest(next(iter(numbers)) if numbers else None)


# What a citizen reads about each status (Indonesian, the language of the acknowledgement). The web form's
# private status link shows the same words.
STATUS_WORDS: dict[Status, str] = {
    Status.DITERIMA: "diterima, menunggu verifikasi",
    Status.DIVERIFIKASI: "sudah diverifikasi",
    Status.DITINDAKLANJUTI: "sedang ditindaklanjuti",
    Status.MENUNGGU_PELAPOR: "menunggu tanggapan Anda",
    Status.SELESAI: "selesai",
    Status.DITUNDA: "ditunda sementara",
    Status.BUKAN_WEWENANG: "sedang dialihkan ke instansi yang berwenang",
    Status.DIARSIPKAN: "diarsipkan",
}

# The one answer for every request that cannot be answered: no such number, someone else's report, an
# anonymous one. It never depends on the number asked, so nobody learns which numbers exist.
NEUTRAL_ANSWER = (
    "Mohon maaf, kami tidak menemukan laporan atas nomor tersebut untuk kontak ini. "
    "Tuliskan nomor laporan persis seperti pada tanda terima Anda, misalnya: status ADU-2026-000123."
)


def status_answer(tracking_no: str, subject: str, status: Status, last_answer: str | None) -> str:
    """The status of a report and the unit's last answer to the reporter, shortened when long."""
    lines = [
        f"Status laporan {tracking_no} (perihal: {shortened(subject, MAX_SUBJECT_QUOTE_CHARS)}): "
        f"{STATUS_WORDS[status]}."
    ]
    if last_answer and last_answer.strip():
        lines.append(f"Tanggapan terakhir kami: {shortened(last_answer, MAX_ANSWER_QUOTE_CHARS)}")
    else:
        lines.append("Belum ada tanggapan tertulis dari kami.")
    lines.append("Kirim 'status' kapan saja untuk melihat perkembangannya.")
    return "\n".join(lines)


def shortened(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary with "…" when longer than ``limit``."""
    flat = _SPACES.sub(" ", text).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"
