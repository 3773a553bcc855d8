"""Desktop notifications through the system tray: after each sync round, what is new for the officer (a report
assigned to them, a mention, the reporter writing again on a report they hold, a deadline within the hour or
passed) is told in one message — grouped when there are several — and clicking it opens the report.

What to tell is decided in ``views/notifications.py`` from the cache; each kind can be turned off in Settings.
Where the platform has no tray (some Linux desktops, the headless tests) nothing is shown and nothing breaks.
"""

from __future__ import annotations

import logging
from collections import Counter
from importlib.resources import files
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon, QWidget
from qasync import asyncSlot

from ..domain.errors import AduanError
from ..settings import Settings
from ..sync.session import Session
from ..views.notifications import SETTING_OF, Mark, Notice, NoticeKind, mark_now, what_is_new
from .ops import Ops

if TYPE_CHECKING:
    from ..reports.topics import TopicRow

log = logging.getLogger("aduan.ui")
APP_ICON = files("desktop") / "resources" / "icons" / "aduan.svg"
MESSAGE_MILLISECONDS = 8_000


class Notifier(QObject):
    """Keeps the mark between rounds and shows what is new; ``opened`` carries the report to open (or None for the
    team discussions) when the officer clicks the message."""

    opened = Signal(object)  # UUID | None
    discussion_wanted = Signal(object)  # the thread (UUID) a mention outside any report was made in
    topics_wanted = Signal()  # the statistics' topics, after a message about a rising topic

    def __init__(self, session: Session, ops: Ops, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.settings = settings
        self.mark: Mark | None = None
        self.checking = False
        self.target: Notice | None = None  # what clicking the last message opens
        self.topics_told = False  # the last message was about rising topics
        self.shown: list[tuple[str, str]] = []  # (title, text) of every message shown, newest last
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(QIcon(str(APP_ICON)), self)
            self.tray.setToolTip("Aduan")
            self.tray.messageClicked.connect(self._clicked)
            self.tray.activated.connect(lambda _reason: self.opened.emit(None))
            self.tray.show()

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()

    @asyncSlot()
    async def check(self) -> None:
        """After a sync round (and at start, to take the first mark)."""
        if self.checking:
            return  # the next round looks again, from the mark the running look leaves
        self.checking = True
        try:
            await self._check()
        finally:
            self.checking = False

    async def _check(self) -> None:
        try:
            if self.mark is None:
                self.mark = await self.ops.db(self._first_mark)
                return
            notices, self.mark = await self.ops.db(self._news, self.mark)
        except AduanError as exc:
            log.warning("notifications not read: %s [%s]", type(exc).__name__, exc.code)
            return
        wanted = [n for n in notices if self.settings.get(SETTING_OF[n.kind]) == "on"]
        if wanted:
            self.announce(wanted)

    def _first_mark(self) -> Mark:
        with self.session.cache.read() as conn:
            return mark_now(conn)

    def _news(self, mark: Mark) -> tuple[list[Notice], Mark]:
        with self.session.cache.read() as conn:
            return what_is_new(conn, mark)

    # -- telling --------------------------------------------------------------------------------------------

    def announce(self, notices: list[Notice]) -> None:
        """One message for the lot: a line per kind, counted when a kind has several."""
        by_kind: dict[NoticeKind, list[Notice]] = {}
        for notice in notices:
            by_kind.setdefault(notice.kind, []).append(notice)
        lines = [self._line(kind, found) for kind, found in by_kind.items()]
        tickets = Counter(n.ticket_id for n in notices)
        self.target = notices[0] if len(tickets) == 1 else None
        self.topics_told = False
        title = self.tr("Aduan: %n new for you", "", len(notices)) if len(lines) > 1 else self._title(notices[0].kind)
        text = "\n".join(lines)
        self.shown.append((title, text))
        log.info("notified: %s", ", ".join(f"{kind.value}×{len(found)}" for kind, found in by_kind.items()))
        if self.tray is not None:
            self.tray.showMessage(title, text, self.tray.icon(), MESSAGE_MILLISECONDS)

    def _title(self, kind: NoticeKind) -> str:
        return {
            NoticeKind.ASSIGNED: self.tr("Assigned to you"),
            NoticeKind.MENTIONED: self.tr("You were mentioned"),
            NoticeKind.CITIZEN_REPLY: self.tr("The reporter wrote again"),
            NoticeKind.DUE_SOON: self.tr("Due within the hour"),
            NoticeKind.OVERDUE: self.tr("Overdue"),
        }[kind]

    def _line(self, kind: NoticeKind, found: list[Notice]) -> str:
        if len(found) > 1:
            template = {
                NoticeKind.ASSIGNED: self.tr("%n reports were assigned to you.", "", len(found)),
                NoticeKind.MENTIONED: self.tr("You were mentioned %n times.", "", len(found)),
                NoticeKind.CITIZEN_REPLY: self.tr("Reporters wrote again on %n of your reports.", "", len(found)),
                NoticeKind.DUE_SOON: self.tr("%n of your reports are due within the hour.", "", len(found)),
                NoticeKind.OVERDUE: self.tr("%n of your reports are now overdue.", "", len(found)),
            }
            return template[kind]
        notice = found[0]
        number = notice.tracking_no or self.tr("(not numbered yet)")
        if kind is NoticeKind.MENTIONED and notice.ticket_id is None:
            return self.tr("You were mentioned in a team discussion.")
        template_one = {
            NoticeKind.ASSIGNED: self.tr("Report %1 was assigned to you."),
            NoticeKind.MENTIONED: self.tr("You were mentioned about report %1."),
            NoticeKind.CITIZEN_REPLY: self.tr("The reporter wrote again on report %1."),
            NoticeKind.DUE_SOON: self.tr("Report %1 is due within the hour."),
            NoticeKind.OVERDUE: self.tr("Report %1 is now overdue."),
        }
        return template_one[kind].replace("%1", number)

    def announce_spikes(self, rows: list[TopicRow]) -> None:
        """Topics rising this week (``spike_watch.py``), one line each; clicking opens the statistics' topics."""
        if self.settings.get("notify_spikes") != "on":
            return
        from .stats.topics import spike_alert  # the statistics' modules load when first needed, not at start-up

        title = self.tr("A topic is rising") if len(rows) == 1 else self.tr("%n topics are rising", "", len(rows))
        text = "\n".join(spike_alert(row) for row in rows)
        self.target, self.topics_told = None, True
        self.shown.append((title, text))
        log.info("notified: rising topics×%d", len(rows))
        if self.tray is not None:
            self.tray.showMessage(title, text, self.tray.icon(), MESSAGE_MILLISECONDS)

    def _clicked(self) -> None:
        if self.topics_told:
            self.topics_wanted.emit()
            return
        target = self.target
        if target is not None and target.ticket_id is None and target.discussion_id is not None:
            self.discussion_wanted.emit(target.discussion_id)
            return
        self.opened.emit(target.ticket_id if target is not None else None)
