"""What an officer sees of a confidential report whose content the server withheld, and of bodies that hide
bidi or zero-width characters: on a real central database (SQLite) and real caches, headless."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.store import handling
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.inbox_model import InboxModel
from desktop.ui.ops import Ops
from desktop.views.inbox import Column, InboxQuery, View
from tests.security.confidential import MESSAGE, NOTE, SUBJECT, record_confidential
from tests.store.helpers import new_ticket
from tests.ui.conftest import session_for
from tests.ui.ticket_views import first_ticket, open_view

TIMEOUT = 10_000
MARKER = "(confidential — content restricted to the handling unit)"
WHY = "This report is confidential"


@pytest.fixture
def sari(org_url: str, tmp_path: Path) -> Iterator[tuple[Session, str]]:
    """sari supervises kanreg, the unit above kanreg-1: she sees kanreg-1's confidential report as a summary."""
    rudi = Store(org_url, "rudi")
    report = record_confidential(rudi)
    rudi.dispose()
    opened = session_for(org_url, "sari", tmp_path)
    yield opened, str(report.id)
    opened.close()


def test_the_inbox_marks_a_withheld_report_instead_of_showing_a_blank_subject(
    qtbot: QtBot, sari: tuple[Session, str], ops: Ops
) -> None:
    session, report_id = sari
    model = InboxModel(session, ops)
    model.set_query(InboxQuery(View.EVERYTHING))
    qtbot.waitUntil(lambda: model.rowCount() > 0 and model.index(0, 0).data(Qt.ItemDataRole.UserRole) is not None)
    rows = {
        model.index(r, 0).data(Qt.ItemDataRole.UserRole): model.index(r, Column.SUBJECT)
        for r in range(model.rowCount())
    }
    withheld = rows[report_id]
    assert withheld.data() == MARKER
    assert withheld.data(Qt.ItemDataRole.ToolTipRole) == MARKER
    # kanreg-1's ordinary report keeps its subject: the marker is for withheld content only.
    shown = {index.data() for key, index in rows.items() if key != report_id}
    assert "Pelayanan KTP lambat" in shown and MARKER not in shown


def test_the_ticket_view_says_the_content_is_restricted_and_why_the_thread_is_empty(
    qtbot: QtBot, sari: tuple[Session, str], ops: Ops
) -> None:
    session, report_id = sari
    view = open_view(qtbot, session, ops, UUID(report_id))
    assert MARKER in view.title.text() and view.title.text().endswith(MARKER)
    shown = view.thread_view.toPlainText()
    assert WHY in shown and "handling unit" in shown
    assert "No messages yet." not in shown
    assert MESSAGE not in shown and NOTE not in shown and SUBJECT not in shown
    # The server refuses a claim that would hand over the content: the view offers neither it nor an answer.
    assert not view.claim_action.isEnabled() and not view.composer.isEnabled()


def test_the_handling_unit_reads_the_report_without_the_marker(
    qtbot: QtBot, org_url: str, tmp_path: Path, ops: Ops
) -> None:
    rudi = Store(org_url, "rudi")
    report = record_confidential(rudi)
    rudi.dispose()
    session = session_for(org_url, "rudi", tmp_path)
    try:
        view = open_view(qtbot, session, ops, report.id)
        assert view.title.text().endswith(SUBJECT) and MARKER not in view.title.text()
        shown = view.thread_view.toPlainText()
        assert MESSAGE in shown and WHY not in shown
        assert view.claim_action.isEnabled() and view.composer.isEnabled()
    finally:
        session.close()


def test_bidi_and_zero_width_characters_in_bodies_show_as_visible_marks(
    qtbot: QtBot, org_url: str, tmp_path: Path, ops: Ops
) -> None:
    # A citizen's message that reverses the amount a reader sees, and a colleague's note with a hidden space
    # in a login: both must read as written, with each hidden character marked where it is.
    ani = Store(org_url, "ani")
    made = new_ticket(ani, subject="Biaya KTP", body="Saya diminta membayar Rp \u202e000.05\u202c untuk KTP.")
    ani.write(handling.add_note, made.id, "Sudah dicek oleh bu\u200bdi dan \u2066sari\u2069.")
    ani.dispose()
    session = session_for(org_url, "ani", tmp_path)
    try:
        view = open_view(qtbot, session, ops, first_ticket(session, "Biaya KTP"))
        shown = view.thread_view.toPlainText()
        assert "Rp \u27e6U+202E\u27e7000.05\u27e6U+202C\u27e7 untuk KTP." in shown
        assert "bu\u27e6U+200B\u27e7di dan \u27e6U+2066\u27e7sari\u27e6U+2069\u27e7." in shown
        assert not any(c in shown for c in "\u202e\u202c\u200b\u2066\u2069")
    finally:
        session.close()
