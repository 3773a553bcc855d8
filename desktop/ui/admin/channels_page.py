"""Channel accounts: every account the officer may see with its state, and for admins a form to add one.
Health in detail and the intake errors are the Channels view's (opened from here). The server has no command
to test or disable an account yet: those stay with the worker's own checks and the owner's tools."""

from __future__ import annotations

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

from ...domain.entities import AccountHealth
from ...domain.errors import AduanError
from ...domain.vocabulary import Channel, Role
from ...sync.session import Session
from ..channels_dialog import ChannelsDialog, account_state
from ..labels import channel_label, local_time
from ..ops import Ops
from . import requests
from .page import AdminPage, fill_table, list_table
from .units_page import unit_choices

# The channels the worker connects to (phone, walk-in and letters are taken in the app).
CONNECTED = (Channel.EMAIL, Channel.TELEGRAM, Channel.WHATSAPP, Channel.X, Channel.LAPOR)


class ChannelsPage(AdminPage):
    def __init__(self, session: Session, ops: Ops, role: Role | None, parent: QWidget | None = None) -> None:
        super().__init__(session, ops, role, parent)
        self.setObjectName("adminChannels")
        self.accounts: list[AccountHealth] = []
        self.table = list_table(
            "accountTable",
            self.tr("Channel accounts"),
            [self.tr("Channel"), self.tr("Account"), self.tr("Unit"), self.tr("State"), self.tr("Last poll")],
        )
        self.health_button = QPushButton(self.tr("Open the &Channels view…"))
        self.health_button.setObjectName("accountHealth")
        self.health_button.clicked.connect(self.open_health)

        self.channel = QComboBox()
        self.channel.setObjectName("accountChannel")
        for channel in CONNECTED:
            self.channel.addItem(channel_label(channel), channel.value)
        self.name = QLineEdit()
        self.name.setObjectName("accountName")
        self.unit = QComboBox()
        self.unit.setObjectName("accountUnit")
        self.config = QLineEdit("{}")
        self.config.setObjectName("accountConfig")
        self.config.setPlaceholderText('{"host": "imap.example.go.id"}')
        self.secret = QLineEdit()
        self.secret.setObjectName("accountSecret")
        self.secret.setPlaceholderText(self.tr("env or keyring: where the worker finds the account's secret"))
        self.add_button = QPushButton(self.tr("&Add account"))
        self.add_button.setObjectName("accountAdd")
        self.add_button.clicked.connect(self.add)
        self.add_box = QGroupBox(self.tr("Add a channel account"))
        form = QFormLayout(self.add_box)
        form.addRow(self.tr("C&hannel:"), self.channel)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Unit:"), self.unit)
        form.addRow(self.tr("S&ettings (JSON):"), self.config)
        form.addRow(self.tr("&Secret:"), self.secret)
        form.addRow("", self.add_button)
        self.add_box.setVisible(self.admin)  # supervisors watch their units' accounts, read only

        row = QHBoxLayout()
        row.addWidget(self.health_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.add_box)

    async def reload(self) -> None:
        try:
            self.accounts = await self.ask(requests.list_accounts)
            units = await self.ask(requests.list_units) if self.admin else []
        except AduanError as exc:
            self.refused(exc)
            return
        rows: list[tuple[object, list[str]]] = [
            (
                a.id,
                [
                    channel_label(a.channel),
                    a.name,
                    a.unit,
                    account_state(a),
                    local_time(a.last_poll_at) or self.tr("never"),
                ],
            )
            for a in self.accounts
        ]
        fill_table(self.table, rows)
        unit_choices(self.unit, units)

    @asyncSlot()
    async def add(self) -> None:
        self.say("")
        self.add_button.setEnabled(False)
        try:
            await self.ask(
                requests.add_account,
                Channel(self.channel.currentData()),
                self.name.text().strip(),
                self.unit.currentData() or "",
                self.config.text().strip() or "{}",
                self.secret.text().strip() or None,
            )
        except AduanError as exc:
            self.refused(exc)
            return
        finally:
            if self.alive():
                self.add_button.setEnabled(True)
        name = self.name.text().strip()
        self.name.clear()
        self.config.setText("{}")
        self.secret.clear()
        await self.reload()
        self.say(self.tr("Account %1 added; the worker starts on it at its next round.").replace("%1", name))

    def open_health(self) -> None:
        dialog = ChannelsDialog(self.session, self.ops, self)
        dialog.open()
