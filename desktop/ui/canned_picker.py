"""Choosing a reply template (*templat balasan*): a search field, the list, and a preview of the text as it
would be inserted for this report. Keyboard first: type to filter, Up/Down to move, Enter to insert,
Escape to cancel; the focus stays in the search field the whole time.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..domain.canned import MissingVariable
from ..views.canned import CannedResponse, TicketCanned
from ..views.canned_search import matching_canned

_RESPONSE = Qt.ItemDataRole.UserRole
_NAVIGATION = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


class CannedPicker(QDialog):
    """``chosen`` carries the response the officer picked; the composer renders and inserts it."""

    chosen = Signal(object)

    def __init__(
        self,
        offered: TicketCanned,
        explain_missing: Callable[[str, MissingVariable], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.offered = offered
        self._explain_missing = explain_missing  # the composer's wording of what is missing
        self.setObjectName("cannedPicker")
        self.setWindowTitle(self.tr("Insert a reply template"))
        self.resize(720, 420)

        self.search = QLineEdit()
        self.search.setObjectName("cannedSearch")
        self.search.setPlaceholderText(self.tr("Search titles and texts…"))
        self.search.setAccessibleName(self.tr("Search reply templates"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("cannedList")
        self.list.setAccessibleName(self.tr("Reply templates"))
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the search field keeps the keyboard
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("cannedPreview")
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("Preview of the reply"))
        self.empty = QLabel()
        self.empty.setObjectName("cannedEmpty")
        self.empty.setWordWrap(True)

        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.preview)
        split.setStretchFactor(1, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.insert_button = buttons.addButton(self.tr("Insert"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.insert_button.setObjectName("cannedInsert")
        self.insert_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)

        self.search.textChanged.connect(self.refilter)
        self.search.returnPressed.connect(self.accept)
        self.search.installEventFilter(self)
        self.list.currentItemChanged.connect(lambda *_: self.show_preview())
        self.list.itemDoubleClicked.connect(lambda *_: self.accept())
        self.refilter("")
        self.search.setFocus()

    def refilter(self, typed: str) -> None:
        self.list.clear()
        for response in matching_canned(self.offered.responses, typed):
            item = QListWidgetItem(response.title)
            item.setData(_RESPONSE, response)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        if not self.offered.responses:
            self.empty.setText(self.tr("There are no reply templates for this unit yet."))
        elif not self.list.count():
            self.empty.setText(self.tr("No reply template matches “%1”.").replace("%1", typed.strip()))
        self.empty.setVisible(not self.list.count())
        self.insert_button.setEnabled(bool(self.list.count()))
        self.show_preview()

    def current(self) -> CannedResponse | None:
        item = self.list.currentItem()
        return None if item is None else item.data(_RESPONSE)  # type: ignore[no-any-return]

    def show_preview(self) -> None:
        """The text as inserting would write it; a template that cannot be filled says why instead."""
        response = self.current()
        if response is None:
            self.preview.setPlainText("")
            return
        try:
            self.preview.setPlainText(self.offered.render(response))
        except MissingVariable as refused:
            self.preview.setPlainText(self._explain_missing(response.title, refused))

    def accept(self) -> None:
        response = self.current()
        if response is None or not self.isVisible():  # Enter reaches both the field and the default button
            return
        super().accept()
        self.chosen.emit(response)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        # Up/Down in the search field move through the list, so the officer never leaves the keyboard's home.
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if Qt.Key(event.key()) in _NAVIGATION:
                self.list.event(event)
                return True
        return super().eventFilter(watched, event)
