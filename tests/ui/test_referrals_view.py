"""Referrals across units in the window, on a real central database (SQLite) and real caches, headless: ani
asks kanreg-1 from her ticket's Related page, rudi (kanreg-1, who cannot see the ticket) answers from his
Referrals tab, and the answer reaches ani's ticket as a note."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings
from desktop.sync.session import Session
from desktop.ui.events import Events
from desktop.ui.main_window import REFERRALS_TAB, MainWindow
from desktop.ui.ops import Ops
from desktop.ui.referrals_view import ReferralsView
from desktop.ui.related_dialogs import AnswerReferralDialog, ReferDialog
from tests.ui.conftest import session_for
from tests.ui.ticket_views import closed, first_ticket, open_view, queued, refreshed, related_of, shown_dialog

TIMEOUT = 10_000
QUESTION = "Apakah ruas jalan di depan pasar termasuk jalan provinsi?"
ANSWER = "Ya, itu jalan provinsi; kami teruskan ke dinas PU provinsi."
FIRST_MESSAGE = "Jalan di depan pasar berlubang besar dan membahayakan pengendara."


def referrals_view(qtbot: QtBot, session: Session, ops: Ops) -> ReferralsView:
    view = ReferralsView(session, ops, Events())
    qtbot.addWidget(view)
    view.show()
    view.reload()
    return view


def cells(view: ReferralsView, row: int = 0) -> list[str]:
    item = view.list.topLevelItem(row)
    return [item.text(column) for column in range(view.list.columnCount())]


def ask_kanreg_1(qtbot: QtBot, session: Session, ops: Ops) -> None:
    """ani refers her ticket "Jalan berlubang" to kanreg-1 through the Related page, and syncs."""
    ticket_id = first_ticket(session)
    view = open_view(qtbot, session, ops, ticket_id)
    related = related_of(qtbot, view, ticket_id)
    related.buttons["refer"].click()
    dialog = shown_dialog(qtbot, view, ReferDialog)
    assert dialog.unit.findData("humas") == -1, "the report's own unit is not offered"
    dialog.unit.setCurrentIndex(dialog.unit.findData("kanreg-1"))
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.error.text() == "Write the question for the unit."
    dialog.question.setPlainText(QUESTION)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: closed(dialog), timeout=TIMEOUT)
    assert [(p["unit"], p["question"]) for p in queued(session, "refer")] == [("kanreg-1", QUESTION)]
    qtbot.waitUntil(lambda: related.referrals.count() == 1, timeout=TIMEOUT)
    assert related.referrals.item(0).text().endswith("Waiting to be sent at the next sync")
    session.engine.sync()
    refreshed(qtbot, view, lambda: related.referrals.item(0).text().endswith("Waiting for the unit's answer"))
    view.close()


def test_a_referral_is_answered_in_the_referred_units_tab_and_reaches_the_ticket_as_a_note(
    qtbot: QtBot, session: Session, ops: Ops, org_url: str, tmp_path: Path
) -> None:
    ask_kanreg_1(qtbot, session, ops)
    rudi = session_for(org_url, "rudi", tmp_path)
    try:
        view = referrals_view(qtbot, rudi, ops)
        qtbot.waitUntil(lambda: view.list.topLevelItemCount() == 1, timeout=TIMEOUT)
        tracking, subject, question, asked_by, state = cells(view)
        assert tracking.startswith("ADU-") and subject == "Jalan berlubang" and question == QUESTION
        assert (asked_by, state) == ("ani (humas)", "Waiting for our answer")
        shown = view.detail.toPlainText()
        assert FIRST_MESSAGE in shown and QUESTION in shown
        assert view.tab_title() == "Referrals (1)"
        assert view.answer_action.isEnabled()
        assert not view.open_button.isVisible(), "rudi cannot see the ticket itself"

        view.answer_button.click()
        dialog = shown_dialog(qtbot, view, AnswerReferralDialog)
        dialog.ok_button.click()
        assert dialog.isVisible() and dialog.error.text() == "Write the answer: it becomes a note on the report."
        dialog.answer.setPlainText(ANSWER)
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: closed(dialog), timeout=TIMEOUT)
        assert [p["text"] for p in queued(rudi, "answer_referral")] == [ANSWER]
        qtbot.waitUntil(lambda: cells(view)[4] == "Answer waiting to be sent", timeout=TIMEOUT)
        assert not view.answer_action.isEnabled() and view.tab_title() == "Referrals"

        rudi.engine.sync()
        view.events.cache_changed.emit()
        qtbot.waitUntil(lambda: cells(view)[4] == "Answered by rudi", timeout=TIMEOUT)
        assert ANSWER in view.detail.toPlainText() and not view.answer_action.isEnabled()
    finally:
        rudi.close()

    session.engine.sync()
    ticket_id = first_ticket(session)
    ticket = open_view(qtbot, session, ops, ticket_id)
    qtbot.waitUntil(lambda: ANSWER in ticket.thread_view.toPlainText(), timeout=TIMEOUT)
    related = related_of(qtbot, ticket, ticket_id)
    qtbot.waitUntil(lambda: related.referrals.count() == 1, timeout=TIMEOUT)
    assert "Answer from rudi (" in related.referrals.item(0).text() and ANSWER in related.referrals.item(0).text()


def test_the_tab_lists_only_referrals_to_units_i_answer_for(
    qtbot: QtBot, session: Session, ops: Ops, org_url: str, tmp_path: Path
) -> None:
    session.desk.refer(str(first_ticket(session)), "kanreg-1", QUESTION)
    session.engine.sync()
    budi = session_for(org_url, "budi", tmp_path)  # humas, like ani: asked, not asked of
    sari = session_for(org_url, "sari", tmp_path)  # supervises kanreg, the parent of kanreg-1
    try:
        for_budi = referrals_view(qtbot, budi, ops)
        for_sari = referrals_view(qtbot, sari, ops)
        qtbot.waitUntil(lambda: for_sari.list.topLevelItemCount() == 1, timeout=TIMEOUT)
        assert for_sari.answer_action.isEnabled()
        qtbot.waitUntil(lambda: for_budi.empty.isVisible(), timeout=TIMEOUT)
        assert for_budi.list.topLevelItemCount() == 0 and not for_budi.answer_action.isEnabled()
    finally:
        budi.close()
        sari.close()


def test_the_window_has_a_referrals_tab_counting_what_waits_for_an_answer(
    qtbot: QtBot, session: Session, org_url: str, tmp_path: Path
) -> None:
    session.desk.refer(str(first_ticket(session)), "kanreg-1", QUESTION)
    session.engine.sync()
    rudi = session_for(org_url, "rudi", tmp_path)
    settings = Settings(policy_path=tmp_path / "no-policy.json", user_path=tmp_path / "settings.json")
    ops = Ops()
    window = MainWindow(rudi, ops, settings, MemoryCredentials())
    qtbot.addWidget(window)
    try:
        window.show()
        assert window.tabs.widget(REFERRALS_TAB) is window.referrals
        qtbot.waitUntil(lambda: window.tabs.tabText(REFERRALS_TAB) == "Referrals (1)", timeout=TIMEOUT)
        window.findChild(type(window.referrals.answer_action), "action_go_referrals").trigger()
        assert window.tabs.currentIndex() == REFERRALS_TAB
    finally:
        window.sync.stop()
        ops.shutdown()
        rudi.close()
