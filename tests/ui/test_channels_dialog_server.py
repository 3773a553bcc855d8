"""The Channels view through a real ``aduan server``, with no database connection on the desktop: a
supervisor sees her units' accounts only and no intake errors; an admin sees every account and the intake
errors, and retries and dismisses them (the dismissal recorded as his, by the server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.channels.accounts import add_account
from desktop.channels.intake_errors import record
from desktop.domain.vocabulary import Channel
from desktop.store.schema import intake_error
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.channels_dialog import STATE, ChannelsDialog
from desktop.ui.ops import Ops
from tests.ui.channel_faults import REVOKED, broken, kept
from tests.ui.server_world import Served, served_world, signed_in

TIMEOUT = 20_000


def accounts_and_errors(owner: Store) -> None:
    """A mailbox of humas with two intake errors, a failing Telegram bot of kanreg-1, a WhatsApp number of
    kanreg, and one of humas no supervisor of kanreg may see."""
    mailbox = owner.admin(add_account, Channel.EMAIL, "Pengaduan Humas", "humas", '{"host": "imap.example.id"}', None)
    owner.admin(add_account, Channel.TELEGRAM, "Bot Kanreg I", "kanreg-1", "{}", "env:ADUAN_SECRET_BOT_KANREG_I")
    owner.admin(add_account, Channel.WHATSAPP, "WhatsApp Kanreg", "kanreg", "{}", "env")
    owner.admin(broken, "Bot Kanreg I", REVOKED)
    owner.admin(record, mailbox, kept("<a@example.id>", "Jalan rusak"), "the database refused it: too long")
    owner.admin(record, mailbox, kept("<b@example.id>", "Tes kirim"), "subject is empty")


@pytest.fixture
def served(org_url: str, tmp_path: Path) -> Iterator[Served]:
    yield from served_world(org_url, tmp_path, accounts_and_errors)


def open_dialog(qtbot: QtBot, session: Session, ops: Ops) -> ChannelsDialog:
    dialog = ChannelsDialog(session, ops)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.overview is not None or dialog.status.isVisible(), timeout=TIMEOUT)
    return dialog


def table(t: QTableWidget) -> list[list[str]]:
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_a_supervisor_sees_her_units_accounts_only(qtbot: QtBot, served: Served, ops: Ops, tmp_path: Path) -> None:
    sari = signed_in(served, "sari", tmp_path)
    try:
        dialog = open_dialog(qtbot, sari, ops)
        assert dialog.overview is not None, dialog.status.text()
        shown = table(dialog.accounts)
        assert sorted(r[1] for r in shown) == ["Bot Kanreg I", "WhatsApp Kanreg"]  # not humas's mailbox
        failing = next(r for r in shown if r[1] == "Bot Kanreg I")
        assert failing[STATE] == "Failing" and dialog.problems.text() == f"Bot Kanreg I is failing: {REVOKED}"
        assert not dialog.errors_box.isVisibleTo(dialog)  # intake errors are the admins'
        assert not dialog.retry_button.isEnabled() and not dialog.dismiss_button.isEnabled()
        assert not dialog.status.isVisible()
    finally:
        sari.close()


def test_an_admin_sees_every_account_and_handles_the_intake_errors(
    qtbot: QtBot, served: Served, ops: Ops, tmp_path: Path
) -> None:
    adi = signed_in(served, "adi", tmp_path)
    try:
        dialog = open_dialog(qtbot, adi, ops)
        assert dialog.overview is not None, dialog.status.text()
        assert sorted(r[1] for r in table(dialog.accounts)) == ["Bot Kanreg I", "Pengaduan Humas", "WhatsApp Kanreg"]
        assert dialog.errors_box.isVisibleTo(dialog)
        assert [r[1] for r in table(dialog.errors)] == ["Warga: Tes kirim", "Warga: Jalan rusak"]

        dialog.errors.selectRow(1)
        with qtbot.waitSignal(dialog.changed, timeout=TIMEOUT):
            dialog.retry_button.click()
        qtbot.waitUntil(lambda: dialog.status.text().startswith("Stored: it started ADU-"), timeout=TIMEOUT)
        assert [r[1] for r in table(dialog.errors)] == ["Warga: Tes kirim"]
        dialog.errors.selectRow(0)
        dialog.dismiss_button.click()
        qtbot.waitUntil(lambda: dialog.errors.rowCount() == 0, timeout=TIMEOUT)
        assert dialog.status.text() == "Dismissed: the message stays on record, without a report."
        with served.owner.engine.connect() as conn:
            resolved = conn.execute(
                select(intake_error.c.resolution, intake_error.c.resolved_by).order_by(intake_error.c.id)
            ).all()
        assert [tuple(r) for r in resolved] == [("stored", None), ("dismissed", "adi")]
    finally:
        adi.close()


def test_an_unreachable_server_is_said_and_nothing_stale_is_shown(
    qtbot: QtBot, served: Served, ops: Ops, tmp_path: Path
) -> None:
    adi = signed_in(served, "adi", tmp_path)
    try:
        dialog = open_dialog(qtbot, adi, ops)
        assert dialog.accounts.rowCount() == 3
        served.server.stop()
        dialog.refresh_button.click()
        qtbot.waitUntil(dialog.status.isVisible, timeout=TIMEOUT)
        assert dialog.status.text().startswith("The channels view needs a connection to the server")
        assert dialog.accounts.rowCount() == 0 and dialog.errors.rowCount() == 0
    finally:
        adi.close()
