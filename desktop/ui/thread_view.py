"""A ticket's thread: the citizen's messages, our replies and internal notes, read-only and safe.

- Each entry says in words what it is ("Citizen", "Reply", "Internal note") and is laid out apart from
  the others (citizen's left, replies indented from the left, notes framed), so colour is never the
  only clue. Replies say "queued", "sent", "rejected" or "handed over".
- HTML from outside is cleaned with nh3 down to basic formatting (no images, styles or scripts) and
  nothing is ever loaded from the network: ``loadResource`` answers nothing for every URL.
- Links do not open by themselves: clicking a web or mail link asks first, showing the full address,
  and only then hands it to the system (QDesktopServices). Any other scheme is only shown.
- Attachments are listed under the entry they came with, with their size; a risky type (one that can
  run code) is marked as such and offered for saving only, never for opening from here.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import nh3
from PySide6.QtCore import QLocale, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

from ..domain.entities import Message, Note
from ..domain.vocabulary import Direction
from ..views.tickets import CachedAttachment, CachedDetail, CachedHandover, ReplyState
from .labels import channel_label, local_time

ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "s", "sub", "sup", "ul", "ol", "li", "blockquote", "pre", "code",
    "a", "h1", "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "td", "th", "div", "span",
}  # fmt: skip
LINK_SCHEMES = {"http", "https", "mailto"}
ATTACHMENT_SCHEME = "aduan-attachment"


def clean_html(fragment: str) -> str:
    """Basic formatting only: no images, no style, no script, no event handlers, links to the web or mail."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes=LINK_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def plain_to_html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _fill(template: str, *values: str) -> str:
    """A translated template with %1, %2… filled in, all of it escaped for the thread's HTML."""
    filled = html.escape(template)
    for number, value in enumerate(values, start=1):
        filled = filled.replace(f"%{number}", html.escape(value))
    return filled


@dataclass(frozen=True, slots=True)
class _Entry:
    at: datetime
    order: str  # ties broken by id, so that the thread never shuffles between reloads
    html: str


class ThreadView(QTextBrowser):
    # "open" or "save", the attachment's sha256, its file name
    attachment_requested = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("threadView")
        self.setAccessibleName(self.tr("Conversation"))
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._follow)
        self._attachments: list[CachedAttachment] = []

    # -- safety ------------------------------------------------------------------------------------------

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # Qt's name
        """Nothing is fetched for a thread: no remote images or style sheets, nor local files."""
        return None

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == ATTACHMENT_SCHEME:
            action, _, index = url.path().partition("/")
            if index.isdigit() and int(index) < len(self._attachments):
                found = self._attachments[int(index)]
                self.attachment_requested.emit(action, found.sha256, found.filename)
            return
        address = url.toString()
        box = QMessageBox(self)
        box.setObjectName("linkBox")
        box.setWindowTitle(self.tr("Link"))
        box.setIcon(QMessageBox.Icon.Question)
        if url.scheme() in LINK_SCHEMES:
            box.setText(self.tr("Open this address outside Aduan?\n\n%1").replace("%1", address))
            box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
            box.accepted.connect(lambda: QDesktopServices.openUrl(url))
        else:
            box.setText(self.tr("This link is not opened from Aduan:\n\n%1").replace("%1", address))
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.open()

    # -- content -----------------------------------------------------------------------------------------

    def show_thread(self, cached: CachedDetail) -> None:
        """Replace the content, keeping the reading position (or the bottom, if the officer was there)."""
        bar = self.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 4
        position = bar.value()
        self.setHtml(self.render_thread(cached))
        bar.setValue(bar.maximum() if at_bottom and position > 0 else position)

    def render_thread(self, cached: CachedDetail) -> str:
        self._attachments = list(cached.attachments)
        detail = cached.detail
        entries = [self._message(m, cached, cached.reply_states.get(m.id)) for m in detail.messages]
        entries += [self._message(r.message, cached, r.state, r.code) for r in cached.outbox_replies]
        entries += [self._note(n, cached) for n in detail.notes]
        entries += [self._handover(h) for h in cached.handovers]
        entries.sort(key=lambda e: (e.at, e.order))
        loose = [i for i, a in enumerate(self._attachments) if a.message_id is None and a.note_id is None]
        tail = ""
        if loose:
            heading = self.tr("Attachments of the ticket")
            tail = f"<p><b>{html.escape(heading)}</b></p>{self._attachment_list(loose)}"
        if not entries and not tail:
            nothing = self.tr("No messages yet.")
            return f"<p><i>{html.escape(nothing)}</i></p>"
        return "".join(e.html for e in entries) + tail

    def _colours(self) -> dict[str, str]:
        palette = self.palette()
        return {
            "citizen": palette.color(QPalette.ColorRole.AlternateBase).name(),
            "reply": palette.color(QPalette.ColorRole.Base).name(),
            "note": palette.color(QPalette.ColorRole.ToolTipBase).name(),
            "system": palette.color(QPalette.ColorRole.Window).name(),
        }

    def _box(self, role: str, heading: str, body: str, indent: bool, framed: bool) -> str:
        """One entry: a heading line in words and the body, in a cell of its own; replies are indented."""
        spacer = '<td width="12%"></td>' if indent else ""
        border = ' border="1"' if framed else ""
        return (
            f'<table width="100%" cellspacing="0" cellpadding="0"><tr>{spacer}<td>'
            f'<table width="100%" cellspacing="0" cellpadding="6"{border} bgcolor="{self._colours()[role]}">'
            f"<tr><td><b>{heading}</b></td></tr><tr><td>{body}</td></tr></table>"
            "</td></tr></table><p></p>"
        )

    def _message(self, m: Message, cached: CachedDetail, state: ReplyState | None, code: str | None = None) -> _Entry:
        when = local_time(m.created_at)
        if m.direction is Direction.INBOUND:
            heading = _fill(self.tr("Citizen — %1, via %2"), when, channel_label(m.channel))
            raw = cached.html.get(m.id)
            body = clean_html(raw) if raw else plain_to_html(m.body_text)
            role, indent = "citizen", False
        else:
            heading = _fill(self.tr("Reply by %1 — %2"), m.author or "?", when)
            if state is not None:
                heading += _fill(" — [%1]", self._state_words(state))
            if code:
                heading += _fill(" (%1)", code)
            body = plain_to_html(m.body_text)
            role, indent = "reply", True
        body += self._attachment_list([i for i, a in enumerate(self._attachments) if a.message_id == m.id])
        return _Entry(m.created_at, str(m.id), self._box(role, heading, body, indent, framed=False))

    def _state_words(self, state: ReplyState) -> str:
        return {
            ReplyState.QUEUED: self.tr("queued"),
            ReplyState.ACCEPTED: self.tr("accepted by the server"),
            ReplyState.WAITING: self.tr("waiting to be sent"),
            ReplyState.SENT: self.tr("sent"),
            ReplyState.FAILED: self.tr("could not be sent"),
            ReplyState.IN_DOUBT: self.tr("may not have reached the citizen"),
            ReplyState.RECORDED: self.tr("recorded, not sent by Aduan"),
            ReplyState.REJECTED: self.tr("rejected"),
            ReplyState.HANDED_OVER: self.tr("handed over"),
        }[state]

    def _note(self, n: Note, cached: CachedDetail) -> _Entry:
        template = self.tr("Internal note by %1 — %2 (not sent to the citizen)")
        heading = _fill(template, n.author or "?", local_time(n.created_at))
        if n.id in cached.queued:
            heading += _fill(" — [%1]", self.tr("queued"))
        elif n.added_offline:
            heading += _fill(" — [%1]", self.tr("added offline"))
        body = f"<i>{plain_to_html(n.body)}</i>"
        body += self._attachment_list([i for i, a in enumerate(self._attachments) if a.note_id == n.id])
        return _Entry(n.created_at, str(n.id), self._box("note", heading, body, indent=False, framed=True))

    def _handover(self, h: CachedHandover) -> _Entry:
        what = {
            "reply": self.tr("a reply"),
            "status": self.tr("a status change"),
            "transfer": self.tr("a transfer"),
        }.get(h.kind, h.kind)
        heading = _fill(
            self.tr("Handed over — %1 from %2 to %3, %4"),
            what,
            h.from_login or "?",
            h.to_login or self.tr("the next holder"),
            local_time(h.created_at),
        )
        text = h.payload.get("text") or h.payload.get("status") or h.payload.get("unit") or ""
        body = plain_to_html(str(text))
        return _Entry(h.created_at, str(h.id), self._box("system", heading, body, indent=False, framed=True))

    def _attachment_list(self, indexes: list[int]) -> str:
        if not indexes:
            return ""
        items = []
        for i in indexes:
            a = self._attachments[i]
            size = QLocale().formattedDataSize(a.size)
            label, save_text, open_text = self.tr("Attachment"), self.tr("Save…"), self.tr("Open")
            line = f"{html.escape(label)}: {html.escape(a.filename)} ({html.escape(size)})"
            save = f'<a href="{ATTACHMENT_SCHEME}:save/{i}">{html.escape(save_text)}</a>'
            if a.risky:
                warning = self.tr("risky file type: it could run a program; save it and have it checked")
                line += f" — <b>{html.escape(warning)}</b> — {save}"
            else:
                line += f' — <a href="{ATTACHMENT_SCHEME}:open/{i}">{html.escape(open_text)}</a> · {save}'
            items.append(f"<li>{line}</li>")
        return f"<ul>{''.join(items)}</ul>"
