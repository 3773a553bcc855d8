"""Switching the theme with a ticket open: the thread is drawn again in the new colours (issue 17: it kept
the old background, so the new text colour was white on white)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.sync.session import Session
from desktop.ui import theme
from desktop.ui.ops import Ops
from tests.ui.ticket_views import first_ticket, open_view


@pytest.fixture
def restored(qapp: QApplication) -> Iterator[QApplication]:
    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    yield qapp
    qapp.styleHints().unsetColorScheme()
    qapp.setStyle(style or "Fusion")
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


def test_the_open_thread_takes_the_new_themes_colours(
    qtbot: QtBot, session: Session, ops: Ops, restored: QApplication
) -> None:
    theme.apply(restored, "light")
    view = open_view(qtbot, session, ops, first_ticket(session))
    thread = view.thread_view
    light_base = restored.palette().color(QPalette.ColorRole.AlternateBase).name()
    assert f'bgcolor="{light_base}"' in thread.toHtml().replace("'", '"') or light_base in thread.toHtml()
    theme.apply(restored, "dark")
    dark = theme.dark_palette()
    dark_citizen = dark.color(QPalette.ColorRole.AlternateBase).name()
    qtbot.waitUntil(lambda: dark_citizen in thread.toHtml(), timeout=5_000)
    assert light_base not in thread.toHtml()
