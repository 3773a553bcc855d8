"""Channel accounts: every account the officer may see with its state; for admins a form to add one,
switching an account off (the worker stops polling it and holds its answers) and on again, and testing its
connection: the server connects to the channel with the account's settings and secret, takes nothing in, and
the page says in words what it saw or what failed (``channels/probe.py``). Health in detail and the intake
errors are the Channels view's (opened from here)."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
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
from ...domain.probe import ProbeResult, Problem
from ...domain.vocabulary import Channel, Role
from ...sync.session import Session
from ..channels_dialog import ChannelsDialog, account_state
from ..labels import channel_label, local_time
from ..ops import Ops
from ..plain import plain_tooltip
from . import requests
from .page import AdminPage, fill_table, list_table, selected_key
from .units_page import unit_choices

# The channels the worker connects to (phone, walk-in and letters are taken in the app).
CONNECTED = (Channel.EMAIL, Channel.TELEGRAM, Channel.WHATSAPP, Channel.X, Channel.LAPOR, Channel.SMS)


def probe_text(result: ProbeResult) -> str:
    """A connection test's outcome in words: the frame translated, what the channel said as it said it."""
    if result.ok:
        seen = "; ".join(_fact_text(name, value) for name, value in result.facts)
        text = QCoreApplication.translate("AdminChannelTest", "%1: the connection works: %2.")
        if not seen:
            text = QCoreApplication.translate("AdminChannelTest", "%1: the connection works.")
        return _fill(text, result.account, seen)
    if result.problem is Problem.SECRET and result.run_instead is None:
        text = QCoreApplication.translate(
            "AdminChannelTest",
            "%1: a secret of its webhook cannot be read on %2, where the test ran: the Aduan server reads it there. %3",
        )
        return _fill(text, result.account, result.host, result.message)
    if result.problem is Problem.SECRET:
        text = QCoreApplication.translate(
            "AdminChannelTest",
            "%1: its secret cannot be read on %2, where the test ran. The worker keeps the secrets where it runs: "
            "run “%3” there, with the worker's environment.",
        )
        return _fill(text, result.account, result.host, result.run_instead or "")
    frames = {
        Problem.SETTINGS: QCoreApplication.translate(
            "AdminChannelTest", "%1: the worker does not use this account as configured: %2"
        ),
        Problem.TLS: QCoreApplication.translate(
            "AdminChannelTest", "%1: no secure connection (TLS) to the channel: %2"
        ),
        Problem.AUTH: QCoreApplication.translate(
            "AdminChannelTest", "%1: the channel refused the login or the token: %2"
        ),
        Problem.NOT_FOUND: QCoreApplication.translate(
            "AdminChannelTest", "%1: the channel does not know the mailbox or number of the settings: %2"
        ),
        Problem.TIMEOUT: QCoreApplication.translate("AdminChannelTest", "%1: the channel did not answer in time: %2"),
        Problem.UNREACHABLE: QCoreApplication.translate(
            "AdminChannelTest", "%1: the channel's server cannot be reached: %2"
        ),
    }
    refused = QCoreApplication.translate("AdminChannelTest", "%1: the channel refused the test: %2")
    text = frames.get(result.problem, refused) if result.problem is not None else refused
    return _fill(text, result.account, result.message)


def _fill(text: str, *values: str) -> str:
    """``%1``, ``%2``… of a translated text replaced in one pass: a value holding "%2" (a URL, a server's
    words) is never filled in again."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1] if 0 < int(m.group(1)) <= len(values) else m[0], text)


def _fact_text(name: str, value: str) -> str:
    facts = {
        "mailbox": QCoreApplication.translate("AdminChannelTest", "mailbox %1"),
        "messages": QCoreApplication.translate("AdminChannelTest", "%1 messages in it"),
        "waiting": QCoreApplication.translate("AdminChannelTest", "%1 for the next round"),
        "smtp": QCoreApplication.translate("AdminChannelTest", "sending through %1 works"),
        "bot": QCoreApplication.translate("AdminChannelTest", "bot %1"),
        "user": QCoreApplication.translate("AdminChannelTest", "X account %1"),
        "number": QCoreApplication.translate("AdminChannelTest", "number %1"),
        "name": QCoreApplication.translate("AdminChannelTest", "verified as %1"),
        "list": QCoreApplication.translate("AdminChannelTest", "the list %1 answers"),
        "report": QCoreApplication.translate("AdminChannelTest", "its first report %1 reads"),
    }
    return _fill(facts[name], value) if name in facts else f"{name} {value}"


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
        self.testing = False
        self.last_probe: ProbeResult | None = None
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setObjectName("accountTest")
        self.test_button.setToolTip(
            self.tr("Connects to the channel with the account's settings and secret; nothing is taken in or sent")
        )
        self.test_button.clicked.connect(self.test_connection)
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
        for button in (self.test_button, self.disable_button, self.enable_button):
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

    def say(self, text: str) -> None:
        super().say(text)
        self.status.setToolTip("")  # a test's English details belong to that test's words only

    def _chosen(self) -> AccountHealth | None:
        key = selected_key(self.table)
        return next((a for a in self.accounts if a.id == key), None)

    def _enable_switches(self) -> None:
        chosen = self._chosen()
        self.disable_button.setEnabled(chosen is not None and chosen.enabled)
        self.enable_button.setEnabled(chosen is not None and not chosen.enabled)
        self.test_button.setEnabled(chosen is not None and not self.testing)

    @asyncSlot()
    async def test_connection(self) -> None:
        chosen = self._chosen()
        if chosen is None or self.testing:
            return
        self.testing = True
        self.test_button.setText(self.tr("Testing…"))
        self._enable_switches()
        self.say(self.tr("Testing the connection of %1…").replace("%1", chosen.name))
        try:
            result = await self.ask(requests.probe_account, chosen.id)
        except AduanError as exc:
            self.refused(exc)
            return
        finally:
            if self.alive():
                self.testing = False
                self.test_button.setText(self.tr("&Test connection"))
                self._enable_switches()
        if result.recorded:
            await self.reload()  # the account's state shows the outcome too
        self.say(probe_text(result))
        self.status.setToolTip(plain_tooltip(result.message))
        self.last_probe = result  # once the page says it

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
