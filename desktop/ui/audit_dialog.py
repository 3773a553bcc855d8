"""The audit log for admins and supervisors: filter by officer, report, kind of event and period, read the
entries in words, page to older ones and export what was found (CSV for spreadsheets, JSON).

The log lives on the server: every search goes over the network (``ops.net``), and offline the dialog says
so. The period's days are the workstation's calendar days (its time zone), both included.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QDate, QTimeZone
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ..domain.audit import AUDIT_ACTIONS, DEFAULT_TIMEZONE, AuditEntry, AuditPage, write_csv, write_json
from ..domain.errors import AduanError, Unreachable
from ..sync.session import Session
from .command_requests import request
from .errors import describe
from .history_view import entry_claim, entry_where, entry_who, entry_words
from .labels import local_time
from .ops import Ops
from .plain import plain_label

PAGE = 100


def workstation_timezone() -> str:
    """This computer's time zone as an IANA name the server knows; WIB when it has none such."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return DEFAULT_TIMEZONE
    return name


def search(session: Session, filters: dict[str, object]) -> AuditPage:
    """On the network pool: the commands are loaded on first use."""
    from ..server import commands

    return session.command(commands.audit_search, request(commands.AuditSearch, **filters))


class AuditDialog(QDialog):
    def __init__(self, session: Session, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.entries: list[AuditEntry] = []
        self.next_before: int | None = None
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Audit log"))
        self.resize(900, 560)

        self.officer = QLineEdit()
        self.officer.setObjectName("auditOfficer")
        self.officer.setPlaceholderText(self.tr("login, e.g. ani"))
        self.ticket = QLineEdit()
        self.ticket.setObjectName("auditTicket")
        self.ticket.setPlaceholderText(self.tr("tracking number, e.g. ADU-2026-000123"))
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.action.addItem(self.tr("Every kind"), None)
        for code in AUDIT_ACTIONS:
            self.action.addItem(code, code)  # the code, as in `aduan audit search --action`
        today = QDate.currentDate()
        self.use_since, self.since = QCheckBox(self.tr("From")), QDateEdit(today.addDays(-30))
        self.use_until, self.until = QCheckBox(self.tr("Until")), QDateEdit(today)
        for box, edit, name in ((self.use_since, self.since, "Since"), (self.use_until, self.until, "Until")):
            box.setObjectName(f"audit{name}Check")
            edit.setObjectName(f"audit{name}")
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
            edit.setEnabled(False)
            box.toggled.connect(edit.setEnabled)
        form = QFormLayout()
        form.addRow(self.tr("Officer"), self.officer)
        form.addRow(self.tr("Report"), self.ticket)
        form.addRow(self.tr("Kind of event"), self.action)
        period = QHBoxLayout()
        for widget in (self.use_since, self.since, self.use_until, self.until):
            period.addWidget(widget)
        period.addStretch(1)
        form.addRow(self.tr("Period"), period)

        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setObjectName("auditSearchButton")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.run_search)
        self.more_button = QPushButton(self.tr("Older entries"))
        self.more_button.setObjectName("auditMoreButton")
        self.more_button.setEnabled(False)
        self.more_button.clicked.connect(self.load_more)
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.csv_button.setObjectName("auditCsvButton")
        self.csv_button.clicked.connect(lambda: self.ask_export("csv"))
        self.json_button = QPushButton(self.tr("Export JSON…"))
        self.json_button.setObjectName("auditJsonButton")
        self.json_button.clicked.connect(lambda: self.ask_export("json"))
        buttons = QHBoxLayout()
        for button in (self.search_button, self.more_button, self.csv_button, self.json_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.status = plain_label(name="auditStatus", wrap=True)
        self.status.setVisible(False)
        headers = [self.tr("When"), self.tr("Report"), self.tr("Who"), self.tr("What"), self.tr("Claim")]
        self.table = QTableWidget(0, len(headers) + 1)
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels([*headers, self.tr("Where")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._enable_export()

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def filters(self) -> dict[str, object]:
        """The search as the server's request takes it (empty fields: no filter)."""
        return {
            "officer": self.officer.text().strip() or None,
            "ticket": self.ticket.text().strip() or None,
            "action": self.action.currentData(),
            "since": self.since.date().toPython() if self.use_since.isChecked() else None,
            "until": self.until.date().toPython() if self.use_until.isChecked() else None,
            "timezone": workstation_timezone(),
            "limit": PAGE,
        }

    @asyncSlot()
    async def run_search(self) -> None:
        self.entries, self.next_before = [], None
        self.table.setRowCount(0)
        await self._fetch(None)

    @asyncSlot()
    async def load_more(self) -> None:
        if self.next_before is not None:
            await self._fetch(self.next_before)

    async def _fetch(self, before: int | None) -> None:
        self.search_button.setEnabled(False)
        self.more_button.setEnabled(False)
        try:
            page = await self.ops.net(search, self.session, {**self.filters(), "before_id": before})
        except AduanError as exc:
            self.say(self._offline_text() if isinstance(exc, Unreachable) else describe(exc))
            return
        finally:
            with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
                self.search_button.setEnabled(True)
        self.entries.extend(page.entries)
        self.next_before = page.next_before
        self._show(page.entries)
        self.more_button.setEnabled(page.next_before is not None)
        self._enable_export()
        count = len(self.entries)
        self.say(self.tr("%n entries found.", "", count) if count else self.tr("Nothing matches this search."))

    def _show(self, entries: tuple[AuditEntry, ...]) -> None:
        for entry in entries:
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = (
                local_time(entry.created_at),
                entry.tracking_no or "",
                entry_who(entry),
                entry_words(entry),
                entry_claim(entry),
                entry_where(entry),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _offline_text(self) -> str:
        return self.tr("The audit log is kept on the server, which cannot be reached now. Try again when it can.")

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _enable_export(self) -> None:
        self.csv_button.setEnabled(bool(self.entries))
        self.json_button.setEnabled(bool(self.entries))

    def ask_export(self, kind: str) -> None:
        title = self.tr("Export the audit log")
        pattern = self.tr("CSV files (*.csv)") if kind == "csv" else self.tr("JSON files (*.json)")
        path, _chosen = QFileDialog.getSaveFileName(self, title, f"audit.{kind}", pattern)
        if path:
            self.export(Path(path), kind)

    def export(self, path: Path, kind: str) -> int:
        """Write the entries found so far to ``path``; returns how many. CSV cells are never formulas."""
        try:
            # With the byte-order mark for CSV: Excel on Windows then reads the file as UTF-8.
            with path.open("w", encoding="utf-8-sig" if kind == "csv" else "utf-8", newline="") as out:
                count = (write_csv if kind == "csv" else write_json)(self.entries, entry_words, out)
        except OSError as exc:
            self.say(self.tr("The file could not be written: %1").replace("%1", exc.strerror or str(exc)))
            return 0
        self.say(self.tr("%n entries exported.", "", count))
        return count
