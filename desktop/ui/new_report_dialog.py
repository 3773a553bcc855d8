"""Recording a report taken by phone, at the desk (walk-in) or by letter, with scanned documents.

It works offline like every desk action: the report is queued with its scans (their bytes wait in the
cache) and the server numbers it when it arrives. Files are read and checked on the network pool as they
are chosen — a file may sit on a network share — and a refused file is named with the reason while the
others are kept. The dialog stays open until the desk has queued the report: a refusal is shown inside
it and nothing typed or chosen is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ..domain.errors import AduanError
from ..domain.operations import Op
from ..domain.scans import (
    ENDINGS,
    FORMAT_NAMES,
    MAX_REPORT_SCAN_BYTES,
    MAX_SCAN_BYTES,
    Problem,
    Scan,
    ScanRefused,
    check_report_limits,
    check_scan,
    check_size,
    clean_filename,
    expected_type,
    mib,
)
from ..domain.vocabulary import Channel, Kind, Priority
from ..sync.session import Session
from ..views.report_form import ReportChoices, load_report_choices
from ..views.unit_tree import UnitNode, load_unit_nodes
from .errors import describe
from .labels import channel_label, kind_label, priority_label
from .ops import Ops
from .plain import plain_tooltip
from .related_dialogs import ActingDialog
from .ticket_dialogs import normalised
from .unit_picker import UnitPicker

MANUAL_CHANNELS = (Channel.PHONE, Channel.WALK_IN, Channel.LETTER)


class NewReport(TypedDict):
    """The desk's ``create`` arguments."""

    unit: str
    kind: Kind
    channel: Channel
    subject: str
    body: str
    priority: Priority
    category: str | None
    reporter_name: str | None
    reporter_contact: str | None
    anonymous: bool
    confidential: bool
    attachments: tuple[Scan, ...]


@dataclass
class ReadScans:
    """What came of reading the chosen files: the scans taken, and a refusal for each other file."""

    scans: list[Scan] = field(default_factory=list)
    refusals: list[ScanRefused | tuple[str, str]] = field(default_factory=list)  # or (file name, OS error)


def read_scans(paths: Sequence[str], chosen: Sequence[Scan]) -> ReadScans:
    """Read and check files (network pool); each one within the report's limits with those before it."""
    read = ReadScans()
    for path in paths:
        name = clean_filename(path)
        try:
            expected_type(name)  # by name first: a program is not even read
            check_size(name, Path(path).stat().st_size)  # an oversized file is refused without reading it
            scan = check_scan(name, Path(path).read_bytes())
            check_report_limits([*chosen, *read.scans], scan)
        except ScanRefused as refused:
            read.refusals.append(refused)
            continue
        except OSError as exc:
            read.refusals.append((name, exc.strerror or str(exc)))
            continue
        read.scans.append(scan)
    return read


def refusal_text(refused: ScanRefused | tuple[str, str]) -> str:
    """Why one file was not attached, naming it, in the officer's language."""

    if isinstance(refused, tuple):
        name, reason = refused
        return (
            QCoreApplication.translate("NewReport", "%1 could not be read: %2")
            .replace("%1", name)
            .replace("%2", reason)
        )
    name, problem = refused.filename, refused.problem
    if problem is Problem.TYPE:
        text = QCoreApplication.translate(
            "NewReport", "%1 was not attached: only PDF, JPEG, PNG and TIFF scans are taken."
        )
    elif problem is Problem.CONTENT:
        kind = FORMAT_NAMES.get(expected_type(name), "")
        text = QCoreApplication.translate(
            "NewReport", "%1 was not attached: it is not the %2 file its name says."
        ).replace("%2", kind)
    elif problem is Problem.EMPTY:
        text = QCoreApplication.translate("NewReport", "%1 was not attached: the file is empty.")
    elif problem is Problem.TOO_LARGE:
        text = QCoreApplication.translate("NewReport", "%1 was not attached: it is %2, and a scan may be at most %3.")
        text = text.replace("%2", mib(refused.size)).replace("%3", mib(refused.limit))
    elif problem is Problem.TOO_MANY:
        text = QCoreApplication.translate(
            "NewReport", "%1 was not attached: a report may carry at most %2 scans."
        ).replace("%2", str(refused.limit))
    else:
        text = QCoreApplication.translate(
            "NewReport", "%1 was not attached: together the scans would be %2, and a report may carry at most %3."
        )
        text = text.replace("%2", mib(refused.size)).replace("%3", mib(refused.limit))
    return text.replace("%1", name)


class NewReportDialog(ActingDialog):
    """Channel, unit, kind, category, priority, subject and text; the reporter (or anonymous); scans."""

    # The report was queued: the window shows it and syncs.
    created = Signal(object)

    def __init__(self, session: Session, ops: Ops, parent: QWidget | None = None, preferred_unit: str = "") -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        # The workstation's unit (setting "unit", usually from the unit policy): chosen first when I may use it.
        self.preferred_unit = preferred_unit
        self.choices: ReportChoices | None = None
        self.scans: list[Scan] = []
        self.reading = False
        self.created_op: Op | None = None
        self.setObjectName("newReportDialog")
        self.setWindowTitle(self.tr("New report"))
        self.resize(900, 600)
        self.ok_button.setText(self.tr("Record report"))
        self.submitted.connect(self._submit)

        self.channel = self._combo("reportChannel", self.tr("Channel"))
        for channel in MANUAL_CHANNELS:
            self.channel.addItem(channel_label(channel), channel.value)
        # A searchable tree in natural order (ui/unit_picker.py), placed by ``unit_nodes`` once they are read.
        self.unit = UnitPicker()
        self.unit.setObjectName("reportUnit")
        self.unit.setAccessibleName(self.tr("Unit"))
        self.unit_nodes: list[UnitNode] = []
        self.kind = self._combo("reportKind", self.tr("Kind"))
        for kind in Kind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.kind.setCurrentIndex(self.kind.findData(Kind.PENGADUAN.value))
        self.category = self._combo("reportCategory", self.tr("Category"))
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        category_line = self.category.lineEdit()
        assert category_line is not None  # an editable combo box has one
        category_line.setMaxLength(100)
        category_line.setPlaceholderText(self.tr("optional"))
        self.priority = self._combo("reportPriority", self.tr("Priority"))
        for priority in Priority:
            self.priority.addItem(priority_label(priority), int(priority))
        self.priority.setCurrentIndex(self.priority.findData(int(Priority.SEDANG)))
        self.subject = self._line("reportSubject", self.tr("Subject"), 300)
        self.text = QPlainTextEdit()
        self.text.setObjectName("reportText")
        self.text.setAccessibleName(self.tr("What the reporter said or wrote"))
        self.text.setPlaceholderText(self.tr("What the reporter said or wrote, in their words where possible."))
        self.text.setTabChangesFocus(True)

        self.reporter_name = self._line("reporterName", self.tr("Reporter's name"), 200)
        self.reporter_contact = self._line("reporterContact", self.tr("Reporter's contact"), 320)
        self.reporter_contact.setPlaceholderText(self.tr("Phone number, address or e-mail"))
        self.anonymous = QCheckBox(self.tr("&Anonymous: the reporter's identity is not recorded"))
        self.anonymous.setObjectName("reportAnonymous")
        self.anonymous.toggled.connect(self._anonymous_toggled)
        self.confidential = QCheckBox(self.tr("&Confidential: only the handling unit reads the content"))
        self.confidential.setObjectName("reportConfidential")

        self.scan_list = QListWidget()
        self.scan_list.setObjectName("reportScans")
        self.scan_list.setAccessibleName(self.tr("Scanned documents"))
        self.scan_list.itemSelectionChanged.connect(self._enable_remove)
        self.add_button = QPushButton(self.tr("Add &scans…"))
        self.add_button.setObjectName("reportAddScans")
        self.add_button.clicked.connect(self.choose_scans)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setObjectName("reportRemoveScan")
        self.remove_button.clicked.connect(self.remove_selected)
        self.scan_hint = QLabel(
            self.tr("PDF, JPEG, PNG or TIFF; at most %1 each and %2 together.")
            .replace("%1", mib(MAX_SCAN_BYTES))
            .replace("%2", mib(MAX_REPORT_SCAN_BYTES))
        )
        self.scan_hint.setObjectName("reportScanHint")
        self.scan_hint.setWordWrap(True)

        self._lay_out()
        self._enable_remove()

    # -- building ----------------------------------------------------------------------------------------

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        return combo

    def _line(self, name: str, accessible: str, limit: int) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        line.setMaxLength(limit)
        return line

    def _lay_out(self) -> None:
        report = QFormLayout()
        report.addRow(self.tr("C&hannel:"), self.channel)
        report.addRow(self.tr("&Unit:"), self.unit)
        report.addRow(self.tr("&Kind:"), self.kind)
        report.addRow(self.tr("Ca&tegory:"), self.category)
        report.addRow(self.tr("&Priority:"), self.priority)
        report.addRow(self.tr("Su&bject:"), self.subject)
        report.addRow(self.tr("Te&xt:"), self.text)
        report_box = QGroupBox(self.tr("Report"))
        report_box.setLayout(report)

        reporter = QFormLayout()
        reporter.addRow(self.tr("&Name:"), self.reporter_name)
        reporter.addRow(self.tr("C&ontact:"), self.reporter_contact)
        reporter.addRow(self.anonymous)
        reporter.addRow(self.confidential)
        reporter_box = QGroupBox(self.tr("Reporter"))
        reporter_box.setLayout(reporter)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        scans = QVBoxLayout()
        scans.addWidget(self.scan_list, 1)
        scans.addWidget(self.scan_hint)
        scans.addLayout(buttons)
        scans_box = QGroupBox(self.tr("Scanned documents"))
        scans_box.setLayout(scans)

        right = QVBoxLayout()
        right.addWidget(reporter_box)
        right.addWidget(scans_box, 1)
        columns = QHBoxLayout()
        columns.addWidget(report_box, 3)
        columns.addLayout(right, 2)
        self.body.addLayout(columns, 1)
        self.finish_layout()

    # -- loading -----------------------------------------------------------------------------------------

    def open(self) -> None:
        super().open()
        self.load()

    @asyncSlot()
    async def load(self) -> None:
        self.ok_button.setEnabled(False)
        try:
            choices = await self.ops.db(load_report_choices, self.session.cache)
            self.unit_nodes = await self.ops.db(load_unit_nodes, self.session.cache)
        except AduanError as exc:
            self.show_problem(describe(exc))
            return
        self.fill(choices)

    def fill(self, choices: ReportChoices) -> None:
        self.choices = choices
        self.unit.set_units(choices.units, self.unit_nodes)
        # The workstation's unit when I may use it, else my first (report_units lists mine first).
        if not (self.preferred_unit and self.unit.set_current_code(self.preferred_unit)) and choices.units:
            self.unit.set_current_code(choices.units[0][0])
        typed = self.category.currentText()
        self.category.addItems(choices.categories)
        self.category.setEditText(typed)  # suggestions only: what was typed meanwhile stays
        if not choices.units:
            self.show_problem(self.tr("This computer does not know your units yet: sync first."))
            return
        self.ok_button.setEnabled(not self.busy)
        self.subject.setFocus()

    # -- scans -------------------------------------------------------------------------------------------

    def choose_scans(self) -> None:
        dialog = QFileDialog(self, self.tr("Add scans"))
        dialog.setObjectName("reportScanChooser")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        patterns = " ".join(f"*{ending}" for ending in ENDINGS)
        dialog.setNameFilters([self.tr("Scans (%1)").replace("%1", patterns), self.tr("All files (*)")])
        dialog.filesSelected.connect(self.add_files)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @asyncSlot(list)
    async def add_files(self, paths: list[str]) -> None:
        if not paths:
            return
        self.reading = True
        self.add_button.setEnabled(False)
        try:
            read = await self.ops.net(read_scans, list(paths), list(self.scans))
        finally:
            self.reading = False
            self.add_button.setEnabled(True)
        for scan in read.scans:
            self.scans.append(scan)
            item = QListWidgetItem(f"{scan.filename} — {mib(scan.size)}")
            item.setToolTip(plain_tooltip(scan.filename))
            self.scan_list.addItem(item)
        self.show_problem("\n".join(refusal_text(r) for r in read.refusals))

    def remove_selected(self) -> None:
        for item in self.scan_list.selectedItems():
            del self.scans[self.scan_list.row(item)]
            self.scan_list.takeItem(self.scan_list.row(item))
        self._enable_remove()

    def _enable_remove(self) -> None:
        self.remove_button.setEnabled(bool(self.scan_list.selectedItems()))

    # -- the report --------------------------------------------------------------------------------------

    def _anonymous_toggled(self, anonymous: bool) -> None:
        # Kept, only set aside: unticking brings back what was typed.
        self.reporter_name.setEnabled(not anonymous)
        self.reporter_contact.setEnabled(not anonymous)

    def problem(self) -> str:
        if self.choices is None:
            return self.tr("Wait a moment: the form is still being filled.")
        if self.reading:
            return self.tr("Wait until the chosen scans are read.")
        if not self.unit.currentData():
            return self.tr("Choose the unit that handles the report.")
        if not normalised(self.subject.text()):
            return self.tr("Give the report a subject.")
        if not self.text.toPlainText().strip():
            return self.tr("Write down what the reporter said or wrote.")
        return ""

    def report(self) -> NewReport:
        """The report as the form stands."""
        anonymous = self.anonymous.isChecked()
        return {
            "unit": str(self.unit.currentData()),
            "kind": Kind(self.kind.currentData()),
            "channel": Channel(self.channel.currentData()),
            "subject": self.subject.text(),
            "body": self.text.toPlainText(),
            "priority": Priority(int(self.priority.currentData())),
            "category": normalised(self.category.currentText()) or None,
            "reporter_name": None if anonymous else normalised(self.reporter_name.text()) or None,
            "reporter_contact": None if anonymous else normalised(self.reporter_contact.text()) or None,
            "anonymous": anonymous,
            "confidential": self.confidential.isChecked(),
            "attachments": tuple(self.scans),
        }

    # -- leaving -----------------------------------------------------------------------------------------

    def has_content(self) -> bool:
        """Whether the officer typed or attached anything that closing would lose."""
        typed = [self.subject.text(), self.text.toPlainText(), self.category.currentText()]
        typed += [self.reporter_name.text(), self.reporter_contact.text()]
        return any(value.strip() for value in typed) or bool(self.scans)

    def reject(self) -> None:
        """Escape, Cancel and the window's close button: a filled-in report is not thrown away without asking."""
        if self.busy or not self.has_content():
            if not self.busy:
                super().reject()
            return
        if self.findChild(QMessageBox, "discardReportBox") is not None:
            return  # already asking
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("New report"),
            self.tr("Discard this report? What you typed and the scans you added are not kept."),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("discardReportBox")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Escape twice must not lose the report
        box.finished.connect(box.deleteLater)
        box.button(QMessageBox.StandardButton.Discard).clicked.connect(lambda: QDialog.reject(self))
        box.open()

    @asyncSlot()
    async def _submit(self) -> None:
        report = self.report()  # read here: widgets are the GUI thread's
        try:
            op = await self.ops.db(self.session.desk.create, **report)
        except ScanRefused as refused:
            self.refused(refusal_text(refused))
            return
        except AduanError as exc:
            self.refused(describe(exc))
            return
        self.created_op = op
        self.created.emit(op)
        self.succeeded()
