"""The ticket view as the officer meets it, headless: a ticket of the cache by subject, the view opened on it
as the window opens it, refreshed after a sync round, its Related page, the dialogs it shows, and what the
desk queued meanwhile."""

from __future__ import annotations

import json
from typing import Any, TypeVar
from uuid import UUID

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import select

from desktop.cache import schema as s
from desktop.sync.session import Session
from desktop.ui.events import Events
from desktop.ui.ops import Ops
from desktop.ui.related_view import RelatedView
from desktop.ui.ticket_view import TicketView
from desktop.views.tickets import list_tickets

TIMEOUT = 10_000
D = TypeVar("D", bound=QWidget)


def first_ticket(session: Session, subject: str = "Jalan berlubang") -> UUID:
    with session.cache.read() as conn:
        return next(t.id for t in list_tickets(conn) if t.subject == subject)


def open_view(qtbot: QtBot, session: Session, ops: Ops, ticket_id: UUID, events: Events | None = None) -> TicketView:
    events = events or Events()
    view = TicketView(session, ops, events)
    events.open_ticket.connect(view.open_ticket)  # as the window wires it
    qtbot.addWidget(view)
    view.show()
    events.open_ticket.emit(str(ticket_id))
    qtbot.waitUntil(
        lambda: view.loaded is not None and view.loaded.cached.detail.ticket.id == ticket_id, timeout=TIMEOUT
    )
    return view


def refreshed(qtbot: QtBot, view: TicketView, condition: Any) -> None:
    """After a sync round: the window tells every view that the cache changed."""
    view.events.cache_changed.emit()
    qtbot.waitUntil(condition, timeout=TIMEOUT)


def related_of(qtbot: QtBot, view: TicketView, ticket_id: UUID) -> RelatedView:
    """The Related page, shown and loaded for ``ticket_id``."""
    view.pages.setCurrentWidget(view.related)
    related = view.related
    qtbot.waitUntil(lambda: related.related is not None and related.related.ticket_id == ticket_id, timeout=TIMEOUT)
    return related


def shown_dialog(qtbot: QtBot, parent: QWidget, kind: type[D]) -> D:
    found: list[D] = []

    def visible() -> bool:
        found[:] = [d for d in parent.findChildren(kind) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible, timeout=TIMEOUT)
    return found[0]


def closed(dialog: QWidget) -> bool:
    """Closed and, after ``deleteLater``, maybe gone."""
    return not isValid(dialog) or not dialog.isVisible()


def queued(session: Session, kind: str) -> list[dict[str, Any]]:
    """Payloads of the pending operations of ``kind`` in the outbox, oldest first."""
    with session.cache.read() as conn:
        rows = conn.execute(
            select(s.outbox.c.payload)
            .where(s.outbox.c.kind == kind, s.outbox.c.state == "pending")
            .order_by(s.outbox.c.seq)
        )
        return [json.loads(payload) for payload in rows.scalars()]
