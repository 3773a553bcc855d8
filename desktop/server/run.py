"""Running ``aduan server``: uvicorn in front of the app, over HTTPS or behind a reverse proxy."""

from __future__ import annotations

import ipaddress

from ..domain.errors import BadInput
from ..store import migrate
from ..store.service import Store
from ..store.tls import require_tls_when_remote
from .logs import configure_logging

# Requests served at once; more wait in the socket's queue instead of exhausting the database pool.
CONCURRENCY = 200
KEEP_ALIVE_SECONDS = 5


def listen_address(raw: str) -> tuple[str, int]:
    host, sep, port = raw.rpartition(":")
    host = host.strip("[]")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536 or not host:
        raise BadInput(f"--listen {raw!r}: expected HOST:PORT, e.g. 0.0.0.0:8443")
    return host, int(port)


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def serve(
    store: Store,
    listen: str,
    cert: str | None,
    key: str | None,
    behind_proxy: bool,
    proxies: str = "127.0.0.1",
    log_format: str = "text",
    log_level: str = "info",
) -> None:
    """Serve until interrupted. Plain HTTP only on this computer or behind a reverse proxy that speaks
    HTTPS to the officers (``--behind-proxy``; the proxy's address is trusted for X-Forwarded-For).
    Logs go to stderr as ``logs.py`` writes them (``log_format``: text or json)."""
    require_tls_when_remote(store.url, "aduan server")  # before anything connects to the database

    import uvicorn

    from .app import create_app

    host, port = listen_address(listen)
    if bool(cert) != bool(key):
        raise BadInput("give both --cert and --key (PEM files) to serve HTTPS")
    if not cert and not behind_proxy and not is_loopback(host):
        raise BadInput(
            "officers' passwords and reports must not cross the network in clear: give --cert and --key, "
            "or --behind-proxy when a reverse proxy serves HTTPS in front of this server"
        )
    store.read(migrate.check_schema)  # a server on a database it does not know refuses to start
    configure_logging(log_format, log_level)
    uvicorn.run(
        create_app(store),
        host=host,
        port=port,
        ssl_certfile=cert,
        ssl_keyfile=key,
        proxy_headers=behind_proxy,
        forwarded_allow_ips=proxies if behind_proxy else None,
        limit_concurrency=CONCURRENCY,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        server_header=False,
        log_config=None,  # configure_logging's handler, for uvicorn's messages too
        log_level=log_level,
        access_log=False,  # logs.AccessLog writes one line per request, without the raw path
    )
