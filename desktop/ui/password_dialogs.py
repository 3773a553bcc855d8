"""Passwords from the window: an officer changes their own on the Aduan server, an admin resets an officer's.

The server keeps every password (Argon2id) and decides: a wrong current password or a weak new one is
refused there, and said inside the dialog, with what was typed kept. The rules the server applies are
checked here first too, so that the common mistakes are said at once, in the officer's language.

A change ends the officer's sessions on their other computers (this one stays signed in). A reset ends
every session of the officer whose password it is: they sign in again, and the work waiting on their
computers is kept and sent then. A generated password is shown once, to be handed over, and kept nowhere.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ..domain.entities import Officer
from ..domain.errors import AduanError, NotPermitted, Unreachable
from ..domain.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from ..sync.session import Session
from ..sync.signin import change_password
from .command_requests import request
from .errors import describe
from .labels import role_label
from .ops import Ops
from .plain import plain_label


def password_problem(new: str, repeated: str, login: str) -> str:
    """What the server would refuse in ``new`` (or a repetition that differs), in words; "" when none."""
    if not new:
        return QCoreApplication.translate("Passwords", "Type the new password.")
    if len(new) < MIN_PASSWORD_LENGTH:
        text = QCoreApplication.translate("Passwords", "The new password is too short: use at least %1 characters.")
        return text.replace("%1", str(MIN_PASSWORD_LENGTH))
    if len(new) > MAX_PASSWORD_LENGTH:
        text = QCoreApplication.translate("Passwords", "The new password is too long: use at most %1 characters.")
        return text.replace("%1", str(MAX_PASSWORD_LENGTH))
    if len(set(new)) == 1:
        return QCoreApplication.translate("Passwords", "The new password is one character repeated: choose another.")
    if new.strip().lower() == login.strip().lower():
        return QCoreApplication.translate("Passwords", "The new password is the login: choose another.")
    if new != repeated:
        return QCoreApplication.translate("Passwords", "The two new passwords differ: type the same one twice.")
    return ""


def refusal_text(exc: AduanError) -> str:
    """Why nothing was changed: a password is never queued for later, so out of reach says so."""
    if isinstance(exc, Unreachable):
        return QCoreApplication.translate(
            "Passwords", "The server cannot be reached, so the password was not changed. Try again when connected."
        )
    return describe(exc)


def _password_field(accessible: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible)
    return field


def _error_label() -> QLabel:
    label = plain_label(name="dialogError", wrap=True)  # a refusal may quote what was sent
    label.setVisible(False)
    return label


# -- changing one's own ---------------------------------------------------------------------------------


class ChangePasswordDialog(QDialog):
    """Accepted once the server changed the password; refused input keeps the dialog open."""

    def __init__(self, session: Session, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.busy = False  # asking the server: the answer must be seen, so the dialog stays
        self.setModal(True)
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Change password"))
        self.setMinimumWidth(480)

        intro = QLabel(
            self.tr(
                "Your password is kept by your unit's Aduan server. After the change your sessions on other "
                "computers end; this computer stays signed in. Use at least %1 characters, not your login."
            ).replace("%1", str(MIN_PASSWORD_LENGTH))
        )
        intro.setWordWrap(True)
        self.current = _password_field(self.tr("Current password"))
        self.current.setObjectName("currentPassword")
        self.new = _password_field(self.tr("New password"))
        self.new.setObjectName("newPassword")
        self.repeat = _password_field(self.tr("New password again"))
        self.repeat.setObjectName("repeatPassword")
        self.error = _error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.change_button = QPushButton(self.tr("C&hange password"))
        self.change_button.setObjectName("changePasswordButton")
        self.change_button.setDefault(True)
        self.buttons.addButton(self.change_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.change_button.clicked.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        for field in (self.current, self.new, self.repeat):
            field.textEdited.connect(lambda _text: self.show_error(""))

        form = QFormLayout()
        form.addRow(self.tr("&Current password:"), self.current)
        form.addRow(self.tr("&New password:"), self.new)
        form.addRow(self.tr("&Repeat new password:"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.current.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.current, self.new, self.repeat, self.buttons):
            widget.setEnabled(not busy)
        self.change_button.setText(self.tr("Changing…") if busy else self.tr("C&hange password"))

    def reject(self) -> None:
        if not self.busy:  # Esc while the server changes it: the outcome is shown first
            super().reject()

    def change(self) -> None:
        """What the dialog can tell is said at once; the rest is the server's to decide."""
        current, new = self.current.text(), self.new.text()
        if not current:
            self.show_error(self.tr("Type your current password."))
            self.current.setFocus()
            return
        problem = password_problem(new, self.repeat.text(), self.session.login)
        if problem:
            self.show_error(problem)
            self.new.setFocus()
            return
        self.show_error("")
        self._busy(True)
        self._send(current, new)

    @asyncSlot(str, str)
    async def _send(self, current: str, new: str) -> None:
        try:
            await self.ops.net(change_password, self.session, current, new)
        except AduanError as exc:
            self._busy(False)
            if exc.code == NotPermitted.code:
                self.show_error(self.tr("The current password is wrong. Nothing was changed."))
                self.current.selectAll()
                self.current.setFocus()
            else:
                self.show_error(refusal_text(exc))  # a rule of the server's this dialog did not know, a lost link
            return
        self._busy(False)
        if self.isVisible():
            self.accept()


# -- an admin resets an officer's -----------------------------------------------------------------------


def load_officers(session: Session) -> list[Officer]:
    """The officers whose passwords the admin may reset (network pool)."""
    from ..server import commands

    return session.command(commands.officer_list, commands.Nothing())


def reset_password(session: Session, login: str, password: str | None) -> str | None:
    """Reset ``login``'s password to ``password``, or to a generated one, which is returned (once)."""
    from ..server import commands

    return session.command(
        commands.officer_reset_password, request(commands.OfficerPassword, login=login, password=password)
    )


class ResetPasswordDialog(QDialog):
    """Choose an officer, then a generated password (shown once) or one the admin types."""

    def __init__(self, session: Session, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.officers: list[Officer] | None = None
        self.generated: str | None = None
        self.busy = False  # resetting: a generated password must not be lost with a closed dialog
        self.setModal(True)
        self.setObjectName("resetPasswordDialog")
        self.setWindowTitle(self.tr("Reset an officer's password"))
        self.setMinimumWidth(560)
        # Two pages one after the other, one shown: the dialog is as tall as the one shown.
        self.form_page = self._form_page()
        self.done_page = self._done_page()
        self.done_page.setVisible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.reset_button = QPushButton(self.tr("&Reset password"))
        self.reset_button.setObjectName("resetPasswordButton")
        self.reset_button.setEnabled(False)  # once the officers are listed
        self.reset_button.setDefault(True)
        self.buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.reset_button.clicked.connect(self.reset)
        self.buttons.rejected.connect(self.reject)
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.accept)  # the password was reset: done, whatever closes it
        self.close_buttons.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_page)
        layout.addWidget(self.done_page)
        layout.addWidget(self.error)
        layout.addStretch(1)  # wrapped text asks for more height than it takes: the room goes below it
        layout.addWidget(self.buttons)
        layout.addWidget(self.close_buttons)
        self._choose_kind()

    def _form_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            self.tr(
                "The officer's sessions on every computer end: they sign in again with the new password. "
                "Their work waiting on their computers is kept and sent then."
            )
        )
        intro.setWordWrap(True)
        self.officer = QComboBox()
        self.officer.setObjectName("resetOfficer")
        self.officer.setAccessibleName(self.tr("Officer"))
        self.officer.setMinimumContentsLength(30)
        self.officer.addItem(self.tr("Loading the officers…"))
        self.officer.setEnabled(False)
        self.generate = QRadioButton(self.tr("&Generate a password"))
        self.generate.setObjectName("resetGenerate")
        self.generate.setChecked(True)
        self.typed = QRadioButton(self.tr("&Set this password:"))
        self.typed.setObjectName("resetTyped")
        kinds = QButtonGroup(self)
        kinds.addButton(self.generate)
        kinds.addButton(self.typed)
        self.generate.toggled.connect(self._kind_chosen)
        self.password = _password_field(self.tr("New password"))
        self.password.setObjectName("resetPassword")
        self.repeat = _password_field(self.tr("New password again"))
        self.repeat.setObjectName("resetRepeat")
        self.error = _error_label()

        form = QFormLayout()
        form.addRow(self.tr("&Officer:"), self.officer)
        form.addRow("", self.generate)
        form.addRow("", self.typed)
        form.addRow(self.tr("New &password:"), self.password)
        form.addRow(self.tr("Re&peat:"), self.repeat)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.done_text = plain_label(name="resetDone", wrap=True)
        self.shown_password = QLineEdit()
        self.shown_password.setObjectName("generatedPassword")
        self.shown_password.setAccessibleName(self.tr("Generated password"))
        self.shown_password.setReadOnly(True)
        fixed = QFont("monospace")
        fixed.setStyleHint(QFont.StyleHint.Monospace)
        fixed.setPointSizeF(self.font().pointSizeF() * 1.3)
        fixed.setBold(True)
        self.shown_password.setFont(fixed)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setObjectName("copyPassword")
        self.copy_button.setToolTip(self.tr("Copy the password to the clipboard"))
        self.copy_button.clicked.connect(self.copy)
        shown = QHBoxLayout()
        shown.addWidget(self.shown_password, 1)
        shown.addWidget(self.copy_button)
        self.warning = QWidget()
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        warning_text = QLabel(
            self.tr(
                "This password is shown only once: Aduan keeps it nowhere. Give it to the officer now, in "
                "person or by a channel only they read; they can change it after signing in."
            )
        )
        warning_text.setObjectName("onlyOnceWarning")
        warning_text.setWordWrap(True)
        row = QHBoxLayout(self.warning)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(icon)
        row.addWidget(warning_text, 1)
        self.shown_row = QWidget()
        self.shown_row.setLayout(shown)
        shown.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.done_text)
        layout.addWidget(self.shown_row)
        layout.addWidget(self.warning)
        return page

    def _choose_kind(self) -> None:
        for field in (self.password, self.repeat):
            field.setEnabled(self.typed.isChecked() and not self.busy)

    def _kind_chosen(self) -> None:
        self._choose_kind()
        self.show_error("")

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # -- loading -----------------------------------------------------------------------------------------

    def open(self) -> None:
        super().open()
        self.reload()

    @asyncSlot()
    async def reload(self) -> None:
        try:
            officers = await self.ops.net(load_officers, self.session)
        except AduanError as exc:
            self.officer.setItemText(0, self.tr("The officers could not be listed"))
            self.show_error(describe(exc))
            return
        # Through the server one's own is changed, not reset: a reset would end this very session.
        mine = self.session.login if self.session.store is None else None
        self.officers = [o for o in officers if o.login != mine]
        self.officer.clear()
        for officer in self.officers:
            text = f"{officer.name} ({officer.login}) — {role_label(officer.role)}"
            if not officer.active:
                text += " — " + self.tr("disabled")
            self.officer.addItem(text, officer.login)
        self.officer.setEnabled(bool(self.officers))
        self.reset_button.setEnabled(bool(self.officers))

    def chosen(self) -> Officer | None:
        login = self.officer.currentData()
        return next((o for o in self.officers or [] if o.login == login), None)

    # -- resetting ---------------------------------------------------------------------------------------

    def reset(self) -> None:
        officer = self.chosen()
        if officer is None:
            return
        password: str | None = None
        if self.typed.isChecked():
            password = self.password.text()
            problem = password_problem(password, self.repeat.text(), officer.login)
            if problem:
                self.show_error(problem)
                self.password.setFocus()
                return
        self.show_error("")
        self._busy(True)
        self._send(officer, password)

    @asyncSlot(object, object)
    async def _send(self, officer: Officer, password: str | None) -> None:
        try:
            generated = await self.ops.net(reset_password, self.session, officer.login, password)
        except AduanError as exc:
            self._busy(False)
            self.show_error(refusal_text(exc))  # what was typed stays
            return
        self._busy(False)
        self.show_done(officer, generated)

    def _busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.officer, self.generate, self.typed, self.buttons):
            widget.setEnabled(not busy)
        self._choose_kind()
        self.reset_button.setText(self.tr("Resetting…") if busy else self.tr("&Reset password"))

    def reject(self) -> None:
        if not self.busy:  # Esc while resetting: the new password is shown first
            super().reject()

    def show_done(self, officer: Officer, generated: str | None) -> None:
        self.generated = generated
        who = f"{officer.name} ({officer.login})"
        if generated is None:
            text = self.tr("The password of %1 was reset. Their sessions ended: they sign in with the new one.")
        else:
            text = self.tr("The password of %1 was reset to:")
        self.done_text.setText(text.replace("%1", who))
        self.shown_password.setText(generated or "")
        self.shown_row.setVisible(generated is not None)
        self.warning.setVisible(generated is not None)
        self.password.clear()
        self.repeat.clear()
        self.form_page.setVisible(False)
        self.done_page.setVisible(True)
        self.buttons.setVisible(False)
        self.close_buttons.setVisible(True)
        QTimer.singleShot(0, self.adjustSize)  # once the layout took the new sizes in
        if generated is not None:
            self.shown_password.selectAll()
            self.copy_button.setFocus()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.shown_password.text())
        self.copy_button.setText(self.tr("Copied"))

    def done(self, result: int) -> None:
        # Shown once: nothing of it outlives the dialog.
        self.shown_password.clear()
        self.generated = None
        super().done(result)
