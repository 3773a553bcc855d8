"""The ticket view on a real central database (SQLite) and real caches, headless."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select
from uuid6 import uuid7

from desktop.desk.drafts import load_draft
from desktop.domain.errors import Unreachable
from desktop.domain.status import Status, allowed_next
from desktop.store import claims
from desktop.store import schema as central
from desktop.store.service import Store
from desktop.store.work import begin
from desktop.sync.session import Session
from desktop.ui import labels
from desktop.ui.events import Events
from desktop.ui.labels import local_until, status_label
from desktop.ui.ops import Ops
from desktop.ui.thread_view import ThreadView
from desktop.ui.ticket_dialogs import StatusDialog, StealDialog, TransferDialog
from desktop.ui.ticket_view import TicketView
from desktop.views.tickets import ClaimFacts, list_tickets
from tests.ui.conftest import session_for
from tests.ui.ticket_views import first_ticket, open_view, refreshed

TIMEOUT = 10_000


def test_the_claim_banner_says_free_mine_or_someone_elses(
    qtbot: QtBot, session: Session, ops: Ops, org_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A lease ends four hours on, tomorrow when claimed in the evening (then the banner gives the date too):
    # the banner and the expectations below read the same workstation day, held still for the whole test.
    today = labels.local_today()
    monkeypatch.setattr(labels, "local_today", lambda: today)
    ticket_id = first_ticket(session)
    view = open_view(qtbot, session, ops, ticket_id)
    assert view.banner.text() == "Free — claim it"
    assert not view.status_action.isEnabled() and not view.composer.send_button.isEnabled()
    assert not view.buttons["steal"].isVisible()  # ani is an officer, not a supervisor

    view.buttons["claim"].click()
    qtbot.waitUntil(lambda: "You claimed this report" in view.banner.text(), timeout=TIMEOUT)
    assert view.composer.send_button.isEnabled()  # acting on a queued claim is allowed
    session.engine.sync()
    refreshed(qtbot, view, lambda: view.banner.text().startswith("You hold this report until"))
    expires = view.loaded.cached.claim.expires_at if view.loaded else None
    assert expires is not None and view.banner.text() == f"You hold this report until {local_until(expires)}"

    other = first_ticket(session, "Lampu jalan mati")
    budi = Store(org_url, officer="budi")
    taken = budi.write(claims.claim, other)
    budi.dispose()
    session.engine.sync()
    events = view.events
    events.open_ticket.emit(str(other))
    qtbot.waitUntil(lambda: view.banner.text().startswith("Held by"), timeout=TIMEOUT)
    assert taken.claim.expires_at is not None
    assert view.banner.text() == f"Held by Budi Santoso until {local_until(taken.claim.expires_at)}"
    assert view.claim_action.isEnabled() and not view.release_action.isEnabled()


def test_a_lease_ending_on_another_day_is_shown_with_its_date(
    qtbot: QtBot, session: Session, ops: Ops, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = TicketView(session, ops, Events())
    qtbot.addWidget(view)
    ends = datetime(2026, 12, 5, 2, 30)  # naive UTC, as the cache holds it
    shown = ends.replace(tzinfo=UTC).astimezone()
    held = ClaimFacts(
        "budi", "Budi Santoso", ends, 1, live=True, pending_claim=False, pending_release=False, mine=False
    )
    monkeypatch.setattr(labels, "local_today", lambda: shown.date())
    assert view.banner_text(held) == f"Held by Budi Santoso until {labels.local_time(ends, with_date=False)}"
    monkeypatch.setattr(labels, "local_today", lambda: shown.date() - timedelta(days=1))
    dated = labels.local_time(ends)
    assert dated.startswith(f"{shown.day} ") and dated.endswith(f"{shown:%M}")  # test_time_words: each language
    assert view.banner_text(held) == f"Held by Budi Santoso until {dated}"
    assert view.banner_text(replace(held, mine=True)) == f"You hold this report until {dated}"
    assert view.banner_text(replace(held, mine=True, live=False)).startswith(f"Your claim ran out at {dated};")


def test_a_claim_someone_else_holds_is_refused_in_words(
    qtbot: QtBot, session: Session, ops: Ops, org_url: str, tmp_path: Path
) -> None:
    ticket_id = first_ticket(session)
    budi = session_for(org_url, "budi", tmp_path)
    budi.desk.claim(str(ticket_id))
    budi.engine.sync()
    budi.close()
    session.engine.sync()
    view = open_view(qtbot, session, ops, ticket_id)
    assert not view.message.isVisible()

    view.buttons["claim"].click()
    qtbot.waitUntil(lambda: view.message.isVisible(), timeout=TIMEOUT)
    assert view.message.objectName() == "claimMessage"
    assert view.message.text().startswith("budi holds this report until")
    with session.cache.read() as conn:
        assert view.loaded is not None and not view.loaded.cached.claim.pending_claim
        assert list_tickets(conn, mine=True) == []  # nothing was queued


def test_a_reply_shows_queued_offline_then_sent(qtbot: QtBot, session: Session, ops: Ops, tmp_path: Path) -> None:
    ticket_id = first_ticket(session)
    session.desk.claim(str(ticket_id))
    session.engine.sync()
    view = open_view(qtbot, session, ops, ticket_id)
    online = session.engine.store
    session.engine.store = Store(f"sqlite:///{tmp_path / 'moved-away' / 'central.db'}", officer="ani")

    qtbot.keyClicks(view.composer.reply_edit, "Laporan Anda sedang kami verifikasi.")
    view.composer.send_button.click()
    qtbot.waitUntil(lambda: "[queued]" in view.thread_view.toPlainText(), timeout=TIMEOUT)
    assert "Laporan Anda sedang kami verifikasi." in view.thread_view.toPlainText()
    assert view.composer.reply_edit.toPlainText() == ""  # sent text leaves the box
    with pytest.raises(Unreachable):
        session.engine.sync()
    refreshed(qtbot, view, lambda: "[queued]" in view.thread_view.toPlainText())

    session.engine.store.dispose()
    session.engine.store = online
    session.engine.sync()
    # Accepted by the server: now it waits for the worker, or is only recorded on a channel nobody sends through.
    delivery = online.read(
        lambda conn: conn.execute(
            select(central.message.c.delivery).where(
                central.message.c.ticket_id == ticket_id, central.message.c.direction == "outbound"
            )
        ).scalar_one()
    )
    words = {"queued": "[waiting to be sent]", "recorded": "[recorded, not sent by Aduan]"}[delivery]
    refreshed(qtbot, view, lambda: words in view.thread_view.toPlainText())
    assert "[queued]" not in view.thread_view.toPlainText()
    assert "Reply by Ani Wijaya" in view.thread_view.toPlainText()  # by name (test_thread_names.py)


def test_the_status_dialog_offers_only_allowed_transitions(qtbot: QtBot, session: Session, ops: Ops) -> None:
    ticket_id = first_ticket(session)
    session.desk.claim(str(ticket_id))
    view = open_view(qtbot, session, ops, ticket_id)
    assert view.status_action.isEnabled()
    view.status_action.trigger()
    dialog = view.findChild(StatusDialog)
    assert dialog is not None
    offered = [dialog.choices.item(i).text() for i in range(dialog.choices.count())]
    expected = [status_label(s) for s in Status if s in allowed_next(Status.DITERIMA)]
    assert offered == expected and status_label(Status.SELESAI) not in offered

    dialog.accept()  # nothing chosen: said in the dialog, which stays open
    assert dialog.isVisible() and dialog.error.text() == "Choose the new status."
    dialog.choices.setCurrentRow(offered.index(status_label(Status.DIVERIFIKASI)))
    dialog.accept()
    qtbot.waitUntil(lambda: "Status: Verified" in view.facts.text(), timeout=TIMEOUT)


def test_html_is_sanitized_and_nothing_remote_is_loaded(
    qtbot: QtBot, session: Session, ops: Ops, org_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket_id = first_ticket(session)
    owner = Store(org_url)
    with owner.engine.connect() as conn, conn.execution_options(write=True).begin():
        work = begin(conn, None)
        conn.execute(
            insert(central.message).values(
                id=uuid7(),
                ticket_id=ticket_id,
                direction="inbound",
                channel="email",
                body_text="Foto terlampir",
                body_html=(
                    '<p>Foto <b>terlampir</b><img src="http://evil.example/track.png">'
                    "<script>alert('x')</script><style>p {color: red}</style>"
                    '<a href="http://dinas.example/peta" onclick="steal()">peta</a></p>'
                ),
                change_seq=work.seq,
                created_at=work.now,
            )
        )
    owner.dispose()
    session.engine.sync()
    asked: list[str] = []
    original = ThreadView.loadResource

    def recording(self: ThreadView, kind: int, url: QUrl) -> Any:
        asked.append(url.toString())
        return original(self, kind, url)

    monkeypatch.setattr(ThreadView, "loadResource", recording)
    view = open_view(qtbot, session, ops, ticket_id)
    shown = view.thread_view.toHtml()
    assert "terlampir" in shown and "dinas.example/peta" in shown
    for hostile in ("evil.example", "<script", "alert(", "color: red", "onclick", "<img"):
        assert hostile not in shown, hostile
    assert "Citizen" in view.thread_view.toPlainText()
    assert asked == []  # nothing to load: the image went with the sanitizing
    # Even HTML that slipped through would load nothing: the browser answers no resource at all.
    view.thread_view.setHtml('<img src="http://evil.example/direct.png">')
    assert set(asked) == {"http://evil.example/direct.png"}  # asked (once per layout pass), given nothing
    assert view.thread_view.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(asked[0])) is None


def test_a_draft_comes_back_when_the_view_is_made_again(qtbot: QtBot, session: Session, ops: Ops) -> None:
    ticket_id = first_ticket(session)
    view = open_view(qtbot, session, ops, ticket_id)
    qtbot.keyClicks(view.composer.reply_edit, "Yth. Bapak, laporan Anda")
    qtbot.keyClicks(view.composer.note_edit, "cek lokasi dulu")
    qtbot.waitUntil(
        lambda: (
            load_draft(session.cache, ticket_id, "reply") == "Yth. Bapak, laporan Anda"
            and load_draft(session.cache, ticket_id, "note") == "cek lokasi dulu"
        ),
        timeout=TIMEOUT,
    )
    view.close()

    again = open_view(qtbot, session, ops, ticket_id)
    qtbot.waitUntil(lambda: again.composer.reply_edit.toPlainText() == "Yth. Bapak, laporan Anda", timeout=TIMEOUT)
    assert again.composer.note_edit.toPlainText() == "cek lokasi dulu"


def test_the_note_box_completes_mentions_from_the_officers_in_the_cache(
    qtbot: QtBot, session: Session, ops: Ops
) -> None:
    view = open_view(qtbot, session, ops, first_ticket(session))
    edit = view.composer.note_edit
    view.composer.setCurrentIndex(1)
    edit.setFocus()
    qtbot.keyClicks(edit, "cc @bu")
    qtbot.waitUntil(lambda: edit.completer.popup().isVisible(), timeout=TIMEOUT)
    assert edit.completer.currentCompletion() == "budi"
    assert sorted(edit.logins.stringList()) == ["budi", "rudi", "sari"]  # everyone but me
    qtbot.keyClick(edit.completer.popup(), Qt.Key.Key_Return)
    assert edit.toPlainText() == "cc @budi "


def test_take_the_next_one_claims_it_and_opens_it(qtbot: QtBot, session: Session, ops: Ops) -> None:
    view = open_view(qtbot, session, ops, first_ticket(session, "Banjir di RT 05"))
    with qtbot.waitSignal(view.events.open_ticket, timeout=TIMEOUT) as opened:
        view.next_action.trigger()
    picked = UUID(opened.args[0])
    qtbot.waitUntil(lambda: view.ticket_id == picked and "You claimed" in view.banner.text(), timeout=TIMEOUT)
    with session.cache.read() as conn:
        assert [t.id for t in list_tickets(conn, mine=True)] == [picked]


def test_a_supervisor_takes_over_with_a_reason(qtbot: QtBot, org_url: str, ops: Ops, tmp_path: Path) -> None:
    rudi = session_for(org_url, "rudi", tmp_path)
    ticket_id = first_ticket(rudi, "Pelayanan KTP lambat")
    rudi.desk.claim(str(ticket_id))
    rudi.engine.sync()
    rudi.close()
    sari = session_for(org_url, "sari", tmp_path)
    view = open_view(qtbot, sari, ops, ticket_id)
    assert view.banner.text().startswith("Held by Rudi Hartono until")
    assert view.buttons["steal"].isVisible() and view.steal_action.isEnabled()

    view.steal_action.trigger()
    dialog = view.findChild(StealDialog)
    assert dialog is not None
    qtbot.keyClicks(dialog.reason, "cuti")
    dialog.accept()  # too short: explained, and the text stays for the officer to complete
    assert dialog.isVisible() and "at least 5 characters" in dialog.error.text()
    qtbot.keyClicks(dialog.reason, " mendadak, tenggat besok")
    dialog.accept()
    qtbot.waitUntil(lambda: "You claimed this report" in view.banner.text(), timeout=TIMEOUT)
    sari.engine.sync()
    refreshed(qtbot, view, lambda: view.banner.text().startswith("You hold this report until"))
    sari.close()


def test_a_transfer_needs_a_unit_and_a_reason(qtbot: QtBot, session: Session, ops: Ops) -> None:
    ticket_id = first_ticket(session)
    session.desk.claim(str(ticket_id))
    view = open_view(qtbot, session, ops, ticket_id)
    view.transfer_action.trigger()
    qtbot.waitUntil(lambda: view.findChild(TransferDialog) is not None, timeout=TIMEOUT)
    dialog = view.findChild(TransferDialog)
    assert dialog is not None
    offered = [dialog.unit.itemData(i) for i in range(1, dialog.unit.count())]
    assert offered == ["kanreg", "kanreg-1"]  # not the unit it is in
    dialog.unit.setCurrentIndex(offered.index("kanreg-1") + 1)
    dialog.accept()
    assert dialog.isVisible() and "reason" in dialog.error.text()
    qtbot.keyClicks(dialog.reason, "Wewenang kantor regional")
    dialog.accept()
    qtbot.waitUntil(lambda: "Unit: Kantor Regional I" in view.facts.text(), timeout=TIMEOUT)
    assert not view.status_action.isEnabled()  # the claim goes with the transfer


def test_attachments_are_listed_and_saved_and_risky_ones_are_not_opened(
    qtbot: QtBot, session: Session, ops: Ops, org_url: str, tmp_path: Path
) -> None:
    ticket_id = first_ticket(session)
    photo, program = b"foto jalan" * 300, b"MZ\x90\x00"
    owner = Store(org_url)
    with owner.engine.connect() as conn, conn.execution_options(write=True).begin():
        work = begin(conn, None)
        for name, data, risky in (("foto.jpg", photo, False), ("bukti.exe", program, True)):
            digest = hashlib.sha256(data).hexdigest()
            conn.execute(central.blob.insert().values(sha256=digest, size=len(data), content=data))
            conn.execute(
                central.attachment.insert().values(
                    id=uuid7(),
                    ticket_id=ticket_id,
                    filename=name,
                    content_type="application/octet-stream",
                    size=len(data),
                    sha256=digest,
                    risky=risky,
                    change_seq=work.seq,
                    created_at=work.now,
                )
            )
    owner.dispose()
    session.engine.sync()
    view = open_view(qtbot, session, ops, ticket_id)
    text = view.thread_view.toPlainText()
    assert "foto.jpg" in text and "bukti.exe" in text and "risky file type" in text
    shown = view.thread_view.toHtml()
    assert view.loaded is not None
    names = [a.filename for a in view.loaded.cached.attachments]
    assert shown.count("aduan-attachment:save/") == 2 and shown.count("aduan-attachment:open/") == 1  # .exe: save only
    assert f"aduan-attachment:open/{names.index('foto.jpg')}" in shown

    target = tmp_path / "disimpan.jpg"
    view.save_attachment(hashlib.sha256(photo).hexdigest(), str(target))
    qtbot.waitUntil(lambda: target.exists() and target.read_bytes() == photo, timeout=TIMEOUT)
