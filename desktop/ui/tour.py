"""A first-run tour of the desk in five steps, each pointing at the real widget it explains.

Shown once per officer (and server): the layout memory remembers that the officer finished or skipped it;
*Help → Tour* shows it again. The tour is a child of the window drawn over it: the window dims, the widget
of the step keeps its colours inside a frame, and a card beside it says what it is for, with Back / Next /
Skip. Keyboard: Enter or Right for next, Left for back, Escape to skip. The frame follows the widget's
geometry when the window is resized.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.translatable import QT_TRANSLATE_NOOP
from .layout_memory import LayoutMemory

SEEN_KEY = "tour/seen"
_MARGIN = 6  # between the widget and its frame
_CARD_WIDTH = 360


# Where a step points: a widget, and the part of it to frame (None: all of it; a tab of a tab bar is not a
# widget of its own, so its step frames the tab's rectangle in the bar).
Spot = tuple[QWidget, QRect | None]


@dataclass(frozen=True, slots=True)
class TourStep:
    title: str  # English source text, translated in context "Tour"
    text: str
    target: Callable[[], Spot | None]  # where to point, found when the step shows
    prepare: Callable[[], None] = lambda: None  # e.g. bring its tab to the front


def desk_steps(window: Any) -> list[TourStep]:
    """The five steps on the main window: inbox and views → take a report → reply and templates → team
    discussion → needs attention. ``window`` is the MainWindow (not imported: it imports this module)."""

    def front(page: QWidget) -> Callable[[], None]:
        return lambda: window.tabs.setCurrentIndex(_page_index(window, page))

    def whole(widget: QWidget | None) -> Spot | None:
        return None if widget is None else (widget, None)

    def tab_of(page: QWidget) -> Callable[[], Spot | None]:
        bar = window.tabs.tabBar()
        return lambda: (bar, bar.tabRect(_page_index(window, page)))

    return [
        TourStep(
            QT_TRANSLATE_NOOP("Tour", "Your inbox"),
            QT_TRANSLATE_NOOP(
                "Tour",
                "Every report of your units, the most urgent first. The views above the list (mine, my unit, "
                "due soon…) show how many reports each holds; the badge says at a glance which are overdue, due "
                "today or due soon.",
            ),
            lambda: whole(window.inbox.views),
            front(window.inbox),
        ),
        TourStep(
            QT_TRANSLATE_NOOP("Tour", "Take a report"),
            QT_TRANSLATE_NOOP(
                "Tour",
                "A report is handled by one officer at a time. Take the next one (Ctrl+J), or open a report and "
                "take it (Ctrl+K): it is then yours until you release it, also when you work offline.",
            ),
            lambda: whole(window.ticket.buttons.get("next_ticket")),
            front(window.inbox),
        ),
        TourStep(
            QT_TRANSLATE_NOOP("Tour", "Reply, with a template"),
            QT_TRANSLATE_NOOP(
                "Tour",
                "Write to the reporter here, or start from a reply template (Ctrl+Shift+R): search it, preview "
                "it filled in for this report, press Enter. Internal notes are for colleagues only; type @ to "
                "mention one.",
            ),
            lambda: whole(window.ticket.composer),
            front(window.inbox),
        ),
        TourStep(
            QT_TRANSLATE_NOOP("Tour", "Team discussion"),
            QT_TRANSLATE_NOOP(
                "Tour",
                "Talk with your unit about a report or anything else. A colleague who mentions you (@your "
                "login) is shown in bold until you read it.",
            ),
            tab_of(window.discussion),
        ),
        TourStep(
            QT_TRANSLATE_NOOP("Tour", "Needs attention"),
            QT_TRANSLATE_NOOP(
                "Tour",
                "What must not wait: work a colleague handed over to you, your changes that were refused, and "
                "deadlines that were missed. Empty is good.",
            ),
            tab_of(window.attention),
        ),
    ]


def _page_index(window: Any, page: QWidget) -> int:
    """The tab that shows ``page`` (the inbox sits in a splitter: its tab holds the splitter)."""
    tabs = window.tabs
    for index in range(tabs.count()):
        shown = tabs.widget(index)
        if shown is page or shown.isAncestorOf(page):
            return int(index)
    return 0


def _target_rect(spot: Spot, overlay: QWidget) -> QRect:
    widget, part = spot
    rect = widget.rect() if part is None else part
    top_left = widget.mapTo(overlay.parentWidget() or overlay, rect.topLeft())
    return QRect(top_left, rect.size()).adjusted(-_MARGIN, -_MARGIN, _MARGIN, _MARGIN)


class Tour(QWidget):
    """The tour over ``host`` (the main window). ``finished(completed)``: True when the last step was read."""

    finished = Signal(bool)

    def __init__(self, host: QWidget, steps: list[TourStep], memory: LayoutMemory | None = None) -> None:
        super().__init__(host)
        self.setObjectName("tour")
        self.steps = steps
        self.memory = memory
        self.index = 0
        self.highlight = QRect()
        self._target: Spot | None = None

        self.card = QFrame(self)
        self.card.setObjectName("tourCard")
        self.card.setFrameShape(QFrame.Shape.StyledPanel)
        self.card.setAutoFillBackground(True)
        self.card.setFixedWidth(_CARD_WIDTH)
        self.counter = QLabel()
        self.counter.setObjectName("tourCounter")
        self.title = QLabel()
        self.title.setObjectName("tourTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setObjectName("tourText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.skip_button = QPushButton(self.tr("Skip the tour"))
        self.skip_button.setObjectName("tourSkip")
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setObjectName("tourBack")
        self.next_button = QPushButton()
        self.next_button.setObjectName("tourNext")
        self.next_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = self.card_layout = QVBoxLayout(self.card)
        layout.addWidget(self.counter)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.card.setAccessibleName(self.tr("Tour of the desk"))

        self.skip_button.clicked.connect(self.skip)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        host.installEventFilter(self)  # follow the window's size
        # The arrows and Escape work wherever the focus is in the tour (a button would take the arrows itself).
        for key, slot in ((Qt.Key.Key_Left, self.back), (Qt.Key.Key_Right, self.next), (Qt.Key.Key_Escape, self.skip)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.hide()

    # -- steps --------------------------------------------------------------------------------------------

    def start(self, index: int = 0) -> None:
        parent = self.parentWidget()
        assert parent is not None
        self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.show_step(index)

    def show_step(self, index: int) -> None:
        self.index = max(0, min(index, len(self.steps) - 1))
        step = self.steps[self.index]
        step.prepare()
        self._target = step.target()
        self.counter.setText(
            self.tr("Step %1 of %2").replace("%1", str(self.index + 1)).replace("%2", str(len(self.steps)))
        )
        self.title.setText(QCoreApplication.translate("Tour", step.title))
        self.text.setText(QCoreApplication.translate("Tour", step.text))
        self.back_button.setEnabled(self.index > 0)
        last = self.index == len(self.steps) - 1
        self.next_button.setText(self.tr("Done") if last else self.tr("Next"))
        self.next_button.setAccessibleDescription(self.text.text())
        self._place()
        self.next_button.setFocus()

    def next(self) -> None:
        if self.index >= len(self.steps) - 1:
            self._end(completed=True)
        else:
            self.show_step(self.index + 1)

    def back(self) -> None:
        if self.index > 0:
            self.show_step(self.index - 1)

    def skip(self) -> None:
        self._end(completed=False)

    def _end(self, completed: bool) -> None:
        if self.memory is not None:  # finished or skipped: either way, not shown by itself again
            self.memory.put(SEEN_KEY, "1")
            self.memory.sync()
        self.hide()
        self.finished.emit(completed)

    # -- drawing ------------------------------------------------------------------------------------------

    def _place(self) -> None:
        target = self._target
        visible = target is not None and target[0].isVisible()
        self.highlight = _target_rect(target, self) if target is not None and visible else QRect()
        # adjustSize() asks a child for its sizeHint, which lays a wrapped label out at a guessed width: a long
        # step (Indonesian) came out cut off and over its title. Its height for the card's fixed width is exact.
        layout = self.card_layout
        layout.activate()
        self.card.resize(_CARD_WIDTH, max(layout.totalMinimumSize().height(), layout.totalHeightForWidth(_CARD_WIDTH)))
        card = self.card.size()
        area = self.rect()
        if self.highlight.isNull():
            spot = area.center() - QPoint(card.width() // 2, card.height() // 2)
        else:  # below the widget when there is room, else above, else beside it
            spot = QPoint(self.highlight.left(), self.highlight.bottom() + 12)
            if spot.y() + card.height() > area.bottom():
                spot = QPoint(self.highlight.left(), self.highlight.top() - card.height() - 12)
            if spot.y() < area.top():
                spot = QPoint(self.highlight.right() + 12, self.highlight.top())
                if spot.x() + card.width() > area.right():
                    spot = QPoint(self.highlight.left() - card.width() - 12, self.highlight.top())
        spot.setX(max(area.left() + 8, min(spot.x(), area.right() - card.width() - 8)))
        spot.setY(max(area.top() + 8, min(spot.y(), area.bottom() - card.height() - 8)))
        self.card.move(spot)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dim = QPainterPath()
        dim.addRect(self.rect().toRectF())
        if not self.highlight.isNull():
            hole = QPainterPath()
            hole.addRoundedRect(self.highlight.toRectF(), 6, 6)
            dim = dim.subtracted(hole)
        painter.fillPath(dim, QColor(0, 0, 0, 110))
        if not self.highlight.isNull():
            painter.setPen(QPen(self.palette().highlight().color(), 3))
            painter.drawRoundedRect(self.highlight, 6, 6)
        painter.end()

    # -- keyboard and resizing ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        key = Qt.Key(event.key())
        if key == Qt.Key.Key_Escape:
            self.skip()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.next()
        elif key == Qt.Key.Key_Left:
            self.back()
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        host = self.parentWidget()
        if host is not None and watched is host and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(host.rect())
            self._place()
        return super().eventFilter(watched, event)


def tour_seen(memory: LayoutMemory) -> bool:
    return memory.get_str(SEEN_KEY) == "1"


def open_tour(window: QWidget, memory: LayoutMemory | None) -> Tour:
    """Show the tour over ``window`` (a MainWindow) from its first step."""
    existing = window.findChild(Tour)
    tour = existing if isinstance(existing, Tour) else Tour(window, desk_steps(window), memory)
    tour.start()
    return tour


def offer_first_run_tour(window: QWidget, memory: LayoutMemory) -> Tour | None:
    """On the officer's first start (with this server), the tour; afterwards only from the Help menu."""
    return None if tour_seen(memory) else open_tour(window, memory)
