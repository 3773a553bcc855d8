"""One ticket, as the officer works on it: header, claim banner, thread, composer.

Everything shown comes from the local cache and every action goes through the desk (offline-first):
it is queued, shown at once, and pushed by the sync loop. What the desk refuses is said in words in
the view's message line ("claimMessage"), never dropped silently.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot
from shiboken6 import isValid

from ..desk.closing import has_final_answer
from ..desk.picking import NeedsConnection, is_offline, take_next
from ..domain.attachments import openable_type
from ..domain.clocks import ClockName
from ..domain.errors import AduanError, NotFound
from ..domain.operations import Op
from ..domain.properties import PropertyChange
from ..domain.sla import Phase
from ..domain.status import Status
from ..domain.vocabulary import Role
from ..security.private_files import make_private
from ..sync.session import Session
from ..views.deadlines import ClockView
from ..views.properties import load_categories
from ..views.tickets import CachedDetail, ClaimFacts, LoadedTicket, load_ticket, load_unit_choices
from ..views.unit_tree import load_unit_nodes
from . import actions, print_sheet
from .assign_dialog import AssignDialog
from .composer import Composer
from .errors import describe
from .events import Events
from .history_view import HistoryView
from .labels import (
    channel_label,
    kind_label,
    local_time,
    local_until,
    priority_label,
    shown_subject,
    status_label,
    time_left,
)
from .ops import Ops
from .plain import plain_label, plain_message_box
from .related_view import RelatedView
from .thread_view import ThreadView
from .ticket_dialogs import CloseDialog, PropertiesDialog, StatusDialog, StealDialog, TransferDialog

CLOCK_INTERVAL_MS = 30_000  # the deadline countdown and the lease end move on between syncs


class TicketView(QWidget):
    def __init__(self, session: Session, ops: Ops, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.events = events
        self.ticket_id: UUID | None = None
        self.loaded: LoadedTicket | None = None
        self._said_on_open: tuple[UUID, str] | None = None  # a message for the ticket about to open
        self._generation = 0
        self.setObjectName("ticketView")

        # Subjects, names and refusals come from outside: every label shows its text as written.
        self.title = plain_label(name="ticketTitle", wrap=True, selectable=True)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.facts = plain_label(name="ticketFacts", wrap=True, selectable=True)
        self.clocks = plain_label(name="ticketClocks", wrap=True)
        self.banner = plain_label(name="claimBanner", wrap=True)
        self.message = plain_label(name="claimMessage", wrap=True)
        self.message.setVisible(False)
        self.message.setStyleSheet(
            "QLabel#claimMessage { font-weight: bold; padding: 4px; border: 1px solid palette(mid); }"
        )

        self.claim_action = actions.create(self, "claim", self.claim)
        self.release_action = actions.create(self, "release", self.release)
        self.steal_action = actions.create(self, "steal", self.ask_steal)
        self.assign_action = actions.create(self, "assign", self.ask_assign)  # supervisors: see _enable
        self.next_action = actions.create(self, "next_ticket", self.take_next)
        self.status_action = actions.create(self, "change_status", self.ask_status)
        self.transfer_action = actions.create(self, "transfer", self.ask_transfer)
        self.properties_action = actions.create(self, "edit_properties", self.ask_properties)
        # The disposition sheet (ui/print_sheet.py): on paper, or as a PDF to file.
        self.print_action = actions.create(self, "print", self.print_sheet)
        self.save_pdf_action = actions.create(self, "save_pdf", self.save_pdf)
        self.buttons: dict[str, QToolButton] = {}
        claim_row = QHBoxLayout()  # the banner has a line of its own: its words are longer in Indonesian
        work_row = QHBoxLayout()
        for name, action, row in (
            ("claim", self.claim_action, claim_row),
            ("release", self.release_action, claim_row),
            ("steal", self.steal_action, claim_row),
            ("assign", self.assign_action, claim_row),
            ("next_ticket", self.next_action, claim_row),
            ("change_status", self.status_action, work_row),
            ("transfer", self.transfer_action, work_row),
            ("edit_properties", self.properties_action, work_row),
            ("print", self.print_action, work_row),
        ):
            self.addAction(action)
            button = QToolButton()
            button.setObjectName(f"{name}Button")
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(actions.text(name).rstrip("…"))  # a screen reader says what it does
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable with Tab, in the order shown
            row.addWidget(button)
            self.buttons[name] = button
        claim_row.addStretch(1)
        work_row.addStretch(1)
        # Save as PDF is the print button's second choice, so the pane stays narrow enough for 1366×768.
        self.addAction(self.save_pdf_action)
        print_menu = QMenu(self.buttons["print"])
        print_menu.addAction(self.save_pdf_action)
        self.buttons["print"].setMenu(print_menu)
        self.buttons["print"].setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)

        self.thread_view = ThreadView()
        self.thread_view.attachment_requested.connect(self.handle_attachment)
        self.composer = Composer(session, ops)
        self.composer.send_reply.connect(self.send_reply)
        self.composer.add_note.connect(self.add_note)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("threadSplitter")  # the thread above the composer; remembered per officer
        # Beside the thread, what the ticket is related to: duplicates, similar tickets, other units.
        self.related = RelatedView(session, ops, events)
        self.related.said.connect(self.show_message)
        for action in self.related.actions():
            self.addAction(action)  # their shortcuts work while the conversation is shown
        self.pages = QTabWidget()
        self.pages.setObjectName("ticketPages")
        self.pages.setAccessibleName(self.tr("Conversation, related reports and history"))
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.thread_view, self.tr("Conversation"))
        self.pages.addTab(self.related, self.tr("Related"))
        self.related.title_changed.connect(lambda title: self.pages.setTabText(1, title))
        self.history = HistoryView(session, ops)  # read from the server when its tab is shown
        self.pages.addTab(self.history, self.tr("History"))
        split.addWidget(self.pages)
        split.addWidget(self.composer)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addWidget(self.clocks)
        layout.addWidget(self.banner)
        layout.addLayout(claim_row)
        layout.addWidget(self.message)
        layout.addLayout(work_row)
        layout.addWidget(split, 1)
        self._enable(None)

        self._loaded_at = time.monotonic()
        self.clock = QTimer(self)
        self.clock.setInterval(CLOCK_INTERVAL_MS)
        self.clock.timeout.connect(self._show_clock)
        self.clock.start()
        events.cache_changed.connect(self.reload)

    # -- loading -----------------------------------------------------------------------------------------

    @asyncSlot(str)
    async def open_ticket(self, ticket_id: str) -> None:
        """For ``events.open_ticket``: the ticket's id as text."""
        await self.show_ticket(UUID(ticket_id))

    async def show_ticket(self, ticket_id: UUID) -> None:
        # What was said about the ticket shown before goes with it; what was said about this one (taking it
        # offline) is shown once it opens.
        said, self._said_on_open = self._said_on_open, None
        if ticket_id != self.ticket_id or said is not None:
            self.show_message(said[1] if said is not None and said[0] == ticket_id else "")
        await self.composer.open_ticket(ticket_id)
        self.ticket_id = ticket_id
        await self._load()

    @asyncSlot()
    async def reload(self) -> None:
        """For ``events.cache_changed``: read the ticket again; the composer and the scroll position stay."""
        if self.ticket_id is not None:
            await self._load()

    async def _load(self) -> None:
        self._generation += 1
        generation, ticket_id = self._generation, self.ticket_id
        assert ticket_id is not None
        try:
            loaded = await self.ops.db(load_ticket, self.session.cache, ticket_id)
        except NotFound:
            if generation == self._generation:
                self.loaded = None
                self._enable(None)
                self.related.show_for(None)
                self.show_message(
                    self.tr("This report is no longer on this computer: it was transferred to a unit you do not see.")
                )
            return
        if generation != self._generation or not isValid(self):
            return  # a newer load (or another ticket) overtook this one, or the view was closed meanwhile
        self.loaded = loaded
        self._show(loaded)

    def _show(self, loaded: LoadedTicket) -> None:
        cached = loaded.cached
        t = cached.detail.ticket
        self._loaded_at = time.monotonic()
        # Confidential reports (store/confidentiality.py): the server sent this officer the summary only.
        self.title.setText(f"{t.tracking_no} — {shown_subject(t.subject, t.content_withheld)}")
        self._show_clock()
        self.thread_view.show_thread(cached)
        self.composer.set_canned(loaded.canned)
        self.composer.set_logins(loaded.logins)
        self.related.show_for(cached)
        self.history.show_for(t.id)

    def _server_now(self, cached: CachedDetail) -> datetime:
        """The central clock's estimate at load, carried forward: countdowns move between syncs."""
        return cached.server_now + timedelta(seconds=time.monotonic() - self._loaded_at)

    def _show_clock(self) -> None:
        """What depends on the time: the facts with the deadline countdown, the banner, the buttons."""
        if self.loaded is None:
            return
        cached = self.loaded.cached
        now = self._server_now(cached)
        claim = cached.claim
        if claim.live and claim.expires_at is not None and claim.expires_at <= now:
            claim = replace(claim, live=False)  # the lease ran out since the last read
        t = cached.detail.ticket
        if t.reporter is None:
            reporter = self.tr("Reporter unknown")
        elif t.reporter.anonymous:
            reporter = self.tr("Anonymous reporter")
        else:
            reporter = t.reporter.name or self.tr("Reporter unknown")
        if t.reporter is not None and t.reporter.confidential:
            reporter += " " + self.tr("(confidential)")
        facts = [
            self.tr("Status: %1").replace("%1", status_label(t.status)),
            self.tr("Unit: %1").replace("%1", cached.unit_name or t.unit),
            kind_label(t.kind),
            self.tr("Priority: %1").replace("%1", priority_label(t.priority)),
            self.tr("via %1").replace("%1", channel_label(t.channel)),
            reporter,
        ]
        if t.due_at is not None and not t.status.is_closed:
            left = time_left((t.due_at - now).total_seconds())
            facts.append(self.tr("Deadline %1 (%2)").replace("%1", local_time(t.due_at)).replace("%2", left))
        self.facts.setText(" · ".join(facts))
        self.clocks.setText(" · ".join(self.clock_text(clock) for clock in cached.clocks))
        self.clocks.setVisible(bool(cached.clocks))
        self.banner.setText(self.banner_text(claim))
        self._enable(cached, claim)

    def clock_text(self, clock: ClockView) -> str:
        """One service-level clock in words: its name, then how it stands."""
        names = {
            ClockName.RESPONSE: self.tr("Verification"),
            ClockName.FOLLOW_UP: self.tr("Follow-up"),
            ClockName.REPORTER_WAIT: self.tr("Reporter's time"),
            ClockName.RESOLUTION: self.tr("Resolution"),
        }
        state = clock.state
        due = local_time(state.due_at) if state.due_at is not None else ""
        said = {
            Phase.RUNNING: self.tr("due %1").replace("%1", due),
            Phase.WARNING: self.tr("due soon, %1").replace("%1", due),
            Phase.BREACHED: self.tr("overdue"),
            Phase.PAUSED: self.tr("paused"),
            Phase.MET: self.tr("met"),
            Phase.MISSED: self.tr("missed"),
        }[state.phase]
        if clock.escalated and state.phase is Phase.BREACHED:
            said = self.tr("overdue, supervisor told")
        if clock.offline_minutes:
            said += " " + self.tr("(%1 waited offline)").replace("%1", time_left(clock.offline_minutes * 60))
        return f"{names[clock.name]}: {said}"

    def banner_text(self, claim: ClaimFacts) -> str:
        if claim.pending_release:
            return self.tr("You let go of this report; the server is told at the next sync.")
        if claim.pending_claim:
            return self.tr("You claimed this report; the server confirms it at the next sync.")
        if claim.mine and claim.expires_at is not None:
            until = local_until(claim.expires_at)
            if claim.live and claim.assigned_by:
                return (
                    self.tr("Assigned to you by %1; you hold it until %2")
                    .replace("%1", claim.assigned_by)
                    .replace("%2", until)
                )
            if claim.live:
                return self.tr("You hold this report until %1").replace("%1", until)
            return self.tr("Your claim ran out at %1; nobody has taken the report since — claim it again").replace(
                "%1", until
            )
        if claim.live and claim.expires_at is not None:
            until = local_until(claim.expires_at)
            holder = claim.holder_name or claim.holder_login or "?"
            return self.tr("Held by %1 until %2").replace("%1", holder).replace("%2", until)
        return self.tr("Free — claim it")

    def _enable(self, cached: CachedDetail | None, claim: ClaimFacts | None = None) -> None:
        known = cached is not None
        claim = claim or (cached.claim if cached is not None else None)
        mine = bool(claim and claim.mine)
        held_by_other = bool(claim and claim.live and not claim.mine and not claim.pending_claim)
        may_steal = bool(cached and cached.my_role and Role(cached.my_role).may_steal)
        # A confidential report whose content is withheld from this officer cannot be claimed (the server
        # refuses: a claim would hand them the content), nor answered.
        readable = known and not (cached is not None and cached.detail.ticket.content_withheld)
        # My own lease that ran out can be claimed again; a live or queued one needs nothing.
        self.claim_action.setEnabled(readable and not (claim and claim.mine and (claim.live or claim.pending_claim)))
        self.release_action.setEnabled(mine)
        self.steal_action.setEnabled(held_by_other and may_steal)
        self.buttons["steal"].setVisible(may_steal)
        # Supervisors and admins assign an open report to an officer of its unit (assign_dialog.py).
        open_report = cached is not None and not cached.detail.ticket.status.is_closed
        self.assign_action.setEnabled(bool(readable and may_steal and open_report))
        self.buttons["assign"].setVisible(may_steal)
        self.status_action.setEnabled(mine)
        self.transfer_action.setEnabled(mine)
        self.properties_action.setEnabled(mine)
        for printing in (self.print_action, self.save_pdf_action):  # the disposition sheet of what is shown
            printing.setEnabled(known)
        hint = "" if mine or not known else self.tr("Claim the report to send a reply; you can write a draft now.")
        self.composer.set_reply_allowed(mine, hint)
        self.composer.setEnabled(readable)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- acting through the desk -------------------------------------------------------------------------

    async def _act(self, action: Callable[..., Op | list[Op]], *args: Any) -> Op | list[Op] | None:
        """Queue a desk action; a refusal is told in words. Returns the op, or None when refused."""
        try:
            op = await self.ops.db(action, *args)
        except AduanError as exc:
            self.show_message(describe(exc))
            return None
        self.show_message("")
        self.events.work_queued()
        return op

    def _ref(self) -> str:
        assert self.ticket_id is not None
        return str(self.ticket_id)

    @asyncSlot()
    async def claim(self) -> None:
        if self.ticket_id is not None:
            await self._act(self.session.desk.claim, self._ref())

    @asyncSlot()
    async def release(self) -> None:
        if self.ticket_id is not None:
            await self._act(self.session.desk.release, self._ref())

    @asyncSlot()
    async def take_next(self) -> None:
        try:
            offline = await self.ops.db(self._offline)
            picked = await self.ops.db(take_next, self.session.cache, self.session.desk)
        except NeedsConnection:
            self.show_message(
                self.tr(
                    "Taking the next report needs a connection to the server, and no free report is known on "
                    "this computer. Open a report from the inbox, or try again when the connection is back."
                )
            )
            return
        except AduanError as exc:
            self.show_message(describe(exc))
            return
        said = ""  # whatever was said before is about another moment, even when the same report comes next
        if offline:
            said = self.tr(
                "No connection: this report was chosen from what is on this computer. Taking the next one needs "
                "a connection to the server, which confirms it at the next sync — a colleague may have taken it."
            )
        self._said_on_open = (picked, said)
        self.events.work_queued()
        self.events.open_ticket.emit(str(picked))

    def _offline(self) -> bool:
        with self.session.cache.read() as conn:
            return is_offline(conn)

    @asyncSlot(str)
    async def send_reply(self, text: str) -> None:
        canned = self.composer.canned_used  # the template the text was written from, if it still is
        if self.ticket_id is not None and await self._act(self.session.desk.reply, self._ref(), text, canned):
            await self.composer.sent("reply")

    @asyncSlot(str)
    async def add_note(self, text: str) -> None:
        if self.ticket_id is not None and await self._act(self.session.desk.note, self._ref(), text):
            await self.composer.sent("note")

    def ask_status(self) -> None:
        if self.loaded is None:
            return
        dialog = StatusDialog(self.loaded.cached.detail.ticket.status, self)
        dialog.accepted.connect(lambda: self.change_status(dialog.chosen(), dialog.chosen_comment()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @asyncSlot(object, str)
    async def change_status(self, target: Status | None, comment: str = "") -> None:
        """A closing status asks for the final answer or a reason first (``ask_close``)."""
        if target is None or self.ticket_id is None:
            return
        if target.is_closed:
            await self.ask_close(target, comment)
            return
        await self._act(self.session.desk.status, self._ref(), target, comment or None)

    async def ask_close(self, target: Status, comment: str) -> None:
        assert self.ticket_id is not None
        answered = await self.ops.db(has_final_answer, self.session.cache, self.ticket_id)
        dialog = CloseDialog(target, answered, comment, self)
        dialog.accepted.connect(lambda: self.close_ticket(target, *dialog.chosen()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @asyncSlot(object, object, object)
    async def close_ticket(self, target: Status, answer: str | None, reason: str | None) -> None:
        """The final answer, the closing status and the release, queued together (``Desk.close``)."""
        if self.ticket_id is not None:
            await self._act(self.session.desk.close, self._ref(), target, answer, reason)

    @asyncSlot()
    async def ask_properties(self) -> None:
        if self.loaded is None:
            return
        t = self.loaded.cached.detail.ticket
        categories = await self.ops.db(load_categories, self.session.cache)
        dialog = PropertiesDialog(t.priority, t.kind, t.category, categories, self)
        dialog.accepted.connect(lambda: self.set_properties(dialog.chosen()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @asyncSlot(object)
    async def set_properties(self, change: PropertyChange) -> None:
        if self.ticket_id is not None:
            await self._act(
                self.session.desk.set_properties, self._ref(), change.priority, change.kind, change.category
            )

    @asyncSlot()
    async def print_sheet(self) -> None:
        if self.ticket_id is not None:
            await print_sheet.print_ticket(self, self.session, self.ops, self.ticket_id)

    @asyncSlot()
    async def save_pdf(self) -> None:
        if self.ticket_id is not None:
            await print_sheet.save_ticket_pdf(self, self.session, self.ops, self.ticket_id)

    @asyncSlot()
    async def ask_transfer(self) -> None:
        if self.loaded is None:
            return
        units = await self.ops.db(load_unit_choices, self.session.cache)
        nodes = await self.ops.db(load_unit_nodes, self.session.cache)
        dialog = TransferDialog(units, self.loaded.cached.detail.ticket.unit, self, nodes=nodes)
        dialog.accepted.connect(lambda: self.transfer(*dialog.chosen()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @asyncSlot(str, str)
    async def transfer(self, unit_code: str, reason: str) -> None:
        if self.ticket_id is not None:
            await self._act(self.session.desk.transfer, self._ref(), unit_code, reason)

    def ask_steal(self) -> None:
        if self.loaded is None:
            return
        claim = self.loaded.cached.claim
        dialog = StealDialog(claim.holder_name or claim.holder_login or "?", self)
        dialog.accepted.connect(lambda: self.steal(dialog.chosen()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def ask_assign(self) -> None:
        if self.ticket_id is None:
            return
        dialog = AssignDialog(self.session, self.ops, [self.ticket_id], self)
        dialog.assigned.connect(self.events.work_queued)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @asyncSlot(str)
    async def steal(self, reason: str) -> None:
        if self.ticket_id is not None:
            await self._act(self.session.desk.steal, self._ref(), reason)

    # -- attachments -------------------------------------------------------------------------------------

    @asyncSlot(str, str, str)
    async def handle_attachment(self, action: str, sha256: str, filename: str) -> None:
        safe_name = Path(filename).name or "attachment"
        if action == "save":
            dialog = QFileDialog(self, self.tr("Save attachment"), safe_name)
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.fileSelected.connect(lambda path: self.save_attachment(sha256, path))
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()
            return
        content = await self._fetch(sha256)
        if content is None:
            return
        kind = openable_type(content)
        if kind is None:
            # Not one of the types whose programs show a document without running it: saved, never opened.
            self.thread_view.mark_save_only(sha256)
            text = self.tr(
                "“%1” is not opened from Aduan: its content is not a PDF, a picture, plain text or an office "
                "document without macros, so opening it could run a program. Save it and have it checked."
            )
            box = plain_message_box(self, QMessageBox.Icon.Warning, text.replace("%1", safe_name))
            box.setObjectName("attachmentNotOpenedBox")
            box.finished.connect(box.deleteLater)
            box.open()
            return
        # A private folder of its own (only this user may read it), and the extension of what the content
        # is, never the one the sender chose: the system picks the program by the extension.
        folder = Path(tempfile.mkdtemp(prefix="aduan-"))
        make_private(folder)
        path = folder / (Path(safe_name).stem[:100] + kind.extension)
        path.write_bytes(content)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    @asyncSlot(str, str)
    async def save_attachment(self, sha256: str, path: str) -> None:
        content = await self._fetch(sha256)
        if content is None:
            return
        try:
            Path(path).write_bytes(content)
        except OSError as exc:
            self.show_message(self.tr("Could not save the attachment: %1").replace("%1", str(exc)))

    async def _fetch(self, sha256: str) -> bytes | None:
        try:
            content = await self.ops.net(self.session.engine.attachment_content, sha256)
        except AduanError as exc:
            self.show_message(describe(exc))
            return None
        if content is None:
            self.show_message(self.tr("This attachment is not available to you."))
        return content
