"""The statistics window's "Monthly recap…": which month (last month by default), which file, then the recap
of the unit chosen in the filters, asked of the server (``stats recap``) and written as PDF or XLSX by the
file's suffix. The recap's content is in Indonesian whatever the window's language (``recap_pdf.py``)."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QWidget

from ...domain.errors import AduanError
from ...sync.session import Session
from ..command_requests import request

if TYPE_CHECKING:
    from ...reports.recap import MonthlyRecap
    from .window import StatsWindow

SUFFIXES = (".pdf", ".xlsx")


def ask_recap(session: Session, units: tuple[str, ...], month: date) -> MonthlyRecap:
    from ...server import commands

    query = request(commands.RecapQuery, units=list(units), month=f"{month:%Y-%m}")
    return session.command(commands.stats_recap, query)


def write_xlsx(recap: MonthlyRecap, path: Path) -> None:
    from ...reports.recap_xlsx import write_recap_xlsx

    write_recap_xlsx(recap, path)


class RecapMonthDialog(QDialog):
    """Asks for the month; opened without a nested event loop (qasync's runs the window)."""

    def __init__(self, month: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recapMonthDialog")
        self.setWindowTitle(self.tr("Monthly recap"))
        self.month_edit = QDateEdit(QDate(month.year, month.month, 1))
        self.month_edit.setObjectName("recapMonth")
        self.month_edit.setDisplayFormat("MMMM yyyy")
        self.month_edit.setCalendarPopup(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Month:"), self.month_edit)
        form.addRow(buttons)
        self.month_edit.setAccessibleName(self.tr("Month of the recap"))

    def month(self) -> date:
        chosen = self.month_edit.date()
        return date(chosen.year(), chosen.month(), 1)


class RecapSaver(QObject):
    """Belongs to the statistics window: asks month and file, then writes."""

    def __init__(self, window: StatsWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: RecapMonthDialog | None = None
        self.saved: Path | None = None  # the last file written (tests wait on it)
        self.task: asyncio.Future[Path | None] | None = None

    def ask(self) -> None:
        today = self.window.filters.today
        previous = (today.replace(day=1) - date.resolution).replace(day=1)
        self.dialog = RecapMonthDialog(previous, self.window)
        self.dialog.accepted.connect(lambda: self._choose_file(self.dialog.month() if self.dialog else previous))
        self.dialog.open()

    def _choose_file(self, month: date) -> None:
        units = self.window.filters.wanted().units
        stem = f"rekap-{units[0] if units else 'semua-unit'}-{month:%Y-%m}"
        path, chosen = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save the monthly recap"),
            str(Path.home() / f"{stem}.pdf"),
            self.tr("PDF (*.pdf);;Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in SUFFIXES:
            target = target.with_suffix(".xlsx" if "xlsx" in chosen else ".pdf")
        self.task = asyncio.ensure_future(self.save(month, target))

    async def save(self, month: date, path: Path) -> Path | None:
        """The recap of ``month`` for the filters' unit, written to ``path`` (PDF or XLSX by its suffix)."""
        window = self.window
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            window.say(self.tr("Save the recap as a .pdf or an .xlsx file."))
            window.failed = True
            return None
        window.say(self.tr("Making the monthly recap…"))
        try:
            recap = await window.ops.net(ask_recap, window.session, window.filters.wanted().units, month)
            if not window.alive():
                return None
            if suffix == ".pdf":
                from .recap_pdf import write_recap_pdf

                write_recap_pdf(recap, path)  # Qt's text engine: on the window's thread
            else:
                await window.ops.net(write_xlsx, recap, path)
        except AduanError as exc:
            if window.alive():
                window.refused(exc)
            return None
        if window.alive():
            window.say(self.tr("Monthly recap saved to %1.").replace("%1", str(path)))
        self.saved = path
        return path
