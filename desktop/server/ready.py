"""Readiness of ``aduan server`` (``/v1/ready``): whether this process can serve officers now.

Ready means the database answers and its schema is the revision this server runs. A load balancer asks every
few seconds, so the check is one query (the schema revision) with a short deadline, and never more than one
at a time: while a check waits on a stalled database, the next asks get "not ready" at once instead of piling
threads onto it. The reason given is for an admin and a monitor: it names the problem, never a host, a login,
a password or the driver's message (those go to the server's log, once, when readiness changes).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from ..domain.errors import NotPermitted
from ..store import migrate
from ..store.service import Store, translate, without_values

DEADLINE_SECONDS = 2.0
log = logging.getLogger("aduan.server.ready")


@dataclass(frozen=True, slots=True)
class Readiness:
    ready: bool
    reason: str = ""


class ReadinessCheck:
    def __init__(self, store: Store, deadline: float = DEADLINE_SECONDS) -> None:
        self.store = store
        self.deadline = deadline
        self._running: asyncio.Future[Readiness] | None = None
        self._last: Readiness | None = None

    async def check(self) -> Readiness:
        if self._running is not None and not self._running.done():
            return self._noted(Readiness(False, "the previous check is still waiting for the database"))
        self._running = asyncio.ensure_future(asyncio.to_thread(self._probe))
        try:
            # shield: a check that runs late finishes in its thread and frees its connection; only this answer
            # stops waiting for it.
            found = await asyncio.wait_for(asyncio.shield(self._running), self.deadline)
        except TimeoutError:
            found = Readiness(False, f"the database did not answer within {self.deadline:g} s")
        return self._noted(found)

    def _probe(self) -> Readiness:
        try:
            with self.store.engine.connect() as conn:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError as exc:
            log.debug("readiness: %s", without_values(exc))
            return Readiness(False, _reason(exc))
        if revision != migrate.HEAD_REVISION:
            return Readiness(False, f"the database schema is {revision}, this server runs {migrate.HEAD_REVISION}")
        return Readiness(True)

    def _noted(self, found: Readiness) -> Readiness:
        """Log a change of readiness once (a monitor asks every few seconds; the log is not a heartbeat)."""
        if self._last is None or found.ready != self._last.ready or found.reason != self._last.reason:
            if found.ready:
                log.info("ready: the database answers with schema %s", migrate.HEAD_REVISION)
            else:
                log.warning("not ready: %s", found.reason)
        self._last = found
        return found


def _reason(exc: DBAPIError) -> str:
    if isinstance(translate(exc), NotPermitted):
        return "the database refused the server's login or a permission it needs"
    if exc.connection_invalidated or isinstance(exc, OperationalError):
        return "the database is unreachable"
    return "the database has no Aduan schema: run `aduan db upgrade`"
