"""Screenshots of the real window on a real X server (Xvfb), in one language per run.

Run by ``tests/ui/test_screenshots.py`` as a child process with ``DISPLAY`` and ``ADUAN_LANG`` set:
builds a demo central database, makes the situations worth showing (a ticket I hold with its thread,
a team discussion, a refused claim, a reply handed over), opens the window and saves one PNG per scene.
The printed disposition sheet is saved as the officer's "Save as PDF" writes it and its first page drawn
with ``pdftoppm`` (poppler-utils), as a reader of the file would see it.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

# qasync is imported before any desktop.ui module here, so bind it to PySide6 as desktop/ui/__init__.py does.
os.environ["QT_API"] = "pyside6"

import qasync
from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import and_, func, select, update
from uuid6 import uuid7

from desktop.cache import schema as s
from desktop.channels.accounts import add_account
from desktop.channels.intake_errors import record
from desktop.demo import generator as demo
from desktop.domain.inbound import InboundMessage
from desktop.domain.scans import MAX_SCAN_BYTES
from desktop.domain.social import IncomingComment
from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Role
from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings
from desktop.store import claims, discussions, referrals, social_comments
from desktop.store.clock import server_now
from desktop.store.schema import channel_account, membership, message, officer, social_comment, ticket, unit
from desktop.store.service import Store
from desktop.sync.session import Session, open_session
from desktop.ui import print_sheet, tour
from desktop.ui.admin.window import AdminWindow
from desktop.ui.app import start_app
from desktop.ui.assign_dialog import AssignDialog
from desktop.ui.bulk_actions import BulkSummaryDialog
from desktop.ui.channels_dialog import ChannelsDialog
from desktop.ui.crash import CrashDialog
from desktop.ui.inbox_view import VIEWS
from desktop.ui.main_window import ATTENTION_TAB, DISCUSSION_TAB, REFERRALS_TAB, MainWindow
from desktop.ui.ops import Ops
from desktop.ui.password_dialogs import ChangePasswordDialog, ResetPasswordDialog
from desktop.ui.public_reply_dialog import PublicReplyDialog
from desktop.ui.sign_in import SignInDialog
from desktop.ui.stats.window import StatsWindow
from desktop.ui.ticket_dialogs import CloseDialog, PropertiesDialog
from desktop.ui.workload_view import WorkloadView
from desktop.views.attention import AttentionKind
from desktop.views.inbox import View
from tests.security.confidential import record_confidential
from tests.store.helpers import build_org, expire_claim
from tests.ui.hostile_world import build_world

T = TypeVar("T")
OPEN = ("diterima", "diverifikasi", "ditindaklanjuti")
SCENES = (
    "sign-in",
    "inbox",
    "ticket",
    "related",
    "history",
    "properties",
    "close",
    "print-sheet",
    "bulk-summary",
    "discussion",
    "attention",
    "referrals",
    "new-report",
    "channels",
    "channels-comments",
    "public-reply",
    "password",
    "reset-password",
    "confidential",
    "hostile",
    "hostile-attention",
    "inbox-1366",
    "inbox-1920",
    "canned-picker",
    "tour",
    "workload",
    "assign",
    "admin",
    "stats",
    "stats-behaviour",
    "stats-topics",
    "crash",
)


async def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        await asyncio.sleep(0.05)


class WatchedOps(Ops):
    """The window's background work, counted, so that a picture waits for the loads it shows and no longer."""

    def __init__(self) -> None:
        super().__init__()
        self.running = 0
        self.last_done = time.monotonic()

    async def _run(self, executor: ThreadPoolExecutor, call: Callable[[], T]) -> T:
        self.running += 1
        try:
            return await super()._run(executor, call)
        finally:
            self.running -= 1
            self.last_done = time.monotonic()

    def quiet_for(self, seconds: float) -> bool:
        return self.running == 0 and time.monotonic() - self.last_done >= seconds


async def settle(ops: WatchedOps, floor: float = 0.3) -> None:
    """Let pending loads (pages of rows, a thread, a history) and repaints finish before the picture is taken:
    at least ``floor`` seconds, and until none of the window's operations has run for a moment."""
    await asyncio.sleep(floor)
    await wait_until(lambda: ops.quiet_for(0.2))


def opened_dialog(parent: QWidget, name: str) -> QDialog | None:
    """The dialog called ``name`` that an action of ``parent`` opened, once it is shown."""
    found = parent.findChild(QDialog, name)
    return found if found is not None and found.isVisible() else None


def save(widget: QWidget, folder: Path, prefix: str, scene: str) -> None:
    screen = QApplication.primaryScreen()
    picture = screen.grabWindow(widget.winId())
    if not picture.save(str(folder / f"{prefix}-{scene}.png")):
        raise OSError(f"could not write the {scene} screenshot")


def build_central(folder: Path) -> tuple[str, str, str, str]:
    """A demo database; returns its URL, my login (a supervisor), a colleague in my unit and my unit."""
    url = f"sqlite:///{folder}/central.db"
    owner = Store(url)
    owner.upgrade()
    owner.admin(demo.fill, 400, 1)
    with owner.engine.connect() as conn:
        # The supervisor whose unit has the most open, unclaimed tickets: a busy desk is worth showing.
        me_id, me_login, unit_id, unit_code = conn.execute(
            select(officer.c.id, officer.c.login, unit.c.id, unit.c.code)
            .join(membership, membership.c.officer_id == officer.c.id)
            .join(unit, unit.c.id == membership.c.unit_id)
            .join(ticket, ticket.c.unit_id == unit.c.id)
            .where(officer.c.role == "supervisor", ticket.c.claimed_by.is_(None), ticket.c.status.in_(OPEN))
            .group_by(officer.c.id, officer.c.login, unit.c.id, unit.c.code)
            .order_by(func.count().desc())
        ).first()  # type: ignore[misc]
        colleague = conn.execute(
            select(officer.c.login)
            .join(membership, membership.c.officer_id == officer.c.id)
            .where(membership.c.unit_id == unit_id, officer.c.id != me_id, officer.c.role == "officer")
        ).scalar()
    owner.dispose()
    return url, me_login, str(colleague), unit_code


def open_tickets_with_threads(url: str, unit_code: str, how_many: int) -> list[UUID]:
    store = Store(url)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(ticket.c.id)
            .join(unit, unit.c.id == ticket.c.unit_id)
            .join(message, message.c.ticket_id == ticket.c.id)
            .where(and_(unit.c.code == unit_code, ticket.c.claimed_by.is_(None), ticket.c.status == "diverifikasi"))
            .group_by(ticket.c.id)
            .having(func.count(message.c.id) >= 2)
            .limit(how_many)
        ).scalars()
        found = [UUID(str(r)) for r in rows]
    store.dispose()
    if len(found) < how_many:
        raise RuntimeError("the demo data has too few open tickets with a thread")
    return found


def make_situations(url: str, me: Session, colleague: str, unit_code: str) -> tuple[UUID, UUID, UUID]:
    """The ticket and the discussion thread to show, and the ticket a colleague holds; on the way, a refused
    claim and a handed-over reply for the attention panel."""
    shown, refused, handed = open_tickets_with_threads(url, unit_code, 3)
    other = Store(url, officer=colleague)
    me.engine.sync()
    other.write(claims.claim, refused)
    me.desk.claim(str(refused))  # my cache still shows it free: the server refuses
    me.desk.claim(str(handed))
    me.desk.claim(str(shown))
    me.engine.sync()
    me.desk.reply(str(handed), "Terima kasih, laporan Bapak/Ibu sedang kami tindak lanjuti bersama dinas terkait.")
    expire_claim(other.engine, handed)  # my lease ran out while I worked offline…
    other.write(claims.claim, handed)  # …and a colleague took the ticket
    me.desk.note(str(shown), f"@{colleague} mohon cek lokasi bersama petugas lapangan besok pagi.")
    me.engine.sync()
    title = "Koordinasi laporan jalan rusak minggu ini"
    me.desk.start_discussion(
        unit_code,
        title,
        f"Ada beberapa laporan serupa dari kecamatan yang sama. @{colleague} bisa bantu rekap?",
        str(shown),
    )
    me.engine.sync()
    with me.cache.read() as conn:
        # The demo has threads of its own: this scene's is found by its title.
        thread = conn.execute(select(s.discussion.c.id).where(s.discussion.c.title == title)).scalar_one()
    other.write(discussions.post, UUID(int=1), UUID(str(thread)), "Siap, rekap saya kirim sore ini.")
    other.dispose()
    me.engine.sync()
    return shown, UUID(str(thread)), refused


def make_related(url: str, me: Session, colleague: str, unit_code: str, shown: UUID) -> None:
    """For the Related page: a duplicate linked to the shown ticket, and a question to another unit that
    was answered; for the Referrals tab: two questions from that unit to mine, one answered."""
    [duplicate] = open_tickets_with_threads(url, unit_code, 1)
    owner = Store(url)
    with owner.engine.connect() as conn:
        # Another unit's officer, of the unit with the most open tickets, so that there is something to ask about.
        other_login, other_code, other_unit = conn.execute(
            select(officer.c.login, unit.c.code, unit.c.id)
            .join(membership, membership.c.officer_id == officer.c.id)
            .join(unit, unit.c.id == membership.c.unit_id)
            .join(ticket, ticket.c.unit_id == unit.c.id)
            .where(unit.c.code != unit_code, officer.c.role == "officer", ticket.c.status.in_(OPEN))
            .group_by(officer.c.login, unit.c.code, unit.c.id)
            .order_by(func.count().desc(), officer.c.login)
        ).first()  # type: ignore[misc]
        open_there = select(ticket.c.id).where(ticket.c.unit_id == other_unit, ticket.c.status.in_(OPEN))
        theirs = [UUID(str(t)) for t in conn.execute(open_there.limit(2)).scalars()]
    owner.dispose()
    me.desk.claim(str(duplicate))
    me.engine.sync()
    me.desk.link(str(duplicate), str(shown))
    me.desk.refer(str(shown), other_code, "Apakah lokasi ini termasuk wilayah kerja unit Bapak/Ibu?")
    me.engine.sync()
    other = Store(url, officer=other_login)
    with me.cache.read() as conn:
        # The demo has referrals of its own: this scene's is the one on the shown ticket.
        asked = UUID(str(conn.execute(select(s.referral.c.id).where(s.referral.c.ticket_id == shown)).scalar_one()))
    other.write(referrals.answer_referral, asked, "Ya, termasuk wilayah kami; petugas kami sudah dijadwalkan.")
    questions = (
        "Mohon konfirmasi apakah izin usaha pelapor sudah terbit di sistem unit Bapak/Ibu.",
        "Apakah keluhan serupa pernah diterima unit Bapak/Ibu bulan lalu?",
    )
    made = [other.write(referrals.refer, uuid7(), t, unit_code, q) for t, q in zip(theirs, questions, strict=True)]
    answering = Store(url, officer=colleague)
    answering.write(referrals.answer_referral, made[-1].id, "Belum ada laporan serupa di unit kami.")
    answering.dispose()
    other.dispose()
    me.engine.sync()


def make_channels(url: str, unit_code: str) -> str:
    """Channel accounts in several units, one failing and one never polled, and two messages intake could
    not store; returns an admin's login."""
    owner = Store(url)
    with owner.engine.connect() as conn:
        admin = conn.execute(
            select(officer.c.login).where(officer.c.role == "admin").order_by(officer.c.login)
        ).scalar()
        others = conn.execute(select(unit.c.code).where(unit.c.code != unit_code).order_by(unit.c.code)).scalars()
        other_a, other_b = list(others)[:2]
    mailbox = owner.admin(add_account, Channel.EMAIL, "pengaduan@pemda.example.go.id", unit_code, "{}", "env")
    bot = owner.admin(add_account, Channel.TELEGRAM, "@LaporPemdaBot", unit_code, "{}", "env")
    whatsapp = owner.admin(add_account, Channel.WHATSAPP, "WhatsApp 0811-2345-678", other_a, "{}", "env")
    owner.admin(add_account, Channel.LAPOR, "SP4N-LAPOR! instansi", other_b, "{}", "env")

    def polled(conn: Any) -> None:
        now = server_now(conn)
        conn.execute(update(channel_account).where(channel_account.c.channel != "lapor").values(last_poll_at=now))
        conn.execute(
            update(channel_account)
            .where(channel_account.c.channel == "whatsapp")
            .values(last_error="401 Unauthorized: the access token has expired (code 190)")
        )
        for external_id, sender, subject, error in (
            ("<9f2@mail.example.id>", "Rahmat Hidayat", "Pengaduan pelayanan KTP", "the database refused it: too long"),
            ("<a71@mail.example.id>", "noreply@bank.example", "Undangan webinar", "subject is empty"),
        ):
            inbound = InboundMessage(Channel.EMAIL, external_id, "warga@example.id", sender, subject, "Isi pesan.")
            record(conn, mailbox, inbound, error)
        channel_traffic(conn, str(admin), ((mailbox, unit_code), (bot, unit_code), (whatsapp, other_a)))

    owner.admin(polled)
    page = {"page_id": "104857600012345", "app_secret_ref": "env", "verify_token_ref": "env"}
    facebook = owner.admin(add_account, Channel.FACEBOOK, "Facebook Pemkab", unit_code, json.dumps(page), "env")
    written = (
        ("Rina Kartika", "Kapan jembatan di Desa Sukamaju selesai diperbaiki? Sudah tiga bulan ditutup."),
        ("Agus Salim", "Bansos belum cair, NIK saya 3201012345670001, mohon dicek min"),
        ("Dewi Lestari", "Jam pelayanan KTP hari Sabtu buka tidak ya?"),
    )
    for number, (author, text) in enumerate(written, start=1):
        when = datetime(2026, 5, 4, 8, 10 * number)
        comment = IncomingComment(
            Channel.FACEBOOK, f"900_{number}", "104857600012345_900", f"555{number}", author, text, when
        )
        owner.admin(social_comments.record, facebook, comment)

    def answered(conn: Any) -> None:
        conn.execute(
            update(social_comment)
            .where(social_comment.c.external_id == "900_3")
            .values(reply_text="Buka pukul 08.00-12.00 WIB.", reply_state="sent", replied_at=server_now(conn))
        )

    owner.admin(answered)
    owner.dispose()
    return str(admin)


def channel_traffic(conn: Any, answering: str, accounts: tuple[tuple[int, str], ...]) -> None:
    """Citizens' messages of the last hours on each account, most answered after a while, some waiting: the
    Channels view's figures (in, out, awaiting, response times) worth a picture."""
    from datetime import timedelta

    from desktop.store import intake, outbox
    from desktop.store.identity import load_actor
    from desktop.store.work import begin

    now = server_now(conn)
    officer_acts = load_actor(conn, answering)
    # Per account: (minutes ago the citizen wrote, minutes until the answer or None while it waits).
    plan = (
        ((300, 25), (240, 95), (200, 40), (150, 18), (90, None), (30, None)),
        ((180, 12), (100, 7), (20, None)),
        ((60, None), (45, None)),
    )
    for (account, unit_code), messages in zip(accounts, plan, strict=True):
        channel = Channel(
            conn.execute(select(channel_account.c.channel).where(channel_account.c.id == account)).scalar()
        )
        for number, (ago, answered_after) in enumerate(messages):
            citizen = begin(conn, None)
            citizen.prime(now - timedelta(minutes=ago), None)
            inbound = InboundMessage(
                channel,
                f"scene-{account}-{number}",
                f"62812000{account}{number}",
                "Warga",
                "Jalan rusak",
                "Mohon dicek.",
            )
            received = intake.receive(citizen, inbound, unit_code, account_id=account)
            if answered_after is not None:
                officer_work = begin(conn, officer_acts)
                officer_work.prime(now - timedelta(minutes=ago - answered_after), None)
                outbox.queue(officer_work, received.ticket_id, channel, "Terima kasih, segera kami tindak lanjuti.")


def scan_files(work: Path) -> list[str]:
    """Scans of a letter as an officer would pick them, with one too large to take."""
    pdf = b"%PDF-1.4\n" + bytes(range(256)) * 900 + b"\n%%EOF\n"
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 2400
    paths = []
    for name, content in (
        ("surat-keberatan-hal-1.pdf", pdf),
        ("surat-keberatan-hal-2.pdf", pdf + b" "),
        ("foto-lokasi.jpg", jpeg),
    ):
        (work / name).write_bytes(content)
        paths.append(str(work / name))
    with (work / "pindaian-warna.tif").open("wb") as big:
        big.write(b"II*\x00")
        big.truncate(MAX_SCAN_BYTES + 7 * 1024 * 1024)
    return [*paths, str(work / "pindaian-warna.tif")]


async def run(folder: Path, prefix: str, work: Path) -> None:
    """``prefix`` names the pictures: "id", "en", or "en-dark" for the dark scheme."""
    url, me_login, colleague, unit_code = build_central(work)
    session = open_session(url, me_login, cache_path=work / "me.cache.db")
    shown, thread, held = make_situations(url, session, colleague, unit_code)
    make_related(url, session, colleague, unit_code, shown)
    settings = Settings(policy_path=work / "no-policy.json", user_path=work / "settings.json")
    ops = WatchedOps()

    dialog = SignInDialog(settings, MemoryCredentials(), ops)
    dialog.server.setText("https://aduan.pemda.example.go.id:8443")
    dialog.login.setText(me_login)
    dialog.show()
    await settle(ops)
    save(dialog, folder, prefix, "sign-in")
    dialog.close()

    window = MainWindow(session, ops, settings, MemoryCredentials())
    window.resize(1440, 900)
    window.show()
    await wait_until(lambda: window.inbox.model.rowCount() > 0)
    window.events.open_ticket.emit(str(shown))
    await wait_until(lambda: window.ticket.ticket_id == shown and bool(window.ticket.banner.text()))
    await settle(ops)
    save(window, folder, prefix, "inbox")
    for width, height in ((1366, 768), (1920, 1080)):  # a laptop's screen and a desk monitor's
        window.resize(width, height)
        await settle(ops)
        save(window, folder, prefix, f"inbox-{width}")
    window.resize(1440, 900)
    splitter = window.findChild(QWidget, "inboxSplitter")
    splitter.setSizes([560, 880])  # type: ignore[attr-defined]
    window.ticket.composer.insert_text("Yth. Bapak/Ibu, petugas kami akan meninjau lokasi besok pagi.")
    await settle(ops)
    save(window, folder, prefix, "ticket")
    window.ticket.composer.show_canned_picker()
    picker = window.ticket.composer.canned_picker
    assert picker is not None
    picker.search.setText("terima kasih")
    await settle(ops)
    save(picker, folder, prefix, "canned-picker")
    picker.reject()
    await settle(ops)
    shown_tour = tour.open_tour(window, None)  # None: the scenes leave nothing remembered behind
    await settle(ops)
    save(window, folder, prefix, "tour")
    shown_tour.close()
    workload = WorkloadView(session, ops, window.events, window)
    workload.show()
    workload.reload()
    await wait_until(lambda: workload.officers.topLevelItemCount() > 0)
    workload.officers.setCurrentItem(workload.officers.topLevelItem(0))
    await settle(ops)
    save(workload, folder, prefix, "workload")
    workload.close()
    assigning = AssignDialog(session, ops, [shown], window)
    assigning.open()
    await wait_until(lambda: assigning.officers.count() > 0)
    await settle(ops)
    save(assigning, folder, prefix, "assign")
    assigning.reject()
    crash = CrashDialog(work / "logs" / "aduan.log", window)
    crash.add("TypeError in a slot of TicketView")
    crash.show()
    await settle(ops)
    save(crash, folder, prefix, "crash")
    crash.close()
    window.ticket.pages.setCurrentWidget(window.ticket.related)
    await wait_until(lambda: window.ticket.related.family.topLevelItemCount() == 2)
    await settle(ops)
    save(window, folder, prefix, "related")
    await report_scenes(window, ops, folder, prefix, work, shown)
    window.tabs.setCurrentIndex(DISCUSSION_TAB)
    window.discussion.select_thread(thread)
    await settle(ops)
    save(window, folder, prefix, "discussion")
    window.tabs.setCurrentIndex(ATTENTION_TAB)
    await wait_until(lambda: window.attention.list.count() >= 2)
    await settle(ops)
    save(window, folder, prefix, "attention")
    window.tabs.setCurrentIndex(REFERRALS_TAB)
    await wait_until(lambda: window.referrals.list.topLevelItemCount() >= 2)  # the two above, and the demo's
    await settle(ops)
    save(window, folder, prefix, "referrals")
    window.tabs.setCurrentIndex(0)
    await bulk_summary(window, ops, folder, prefix, held)
    window.open_new_report()
    report = window.new_report_dialog
    assert report is not None
    await wait_until(lambda: report.choices is not None)
    report.channel.setCurrentIndex(report.channel.findData("letter"))
    report.category.setEditText("Infrastruktur")
    report.subject.setText("Keberatan atas lokasi pos ronda yang menutup saluran air")
    report.text.setPlainText(
        "Surat dari warga RW 04 diterima di loket pada pagi hari. Warga keberatan atas pembangunan pos ronda "
        "di atas saluran air karena menyebabkan genangan saat hujan. Pindaian surat dan foto lokasi terlampir."
    )
    report.reporter_name.setText("Harun Prasetyo")
    report.reporter_contact.setText("Jl. Melati No. 4, RT 02/RW 04")
    report.add_files(scan_files(work))
    await wait_until(lambda: report.scan_list.count() == 3)
    await settle(ops)
    save(report, folder, prefix, "new-report")
    report.reject()
    admin = make_channels(url, unit_code)
    admin_session = open_session(url, admin, cache_path=work / "admin.cache.db")
    await ops.net(admin_session.engine.sync)  # the cache tells the window the officer's role
    channels = ChannelsDialog(admin_session, ops)
    channels.open()
    await wait_until(lambda: channels.overview is not None)
    await settle(ops)
    save(channels, folder, prefix, "channels")
    channels.tabs.setCurrentWidget(channels.comments_box)
    channels.comments.selectRow(1)  # the comment that shows a NIK
    await settle(ops)
    save(channels, folder, prefix, "channels-comments")
    channels.public_reply_button.click()
    reply = channels.findChild(PublicReplyDialog)
    assert reply is not None
    reply.text.setPlainText("Mohon jangan menulis NIK di kolom komentar. Kami hubungi Anda lewat pesan pribadi.")
    reply.accept()  # refused until the box is ticked: the picture shows why
    await settle(ops)
    save(reply, folder, prefix, "public-reply")
    reply.reject()
    channels.close()
    administration = AdminWindow(admin_session, ops, Role.ADMIN)
    administration.open()
    administration.tabs.setCurrentWidget(administration.officers)
    await wait_until(lambda: administration.officers.table.rowCount() > 0)
    await settle(ops)
    save(administration, folder, prefix, "admin")
    administration.close()
    await stats_scene(admin_session, ops, folder, prefix)
    change = ChangePasswordDialog(session, ops)
    change.show()
    change.current.setText("sandi-lama-saya")
    change.new.setText("rahasia")
    change.repeat.setText("rahasia")
    change.change()  # too short: said in the dialog at once
    await settle(ops)
    save(change, folder, prefix, "password")
    change.close()
    reset = ResetPasswordDialog(admin_session, ops)
    reset.open()
    await wait_until(lambda: reset.officers is not None)
    reset.officer.setCurrentIndex(reset.officer.findData(colleague))
    reset.reset()
    await wait_until(lambda: reset.generated is not None)
    await settle(ops)
    save(reset, folder, prefix, "reset-password")
    reset.close()
    admin_session.close()
    window.sync.stop()
    window.close()
    await other_desks(folder, prefix, work, ops, settings)
    ops.shutdown()
    session.close()


async def stats_scene(session: Session, ops: WatchedOps, folder: Path, prefix: str) -> None:
    """The statistics of the last three months of the demo's reports, per week and channel, as an admin."""
    statistics = StatsWindow(session, ops)
    statistics.resize(1280, 820)
    statistics.show()
    statistics.start()
    await wait_until(lambda: statistics.answered > 0 or statistics.failed)
    asked = statistics.answered
    filters = statistics.filters
    filters.preset.setCurrentIndex(filters.preset.findData("last_3_months"))
    filters.by.setCurrentIndex(filters.by.findData("week"))
    await wait_until(lambda: statistics.answered > asked or statistics.failed)
    if statistics.failed:
        raise RuntimeError(f"the statistics were refused: {statistics.status.text()}")
    statistics.tables.setCurrentIndex(0)  # the backlog (the demo's reports carry no deadline clocks to judge)
    await settle(ops)
    save(statistics, folder, prefix, "stats")
    for tab, scene in ((statistics.behaviour, "stats-behaviour"), (statistics.topics, "stats-topics")):
        statistics.tables.setCurrentWidget(tab)  # asks when shown
        await wait_until(lambda tab=tab: tab.answered > 0 or tab.failed)  # type: ignore[misc]
        if tab.failed:
            raise RuntimeError(f"{scene} was refused")
        await settle(ops)
        save(statistics, folder, prefix, scene)
    statistics.close()


async def report_scenes(
    window: MainWindow, ops: WatchedOps, folder: Path, prefix: str, work: Path, shown: UUID
) -> None:
    """The History tab of the shown report, its priority/category/kind and closing dialogs, and its
    disposition sheet as printed to PDF."""
    ticket = window.ticket
    ticket.pages.setCurrentWidget(ticket.history)
    await wait_until(lambda: ticket.history.list.topLevelItemCount() >= 3)
    await settle(ops)
    save(window, folder, prefix, "history")
    ticket.pages.setCurrentIndex(0)
    ticket.ask_properties()
    await wait_until(lambda: opened_dialog(ticket, "propertiesDialog") is not None)
    properties = opened_dialog(ticket, "propertiesDialog")
    assert isinstance(properties, PropertiesDialog)
    properties.priority.setCurrentIndex(properties.priority.count() - 1)  # raised by the officer
    await settle(ops, 0.1)
    save(properties, folder, prefix, "properties")
    properties.reject()
    # The closing dialog as the inbox offers it for reports not answered since their last message: the
    # final answer or the reason, and the button that confirms.
    window.inbox.bulk.change_status(Status.DIARSIPKAN, "")
    await wait_until(lambda: opened_dialog(window.inbox, "closeDialog") is not None)
    closing = opened_dialog(window.inbox, "closeDialog")
    assert isinstance(closing, CloseDialog)
    closing.answer.setPlainText(
        "Yth. Bapak/Ibu, usulan kenaikan pangkat Bapak/Ibu sudah diterima kantor pusat dan sedang diproses. "
        "Terima kasih atas kesabarannya."
    )
    closing.reason.setText("Sudah dijawab lewat telepon")
    await settle(ops, 0.1)
    save(closing, folder, prefix, "close")
    closing.reject()
    pdf = work / f"{prefix}-sheet.pdf"
    written = await print_sheet.save_ticket_pdf(ticket, ticket.session, ops, shown, pdf)
    if written != pdf:
        raise OSError("the disposition sheet was not written")
    save_pages(pdf, folder / f"{prefix}-print-sheet.png", work / f"{prefix}-sheet-page")


def save_pages(pdf: Path, target: Path, stem: Path) -> None:
    """The first and the last page of ``pdf`` side by side (the report, and the disposition box at the end),
    drawn by pdftoppm at 60 dpi: small enough for the README, large enough to read the form."""
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(stem)], check=True, timeout=60)
    drawn = sorted(stem.parent.glob(f"{stem.name}-*.png"))
    pages = [QImage(str(page)) for page in (drawn[:1] + drawn[1:][-1:])]
    if not pages or any(page.isNull() for page in pages):
        raise OSError(f"pdftoppm drew no page of {pdf}")
    gap = 12
    sheet = QImage(
        sum(page.width() for page in pages) + gap * (len(pages) + 1),
        max(page.height() for page in pages) + 2 * gap,
        QImage.Format.Format_RGB32,
    )
    sheet.fill(QColor("#8a8f94"))  # the desk under the paper
    painter = QPainter(sheet)
    x = gap
    for page in pages:
        painter.drawImage(x, gap, page)
        x += page.width() + gap
    painter.end()
    if not sheet.save(str(target)):
        raise OSError("could not write the print-sheet screenshot")


async def bulk_summary(window: MainWindow, ops: WatchedOps, folder: Path, prefix: str, held: UUID) -> None:
    """Take several reports of My unit at once, one of them held by a colleague: the summary names it."""
    inbox = window.inbox
    inbox.views.setCurrentIndex([view for view, _title in VIEWS].index(View.MY_UNIT))
    await wait_until(lambda: inbox.model.query.view is View.MY_UNIT and inbox.model.rowCount() >= 5)
    row = await inbox.model.locate(held)
    if row is None:
        raise RuntimeError("the report a colleague holds is not in My unit")
    rows = sorted({row, *range(4)})
    chosen = QItemSelection()
    last = inbox.model.columnCount() - 1
    for each in rows:
        chosen.select(inbox.model.index(each, 0), inbox.model.index(each, last))
    flags = QItemSelectionModel.SelectionFlag
    inbox.table.selectionModel().select(chosen, flags.ClearAndSelect | flags.Rows)
    inbox.bulk.claim_action.trigger()
    await wait_until(lambda: inbox.bulk.summary is not None and inbox.bulk.summary.isVisible())
    summary = inbox.bulk.summary
    assert isinstance(summary, BulkSummaryDialog)
    await settle(ops, 0.1)
    save(summary, folder, prefix, "bulk-summary")
    summary.close()
    inbox.views.setCurrentIndex([view for view, _title in VIEWS].index(View.UNCLAIMED))


async def open_desk(
    url: str, login: str, cache: Path, ops: WatchedOps, settings: Settings, ticket_id: UUID
) -> MainWindow:
    """Another officer's window on another central database, opened on ``ticket_id``."""
    session = open_session(url, login, cache_path=cache)
    session.engine.sync()
    window = MainWindow(session, ops, settings, MemoryCredentials())
    window.resize(1440, 900)
    window.show()
    window.events.open_ticket.emit(str(ticket_id))
    await wait_until(lambda: window.ticket.ticket_id == ticket_id and bool(window.ticket.banner.text()))
    return window


def close_desk(window: MainWindow) -> None:
    window.sync.stop()
    window.close()
    window.session.close()


async def other_desks(folder: Path, prefix: str, work: Path, ops: WatchedOps, settings: Settings) -> None:
    """A confidential report as the supervisor of the unit above sees it (summary only), and a report whose
    every field holds markup and hidden characters (shown as written)."""
    (work / "confidential").mkdir()
    url = f"sqlite:///{work}/confidential/central.db"
    owner = Store(url)
    owner.upgrade()
    org = build_org(url)
    report = record_confidential(org.rudi)
    org.close()
    owner.dispose()
    window = await open_desk(url, "sari", work / "confidential" / "sari.cache.db", ops, settings, report.id)
    window.inbox.views.setCurrentIndex([view for view, _title in VIEWS].index(View.SUPERVISED))  # kanreg-1's
    await wait_until(lambda: window.inbox.model.query.view is View.SUPERVISED and window.inbox.model.rowCount() >= 1)
    await settle(ops)
    save(window, folder, prefix, "confidential")
    close_desk(window)

    (work / "hostile").mkdir()
    world = build_world(work / "hostile")
    window = await open_desk(world.url, "ani", work / "hostile" / "ani.cache.db", ops, settings, world.shown)
    await settle(ops)
    save(window, folder, prefix, "hostile")
    window.tabs.setCurrentIndex(ATTENTION_TAB)
    await wait_until(lambda: window.attention.list.count() >= 3)
    # budi's reply handed over to me: its detail opens with his name, markup and all.
    kinds = [item.kind for item in window.attention.items]
    window.attention.list.setCurrentRow(kinds.index(AttentionKind.FOR_ME))
    await settle(ops)
    save(window, folder, prefix, "hostile-attention")
    close_desk(window)


if __name__ == "__main__":
    target, prefix, workdir = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    target.mkdir(parents=True, exist_ok=True)
    chosen = Settings(policy_path=workdir / "no-policy.json", user_path=workdir / "settings.json")
    chosen.set("theme", "dark" if prefix.endswith("-dark") else "light")
    start_app(chosen)
    qasync.run(run(target, prefix, workdir))
