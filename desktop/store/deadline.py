"""A deadline on every round trip to PostgreSQL, so that a stalled link ends as "unreachable".

A link that goes silent while TCP stays up (a stuck load balancer, VPN or pooler; a frozen server) keeps
acknowledging packets, so neither TCP keepalives nor the TCP user timeout fire, and libpq has no read
timeout: a client would wait forever. One watcher thread per engine shuts down the socket of a connection
whose server has not answered in time; the blocked driver then fails at once with a disconnect, which the
store reports as unreachable. (PyMySQL has a socket read timeout of its own.)
"""

from __future__ import annotations

import os
import socket
import threading
import time
from typing import Any

from sqlalchemy import Connection, Engine, event


def _shut_down(dbapi_connection: Any) -> None:
    pgconn = getattr(dbapi_connection, "pgconn", None)
    if pgconn is None or pgconn.status != 0:  # not psycopg, or already closed
        return
    try:
        duplicate = socket.socket(fileno=os.dup(pgconn.socket))
        try:
            duplicate.shutdown(socket.SHUT_RDWR)
        finally:
            duplicate.close()
    except OSError:
        pass  # the socket is gone already: the driver has failed or will


class _Watch:
    """Round trips in flight and when each must have been answered."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._due: dict[int, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def arm(self, dbapi_connection: Any) -> None:
        if dbapi_connection is None:
            return
        with self._lock:
            self._due[id(dbapi_connection)] = (time.monotonic() + self.seconds, dbapi_connection)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True, name="aduan-reply-deadline")
                self._thread.start()

    def disarm(self, dbapi_connection: Any) -> None:
        with self._lock:
            self._due.pop(id(dbapi_connection), None)

    def _run(self) -> None:
        """Until nothing is in flight: an engine's watcher must not outlive its work. One thread per engine for
        the life of the process added up (a test process makes hundreds of engines): hundreds of threads waking
        twice a second starved the process of its GIL. ``arm`` starts another when a round trip is sent."""
        while True:
            time.sleep(0.5)
            now = time.monotonic()
            with self._lock:
                late = [key for key, (due, _conn) in self._due.items() if due < now]
                overdue = [self._due.pop(key)[1] for key in late]
                idle = not self._due
                if idle:
                    self._thread = None
            for dbapi_connection in overdue:
                _shut_down(dbapi_connection)
            if idle:
                return


def watch_replies(engine: Engine, seconds: float) -> Engine:
    watch = _Watch(seconds)

    def dbapi(conn: Connection) -> Any:
        # An invalidated connection has no DBAPI connection to watch (and asking for it raises).
        return None if conn.invalidated else conn.connection.dbapi_connection

    @event.listens_for(engine, "before_cursor_execute")
    def _sent(conn: Connection, *_args: Any) -> None:
        watch.arm(dbapi(conn))

    @event.listens_for(engine, "after_cursor_execute")
    def _answered(conn: Connection, *_args: Any) -> None:
        watch.disarm(dbapi(conn))

    # COMMIT and ROLLBACK are round trips too, outside cursor execution; their answer is seen when the
    # connection goes back to the pool or runs its next statement.
    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _ending(conn: Connection) -> None:
        watch.arm(dbapi(conn))

    @event.listens_for(engine, "handle_error")
    def _failed(context: Any) -> None:
        if context.connection is not None:
            watch.disarm(dbapi(context.connection))

    @event.listens_for(engine.pool, "checkin")
    @event.listens_for(engine.pool, "invalidate")
    def _returned(dbapi_connection: Any, *_args: Any) -> None:
        watch.disarm(dbapi_connection)

    return engine
