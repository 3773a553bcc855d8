"""Click through from the statistics to the inbox (issue 18): a part of a bar of the volumes chart, or a cell of
the backlog, shows exactly the reports behind it in the main window's inbox, under a chip "From statistics: …";
taking the chip away brings the inbox back as it was.

The reports are received at fixed moments around the edges of 2 March 2026 in WIB (UTC+7, the agency's zone:
the test organisation has no calendar of its own), so that a day counted in UTC instead would show the wrong
ones. An admin's copy holds every report, so the inbox lists exactly what the figure counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from uuid import UUID

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Priority, Role
from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.inbox_view import InboxView
from desktop.ui.main_window import INBOX_TAB, MainWindow
from desktop.ui.ops import Ops
from desktop.ui.stats.window import StatsWindow
from desktop.views.inbox import View
from tests.reports.helpers import received_at, walk
from tests.store.helpers import add_officer_without_login
from tests.ui.conftest import session_for

TIMEOUT = 20_000
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
SECOND = date(2026, 3, 2)


@dataclass(frozen=True)
class Received:
    ids: dict[str, UUID]  # by name, below

    def __getitem__(self, name: str) -> UUID:
        return self.ids[name]

    def named(self, *names: str) -> set[UUID]:
        return {self.ids[n] for n in names}


# name: (unit, channel, naive UTC, priority)
REPORTS = {
    "early": ("humas", Channel.WHATSAPP, datetime(2026, 3, 1, 22, 0), Priority.TINGGI),  # 2 Mar 05.00 WIB
    "afternoon": ("kanreg", Channel.WHATSAPP, datetime(2026, 3, 2, 10, 0), Priority.RENDAH),
    "last second": ("kanreg-1", Channel.WHATSAPP, datetime(2026, 3, 2, 16, 59, 59), Priority.SEDANG),
    "next midnight": ("humas", Channel.WHATSAPP, datetime(2026, 3, 2, 17, 0), Priority.SEDANG),  # 3 Mar 00.00
    "day before": ("humas", Channel.WHATSAPP, datetime(2026, 3, 1, 16, 59), Priority.SEDANG),  # 1 Mar 23.59
    "by email": ("humas", Channel.EMAIL, datetime(2026, 3, 2, 3, 0), Priority.TINGGI),
    "later": ("kanreg", Channel.WEB, datetime(2026, 3, 10, 2, 0), Priority.SEDANG),
}
MAKERS = {"humas": "ani", "kanreg": "sari", "kanreg-1": "rudi"}


@pytest.fixture
def world(org_url: str) -> tuple[str, Received]:
    owner = Store(org_url)
    owner.admin(add_officer_without_login, "adi", "Adi Nugroho", ["humas"], Role.ADMIN)
    owner.dispose()
    stores = {login: Store(org_url, login) for login in MAKERS.values()}
    ids = {}
    try:
        for name, (unit, channel, at, priority) in REPORTS.items():
            store = stores[MAKERS[unit]]
            ids[name] = received_at(store, at, unit, channel=channel, priority=priority, subject=name).id
        walk(stores["sari"], ids["afternoon"], Status.DIVERIFIKASI)
        walk(stores["ani"], ids["by email"], Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI)
    finally:
        for store in stores.values():
            store.dispose()
    return org_url, Received(ids)


@pytest.fixture
def adi(world: tuple[str, Received], tmp_path: Path) -> Iterator[Session]:
    session = session_for(world[0], "adi", tmp_path)
    yield session
    session.close()


@pytest.fixture
def windows(qtbot: QtBot, adi: Session, ops: Ops, tmp_path: Path) -> Iterator[tuple[MainWindow, StatsWindow]]:
    settings = Settings(policy_path=tmp_path / "no-policy.json", user_path=tmp_path / "settings.json")
    main = MainWindow(adi, ops, settings, MemoryCredentials())
    qtbot.addWidget(main)
    try:
        main.open_statistics()
        stats = main.stats_window
        assert isinstance(stats, StatsWindow)
        qtbot.waitUntil(lambda: stats.answered > 0 or stats.failed, timeout=TIMEOUT)
        answer(qtbot, stats, lambda: stats.filters.set_period(*MARCH))
        yield main, stats
    finally:
        main.sync.stop()
        main.close()


def answer(qtbot: QtBot, stats: StatsWindow, change: object) -> None:
    before = stats.answered
    change()  # type: ignore[operator]
    qtbot.waitUntil(lambda: stats.answered > before or stats.failed, timeout=TIMEOUT)
    assert not stats.failed, stats.status.text()


def listed(qtbot: QtBot, inbox: InboxView) -> set[UUID]:
    """Every report the inbox lists, once its query is read to the end."""
    model = inbox.model

    def read() -> bool:
        rows = model.rowCount()
        return model.complete and all(model.index(r, 0).data(Qt.ItemDataRole.UserRole) is not None for r in range(rows))

    qtbot.waitUntil(read, timeout=TIMEOUT)
    return {t for t in (model.ticket_id(r) for r in range(model.rowCount())) if t is not None}


def click_bar(qtbot: QtBot, main: MainWindow, stats: StatsWindow, key: str | None, day: date) -> None:
    sent = stats.clickthrough.shown
    part, bar = stats.volume_keys.index(key), stats.volume_periods.index(day)
    stats.chart.bar_sets[part].clicked.emit(bar)  # what QtCharts emits for a click on that part of that bar
    qtbot.waitUntil(lambda: stats.clickthrough.shown > sent, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: main.inbox.model.query.received_from is not None, timeout=TIMEOUT)


def test_a_part_of_a_bar_lists_its_reports_in_the_inbox_and_the_chip_takes_them_away(
    qtbot: QtBot, windows: tuple[MainWindow, StatsWindow], world: tuple[str, Received]
) -> None:
    main, stats = windows
    received = world[1]
    inbox = main.inbox
    normal_query = inbox.model.query
    normal = listed(qtbot, inbox)
    main.tabs.setCurrentIndex(INBOX_TAB + 1)

    part = stats.volume_keys.index("whatsapp")
    assert int(stats.chart.bar_sets[part].at(stats.volume_periods.index(SECOND))) == 3  # the figure
    click_bar(qtbot, main, stats, "whatsapp", SECOND)

    query = inbox.model.query
    assert query.view is View.EVERYTHING and query.channel is Channel.WHATSAPP and query.search == ""
    assert (query.received_from, query.received_to) == (datetime(2026, 3, 1, 17), datetime(2026, 3, 2, 17))
    assert listed(qtbot, inbox) == received.named("early", "afternoon", "last second")
    assert main.tabs.currentIndex() == INBOX_TAB
    chip = inbox.statistics_chip
    assert not chip.isHidden() and chip.label.text() == "From statistics: WhatsApp, 2 Mar 2026"
    assert "this computer's copy" in chip.toolTip() and "Asia/Jakarta" in chip.toolTip()
    assert inbox.channel.currentData() == "whatsapp"  # the filter bar says it too
    assert stats.status.text() == "Shown in the inbox of the main window."

    chip.remove.click()
    qtbot.waitUntil(lambda: inbox.model.query == normal_query, timeout=TIMEOUT)
    assert chip.isHidden() and inbox.channel.currentData() is None
    assert listed(qtbot, inbox) == normal


def test_what_the_inbox_cannot_filter_is_said_and_a_backlog_cell_lists_its_reports(
    qtbot: QtBot, windows: tuple[MainWindow, StatsWindow], world: tuple[str, Received]
) -> None:
    main, stats = windows
    received = world[1]
    inbox = main.inbox
    # Split by priority: the inbox has no such filter; it lists the day's reports of every priority.
    answer(qtbot, stats, lambda: stats.filters.split.setCurrentIndex(stats.filters.split.findData("priority")))
    click_bar(qtbot, main, stats, str(int(Priority.TINGGI)), SECOND)
    assert listed(qtbot, inbox) == received.named("early", "afternoon", "last second", "by email")
    assert "no priority filter" in stats.status.text() and "no priority filter" in inbox.statistics_chip.toolTip()

    # A status's line of the backlog, every age: its open reports received in the window's period.
    table = stats.backlog_table
    row = stats.backlog_statuses.index(Status.DITERIMA.value)
    sent = stats.clickthrough.shown
    table.cellDoubleClicked.emit(row, table.columnCount() - 1)
    qtbot.waitUntil(lambda: stats.clickthrough.shown > sent, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: inbox.model.query.status is Status.DITERIMA, timeout=TIMEOUT)
    assert listed(qtbot, inbox) == received.named("early", "last second", "next midnight", "day before", "later")
    assert inbox.statistics_chip.label.text() == "From statistics: Received, of every age"  # the status's words
    table.cellDoubleClicked.emit(len(stats.backlog_statuses), 1)  # the Total line: no one status
    qtbot.waitUntil(lambda: "one status at a time" in stats.status.text(), timeout=TIMEOUT)

    # A unit with a unit below it: the figure counts both, the inbox the unit's own; said so.
    def kanreg() -> None:
        stats.filters.split.setCurrentIndex(stats.filters.split.findData("channel"))
        stats.filters.all_units.setChecked(False)
        stats.filters.unit.set_current_code("kanreg")

    answer(qtbot, stats, kanreg)
    qtbot.waitUntil(lambda: stats.shown_for is not None and stats.shown_for.units == ("kanreg",), timeout=TIMEOUT)
    click_bar(qtbot, main, stats, "whatsapp", SECOND)
    qtbot.waitUntil(lambda: inbox.model.query.unit == "kanreg", timeout=TIMEOUT)
    assert listed(qtbot, inbox) == received.named("afternoon")  # "last second" is kanreg-1's
    assert "not those of the units below it" in stats.status.text()


def test_a_line_of_the_service_levels_lists_the_units_reports_and_an_officers_held_ones(
    qtbot: QtBot, windows: tuple[MainWindow, StatsWindow], world: tuple[str, Received]
) -> None:
    main, stats = windows
    received = world[1]
    inbox = main.inbox
    qtbot.waitUntil(lambda: ("humas", None) in stats.service_lines, timeout=TIMEOUT)
    table = stats.service_table

    def double_click(line: tuple[str, str | None]) -> None:
        sent = stats.clickthrough.shown
        table.cellDoubleClicked.emit(stats.service_lines.index(line), 3)
        qtbot.waitUntil(lambda: stats.clickthrough.shown > sent, timeout=TIMEOUT)

    double_click(("humas", None))
    qtbot.waitUntil(lambda: inbox.model.query.unit == "humas" and inbox.model.query.holder is None, timeout=TIMEOUT)
    assert listed(qtbot, inbox) == received.named("early", "next midnight", "day before", "by email")

    # Sari verified "afternoon" and holds it: her line lists it, and says what the inbox cannot list.
    double_click(("kanreg", "sari"))
    qtbot.waitUntil(lambda: inbox.model.query.holder == "sari", timeout=TIMEOUT)
    assert inbox.model.query.unit == "kanreg"
    assert listed(qtbot, inbox) == received.named("afternoon")
    assert "holds now" in stats.status.text() and "holds now" in inbox.statistics_chip.toolTip()


def test_a_cell_of_the_heat_map_lists_the_reports_received_on_that_weekday_in_that_hour(
    qtbot: QtBot, windows: tuple[MainWindow, StatsWindow], world: tuple[str, Received]
) -> None:
    main, stats = windows
    received = world[1]
    inbox = main.inbox
    behaviour = stats.behaviour
    answered = behaviour.answered
    stats.tables.setCurrentWidget(behaviour)
    qtbot.waitUntil(lambda: behaviour.answered > answered, timeout=TIMEOUT)
    heat = behaviour.heatmap

    def double_click(weekday: int, hour: int) -> None:
        sent = stats.clickthrough.shown
        heat.cellDoubleClicked.emit(weekday, hour)
        qtbot.waitUntil(lambda: stats.clickthrough.shown > sent, timeout=TIMEOUT)

        def shown_cell() -> tuple[int, int] | None:
            weekly = inbox.model.query.received_weekly
            return None if weekly is None else (weekly.weekday, weekly.hour)

        qtbot.waitUntil(lambda: shown_cell() == (weekday, hour), timeout=TIMEOUT)

    double_click(0, 17)  # Monday 17.00 WIB: "afternoon" (10.00 UTC)
    assert listed(qtbot, inbox) == received.named("afternoon")
    double_click(0, 23)  # the last second of Monday, not the next midnight (Tuesday 00.00)
    assert listed(qtbot, inbox) == received.named("last second")
    behaviour.channel.setCurrentIndex(behaviour.channel.findData("email"))
    double_click(0, 10)  # e-mail only: "by email", received 10.00 WIB
    assert inbox.model.query.channel is Channel.EMAIL
    assert listed(qtbot, inbox) == received.named("by email")
