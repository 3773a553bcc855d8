"""The Channels view, headless, on a real central database (SQLite): an admin sees every account's health
and the messages intake could not store, and retries or dismisses them; a supervisor sees her units'
accounts only, read only; offline it says so; the menu entry is for supervisors and admins."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.channels.accounts import add_account
from desktop.channels.intake_errors import record
from desktop.domain.vocabulary import Channel, Role
from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings
from desktop.store import claims, handling
from desktop.store.schema import intake_error, ticket
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.channels_dialog import INTAKE, STATE, ChannelsDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.ops import Ops
from tests.store.helpers import add_officer_without_login
from tests.ui.channel_faults import REVOKED, broken, kept
from tests.ui.conftest import session_for

TIMEOUT = 10_000


@pytest.fixture
def channels(org_url: str) -> Iterator[str]:
    """An admin (adi), a mailbox of humas with an answer waiting and two intake errors, a failing Telegram
    bot of kanreg-1."""
    owner = Store(org_url)
    owner.admin(add_officer_without_login, "adi", "Adi Nugroho", ["humas"], Role.ADMIN)
    mailbox = owner.admin(add_account, Channel.EMAIL, "Pengaduan Humas", "humas", '{"host": "imap.example.id"}', None)
    owner.admin(add_account, Channel.TELEGRAM, "Bot Kanreg I", "kanreg-1", "{}", "env:ADUAN_SECRET_BOT_KANREG_I")
    owner.admin(broken, "Bot Kanreg I", REVOKED)
    owner.admin(record, mailbox, kept("<a@example.id>", "Jalan rusak"), "the database refused it: too long")
    owner.admin(record, mailbox, kept("<b@example.id>", "Tes kirim"), "subject is empty")
    ani = Store(org_url, officer="ani")
    with owner.engine.connect() as conn:
        email_ticket = conn.execute(select(ticket.c.id).where(ticket.c.subject == "Jalan berlubang")).scalar_one()
    token = ani.write(claims.claim, email_ticket).claim.token
    ani.write(handling.reply, email_ticket, token, "Terima kasih, laporan Anda kami terima.")  # waits for the worker
    ani.dispose()
    owner.dispose()
    yield org_url


def open_dialog(qtbot: QtBot, session: Session, ops: Ops) -> ChannelsDialog:
    dialog = ChannelsDialog(session, ops)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def table(t: QTableWidget) -> list[list[str]]:
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_an_admin_sees_every_account_and_handles_intake_errors(
    qtbot: QtBot, channels: str, ops: Ops, tmp_path: Path
) -> None:
    adi = session_for(channels, "adi", tmp_path)
    try:
        dialog = open_dialog(qtbot, adi, ops)
        qtbot.waitUntil(lambda: dialog.overview is not None, timeout=TIMEOUT)
        rows = table(dialog.accounts)
        # Today's figures are the overview's (test_channels_overview.py, at a fixed moment); here the health.
        assert [r[:4] + r[8:] for r in rows] == [
            ["E-mail", "Pengaduan Humas", "humas", "Not polled yet", "1", "0", "2"],
            ["Telegram", "Bot Kanreg I", "kanreg-1", "Failing", "0", "0", "0"],
        ]
        polls = [dialog.accounts.item(row, STATE).toolTip() for row in (0, 1)]
        assert polls[0] == "Last poll: never"  # the last poll, in local time, with the error under it
        assert polls[1].startswith("Last poll: ") and "never" not in polls[1] and polls[1].endswith(REVOKED)
        assert dialog.problems.isVisibleTo(dialog)
        assert dialog.problems.text() == f"Bot Kanreg I is failing: {REVOKED}"  # whole, under the table
        for failing in (
            dialog.accounts.item(1, STATE).foreground().color(),
            dialog.problems.palette().windowText().color(),
        ):
            assert failing.red() > 150 and failing.green() < 120  # in red, beside "Failing" in words
        assert dialog.errors_box.isVisibleTo(dialog)
        errors = table(dialog.errors)
        assert [r[:3] + r[5:] for r in errors] == [
            ["Pengaduan Humas", "Warga: Tes kirim", "1", "subject is empty"],
            ["Pengaduan Humas", "Warga: Jalan rusak", "1", "the database refused it: too long"],
        ]
        assert errors[0][3] and errors[0][4]  # first and last seen, in local time
        assert not dialog.retry_button.isEnabled()

        dialog.errors.selectRow(1)
        with qtbot.waitSignal(dialog.changed, timeout=TIMEOUT):
            dialog.retry_button.click()
        qtbot.waitUntil(lambda: dialog.status.text().startswith("Stored: it started ADU-"), timeout=TIMEOUT)
        assert [r[1] for r in table(dialog.errors)] == ["Warga: Tes kirim"]
        dialog.errors.selectRow(0)
        dialog.dismiss_button.click()
        qtbot.waitUntil(lambda: dialog.errors.rowCount() == 0, timeout=TIMEOUT)
        assert dialog.status.text() == "Dismissed: the message stays on record, without a report."
        with adi.store.engine.connect() as conn:
            resolved = conn.execute(
                select(intake_error.c.resolution, intake_error.c.resolved_by).order_by(intake_error.c.id)
            ).all()
        assert [tuple(r) for r in resolved] == [("stored", None), ("dismissed", "adi")]
        assert table(dialog.accounts)[0][INTAKE] == "0"
    finally:
        adi.close()


def test_a_supervisor_reads_her_units_accounts_only(qtbot: QtBot, channels: str, ops: Ops, tmp_path: Path) -> None:
    sari = session_for(channels, "sari", tmp_path)
    try:
        dialog = open_dialog(qtbot, sari, ops)
        qtbot.waitUntil(lambda: dialog.overview is not None, timeout=TIMEOUT)
        assert [r[1] for r in table(dialog.accounts)] == ["Bot Kanreg I"]  # kanreg-1 is below her kanreg
        assert not dialog.errors_box.isVisibleTo(dialog)
        assert not dialog.tabs.isTabVisible(dialog.errors_tab) and dialog.tabs.isTabVisible(dialog.comments_tab)
        assert not dialog.retry_button.isEnabled() and not dialog.dismiss_button.isEnabled()
        assert not dialog.status.isVisible()
    finally:
        sari.close()


def test_offline_it_says_so_and_shows_nothing_stale(qtbot: QtBot, channels: str, ops: Ops, tmp_path: Path) -> None:
    adi = session_for(channels, "adi", tmp_path)
    online = adi.store
    try:
        dialog = open_dialog(qtbot, adi, ops)
        qtbot.waitUntil(lambda: dialog.accounts.rowCount() == 2, timeout=TIMEOUT)
        moved = adi.store = Store(f"sqlite:///{tmp_path / 'moved-away' / 'central.db'}", officer="adi")
        dialog.refresh_button.click()
        qtbot.waitUntil(lambda: dialog.status.isVisible(), timeout=TIMEOUT)
        assert dialog.status.text().startswith("The channels view needs a connection to the server")
        assert dialog.accounts.rowCount() == 0 and dialog.errors.rowCount() == 0
        assert dialog.refresh_button.isEnabled()  # to try again
        moved.dispose()
    finally:
        adi.store = online
        adi.close()


def test_the_menu_offers_channels_to_supervisors_and_admins(
    qtbot: QtBot, channels: str, session: Session, tmp_path: Path
) -> None:
    sari = session_for(channels, "sari", tmp_path)
    settings = Settings(policy_path=tmp_path / "no-policy.json", user_path=tmp_path / "settings.json")
    try:
        for officer, may_see in ((sari, True), (session, False)):  # session: ani, an officer
            ops = Ops()
            window = MainWindow(officer, ops, settings, MemoryCredentials())
            qtbot.addWidget(window)
            try:
                with qtbot.waitSignal(window.sync.finished, timeout=TIMEOUT):
                    window.show()
                checked = window._update_role_actions()
                qtbot.waitUntil(checked.done, timeout=TIMEOUT)
                assert window.channels_action.isVisible() is may_see
                if may_see:
                    window.channels_action.trigger()
                    qtbot.waitUntil(lambda: window.findChild(ChannelsDialog) is not None, timeout=TIMEOUT)  # noqa: B023
            finally:
                window.sync.stop()
                window.close()
                ops.shutdown()
    finally:
        sari.close()
