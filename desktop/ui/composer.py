"""Writing to the citizen and to colleagues: a reply tab and an internal-note tab.

Drafts are saved while the officer types (half a second after the last key, and when the box loses
focus) in the local cache, so a crash, a lost network or closing the window loses nothing; they come
back when the ticket is opened again and go when the text is sent. The note box completes @mentions
from the officers in the cache.

A canned response is rendered for the ticket from values read with it (no database on the GUI thread):
all its variables filled, or nothing inserted and the officer told which value is missing and why. The
version inserted last is sent along with the reply for the audit log, unless the officer emptied the box.
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ..desk import drafts
from ..domain.canned import MissingVariable
from ..sync.session import Session
from ..views.canned import CannedResponse, TicketCanned
from . import actions
from .canned_picker import CannedPicker
from .mention_edit import MentionEdit
from .ops import Ops
from .plain import plain_label

DRAFT_DELAY_MS = 500


class Composer(QTabWidget):
    send_reply = Signal(str)
    add_note = Signal(str)

    def __init__(self, session: Session, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.ticket_id: UUID | None = None
        self._restoring = False
        self.setObjectName("composer")
        self.setAccessibleName(self.tr("Reply and internal note"))

        self.reply_edit = QPlainTextEdit()
        self.reply_edit.setObjectName("replyEdit")
        self.reply_edit.setAccessibleName(self.tr("Reply to the citizen"))
        self.reply_edit.setTabChangesFocus(True)  # keyboard users leave the box with Tab (a reply needs no tabs)
        self.reply_edit.setPlaceholderText(self.tr("Write the answer the citizen will receive…"))
        self.note_edit = MentionEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setAccessibleName(self.tr("Internal note"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(self.tr("Only officers see this. Type @ to mention a colleague."))

        self.canned = TicketCanned()
        self.canned_used: str | None = None  # key@version of the canned response in the reply box
        self.canned_picker: CannedPicker | None = None  # open while the officer chooses
        self.canned_button = QToolButton()
        self.canned_button.setObjectName("cannedButton")
        self.insert_canned = actions.create(self, "insert_canned", self.show_canned_picker)
        self.canned_button.setDefaultAction(self.insert_canned)
        self.reply_hint = plain_label(name="replyHint", wrap=True)
        self.canned_error = plain_label(name="cannedError", wrap=True)  # titles come from supervisors
        self.canned_error.setVisible(False)
        self.send_reply_action = actions.create(self, "send_reply", self._send_reply)
        self.send_button = QPushButton(self.send_reply_action.text())
        self.send_button.setObjectName("sendReplyButton")
        self.send_button.clicked.connect(self.send_reply_action.trigger)
        self.add_note_action = actions.create(self, "add_note", self._add_note)
        self.note_button = QPushButton(self.add_note_action.text())
        self.note_button.setObjectName("addNoteButton")
        self.note_button.clicked.connect(self.add_note_action.trigger)

        reply_tab = self._tab(
            self.reply_edit, [self.canned_button, self.reply_hint], self.send_button, notice=self.canned_error
        )
        note_tab = self._tab(self.note_edit, [], self.note_button)
        # Ctrl+Return means "send" wherever the officer is typing, and nothing elsewhere (the team
        # discussion pane uses the same key for its own posts).
        for tab, action in ((reply_tab, self.send_reply_action), (note_tab, self.add_note_action)):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            tab.addAction(action)
        self.insert_canned.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        reply_tab.addAction(self.insert_canned)
        self.addTab(reply_tab, self.tr("Reply to citizen"))
        self.addTab(note_tab, self.tr("Internal note"))

        self._timers: dict[str, QTimer] = {}
        for kind, edit in self._edits().items():
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(DRAFT_DELAY_MS)
            timer.timeout.connect(lambda kind=kind: self.save_draft(kind))
            self._timers[kind] = timer
            edit.textChanged.connect(timer.start)
            edit.installEventFilter(self)
        self.reply_edit.textChanged.connect(self._forget_canned_if_cleared)
        self.set_canned(TicketCanned())
        self.set_reply_allowed(False)

    def _tab(
        self, edit: QPlainTextEdit, extras: list[QWidget], send: QPushButton, notice: QWidget | None = None
    ) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(edit)
        if notice is not None:
            layout.addWidget(notice)
        row = QHBoxLayout()
        for widget in extras:
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(send)
        layout.addLayout(row)
        return tab

    def _edits(self) -> dict[str, QPlainTextEdit]:
        return {"reply": self.reply_edit, "note": self.note_edit}

    # -- what the ticket view tells the composer ---------------------------------------------------------

    async def open_ticket(self, ticket_id: UUID) -> None:
        """Keep the current ticket's drafts, then show the drafts of ``ticket_id``."""
        if ticket_id == self.ticket_id:
            return
        await self.flush_drafts()
        self.ticket_id = ticket_id
        self.set_canned(TicketCanned())  # the last ticket's values must not fill this one's reply
        self.canned_used = None
        self.show_canned_error("")
        self._restoring = True
        try:
            for kind, edit in self._edits().items():
                edit.setPlainText(await self.ops.db(drafts.load_draft, self.session.cache, ticket_id, kind))
                edit.moveCursor(QTextCursor.MoveOperation.End)
                self._timers[kind].stop()
        finally:
            self._restoring = False

    def set_reply_allowed(self, allowed: bool, why: str = "") -> None:
        """Replies go out under the claim: without it the officer may still draft, not send."""
        self.send_reply_action.setEnabled(allowed)
        self.send_button.setEnabled(allowed)
        self.reply_hint.setText(why)
        self.reply_hint.setVisible(bool(why))

    def set_canned(self, offered: TicketCanned) -> None:
        """The canned responses for the open ticket, with the values of their variables."""
        self.canned = offered

    def use_canned(self, response: CannedResponse) -> None:
        """Insert ``response`` rendered for the ticket, or insert nothing and say what is missing."""
        try:
            text = self.canned.render(response)
        except MissingVariable as refused:
            self.show_canned_error(self.missing_text(response.title, refused))
            return
        self.show_canned_error("")
        self.insert_text(text)
        self.canned_used = response.ref

    def missing_text(self, title: str, refused: MissingVariable) -> str:
        why = {
            "nomor_tiket": self.tr("the report has no tracking number yet: it gets one when it reaches the server"),
            "tenggat": self.tr("the report has no resolution deadline yet"),
            "unit": self.tr("the report's unit is not known on this computer yet"),
            "nama_pelapor": self.tr("the reporter's name is not known"),
        }
        reasons = [f"{{{name}}}: {why.get(name, '')}" for name in refused.missing]
        reasons += [
            f"{{{name}}}: " + self.tr("not a variable Aduan knows; ask a supervisor to correct the template")
            for name in refused.unknown
        ]
        return (
            self.tr("“%1” cannot be used for this report, so nothing was inserted.").replace("%1", title)
            + " "
            + "; ".join(reasons)
        )

    def show_canned_error(self, text: str) -> None:
        self.canned_error.setText(text)
        self.canned_error.setVisible(bool(text))

    def _forget_canned_if_cleared(self) -> None:
        if not self.reply_edit.toPlainText().strip():
            self.canned_used = None  # the officer started over: the reply is no longer the template's

    def set_logins(self, logins: list[str]) -> None:
        self.note_edit.set_logins(logins)

    def insert_text(self, body: str) -> None:
        self.setCurrentIndex(0)
        self.reply_edit.insertPlainText(body)
        self.reply_edit.setFocus()

    def show_canned_picker(self) -> None:
        """Search, preview and insert a reply template; the reply box gets the focus back either way."""
        self.setCurrentIndex(0)
        picker = CannedPicker(self.canned, self.missing_text, self)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.chosen.connect(self.use_canned)
        picker.finished.connect(lambda _result: self._picker_closed())
        self.canned_picker = picker
        picker.open()

    def _picker_closed(self) -> None:
        self.canned_picker = None
        self.reply_edit.setFocus()

    async def sent(self, kind: str) -> None:
        """The text was queued: empty the box and forget its draft."""
        self._timers[kind].stop()
        self._restoring = True
        try:
            self._edits()[kind].clear()
        finally:
            self._restoring = False
        if kind == "reply":
            self.canned_used = None
        if self.ticket_id is not None:
            await self.ops.db(drafts.save_draft, self.session.cache, self.ticket_id, kind, "")

    # -- drafts ------------------------------------------------------------------------------------------

    async def flush_drafts(self) -> None:
        for kind, timer in self._timers.items():
            if timer.isActive():
                timer.stop()
                await self._store(self.ticket_id, kind, self._edits()[kind].toPlainText())

    def save_draft(self, kind: str) -> None:
        """Save now. The text is taken at once: by the time the cache thread runs, the officer may have
        moved to another ticket, or the box may be gone with its window."""
        self._timers[kind].stop()
        if self.ticket_id is not None and not self._restoring:
            self._store_later(str(self.ticket_id), kind, self._edits()[kind].toPlainText())

    @asyncSlot(str, str, str)
    async def _store_later(self, ticket_id: str, kind: str, text: str) -> None:
        await self._store(UUID(ticket_id), kind, text)

    async def _store(self, ticket_id: UUID | None, kind: str, text: str) -> None:
        if ticket_id is not None:
            await self.ops.db(drafts.save_draft, self.session.cache, ticket_id, kind, text)

    def _save_pending(self) -> None:
        for kind, timer in self._timers.items():
            if timer.isActive():
                self.save_draft(kind)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.FocusOut and watched in self._edits().values():
            self._save_pending()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:  # Qt's name
        self._save_pending()  # the window closes or the view goes away: keep the last keystrokes
        super().hideEvent(event)

    # -- sending -----------------------------------------------------------------------------------------

    def _send_reply(self) -> None:
        # Blank text goes on too: the desk refuses it with a message the officer sees.
        if self.send_reply_action.isEnabled():
            self.send_reply.emit(self.reply_edit.toPlainText())

    def _add_note(self) -> None:
        self.add_note.emit(self.note_edit.toPlainText())
