"""A ticket's thread: the citizen's messages, our replies and internal notes, read-only and safe.

- Each entry says in words what it is ("Citizen", "Reply", "Internal note") and is laid out apart from
  the others (citizen's left, replies indented from the left, notes framed), so colour is never the
  only clue. Replies say "queued", "sent", "rejected" or "handed over".
- HTML from outside is cleaned with nh3 down to basic formatting (no images, styles or scripts) and
  nothing is ever loaded, from the network or from disk (``SafeBrowser``); everything else is escaped.
- Bidi and zero-width characters in bodies show as visible marks (``reveal_invisible``), so a reversed or
  hidden run cannot make the officer read something else than the citizen or a colleague wrote.
- A confidential report whose content the server withheld says so where its thread would be.
- Links do not open by themselves: clicking a web or mail link asks first, showing the full address,
  and only then hands it to the system (QDesktopServices). Any other scheme is only shown.
- Attachments are listed under the entry they came with, with their size. Open is offered unless intake
  found a type that runs programs (saved only, with a warning); whether a file is really opened is decided by
  its content when Open is asked (``domain/attachments.py``), and one that is not is marked save-only here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import nh3
from PySide6.QtCore import QEvent, QLocale, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.entities import Message, Note
from ..domain.text import reveal_invisible
from ..domain.vocabulary import Direction
from ..views.tickets import CachedAttachment, CachedDetail, CachedHandover, ReplyState
from .labels import channel_label, local_time
from .plain import SafeBrowser, fill_html, plain_message_box, plain_to_html

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


def _plain_body(text: str) -> str:
    """A message or note body as HTML that shows it as written, each bidi or zero-width character as a visible
    mark: a reversed or hidden run would otherwise make the officer read something else than was written."""
    return plain_to_html(reveal_invisible(text))


def _name(cached: CachedDetail, login: str | None) -> str:
    """An officer as colleagues know them: by name; the login only when the cache has no name for it."""
    if not login:
        return "?"
    return cached.names.get(login, login)


@dataclass(frozen=True, slots=True)
class _Entry:
    at: datetime
    order: str  # ties broken by id, so that the thread never shuffles between reloads
    html: str


class ThreadView(SafeBrowser):
    # "open" or "save", the attachment's sha256, its file name
    attachment_requested = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("threadView")
        self.setAccessibleName(self.tr("Conversation"))
        self.anchorClicked.connect(self._follow)
        self._attachments: list[CachedAttachment] = []
        self._cached: CachedDetail | None = None
        # Attachments whose content was found not to be openable (by sha256): offered for saving only.
        self._save_only: set[str] = set()

    # -- safety ------------------------------------------------------------------------------------------

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == ATTACHMENT_SCHEME:
            action, _, index = url.path().partition("/")
            if index.isdigit() and int(index) < len(self._attachments):
                found = self._attachments[int(index)]
                self.attachment_requested.emit(action, found.sha256, found.filename)
            return
        address = url.toString()
        if url.scheme() in LINK_SCHEMES:
            text = self.tr("Open this address outside Aduan?\n\n%1").replace("%1", address)
            buttons = QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel
        else:
            text = self.tr("This link is not opened from Aduan:\n\n%1").replace("%1", address)
            buttons = QMessageBox.StandardButton.Ok
        box = plain_message_box(self, QMessageBox.Icon.Question, text, buttons, self.tr("Link"))
        box.setObjectName("linkBox")
        if url.scheme() in LINK_SCHEMES:
            box.accepted.connect(lambda: QDesktopServices.openUrl(url))
        box.open()

    def changeEvent(self, event: QEvent) -> None:  # Qt's name
        """A new theme: draw the thread again, since its entries' backgrounds are the old palette's colours
        written into the HTML (the text takes the new colour by itself: white on white otherwise)."""
        super().changeEvent(event)
        cached = getattr(self, "_cached", None)  # None also while the base class is being built
        if event.type() == QEvent.Type.PaletteChange and cached is not None:
            self.show_thread(cached)

    # -- content -----------------------------------------------------------------------------------------

    def show_thread(self, cached: CachedDetail) -> None:
        """Replace the content, keeping the reading position (or the bottom, if the officer was there)."""
        bar = self.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 4
        position = bar.value()
        # What the officer just wrote here (a reply or note now queued) is what they want to see: follow it.
        previous = self._cached
        same_ticket = previous is not None and previous.detail.ticket.id == cached.detail.ticket.id
        just_written = same_ticket and previous is not None and bool(cached.queued - previous.queued)
        self.setHtml(self.render_thread(cached))
        follow = just_written or (at_bottom and position > 0)
        bar.setValue(bar.maximum() if follow else position)

    def mark_save_only(self, sha256: str) -> None:
        """The attachment's content is not a type Aduan opens: from now on it is offered for saving only."""
        if sha256 not in self._save_only:
            self._save_only.add(sha256)
            if self._cached is not None:
                self.show_thread(self._cached)

    def render_thread(self, cached: CachedDetail) -> str:
        self._cached = cached
        self._attachments = list(cached.attachments)
        detail = cached.detail
        entries = [self._message(m, cached, cached.reply_states.get(m.id)) for m in detail.messages]
        entries += [self._message(r.message, cached, r.state, r.code) for r in cached.outbox_replies]
        entries += [self._note(n, cached) for n in detail.notes]
        entries += [self._handover(h, cached) for h in cached.handovers]
        entries.sort(key=lambda e: (e.at, e.order))
        loose = [i for i, a in enumerate(self._attachments) if a.message_id is None and a.note_id is None]
        tail = ""
        if loose:
            heading = self.tr("Attachments of the report")
            tail = f"<p><b>{plain_to_html(heading)}</b></p>{self._attachment_list(loose)}"
        if detail.ticket.content_withheld:
            # Not "no messages yet": the messages exist, and the officer must know why they are not here.
            why = self.tr(
                "This report is confidential: its messages, notes and attachments are shown only to the members "
                "of the handling unit and the officers it was shared with. Ask the handling unit's supervisor "
                "if you need to read it."
            )
            return f"<p><i>{plain_to_html(why)}</i></p>" + "".join(e.html for e in entries) + tail
        if not entries and not tail:
            nothing = self.tr("No messages yet.")
            return f"<p><i>{plain_to_html(nothing)}</i></p>"
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
            heading = fill_html(self.tr("Citizen — %1, via %2"), when, channel_label(m.channel))
            raw = cached.html.get(m.id)
            body = reveal_invisible(clean_html(raw)) if raw else _plain_body(m.body_text)
            role, indent = "citizen", False
        else:
            heading = fill_html(self.tr("Reply by %1 — %2"), _name(cached, m.author), when)
            if state is not None:
                heading += fill_html(" — [%1]", self._state_words(state))
            if code:
                heading += fill_html(" (%1)", code)
            body = _plain_body(m.body_text)
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
        heading = fill_html(template, _name(cached, n.author), local_time(n.created_at))
        if n.id in cached.queued:
            heading += fill_html(" — [%1]", self.tr("queued"))
        elif n.added_offline:
            heading += fill_html(" — [%1]", self.tr("added offline"))
        body = f"<i>{_plain_body(n.body)}</i>"
        body += self._attachment_list([i for i, a in enumerate(self._attachments) if a.note_id == n.id])
        return _Entry(n.created_at, str(n.id), self._box("note", heading, body, indent=False, framed=True))

    def _handover(self, h: CachedHandover, cached: CachedDetail) -> _Entry:
        what = {
            "reply": self.tr("a reply"),
            "status": self.tr("a status change"),
            "transfer": self.tr("a transfer"),
        }.get(h.kind, h.kind)
        heading = fill_html(
            self.tr("Handed over — %1 from %2 to %3, %4"),
            what,
            _name(cached, h.from_login),
            _name(cached, h.to_login) if h.to_login else self.tr("the next holder"),
            local_time(h.created_at),
        )
        text = h.payload.get("text") or h.payload.get("status") or h.payload.get("unit") or ""
        body = _plain_body(str(text))
        return _Entry(h.created_at, str(h.id), self._box("system", heading, body, indent=False, framed=True))

    def _attachment_list(self, indexes: list[int]) -> str:
        if not indexes:
            return ""
        items = []
        for i in indexes:
            a = self._attachments[i]
            size = QLocale().formattedDataSize(a.size)
            label, save_text, open_text = self.tr("Attachment"), self.tr("Save…"), self.tr("Open")
            line = f"{plain_to_html(label)}: {plain_to_html(a.filename)} ({plain_to_html(size)})"
            save = f'<a href="{ATTACHMENT_SCHEME}:save/{i}">{plain_to_html(save_text)}</a>'
            if a.risky:
                warning = self.tr("risky file type: it could run a program; save it and have it checked")
                line += f" — <b>{plain_to_html(warning)}</b> — {save}"
            elif a.sha256 in self._save_only:
                warning = self.tr(
                    "save only: Aduan opens PDF, pictures, plain text and office documents without macros"
                )
                line += f" — <b>{plain_to_html(warning)}</b> — {save}"
            else:
                line += f' — <a href="{ATTACHMENT_SCHEME}:open/{i}">{plain_to_html(open_text)}</a> · {save}'
            items.append(f"<li>{line}</li>")
        return f"<ul>{''.join(items)}</ul>"
