"""Translated names for the domain's codes (the domain itself carries codes, never display text)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from ..domain.status import Status
from ..domain.translatable import QT_TRANSLATE_NOOP
from ..domain.vocabulary import Channel, Kind, Priority, Role

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
_KIND = {
    Kind.ASPIRASI: QT_TRANSLATE_NOOP("Kind", "Aspiration"),
    Kind.PENGADUAN: QT_TRANSLATE_NOOP("Kind", "Complaint"),
    Kind.PERMINTAAN_INFORMASI: QT_TRANSLATE_NOOP("Kind", "Information request"),
}
_CHANNEL = {
    Channel.EMAIL: QT_TRANSLATE_NOOP("Channel", "E-mail"),
    Channel.TELEGRAM: QT_TRANSLATE_NOOP("Channel", "Telegram"),
    Channel.WHATSAPP: QT_TRANSLATE_NOOP("Channel", "WhatsApp"),
    Channel.X: QT_TRANSLATE_NOOP("Channel", "X"),
    Channel.FACEBOOK: QT_TRANSLATE_NOOP("Channel", "Facebook"),
    Channel.INSTAGRAM: QT_TRANSLATE_NOOP("Channel", "Instagram"),
    Channel.LAPOR: QT_TRANSLATE_NOOP("Channel", "SP4N-LAPOR!"),
    Channel.SMS: QT_TRANSLATE_NOOP("Channel", "SMS"),
    Channel.WEB: QT_TRANSLATE_NOOP("Channel", "Web form"),
    Channel.PHONE: QT_TRANSLATE_NOOP("Channel", "Phone"),
    Channel.WALK_IN: QT_TRANSLATE_NOOP("Channel", "Walk-in"),
    Channel.LETTER: QT_TRANSLATE_NOOP("Channel", "Letter"),
}
_PRIORITY = {
    Priority.RENDAH: QT_TRANSLATE_NOOP("Priority", "Low"),
    Priority.SEDANG: QT_TRANSLATE_NOOP("Priority", "Normal"),
    Priority.TINGGI: QT_TRANSLATE_NOOP("Priority", "High"),
    Priority.DARURAT: QT_TRANSLATE_NOOP("Priority", "Urgent"),
}
_ROLE = {
    Role.OFFICER: QT_TRANSLATE_NOOP("Role", "Officer"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("Role", "Supervisor"),
    Role.ADMIN: QT_TRANSLATE_NOOP("Role", "Admin"),
}


def status_label(status: Status) -> str:
    return QCoreApplication.translate("Status", _STATUS[status])


def kind_label(kind: Kind) -> str:
    return QCoreApplication.translate("Kind", _KIND[kind])


def channel_label(channel: Channel) -> str:
    return QCoreApplication.translate("Channel", _CHANNEL[channel])


def priority_label(priority: Priority) -> str:
    return QCoreApplication.translate("Priority", _PRIORITY[priority])


def role_label(role: Role) -> str:
    return QCoreApplication.translate("Role", _ROLE[role])


def shown_subject(subject: str, content_withheld: bool) -> str:
    """A ticket's subject, or for a confidential report whose content the server withheld from this officer
    (its subject arrives empty) a marker that says so, so the row or title is never blank without a reason."""
    if content_withheld:
        return QCoreApplication.translate("Confidential", "(confidential — content restricted to the handling unit)")
    return subject


def local_time(moment: datetime | None, with_date: bool = True) -> str:
    """A naive-UTC moment from the cache, in the workstation's time zone, written the way of the UI's language
    (``QLocale()``, which ``i18n.install`` sets to it, not the system's): "4 Des 2026 21.29", "4 Dec 2026 21:29".

    The one writer of dates and times in the window; always the 24-hour clock, the desk's habit in both languages.
    """
    if moment is None:
        return ""
    shown = moment.replace(tzinfo=UTC).astimezone()
    locale = QLocale()
    separator = "." if "." in locale.timeFormat(QLocale.FormatType.ShortFormat) else ":"
    clock = f"{shown:%H}{separator}{shown:%M}"
    if not with_date:
        return clock
    return locale.toString(QDate(shown.year, shown.month, shown.day), "d MMM yyyy") + " " + clock


def local_today() -> date:
    """The workstation's calendar day now (the one clock read behind ``local_until``)."""
    return datetime.now().astimezone().date()


def local_until(moment: datetime, today: date | None = None) -> str:
    """When something runs out (a claim's lease): the time alone if that is today here, with the date if not.

    A four-hour lease taken in the evening ends tomorrow, and "until 02.30" alone would read as this morning.
    """
    day = moment.replace(tzinfo=UTC).astimezone().date()
    return local_time(moment, with_date=day != (local_today() if today is None else today))


def time_left(seconds: float) -> str:
    """A countdown in words, never a colour alone and short enough for a narrow column: "59 days",
    "1 day 3 h", "3 h 20 min", "45 min", "overdue 3 h" (Indonesian: "59 hari", "3 jam 20 menit")."""
    overdue = seconds < 0
    left = abs(int(seconds))
    days, rest = divmod(left, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    if days >= 2:  # past two days the hours no longer change what an officer does, and the column stays narrow
        amount = QCoreApplication.translate("Time", "%1 days").replace("%1", str(days))
    elif days and hours:
        amount = QCoreApplication.translate("Time", "1 day %1 h").replace("%1", str(hours))
    elif days:
        amount = QCoreApplication.translate("Time", "1 day")
    elif hours:
        amount = QCoreApplication.translate("Time", "%1 h %2 min").replace("%1", str(hours)).replace("%2", str(minutes))
    else:
        amount = QCoreApplication.translate("Time", "%1 min").replace("%1", str(max(minutes, 1 if left else 0)))
    if overdue:
        return QCoreApplication.translate("Time", "overdue %1").replace("%1", amount)
    return amount
