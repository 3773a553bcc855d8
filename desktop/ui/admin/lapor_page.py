"""SP4N-LAPOR!: import an export file (CSV or XLSX) into a unit's reports, with a summary of what was
created, what was there already and which rows were refused and why (admins); and write a unit's follow-ups
(answers and status changes, with their LAPOR! IDs) to a file for entering into LAPOR! (supervisors for their
units, admins). Files are read and written here, the rows come from where the data is; the window stays usable
while it runs."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ...domain.errors import AduanError
from ...domain.vocabulary import Role
from ...sync.lapor_files import write_lapor_followups
from ...sync.session import Session
from ..ops import Ops
from . import requests
from .calendar_page import TIMEZONES
from .page import AdminPage
from .units_page import unit_choices


class LaporPage(AdminPage):
    def __init__(self, session: Session, ops: Ops, role: Role | None, parent: QWidget | None = None) -> None:
        super().__init__(session, ops, role, parent)
        self.setObjectName("adminLapor")
        self.unit = QComboBox()
        self.unit.setObjectName("laporUnit")
        self.path = QLineEdit()
        self.path.setObjectName("laporFile")
        self.path.setPlaceholderText(self.tr("a LAPOR! export: .csv or .xlsx"))
        self.browse = QPushButton(self.tr("&Choose…"))
        self.browse.setObjectName("laporBrowse")
        self.browse.clicked.connect(self.choose_file)
        chosen = QHBoxLayout()
        chosen.addWidget(self.path, 1)
        chosen.addWidget(self.browse)
        self.timezone = QComboBox()
        self.timezone.setObjectName("laporTimezone")
        self.timezone.addItems(TIMEZONES)
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setObjectName("laporImport")
        self.import_button.clicked.connect(self.start_import)
        self.progress = QProgressBar()
        self.progress.setObjectName("laporProgress")
        self.progress.setRange(0, 0)  # busy: the server answers once, with the whole summary
        self.progress.setVisible(False)
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("laporSummary")
        self.summary.setReadOnly(True)
        self.summary.setAccessibleName(self.tr("Import summary"))
        box = QGroupBox(self.tr("Import LAPOR! reports"))
        form = QFormLayout(box)
        form.addRow(self.tr("&Unit:"), self.unit)
        form.addRow(self.tr("&File:"), chosen)
        form.addRow(self.tr("&Times in the file:"), self.timezone)
        form.addRow("", self.import_button)
        form.addRow("", self.progress)
        self.only_admins = QLabel(self.tr("Only admins import LAPOR! reports."))
        self.only_admins.setWordWrap(True)
        box.setVisible(self.admin)
        self.only_admins.setVisible(not self.admin)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.only_admins)
        layout.addWidget(box)
        layout.addWidget(self._export_box())
        layout.addWidget(self.summary, 1)

    def _export_box(self) -> QGroupBox:
        self.export_unit = QComboBox()
        self.export_unit.setObjectName("laporExportUnit")
        self.only_since = QCheckBox(self.tr("Only &since:"))
        self.only_since.setObjectName("laporOnlySince")
        self.since = QDateEdit(QDate.currentDate().addDays(-30))
        self.since.setObjectName("laporSince")
        self.since.setCalendarPopup(True)
        self.since.setEnabled(False)
        self.only_since.toggled.connect(self.since.setEnabled)
        since_row = QHBoxLayout()
        since_row.addWidget(self.only_since)
        since_row.addWidget(self.since, 1)
        self.export_button = QPushButton(self.tr("&Export to a file…"))
        self.export_button.setObjectName("laporExport")
        self.export_button.clicked.connect(self.choose_export_file)
        box = QGroupBox(self.tr("Follow-ups to enter into LAPOR!"))
        form = QFormLayout(box)
        form.addRow(self.tr("U&nit:"), self.export_unit)
        form.addRow("", since_row)
        form.addRow("", self.export_button)
        return box

    async def reload(self) -> None:
        try:
            units = await self.ask(requests.list_units)
        except AduanError as exc:
            self.refused(exc)
            return
        unit_choices(self.unit, units)
        unit_choices(self.export_unit, units)  # the server decides again which of them the officer may export

    def since_utc(self) -> datetime | None:
        """The start of the chosen day on this computer, as naive UTC (what the server's ``since`` means)."""
        if not self.only_since.isChecked():
            return None
        start = QDateTime(self.since.date(), QTime(0, 0))  # local time: the day as the officer reads it
        return datetime.fromtimestamp(start.toSecsSinceEpoch(), UTC).replace(tzinfo=None)

    def choose_export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the follow-ups"), "tindak-lanjut-lapor.xlsx", self.tr("Spreadsheets (*.xlsx *.csv)")
        )
        if path:
            self.export_to(path)

    @asyncSlot(str)
    async def export_to(self, path: str) -> None:
        unit = self.export_unit.currentData()
        if not unit:
            self.say(self.tr("Choose the unit first."))
            return
        moment = self.since_utc()
        self.export_button.setEnabled(False)
        self.say(self.tr("Exporting…"))
        try:
            written = await self.ask(write_lapor_followups, unit, moment, path)
        except AduanError as exc:
            self.refused(exc)
            return
        finally:
            if self.alive():
                self.export_button.setEnabled(True)
        text = self.tr("%1 follow-ups (%2 answers, %3 status changes) written to %4.")
        text = text.replace("%1", str(written.rows)).replace("%2", str(written.answers))
        self.say(text.replace("%3", str(written.rows - written.answers)).replace("%4", written.path))

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a LAPOR! export"), "", self.tr("LAPOR! exports (*.csv *.xlsx)")
        )
        if path:
            self.path.setText(path)

    @asyncSlot()
    async def start_import(self) -> None:
        path, unit = self.path.text().strip(), self.unit.currentData()
        if not path or not unit:
            self.say(self.tr("Choose the unit and the file first."))
            return
        self.summary.clear()
        self.import_button.setEnabled(False)
        self.progress.setVisible(True)
        self.say(self.tr("Importing…"))
        try:
            imported = await self.ask(requests.import_lapor, unit, path, self.timezone.currentText())
        except AduanError as exc:
            self.refused(exc)
            return
        finally:
            if self.alive():
                self.import_button.setEnabled(True)
                self.progress.setVisible(False)
        report = imported.report
        counts = self.tr("%1 created, %2 already present, %3 refused.")
        counts = counts.replace("%1", str(len(report.created)))
        counts = counts.replace("%2", str(len(report.present))).replace("%3", str(len(report.rejected)))
        self.say(counts)
        lines = [
            self.tr("Row %1: LAPOR! %2 → %3")
            .replace("%1", str(r.row))
            .replace("%2", r.lapor_id)
            .replace("%3", r.tracking_no)
            for r in report.created
        ]
        lines += [
            self.tr("Row %1: refused: %2").replace("%1", str(r.row)).replace("%2", r.reason) for r in report.rejected
        ]
        if imported.missing_columns:
            lines.append(
                self.tr("The file has no column %1; those fields stay empty.").replace(
                    "%1", ", ".join(imported.missing_columns)
                )
            )
        self.summary.setPlainText("\n".join(lines))
