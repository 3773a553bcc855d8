"""Managing canned responses, for supervisors (their units' templates) and admins (every one, and the
global ones): the list, a form to add a template or change its wording, retiring and restoring, and the
versions of each template.

Every change is one of the commands beside sync (``server/commands.py``), run as the signed-in officer
on the network pool — through the Aduan server, or on the embedded database directly: a changed wording is
a new version centrally (what was already sent is untouched) and reaches officers' computers with their
next sync. Without a connection the dialog says so and changes nothing; officers keep using the templates
their computer has. The server decides who may change what; the dialog only leaves out what would be
refused (an officer reads the templates, and changes none).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ..domain.canned import VARIABLES, CannedTemplate, ManageScope, MissingVariable, check_template
from ..domain.errors import AduanError, Unreachable
from ..sync.session import Session
from .command_requests import request
from .errors import describe
from .labels import local_time
from .ops import Ops
from .plain import plain_label, plain_tooltip

COLUMNS = ("title", "key", "unit", "version", "state")


@dataclass(frozen=True, slots=True)
class Managed:
    templates: list[CannedTemplate]
    scope: ManageScope


# The commands are loaded on first use (pydantic and the server's schemas), on the network pool: opening
# the window does not wait for them.


def load_templates(session: Session) -> Managed:
    """Every template the officer sees, retired ones too, and where they may make changes (network pool)."""
    from ..server import commands

    templates = session.command(commands.canned_list, commands.CannedList(all=True))
    return Managed(templates, session.command(commands.canned_scope, commands.Nothing()))


def load_history(session: Session, key: str) -> list[CannedTemplate]:
    from ..server import commands

    return session.command(commands.canned_show, request(commands.CannedKey, key=key))


def change_active(session: Session, key: str, active: bool) -> CannedTemplate:
    from ..server import commands

    change = commands.canned_restore if active else commands.canned_retire
    return session.command(change, request(commands.CannedKey, key=key))


def add_template(session: Session, key: str, title: str, body: str, unit: str | None) -> int:
    """A new template (``unit`` None: a global one); returns its version, 1."""
    from ..server import commands

    return session.command(commands.canned_add, request(commands.CannedAdd, key=key, title=title, text=body, unit=unit))


def edit_template(session: Session, key: str, title: str, body: str) -> int:
    """A new wording of ``key``; returns the new version."""
    from ..server import commands

    return session.command(commands.canned_edit, request(commands.CannedEdit, key=key, title=title, text=body))


def _unit_text(template: CannedTemplate) -> str:
    if template.unit_code is None:
        return QCoreApplication.translate("CannedDialog", "Global (every unit)")
    return f"{template.unit_name} ({template.unit_code})"


def _offline_text() -> str:
    return QCoreApplication.translate(
        "CannedDialog",
        "Managing canned responses needs a connection to the server, and it cannot be reached now. Nothing "
        "was changed. Officers keep using the canned responses their computers have.",
    )


def _failure_text(exc: AduanError) -> str:
    return _offline_text() if isinstance(exc, Unreachable) else describe(exc)


class CannedDialog(QDialog):
    # Something was saved centrally: the window may sync at once so the composer offers it.
    changed = Signal()

    def __init__(self, session: Session, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.managed: Managed | None = None
        self.setObjectName("cannedDialog")
        self.setWindowTitle(self.tr("Canned responses"))
        self.resize(820, 480)

        self.status = plain_label(name="cannedStatus", wrap=True)
        self.status.setVisible(False)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("cannedTable")
        self.table.setAccessibleName(self.tr("Canned responses"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Title"), self.tr("Key"), self.tr("Unit"), self.tr("Version"), self.tr("State")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._enable)

        self.new_button = self._button("cannedNew", self.tr("&New…"), self.ask_new)
        self.edit_button = self._button("cannedEdit", self.tr("&Edit…"), self.ask_edit)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_button.click())
        self.retire_button = self._button("cannedRetire", self.tr("&Retire"), lambda: self.set_active(False))
        self.restore_button = self._button("cannedRestore", self.tr("Re&store"), lambda: self.set_active(True))
        self.history_button = self._button("cannedHistory", self.tr("&Versions…"), self.show_history)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        row = QHBoxLayout()
        for button in (
            self.new_button,
            self.edit_button,
            self.retire_button,
            self.restore_button,
            self.history_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._enable()

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # -- loading -----------------------------------------------------------------------------------------

    def open(self) -> None:
        super().open()
        self.reload()

    @asyncSlot()
    async def reload(self) -> None:
        await self.refresh()

    async def refresh(self, keep_key: str | None = None) -> None:
        keep_key = keep_key or self._selected_key()
        try:
            managed = await self.ops.net(load_templates, self.session)
        except AduanError as exc:
            self.managed = None
            self.table.setRowCount(0)
            self.show_status(_failure_text(exc))
            self._enable()
            return
        self.managed = managed
        self._fill(managed.templates, keep_key)
        if not managed.scope.global_allowed and not managed.scope.units:
            self.show_status(self.tr("Only supervisors and admins manage canned responses."))
        else:
            self.show_status("")
        self._enable()

    def _fill(self, templates: list[CannedTemplate], keep_key: str | None) -> None:
        self.table.clearSelection()
        self.table.setRowCount(len(templates))
        for row, template in enumerate(templates):
            state = self.tr("Active") if template.active else self.tr("Retired")
            cells = (template.title, template.key, _unit_text(template), str(template.version), state)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, template.key)
                item.setToolTip(plain_tooltip(template.body if column == 0 else text))
                self.table.setItem(row, column, item)
            if template.key == keep_key:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # -- what may be done --------------------------------------------------------------------------------

    def _selected_key(self) -> str | None:
        items = self.table.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def selected(self) -> CannedTemplate | None:
        key = self._selected_key()
        if self.managed is None or key is None:
            return None
        return next((t for t in self.managed.templates if t.key == key), None)

    def _enable(self) -> None:
        scope = self.managed.scope if self.managed is not None else None
        chosen = self.selected()
        mine = chosen is not None and scope is not None and scope.allows(chosen.unit_code)
        self.new_button.setEnabled(scope is not None and (scope.global_allowed or bool(scope.units)))
        self.edit_button.setEnabled(mine)
        self.retire_button.setEnabled(mine and chosen is not None and chosen.active)
        self.restore_button.setEnabled(mine and chosen is not None and not chosen.active)
        self.history_button.setEnabled(chosen is not None)

    # -- changes -----------------------------------------------------------------------------------------

    def ask_new(self) -> None:
        if self.managed is not None:
            self._open_form(CannedForm(self.ops, self.session, self.managed.scope, None, self))

    def ask_edit(self) -> None:
        chosen = self.selected()
        if self.managed is not None and chosen is not None:
            self._open_form(CannedForm(self.ops, self.session, self.managed.scope, chosen, self))

    def _open_form(self, form: CannedForm) -> None:
        form.accepted.connect(lambda: self._saved(form.saved))
        form.finished.connect(form.deleteLater)
        form.open()

    @asyncSlot(object)
    async def _saved(self, saved: tuple[str, int] | None) -> None:
        if saved is None:
            return
        key, version = saved
        self.changed.emit()
        await self.refresh(keep_key=key)
        self.show_status(self.tr("Saved “%1” as version %2.").replace("%1", key).replace("%2", str(version)))

    @asyncSlot(bool)
    async def set_active(self, active: bool) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        try:
            await self.ops.net(change_active, self.session, chosen.key, active)
        except AduanError as exc:
            self.show_status(_failure_text(exc))
            return
        self.changed.emit()
        await self.refresh(keep_key=chosen.key)
        done = self.tr("“%1” is offered again.") if active else self.tr("“%1” is retired: it is no longer offered.")
        self.show_status(done.replace("%1", chosen.title))

    @asyncSlot()
    async def show_history(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        try:
            versions = await self.ops.net(load_history, self.session, chosen.key)
        except AduanError as exc:
            self.show_status(_failure_text(exc))
            return
        dialog = HistoryDialog(versions, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()


class CannedForm(QDialog):
    """Add a template, or give one a new wording (a new version: what was sent with the old one stays)."""

    def __init__(
        self, ops: Ops, session: Session, scope: ManageScope, template: CannedTemplate | None, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.session = session
        self.template = template
        self.saved: tuple[str, int] | None = None
        self.setModal(True)
        self.setObjectName("cannedForm")
        self.setWindowTitle(self.tr("New canned response") if template is None else self.tr("Edit canned response"))
        self.resize(640, 480)

        self.key = QLineEdit(template.key if template else "")
        self.key.setObjectName("cannedKey")
        self.key.setAccessibleName(self.tr("Key"))
        self.key.setPlaceholderText(self.tr("e.g. laporan-diterima (lower-case letters, digits, - _ .)"))
        self.key.setReadOnly(template is not None)
        self.title = QLineEdit(template.title if template else "")
        self.title.setObjectName("cannedTitle")
        self.title.setAccessibleName(self.tr("Title"))
        self.unit = QComboBox()
        self.unit.setObjectName("cannedUnit")
        self.unit.setAccessibleName(self.tr("Unit"))
        if template is not None:  # a template keeps its unit
            self.unit.addItem(_unit_text(template), template.unit_code or "")
            self.unit.setEnabled(False)
        else:
            for code, name in scope.units:
                self.unit.addItem(f"{name} ({code})", code)
            if scope.global_allowed:
                self.unit.addItem(self.tr("Global (every unit)"), "")
        self.body = QPlainTextEdit(template.body if template else "")
        self.body.setObjectName("cannedBody")
        self.body.setAccessibleName(self.tr("Text of the canned response"))
        self.body.setTabChangesFocus(True)
        self.variables = QListWidget()
        self.variables.setObjectName("cannedVariables")
        self.variables.setAccessibleName(self.tr("Variables"))
        for name, meaning in self._variable_meanings().items():
            item = QListWidgetItem(f"{{{name}}} — {meaning}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.variables.addItem(item)
        self.variables.itemActivated.connect(self.insert_variable)
        self.variables.setMaximumHeight(self.variables.sizeHintForRow(0) * (len(VARIABLES) + 1))
        hint = QLabel(self.tr("Variables you can use (double-click to insert). Each is filled in for the report:"))
        hint.setWordWrap(True)
        self.error = plain_label(name="dialogError", wrap=True)
        self.error.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Key:"), self.key)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Unit:"), self.unit)
        form.addRow(self.tr("Te&xt:"), self.body)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(hint)
        layout.addWidget(self.variables)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.title if template else self.key).setFocus()

    def _variable_meanings(self) -> dict[str, str]:
        meanings = {
            "nama_pelapor": self.tr("the reporter's name (“Pelapor” for an anonymous reporter)"),
            "nomor_tiket": self.tr("the tracking number, e.g. ADU-2026-000123"),
            "unit": self.tr("the name of the unit handling the report"),
            "tenggat": self.tr("the resolution deadline as a date, e.g. 27 Maret 2026"),
        }
        return {name: meanings.get(name, text) for name, text in VARIABLES.items()}

    def insert_variable(self, item: QListWidgetItem) -> None:
        self.body.insertPlainText("{" + str(item.data(Qt.ItemDataRole.UserRole)) + "}")
        self.body.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    @asyncSlot()
    async def save(self) -> None:
        key, title, body = self.key.text().strip(), self.title.text(), self.body.toPlainText()
        try:
            check_template(body)  # said at once, before the server is asked
        except MissingVariable as exc:
            names = ", ".join("{" + name + "}" for name in exc.unknown)
            self.show_error(self.tr("Not a variable Aduan knows: %1. Use one of the list below.").replace("%1", names))
            return
        self.buttons.setEnabled(False)
        try:
            if self.template is None:
                unit = str(self.unit.currentData() or "") or None
                version = await self.ops.net(add_template, self.session, key, title, body, unit)
            else:
                version = await self.ops.net(edit_template, self.session, key, title, body)
        except AduanError as exc:
            self.buttons.setEnabled(True)
            self.show_error(_failure_text(exc))  # what was typed stays
            return
        self.buttons.setEnabled(True)
        self.saved = (key, version)
        self.accept()


class HistoryDialog(QDialog):
    """Every version of one template, newest first, with the text of the chosen one."""

    def __init__(self, versions: list[CannedTemplate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.versions = list(reversed(versions))
        self.setObjectName("cannedHistoryDialog")
        newest = self.versions[0]
        self.setWindowTitle(self.tr("Versions of “%1”").replace("%1", newest.key))
        self.resize(720, 420)
        self.list = QTreeWidget()
        self.list.setObjectName("cannedVersions")
        self.list.setAccessibleName(self.tr("Versions"))
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(
            [self.tr("Version"), self.tr("Saved"), self.tr("By"), self.tr("Title"), self.tr("State")]
        )
        for template in self.versions:
            if template is newest:
                state = self.tr("Active") if template.active else self.tr("Retired")
            else:
                state = self.tr("Earlier version")
            item = QTreeWidgetItem(
                [
                    str(template.version),
                    local_time(template.created_at),
                    template.author or self.tr("administrator"),
                    template.title,
                    state,
                ]
            )
            self.list.addTopLevelItem(item)
        self.text = QPlainTextEdit()
        self.text.setObjectName("cannedVersionBody")
        self.text.setAccessibleName(self.tr("Text of the chosen version"))
        self.text.setReadOnly(True)
        self.list.currentItemChanged.connect(self._show_version)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.text)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(close)
        newest_item = self.list.topLevelItem(0)
        assert newest_item is not None  # there is always a newest version
        self.list.setCurrentItem(newest_item)

    def _show_version(self, item: QTreeWidgetItem | None) -> None:
        index = self.list.indexOfTopLevelItem(item) if item is not None else -1
        self.text.setPlainText(self.versions[index].body if index >= 0 else "")
