"""The plumbing every fake API server of the channel tests shares: a threaded HTTP server on 127.0.0.1 at a
port the system picks, serving in a daemon thread."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def serve(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def url_of(server: ThreadingHTTPServer | None) -> str:
    assert server is not None, "start() the fake first"
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


def shut_down(server: ThreadingHTTPServer | None) -> None:
    if server is not None:
        server.shutdown()
        server.server_close()
