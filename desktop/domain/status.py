"""Ticket statuses and the transitions allowed between them.

The defaults follow SP4N-LAPOR!: a report is received, verified, followed up, may wait for the
reporter, and is finished. It can be put on hold, declared outside the unit's authority (which sends it
back for a new disposition), archived, and reopened.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    DITERIMA = "diterima"
    DIVERIFIKASI = "diverifikasi"
    DITINDAKLANJUTI = "ditindaklanjuti"
    MENUNGGU_PELAPOR = "menunggu_pelapor"
    SELESAI = "selesai"
    DITUNDA = "ditunda"
    BUKAN_WEWENANG = "bukan_wewenang"
    DIARSIPKAN = "diarsipkan"

    @property
    def is_closed(self) -> bool:
        return self in CLOSED


CLOSED = frozenset({Status.SELESAI, Status.DIARSIPKAN})

# Each status in the words the app shows in Indonesian (the Indonesian of ui/labels.py in aduan_id.ts), for what
# is always in Indonesian whatever the window's language: the monthly recap, the citizens' status page.
INDONESIAN_NAMES: dict[Status, str] = {
    Status.DITERIMA: "Diterima",
    Status.DIVERIFIKASI: "Diverifikasi",
    Status.DITINDAKLANJUTI: "Ditindaklanjuti",
    Status.MENUNGGU_PELAPOR: "Menunggu tanggapan pelapor",
    Status.SELESAI: "Selesai",
    Status.DITUNDA: "Ditunda",
    Status.BUKAN_WEWENANG: "Bukan wewenang",
    Status.DIARSIPKAN: "Diarsipkan",
}

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.DITERIMA: frozenset({Status.DIVERIFIKASI, Status.BUKAN_WEWENANG, Status.DITUNDA, Status.DIARSIPKAN}),
    Status.DIVERIFIKASI: frozenset({Status.DITINDAKLANJUTI, Status.BUKAN_WEWENANG, Status.DITUNDA, Status.DIARSIPKAN}),
    Status.DITINDAKLANJUTI: frozenset({Status.MENUNGGU_PELAPOR, Status.SELESAI, Status.DITUNDA}),
    # The reporter answered (back to follow-up) or stayed silent past the deadline (finished).
    Status.MENUNGGU_PELAPOR: frozenset({Status.DITINDAKLANJUTI, Status.SELESAI}),
    Status.DITUNDA: frozenset({Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.DIARSIPKAN}),
    # Not this unit's authority: back to disposition, where it is received anew or archived.
    Status.BUKAN_WEWENANG: frozenset({Status.DITERIMA, Status.DIARSIPKAN}),
    # Reopening.
    Status.SELESAI: frozenset({Status.DITINDAKLANJUTI, Status.DIARSIPKAN}),
    Status.DIARSIPKAN: frozenset({Status.DITERIMA}),
}


def allowed_next(current: Status) -> frozenset[Status]:
    return TRANSITIONS[current]


def can_transition(current: Status, target: Status) -> bool:
    return target in TRANSITIONS[current]
