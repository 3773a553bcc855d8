"""A small round-robin TCP load balancer in front of several ``aduan server`` processes, for the failover tests.

Each new client connection goes to the next backend in turn; a backend whose connect is refused (its process
is gone) is skipped for the next one, as nginx's ``proxy_next_upstream error`` and HAProxy's ``redispatch`` do
in production. A connection that is open when its backend dies is closed on the client: the client sees a
broken link and sends again — the operation ids make that safe. Threads and sockets only; ``close()`` stops it.
"""

from __future__ import annotations

import contextlib
import itertools
import socket
import threading
from collections import Counter

_CHUNK = 65536


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in recv() on it
    sock.close()


class Balancer:
    def __init__(self, backends: list[tuple[str, int]]) -> None:
        self.backends = list(backends)
        self.served: Counter[tuple[str, int]] = Counter()  # connections handed to each backend
        self.skipped: Counter[tuple[str, int]] = Counter()  # connects refused, passed on to the next backend
        self._turn = itertools.cycle(range(len(self.backends)))
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(128)
        self.port = int(self._listener.getsockname()[1])
        threading.Thread(target=self._accept_loop, daemon=True, name="balancer-accept").start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        _close(self._listener)
        with self._lock:
            open_sockets, self._open = self._open, set()
        for sock in open_sockets:
            _close(sock)

    def _connect(self) -> socket.socket | None:
        """A connection to the next backend that takes one; None when none does."""
        with self._lock:
            first = next(self._turn)
        for step in range(len(self.backends)):
            backend = self.backends[(first + step) % len(self.backends)]
            try:
                server = socket.create_connection(backend, timeout=2)
            except OSError:
                with self._lock:
                    self.skipped[backend] += 1
                continue
            server.settimeout(None)
            with self._lock:
                self.served[backend] += 1
            return server
        return None

    def _accept_loop(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            server = self._connect()
            if server is None:
                client.close()  # every backend is down: the client sees its connection closed
                continue
            with self._lock:
                self._open.update((client, server))
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        while True:
            try:
                data = source.recv(_CHUNK)
                if not data:
                    break
                sink.sendall(data)
            except OSError:
                break
        for sock in (source, sink):
            _close(sock)
            with self._lock:
                self._open.discard(sock)
