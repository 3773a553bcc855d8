"""The Channels view as one screen for every account, headless, on a real central database (SQLite): the
conversations of ``tests/reports/channel_traffic.py`` read as of their fixed ``NOW`` (the dialog's ``as_of``,
sent to the server as the command's), so nothing depends on today. An admin sees every account's traffic,
waiting citizens and response times, sorts the table by any column, and finds the place kept for the public
comments; a supervisor sees her units' account only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.channels.accounts import add_account
from desktop.domain.social import IncomingComment
from desktop.domain.vocabulary import Channel, Role
from desktop.store import social_comments
from desktop.store.schema import message, social_comment
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.channels_dialog import ACCOUNT, AWAITING, OUT_TODAY, RESPONSE, ChannelsDialog
from desktop.ui.ops import Ops
from desktop.ui.public_reply_dialog import PublicReplyDialog
from tests.reports.channel_traffic import NOW, make_traffic
from tests.store.helpers import add_officer_without_login, build_org
from tests.ui.conftest import session_for

TIMEOUT = 10_000


@pytest.fixture
def traffic_url(tmp_path: Path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path}/central.db"
    owner = Store(url)
    owner.upgrade()
    org = build_org(url)
    org.admin.admin(add_officer_without_login, "adi", "Adi Nugroho", ["humas"], Role.ADMIN)
    make_traffic(org)
    org.close()
    owner.dispose()
    yield url


def opened(qtbot: QtBot, session: Session, ops: Ops) -> ChannelsDialog:
    dialog = ChannelsDialog(session, ops)
    qtbot.addWidget(dialog)
    dialog.as_of = NOW
    dialog.open()
    qtbot.waitUntil(lambda: dialog.overview is not None or dialog.status.isVisible(), timeout=TIMEOUT)
    assert dialog.overview is not None, dialog.status.text()
    return dialog


def facebook_comments(url: str, *written: tuple[int, str]) -> Store:
    """A Facebook account of humas and, per (number, text), a citizen's comment under its post; the owner's store
    (the caller disposes of it)."""
    owner = Store(url)
    page = {"page_id": "104857600012345", "app_secret_ref": "env", "verify_token_ref": "env"}
    account = owner.admin(add_account, Channel.FACEBOOK, "FB Humas", "humas", json.dumps(page), "env")
    for number, text in written:
        comment = IncomingComment(
            Channel.FACEBOOK, f"900_{number}", "104857600012345_900", f"555{number}", f"Warga {number}", text,
            datetime(2026, 5, 1, 8, number),
        )  # fmt: skip
        owner.admin(social_comments.record, account, comment)
    return owner


def table(t: QTableWidget) -> list[list[str]]:
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def names(t: QTableWidget) -> list[str]:
    return [t.item(r, ACCOUNT).text() for r in range(t.rowCount())]


def test_an_admin_sees_every_accounts_traffic_and_sorts_it(
    qtbot: QtBot, traffic_url: str, ops: Ops, tmp_path: Path
) -> None:
    adi = session_for(traffic_url, "adi", tmp_path)
    try:
        dialog = opened(qtbot, adi, ops)
        assert table(dialog.accounts) == [
            # in, out, awaiting an answer, median / p90 (780 and 1500 minutes), queued, failed, intake errors
            ["E-mail", "Pengaduan Humas", "humas", "Not polled yet", "2", "2", "1", "13 h 00 min / 1 d 1 h"]
            + ["3", "0", "0"],
            ["E-mail", "Aspirasi Humas", "humas", "Not polled yet", "0", "1", "0", "–", "1", "0", "0"],
            ["Telegram", "Bot Kanreg I", "kanreg-1", "Not polled yet", "1", "0", "1", "–", "0", "0", "0"],
        ]
        assert dialog.accounts.item(0, RESPONSE).toolTip().startswith("Over the last 7 days, 2 answered: half within")
        assert dialog.accounts.item(1, RESPONSE).toolTip() == (
            "No citizen was answered on this account in the last 7 days."
        )
        assert "Asia/Jakarta" in dialog.period.text()
        assert not dialog.problems.isVisibleTo(dialog)  # no account failing
        assert dialog.refreshed.text().startswith("As of ")

        dialog.accounts.sortByColumn(OUT_TODAY, Qt.SortOrder.AscendingOrder)  # as a click on its header does
        assert names(dialog.accounts) == ["Bot Kanreg I", "Aspirasi Humas", "Pengaduan Humas"]
        dialog.accounts.sortByColumn(AWAITING, Qt.SortOrder.DescendingOrder)
        assert names(dialog.accounts)[2] == "Aspirasi Humas"
        dialog.accounts.sortByColumn(RESPONSE, Qt.SortOrder.AscendingOrder)  # nothing measured sorts last
        assert names(dialog.accounts)[0] == "Pengaduan Humas"
        dialog.overview = None
        dialog.refresh_button.click()  # a refresh keeps the officer's order
        qtbot.waitUntil(lambda: dialog.overview is not None, timeout=TIMEOUT)
        assert names(dialog.accounts)[0] == "Pengaduan Humas" and dialog.accounts.rowCount() == 3

        assert dialog.tabs.tabText(dialog.errors_tab) == "Intake errors"
        assert dialog.tabs.isTabVisible(dialog.errors_tab)
        assert dialog.tabs.tabText(dialog.comments_tab) == "Public comments (0)"
        dialog.tabs.setCurrentIndex(dialog.comments_tab)
        assert dialog.comments_note.isVisibleTo(dialog)
        assert dialog.comments_note.text().startswith("Public comments on the unit's Facebook pages")
        assert dialog.comments.rowCount() == 0 and not dialog.make_report_button.isEnabled()
    finally:
        adi.close()


def test_a_supervisor_sees_the_figures_of_her_units_account_only(
    qtbot: QtBot, traffic_url: str, ops: Ops, tmp_path: Path
) -> None:
    sari = session_for(traffic_url, "sari", tmp_path)
    try:
        dialog = opened(qtbot, sari, ops)
        assert [row[:8] for row in table(dialog.accounts)] == [
            ["Telegram", "Bot Kanreg I", "kanreg-1", "Not polled yet", "1", "0", "1", "–"]
        ]
        assert not dialog.tabs.isTabVisible(dialog.errors_tab)
    finally:
        sari.close()


def test_a_public_comment_is_listed_flagged_and_made_a_report_in_one_step(
    qtbot: QtBot, traffic_url: str, ops: Ops, tmp_path: Path
) -> None:
    facebook_comments(traffic_url, (1, "Jalan di RT 5 rusak"), (2, "NIK 3201012345670001, bansos belum cair")).dispose()
    adi = session_for(traffic_url, "adi", tmp_path)
    try:
        dialog = opened(qtbot, adi, ops)
        assert dialog.tabs.tabText(dialog.comments_tab) == "Public comments (2)"
        rows = table(dialog.comments)
        assert [(r[0], r[1], r[3]) for r in rows] == [
            ("Facebook", "FB Humas", "Warga 2"),
            ("Facebook", "FB Humas", "Warga 1"),
        ]
        assert rows[0][4] == "Personal data: NIK 3201012345670001, bansos belum cair"  # said in words
        assert "only in private" in dialog.comments.item(0, 4).toolTip()
        assert rows[1][4] == "Jalan di RT 5 rusak"
        dialog.comments.selectRow(1)
        assert dialog.make_report_button.isEnabled()
        dialog.make_report_button.click()
        qtbot.waitUntil(lambda: dialog.status.text().startswith("Report "), timeout=TIMEOUT)
        assert dialog.status.text().endswith("was made of the comment.")
        assert [r[3] for r in table(dialog.comments)] == ["Warga 2"]  # a report now: no longer listed
        assert dialog.tabs.tabText(dialog.comments_tab) == "Public comments (1)"
    finally:
        adi.close()
    made = Store(traffic_url)
    try:
        bodies = made.read(
            lambda conn: [
                r.body_text for r in conn.execute(select(message).where(message.c.external_id == "comment:900_1"))
            ]
        )
        assert bodies == ["Jalan di RT 5 rusak"]
    finally:
        made.dispose()


def test_a_flagged_comment_is_answered_in_public_only_once_the_officer_ticks_that_they_saw_the_flag(
    qtbot: QtBot, traffic_url: str, ops: Ops, tmp_path: Path
) -> None:
    facebook_comments(traffic_url, (7, "NIK 3201012345670001, bansos belum cair. HP 081234567890")).dispose()
    adi = session_for(traffic_url, "adi", tmp_path)
    try:
        dialog = opened(qtbot, adi, ops)
        dialog.comments.selectRow(0)
        assert dialog.public_reply_button.isEnabled()
        dialog.public_reply_button.click()
        reply = dialog.findChild(PublicReplyDialog)
        assert reply is not None and reply.isVisible() and reply.despite.isVisibleTo(reply)

        reply.text.setPlainText("Kami hubungi Anda di 0812-3456-7890.")  # repeats the citizen's number
        reply.accept()
        assert reply.isVisible() and "repeats the phone number" in reply.error.text()
        reply.text.setPlainText("Mohon jangan menulis NIK di kolom komentar; kami hubungi lewat pesan.")
        reply.accept()
        assert reply.isVisible() and "tick the box" in reply.error.text()
        reply.despite.setChecked(True)
        reply.accept()
        qtbot.waitUntil(lambda: dialog.status.text().startswith("The public reply waits"), timeout=TIMEOUT)
        assert table(dialog.comments)[0][5] == "Waiting to be posted"
        assert not dialog.public_reply_button.isEnabled()  # one reply per comment
    finally:
        adi.close()


def test_a_reply_perhaps_posted_is_settled_by_the_officer_who_looked_under_the_comment(
    qtbot: QtBot, traffic_url: str, ops: Ops, tmp_path: Path
) -> None:
    owner = facebook_comments(traffic_url, (8, "Jam buka?"))
    try:
        owner.admin(
            lambda conn: conn.execute(social_comment.update().values(reply_text="Pukul 08.00.", reply_state="sending"))
        )  # a worker stopped while posting it
    finally:
        owner.dispose()
    adi = session_for(traffic_url, "adi", tmp_path)
    try:
        dialog = opened(qtbot, adi, ops)
        dialog.comments.selectRow(0)
        assert table(dialog.comments)[0][5] == "Perhaps posted: look under the comment"
        assert dialog.settle_button.isEnabled() and not dialog.public_reply_button.isEnabled()
        dialog.settle_button.click()
        box = dialog.findChild(QMessageBox)
        assert box is not None and "Is the reply there?" in box.text()
        [missing] = [b for b in box.buttons() if b.text() == "It is &not there"]
        missing.click()
        qtbot.waitUntil(lambda: dialog.status.text() == "The reply can be written again.", timeout=TIMEOUT)
        assert table(dialog.comments)[0][5].startswith("Refused: not posted")
        assert dialog.public_reply_button.isEnabled() and not dialog.settle_button.isEnabled()
    finally:
        adi.close()
