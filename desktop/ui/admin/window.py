"""The Administration window: units, officers, calendars and days off, service levels, channel accounts and
SP4N-LAPOR!, for admins, and for supervisors the pages they may use (their units' rules, their officers and
accounts, LAPOR! follow-ups). Which pages and controls are offered follows the role; every change is one of
the server's commands, decided again by its one authorization function."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget
from qasync import asyncSlot

from ...domain.vocabulary import Role
from ...sync.session import Session
from ..ops import Ops
from .calendar_page import CalendarPage
from .channels_page import ChannelsPage
from .lapor_page import LaporPage
from .officers_page import OfficersPage
from .page import AdminPage
from .sla_page import SlaPage
from .units_page import UnitsPage


def may_administer(role: Role | None) -> bool:
    """Whether the window is offered at all (the Aduan menu's entry)."""
    return role in (Role.SUPERVISOR, Role.ADMIN)


class AdminWindow(QDialog):
    def __init__(self, session: Session, ops: Ops, role: Role | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminWindow")
        self.setWindowTitle(self.tr("Administration"))
        self.resize(980, 680)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.units = UnitsPage(session, ops, role)
        self.officers = OfficersPage(session, ops, role)
        self.calendars = CalendarPage(session, ops, role)
        self.sla = SlaPage(session, ops, role)
        self.channels = ChannelsPage(session, ops, role)
        self.lapor = LaporPage(session, ops, role)
        self.pages: list[AdminPage] = [self.units, self.officers, self.calendars, self.sla, self.channels, self.lapor]
        for page, title in (
            (self.units, self.tr("&Units")),
            (self.officers, self.tr("&Officers")),
            (self.calendars, self.tr("&Calendars and days off")),
            (self.sla, self.tr("&Service levels")),
            (self.channels, self.tr("C&hannel accounts")),
            (self.lapor, self.tr("&LAPOR!")),
        ):
            self.tabs.addTab(page, title)
        self.loaded: set[int] = set()
        self.tabs.currentChanged.connect(self._shown)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)

    def open(self) -> None:
        super().open()
        self._shown(self.tabs.currentIndex())

    def _shown(self, index: int) -> None:
        """A page asks the server when first shown, not all six at once."""
        if index >= 0 and index not in self.loaded:
            self.loaded.add(index)
            self.load(index)

    @asyncSlot(int)
    async def load(self, index: int) -> None:
        await self.pages[index].reload()
