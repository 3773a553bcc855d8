"""A confidential report with every kind of content, and a search of a cache file for any of it.

Shared by the confidentiality tests of the store, of a direct sync and of a sync through ``aduan server``.
The report is kanreg-1's (rudi's unit); sari supervises kanreg, the unit above, and sees the ticket.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from desktop.domain.scans import check_scans
from desktop.domain.vocabulary import Channel
from desktop.store import handling, scans
from desktop.store.service import Store
from tests.store.helpers import new_ticket

SUBJECT = "Pelecehan oleh kepala seksi"
MESSAGE = "Saya dilecehkan berulang kali oleh kepala seksi di ruang arsip lantai dua."
REPORTER = "Dewi Kartika Sari"
CONTACT = "dewi.kartika@example.org"
NOTE = "Saksi kedua bersedia memberi keterangan tertulis, hubungi @sari bila perlu"
SCAN = b"%PDF-1.4\n% bukti pelecehan kanreg-1 halaman satu\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# What no one outside the handling unit may hold, by name.
CONTENT: dict[str, str | bytes] = {
    "subject": SUBJECT,
    "message": MESSAGE,
    "reporter": REPORTER,
    "note": "Saksi kedua bersedia",
    "attachment": b"bukti pelecehan kanreg-1",
}


@dataclass(frozen=True)
class Report:
    id: UUID
    tracking_no: str
    sha256: str


def record_confidential(rudi: Store, unit: str = "kanreg-1") -> Report:
    """The report as rudi records it: a phone call, the reporter named, a scan, and an internal note."""
    made = new_ticket(
        rudi,
        unit=unit,
        subject=SUBJECT,
        body=MESSAGE,
        channel=Channel.EMAIL,
        reporter_name=REPORTER,
        reporter_contact=CONTACT,
        confidential=True,
    )
    checked = check_scans([("bukti.pdf", SCAN)])
    rudi.write(scans.attach_scans, made.id, checked)
    rudi.write(handling.add_note, made.id, NOTE)
    return Report(made.id, made.tracking_no, checked[0].sha256)


def _holds(value: object, needle: str | bytes) -> bool:
    if isinstance(value, str):
        return isinstance(needle, str) and needle in value
    if isinstance(value, bytes):
        return (needle if isinstance(needle, bytes) else needle.encode()) in value
    return False


def found_in_cache(path: Path) -> set[str]:
    """The names of the pieces of ``CONTENT`` found anywhere in the cache file's tables (every table, the
    full-text and similarity indexes' own included), as text or as bytes."""
    found: set[str] = set()
    with sqlite3.connect(path) as conn:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            try:
                rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            except sqlite3.DatabaseError:
                continue  # an FTS5 table's internal shadow that cannot be read as rows
            for row in rows:
                for value in row:
                    found.update(name for name, needle in CONTENT.items() if _holds(value, needle))
    return found
