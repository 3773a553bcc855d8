"""The ticket view's "Related" page on a real central database (SQLite) and real caches, headless: the
family of duplicates, similar tickets, and the actions on them, as the officer uses them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.cache import schema as s
from desktop.store import claims
from desktop.store.canned import add_canned_response
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.ops import Ops
from desktop.ui.related_dialogs import BulkAnswerDialog, MasterDialog, NotOursDialog
from tests.store.canned_helpers import as_owner
from tests.store.helpers import new_ticket
from tests.ui.ticket_views import closed, first_ticket, open_view, queued, refreshed, related_of, shown_dialog

TIMEOUT = 10_000


def double_click(qtbot: QtBot, tree: Any, item: Any) -> None:
    """As a mouse does it: a click, then the double click (Qt's test event alone lacks the first press)."""
    point = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)


def rows(tree: Any) -> list[list[str]]:
    return [[tree.topLevelItem(r).text(c) for c in range(tree.columnCount())] for r in range(tree.topLevelItemCount())]


def claimed(session: Session, *subjects: str) -> list[UUID]:
    found = [first_ticket(session, subject) for subject in subjects]
    for ticket_id in found:
        session.desk.claim(str(ticket_id))
    session.engine.sync()
    return found


def test_linking_through_the_dialog_queues_a_link_and_the_family_shows_it(
    qtbot: QtBot, session: Session, ops: Ops
) -> None:
    [mine] = claimed(session, "Jalan berlubang")
    master = first_ticket(session, "Lampu jalan mati")
    view = open_view(qtbot, session, ops, mine)
    related = related_of(qtbot, view, mine)
    assert related.family_empty.isVisible() and not related.family.isVisible()
    similar = {UUID(item.data(0, Qt.ItemDataRole.UserRole)): r for r, item in enumerate(_items(related.similar))}
    assert master in similar, "the same complaint text in other words: offered as similar"
    assert all("alike)" in row[3] for row in rows(related.similar))
    assert view.pages.tabText(1) == f"Related ({related.similar.topLevelItemCount()})"
    assert related.link_action.isEnabled() and related.merge_action.isEnabled()
    assert not related.unlink_action.isEnabled() and not related.answer_action.isEnabled()

    related.similar.setCurrentItem(related.similar.topLevelItem(similar[master]))
    related.buttons["mark_duplicate"].click()
    dialog = shown_dialog(qtbot, view, MasterDialog)
    assert dialog.chosen() == str(master), "the similar ticket chosen in the list is offered"
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: closed(dialog), timeout=TIMEOUT)
    assert queued(session, "link") == [{"master_id": str(master)}]

    qtbot.waitUntil(lambda: related.family.topLevelItemCount() == 2, timeout=TIMEOUT)
    with session.cache.read() as conn:
        tracking = dict(conn.execute(select(s.ticket.c.id, s.ticket.c.tracking_no)).all())
    assert [row[:2] for row in rows(related.family)] == [
        ["Master", tracking[master]],
        ["Duplicate, this report (queued)", tracking[mine]],
    ]
    assert rows(related.family)[1][4] == "ani" and rows(related.family)[0][4] == "nobody"
    assert master not in {UUID(i.data(0, Qt.ItemDataRole.UserRole)) for i in _items(related.similar)}
    assert related.unlink_action.isEnabled() and not related.answer_action.isEnabled()

    session.engine.sync()
    refreshed(qtbot, view, lambda: rows(related.family)[1][0] == "Duplicate, this report")

    # Double-clicking the master opens it: ani does not hold it, so its family cannot be answered from here.
    double_click(qtbot, related.family, related.family.topLevelItem(0))
    double_click(qtbot, related.family, related.family.topLevelItem(0))
    related = related_of(qtbot, view, master)
    assert view.ticket_id == master
    assert rows(related.family)[0][0] == "Master, this report"
    assert not related.answer_action.isEnabled() and not related.link_action.isEnabled()
    assert related.hint.text() == "Claim the report to link, merge or answer its family."


def _items(tree: Any) -> list[Any]:
    return [tree.topLevelItem(r) for r in range(tree.topLevelItemCount())]


def test_a_similar_ticket_opens_on_double_click(qtbot: QtBot, session: Session, ops: Ops) -> None:
    ticket_id = first_ticket(session)
    view = open_view(qtbot, session, ops, ticket_id)
    related = related_of(qtbot, view, ticket_id)
    item = related.similar.topLevelItem(0)
    other = UUID(item.data(0, Qt.ItemDataRole.UserRole))
    double_click(qtbot, related.similar, item)
    qtbot.waitUntil(lambda: view.loaded is not None and view.loaded.cached.detail.ticket.id == other, timeout=TIMEOUT)


def test_a_master_the_desk_refuses_is_said_in_the_dialog_and_what_was_typed_stays(
    qtbot: QtBot, session: Session, ops: Ops
) -> None:
    [mine] = claimed(session, "Jalan berlubang")
    view = open_view(qtbot, session, ops, mine)
    related = related_of(qtbot, view, mine)
    related.buttons["merge_into"].click()
    dialog = shown_dialog(qtbot, view, MasterDialog)
    assert dialog.merging and dialog.windowTitle() == "Merge into another report"
    dialog.choices.clearSelection()
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.error.text().startswith("Choose the master report")

    dialog.tracking.setText("ADU-1999-000001")
    dialog.ok_button.click()
    not_found = "ADU-1999-000001 is not on this computer or no longer yours to see"
    qtbot.waitUntil(lambda: dialog.error.text().startswith(not_found), timeout=TIMEOUT)
    assert dialog.isVisible() and dialog.tracking.text() == "ADU-1999-000001" and dialog.ok_button.isEnabled()
    with session.cache.read() as conn:
        own = conn.execute(select(s.ticket.c.tracking_no).where(s.ticket.c.id == mine)).scalar_one()
    dialog.tracking.setText(own)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "itself" in dialog.error.text(), timeout=TIMEOUT)
    assert queued(session, "merge") == [] and queued(session, "link") == []
    dialog.reject()


def test_the_bulk_answer_preview_shows_each_citizens_own_text_and_who_gets_a_hand_over(
    qtbot: QtBot, session: Session, ops: Ops, org_url: str
) -> None:
    owner = Store(org_url)
    as_owner(owner, add_canned_response, "jawab", "Jawaban bersama", "Yth. {nama_pelapor}, laporan {nomor_tiket}.")
    owner.dispose()
    ani_store = Store(org_url, officer="ani")
    master, first, second = (
        new_ticket(ani_store, subject="Jembatan putus", reporter_name=name)
        for name in ("Siti Aminah", "Joko Susilo", "Rina Wati")
    )
    ani_store.dispose()
    session.engine.sync()
    for ticket in (master, first, second):
        session.desk.claim(ticket.tracking_no)
    session.engine.sync()
    session.desk.link(first.tracking_no, master.tracking_no)
    session.desk.link(second.tracking_no, master.tracking_no)
    session.desk.release(second.tracking_no)
    session.engine.sync()
    budi = Store(org_url, officer="budi")
    budi.write(claims.claim, second.id)
    budi.dispose()
    session.engine.sync()

    view = open_view(qtbot, session, ops, master.id)
    related = related_of(qtbot, view, master.id)
    assert [row[0] for row in rows(related.family)] == ["Master, this report", "Duplicate", "Duplicate"]
    assert rows(related.family)[2][4] == "budi"
    assert related.answer_action.isEnabled()
    assert not related.link_action.isEnabled() and not related.merge_action.isEnabled()
    assert "unlink its duplicates" in related.hint.text()

    related.buttons["answer_linked"].click()
    dialog = shown_dialog(qtbot, view, BulkAnswerDialog)
    assert not dialog.ok_button.isEnabled()
    dialog.canned.setCurrentIndex(dialog.canned.findData("jawab"))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=TIMEOUT)
    text = dialog.texts.toPlainText()
    for ticket, name in ((master, "Siti Aminah"), (first, "Joko Susilo"), (second, "Rina Wati")):
        assert f"Yth. {name}, laporan {ticket.tracking_no}." in text
    assert f"{first.tracking_no} — sent to the citizen" in text
    assert f"{second.tracking_no} — handed over to budi, who holds it" in text
    assert dialog.summary.text() == "2 citizen(s) get this answer now. 1 handed over to the officers who hold them."
    assert queued(session, "bulk_answer") == []

    dialog.ok_button.click()
    qtbot.waitUntil(lambda: closed(dialog), timeout=TIMEOUT)
    [payload] = queued(session, "bulk_answer")
    assert payload["canned_key"] == "jawab" and payload["canned_version"] == 1


def test_not_our_authority_needs_a_reason(qtbot: QtBot, session: Session, ops: Ops) -> None:
    [mine] = claimed(session, "Jalan berlubang")
    view = open_view(qtbot, session, ops, mine)
    related = related_of(qtbot, view, mine)
    assert related.not_ours_action.isEnabled()
    related.buttons["not_ours"].click()
    dialog = shown_dialog(qtbot, view, NotOursDialog)
    dialog.reason.setPlainText("   \n ")
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text() == "Give the reason: the unit that receives the report back reads it."
    assert queued(session, "return_disposition") == []

    dialog.reason.setPlainText("Jalan provinsi,\nbukan kewenangan kabupaten.")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: closed(dialog), timeout=TIMEOUT)
    assert queued(session, "return_disposition") == [{"reason": "Jalan provinsi, bukan kewenangan kabupaten."}]
    qtbot.waitUntil(lambda: "Status: Not our authority" in view.facts.text(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not related.not_ours_action.isEnabled(), timeout=TIMEOUT)  # the claim ended
    assert not related.link_action.isEnabled()


def test_the_controls_follow_the_claim(qtbot: QtBot, session: Session, ops: Ops, org_url: str) -> None:
    ticket_id = first_ticket(session)
    view = open_view(qtbot, session, ops, ticket_id)
    related = related_of(qtbot, view, ticket_id)
    holder_only = (
        related.link_action,
        related.merge_action,
        related.unlink_action,
        related.answer_action,
        related.not_ours_action,
    )
    assert not any(action.isEnabled() for action in holder_only)
    assert related.refer_action.isEnabled(), "any officer who sees a ticket may ask another unit about it"
    assert related.hint.isVisible()

    view.buttons["claim"].click()  # a queued claim is enough to act as the holder
    qtbot.waitUntil(lambda: related.link_action.isEnabled(), timeout=TIMEOUT)
    assert related.merge_action.isEnabled() and related.not_ours_action.isEnabled()
    assert not related.unlink_action.isEnabled() and not related.answer_action.isEnabled()
    assert not related.hint.isVisible()

    other = first_ticket(session, "Lampu jalan mati")
    budi = Store(org_url, officer="budi")
    budi.write(claims.claim, other)
    budi.dispose()
    session.engine.sync()
    view.events.open_ticket.emit(str(other))
    related = related_of(qtbot, view, other)
    assert not any(action.isEnabled() for action in holder_only)


def test_a_duplicate_is_merged_into_its_own_master_offered_first(qtbot: QtBot, session: Session, ops: Ops) -> None:
    mine, master = claimed(session, "Jalan berlubang", "Lampu jalan mati")
    session.desk.link(str(mine), str(master))
    session.engine.sync()
    view = open_view(qtbot, session, ops, mine)
    related = related_of(qtbot, view, mine)
    related.buttons["merge_into"].click()
    dialog = shown_dialog(qtbot, view, MasterDialog)
    first = dialog.choices.item(0)
    assert first.data(Qt.ItemDataRole.UserRole) == str(master)
    assert first.text().endswith("The master of this report's family · Received")
    dialog.choices.setCurrentItem(first)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: closed(dialog), timeout=TIMEOUT)
    assert queued(session, "merge") == [{"master_id": str(master)}]
    qtbot.waitUntil(
        lambda: rows(related.family)[1][:4:3] == ["Duplicate, this report (queued)", "Archived"], timeout=TIMEOUT
    )
    assert not related.merge_action.isEnabled(), "merging ended the claim"
