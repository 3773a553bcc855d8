"""Team discussion: threads per unit with unread counts, a thread's posts and a composer, my mentions.

Everything is read from the cache and written through the desk (queued, shown at once, pushed by the sync
loop). A refresh never takes away what the officer is doing: the selected thread, the scroll position and
the text being typed stay.
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot
from shiboken6 import isValid

from ..domain.errors import AduanError
from ..sync.session import Session
from ..views import discussions as board
from . import actions
from .errors import describe
from .events import Events
from .labels import local_time
from .mention_edit import MentionEdit
from .ops import Ops
from .plain import plain_label

_ID = Qt.ItemDataRole.UserRole
EXCERPT_CHARS = 160


class NewThreadDialog(QDialog):
    """Unit, title, first post and an optional ticket to link. A refusal is shown here; nothing typed is lost."""

    submitted = Signal()

    def __init__(
        self, units: list[board.UnitChoice], unit_code: str | None, logins: list[str], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New thread"))
        self.unit = QComboBox()
        self.unit.setAccessibleName(self.tr("Unit"))
        for choice in units:
            self.unit.addItem(f"{choice.name} ({choice.code})", choice.code)
        if unit_code is not None and self.unit.findData(unit_code) >= 0:
            self.unit.setCurrentIndex(self.unit.findData(unit_code))
        self.title = QLineEdit()
        self.title.setAccessibleName(self.tr("Title"))
        self.body = MentionEdit()
        self.body.setAccessibleName(self.tr("First post"))
        self.body.set_logins(logins)
        self.ticket = QLineEdit()
        self.ticket.setAccessibleName(self.tr("Report to link (tracking number, optional)"))
        self.ticket.setPlaceholderText(self.tr("e.g. ADU-2026-000123"))
        self.problem = plain_label(name="newThreadProblem", wrap=True)
        self.problem.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setText(self.tr("Start thread"))
        self.start_button.setEnabled(bool(units))
        self.buttons.accepted.connect(self.submitted)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("First post"), self.body)
        form.addRow(self.tr("Link report"), self.ticket)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        if not units:
            self.show_problem(self.tr("You are not a member of any unit yet: sync first."))

    def values(self) -> tuple[str, str, str, str | None]:
        ticket = self.ticket.text().strip()
        return str(self.unit.currentData()), self.title.text(), self.body.toPlainText(), ticket or None

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(True)

    def set_busy(self, busy: bool) -> None:
        self.start_button.setEnabled(not busy)


class DiscussionView(QWidget):
    """The team discussion pane. ``unread_changed(unread posts, unseen mentions)`` feeds the window's tab."""

    unread_changed = Signal(int, int)

    def __init__(self, session: Session, ops: Ops, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.events = events
        self.selected: UUID | None = None
        self.board: board.Board | None = None
        self.new_thread_dialog: NewThreadDialog | None = None
        self._loading = False
        self._again = False

        self.new_action = actions.create(self, "new_discussion", self.new_thread)
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.new_action)
        new_button = QPushButton(actions.text("new_discussion"))
        new_button.clicked.connect(self.new_action.trigger)

        self.unit_filter = QComboBox()
        self.unit_filter.setAccessibleName(self.tr("Show threads of unit"))
        self.unit_filter.addItem(self.tr("All units"), None)
        self.unit_filter.currentIndexChanged.connect(self._filter_changed)
        self.thread_list = QListWidget()
        self.thread_list.setAccessibleName(self.tr("Threads"))
        self.thread_list.setWordWrap(True)
        self.thread_list.setSpacing(3)
        self.thread_list.currentItemChanged.connect(self._thread_chosen)
        self.mention_list = QListWidget()
        self.mention_list.setAccessibleName(self.tr("Mentions of me"))
        self.mention_list.setWordWrap(True)
        self.mention_list.setSpacing(3)
        self.mention_list.itemActivated.connect(self.open_mention)
        self.tabs = QTabWidget()
        threads_tab = QWidget()
        threads_layout = QVBoxLayout(threads_tab)
        threads_layout.setContentsMargins(0, 0, 0, 0)
        threads_layout.addWidget(self.unit_filter)
        threads_layout.addWidget(self.thread_list)
        self.tabs.addTab(threads_tab, self.tr("Threads"))
        self.tabs.addTab(self.mention_list, self.tr("Mentions"))
        self.tabs.currentChanged.connect(self._tab_changed)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(new_button)
        left_layout.addWidget(self.tabs)

        # Titles, names and posts are written by officers: shown as written, never as rich text.
        self.title = plain_label(name="threadTitle", wrap=True, selectable=True)
        self.title.setStyleSheet("QLabel#threadTitle { font-weight: bold; }")
        self.about = plain_label(name="threadAbout", wrap=True)
        self.open_ticket_button = QPushButton()
        self.open_ticket_button.clicked.connect(self.open_linked_ticket)
        header = QHBoxLayout()
        header.addWidget(self.about, 1)
        header.addWidget(self.open_ticket_button)
        self.post_list = QListWidget()
        self.post_list.setAccessibleName(self.tr("Posts"))
        self.post_list.setWordWrap(True)
        self.post_list.setSpacing(4)
        self.post_list.setAlternatingRowColors(True)  # only to tell posts apart; nothing is shown by colour
        self.post_list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.composer = MentionEdit()
        self.composer.setAccessibleName(self.tr("Write a post"))
        self.composer.setPlaceholderText(self.tr("Write a post; @login mentions a colleague"))
        self.composer.setMaximumHeight(120)
        self.problem = plain_label(name="postProblem", wrap=True)
        self.problem.setVisible(False)
        self.post_action = actions.create(self, "send_post", self.send_post)
        self.post_button = QPushButton(actions.text("send_post"))
        self.post_button.setToolTip(self.post_action.toolTip())
        self.post_button.clicked.connect(self.post_action.trigger)
        compose_row = QHBoxLayout()
        compose_row.addWidget(self.composer, 1)
        compose_row.addWidget(self.post_button, 0, Qt.AlignmentFlag.AlignBottom)
        right = QWidget()
        # Ctrl+Return posts only while the focus is in this pane (the ticket view's reply shares the key).
        self.post_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        right.addAction(self.post_action)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.title)
        right_layout.addLayout(header)
        right_layout.addWidget(self.post_list, 1)
        right_layout.addWidget(self.problem)
        right_layout.addLayout(compose_row)

        splitter = QSplitter()
        splitter.setObjectName("discussionSplitter")  # remembered per officer (main_window.REMEMBERED_SPLITTERS)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([360, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._show_thread(None, [])
        # Loaded when shown and on every cache change; the window calls refresh() once at start for the counts.
        events.cache_changed.connect(self.refresh)

    # -- counts for the window ----------------------------------------------------------------------------

    def unread_total(self) -> int:
        return self.board.unread if self.board is not None else 0

    def unseen_mentions(self) -> int:
        return self.board.unseen_mentions if self.board is not None else 0

    # -- reading --------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        super().showEvent(event)
        self.refresh()  # what is now on screen counts as read

    @asyncSlot()
    async def refresh(self) -> None:
        if self._loading:
            self._again = True  # one more round when this one ends, with the latest selection
            return
        self._loading = True
        try:
            while True:
                self._again = False
                on_screen = self.isVisible()
                mentions_shown = on_screen and self.tabs.currentIndex() == 1
                try:
                    loaded = await self.ops.db(
                        board.load_board, self.session.cache, self.selected, on_screen, mentions_shown
                    )
                except AduanError as exc:
                    if isValid(self):
                        self.about.setText(describe(exc))
                    return
                if not isValid(self.unit_filter):  # the window closed while the cache was read
                    return
                self._show(loaded)
                if not self._again:
                    return
        finally:
            self._loading = False

    def _show(self, loaded: board.Board) -> None:
        before = (self.unread_total(), self.unseen_mentions())
        self.board = loaded
        self._fill_unit_filter(loaded.units, loaded.threads)
        self._fill_threads(loaded.threads)
        self._fill_mentions(loaded.mentions)
        self.composer.set_logins(loaded.logins)
        if loaded.selected is None:
            self.selected = None
        self._show_thread(loaded.selected, loaded.posts)
        mentions = self.tr("Mentions")
        if loaded.unseen_mentions:
            mentions = self.tr("Mentions (%n new)", "", loaded.unseen_mentions)
        self.tabs.setTabText(1, mentions)
        if (loaded.unread, loaded.unseen_mentions) != before:
            self.unread_changed.emit(loaded.unread, loaded.unseen_mentions)

    def _fill_unit_filter(self, units: list[board.UnitChoice], threads: list[board.Thread]) -> None:
        codes = sorted({u.code for u in units} | {t.unit_code for t in threads})
        present = [self.unit_filter.itemData(i) for i in range(1, self.unit_filter.count())]
        if present == codes:
            return
        chosen = self.unit_filter.currentData()
        self.unit_filter.blockSignals(True)
        while self.unit_filter.count() > 1:
            self.unit_filter.removeItem(1)
        for code in codes:
            self.unit_filter.addItem(code, code)
        index = self.unit_filter.findData(chosen) if chosen is not None else 0
        self.unit_filter.setCurrentIndex(max(index, 0))
        self.unit_filter.blockSignals(False)

    def _fill_threads(self, threads: list[board.Thread]) -> None:
        unit = self.unit_filter.currentData()
        shown = [t for t in threads if unit is None or t.unit_code == unit]
        scroll = self.thread_list.verticalScrollBar().value()
        self.thread_list.blockSignals(True)
        self.thread_list.clear()
        for thread in shown:
            item = QListWidgetItem(self._thread_text(thread))
            item.setData(_ID, str(thread.id))
            self.thread_list.addItem(item)
            if thread.id == self.selected:
                self.thread_list.setCurrentItem(item)
        self.thread_list.verticalScrollBar().setValue(scroll)
        self.thread_list.blockSignals(False)

    def _thread_text(self, thread: board.Thread) -> str:
        facts = [thread.unit_code, local_time(thread.last_post_at)]
        if thread.unread:
            facts.append(self.tr("%n unread", "", thread.unread))
        if thread.queued:
            facts.append(self.tr("not sent yet"))
        return f"{thread.title}\n{' · '.join(facts)}"

    def _fill_mentions(self, mentions: list[board.MentionView]) -> None:
        current = self.mention_list.currentRow()
        self.mention_list.blockSignals(True)
        self.mention_list.clear()
        for found in mentions:
            if found.note_id is not None:
                where = self.tr("a note on %1").replace("%1", found.tracking_no or self.tr("a report"))
            else:
                where = self.tr("the thread “%1”").replace("%1", found.discussion_title or "")
            line = self.tr("%1 mentioned you in %2").replace("%1", found.author_name).replace("%2", where)
            facts = [line, local_time(found.created_at)]
            if found.unseen:
                facts.append(self.tr("new"))
            excerpt = " ".join(found.body.split())
            if len(excerpt) > EXCERPT_CHARS:
                excerpt = excerpt[: EXCERPT_CHARS - 1] + "…"
            item = QListWidgetItem(" · ".join(facts) + "\n" + excerpt)
            item.setData(_ID, found)
            self.mention_list.addItem(item)
        if 0 <= current < self.mention_list.count():
            self.mention_list.setCurrentRow(current)
        self.mention_list.blockSignals(False)

    def _show_thread(self, thread: board.Thread | None, posts: list[board.PostView]) -> None:
        self.composer.setEnabled(thread is not None)
        self.post_action.setEnabled(thread is not None)
        self.post_button.setEnabled(thread is not None)
        if thread is None:
            self.title.setText(self.tr("No thread chosen"))
            self.about.setText(self.tr("Choose a thread on the left, or start one with “New thread…”."))
            self.open_ticket_button.setVisible(False)
            self.post_list.clear()
            return
        self.title.setText(thread.title)
        about = self.tr("%1 · started by %2 on %3")
        self.about.setText(
            about.replace("%1", thread.unit_name)
            .replace("%2", thread.started_by)
            .replace("%3", local_time(thread.created_at))
        )
        linked = thread.ticket_id is not None and thread.tracking_no is not None
        self.open_ticket_button.setVisible(linked)
        if linked:
            self.open_ticket_button.setText(self.tr("Open report %1").replace("%1", thread.tracking_no or ""))
        self._fill_posts(thread.id, posts)

    def _fill_posts(self, thread_id: UUID, posts: list[board.PostView]) -> None:
        bar = self.post_list.verticalScrollBar()
        same_thread = self.post_list.property("threadId") == str(thread_id)
        at_end = bar.value() >= bar.maximum()
        keep = bar.value()
        shown_before = {self.post_list.item(row).data(_ID) for row in range(self.post_list.count())}
        # A post the officer just wrote (queued here, not shown before) is followed, wherever they had scrolled.
        just_written = same_thread and any(p.queued and str(p.id) not in shown_before for p in posts)
        self.post_list.clear()
        for shown in posts:
            facts = [shown.author_name or shown.author_login, local_time(shown.created_at)]
            if shown.queued:
                facts.append(self.tr("queued, not sent yet"))
            item = QListWidgetItem(" · ".join(facts) + "\n" + shown.body)
            item.setData(_ID, str(shown.id))
            self.post_list.addItem(item)
        self.post_list.setProperty("threadId", str(thread_id))
        if same_thread and not at_end and not just_written:
            bar.setValue(keep)
        else:
            self.post_list.scrollToBottom()

    # -- choosing -----------------------------------------------------------------------------------------

    def _thread_chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        chosen = UUID(item.data(_ID)) if item is not None else None
        if chosen != self.selected:
            self.selected = chosen
            self.problem.setVisible(False)
            self.refresh()

    def _filter_changed(self, _index: int) -> None:
        if self.board is not None:
            self._fill_threads(self.board.threads)

    def _tab_changed(self, _index: int) -> None:
        self.refresh()  # showing the mentions marks them seen

    def select_thread(self, discussion_id: UUID) -> None:
        """Show a thread (from a mention, or one just started), whichever unit the filter showed."""
        self.selected = discussion_id
        self.tabs.setCurrentIndex(0)
        self.unit_filter.setCurrentIndex(0)
        self.refresh()

    def open_mention(self, item: QListWidgetItem) -> None:
        found = item.data(_ID)
        if not isinstance(found, board.MentionView):
            return
        if found.note_id is not None and found.ticket_id is not None:
            self.events.open_ticket.emit(str(found.ticket_id))
        elif found.discussion_id is not None:
            self.select_thread(found.discussion_id)

    def open_linked_ticket(self) -> None:
        thread = self.board.selected if self.board is not None else None
        if thread is not None and thread.ticket_id is not None:
            self.events.open_ticket.emit(str(thread.ticket_id))

    # -- writing ------------------------------------------------------------------------------------------

    def _queued(self) -> None:
        self.events.work_queued()

    @asyncSlot()
    async def send_post(self) -> None:
        if self.selected is None:
            return
        text = self.composer.toPlainText()
        try:
            await self.ops.db(self.session.desk.post, self.selected, text)
        except AduanError as exc:
            self.problem.setText(describe(exc))
            self.problem.setVisible(True)
            return
        self.problem.setVisible(False)
        if self.composer.toPlainText() == text:  # keep whatever was typed while it was being queued
            self.composer.clear()
        self._queued()

    def new_thread(self) -> None:
        if self.new_thread_dialog is not None and self.new_thread_dialog.isVisible():
            self.new_thread_dialog.raise_()
            return
        units = self.board.units if self.board is not None else []
        logins = self.board.logins if self.board is not None else []
        dialog = NewThreadDialog(units, self.unit_filter.currentData(), logins, self)
        dialog.submitted.connect(self._start_thread)
        self.new_thread_dialog = dialog
        dialog.open()

    @asyncSlot()
    async def _start_thread(self) -> None:
        dialog = self.new_thread_dialog
        if dialog is None:
            return
        unit, title, body, ticket = dialog.values()
        dialog.set_busy(True)
        try:
            op = await self.ops.db(self.session.desk.start_discussion, unit, title, body, ticket)
        except AduanError as exc:
            dialog.show_problem(describe(exc))
            dialog.set_busy(False)
            return
        dialog.accept()
        self.select_thread(UUID(op.payload["discussion_id"]))
        self._queued()
