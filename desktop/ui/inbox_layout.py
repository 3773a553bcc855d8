"""The inbox table's arrangement: which columns show (a chooser on the header's right-click), their order and
widths, remembered per officer (``LayoutMemory``); and the notice an empty result shows instead of a blank table.

Columns are remembered by name, not as Qt's opaque header state: a later build that adds or reorders columns
(``views.inbox.Column``) still finds each one's width and place, and a name it does not know is skipped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QMenu, QTableView, QWidget

from ..views.inbox import Column
from .layout_memory import LayoutMemory

ALWAYS_SHOWN = (Column.TRACKING_NO, Column.SUBJECT)  # a row must always say which report it is
HIDDEN_KEY = "inbox/hidden_columns"
ORDER_KEY = "inbox/column_order"
WIDTHS_KEY = "inbox/column_widths"


class ColumnLayout(QObject):
    """The header's column chooser, and the columns' visibility, order and widths kept in ``memory``."""

    def __init__(self, table: QTableView, header_text: Callable[[Column], str]) -> None:
        super().__init__(table)
        self.table = table
        self.header_text = header_text
        self.memory: LayoutMemory | None = None
        self._restoring = False
        header = self.header
        header.setSectionsMovable(True)
        header.setFirstSectionMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_chooser)
        header.sectionResized.connect(lambda *_args: self.save())
        header.sectionMoved.connect(lambda *_args: self.save())

    @property
    def header(self) -> QHeaderView:
        return self.table.horizontalHeader()

    def chooser(self) -> QMenu:
        """A menu of every column, ticked when shown; the number and the subject cannot be hidden."""
        menu = QMenu(self.table)
        menu.setObjectName("columnChooser")
        menu.setTitle(QCoreApplication.translate("InboxView", "Columns"))
        for column in Column:
            action = menu.addAction(self.header_text(column))
            action.setObjectName(f"column_{column.name.lower()}")
            action.setCheckable(True)
            action.setChecked(not self.header.isSectionHidden(column))
            action.setEnabled(column not in ALWAYS_SHOWN)
            action.toggled.connect(lambda shown, column=column: self.show_column(column, shown))
        return menu

    def _show_chooser(self, position: QPoint) -> None:
        menu = self.chooser()
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.header.mapToGlobal(position))

    def show_column(self, column: Column, shown: bool) -> None:
        if column in ALWAYS_SHOWN and not shown:
            return
        self.header.setSectionHidden(column, not shown)
        self.save()

    def hidden(self) -> list[Column]:
        return [column for column in Column if self.header.isSectionHidden(column)]

    def order(self) -> list[Column]:
        """The columns as shown, left to right."""
        return sorted(Column, key=self.header.visualIndex)

    # -- remembered -------------------------------------------------------------------------------------

    def remember(self, memory: LayoutMemory) -> None:
        """Show the columns as ``memory`` has them, then keep every change there."""
        self.memory = memory
        self._restoring = True
        try:
            hidden = {name for name in memory.get_list(HIDDEN_KEY)}
            for column in Column:
                self.header.setSectionHidden(column, column.name in hidden and column not in ALWAYS_SHOWN)
            by_name = {column.name: column for column in Column}
            wanted = [by_name[name] for name in memory.get_list(ORDER_KEY) if name in by_name]
            wanted += [column for column in Column if column not in wanted]  # a new column: at its own place
            for place, column in enumerate(wanted):
                self.header.moveSection(self.header.visualIndex(column), place)
            for entry in memory.get_list(WIDTHS_KEY):
                name, _, width = entry.partition(":")
                if name in by_name and width.isdigit() and int(width) > 0:
                    self.header.resizeSection(by_name[name], int(width))
        finally:
            self._restoring = False

    def save(self) -> None:
        if self.memory is None or self._restoring:
            return
        self.memory.put(HIDDEN_KEY, [column.name for column in self.hidden()])
        self.memory.put(ORDER_KEY, [column.name for column in self.order()])
        widths = [
            f"{column.name}:{self.header.sectionSize(column)}" for column in Column if not self.hidden_now(column)
        ]
        self.memory.put(WIDTHS_KEY, widths)

    def hidden_now(self, column: Column) -> bool:
        return self.header.isSectionHidden(column)


class EmptyNotice(QLabel):
    """Centred in the table's viewport when the query shows no report: what that means, and a way out."""

    def __init__(self, table: QTableView, clear: Callable[[], None]) -> None:
        super().__init__(table.viewport())
        self.setObjectName("inboxEmpty")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.linkActivated.connect(lambda _link: clear())
        self.setVisible(False)
        table.viewport().installEventFilter(self)

    def show_html(self, html: str, accessible: str) -> None:
        self.setText(html)
        self.setAccessibleName(accessible)
        self._place()
        self.setVisible(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self._place()
        return False

    def _place(self) -> None:
        viewport = self.parentWidget()
        if viewport is None:
            return
        area = viewport.rect()
        margin = 24
        self.setGeometry(area.adjusted(margin, margin, -margin, -margin))
