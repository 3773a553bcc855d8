"""Open on an attachment: only content of an allowed type reaches the system, written under the extension of
what it is, in a folder only this user may read; anything else is not opened and the officer is told why."""

from __future__ import annotations

import stat
import sys
from pathlib import Path
from uuid import UUID

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.ops import Ops
from tests.ui.hostile_world import attach
from tests.ui.ticket_views import TIMEOUT, first_ticket, open_view

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SHORTCUT = b"L\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00F\x9b\x00\x08\x00"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """What was handed to the system shell (the OS boundary), instead of opening it."""
    handed: list[QUrl] = []

    def spy(url: QUrl) -> bool:
        handed.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", spy)
    return handed


def attach_to(url: str, ticket_id: UUID, name: str, content: bytes) -> str:
    owner = Store(url)
    try:
        return attach(owner, ticket_id, name, content)
    finally:
        owner.dispose()


def test_a_pdf_opens_as_pdf_from_a_private_folder(
    qtbot: QtBot, session: Session, ops: Ops, org_url: str, opened: list[QUrl]
) -> None:
    ticket_id = first_ticket(session)
    digest = attach_to(org_url, ticket_id, "surat.pdf.lnk", PDF)  # the name lies; the content is a PDF
    session.engine.sync()
    view = open_view(qtbot, session, ops, ticket_id)
    view.handle_attachment("open", digest, "surat.pdf.lnk")
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=TIMEOUT)
    path = Path(opened[0].toLocalFile())
    assert path.suffix == ".pdf" and path.read_bytes() == PDF
    if sys.platform != "win32":
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_shortcut_named_like_a_pdf_is_not_opened_and_the_officer_is_told(
    qtbot: QtBot, session: Session, ops: Ops, org_url: str, opened: list[QUrl]
) -> None:
    ticket_id = first_ticket(session)
    digest = attach_to(org_url, ticket_id, "laporan.pdf", SHORTCUT)
    session.engine.sync()
    view = open_view(qtbot, session, ops, ticket_id)
    assert "aduan-attachment:open/0" in view.thread_view.toHtml()  # offered until its content is known
    view.handle_attachment("open", digest, "laporan.pdf")
    qtbot.waitUntil(lambda: bool(view.findChildren(QMessageBox, "attachmentNotOpenedBox")), timeout=TIMEOUT)
    [box] = view.findChildren(QMessageBox, "attachmentNotOpenedBox")
    assert "“laporan.pdf” is not opened from Aduan" in box.text()
    assert opened == []
    shown = view.thread_view.toHtml()
    assert "aduan-attachment:open/" not in shown and "aduan-attachment:save/0" in shown
    assert "save only" in view.thread_view.toPlainText()
