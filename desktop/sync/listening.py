"""Listening for changes on the central side while a client is open, so that a new report or a colleague's
work shows within seconds instead of at the next timed round.

A daemon thread long-polls ``Central.next_change`` and calls ``on_change`` (from its own thread: the caller
hands it to its event loop) whenever the newest change moved. It never syncs by itself. Out of reach, it
waits a little and tries again; a link that cannot wait (the direct one) is not listened to at all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from ..domain.errors import AduanError
from .central import Central

WAIT_SECONDS = 25.0
RETRY_SECONDS = 5.0


class ChangeListener:
    def __init__(self, central: Central, on_change: Callable[[], None], wait: float = WAIT_SECONDS) -> None:
        self.central = central
        self.on_change = on_change
        self.wait = wait
        self.known: str | None = None  # the newest change it has heard of
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> bool:
        """Start listening; False when this link cannot wait for changes."""
        if not self.central.waits_for_changes:
            return False
        # A daemon: a poll in flight must not hold the application open when it quits.
        self._thread = threading.Thread(target=self._listen, name="aduan-change-listener", daemon=True)
        self._thread.start()
        return True

    def stop(self) -> None:
        self._stop.set()

    def _listen(self) -> None:
        while not self._stop.is_set():
            try:
                latest = self.central.next_change(self.known, self.wait)
            except AduanError:
                self._stop.wait(RETRY_SECONDS)  # out of reach or refused: the timed rounds say so
                continue
            if latest is None:
                self._stop.wait(RETRY_SECONDS)
                continue
            changed = self.known is not None and latest != self.known
            self.known = latest
            if changed and not self._stop.is_set():
                self.on_change()
