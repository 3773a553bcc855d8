"""A plain-text box that offers colleagues' logins after "@", for internal notes and discussion posts."""

from __future__ import annotations

import re

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QPlainTextEdit, QWidget

# A partial login right after an "@" that starts a word (not an e-mail address), up to the cursor.
_MENTION_BEFORE_CURSOR = re.compile(r"(?<![\w.])@([A-Za-z0-9._-]*)$")
# Keys the completer's popup handles itself (choose, close) while it is open.
_POPUP_KEYS = {Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape}


class MentionEdit(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.logins = QStringListModel(self)
        self.completer = QCompleter(self.logins, self)
        self.completer.setWidget(self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # PySide6's stubs do not declare how an overloaded signal is picked by its argument type.
        self.completer.activated[str].connect(self.insert_mention)  # type: ignore[index]

    def set_logins(self, logins: list[str]) -> None:
        if self.logins.stringList() != logins:
            self.logins.setStringList(logins)

    def mention_prefix(self) -> str | None:
        """The partial login after an "@" just before the cursor, or None when the cursor is not in one."""
        cursor = self.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        found = _MENTION_BEFORE_CURSOR.search(before)
        return None if found is None else found.group(1)

    def insert_mention(self, login: str) -> None:
        prefix = self.mention_prefix() or ""
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(prefix))
        cursor.insertText(f"{login} ")
        self.setTextCursor(cursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        popup = self._popup()
        if popup.isVisible() and event.key() in _POPUP_KEYS:
            event.ignore()
            return
        super().keyPressEvent(event)
        prefix = self.mention_prefix()
        if prefix is None or not self._complete(prefix):
            popup.hide()

    def _complete(self, prefix: str) -> bool:
        self.completer.setCompletionPrefix(prefix)
        if self.completer.completionCount() == 0:
            return False
        popup = self._popup()
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        area = self.cursorRect()
        area.setWidth(popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width())
        self.completer.complete(area)
        return True

    def _popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # QCompleter makes its default list on first request
        return popup
