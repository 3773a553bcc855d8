"""The inbox pane: a view selector, a filter bar, a search box and the lazy ticket table.

Choosing a row opens the ticket in the ticket pane (``events.open_ticket``); when the cache changes the
table is read again in place, keeping the selected tickets and the scroll position. A ticket opened from
elsewhere (recorded here, taken as the next one) becomes the table's selection too, so the two never disagree.

The table is a work surface: several rows may be selected, and the context menu (right-click, the Menu key,
Shift+F10) acts on all of them (``bulk_actions``); the header's right-click chooses the columns. The view,
filters, sort and columns are remembered per officer (``remember``); an empty result says why, with a way out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, TypeVar
from uuid import UUID

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
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
from ..domain.vocabulary import Channel, Kind, Role
from ..sync.session import Session
from ..views.inbox import VIEW_COUNT_CAP, Column, InboxQuery, View, load_filter_choices, load_view_counts
from ..views.selection import load_my_role
from . import actions, inbox_model
from .bulk_actions import BulkActions, Report, Selection
from .errors import describe
from .events import Events
from .from_statistics import FromStatistics, FromStatisticsChip
from .inbox_layout import ColumnLayout, EmptyNotice
from .inbox_model import HEADERS, InboxModel
from .labels import channel_label, kind_label, status_label
from .layout_memory import LayoutMemory
from .ops import Ops
from .plain import fill_html, plain_label

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
EMPTY_VIEW = QT_TRANSLATE_NOOP("InboxView", "No reports in this view.")
EMPTY_VIEWS = {
    View.UNCLAIMED: QT_TRANSLATE_NOOP("InboxView", "Every report in your units is taken: nothing waits here."),
    View.MINE: QT_TRANSLATE_NOOP("InboxView", "You hold no reports. Take one from Unclaimed."),
    View.DUE: QT_TRANSLATE_NOOP("InboxView", "No open report is overdue or due soon."),
}
COLUMN_WIDTHS = inbox_model.COLUMN_WIDTHS  # sized for a 1366×768 laptop's pane


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
        self.table.setAccessibleName(self.tr("Reports"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
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
        self.columns = ColumnLayout(
            self.table, lambda column: QCoreApplication.translate("InboxModel", HEADERS[column])
        )
        self.empty = EmptyNotice(self.table, self.clear_filters)

        # The context menu: the bulk actions, then whatever other parts of the window append.
        self.bulk = BulkActions(session, ops, events, self.selection, self)
        self.context_actions: list[QAction] = self.bulk.all()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.menu_action = QAction(self.tr("Actions for the selected reports"), self)
        self.menu_action.setObjectName("action_inbox_menu")
        self.menu_action.setShortcut("Shift+F10")
        self.menu_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.menu_action.triggered.connect(self._show_context_menu_at_current)
        self.table.addAction(self.menu_action)
        self.context_menu: QMenu | None = None  # the one last shown
        self.memory: LayoutMemory | None = None
        self._wanted: dict[QComboBox, str] = {}  # remembered unit and holder, chosen once their lists are read
        self._kept: list[UUID] = []  # the selection across a reload

        self.count_label = QLabel()
        self.count_label.setObjectName("inboxCount")
        self.count_label.setAccessibleName(self.tr("Number of reports"))
        self.problem = plain_label(name="inboxProblem", wrap=True)
        self.problem.setVisible(False)
        # The reports behind a figure of the statistics window, until the officer takes the chip away.
        self.from_statistics: FromStatistics | None = None
        self._before_statistics: tuple[int, Mapping[QComboBox, object], str] | None = None
        self.statistics_chip = FromStatisticsChip()
        self.statistics_chip.removed.connect(self.clear_statistics)

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
        layout.addWidget(self.statistics_chip)
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
        self.events.cache_changed.connect(self._load_role)
        self.events.open_ticket.connect(self._follow)

        self._pending_scroll = 0
        self._load_directory()
        self._load_role()
        self.model.set_query(self.query())
        self.events.cache_changed.connect(self._update_view_counts)
        self._update_view_counts()

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
        drill = self.from_statistics.drill if self.from_statistics is not None else None
        return InboxQuery(
            view=VIEWS[max(self.views.currentIndex(), 0)][0],
            status=_chosen(self.status, Status),
            channel=_chosen(self.channel, Channel),
            unit=self.unit.currentData(),
            kind=_chosen(self.kind, Kind),
            holder=self.holder.currentData(),
            category=drill.category if drill is not None else None,
            received_from=drill.received_from if drill is not None else None,
            received_to=drill.received_to if drill is not None else None,
            received_weekly=drill.weekly if drill is not None else None,
            search=search,
            sort=column,
            descending=descending,
        )

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_filters(self) -> None:
        self._drop_statistics()
        for combo in (self.status, self.channel, self.kind, self.unit, self.holder):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._search_timer.stop()
        self._apply_filters()

    def show_from_statistics(self, shown: FromStatistics) -> None:
        """The reports behind a figure of the statistics: every view, the figure's filters, no search, and the
        chip that says so. Taking the chip away brings back the view, filters and search as they were."""
        if self._before_statistics is None:
            kept = {combo: combo.currentData() for combo, _key in self._filters()}
            self._before_statistics = (self.views.currentIndex(), kept, self.search.text())
        self.from_statistics = shown
        drill = shown.drill
        chosen = {
            self.status: drill.status.value if drill.status is not None else None,
            self.channel: drill.channel.value if drill.channel is not None else None,
            self.kind: drill.kind.value if drill.kind is not None else None,
            self.unit: drill.unit,
            self.holder: drill.holder,
        }
        self._set_controls([view for view, _title in VIEWS].index(View.EVERYTHING), chosen, "")
        self.statistics_chip.show_figure(shown)
        self._apply_filters()

    def clear_statistics(self) -> None:
        """Take the statistics' filters away: the inbox as it was before them."""
        before = self._before_statistics
        self._drop_statistics()
        if before is not None:
            self._set_controls(*before)
        self._apply_filters()

    def _drop_statistics(self) -> None:
        self.from_statistics = None
        self._before_statistics = None
        self.statistics_chip.clear()

    def _set_controls(self, view: int, chosen: Mapping[QComboBox, object], search: str) -> None:
        """The view, filters and search set without a signal each (the caller applies them once)."""
        self.views.blockSignals(True)
        self.views.setCurrentIndex(view)
        self.views.blockSignals(False)
        for combo, value in chosen.items():
            self._wanted.pop(combo, None)
            found = combo.findData(value) if value is not None else 0
            if found < 0:  # a unit whose list is still being read: chosen when it is in
                self._wanted[combo] = str(value)
                found = 0
            combo.blockSignals(True)
            combo.setCurrentIndex(found)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.setText(search)
        self.search.blockSignals(False)
        self._search_timer.stop()

    def selected_ticket(self) -> UUID | None:
        current = self.table.currentIndex()
        return self.model.ticket_id(current.row()) if current.isValid() else None

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedIndexes()})

    def selected_ticket_ids(self) -> list[UUID]:
        """The selected reports, top to bottom (rows whose data is not read yet are not among them)."""
        return [ticket for ticket in map(self.model.ticket_id, self.selected_rows()) if ticket is not None]

    def selection(self) -> Selection:
        """The selected reports as the bulk actions name them, and how many selected rows are not read yet."""
        reports, unread = [], 0
        for row in self.selected_rows():
            ticket = self.model.ticket_id(row)
            if ticket is None:
                unread += 1
                continue
            number = self.model.index(row, Column.TRACKING_NO).data()
            subject = self.model.index(row, Column.SUBJECT).data()
            reports.append(Report(ticket, f"{number} — {subject}"))
        return Selection(reports, unread)

    def build_context_menu(self) -> QMenu:
        """The actions for the selected reports (``context_actions``, those visible for the officer's role)."""
        menu = QMenu(self)
        menu.setObjectName("inboxContextMenu")
        chosen = bool(self.selected_rows())
        for action in self.context_actions:
            if action in self.bulk.all():
                action.setEnabled(chosen)
            menu.addAction(action)
        menu.addSeparator()
        menu.addMenu(self.columns.chooser())  # the header's chooser, also in reach of the keyboard
        return menu

    @asyncSlot()
    async def reload(self) -> None:
        """Read the inbox again (the cache changed) without losing the selection or the scroll position."""
        self._pending_scroll = self.table.verticalScrollBar().value()
        self._kept = self.selected_ticket_ids()
        self._load_directory()
        await self.model.reload()

    def remember(self, memory: LayoutMemory) -> None:
        """Show the view, filters, sort and columns ``memory`` holds for this officer; keep every change there."""
        self.memory = memory
        self.columns.remember(memory)
        views = [view.value for view, _title in VIEWS]
        chosen_view = memory.get_str("inbox/view")
        self.views.blockSignals(True)
        self.views.setCurrentIndex(views.index(chosen_view) if chosen_view in views else self.views.currentIndex())
        self.views.blockSignals(False)
        for combo, key in self._filters():
            code = memory.get_str(f"inbox/{key}")
            found = combo.findData(code) if code else 0
            if found < 0:  # a unit or officer whose list is still being read: chosen when it is in
                self._wanted[combo] = code
                continue
            combo.blockSignals(True)
            combo.setCurrentIndex(found)
            combo.blockSignals(False)
        wanted = self.query()
        sort = {column.name: column for column in Column}.get(memory.get_str("inbox/sort"))
        if sort is not None and not wanted.search:  # else the default order stays (most urgent first)
            wanted = replace(wanted, sort=sort, descending=memory.get_str("inbox/descending") == "1")
        self.problem.setVisible(False)
        self.model.set_query(wanted)
        self._show_sort(wanted)

    def _filters(self) -> list[tuple[QComboBox, str]]:
        return [
            (self.status, "status"),
            (self.channel, "channel"),
            (self.kind, "kind"),
            (self.unit, "unit"),
            (self.holder, "holder"),
        ]

    def _save_query(self) -> None:
        if self.memory is None or self.from_statistics is not None:  # the statistics' filters are not remembered
            return
        query = self.model.query
        self.memory.put("inbox/view", query.view.value)
        for combo, key in self._filters():
            if combo not in self._wanted:  # not yet shown: what was remembered stays
                self.memory.put(f"inbox/{key}", str(combo.currentData() or ""))
        if query.sort is not None:  # a search in the index's order keeps the sort chosen before it
            self.memory.put("inbox/sort", query.sort.name)
            self.memory.put("inbox/descending", "1" if query.descending else "0")

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

    @asyncSlot(str)
    async def _follow(self, ticket: str) -> None:
        """The ticket pane opened a report from elsewhere (recorded here, taken as the next one): select its
        row, or no row when this view does not show it — never the row of another report."""
        if ticket == self._opened:
            return  # opened from this table
        self._opened = ticket
        self._kept = []
        await self._select_opened()

    async def _select_opened(self) -> None:
        """Select the kept rows and make the opened report's row the current one (none when not shown)."""
        row = await self.model.locate(UUID(self._opened)) if self._opened is not None else None
        if not isValid(self):
            return
        rows = {found for found in map(self.model.row_of, self._kept) if found is not None}
        if row is not None:
            rows.add(row)
        chosen = QItemSelection()
        last = self.model.columnCount() - 1
        for each in sorted(rows):
            chosen.select(self.model.index(each, 0), self.model.index(each, last))
        selection = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        selection.select(chosen, flags.ClearAndSelect | flags.Rows)
        current = self.model.index(row, 0) if row is not None else QModelIndex()
        if current != self.table.currentIndex():
            selection.setCurrentIndex(current, flags.NoUpdate)  # the same ticket: _current_changed does not reopen it

    def _shown(self) -> None:
        self.problem.setVisible(False)
        self._show_count()
        self._show_empty()
        self._save_query()

    @asyncSlot()
    async def _reloaded(self) -> None:
        if not isValid(self.table):  # the model finished reloading after its window closed
            return
        self.table.verticalScrollBar().setValue(self._pending_scroll)
        self._show_count()
        self._show_empty()
        await self._select_opened()

    def _failed(self, reason: str) -> None:
        self.problem.setText(reason)
        self.problem.setVisible(True)
        self.count_label.setText("")
        self.empty.setVisible(False)

    def _show_empty(self) -> None:
        """An empty result says why: the view is empty, or nothing matches the search or filters."""
        if self.model.rowCount() or not self.model.complete:
            self.empty.setVisible(False)
            return
        query = self.model.query
        clear = self.tr("Clear the filters")
        link = f' <a href="clear">{fill_html(clear)}</a>'
        if query.search:
            text = self.tr("No reports match “%1”.").replace("%1", query.search)
            self.empty.show_html(fill_html(self.tr("No reports match “%1”."), query.search) + link, f"{text} {clear}")
        elif self.from_statistics is not None or any(
            value is not None for value in (query.status, query.channel, query.kind, query.unit, query.holder)
        ):
            text = self.tr("No reports match these filters.")
            self.empty.show_html(fill_html(text) + link, f"{text} {clear}")
        else:
            text = self.tr(EMPTY_VIEWS.get(query.view, EMPTY_VIEW))
            self.empty.show_html(fill_html(text), text)

    def _show_context_menu(self, position: QPoint) -> None:
        if self.context_menu is not None and isValid(self.context_menu):
            self.context_menu.close()
        self.context_menu = self.build_context_menu()
        self.context_menu.aboutToHide.connect(self.context_menu.deleteLater)
        self.context_menu.popup(self.table.viewport().mapToGlobal(position))

    def _show_context_menu_at_current(self) -> None:
        current = self.table.currentIndex()
        self._show_context_menu(self.table.visualRect(current).center() if current.isValid() else QPoint(0, 0))

    @asyncSlot()
    async def _load_role(self) -> None:
        try:
            role: Role | None = await self.ops.db(load_my_role, self.session.cache)
        except AduanError:
            return  # the table's own read says what went wrong
        if isValid(self):
            self.bulk.show_role(role)

    @asyncSlot()
    async def _show_count(self) -> None:
        if not isValid(self):  # a late signal after the view was closed
            return
        self._count_generation += 1
        generation = self._count_generation
        rows = self.model.rowCount()
        if self.model.complete:
            self.count_label.setText(self.tr("Reports: %1").replace("%1", QLocale().toString(rows)))
            return
        self.count_label.setText(self.tr("Reports: at least %1 (counting…)").replace("%1", QLocale().toString(rows)))
        try:
            total = await self.model.count()
        except AduanError as exc:
            self._failed(describe(exc))
            return
        if total is None or not isValid(self) or generation != self._count_generation:
            return  # a newer query's count follows
        if total > inbox_model.COUNT_CAP:
            self.count_label.setText(
                self.tr("Reports: more than %1").replace("%1", QLocale().toString(inbox_model.COUNT_CAP))
            )
        else:
            self.count_label.setText(self.tr("Reports: %1").replace("%1", QLocale().toString(total)))

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
        remembered = self._wanted.pop(combo, None)
        chosen = remembered or combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for label, value in entries:
            combo.addItem(label, value)
        found = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)
        if chosen is not None and (found < 0 or remembered is not None):
            self._apply_filters()  # the unit or officer is gone: show everyone's again (or the remembered one)

    def sort_by(self, column: Column, descending: bool = False) -> None:
        """Sort as a click on the column's header would."""
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)

    @asyncSlot()
    async def _update_view_counts(self) -> None:
        """Each view's tab with its number of reports (no filter), "999+" past the cap; read again on every
        change of the cache, each count reading at most the cap's index entries."""
        try:
            counts = await self.ops.db(load_view_counts, self.session.cache, VIEW_COUNT_CAP)
        except AduanError:
            return  # the table's own read says what went wrong; the tabs keep their last numbers
        if not isValid(self):
            return
        for index, (view, title) in enumerate(VIEWS):
            found = counts[view]
            shown = f"{QLocale().toString(VIEW_COUNT_CAP)}+" if found > VIEW_COUNT_CAP else QLocale().toString(found)
            self.views.setTabText(index, f"{self.tr(title)} ({shown})")
