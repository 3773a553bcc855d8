"""The inbox pane: a view selector, a filter bar, a search box and the lazy ticket table.

Choosing a row opens the ticket in the ticket pane (``events.open_ticket``); when the cache changes the
table is read again in place, keeping the selected ticket and the scroll position.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from PySide6.QtCore import QItemSelectionModel, QLocale, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabBar,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot
from shiboken6 import isValid

from ..domain.errors import AduanError
from ..domain.status import Status
from ..domain.translatable import QT_TRANSLATE_NOOP
from ..domain.vocabulary import Channel, Kind
from ..sync.session import Session
from ..views.inbox import Column, InboxQuery, View, load_filter_choices
from . import actions, inbox_model
from .errors import describe
from .events import Events
from .inbox_model import InboxModel
from .labels import channel_label, kind_label, status_label
from .ops import Ops
from .plain import plain_label

SEARCH_DELAY_MS = 250
T = TypeVar("T")

VIEWS = (
    (View.UNCLAIMED, QT_TRANSLATE_NOOP("InboxView", "Unclaimed")),
    (View.MINE, QT_TRANSLATE_NOOP("InboxView", "Mine")),
    (View.MY_UNIT, QT_TRANSLATE_NOOP("InboxView", "My unit")),
    (View.DUE, QT_TRANSLATE_NOOP("InboxView", "Due soon / overdue")),
    (View.EVERYTHING, QT_TRANSLATE_NOOP("InboxView", "Everything")),
    (View.SUPERVISED, QT_TRANSLATE_NOOP("InboxView", "My units and sub-units")),
)
COLUMN_WIDTHS = {Column.TRACKING_NO: 140, Column.SUBJECT: 320, Column.HOLDER: 180, Column.DEADLINE: 120}


def _chosen(combo: QComboBox, vocabulary: Callable[[str], T]) -> T | None:
    """A filter's choice: its code (Qt hands back plain strings) read back into the domain's type."""
    code = combo.currentData()
    return None if code is None else vocabulary(code)


class InboxView(QWidget):
    def __init__(self, session: Session, ops: Ops, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.events = events
        self._opened: str | None = None  # the ticket last sent to the ticket pane
        self._count_generation = 0

        self.views = QTabBar()
        self.views.setObjectName("inboxViews")
        self.views.setAccessibleName(self.tr("Inbox view"))
        for _view, title in VIEWS:
            self.views.addTab(self.tr(title))
        self.views.setCurrentIndex(0)

        self.status = self._combo("statusFilter", self.tr("Status filter"), self.tr("All statuses"))
        for status in Status:
            self.status.addItem(status_label(status), status.value)
        self.channel = self._combo("channelFilter", self.tr("Channel filter"), self.tr("All channels"))
        for channel in Channel:
            self.channel.addItem(channel_label(channel), channel.value)
        self.kind = self._combo("kindFilter", self.tr("Kind filter"), self.tr("All kinds"))
        for kind in Kind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.unit = self._combo("unitFilter", self.tr("Unit filter"), self.tr("All units"))
        self.holder = self._combo("holderFilter", self.tr("Holder filter"), self.tr("Anyone holding"))

        self.search = QLineEdit()
        self.search.setObjectName("inboxSearch")
        self.search.setAccessibleName(self.tr("Search subjects and messages"))
        self.search.setPlaceholderText(self.tr("Search subjects and messages…"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._apply_filters)

        self.search_action = actions.create(self, "search", self.focus_search)
        self.clear_action = actions.create(self, "clear_filters", self.clear_filters)
        self.clear_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.search_action)
        self.addAction(self.clear_action)
        clear = QToolButton()
        clear.setObjectName("clearFilters")
        clear.setDefaultAction(self.clear_action)
        clear.setAccessibleName(actions.text("clear_filters"))

        self.model = InboxModel(session, ops, self)
        self.table = QTableView()
        self.table.setObjectName("inboxTable")
        self.table.setAccessibleName(self.tr("Tickets"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        header.setSortIndicator(Column.DEADLINE, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self.model.sort)

        self.count_label = QLabel()
        self.count_label.setObjectName("inboxCount")
        self.count_label.setAccessibleName(self.tr("Number of tickets"))
        self.problem = plain_label(name="inboxProblem", wrap=True)
        self.problem.setVisible(False)

        # Search on its own row, the filters below: the pane stays usable beside the ticket on a laptop screen.
        searching = QHBoxLayout()
        searching.addWidget(self.search, 1)
        searching.addWidget(clear)
        filters = QHBoxLayout()
        for widget in (self.status, self.channel, self.kind, self.unit, self.holder):
            filters.addWidget(widget, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.views)
        layout.addLayout(searching)
        layout.addLayout(filters)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self.views.currentChanged.connect(self._apply_filters)
        for combo in (self.status, self.channel, self.kind, self.unit, self.holder):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        self.model.started.connect(self._shown)
        self.model.reloaded.connect(self._reloaded)
        self.model.failed.connect(self._failed)
        self.events.cache_changed.connect(self.reload)

        self._pending_scroll = 0
        self._load_directory()
        self.model.set_query(self.query())

    def _combo(self, name: str, accessible: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.addItem(everything, None)
        # Long unit and officer names must not widen the pane: the list shows them in full.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.setToolTip(accessible)
        return combo

    # -- public -----------------------------------------------------------------------------------------

    def query(self) -> InboxQuery:
        """What the controls ask for, with the model's current sort. A new search is read in the search
        index's order (newest first) until the officer sorts it by a column; without a search, that order
        gives way to the deadline again."""
        sort = self.model.query
        search = self.search.text().strip()
        column, descending = sort.sort, sort.descending
        if search and not sort.search:
            column, descending = None, False
        elif not search and column is None:
            column, descending = Column.DEADLINE, False
        return InboxQuery(
            view=VIEWS[max(self.views.currentIndex(), 0)][0],
            status=_chosen(self.status, Status),
            channel=_chosen(self.channel, Channel),
            unit=self.unit.currentData(),
            kind=_chosen(self.kind, Kind),
            holder=self.holder.currentData(),
            search=search,
            sort=column,
            descending=descending,
        )

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_filters(self) -> None:
        for combo in (self.status, self.channel, self.kind, self.unit, self.holder):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._search_timer.stop()
        self._apply_filters()

    def selected_ticket(self) -> UUID | None:
        current = self.table.currentIndex()
        return self.model.ticket_id(current.row()) if current.isValid() else None

    @asyncSlot()
    async def reload(self) -> None:
        """Read the inbox again (the cache changed) without losing the selection or the scroll position."""
        self._pending_scroll = self.table.verticalScrollBar().value()
        self._load_directory()
        await self.model.reload()

    # -- reacting ---------------------------------------------------------------------------------------

    def _apply_filters(self) -> None:
        self._search_timer.stop()
        wanted = self.query()
        if wanted != self.model.query:
            self.problem.setVisible(False)
            self.count_label.setText(self.tr("Counting…"))
            self.model.set_query(wanted)
            self._show_sort(wanted)

    def _show_sort(self, query: InboxQuery) -> None:
        """The header's indicator as the query sorts (none: the search index's order), without re-sorting."""
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(-1 if query.sort is None else query.sort, order)
        header.blockSignals(False)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        ticket = self.model.ticket_id(current.row()) if current.isValid() else None
        if ticket is not None and str(ticket) != self._opened:
            self._open(str(ticket))

    def _activated(self, index: QModelIndex) -> None:
        ticket = self.model.ticket_id(index.row())
        if ticket is not None:
            self._open(str(ticket))

    def _open(self, ticket: str) -> None:
        self._opened = ticket
        self.events.open_ticket.emit(ticket)

    def _shown(self) -> None:
        self.problem.setVisible(False)
        self._show_count()

    @asyncSlot()
    async def _reloaded(self) -> None:
        if not isValid(self.table):  # the model finished reloading after its window closed
            return
        self.table.verticalScrollBar().setValue(self._pending_scroll)
        self._show_count()
        if self._opened is None:
            return
        row = await self.model.locate(UUID(self._opened))
        if not isValid(self):
            return
        selection = self.table.selectionModel()
        if row is None:
            selection.clearSelection()
            return
        index = self.model.index(row, 0)
        if index != self.table.currentIndex() or not selection.isRowSelected(row, QModelIndex()):
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            selection.setCurrentIndex(index, flags)  # the same ticket: _current_changed does not reopen it

    def _failed(self, reason: str) -> None:
        self.problem.setText(reason)
        self.problem.setVisible(True)
        self.count_label.setText("")

    @asyncSlot()
    async def _show_count(self) -> None:
        if not isValid(self):  # a late signal after the view was closed
            return
        self._count_generation += 1
        generation = self._count_generation
        rows = self.model.rowCount()
        if self.model.complete:
            self.count_label.setText(self.tr("Tickets: %1").replace("%1", QLocale().toString(rows)))
            return
        self.count_label.setText(self.tr("Tickets: at least %1 (counting…)").replace("%1", QLocale().toString(rows)))
        try:
            total = await self.model.count()
        except AduanError as exc:
            self._failed(describe(exc))
            return
        if total is None or not isValid(self) or generation != self._count_generation:
            return  # a newer query's count follows
        if total > inbox_model.COUNT_CAP:
            self.count_label.setText(
                self.tr("Tickets: more than %1").replace("%1", QLocale().toString(inbox_model.COUNT_CAP))
            )
        else:
            self.count_label.setText(self.tr("Tickets: %1").replace("%1", QLocale().toString(total)))

    @asyncSlot()
    async def _load_directory(self) -> None:
        try:
            units, officers = await self.ops.db(load_filter_choices, self.session.cache)
        except AduanError as exc:
            self._failed(describe(exc))
            return
        if not isValid(self):
            return
        self._fill(self.unit, [(f"{code} — {name}", code) for code, name in units])
        self._fill(self.holder, [(f"{name} ({login})", login) for login, name in officers])

    def _fill(self, combo: QComboBox, entries: list[tuple[str, Any]]) -> None:
        """New choices, keeping the chosen one (without a signal: the query does not change)."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for label, value in entries:
            combo.addItem(label, value)
        found = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)
        if chosen is not None and found < 0:
            self._apply_filters()  # the unit or officer is gone: show everyone's again

    def sort_by(self, column: Column, descending: bool = False) -> None:
        """Sort as a click on the column's header would."""
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)
