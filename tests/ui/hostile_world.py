"""A central database whose every officer- or citizen-written field holds markup, UNC paths and other
hostile text, and the checks that tell whether a widget showed such text as written or interpreted it.

Each hostile value carries marker words next to its markup ("HOSTILE-BOLD" inside ``<b>…</b>``): where the
marker is visible but the markup around it is not, the widget rendered the data as rich text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from PySide6.QtCore import QModelIndex, QObject, QUrl
from PySide6.QtGui import Qt, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QTabBar,
    QTextEdit,
    QWidget,
)
from sqlalchemy import select, update
from uuid6 import uuid7

from desktop.cache import schema as s
from desktop.channels.accounts import add_account
from desktop.channels.intake_errors import record
from desktop.domain.inbound import InboundMessage
from desktop.domain.vocabulary import Channel, Role
from desktop.store import claims, discussions, referrals
from desktop.store import schema as central
from desktop.store.canned import add_canned_response
from desktop.store.clock import server_now
from desktop.store.service import Store
from desktop.store.work import begin
from desktop.sync.session import Session, open_session
from tests.store.canned_helpers import as_owner
from tests.store.helpers import Org, add_officer_without_login, build_org, expire_claim, new_ticket

IMAGE = '<img src="file://attacker/x.png">'
UNC_IMAGE = '<img src="\\\\attacker\\s\\y.png">'
BOLD = "<b>HOSTILE-BOLD</b>"
LINK = '<a href="http://attacker/">HOSTILE-LINK</a>'
ENTITY = "&lt;HOSTILE-ENTITY"
UNC = "\\\\attacker\\s\\x"
RTL = "\u202e"
# Marker → the text that must surround it wherever the marker is visible.
EXPECTED_AROUND = {
    "HOSTILE-IMG": "HOSTILE-IMG" + IMAGE,
    "HOSTILE-UNC": "HOSTILE-UNC" + UNC_IMAGE,
    "HOSTILE-BOLD": BOLD,
    "HOSTILE-LINK": LINK,
    "HOSTILE-ENTITY": ENTITY,
}
ATTACKER_HOSTS = ("attacker",)


def hostile(label: str) -> str:
    """One line of hostile text (fits a subject), starting with a readable ``label``."""
    return f"{label} HOSTILE-IMG{IMAGE} HOSTILE-UNC{UNC_IMAGE} {BOLD} {LINK} {ENTITY} {UNC} {RTL}gpj"


def hostile_short(label: str) -> str:
    """Hostile text for fields of 100 characters."""
    return f"{label} HOSTILE-IMG{IMAGE} {BOLD} {ENTITY}"


def hostile_long(label: str) -> str:
    """A long text: the hostile line, then many paragraphs of it."""
    return hostile(label) + "\n" + "\n".join(f"{hostile(label)} — baris {n} " + "panjang " * 40 for n in range(30))


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PROGRAM_AS_PDF = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"  # a Windows program named like a PDF


@dataclass
class World:
    url: str
    shown: UUID  # the ticket with the hostile thread, a duplicate, a referral and attachments
    thread: UUID  # the team discussion thread
    program_attachment: str  # sha256 of a program named like a PDF
    pdf_attachment: str


def attach(store: Store, ticket_id: UUID, filename: str, content: bytes) -> str:
    """A file attached to a ticket centrally (content stored once by its hash); its hash."""
    digest = hashlib.sha256(content).hexdigest()
    with store.engine.connect() as conn, conn.execution_options(write=True).begin():
        work = begin(conn, None)
        conn.execute(central.blob.insert().values(sha256=digest, size=len(content), content=content))
        conn.execute(
            central.attachment.insert().values(
                id=uuid7(),
                ticket_id=ticket_id,
                filename=filename,
                content_type="application/pdf",
                size=len(content),
                sha256=digest,
                risky=False,
                change_seq=work.seq,
                created_at=work.now,
            )
        )
    return digest


def build_world(folder: Path) -> World:
    """ani (officer of humas) works on hostile reports; budi (humas), rudi (kanreg-1) and adi (admin) too."""
    url = f"sqlite:///{folder}/central.db"
    owner = Store(url)
    owner.upgrade()
    org = build_org(url)
    owner.admin(add_officer_without_login, "adi", "Adi", ["humas"], Role.ADMIN)

    def rename(conn: Any) -> None:
        for code in ("humas", "kanreg", "kanreg-1"):
            conn.execute(update(central.unit).where(central.unit.c.code == code).values(name=hostile(code)))
        for login in ("ani", "budi", "sari", "rudi", "adi"):
            conn.execute(
                update(central.officer).where(central.officer.c.login == login).values(name=hostile(login.title()))
            )

    owner.admin(rename)
    as_owner(owner, add_canned_response, "jawab", hostile("Judul jawaban"), hostile("Isi") + " {nama_pelapor}")
    made = [
        new_ticket(
            org.ani,
            subject=hostile("Subjek"),
            body=hostile_long("Pesan warga"),
            reporter_name=hostile("Pelapor"),
            reporter_contact=hostile("Kontak"),
            category=hostile_short("Kategori"),
        )
        for _ in range(6)
    ]
    shown, duplicate, refused, handed, handed_to_me, _unclaimed = made  # the inbox opens on the unclaimed
    theirs = new_ticket(org.rudi, unit="kanreg-1", subject=hostile("Subjek kanreg"), reporter_name=hostile("Warga"))
    pdf = attach(owner, shown.id, hostile("lampiran") + ".pdf", PDF)
    program = attach(owner, shown.id, "laporan.pdf", PROGRAM_AS_PDF)

    mailbox = owner.admin(add_account, Channel.EMAIL, hostile("Kotak surat"), "humas", "{}", None)
    owner.admin(add_account, Channel.TELEGRAM, hostile("Bot"), "humas", "{}", None)

    def broken(conn: Any) -> None:
        conn.execute(update(central.channel_account).values(last_poll_at=server_now(conn), last_error=hostile("Galat")))
        inbound = InboundMessage(
            Channel.EMAIL, "<h@example.id>", "warga@example.id", hostile("Pengirim"), hostile("Subjek"), hostile("Isi")
        )
        record(conn, mailbox, inbound, hostile("tidak tersimpan"))

    owner.admin(broken)

    me = open_session(url, "ani", cache_path=folder / "ani.cache.db")
    try:
        me.engine.sync()
        org.budi.write(claims.claim, refused.id)
        me.desk.claim(str(refused.id))  # my cache still shows it free: refused
        for ticket in (shown, duplicate, handed):
            me.desk.claim(str(ticket.id))
        me.engine.sync()
        me.desk.reply(str(handed.id), hostile_long("Balasan"))
        expire_claim(org.budi.engine, handed.id)
        org.budi.write(claims.claim, handed.id)  # my reply is handed over to budi
        me.desk.note(str(shown.id), "@budi " + hostile_long("Catatan"))
        me.desk.reply(str(shown.id), hostile("Balasan saya"))
        me.desk.link(str(duplicate.id), str(shown.id))
        me.desk.refer(str(shown.id), "kanreg-1", hostile_long("Pertanyaan"))
        me.desk.start_discussion("humas", hostile("Judul diskusi"), hostile_long("Pos pertama"), str(shown.id))
        me.engine.sync()
        with me.cache.read() as conn:
            thread = UUID(str(conn.execute(select(s.discussion.c.id)).scalar_one()))
            asked = UUID(str(conn.execute(select(s.referral.c.id)).scalar_one()))
        org.budi.write(discussions.post, uuid7(), thread, "@ani " + hostile_long("Pos budi"))
        org.rudi.write(referrals.answer_referral, asked, hostile_long("Jawaban kanreg"))
        org.rudi.write(referrals.refer, uuid7(), theirs.id, "humas", hostile_long("Pertanyaan kanreg"))
        me.engine.sync()
        _hand_over_to(me, folder, handed_to_me.id, org)
    finally:
        me.close()
    org.close()
    owner.dispose()
    return World(url, shown.id, thread, program, pdf)


def _hand_over_to(me: Session, folder: Path, ticket_id: UUID, org: Org) -> None:
    """budi's offline reply on a ticket I took over meanwhile: handed over to me, so my attention list opens
    with a line that starts with his name, markup and all (a label guesses rich text from the first line)."""
    budi = open_session(org.url, "budi", cache_path=folder / "budi-offline.cache.db")
    try:
        budi.engine.sync()
        budi.desk.claim(str(ticket_id))
        budi.engine.sync()
        budi.desk.reply(str(ticket_id), hostile_long("Balasan budi"))
        expire_claim(org.ani.engine, ticket_id)
        org.ani.write(claims.claim, ticket_id)
        budi.engine.sync()  # refused as a lost claim: handed over to me, the holder now
    finally:
        budi.close()
    me.engine.sync()


def session_of(world: World, login: str, folder: Path) -> Session:
    session = open_session(world.url, login, cache_path=folder / f"{login}.cache.db")
    session.engine.sync()
    return session


# -- checking what the widgets show ----------------------------------------------------------------------


class _RecordingDocument(QTextDocument):
    """Renders like a label or tooltip would, and records (never loads) what the markup asks for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # Qt's name
        self.asked.append(name.toString() if isinstance(name, QUrl) else name)
        return None


def shown_as(text: str, rich: bool) -> tuple[str, list[str]]:
    """What the user reads for ``text`` and the resources its markup would load."""
    if not rich:
        return text, []
    document = _RecordingDocument()
    document.setHtml(text)
    document.toPlainText()
    return document.toPlainText(), document.asked


def problems_in(where: str, raw: str, rich: bool) -> list[str]:
    """Markup of the data that was interpreted instead of shown, and resources it would have loaded."""
    shown, asked = shown_as(raw, rich)
    found = [f"{where}: loads {url}" for url in asked if any(host in url for host in ATTACKER_HOSTS)]
    for marker, around in EXPECTED_AROUND.items():
        if marker in shown and around not in shown:
            found.append(f"{where}: {marker} shown without its markup: {shown[:200]!r}")
    return found


def _label_is_rich(label: QLabel) -> bool:
    fmt = label.textFormat()
    return fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and Qt.mightBeRichText(label.text()))


def _tooltip_problems(where: str, tip: str) -> list[str]:
    return problems_in(f"{where} tooltip", tip, Qt.mightBeRichText(tip)) if tip else []


def _indexes(view: QAbstractItemView) -> Iterator[QModelIndex]:
    model = view.model()
    if model is None:
        return
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        try:
            columns = model.columnCount(parent)
        except TypeError:  # a list's model hides it: one column
            columns = 1
        for row in range(min(model.rowCount(parent), 200)):
            for column in range(columns):
                index = model.index(row, column, parent)
                yield index
                if column == 0 and model.rowCount(index) > 0:
                    pending.append(index)


def _name(widget: QObject) -> str:
    return f"{type(widget).__name__}#{widget.objectName() or '?'}"


def widget_problems(widget: QWidget) -> list[str]:
    where = _name(widget)
    found = _tooltip_problems(where, widget.toolTip())
    found += problems_in(f"{where} whatsThis", widget.whatsThis(), Qt.mightBeRichText(widget.whatsThis()))
    for action in widget.actions():
        found += _tooltip_problems(f"{where} action", action.toolTip())
    if isinstance(widget, QLabel):
        found += problems_in(where, widget.text(), _label_is_rich(widget))
        if RTL in widget.text():  # it would turn the rest of the line around, past the value it came with
            found.append(f"{where}: a bidi override shown as such, not as a mark: {widget.text()[:200]!r}")
    elif isinstance(widget, QTextEdit):
        found += problems_in(where, widget.toPlainText(), rich=False)
    elif isinstance(widget, QTabBar):
        for tab in range(widget.count()):
            found += _tooltip_problems(f"{where} tab {tab}", widget.tabToolTip(tab))
    elif isinstance(widget, QComboBox):
        for item in range(widget.count()):
            tip = widget.itemData(item, Qt.ItemDataRole.ToolTipRole)
            found += _tooltip_problems(f"{where} item {item}", str(tip or ""))
    if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):  # a header shows its view's model
        for index in _indexes(widget):
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            found += _tooltip_problems(f"{where} cell {index.row()},{index.column()}", str(tip or ""))
    return found


def all_problems() -> list[str]:
    """Every live widget of the application, visible or not (a hidden label shows its text later)."""
    found: list[str] = []
    for widget in QApplication.allWidgets():
        found += widget_problems(widget)
    return sorted(set(found))


def literal_everywhere(text: str) -> bool:
    """The hostile markup is visible as typed in ``text``."""
    return IMAGE in text and BOLD in text and LINK in text and ENTITY in text
