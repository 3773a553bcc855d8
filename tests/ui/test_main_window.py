"""The main window on a real (SQLite) workspace, headless."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.vocabulary import Role
from desktop.store import directory
from desktop.store.service import Store
from desktop.store.workspace import Workspace
from desktop.ui import i18n
from desktop.ui.main_window import MainWindow
from desktop.ui.ops import Ops
from tests.store.helpers import add_officer_without_login, new_ticket


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    url = f"sqlite:///{tmp_path}/aduan.db"
    owner = Store(url)
    owner.upgrade()
    owner.admin(directory.add_unit, "humas", "Biro Humas")
    owner.admin(add_officer_without_login, "ani", "Ani Wijaya", ["humas"], Role.OFFICER)
    ani = Store(url, officer="ani")
    for subject in ("Jalan berlubang", "Lampu jalan mati", "Sampah menumpuk"):
        new_ticket(ani, subject=subject)
    owner.dispose()
    return Workspace(ani, demo=True)


@pytest.mark.parametrize(
    ("language", "status", "column"),
    [
        ("en", "3 open tickets shown, nearest deadline first", "Tracking no."),
        ("id", "3 tiket terbuka ditampilkan, tenggat terdekat lebih dulu", "No. tiket"),
    ],
)
def test_inbox_loads_in_the_background_and_shows_the_officers_tickets(
    qtbot: QtBot, qapp: QApplication, workspace: Workspace, language: str, status: str, column: str
) -> None:
    translator = i18n.install(qapp, language)
    assert translator is not None
    ops = Ops()
    window = MainWindow(workspace, ops)
    qtbot.addWidget(window)
    window.show()
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=10_000)
    subjects = {window.model.index(row, 1).data() for row in range(3)}
    assert subjects == {"Jalan berlubang", "Lampu jalan mati", "Sampah menumpuk"}
    assert window.banner.isVisible()
    assert "Ani Wijaya" in window.windowTitle()
    assert window.statusBar().currentMessage() == status
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == column
    qapp.removeTranslator(translator)
    ops.shutdown()
    workspace.store.dispose()
