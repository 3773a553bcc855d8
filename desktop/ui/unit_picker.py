"""Choosing a unit: a search field above a tree of units in natural order (``views/unit_tree.py``).

Typing filters by name or code and keeps the parents of what matches, so "Regional 10" shows where it sits;
Up/Down in the search field move through the tree, so the keyboard never has to leave it. Units that may not
be chosen (the parents of choosable units, or the report's own unit) are shown, greyed, for orientation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from ..views.unit_tree import UnitNode, tree_order
from .plain import plain_tooltip

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2  # name and code, what typing searches
_NAVIGATION = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


class UnitPicker(QWidget):
    """``current_code()`` is the chosen unit's code ("" while none is); ``changed`` tells when it changes."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, placeholder: bool = False) -> None:
        super().__init__(parent)
        # The choosable codes top to bottom, for the combo-box-like API below ("" first with a placeholder,
        # like a combo's "Choose a unit…" entry).
        self._choosable: list[str] = [""] if placeholder else []
        self._placeholder = placeholder
        self.search = QLineEdit()
        self.search.setObjectName("unitSearch")
        self.search.setPlaceholderText(self.tr("Search units…"))
        self.search.setAccessibleName(self.tr("Search units"))
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)  # a match keeps its parents
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.tree = QTreeView()
        self.tree.setObjectName("unitTree")
        self.tree.setAccessibleName(self.tr("Units"))
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setMinimumHeight(160)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self.setFocusProxy(self.search)

        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self.changed.emit(self.current_code()))

    def set_units(
        self,
        choosable: Iterable[tuple[str, str]],
        nodes: Sequence[UnitNode] = (),
        not_choosable: Iterable[str] = (),
    ) -> None:
        """Offer ``choosable`` (code, name) pairs; ``nodes`` (every unit with its parent) place them in the
        tree. Without nodes the units are a flat list, still in natural order."""
        allowed = dict(choosable)
        refused = set(not_choosable)
        known = {n.code: n for n in nodes}
        for code, name in allowed.items():
            known.setdefault(code, UnitNode(code, name, None))
        needed = _with_ancestors(set(allowed), {c: n.parent_code for c, n in known.items()})
        self.model.clear()
        self._choosable = [""] if self._placeholder else []
        items: dict[str, QStandardItem] = {}
        for placed in tree_order(n for c, n in known.items() if c in needed):
            node = placed.node
            if node.code in allowed and node.code not in refused:
                self._choosable.append(node.code)
            item = QStandardItem(node.name)
            item.setData(node.code, CODE_ROLE)
            item.setData(f"{node.name} ({node.code})", SEARCH_ROLE)
            item.setToolTip(plain_tooltip(f"{node.name} ({node.code})"))  # names are typed by admins: as written
            item.setEditable(False)
            if node.code not in allowed or node.code in refused:
                item.setSelectable(False)  # shown for orientation; the arrows skip it
                item.setEnabled(False)
            parent = items.get(node.parent_code or "")
            (parent or self.model.invisibleRootItem()).appendRow(item)
            items[node.code] = item
        self.tree.expandAll()

    def current_code(self) -> str:
        index = self.tree.currentIndex()
        if not index.isValid() or not (index.flags() & Qt.ItemFlag.ItemIsSelectable):
            return ""
        return str(index.data(CODE_ROLE) or "")

    def set_current_code(self, code: str) -> bool:
        found = self._find(code)
        if found is None:
            return False
        self.tree.setCurrentIndex(found)
        self.tree.scrollTo(found)
        return True

    # -- the combo box's API, so that forms and their tests treat the picker like the combo it replaced ------

    def count(self) -> int:
        return len(self._choosable)

    def itemData(self, index: int) -> str | None:  # Qt's name
        return self._choosable[index] if 0 <= index < len(self._choosable) else None

    def findData(self, code: str) -> int:  # Qt's name
        return self._choosable.index(code) if code and code in self._choosable else -1

    def setCurrentIndex(self, index: int) -> None:  # Qt's name
        code = self.itemData(index)
        if code:
            self.set_current_code(code)
        else:
            self.tree.setCurrentIndex(QModelIndex())

    def currentData(self) -> str:  # Qt's name
        return self.current_code()

    def codes_shown(self) -> list[str]:
        """The units the tree shows now, top to bottom (for tests and screen readers' summaries)."""
        shown: list[str] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                shown.append(str(index.data(CODE_ROLE)))
                walk(index)

        walk(QModelIndex())
        return shown

    def _find(self, code: str) -> QModelIndex | None:
        matches = self.proxy.match(
            self.proxy.index(0, 0), CODE_ROLE, code, 1, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
        )
        return matches[0] if matches else None

    def _filter(self, typed: str) -> None:
        self.proxy.setFilterFixedString(typed.strip())
        self.tree.expandAll()
        if not self.current_code():
            self._select_first_choosable()

    def _select_first_choosable(self) -> None:
        for code in self.codes_shown():
            index = self._find(code)
            if index is not None and index.flags() & Qt.ItemFlag.ItemIsSelectable:
                self.tree.setCurrentIndex(index)
                return

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if Qt.Key(event.key()) in _NAVIGATION:
                self.tree.event(event)
                return True
        return super().eventFilter(watched, event)


def _with_ancestors(codes: set[str], parents: Mapping[str, str | None]) -> set[str]:
    needed = set(codes)
    for code in codes:
        parent = parents.get(code)
        while parent is not None and parent not in needed:
            needed.add(parent)
            parent = parents.get(parent)
    return needed
