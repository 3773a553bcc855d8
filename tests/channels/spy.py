"""A listener that only records: who connected and what they sent. The attack tests point a channel
account at it to prove that the worker never connects, so that no secret could have left."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field


@dataclass
class Spy:
    host: str = "127.0.0.1"  # 127.0.0.2 stands for another machine: loopback, but not an address the TLS rule exempts
    received: list[bytes] = field(default_factory=list)  # one entry per connection
    _sock: socket.socket | None = None

    @property
    def port(self) -> int:
        assert self._sock is not None, "start() the spy first"
        return int(self._sock.getsockname()[1])

    def start(self) -> Spy:
        self._sock = socket.create_server((self.host, 0))
        self._sock.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        if self._sock is not None:
            self._sock.close()

    def _serve(self) -> None:
        assert self._sock is not None
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(1.0)
                data = b""
                try:
                    while chunk := conn.recv(65536):
                        data += chunk
                except OSError:
                    pass
                self.received.append(data)
