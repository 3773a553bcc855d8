"""The inbox as a lazy Qt table model over the cache (CONVENTIONS.md §3).

It never holds the whole inbox. It knows the key each page of 200 rows starts after (a skim of the
indexes, ``inbox.skim``, reading keys only) and keeps a few pages of rows, least recently shown first out.
Every read runs on the cache thread through ``ops.db``: ``data()`` of a row whose page is not here asks
for it and shows a placeholder; the page arrives and ``dataChanged`` repaints it. ``fetchMore`` grows
the table by a skim of up to 25 pages at once, so even the end of a million tickets is a few skims away.
A new query starts with its first page alone (its rows are its outline), so a filter or search shows
rows after one read of 200; the skims follow when the officer scrolls.

A read started for an older query or before a reload is dropped when it arrives (``_generation``).
The count below the table stops at ``COUNT_CAP`` matching rows (the view says "more than"), and a count
for an older query is skipped, or interrupted inside SQLite, as soon as a newer query is set: it never
holds the cache thread in front of the new query's first page.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from typing import Any, ParamSpec, TypeVar
from uuid import UUID

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from qasync import asyncSlot
from shiboken6 import isValid

from ..domain.errors import AduanError
from ..domain.translatable import QT_TRANSLATE_NOOP
from ..sync.session import Session
from ..views import inbox
from ..views.deadlines import Urgency, end_of_local_day, urgency
from ..views.inbox import Column, InboxQuery, InboxRow, Key
from . import icons
from .errors import describe
from .labels import channel_label, kind_label, local_time, shown_subject, status_label, time_left
from .ops import Ops
from .plain import plain_tooltip

P = ParamSpec("P")
T = TypeVar("T")

Index = QModelIndex | QPersistentModelIndex

PAGE = inbox.PAGE_SIZE
SKIM_PAGES = 25  # pages a fetchMore adds (keys only; the rows come when shown)
KEPT_PAGES = 12  # pages of rows kept: a few screens around what is shown
COUNT_CAP = 10_000  # a count stops here: beyond it the officer narrows the query, not reads a number


# Widths for the inbox pane of a 1366×768 laptop (about 750 px beside the ticket): the number, the badge, the
# subject, the status and the holder fit without scrolling sideways; the rest follows for wider screens.
COLUMN_WIDTHS = {
    Column.TRACKING_NO: 132,
    Column.DEADLINE: 205,  # "Jatuh tempo hari ini 12.44" and "Tepat waktu, 1 hari 5 jam" whole
    Column.SUBJECT: 175,
    Column.STATUS: 112,
    Column.HOLDER: 110,
    Column.UNIT: 90,
    Column.REPORTER: 140,
    Column.CHANNEL: 90,
    Column.KIND: 120,
    Column.UPDATED: 128,
}

# Each badge: its icon and its words (colour is never the only sign).
BADGES = {
    Urgency.OVERDUE: ("overdue", QT_TRANSLATE_NOOP("InboxModel", "Overdue %1")),
    Urgency.DUE_TODAY: ("due-today", QT_TRANSLATE_NOOP("InboxModel", "Due today %1")),
    Urgency.DUE_SOON: ("due-soon", QT_TRANSLATE_NOOP("InboxModel", "Due soon, %1")),
    Urgency.ON_TIME: ("on-time", QT_TRANSLATE_NOOP("InboxModel", "On time, %1")),
}

HEADERS = {
    Column.TRACKING_NO: QT_TRANSLATE_NOOP("InboxModel", "Tracking no."),
    Column.SUBJECT: QT_TRANSLATE_NOOP("InboxModel", "Subject"),
    Column.REPORTER: QT_TRANSLATE_NOOP("InboxModel", "Reporter"),
    Column.CHANNEL: QT_TRANSLATE_NOOP("InboxModel", "Channel"),
    Column.KIND: QT_TRANSLATE_NOOP("InboxModel", "Kind"),
    Column.STATUS: QT_TRANSLATE_NOOP("InboxModel", "Status"),
    Column.UNIT: QT_TRANSLATE_NOOP("InboxModel", "Unit"),
    Column.HOLDER: QT_TRANSLATE_NOOP("InboxModel", "Held by"),
    Column.DEADLINE: QT_TRANSLATE_NOOP("InboxModel", "Deadline"),
    Column.UPDATED: QT_TRANSLATE_NOOP("InboxModel", "Last update"),
}


@dataclass(frozen=True, slots=True)
class _Outline:
    """Where the pages of a query start, as far as it was skimmed."""

    starts: list[Key | None]  # page i holds the rows after starts[i]
    rows: int
    tail: Key | None  # the last row skimmed: the next skim goes on from it
    complete: bool


def _skim(
    session: Session, query: InboxQuery, after: Key | None, rows: int
) -> tuple[list[Key | None], int, Key | None]:
    """Page starts for up to ``rows`` rows after ``after`` (on the cache thread)."""
    found = inbox.load_skim(session.cache, query, after, rows, PAGE)
    pages = -(-found.rows // PAGE)
    starts: list[Key | None] = [after, *found.page_ends][:pages]
    return starts, found.rows, found.last


def _outline_and_pages(
    session: Session, query: InboxQuery, rows: int, wanted: list[int]
) -> tuple[_Outline, dict[int, list[InboxRow]], datetime]:
    """A fresh outline of at least ``rows`` rows, with the rows of the ``wanted`` pages (on the cache thread)."""
    asked = max(SKIM_PAGES * PAGE, -(-rows // (SKIM_PAGES * PAGE)) * SKIM_PAGES * PAGE)
    starts, found, tail = _skim(session, query, None, asked)
    shown = {number: starts[number] for number in wanted if number < len(starts)}
    pages, now = inbox.load_pages(session.cache, query, shown, PAGE)
    return _Outline(starts, found, tail, found < asked), pages, now


def _first_page(session: Session, query: InboxQuery) -> tuple[_Outline, dict[int, list[InboxRow]], datetime]:
    """A new query's first page, which is also its outline so far (on the cache thread)."""
    rows, now = _page(session, query, None)
    tail = rows[-1].key if rows else None
    return _Outline([None], len(rows), tail, len(rows) < PAGE), {0: rows}, now


def _page(session: Session, query: InboxQuery, after: Key | None) -> tuple[list[InboxRow], datetime]:
    pages, now = inbox.load_pages(session.cache, query, {0: after}, PAGE)
    return pages[0], now


class InboxModel(QAbstractTableModel):
    # The rows were read anew for the same query (after reload()): the view re-selects its ticket.
    reloaded = Signal()
    # A new query's first rows are in.
    started = Signal()
    # A read failed: the translated reason.
    failed = Signal(str)

    def __init__(self, session: Session, ops: Ops, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self._query = InboxQuery()
        self._generation = 0
        self._outline = _Outline([], 0, None, False)
        self._pages: OrderedDict[int, list[InboxRow]] = OrderedDict()
        self._asked: set[int] = set()
        self._fetching = False
        # A new query's first page is being read; a reload asked meanwhile waits for it (see reload()).
        self._starting = False
        self._reload_after_start = False
        self._clock_offset = timedelta(0)
        self.zone: tzinfo | None = None  # where "today" is counted for the badges; None: the workstation's zone

    # -- what is shown ----------------------------------------------------------------------------------

    @property
    def query(self) -> InboxQuery:
        return self._query

    @property
    def complete(self) -> bool:
        """Every row of the query is counted in rowCount() (its end was reached)."""
        return self._outline.complete

    def set_query(self, query: InboxQuery) -> None:
        """Show another query from its first row."""
        self._generation += 1
        self.beginResetModel()
        self._query = query
        self._outline = _Outline([], 0, None, False)
        self._pages.clear()
        self._asked.clear()
        self._fetching = False
        self.endResetModel()
        self._start(self._generation)

    @asyncSlot(int)
    async def _start(self, generation: int) -> None:
        self._starting, self._reload_after_start = True, False
        read = await self._read(_first_page, self.session, self._query)
        if not self._current(generation):
            return
        self._starting = False
        if self._reload_after_start:
            self.reload()  # after the rows below are in: what changed while they were read is read again
        if read is None:
            return
        outline, pages, now = read
        self._note_clock(now)
        if outline.rows:
            self.beginInsertRows(QModelIndex(), 0, outline.rows - 1)
            self._outline = outline
            self._pages.update(pages)
            self.endInsertRows()
        else:
            self._outline = outline
        self.started.emit()

    @asyncSlot()
    async def reload(self) -> None:
        """Read the same query again (the cache changed), keeping as many rows as were there and the pages
        being shown, so the view keeps its scroll position; then ``reloaded`` is emitted.

        While a new query's first page is being read, the reload waits for it rather than throwing it away:
        at start-up the sync's first "the cache changed" came while the inbox read its first page, and the
        reload then queued behind every other pane's first read (a second on a 1,000,000-ticket cache)."""
        if self._starting:
            self._reload_after_start = True
            return
        self._generation += 1
        generation = self._generation
        wanted = list(self._pages) or [0]
        read = await self._read(_outline_and_pages, self.session, self._query, self._outline.rows, wanted)
        if read is None or not self._current(generation):
            return
        outline, pages, now = read
        self._note_clock(now)
        before, after = self._outline.rows, outline.rows
        if after < before:
            self.beginRemoveRows(QModelIndex(), after, before - 1)
            self._outline = replace(self._outline, rows=after)
            self.endRemoveRows()
        elif after > before:
            self.beginInsertRows(QModelIndex(), before, after - 1)
            self._outline = replace(self._outline, rows=after)
            self.endInsertRows()
        self._outline = outline
        self._pages = OrderedDict(pages)
        self._asked.clear()
        self._fetching = False
        if after:
            self.dataChanged.emit(self.index(0, 0), self.index(after - 1, len(Column) - 1))
        self.reloaded.emit()

    async def count(self) -> int | None:
        """How many tickets the query shows, up to COUNT_CAP + 1 (off the GUI thread); None when the query
        changed meanwhile (the count was skipped or interrupted)."""
        generation = self._generation
        found = await self.ops.db(
            inbox.load_count, self.session.cache, self._query, lambda: self._generation == generation, COUNT_CAP
        )
        return found if self._current(generation) else None

    async def locate(self, ticket_id: UUID) -> int | None:
        """The row of a ticket: from the pages here, else read (the row may lie beyond what is fetched)."""
        here = self.row_of(ticket_id)
        if here is not None:
            return here
        found = await self.ops.db(inbox.load_position, self.session.cache, self._query, ticket_id)
        return found if found is not None and found < self._outline.rows else None

    def row_of(self, ticket_id: UUID) -> int | None:
        for number, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.ticket_id == ticket_id:
                    return number * PAGE + offset
        return None

    def ticket_id(self, row: int) -> UUID | None:
        found = self._row(row)
        return None if found is None else found.ticket_id

    # -- Qt's model interface ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._outline.rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("InboxModel", HEADERS[Column(section)])
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._outline.starts) and not self._outline.complete

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self._fetching or not self.canFetchMore(parent):
            return
        self._fetching = True
        self._fetch_more(self._generation)

    @asyncSlot(int)
    async def _fetch_more(self, generation: int) -> None:
        if not self._current(generation):
            return
        tail = self._outline.tail
        read = await self._read(_skim, self.session, self._query, tail, SKIM_PAGES * PAGE)
        if read is None:
            self._fetching = False
            return
        if not self._current(generation):
            return
        self._fetching = False
        starts, found, last = read
        first = self._outline.rows
        complete = found < SKIM_PAGES * PAGE
        if not found:
            self._outline = replace(self._outline, complete=True)
            return
        self.beginInsertRows(QModelIndex(), first, first + found - 1)
        self._outline = _Outline(self._outline.starts + starts, first + found, last, complete)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if column < 0:
            return  # the indicator was cleared (a search in the index's order): nothing to sort by
        if self._query.sort == column and self._query.descending == descending and self._outline.starts:
            return
        self.set_query(replace(self._query, sort=Column(column), descending=descending))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._outline.rows:
            return None
        row = self._row(index.row())
        if row is None:
            self._ask(index.row() // PAGE)
            if role == Qt.ItemDataRole.DisplayRole and index.column() == Column.SUBJECT:
                return QCoreApplication.translate("InboxModel", "Loading…")
            return None
        if role == Qt.ItemDataRole.UserRole:
            return str(row.ticket_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, Column(index.column()))
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(row, Column(index.column())))
        if index.column() == Column.DEADLINE:
            return self._badge(row, role)
        return None

    # -- pages ------------------------------------------------------------------------------------------

    def _row(self, row: int) -> InboxRow | None:
        number, offset = divmod(row, PAGE)
        rows = self._pages.get(number)
        if rows is None or offset >= len(rows):
            return None
        self._pages.move_to_end(number)
        return rows[offset]

    def _ask(self, number: int) -> None:
        if number in self._asked or number >= len(self._outline.starts):
            return
        self._asked.add(number)
        self._load(number, self._generation)

    @asyncSlot(int, int)
    async def _load(self, number: int, generation: int) -> None:
        if not self._current(generation):
            return
        read = await self._read(_page, self.session, self._query, self._outline.starts[number])
        if read is None or not self._current(generation):
            return
        rows, now = read
        self._note_clock(now)
        self._asked.discard(number)
        self._pages[number] = rows
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)
        first = number * PAGE
        last = min(first + PAGE, self._outline.rows) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))

    async def _read(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """A read on the cache thread; a refusal is reported through ``failed`` and gives None."""
        try:
            return await self.ops.db(fn, *args, **kwargs)
        except AduanError as exc:
            if isValid(self):
                self.failed.emit(describe(exc))
            return None

    def _current(self, generation: int) -> bool:
        """A read that comes back is used only for the query it was made for, by a model still there."""
        return isValid(self) and generation == self._generation

    # -- display ----------------------------------------------------------------------------------------

    def _note_clock(self, server_now: datetime) -> None:
        self._clock_offset = server_now - datetime.utcnow()  # naive UTC like the cache

    def _seconds_until(self, moment: datetime) -> float:
        return (moment - (datetime.utcnow() + self._clock_offset)).total_seconds()

    def _text(self, row: InboxRow, column: Column) -> str:
        if column is Column.TRACKING_NO:
            return row.tracking_no or QCoreApplication.translate("InboxModel", "(queued)")
        if column is Column.SUBJECT:
            return shown_subject(row.subject, row.content_withheld)
        if column is Column.REPORTER:
            return (
                QCoreApplication.translate("InboxModel", "Anonymous")
                if row.reporter_anonymous
                else row.reporter_name or ""
            )
        if column is Column.CHANNEL:
            return channel_label(row.channel)
        if column is Column.KIND:
            return kind_label(row.kind)
        if column is Column.STATUS:
            return status_label(row.status) + (
                QCoreApplication.translate("InboxModel", " (queued)") if row.pending else ""
            )
        if column is Column.UNIT:
            return row.unit_code or ""
        if column is Column.HOLDER:
            return self._holder(row)
        if column is Column.DEADLINE:
            return self._badge_text(row)
        return local_time(row.updated_at)

    def urgency(self, row: InboxRow) -> Urgency:
        """The row's badge now (by the server's clock as last read), in the workstation's day."""
        now = datetime.utcnow() + self._clock_offset
        return urgency(row.due_at, row.status, now, end_of_local_day(now, self.zone))

    def _badge_text(self, row: InboxRow) -> str:
        state = self.urgency(row)
        if state is Urgency.NONE or row.due_at is None:
            return ""
        left = self._seconds_until(row.due_at)
        amount = local_time(row.due_at, with_date=False) if state is Urgency.DUE_TODAY else time_left(abs(left))
        return QCoreApplication.translate("InboxModel", BADGES[state][1]).replace("%1", amount)

    def _badge_description(self, row: InboxRow) -> str:
        """The badge in a sentence with the exact deadline: its tooltip and what a screen reader says."""
        if row.due_at is None:
            return QCoreApplication.translate("InboxModel", "No deadline")
        deadline = local_time(row.due_at)
        if self.urgency(row) is Urgency.NONE:
            return QCoreApplication.translate("InboxModel", "Finished; the deadline was %1").replace("%1", deadline)
        return (
            QCoreApplication.translate("InboxModel", "%1 (deadline %2)")
            .replace("%1", self._badge_text(row))
            .replace("%2", deadline)
        )

    def _badge(self, row: InboxRow, role: int) -> Any:
        state = self.urgency(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._badge_description(row)
        if state is Urgency.NONE:
            return None
        name = BADGES[state][0]
        if role == Qt.ItemDataRole.DecorationRole:
            return icons.icon(name)
        if role == Qt.ItemDataRole.ForegroundRole:
            return icons.tone(name)
        if role == Qt.ItemDataRole.FontRole and state is Urgency.OVERDUE:
            bold = QFont()
            bold.setBold(True)
            return bold
        return None

    def _holder(self, row: InboxRow) -> str:
        name = row.holder_name or row.holder_login
        if name is None:
            return QCoreApplication.translate("InboxModel", "free")
        if row.claim_queued:
            return QCoreApplication.translate("InboxModel", "%1 — claim queued").replace("%1", name)
        if row.claim_expires_at is None:
            return name
        left = self._seconds_until(row.claim_expires_at)
        if left <= 0:
            return QCoreApplication.translate("InboxModel", "free (lease of %1 ran out)").replace("%1", name)
        return QCoreApplication.translate("InboxModel", "%1 — %2").replace("%1", name).replace("%2", time_left(left))

    def _tooltip(self, row: InboxRow, column: Column) -> str:
        if column is Column.DEADLINE:
            return self._badge_description(row)
        if column is Column.HOLDER and row.claim_expires_at is not None and not row.claim_queued:
            return QCoreApplication.translate("InboxModel", "Lease until %1").replace(
                "%1", local_time(row.claim_expires_at)
            )
        if column is Column.REPORTER and row.reporter_anonymous:
            return QCoreApplication.translate("InboxModel", "The reporter asked to stay anonymous")
        if row.pending:
            return QCoreApplication.translate("InboxModel", "A change made here is waiting to be sent")
        return self._text(row, column)
