"""Asks for the statistics' topics now and then on a supervisor's or admin's desktop and says when a topic
rises (``views/spikes.py``); the tray tells it (``tray.Notifier.announce_spikes``). Officers' desktops never ask."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from qasync import asyncSlot

from ..domain.errors import AduanError
from ..sync.session import Session
from ..views.roles import load_my_role
from ..views.spikes import CHECK_EVERY, FIRST_CHECK_AFTER, WATCHING, new_spikes, spike_key
from .ops import Ops
from .stats.requests import Wanted, ask_topics

log = logging.getLogger("aduan.ui")


class SpikeWatch(QObject):
    """``rising`` carries the newly rising topics (a list of ``TopicRow``), each once a week. ``as_of``: the day
    whose week is "this week" (None: the server's now); tests fix it."""

    rising = Signal(object)

    def __init__(
        self, session: Session, ops: Ops, as_of: Callable[[], date | None] = lambda: None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.as_of = as_of
        self.told: set[str] = set()
        self.checks = 0  # looks finished (tests wait on it)
        self.checking = False
        # Both timers are children: they stop with the watch (the main window closing), never calling a dead one.
        self.first = QTimer(self)
        self.first.setSingleShot(True)
        self.first.setInterval(int(FIRST_CHECK_AFTER.total_seconds() * 1000))
        self.first.timeout.connect(self.check)
        self.timer = QTimer(self)
        self.timer.setInterval(int(CHECK_EVERY.total_seconds() * 1000))
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.first.start()
        self.timer.start()

    def stop(self) -> None:
        self.first.stop()
        self.timer.stop()

    @asyncSlot()
    async def check(self) -> None:
        if self.checking:
            return
        self.checking = True
        try:
            await self._check()
        finally:
            self.checking = False
            self.checks += 1

    async def _check(self) -> None:
        try:
            if await self.ops.db(load_my_role, self.session.cache) not in WATCHING:
                return
            found = await self.ops.net(ask_topics, self.session, Wanted(), self.as_of())
        except AduanError as exc:  # offline, or refused: the next look tries again
            log.info("topics not asked: %s [%s]", type(exc).__name__, exc.code)
            return
        news = new_spikes(found, self.told)
        self.told.update(spike_key(found.week_start, row) for row in news)
        if news and shiboken6.isValid(self):
            self.rising.emit(news)
