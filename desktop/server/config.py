"""The one configuration file of ``aduan server`` and ``aduan worker`` (``--config FILE``, TOML).

An admin writes it once (``installer/server/server.example.toml``) and both services read it: the database,
where the server listens, its TLS certificate, how both log. The database password is never in the file: the
file says where to read it (``password_file``: a systemd credential or a Docker secret; ``password_env``: an
environment variable). Every mistake is a ``BadInput`` (exit 2) naming the file, the section and the key, so a
service that will not start says why in its first log line.

Relative paths (the password file, the certificate and its key) are relative to the configuration file's folder;
``${NAME}`` in ``password_file`` is the environment variable NAME (systemd's ``${CREDENTIALS_DIRECTORY}``).
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from ..domain.errors import BadInput
from ..store.engine import normalise_url
from .run import listen_address

LOG_FORMATS = ("text", "json")
LOG_LEVELS = ("debug", "info", "warning", "error")
DEFAULT_LISTEN = "127.0.0.1:8443"
DEFAULT_TRUSTED_PROXIES = "127.0.0.1"
DEFAULT_INTERVAL_SECONDS = 30.0
DEFAULT_SEND_LEASE_SECONDS = 300.0
# Every section and its keys: anything else is a typo that would otherwise be ignored in silence.
KEYS: dict[str, tuple[str, ...]] = {
    "database": ("url", "password_file", "password_env"),
    "listen": ("address", "behind_proxy", "trusted_proxies"),
    "tls": ("cert", "key"),
    "log": ("format", "level"),
    "worker": ("interval_seconds", "send_lease_seconds"),
}
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    path: Path
    database_url: str  # with the password read from where the file points; never printed or logged
    listen: str = DEFAULT_LISTEN
    behind_proxy: bool = False
    trusted_proxies: str = DEFAULT_TRUSTED_PROXIES
    cert: str | None = None
    key: str | None = None
    log_format: str = "text"
    log_level: str = "info"
    interval_seconds: float = DEFAULT_INTERVAL_SECONDS
    send_lease_seconds: float = DEFAULT_SEND_LEASE_SECONDS


class _Reader:
    """Typed access to one file's tables, each mistake worded with the file, the section and the key."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    def refuse(self, where: str, problem: str) -> BadInput:
        return BadInput(f"{self.path}: {where}: {problem}")

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            raise self.refuse(f"[{name}]", "expected a table (a [section] header)")
        return value

    def string(self, section: str, key: str, default: str | None = None) -> str | None:
        value = self.section(section).get(key, default)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise self.refuse(f"[{section}] {key}", "expected a non-empty string")
        return value

    def boolean(self, section: str, key: str, default: bool) -> bool:
        value = self.section(section).get(key, default)
        if not isinstance(value, bool):
            raise self.refuse(f"[{section}] {key}", "expected true or false")
        return value

    def seconds(self, section: str, key: str, default: float) -> float:
        value = self.section(section).get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 86_400:
            raise self.refuse(f"[{section}] {key}", "expected a number of seconds from 1 to 86400")
        return float(value)

    def choice(self, section: str, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.string(section, key, default)
        if value not in choices:
            raise self.refuse(f"[{section}] {key}", f"{value!r} is not one of {', '.join(choices)}")
        return value

    def file(self, section: str, key: str, raw: str) -> Path:
        """``raw`` as a path relative to the configuration's folder; it must be a readable file."""
        path = self.path.parent / raw
        try:
            with path.open("rb"):
                pass
        except OSError as exc:
            raise self.refuse(f"[{section}] {key}", f"cannot read {path}: {exc.strerror}") from None
        return path


def load_service_config(path: Path) -> ServiceConfig:
    """Read and check ``path``; a mistake is a BadInput naming the file and the key."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"--config {path}: cannot read it: {exc.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{path}: not valid TOML: {exc}") from None
    reader = _Reader(path, data)
    for name in data:
        if name not in KEYS:
            raise reader.refuse(f"[{name}]", f"unknown section (expected {', '.join(KEYS)})")
        for unknown in set(reader.section(name)) - set(KEYS[name]):
            raise reader.refuse(f"[{name}] {unknown}", f"unknown key (expected {', '.join(KEYS[name])})")
    cert, key = reader.string("tls", "cert"), reader.string("tls", "key")
    if bool(cert) != bool(key):
        raise reader.refuse("[tls]", "give both cert and key (PEM files), or neither")
    return ServiceConfig(
        path=path,
        database_url=_database_url(reader),
        listen=_listen(reader),
        behind_proxy=reader.boolean("listen", "behind_proxy", False),
        trusted_proxies=_trusted_proxies(reader),
        cert=str(reader.file("tls", "cert", cert)) if cert else None,
        key=str(reader.file("tls", "key", key)) if key else None,
        log_format=reader.choice("log", "format", LOG_FORMATS, "text"),
        log_level=reader.choice("log", "level", LOG_LEVELS, "info"),
        interval_seconds=reader.seconds("worker", "interval_seconds", DEFAULT_INTERVAL_SECONDS),
        send_lease_seconds=reader.seconds("worker", "send_lease_seconds", DEFAULT_SEND_LEASE_SECONDS),
    )


def _listen(reader: _Reader) -> str:
    address = reader.string("listen", "address", DEFAULT_LISTEN)
    assert address is not None
    try:
        listen_address(address)
    except BadInput:
        raise reader.refuse("[listen] address", f"{address!r}: expected HOST:PORT, e.g. 0.0.0.0:8443") from None
    return address


def _trusted_proxies(reader: _Reader) -> str:
    """A list of addresses or networks (or one string of them, comma-separated), for X-Forwarded-For."""
    value = reader.section("listen").get("trusted_proxies", DEFAULT_TRUSTED_PROXIES)
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(item, str) for item in items):
        raise reader.refuse("[listen] trusted_proxies", 'expected a list of addresses, e.g. ["10.0.0.5"]')
    for item in items:
        try:
            ipaddress.ip_network(item.strip(), strict=False)
        except ValueError:
            raise reader.refuse("[listen] trusted_proxies", f"{item!r} is not an IP address or network") from None
    return ",".join(item.strip() for item in items)


def _database_url(reader: _Reader) -> str:
    url = reader.string("database", "url")
    if url is None:
        raise reader.refuse("[database] url", "missing: the database to serve, e.g. postgresql://aduan_srv@db/aduan")
    try:
        parsed = normalise_url(url)
    except BadInput as exc:
        raise reader.refuse("[database] url", exc.message) from None
    if parsed.password is not None or "password" in parsed.query:
        # Said without repeating the URL: it holds the password.
        raise reader.refuse(
            "[database] url",
            "holds a password; write the URL without it and name where the password is: password_file or password_env",
        )
    password = _password(reader)
    if password is None:
        return url  # ~/.pgpass, a unix socket's peer authentication, or a login without a password
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def _password(reader: _Reader) -> str | None:
    file, env = reader.string("database", "password_file"), reader.string("database", "password_env")
    if file and env:
        raise reader.refuse("[database]", "give password_file or password_env, not both")
    if env:
        if not _ENV_NAME.fullmatch(env):
            raise reader.refuse("[database] password_env", f"{env!r} is not an environment variable's name")
        value = os.environ.get(env)
        if not value:
            raise reader.refuse("[database] password_env", f"the environment variable {env} is not set or empty")
        return value
    if not file:
        return None

    def variable(match: re.Match[str]) -> str:
        value = os.environ.get(match[1])
        if not value:
            raise reader.refuse("[database] password_file", f"the environment variable {match[1]} is not set")
        return value

    path = reader.file("database", "password_file", _VARIABLE.sub(variable, file))
    try:
        # One line: the trailing newline an editor or `echo` adds is not part of the password.
        text = path.read_bytes().decode("utf-8").removesuffix("\n").removesuffix("\r")
    except UnicodeDecodeError:
        raise reader.refuse("[database] password_file", f"{path} is not UTF-8 text") from None
    if not text or "\n" in text:
        raise reader.refuse("[database] password_file", f"{path} must hold the password on one line")
    return text
