"""The inbox pane on a real cache, headless: the lazy model, paging, reloads, filters, search, opening."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from desktop.cache import database
from desktop.cache import schema as s
from desktop.cache.database import Cache
from desktop.domain.status import Status
from desktop.sync.session import Session
from desktop.ui import inbox_model
from desktop.ui.events import Events
from desktop.ui.inbox_model import PAGE, InboxModel
from desktop.ui.inbox_view import InboxView
from desktop.ui.ops import Ops
from desktop.views import inbox
from desktop.views.inbox import Column, InboxQuery, View
from tests.sync.inbox_cache import fill_cache

TICKETS = 1_234


class FilledSession:
    """Enough of a Session for the inbox: a cache filled straight by SQL."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Session]:
    cache = Cache(tmp_path / "big.cache.db")
    with cache.write() as conn:
        fill_cache(conn, TICKETS)
    yield FilledSession(cache)  # type: ignore[misc]
    cache.dispose()


def loaded(model: InboxModel, row: int) -> bool:
    return model.index(row, 0).data(Qt.ItemDataRole.UserRole) is not None


def fetch_rows(qtbot: QtBot, model: InboxModel, rows: int | None = None) -> None:
    """Fetch as scrolling would, until ``rows`` rows (every row when None) are in the table."""
    while model.canFetchMore(QModelIndex()) and (rows is None or model.rowCount() < rows):
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: not model._fetching)


def test_the_model_passes_qts_model_tester(qtbot: QtBot, qtmodeltester: object, filled: Session, ops: Ops) -> None:
    model = InboxModel(filled, ops)
    model.set_query(InboxQuery(View.EVERYTHING))
    qtbot.waitUntil(lambda: model.rowCount() > 0 and loaded(model, 0))
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]


def test_fetch_more_pages_through_every_ticket_lazily(
    qtbot: QtBot, filled: Session, ops: Ops, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inbox_model, "SKIM_PAGES", 2)  # 400 rows a fetch: several fetches over 1,234
    model = InboxModel(filled, ops)
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.set_query(InboxQuery(View.EVERYTHING, sort=Column.SUBJECT))
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    # A new query reads its first page alone; the skims of keys come as the view asks for more.
    assert model.rowCount() == PAGE and loaded(model, PAGE - 1) and model.canFetchMore(QModelIndex())
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: model.rowCount() == TICKETS or not model._fetching)
    assert model.rowCount() == TICKETS
    assert inserted == [(0, 199), (200, 599), (600, 999), (1000, TICKETS - 1)], "the last row, not one past"
    # The last page comes when shown, with a placeholder until then.
    assert model.index(TICKETS - 1, Column.SUBJECT).data() == "Loading…"
    qtbot.waitUntil(lambda: loaded(model, TICKETS - 1))
    with filled.cache.read() as conn:
        whole = inbox.page(conn, model.query, None, TICKETS)
    shown = []
    for row in range(TICKETS):
        if not loaded(model, row):
            model.index(row, 0).data()
            qtbot.waitUntil(lambda row=row: loaded(model, row))
        shown.append(UUID(model.index(row, 0).data(Qt.ItemDataRole.UserRole)))
    assert shown == [r.ticket_id for r in whole]
    assert len(model._pages) <= 12, "only a few pages of rows are kept"


def test_a_reload_asked_while_the_first_page_is_read_does_not_throw_it_away(
    qtbot: QtBot, filled: Session, ops: Ops
) -> None:
    """At start-up the sync's first "the cache changed" comes while the inbox reads its first page: the page
    is shown when it is read, not after every other pane's reads queued on the cache thread meanwhile."""
    model = InboxModel(filled, ops)
    release = threading.Event()
    with qtbot.waitSignal(model.started, timeout=5000):
        model.set_query(InboxQuery(View.EVERYTHING))  # its first page is queued on the cache thread
        model.reload()  # e.g. the sync's first round: comes before the page is in
        blocker = asyncio.ensure_future(ops.db(release.wait, 30))  # another pane's slow read, queued after both
    assert model.rowCount() == PAGE and loaded(model, 0)
    with qtbot.waitSignal(model.reloaded, timeout=5000):  # the reload still comes, after the first page
        release.set()
    assert blocker.done() and model.rowCount() >= PAGE


def test_columns_show_words_not_codes(qtbot: QtBot, filled: Session, ops: Ops) -> None:
    model = InboxModel(filled, ops)
    model.set_query(InboxQuery(View.MINE))
    qtbot.waitUntil(lambda: model.rowCount() > 0 and loaded(model, 0))
    with filled.cache.read() as conn:
        rows = inbox.page(conn, model.query, None, PAGE)
    texts = [[model.index(r, c).data() for c in Column] for r in range(len(rows))]
    for row, text in zip(rows, texts, strict=True):
        assert "Ani Wijaya" in text[Column.HOLDER]
        live = row.claim_expires_at is not None and " — " in text[Column.HOLDER]
        assert live or "ran out" in text[Column.HOLDER]
        assert text[Column.REPORTER] == ("Anonymous" if row.reporter_anonymous else row.reporter_name or "")
        if row.due_at is not None and not row.status.is_closed:  # the badge: its words, never colour alone
            assert text[Column.DEADLINE].startswith(("Overdue ", "Due today ", "Due soon, ", "On time, "))
    assert model.headerData(Column.HOLDER, Qt.Orientation.Horizontal) == "Held by"


@pytest.fixture
def pane(qtbot: QtBot, filled: Session, ops: Ops) -> Iterator[tuple[InboxView, Events]]:
    events = Events()
    view = InboxView(filled, ops, events)
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and loaded(view.model, 0))
    yield view, events


def test_every_control_has_an_accessible_name(pane: tuple[InboxView, Events]) -> None:
    view, _events = pane
    for control in (view.views, view.status, view.channel, view.kind, view.unit, view.holder, view.search, view.table):
        assert control.accessibleName()


def test_filters_and_search_through_the_widget(qtbot: QtBot, pane: tuple[InboxView, Events], filled: Session) -> None:
    view, _events = pane
    view.views.setCurrentIndex(4)  # Everything
    view.status.setCurrentIndex(view.status.findData(Status.DITERIMA.value))
    qtbot.waitUntil(lambda: view.model.query.status is Status.DITERIMA and loaded(view.model, 0))
    with filled.cache.read() as conn:
        want = inbox.count(conn, InboxQuery(View.EVERYTHING, status=Status.DITERIMA))
    qtbot.waitUntil(lambda: view.count_label.text() == f"Reports: {want:,}")
    view.unit.setCurrentIndex(view.unit.findData("kanreg"))
    qtbot.waitUntil(lambda: view.model.query.unit == "kanreg")
    view.search.setText("jalan")
    assert view.model.query.search == "", "typing waits for a pause"
    qtbot.waitUntil(lambda: view.model.query.search == "jalan")
    with filled.cache.read() as conn:
        found = inbox.page(conn, view.model.query, None, 1000)
    qtbot.waitUntil(lambda: view.model.rowCount() == len(found) and (not found or loaded(view.model, 0)))
    assert found and {view.model.index(r, Column.UNIT).data() for r in range(len(found))} == {"kanreg"}
    view.search.setText('"jalan OR x*')
    qtbot.waitUntil(lambda: view.model.query.search == '"jalan OR x*')
    qtbot.waitUntil(lambda: view.count_label.text() == "Reports: 0")
    view.search.setText('"')
    qtbot.waitUntil(lambda: view.problem.isVisible())
    assert "letter or digit" in view.problem.text()
    view.clear_action.trigger()
    qtbot.waitUntil(lambda: view.model.query == InboxQuery(View.EVERYTHING) and not view.problem.isVisible())
    assert view.status.currentIndex() == 0 and view.search.text() == ""
    view.search_action.trigger()
    qtbot.waitUntil(lambda: view.search.hasFocus())


def test_sorting_by_a_header(qtbot: QtBot, pane: tuple[InboxView, Events], filled: Session) -> None:
    view, _events = pane
    view.sort_by(Column.SUBJECT, descending=True)
    qtbot.waitUntil(lambda: view.model.query.sort is Column.SUBJECT and loaded(view.model, 0))
    with filled.cache.read() as conn:
        first = inbox.page(conn, view.model.query, None, 1)[0]
    assert first.subject == "Ábaca" and view.model.query.descending, "NOCASE folds ASCII only: Á sorts after z"
    assert view.model.index(0, Column.SUBJECT).data() == first.subject


def test_choosing_a_row_opens_it_and_a_reload_keeps_selection_and_scroll(
    qtbot: QtBot, pane: tuple[InboxView, Events], filled: Session
) -> None:
    view, events = pane
    view.views.setCurrentIndex(4)
    qtbot.waitUntil(lambda: view.model.query.view is View.EVERYTHING and loaded(view.model, 0))
    row = 300
    fetch_rows(qtbot, view.model, row + 1)
    view.table.scrollTo(view.model.index(row, 0))
    qtbot.waitUntil(lambda: loaded(view.model, row))
    ticket = view.model.ticket_id(row)
    with qtbot.waitSignal(events.open_ticket) as opened:
        view.table.selectRow(row)
    assert opened.args == [str(ticket)]
    scrolled = view.table.verticalScrollBar().value()
    assert scrolled > 0
    # A sync moves a ticket above it out of the view and another one in: the selection follows by id.
    with filled.cache.write() as conn:
        above = view.model.ticket_id(0)
        conn.execute(update(s.ticket).where(s.ticket.c.id == above).values(due_at=None))
    opened_again: list[str] = []
    events.open_ticket.connect(opened_again.append)
    with qtbot.waitSignal(view.model.reloaded):
        events.cache_changed.emit()
    qtbot.waitUntil(lambda: view.selected_ticket() == ticket)
    assert view.model.ticket_id(row - 1) == ticket, "the row moved up by one"
    assert view.table.verticalScrollBar().value() == scrolled
    assert opened_again == [], "the same ticket is not opened again"
    with qtbot.waitSignal(events.open_ticket) as activated:
        view.table.doubleClicked.emit(view.model.index(row - 1, 1))
    assert activated.args == [str(ticket)]


def test_a_reload_removes_rows_that_left_the_view(
    qtbot: QtBot, pane: tuple[InboxView, Events], filled: Session
) -> None:
    view, events = pane
    view.views.setCurrentIndex(1)  # Mine
    qtbot.waitUntil(lambda: view.model.query.view is View.MINE and loaded(view.model, 0))
    fetch_rows(qtbot, view.model)
    before = view.model.rowCount()
    with filled.cache.write() as conn:
        first = conn.execute(select(s.ticket.c.id).where(s.ticket.c.claimed_by == 1).limit(1)).scalar()
        conn.execute(update(s.ticket).where(s.ticket.c.id == first).values(claimed_by=None))
    with qtbot.waitSignal(view.model.reloaded):
        events.cache_changed.emit()
    assert view.model.rowCount() == before - 1
    assert first not in {view.model.ticket_id(r) for r in range(view.model.rowCount())}


def test_a_large_count_says_more_than_the_cap(
    qtbot: QtBot, pane: tuple[InboxView, Events], monkeypatch: pytest.MonkeyPatch
) -> None:
    view, _events = pane
    monkeypatch.setattr(inbox_model, "COUNT_CAP", 100)
    view.views.setCurrentIndex(4)  # Everything: 1,234 tickets
    qtbot.waitUntil(lambda: view.count_label.text() == "Reports: more than 100")
    view.views.setCurrentIndex(1)  # Mine: fewer than the cap, counted exactly
    qtbot.waitUntil(lambda: view.count_label.text().startswith("Reports: ") and "more" not in view.count_label.text())


def test_a_count_a_newer_query_made_moot_is_skipped_or_interrupted(
    filled: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "INTERRUPT_CHECK_STEPS", 1)  # SQLite asks at its first step
    query = InboxQuery(View.EVERYTHING, search="jalan", sort=Column.SUBJECT)
    assert inbox.load_count(filled.cache, query, lambda: False) is None
    checks = iter([True])  # wanted when it starts, moot once SQLite is inside the count
    assert inbox.load_count(filled.cache, query, lambda: next(checks, False)) is None
    with filled.cache.read() as conn:
        assert inbox.load_count(filled.cache, query, lambda: True) == inbox.count(conn, query) > 0


def test_a_search_shows_the_index_order_until_a_header_sorts_it(qtbot: QtBot, pane: tuple[InboxView, Events]) -> None:
    view, _events = pane
    header = view.table.horizontalHeader()
    view.search.setText("banjir")
    view.search.returnPressed.emit()
    qtbot.waitUntil(lambda: view.model.query.search == "banjir" and loaded(view.model, 0))
    assert view.model.query.sort is None and header.sortIndicatorSection() == -1
    view.sort_by(Column.SUBJECT)
    qtbot.waitUntil(lambda: view.model.query.sort is Column.SUBJECT)
    view.search.setText("banjir mohon")
    view.search.returnPressed.emit()
    qtbot.waitUntil(lambda: view.model.query.search == "banjir mohon")
    assert view.model.query.sort is Column.SUBJECT, "the officer's sort stays while the search changes"
    view.clear_action.trigger()
    qtbot.waitUntil(lambda: view.model.query.search == "")
    assert view.model.query.sort is Column.SUBJECT and header.sortIndicatorSection() == Column.SUBJECT
