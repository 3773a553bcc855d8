"""The Channels view: every channel account with its health, and the messages intake could not store.

Admins see every account and the intake errors, and retry or dismiss them; supervisors see their units'
accounts, read only. Everything is read with the commands beside sync (``server/commands.py``), run as the
signed-in officer on the network pool — through the Aduan server, or on the embedded database directly —
since channel health is not mirrored in the cache; without a connection the dialog says so and shows
nothing stale. The server decides again on every request; the dialog only leaves out what would not be
offered (the officer's role, as the cache knows it, says whether to ask for the intake errors).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ..domain.entities import AccountHealth
from ..domain.errors import AduanError, Unreachable
from ..domain.inbound import IntakeError, Received
from ..domain.vocabulary import Role
from ..sync.session import Session
from ..views.roles import load_my_role
from . import theme
from .command_requests import request
from .errors import describe
from .labels import channel_label, local_time
from .ops import Ops
from .plain import plain_label, plain_tooltip

ACCOUNT_COLUMNS = 8


@dataclass(frozen=True, slots=True)
class ChannelsOverview:
    accounts: list[AccountHealth]
    errors: list[IntakeError] | None  # None: not shown to this officer (only admins handle intake errors)
    admin: bool
    watcher: bool  # a supervisor or an admin: someone the view is for


# The commands are loaded on first use (pydantic and the server's schemas), on the network pool: opening
# the window does not wait for them.


def load_overview(session: Session, role: Role | None) -> ChannelsOverview:
    """What the officer may see of the channels (network pool): the accounts — a supervisor's units' only,
    as the server answers — and for an admin the intake errors."""
    from ..server import commands

    admin = role is Role.ADMIN
    watcher = role in (Role.SUPERVISOR, Role.ADMIN)
    if not watcher:
        return ChannelsOverview([], None, admin, watcher)
    accounts = session.command(commands.channel_list, commands.Nothing())
    errors = session.command(commands.channel_errors, commands.ErrorList()) if admin else None
    return ChannelsOverview(accounts, errors, admin, watcher)


def retry_intake_error(session: Session, error_id: int) -> Received:
    from ..server import commands

    return session.command(commands.channel_retry, request(commands.ErrorId, error_id=error_id))


def dismiss_intake_error(session: Session, error_id: int) -> None:
    """Recorded as dismissed by the signed-in officer."""
    from ..server import commands

    session.command(commands.channel_dismiss, request(commands.ErrorId, error_id=error_id))


def account_state(account: AccountHealth) -> str:
    """The account's state in words (the error's colour is never the only sign)."""

    if not account.enabled:
        return QCoreApplication.translate("Channels", "Disabled")
    if account.last_error:
        return QCoreApplication.translate("Channels", "Failing")
    if account.last_poll_at is None:
        return QCoreApplication.translate("Channels", "Not polled yet")
    return QCoreApplication.translate("Channels", "Working")


def waiting_text(account: AccountHealth) -> str:
    if not account.held:
        return str(account.backlog)
    held = QCoreApplication.translate("Channels", "%1 (%2 held)")
    return held.replace("%1", str(account.backlog)).replace("%2", str(account.held))


def error_colour() -> QColor:
    """A red that reads on the light and the dark scheme alike."""
    app = QApplication.instance()
    dark = isinstance(app, QApplication) and theme.is_dark(app)
    return QColor("#ff6b6b" if dark else "#b00020")


def _offline_text() -> str:
    return QCoreApplication.translate(
        "Channels",
        "The channels view needs a connection to the server, and it cannot be reached now. The intake worker "
        "keeps running on its own machine; nothing here was changed.",
    )


def _failure_text(exc: AduanError) -> str:
    return _offline_text() if isinstance(exc, Unreachable) else describe(exc)


def _fit(table: QTableWidget, caps: dict[int, int]) -> None:
    """Columns as wide as their contents (some capped); the last, the error, takes the rest and wraps."""
    last = table.columnCount() - 1
    for column in range(last):
        table.resizeColumnToContents(column)
        if column in caps:
            table.setColumnWidth(column, min(table.columnWidth(column), caps[column]))
    table.horizontalHeader().setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()


class ChannelsDialog(QDialog):
    # A retried message became (or joined) a ticket: the window may sync so it shows.
    changed = Signal()

    def __init__(self, session: Session, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.overview: ChannelsOverview | None = None
        self.setObjectName("channelsDialog")
        self.setWindowTitle(self.tr("Channels"))
        self.resize(1240, 640)  # the last error needs room beside seven short columns

        self.status = plain_label(name="channelsStatus", wrap=True)
        self.status.setVisible(False)
        self.refreshed = QLabel()
        self.refreshed.setObjectName("channelsRefreshed")

        self.accounts = self._table(
            "channelAccounts",
            self.tr("Channel accounts"),
            [
                self.tr("Channel"),
                self.tr("Account"),
                self.tr("Unit"),
                self.tr("State"),
                self.tr("Last poll"),
                self.tr("Answers waiting"),
                self.tr("Intake errors"),
                self.tr("Last error"),
            ],
        )
        self.errors = self._table(
            "intakeErrors",
            self.tr("Intake errors"),
            [
                self.tr("Account"),
                self.tr("Message"),
                self.tr("Attempts"),
                self.tr("First seen"),
                self.tr("Last seen"),
                self.tr("Error"),
            ],
        )
        self.errors.itemSelectionChanged.connect(self._enable)

        self.refresh_button = self._button("channelsRefresh", self.tr("&Refresh"), self.reload)
        self.retry_button = self._button("intakeRetry", self.tr("Re&try"), self.retry)
        self.retry_button.setToolTip(self.tr("Store the message again, after the cause was fixed"))
        self.dismiss_button = self._button("intakeDismiss", self.tr("&Dismiss"), self.dismiss)
        self.dismiss_button.setToolTip(self.tr("The message needs no report (spam, a test); it stays on record"))

        accounts_box = QGroupBox(self.tr("Channel accounts"))
        QVBoxLayout(accounts_box).addWidget(self.accounts)
        self.errors_box = QGroupBox(self.tr("Intake errors: messages that arrived but could not be stored"))
        error_layout = QVBoxLayout(self.errors_box)
        error_layout.addWidget(self.errors, 1)
        error_buttons = QHBoxLayout()
        error_buttons.addWidget(self.retry_button)
        error_buttons.addWidget(self.dismiss_button)
        error_buttons.addStretch(1)
        error_layout.addLayout(error_buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("channelsSplitter")
        split.addWidget(accounts_box)
        split.addWidget(self.errors_box)
        split.setChildrenCollapsible(False)
        split.setSizes([320, 240])

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.refresh_button)
        row.addWidget(self.refreshed, 1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        self._enable()

    def _table(self, name: str, accessible: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setAccessibleName(accessible)
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The error, last, takes the room left and wraps: read whole, not cut off.
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setMinimumSectionSize(table.fontMetrics().height() + 10)  # rows fit to their text
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().sectionResized.connect(lambda *_: table.resizeRowsToContents())  # wrap anew
        return table

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

    async def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        try:
            role = await self.ops.db(load_my_role, self.session.cache)
            overview = await self.ops.net(load_overview, self.session, role)
        except AduanError as exc:
            self.overview = None
            self.accounts.setRowCount(0)
            self.errors.setRowCount(0)
            self.refreshed.clear()
            self.show_status(_failure_text(exc))
            return
        finally:
            self.refresh_button.setEnabled(True)
            self._enable()
        self.overview = overview
        self.show_status("" if overview.watcher else self.tr("Only supervisors and admins see the channels."))
        self.fill_accounts(overview.accounts)
        self.fill_errors(overview.errors)
        now = local_time(datetime.utcnow(), with_date=False)  # naive UTC, like local_time wants
        self.refreshed.setText(self.tr("As of %1").replace("%1", now))
        self._enable()

    def fill_accounts(self, accounts: list[AccountHealth]) -> None:
        self.accounts.setRowCount(len(accounts))
        red = QBrush(error_colour())
        for row, account in enumerate(accounts):
            cells = (
                channel_label(account.channel),
                account.name,
                account.unit,
                account_state(account),
                local_time(account.last_poll_at) or self.tr("never"),
                waiting_text(account),
                str(account.intake_errors),
                " ".join((account.last_error or "").split()),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, account.id)
                item.setToolTip(plain_tooltip(text))
                if column in (3, ACCOUNT_COLUMNS - 1) and account.last_error and account.enabled:
                    item.setForeground(red)
                self.accounts.setItem(row, column, item)
        _fit(self.accounts, {1: 220})  # a long account name: whole in its tooltip

    def fill_errors(self, errors: list[IntakeError] | None) -> None:
        """The second table; hidden for supervisors, who only read the accounts of their units."""
        self.errors_box.setVisible(errors is not None)
        errors = errors or []
        self.errors.setRowCount(len(errors))
        for row, kept in enumerate(errors):
            cells = (
                kept.account_name,
                kept.summary,
                str(kept.attempts),
                local_time(kept.first_at),
                local_time(kept.last_at),
                " ".join(kept.error.split()),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, kept.id)
                tip = f"{text}\n{channel_label(kept.channel)}: {kept.external_id}" if column < 2 else text
                item.setToolTip(plain_tooltip(tip))
                self.errors.setItem(row, column, item)
        _fit(self.errors, {0: 240, 1: 340})  # long names and subjects: whole in their tooltips

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # -- intake errors -----------------------------------------------------------------------------------

    def selected_error(self) -> int | None:
        items = self.errors.selectedItems()
        return int(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def _enable(self) -> None:
        may = self.overview is not None and self.overview.admin and self.selected_error() is not None
        self.retry_button.setEnabled(may)
        self.dismiss_button.setEnabled(may)

    @asyncSlot()
    async def retry(self) -> None:
        error_id = self.selected_error()
        if error_id is None:
            return
        try:
            received = await self.ops.net(retry_intake_error, self.session, error_id)
        except AduanError as exc:
            await self.refresh()  # the attempt was counted
            self.show_status(_failure_text(exc))
            return
        self.changed.emit()
        await self.refresh()
        done = self.tr("Stored: it started %1.") if received.new_ticket else self.tr("Stored: it joined %1.")
        self.show_status(done.replace("%1", received.tracking_no))

    @asyncSlot()
    async def dismiss(self) -> None:
        error_id = self.selected_error()
        if error_id is None or self.overview is None:
            return
        try:
            await self.ops.net(dismiss_intake_error, self.session, error_id)
        except AduanError as exc:
            self.show_status(_failure_text(exc))
            return
        await self.refresh()
        self.show_status(self.tr("Dismissed: the message stays on record, without a report."))
