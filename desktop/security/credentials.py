"""Secrets, read and kept only here: officers' passwords in the operating system's keyring (Windows
Credential Manager, the macOS Keychain, the Secret Service), never in settings files or logs; and the
channel accounts' secrets, from this process's environment or keyring (``read_secret``).

The rest of the client sees the small ``Credentials`` protocol; tests use ``MemoryCredentials``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Protocol

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

from ..domain.errors import AduanError, BadInput

SERVICE = "Aduan"


class KeyringUnavailable(AduanError):
    """The system keyring refused or is missing: the password cannot be remembered on this computer."""

    code = "keyring_unavailable"


class Credentials(Protocol):
    def get(self, server: str, login: str) -> str | None: ...

    def set(self, server: str, login: str, password: str) -> None: ...

    def delete(self, server: str, login: str) -> None: ...


def session_entry(login: str) -> str:
    """The keyring user name of an Aduan server session: beside (never over) a password for the same address."""
    return f"{login} session"


def service_name(server: str) -> str:
    """One keyring entry per server address (already without a password) and login."""
    return f"{SERVICE} {server}"


class KeyringCredentials:
    def get(self, server: str, login: str) -> str | None:
        try:
            return keyring.get_password(service_name(server), login)
        except KeyringError as exc:
            raise _unavailable("read", exc) from None

    def set(self, server: str, login: str, password: str) -> None:
        try:
            keyring.set_password(service_name(server), login, password)
        except KeyringError as exc:
            raise _unavailable("store", exc) from None

    def delete(self, server: str, login: str) -> None:
        try:
            keyring.delete_password(service_name(server), login)
        except PasswordDeleteError:
            pass  # nothing was stored: forgetting it is already done
        except KeyringError as exc:
            raise _unavailable("remove", exc) from None


def _unavailable(doing: str, exc: KeyringError) -> KeyringUnavailable:
    # The backend's message names the backend and the cause; it never contains the secret.
    return KeyringUnavailable(f"the system keyring could not {doing} the secret: {exc}")


class MemoryCredentials:
    """Credentials kept in this process only, for tests."""

    def __init__(self) -> None:
        self.stored: dict[tuple[str, str], str] = {}

    def get(self, server: str, login: str) -> str | None:
        return self.stored.get((server, login))

    def set(self, server: str, login: str, password: str) -> None:
        self.stored[(server, login)] = password

    def delete(self, server: str, login: str) -> None:
        self.stored.pop((server, login), None)


class SecretUnavailable(BadInput):
    """A secret this process should hold cannot be read: its environment variable is not set, its keyring
    entry is missing, or the keyring itself cannot be used here."""

    code = "secret_unavailable"


def read_secret(reference: str, environ: Mapping[str, str] = os.environ) -> str:
    """The secret ``reference`` names: ``env:NAME``, from this process's environment, or
    ``keyring:SERVICE/USER``, from its keyring. Which references a caller may read is the caller's rule
    (a channel account reads only its own slot, ``channels/settings.py``)."""
    kind, _, name = reference.partition(":")
    if kind == "env":
        value = environ.get(name)
        if value is None:
            raise SecretUnavailable(
                f"the environment variable {name} (the account's secret) is not set for this process "
                "(the worker, or aduan server for a webhook)"
            )
        return value
    if kind != "keyring":
        raise BadInput(f"a secret is read from env:NAME or keyring:SERVICE/USER, not {reference!r}")
    service, _, user = name.partition("/")
    try:
        found = keyring.get_password(service, user)
    except (KeyringError, OSError) as exc:
        # The backend's message names the backend and the cause (no keyring, a locked one); never the secret.
        raise SecretUnavailable(
            f"the keyring of this process (the worker, or aduan server) cannot be read for {service}/{user}: {exc}"
        ) from None
    if found is None:
        raise SecretUnavailable(
            f"no secret for {service}/{user} in the keyring of this process (the worker, or aduan server)"
        )
    return found
