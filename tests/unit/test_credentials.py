"""Passwords go to the keyring (a real keyring backend, kept in this process) and nowhere else."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

from desktop.security.credentials import (
    Credentials,
    KeyringCredentials,
    KeyringUnavailable,
    MemoryCredentials,
    service_name,
)

SERVER = "postgresql://db.humas.go.id/aduan"


class ProcessKeyring(KeyringBackend):
    """A keyring backend that keeps entries in a dict; ``locked`` makes it fail like a locked keychain."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.locked = False

    def _check(self) -> None:
        if self.locked:
            raise KeyringLocked("the keyring is locked")

    def get_password(self, service: str, username: str) -> str | None:
        self._check()
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._check()
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._check()
        if (service, username) not in self.entries:
            raise PasswordDeleteError("not found")
        del self.entries[(service, username)]


@pytest.fixture
def backend() -> Iterator[ProcessKeyring]:
    previous = keyring.get_keyring()
    made = ProcessKeyring()
    keyring.set_keyring(made)
    yield made
    keyring.set_keyring(previous)


def round_trip(credentials: Credentials) -> None:
    assert credentials.get(SERVER, "ani") is None
    credentials.set(SERVER, "ani", "rahasia-1")
    credentials.set("postgresql://other/aduan", "ani", "lain")
    assert credentials.get(SERVER, "ani") == "rahasia-1"
    assert credentials.get(SERVER, "budi") is None
    credentials.set(SERVER, "ani", "rahasia-2")
    assert credentials.get(SERVER, "ani") == "rahasia-2"
    credentials.delete(SERVER, "ani")
    assert credentials.get(SERVER, "ani") is None
    credentials.delete(SERVER, "ani")  # forgetting twice is not an error
    assert credentials.get("postgresql://other/aduan", "ani") == "lain"


def test_memory_credentials_keep_one_password_per_server_and_login() -> None:
    round_trip(MemoryCredentials())


def test_keyring_credentials_store_under_the_aduan_service_and_the_login(backend: ProcessKeyring) -> None:
    round_trip(KeyringCredentials())
    assert backend.entries == {(service_name("postgresql://other/aduan"), "ani"): "lain"}
    assert service_name(SERVER) == f"Aduan {SERVER}"


def test_a_keyring_failure_is_a_clear_error_without_the_password(backend: ProcessKeyring) -> None:
    credentials = KeyringCredentials()
    credentials.set(SERVER, "ani", "rahasia-1")
    backend.locked = True
    for attempt in (
        lambda: credentials.get(SERVER, "ani"),
        lambda: credentials.set(SERVER, "ani", "rahasia-2"),
        lambda: credentials.delete(SERVER, "ani"),
    ):
        with pytest.raises(KeyringUnavailable, match="keyring could not") as failed:
            attempt()
        assert "rahasia" not in str(failed.value)
