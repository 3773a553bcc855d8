"""Channel accounts: every account the officer may see with its state; for admins a form to add one, and
switching an account off (the worker stops polling it and holds its answers) and on again. Health in detail and
the intake errors are the Channels view's (opened from here). The server has no command to test an account's
connection yet: the worker's next round shows it, as the account's last error."""

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
from .page import AdminPage, fill_table, list_table, selected_key
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
        self.disable_button = QPushButton(self.tr("Switch &off"))
        self.disable_button.setObjectName("accountDisable")
        self.disable_button.setToolTip(self.tr("The worker stops polling it; answers to send through it wait"))
        self.disable_button.clicked.connect(lambda: self.switch(False))
        self.enable_button = QPushButton(self.tr("Switch o&n"))
        self.enable_button.setObjectName("accountEnable")
        self.enable_button.clicked.connect(lambda: self.switch(True))
        self.table.itemSelectionChanged.connect(self._enable_switches)
        self._enable_switches()

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
        for button in (self.disable_button, self.enable_button):
            button.setVisible(self.admin)
            row.addWidget(button)
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
        self._enable_switches()

    def _chosen(self) -> AccountHealth | None:
        key = selected_key(self.table)
        return next((a for a in self.accounts if a.id == key), None)

    def _enable_switches(self) -> None:
        chosen = self._chosen()
        self.disable_button.setEnabled(chosen is not None and chosen.enabled)
        self.enable_button.setEnabled(chosen is not None and not chosen.enabled)

    @asyncSlot(bool)
    async def switch(self, on: bool) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        try:
            switched = await self.ask(requests.switch_account, chosen.id, on)
        except AduanError as exc:
            self.refused(exc)
            return
        await self.reload()
        text = self.tr("%1 is on again.") if switched.enabled else self.tr("%1 is off: nothing is polled or sent.")
        self.say(text.replace("%1", switched.name))

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
