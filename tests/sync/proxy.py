"""A small TCP proxy between a client and its database server, with switches for the faults of a real link.

The fault tests point a client's ``Store`` at the proxy and then cut, refuse, stall or break the link at a
chosen protocol message. It runs in daemon threads (an accept loop and two pumps per connection) and
needs nothing but sockets; ``close()`` stops it.

Faults keyed to a message (``lose_ack_after``, ``cut_before``) fire once, on the first chunk the client
sends that contains the pattern, and then disarm: the client's retry finds a working link. Use the exact
wire frame of the statement (``commit_frame``): a bare ``b"COMMIT"`` also occurs in PyMySQL's
``SET AUTOCOMMIT = 0`` at connect.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass

from sqlalchemy.engine import make_url

# The client's COMMIT as it appears on the wire (read from captured traffic):
# psycopg sends a simple Query message: 'Q', int32 length (4 + len("COMMIT\0") = 11), "COMMIT\0".
PG_COMMIT = b"Q\x00\x00\x00\x0bCOMMIT\x00"
# PyMySQL sends COM_QUERY (0x03) "COMMIT" in a packet of 7 bytes (3-byte length) with sequence id 0.
MYSQL_COMMIT = b"\x07\x00\x00\x00\x03COMMIT"

_CHUNK = 65536
_POLL_SECONDS = 0.05


def commit_frame(url: str) -> bytes:
    """The COMMIT frame of the driver Aduan uses for this database URL."""
    backend = make_url(url).get_backend_name()
    if backend in ("postgresql", "postgres"):
        return PG_COMMIT
    if backend in ("mysql", "mariadb"):
        return MYSQL_COMMIT
    raise ValueError(f"no network protocol for {backend!r}")


def through(url: str, proxy: Proxy) -> str:
    """``url`` with its host and port replaced by the proxy's."""
    parsed = make_url(url).set(host="127.0.0.1", port=proxy.port)
    if parsed.get_backend_name() in ("postgresql", "postgres"):
        # The proxy reads the protocol to find COMMIT: a TLS session (sslmode=prefer on a server with
        # ssl=on) would hide it.
        parsed = parsed.update_query_dict({"sslmode": "disable"})
    return parsed.render_as_string(hide_password=False)


def _close(sock: socket.socket) -> None:
    # shutdown() first: on Linux a bare close() does not wake a thread blocked in recv()/accept() on it.
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


@dataclass
class _Fault:
    kind: str  # "lose_ack" or "cut_before"
    pattern: bytes


class _Link:
    """One client connection and its connection to the server."""

    def __init__(self, client: socket.socket, server: socket.socket) -> None:
        self.client = client
        self.server = server
        self.closed = threading.Event()
        self.drop_replies = False  # set once the client's COMMIT went through under lose_ack

    def close(self) -> None:
        if not self.closed.is_set():
            self.closed.set()
            _close(self.client)
            _close(self.server)


class Proxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self.fired: list[str] = []  # the faults that fired, in order: a test checks its fault happened
        self._lock = threading.Lock()
        self._links: set[_Link] = set()
        self._flowing = threading.Event()
        self._flowing.set()
        self._fault: _Fault | None = None
        self._listener: socket.socket | None = None
        self.accept()

    @classmethod
    def to(cls, url: str) -> Proxy:
        parsed = make_url(url)
        assert parsed.host and parsed.port, f"the URL names no host and port: {url}"
        return cls(parsed.host, parsed.port)

    # -- switches ---------------------------------------------------------------------------------------

    def accept(self) -> None:
        """Listen (again) on the same port."""
        with self._lock:
            if self._listener is not None:
                return
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen(64)
            self.port = listener.getsockname()[1]
            self._listener = listener
        threading.Thread(target=self._accept_loop, args=(listener,), daemon=True, name="proxy-accept").start()

    def refuse(self) -> None:
        """Stop listening: a new connection is refused at once (it does not hang). Open links stay."""
        with self._lock:
            listener, self._listener = self._listener, None
        if listener is not None:
            _close(listener)

    def cut(self) -> None:
        """Close every open link, both sides, at once."""
        with self._lock:
            links, self._links = self._links, set()
        for link in links:
            link.close()

    def stall(self) -> None:
        """Forward nothing more, in either direction, but keep every socket open (new ones are accepted)."""
        self._flowing.clear()

    def resume(self) -> None:
        self._flowing.set()

    def lose_ack_after(self, pattern: bytes = b"COMMIT") -> None:
        """Once: forward the client's chunk containing ``pattern``, wait for the server's reply, drop it and
        close both sides. The server did the work; the client never hears so."""
        self._fault = _Fault("lose_ack", pattern)

    def cut_before(self, pattern: bytes = b"COMMIT") -> None:
        """Once: swallow the client's chunk containing ``pattern`` and close both sides."""
        self._fault = _Fault("cut_before", pattern)

    def close(self) -> None:
        self.refuse()
        self.cut()
        self.resume()

    # -- machinery --------------------------------------------------------------------------------------

    def _accept_loop(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # refuse() or close() shut the listener
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            link = _Link(client, server)
            with self._lock:
                self._links.add(link)
            threading.Thread(target=self._pump, args=(link, client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(link, server, client, False), daemon=True).start()

    def _pump(self, link: _Link, source: socket.socket, sink: socket.socket, upstream: bool) -> None:
        while not link.closed.is_set():
            try:
                data = source.recv(_CHUNK)
            except OSError:
                break
            # A stalled link delivers nothing, not even the end of a connection.
            while not self._flowing.wait(_POLL_SECONDS):
                if link.closed.is_set():
                    return
            if not data:
                break
            if upstream:
                fault = self._take_fault(data)
                if fault == "cut_before":
                    break
                if fault == "lose_ack":
                    link.drop_replies = True
            elif link.drop_replies:
                break  # the server answered the COMMIT: the answer is lost with the link
            try:
                sink.sendall(data)
            except OSError:
                break
        link.close()
        with self._lock:
            self._links.discard(link)

    def _take_fault(self, data: bytes) -> str | None:
        with self._lock:
            fault = self._fault
            if fault is None or fault.pattern not in data:
                return None
            self._fault = None
            self.fired.append(fault.kind)
            return fault.kind
