"""Keeps the cache in step with the central database while the window is open.

A round (push, pull, heartbeat) runs on the network pool every ``interval`` seconds, at once after the
officer queued something, at once when the Aduan server says something changed, and on demand. While the
server is unreachable the waits grow (with jitter) up to a minute; the officer keeps working from the
cache meanwhile. Only one round runs at a time.

When the Aduan server says the session has ended (an admin disabled the officer or reset their password,
or it expired), ``session_ended`` is emitted once, so that the window asks the officer to sign in again;
the rounds go on meanwhile (with the same backoff), and the cache and its outbox stay as they are.
"""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QObject, QTimer, Signal
from qasync import asyncSlot

from ..domain.errors import AduanError, NotSignedIn, SchemaMismatch, Unreachable
from ..sync.connectivity import Backoff
from ..sync.engine import SyncReport
from ..sync.listening import ChangeListener
from ..sync.session import Session
from .events import Events
from .ops import Ops

log = logging.getLogger("aduan.sync")


def _log_round(outcome: SyncReport | AduanError, failed_before: int) -> None:
    """What the admin reads when an officer says "it stopped syncing": each failed round with its error (kind and
    code; the message quotes no report content), and the first round that worked again."""
    if isinstance(outcome, SyncReport):
        if failed_before:
            log.info("sync works again after %d failed round(s)", failed_before)
        else:
            log.debug("sync round done, %d pending", outcome.pending)
        return
    level = logging.WARNING if isinstance(outcome, Unreachable) else logging.ERROR
    log.log(level, "sync round failed: %s [%s] %s", type(outcome).__name__, outcome.code, outcome.message)


def _changed_anything(report: SyncReport) -> bool:
    pushed = report.push.applied + report.push.rejected + report.push.handed_over
    return bool(pushed or report.renewed or report.pull.removed or any(report.pull.rows.values()))


class SyncLoop(QObject):
    # Emitted after every round: the report, or the error that stopped it.
    finished = Signal(object)
    # The server no longer knows this session (its message): once, until a round succeeds again.
    session_ended = Signal(str)

    def __init__(self, session: Session, ops: Ops, events: Events, interval: float) -> None:
        super().__init__()
        self.session = session
        self.ops = ops
        self.events = events
        self.interval = interval
        self.backoff = Backoff()
        self.running = False
        self.again = False  # someone asked for a round while one was running
        self.stopped = False
        self.signed_out = False  # the server said the session ended; not said again until it works
        self.listener: ChangeListener | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.run_round)
        events.queued.connect(self.run_round)

    def start(self) -> None:
        self.timer.start(0)
        # Through the Aduan server, a change made elsewhere starts a round within seconds; the timer stays
        # as the fallback (and is all a direct link has).
        loop = asyncio.get_event_loop()

        def on_change() -> None:  # called on the listener's thread
            loop.call_soon_threadsafe(self._changed_elsewhere)

        self.listener = ChangeListener(self.session.engine.central, on_change)
        self.listener.start()

    def stop(self) -> None:
        self.stopped = True
        self.timer.stop()
        if self.listener is not None:
            self.listener.stop()

    def _changed_elsewhere(self) -> None:
        if not self.stopped and not self.running:
            self.timer.start(0)
        elif self.running:
            self.again = True

    @asyncSlot()
    async def run_round(self) -> None:
        if self.stopped:
            return
        if self.running:
            self.again = True
            return
        self.running = True
        self.timer.stop()
        try:
            outcome: SyncReport | AduanError = await self.ops.net(self.session.engine.sync)
        except (Unreachable, SchemaMismatch) as exc:
            outcome = exc
        except AduanError as exc:  # refused by the server (e.g. the login was disabled): keep trying
            outcome = exc
        except Exception:
            # A bug, not the network: the next round is still planned (syncing must not stop for good), and the
            # exception goes on to the crash path (log and dialog).
            self.running = False
            wait = self.backoff.next_wait()
            log.exception("sync round failed unexpectedly; next try in %.0f s", wait)
            if not self.stopped:
                self.timer.start(int(wait * 1000))
            raise
        finally:
            self.running = False
        if self.stopped:
            return
        _log_round(outcome, self.backoff.failures)
        if isinstance(outcome, SyncReport):
            self.backoff.reset()
            self.signed_out = False
            wait = self.interval
            self.events.connectivity.emit(True, "")
            if _changed_anything(outcome):
                self.events.cache_changed.emit()
        else:
            wait = self.backoff.next_wait()
            self.events.connectivity.emit(isinstance(outcome, SchemaMismatch), outcome.message)
        self.finished.emit(outcome)
        if isinstance(outcome, NotSignedIn) and not self.signed_out:
            self.signed_out = True
            self.session_ended.emit(outcome.message)
        if self.again:
            self.again = False
            wait = 0
        self.timer.start(int(wait * 1000))
