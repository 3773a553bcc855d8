"""Officers: who works in which unit, in which role, and whether they may sign in. Admins add officers (the
server generates the password, shown once), change the chosen one's name, role and units (*Edit…* or a double
click), disable and enable them, and reset their passwords; supervisors see the officers of their units."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ...domain.entities import Officer, Unit
from ...domain.errors import AduanError
from ...domain.vocabulary import Role
from ...sync.session import Session
from ..labels import role_label
from ..ops import Ops
from ..password_dialogs import ResetPasswordDialog
from . import requests
from .edit_dialogs import OfficerEditDialog
from .page import AdminPage, fill_table, list_table, selected_key
from .units_page import unit_choices

if TYPE_CHECKING:
    from ...server.commands import ChangedOfficer


class OfficersPage(AdminPage):
    def __init__(self, session: Session, ops: Ops, role: Role | None, parent: QWidget | None = None) -> None:
        super().__init__(session, ops, role, parent)
        self.setObjectName("adminOfficers")
        self.officers: list[Officer] = []
        self.units: list[Unit] = []
        self.table = list_table(
            "officerTable",
            self.tr("Officers"),
            [self.tr("Name"), self.tr("Login"), self.tr("Units"), self.tr("Role"), self.tr("Active")],
        )
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.itemDoubleClicked.connect(lambda *_: self.edit())

        self.edit_button = QPushButton(self.tr("Ed&it…"))
        self.edit_button.setObjectName("officerEdit")
        self.edit_button.setToolTip(self.tr("Change the chosen officer's name, role or units"))
        self.edit_button.clicked.connect(self.edit)
        self.editor: OfficerEditDialog | None = None  # the dialog open last (for tests)
        self.disable_button = QPushButton(self.tr("&Disable"))
        self.disable_button.setObjectName("officerDisable")
        self.disable_button.setToolTip(self.tr("The officer can no longer sign in; their sessions end"))
        self.disable_button.clicked.connect(lambda: self.set_active(False))
        self.enable_button = QPushButton(self.tr("&Enable"))
        self.enable_button.setObjectName("officerEnable")
        self.enable_button.clicked.connect(lambda: self.set_active(True))
        self.reset_button = QPushButton(self.tr("&Reset password…"))
        self.reset_button.setObjectName("officerResetPassword")
        self.reset_button.clicked.connect(self.reset_password)
        actions = QHBoxLayout()
        for button in (self.edit_button, self.disable_button, self.enable_button, self.reset_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.action_row = QWidget()
        self.action_row.setLayout(actions)
        actions.setContentsMargins(0, 0, 0, 0)

        self.login = QLineEdit()
        self.login.setObjectName("officerLogin")
        self.name = QLineEdit()
        self.name.setObjectName("officerName")
        self.unit = QComboBox()
        self.unit.setObjectName("officerUnit")
        self.new_role = QComboBox()
        self.new_role.setObjectName("officerRole")
        for each in Role:
            self.new_role.addItem(role_label(each), each.value)
        self.add_button = QPushButton(self.tr("&Add officer"))
        self.add_button.setObjectName("officerAdd")
        self.add_button.clicked.connect(self.add)
        self.password = QLineEdit()
        self.password.setObjectName("officerNewPassword")
        self.password.setAccessibleName(self.tr("Generated password"))
        self.password.setReadOnly(True)
        fixed = QFont("monospace")
        fixed.setStyleHint(QFont.StyleHint.Monospace)
        self.password.setFont(fixed)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setObjectName("officerCopyPassword")
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.password.text()))
        shown = QHBoxLayout()
        shown.addWidget(self.password, 1)
        shown.addWidget(self.copy_button)
        shown.setContentsMargins(0, 0, 0, 0)
        self.password_row = QWidget()
        self.password_row.setLayout(shown)
        self.password_row.setVisible(False)

        self.add_box = QGroupBox(self.tr("Add an officer"))
        form = QFormLayout(self.add_box)
        form.addRow(self.tr("&Login:"), self.login)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Unit:"), self.unit)
        form.addRow(self.tr("R&ole:"), self.new_role)
        form.addRow("", self.add_button)
        form.addRow(self.tr("Password (shown once):"), self.password_row)

        # Only admins manage officers (authz MANAGE_OFFICERS); supervisors read the list of their units.
        for widget in (self.action_row, self.add_box):
            widget.setVisible(self.admin)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.action_row)
        layout.addWidget(self.add_box)
        self._enable()

    def _enable(self) -> None:
        chosen = self.chosen()
        self.edit_button.setEnabled(chosen is not None and bool(self.units))
        self.disable_button.setEnabled(chosen is not None and chosen.active and chosen.login != self.session.login)
        self.enable_button.setEnabled(chosen is not None and not chosen.active)
        self.reset_button.setEnabled(bool(self.officers))

    def chosen(self) -> Officer | None:
        login = selected_key(self.table)
        return next((o for o in self.officers if o.login == login), None)

    async def reload(self) -> None:
        try:
            self.officers = await self.ask(requests.list_officers)
            if self.admin:
                self.units = await self.ask(requests.list_units)
        except AduanError as exc:
            self.refused(exc)
            return
        rows: list[tuple[object, list[str]]] = [
            (
                o.login,
                [
                    o.name,
                    o.login,
                    ", ".join(o.unit_codes),
                    role_label(o.role),
                    self.tr("yes") if o.active else self.tr("no"),
                ],
            )
            for o in sorted(self.officers, key=lambda o: o.name.casefold())
        ]
        fill_table(self.table, rows)
        unit_choices(self.unit, self.units)
        self._enable()

    @asyncSlot()
    async def add(self) -> None:
        self.password.clear()
        self.password_row.setVisible(False)
        unit = self.unit.currentData()
        units = [unit] if unit else []
        self.say("")
        self.add_button.setEnabled(False)
        try:
            added = await self.ask(
                requests.add_officer,
                self.login.text().strip(),
                self.name.text().strip(),
                units,
                Role(self.new_role.currentData()),
            )
        except AduanError as exc:
            self.refused(exc)  # the form keeps what was typed
            return
        finally:
            if self.alive():
                self.add_button.setEnabled(True)
        self.login.clear()
        self.name.clear()
        await self.reload()
        who = f"{added.officer.name} ({added.officer.login})"
        if added.password:
            self.password.setText(added.password)
            self.password_row.setVisible(True)
            text = self.tr("Officer %1 added. Give them the password below: it is shown only once.")
        else:
            text = self.tr("Officer %1 added.")
        self.say(text.replace("%1", who))

    @asyncSlot(bool)
    async def set_active(self, active: bool) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        self.say("")
        try:
            changed = await self.ask(requests.set_officer_active, chosen.login, active)
        except AduanError as exc:
            self.refused(exc)
            return
        await self.reload()
        who = f"{changed.officer.name} ({changed.officer.login})"
        text = self.tr("%1 can sign in again.") if active else self.tr("%1 is disabled; their sessions ended.")
        self.say(text.replace("%1", who))

    def edit(self) -> None:
        chosen = self.chosen()
        if chosen is None or not self.admin or not self.units:
            return
        self.say("")
        own = chosen.login == self.session.login
        self.editor = OfficerEditDialog(self, chosen, self.units, own, self.edited)
        self.editor.open()

    @asyncSlot(object)
    async def edited(self, changed: ChangedOfficer) -> None:
        await self.reload()
        officer = changed.officer
        text = self.tr("%1 changed: %2 in %3.").replace("%1", f"{officer.name} ({officer.login})")
        text = text.replace("%2", role_label(officer.role)).replace("%3", ", ".join(officer.unit_codes))
        if changed.claims_ended:
            released = self.tr("Released, as they can no longer reach them: %1.")
            text += " " + released.replace("%1", ", ".join(changed.claims_ended))
        self.say(text)

    @asyncSlot()
    async def reload_later(self) -> None:
        await self.reload()

    def reset_password(self) -> None:
        dialog = ResetPasswordDialog(self.session, self.ops, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.reload_later())
        dialog.open()
