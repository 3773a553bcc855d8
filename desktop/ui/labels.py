"""Translated names for the domain's codes (the domain itself carries codes, never display text)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..domain.status import Status

_STATUS = {
    Status.DITERIMA: QT_TRANSLATE_NOOP("Status", "Received"),
    Status.DIVERIFIKASI: QT_TRANSLATE_NOOP("Status", "Verified"),
    Status.DITINDAKLANJUTI: QT_TRANSLATE_NOOP("Status", "In follow-up"),
    Status.MENUNGGU_PELAPOR: QT_TRANSLATE_NOOP("Status", "Waiting for reporter"),
    Status.SELESAI: QT_TRANSLATE_NOOP("Status", "Finished"),
    Status.DITUNDA: QT_TRANSLATE_NOOP("Status", "On hold"),
    Status.BUKAN_WEWENANG: QT_TRANSLATE_NOOP("Status", "Not our authority"),
    Status.DIARSIPKAN: QT_TRANSLATE_NOOP("Status", "Archived"),
}


def status_label(status: Status) -> str:
    return QCoreApplication.translate("Status", _STATUS[status])
