"""A ticket's History tab and the audit dialog, headless, on a real central database (SQLite): the entries
in words in English and Indonesian, the offline message, and the dialog's filters and exports."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.status import Status
from desktop.store import claims, handling
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui import i18n
from desktop.ui.audit_dialog import AuditDialog
from desktop.ui.history_view import HistoryView
from desktop.ui.labels import status_label
from desktop.ui.ops import Ops
from tests.ui.conftest import session_for

TIMEOUT = 10_000


def verified_ticket(session: Session) -> str:
    """ani's first ticket, claimed and verified; its tracking number."""
    assert session.store is not None
    ticket = session.store.read(lambda conn: conn.exec_driver_sql("SELECT id FROM ticket ORDER BY id").first())
    ticket_id = UUID(str(ticket[0]))
    token = session.store.write(claims.claim, ticket_id).claim.token
    session.store.write(handling.change_status, ticket_id, token, Status.DIVERIFIKASI)
    return str(ticket_id)


def shown(qtbot: QtBot, session: Session, ops: Ops, ticket: str) -> HistoryView:
    view = HistoryView(session, ops)
    qtbot.addWidget(view)
    view.show()
    view.show_for(UUID(ticket))
    return view


def test_the_history_lists_the_entries_in_words_in_english_and_indonesian(
    qtbot: QtBot, qapp: QApplication, session: Session, ops: Ops
) -> None:
    ticket = verified_ticket(session)
    view = shown(qtbot, session, ops, ticket)
    qtbot.waitUntil(lambda: view.list.topLevelItemCount() == 3, timeout=TIMEOUT)
    rows = view.rows()
    assert [r[1] for r in rows] == ["Ani Wijaya", "Ani Wijaya", "Ani Wijaya"]  # names, not logins
    assert rows[0][2].startswith("recorded the report")
    assert rows[2][2] == "changed the status from Received to Verified"
    assert rows[1][3] == rows[2][3] and rows[1][3].startswith("claim ") and rows[0][3] == ""
    assert {r[4] for r in rows} == {"online"}
    try:
        assert i18n.install(qapp, "id") is not None
        indonesian = (status_label(Status.DITERIMA), status_label(Status.DIVERIFIKASI))
        assert indonesian != ("Received", "Verified")
        view.refresh()
        qtbot.waitUntil(lambda: all(name in view.rows()[2][2] for name in indonesian), timeout=TIMEOUT)
    finally:
        i18n.install(qapp, "en")


def test_offline_the_history_says_so_instead_of_an_empty_list(
    qtbot: QtBot, session: Session, ops: Ops, tmp_path: Path
) -> None:
    ticket = verified_ticket(session)
    online = session.store
    session.store = Store(f"sqlite:///{tmp_path / 'moved-away' / 'central.db'}", officer="ani")
    try:
        view = shown(qtbot, session, ops, ticket)
        qtbot.waitUntil(lambda: view.status.isVisible(), timeout=TIMEOUT)
        assert view.status.text().startswith("The history is kept on the server, which cannot be reached now.")
        assert view.list.topLevelItemCount() == 0
    finally:
        session.store.dispose()
        session.store = online


@pytest.fixture
def sari(org_url: str, tmp_path: Path) -> Iterator[Session]:
    opened = session_for(org_url, "sari", tmp_path)
    yield opened
    opened.close()


def test_the_audit_dialog_filters_and_exports(qtbot: QtBot, sari: Session, ops: Ops, tmp_path: Path) -> None:
    dialog = AuditDialog(sari, ops)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.run_search()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=TIMEOUT)  # rudi's report in kanreg-1 only
    assert dialog.table.item(0, 2).text() == "rudi"
    dialog.action.setCurrentIndex(dialog.action.findData("claim"))
    dialog.run_search()
    qtbot.waitUntil(lambda: dialog.status.text() == "Nothing matches this search.", timeout=TIMEOUT)
    assert dialog.table.rowCount() == 0 and not dialog.csv_button.isEnabled()
    dialog.action.setCurrentIndex(0)
    dialog.officer.setText("rudi")
    dialog.run_search()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=TIMEOUT)
    assert dialog.export(tmp_path / "audit.csv", "csv") == 1
    with (tmp_path / "audit.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["officer"], r["action"]) for r in rows] == [("rudi", "create")]
    assert dialog.export(tmp_path / "audit.json", "json") == 1
    assert json.loads((tmp_path / "audit.json").read_text())[0]["action"] == "create"


def test_every_action_has_words_and_its_translation_keeps_their_placeholders(qapp: QApplication) -> None:
    """One table of words (domain/audit.py) for the command line and the window: every action has a sentence
    naming only its shown fields, and the Indonesian catalogue keeps each sentence's placeholders."""
    import re

    from desktop.domain.audit import AUDIT_FIELDS, SENTENCES

    assert set(SENTENCES) == set(AUDIT_FIELDS)
    placeholders = re.compile(r"\{([a-z_]+)\}")
    try:
        assert i18n.install(qapp, "id") is not None
        for action, words in SENTENCES.items():
            assert set(placeholders.findall(words)) <= {*AUDIT_FIELDS[action], "action"}, action
            translated = QCoreApplication.translate("AuditAction", words)
            assert translated != words, f"{action} has no Indonesian words"
            assert set(placeholders.findall(translated)) == set(placeholders.findall(words)), action
    finally:
        i18n.install(qapp, "en")
