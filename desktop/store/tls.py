"""The central database across a network only over TLS: what `aduan server` and `aduan worker` check first.

The server and the worker hold the database's credentials and carry every report; across a network their
link to PostgreSQL or MariaDB must be encrypted. A database on this computer (a loopback address,
``localhost``, a unix socket) needs no TLS. Across the network the URL must *require* TLS — a driver that
only prefers it falls back to clear text when an attacker in the middle says the server cannot:

- PostgreSQL (libpq): ``sslmode=require``, ``verify-ca`` or ``verify-full`` (the last also checks the
  server's name; ``sslrootcert=`` names the CA).
- MariaDB (PyMySQL, through SQLAlchemy's URL): any of ``ssl_ca``, ``ssl_capath``, ``ssl_cert``,
  ``ssl_key``, ``ssl_cipher``, ``ssl_check_hostname``, ``ssl_verify_cert``, ``ssl_verify_identity``
  makes PyMySQL refuse a server without TLS; ``ssl_disabled`` turns TLS off.
"""

from __future__ import annotations

import ipaddress
import os

from sqlalchemy.engine import URL

from ..domain.errors import BadInput
from .engine import normalise_url

PG_TLS_MODES = frozenset({"require", "verify-ca", "verify-full"})
MARIADB_TLS_KEYS = frozenset(
    {
        "ssl_ca",
        "ssl_capath",
        "ssl_cert",
        "ssl_key",
        "ssl_cipher",
        "ssl_check_hostname",
        "ssl_verify_cert",
        "ssl_verify_identity",
    }
)


def require_tls_when_remote(raw_url: str, program: str) -> None:
    """BadInput (exit 2), naming the fix, when ``raw_url`` reaches PostgreSQL or MariaDB on another
    computer without requiring TLS. ``program`` names who refuses (``aduan server``, ``aduan worker``)."""
    url = normalise_url(raw_url)
    backend = url.get_backend_name()
    if backend == "sqlite":
        return
    remote = [host for host in database_hosts(url) if not is_local(host)]
    if not remote or requires_tls(url):
        return
    fix = (
        "add ?sslmode=verify-full (with sslrootcert=CA.pem when the database's certificate is not signed by a "
        "public CA; sslmode=require encrypts without checking the server) to the PostgreSQL URL"
        if backend == "postgresql"
        else "add ?ssl_ca=/path/to/ca.pem (the CA that signed the database's certificate) to the MariaDB URL"
    )
    raise BadInput(
        f"{program} refuses to reach the database at {', '.join(remote)} without TLS: it is not on this "
        f"computer, and database passwords and reports must not cross the network in clear. {fix[0].upper()}"
        f"{fix[1:]}, or run {program} on the database's computer."
    )


def _values(url: URL, key: str) -> list[str]:
    value = url.query.get(key)
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def database_hosts(url: URL) -> list[str]:
    """Every host the driver may connect to ('' for a unix socket)."""
    if url.get_backend_name() == "postgresql":
        # libpq: the URL's host, or host=/hostaddr= in the query (several, for failover: host=a:5432&host=b,
        # or a comma-separated list), else the environment, else the unix socket.
        listed = [url.host] if url.host else []
        for key in ("host", "hostaddr"):
            for value in _values(url, key):
                listed += value.split(",")
        if not listed:
            listed = [value for key in ("PGHOST", "PGHOSTADDR") for value in os.environ.get(key, "").split(",")]
        return [_without_port(host) for host in listed] or [""]
    if _values(url, "unix_socket"):
        return [""]  # PyMySQL connects to the socket and ignores the host
    return [url.host or "localhost"]


def _without_port(host: str) -> str:
    host = host.strip()
    if host.startswith("["):  # [::1]:5432
        return host[1 : host.find("]")] if "]" in host else host
    name, sep, port = host.rpartition(":")
    if sep and port.isdigit() and ":" not in name:  # db.example:5432, not a bare IPv6 address
        return name
    return host


def is_local(host: str) -> bool:
    """A unix socket (empty, a path, or Linux's abstract ``@name``), ``localhost`` or a loopback address."""
    if not host or host.startswith(("/", "@")) or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def requires_tls(url: URL) -> bool:
    if url.get_backend_name() == "postgresql":
        modes = _values(url, "sslmode")
        return bool(modes) and all(mode in PG_TLS_MODES for mode in modes)
    if _values(url, "ssl_disabled"):
        return False
    return any(key in url.query for key in MARIADB_TLS_KEYS)
