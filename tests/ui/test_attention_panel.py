"""The "needs attention" panel on real sync outcomes: a refused claim, a reply handed over, and work
handed over to me that I accept or dismiss."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.cache import schema as s
from desktop.store import claims
from desktop.store.schema import handover_item, message
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.attention_panel import AttentionPanel
from desktop.ui.events import Events
from desktop.ui.ops import Ops
from tests.store.helpers import expire_claim
from tests.ui.conftest import session_for


def panel_for(qtbot: QtBot, session: Session, ops: Ops) -> AttentionPanel:
    panel = AttentionPanel(session, ops, Events())
    qtbot.addWidget(panel)
    panel.show()
    return panel


def first_ticket(session: Session) -> str:
    with session.cache.read() as conn:
        return str(conn.execute(select(s.ticket.c.id).order_by(s.ticket.c.tracking_no)).scalars().first())


def test_a_refused_claim_surfaces_and_is_dismissed(qtbot: QtBot, org_url: str, session: Session, ops: Ops) -> None:
    ticket_id = first_ticket(session)
    budi = Store(org_url, officer="budi")
    budi.write(claims.claim, UUID(ticket_id))
    budi.dispose()
    session.desk.claim(ticket_id)  # ani's cache still shows the ticket free
    session.engine.sync()
    panel = panel_for(qtbot, session, ops)
    panel.reload()
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=10_000)
    assert panel.list.item(0).text().startswith("Your claim on ADU-") and "was refused" in panel.list.item(0).text()
    assert "Another officer holds this report." in panel.detail.text()
    assert not panel.accept_button.isVisible() and panel.dismiss_button.isEnabled()
    panel.dismiss_button.click()
    qtbot.waitUntil(lambda: panel.list.count() == 0 and panel.empty.isVisible(), timeout=10_000)


def test_work_handed_over_to_me_is_accepted_under_my_claim(
    qtbot: QtBot, org_url: str, session: Session, ops: Ops, tmp_path: Path
) -> None:
    ticket_id = first_ticket(session)
    session.desk.claim(ticket_id)
    session.engine.sync()
    session.desk.reply(ticket_id, "Laporan sedang kami periksa bersama dinas terkait.")  # ani is offline now
    central = Store(org_url)
    expire_claim(central.engine, UUID(ticket_id))
    budi = session_for(org_url, "budi", tmp_path)
    budi.desk.claim(ticket_id)
    budi.engine.sync()
    session.engine.sync()  # ani's reply reaches the server: handed over to budi
    budi.engine.sync()

    mine = panel_for(qtbot, session, ops)
    mine.reload()
    qtbot.waitUntil(lambda: mine.list.count() == 1, timeout=10_000)
    assert "was handed over to the current holder" in mine.list.item(0).text()

    theirs = panel_for(qtbot, budi, ops)
    theirs.reload()
    qtbot.waitUntil(lambda: theirs.list.count() == 1, timeout=10_000)
    assert theirs.list.item(0).text().startswith("Ani Wijaya handed over a reply on ADU-")
    assert "Laporan sedang kami periksa" in theirs.detail.text()
    assert theirs.accept_button.isVisible()
    theirs.accept_button.click()
    qtbot.waitUntil(lambda: theirs.list.count() == 0, timeout=10_000)
    budi.engine.sync()
    with central.engine.connect() as conn:
        sent = conn.execute(select(message.c.body_text).where(message.c.direction == "outbound")).scalars().all()
        resolved = conn.execute(select(handover_item.c.resolved_at)).scalar_one()
    assert sent == ["Laporan sedang kami periksa bersama dinas terkait."] and resolved is not None
    budi.close()
    central.dispose()
