"""The sign-in dialog: the unit's Aduan server, the officer's login and password, or the demo workspace.

Connecting runs on the network pool; the dialog stays responsive, keeps what was typed, and explains a
refusal in its own words (wrong password, server unreachable, bad address) instead of closing.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ..domain.errors import AduanError, BadInput, NotPermitted, Unreachable
from ..security.credentials import Credentials
from ..settings import SecretRefused, Settings
from ..settings import server_url as checked_server_url
from ..sync.session import Session, open_session
from ..sync.signin import DatabaseAddressRefused, SignInResult, check_officer_address, sign_in
from .errors import describe
from .ops import Ops
from .plain import plain_label


class SignInDialog(QDialog):
    """Accepted with ``session`` set (``offline`` when working from the cache); rejected leaves it None."""

    def __init__(self, settings: Settings, credentials: Credentials, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.credentials = credentials
        self.ops = ops
        self.session: Session | None = None
        self.offline = False
        self.problem: str | None = None  # why offline, or why the password could not be remembered
        self.setWindowTitle(self.tr("Connect to your unit's server"))
        self.setObjectName("signInDialog")

        self.server = QLineEdit(str(settings.get("server_url")))
        self.server.setPlaceholderText("https://aduan.unit.go.id:8443")
        self.server.setAccessibleName(self.tr("Server address"))
        self.server.setReadOnly(settings.locked("server_url"))
        if settings.locked("server_url"):
            self.server.setToolTip(self.tr("Set by your unit"))
        self.login = QLineEdit(str(settings.get("officer_login")))
        self.login.setAccessibleName(self.tr("Officer login"))
        self.login.setReadOnly(settings.locked("officer_login"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.remember = QCheckBox(self.tr("Remember password on this computer"))
        self.remember.setChecked(True)
        self.remember.setAccessibleName(self.tr("Remember password on this computer"))

        self.message = plain_label(name="signInMessage", wrap=True, selectable=True)
        self.message.setAccessibleName(self.tr("Sign-in message"))
        self.message.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = QPushButton(self.tr("Connect"))
        self.connect_button.setDefault(True)
        self.buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.demo_button = QPushButton(self.tr("Use demo workspace"))
        self.demo_button.setToolTip(self.tr("Practise with demo data on this computer; nothing reaches your unit"))
        # A unit that fixed its server wants its officers on it, not in a demo.
        self.demo_button.setEnabled(not settings.locked("server_url"))
        self.buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.connect_button.clicked.connect(self.connect_to_server)
        self.demo_button.clicked.connect(self.use_demo)

        intro = QLabel(
            self.tr(
                "Sign in with the officer login your admin gave you. The password is kept only in this "
                "computer's credential store, never in a file. Without a connection you keep working from "
                "what this computer already holds."
            )
        )
        intro.setWordWrap(True)
        self.setMinimumWidth(560)
        form = QFormLayout()
        form.addRow(self.tr("&Server address:"), self.server)
        form.addRow(self.tr("&Login:"), self.login)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", self.remember)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if self.login.text() else self.login if self.server.text() else self.server).setFocus()

    # -- actions ----------------------------------------------------------------------------------------

    @asyncSlot()
    async def connect_to_server(self) -> None:
        url, login = self.server.text().strip(), self.login.text().strip()
        try:
            checked_server_url(url)  # refuse a password in the address before anything is sent
            check_officer_address(url)  # and a database's address: officers have no database login
        except BadInput as exc:
            self._show(self._explain(exc))
            return
        self._busy(True)
        try:
            result: SignInResult = await self.ops.net(
                sign_in, url, login, self.password.text(), self.credentials, self.remember.isChecked()
            )
        except AduanError as exc:
            self._busy(False)
            self._show(self._explain(exc))
            return
        saved = self._remember_choice(url, login)
        self._finish(result.session, result.offline, result.problem or saved)

    @asyncSlot()
    async def use_demo(self) -> None:
        self._busy(True)
        try:
            session = await self.ops.db(open_session, None, None)
        except AduanError as exc:
            self._busy(False)
            self._show(describe(exc))
            return
        self._finish(session, False, self._remember_choice("", None))

    # -- helpers ----------------------------------------------------------------------------------------

    def _remember_choice(self, url: str, login: str | None) -> str | None:
        """Keep the address and login (never the password) for the next start; says why if it cannot."""
        if not self.settings.locked("server_url"):
            self.settings.set("server_url", url)
        if login is not None and not self.settings.locked("officer_login"):
            self.settings.set("officer_login", login)
        try:
            self.settings.save()
        except OSError as exc:
            return f"the settings could not be saved: {exc}"
        return None

    def _finish(self, session: Session, offline: bool, problem: str | None) -> None:
        if not self.isVisible():  # cancelled while connecting: nobody will take this session
            session.close()
            self._busy(False)
            return
        self.session, self.offline, self.problem = session, offline, problem
        self.accept()

    def _busy(self, busy: bool) -> None:
        for widget in (self.server, self.login, self.password, self.remember, self.demo_button):
            widget.setEnabled(not busy and not (widget is self.demo_button and self.settings.locked("server_url")))
        self.connect_button.setEnabled(not busy)
        self.connect_button.setText(self.tr("Connecting…") if busy else self.tr("Connect"))
        if busy:
            self.message.hide()

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """Make room for the message by growing the dialog: the layout would otherwise take it from the fields
        (a wrapped label's height depends on its width, which the layout's minimum size does not count)."""
        layout = self.layout()
        assert layout is not None
        layout.activate()
        needed = self.heightForWidth(self.width())
        if needed < 0:
            needed = self.sizeHint().height()
        if self.height() < needed:
            self.resize(self.width(), needed)

    def _explain(self, exc: AduanError) -> str:
        if isinstance(exc, NotPermitted):
            return self.tr("The server refused this login or password. Check them and try again.")
        if isinstance(exc, Unreachable):
            return self.tr(
                "The server cannot be reached. Check the address and your network connection. "
                "Working offline is possible once this computer has signed in successfully."
            )
        if isinstance(exc, DatabaseAddressRefused):
            return self.tr(
                "This is the address of a database, not of your unit's Aduan server. Officers sign in to the "
                "Aduan server: enter its address, which begins with https:// (for example "
                "https://aduan.unit.go.id:8443). Ask your admin for it if you do not know it."
            )
        if isinstance(exc, SecretRefused):
            return self.tr(
                "The server address must not contain a password. Remove it from the address and type the "
                "password in the Password field: it is kept only in the system's keyring."
            )
        return describe(exc)
