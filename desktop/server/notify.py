"""Waking officers' clients when something changed: one watcher per server process, whatever their number.

A thread reads the database's newest change (``changes.latest_change``: one or a few index lookups) twice a
second, and at once after this process applied an operation; clients wait for a value other than the one
they know in a long poll that costs no thread while it waits. An idle officer therefore costs the server
nothing per round beyond the wait itself, not a scan of their scope; they pull only when something moved.
"""

from __future__ import annotations

import asyncio
import logging
import threading

from ..store.changes import latest_change
from ..store.service import Store

log = logging.getLogger("aduan.server")

POLL_SECONDS = 0.5


class ChangeWatcher:
    def __init__(self, store: Store, every: float = POLL_SECONDS) -> None:
        self.store = store
        self.every = every
        self.latest: str | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed = asyncio.Event()
        self._poke = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._changed = asyncio.Event()
        self._thread = threading.Thread(target=self._watch, name="aduan-change-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._poke.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def poke(self) -> None:
        """Something was just committed here: look now instead of at the next tick."""
        self._poke.set()

    async def wait(self, known: str | None, seconds: float) -> str | None:
        """The newest change once it differs from ``known`` (at once if it does already), or after
        ``seconds`` the value as it is; None while the database could not be read."""
        while self.latest is not None and self.latest == known:
            changed = self._changed
            try:
                await asyncio.wait_for(changed.wait(), timeout=seconds)
            except TimeoutError:
                break
        return self.latest

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                seen = self.store.read(latest_change)
            except Exception:  # an unreachable database: clients fall back to their rounds
                log.warning("the change watcher cannot read the database", exc_info=True)
                seen = None
            if seen != self.latest:
                self.latest = seen
                if self._loop is not None and not self._loop.is_closed():
                    self._loop.call_soon_threadsafe(self._wake)
            self._poke.wait(self.every)
            self._poke.clear()

    def _wake(self) -> None:
        """On the event loop: release every waiter, and give the next ones a fresh event."""
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()
