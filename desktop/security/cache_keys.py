"""The keys of encrypted local caches, one keyring entry per cache file.

A key is 32 random bytes, given to SQLCipher as a raw key (no passphrase derivation on each connect). The
entry is named by the cache's salt: SQLCipher keeps those 16 random bytes unencrypted at the start of the
file, so the name travels with the file — a cache moved or renamed by its user still finds its key, and a
copy taken to another account (or another computer) finds none.
"""

from __future__ import annotations

import contextlib
import re
import secrets

from ..domain.errors import BadInput
from .credentials import Credentials, KeyringUnavailable

KEY_BYTES = 32
SALT_BYTES = 16
# The keyring "server" of the entries: service "Aduan local cache", user name the salt in hex.
ENTRY_SERVICE = "local cache"
_HEX_KEY = re.compile(rf"[0-9a-f]{{{2 * KEY_BYTES}}}")
_HEX_SALT = re.compile(rf"[0-9a-f]{{{2 * SALT_BYTES}}}")


class CacheKeyUnavailable(BadInput):
    """The keyring cannot keep or give the key of an encrypted cache."""

    code = "cache_key_unavailable"


def raw_key(key_hex: str, salt_hex: str) -> str:
    """What SQLCipher's ``PRAGMA key = "x'…'"`` takes: the key followed by the file's salt, in hex."""
    if not _HEX_KEY.fullmatch(key_hex) or not _HEX_SALT.fullmatch(salt_hex):
        raise BadInput("a cache key is 32 bytes and its salt 16 bytes, in lower-case hex")
    return key_hex + salt_hex


class CacheKeys:
    """Cache keys in the keyring behind ``credentials`` (the OS keyring in the product)."""

    def __init__(self, credentials: Credentials) -> None:
        self.credentials = credentials

    def get(self, salt_hex: str) -> str | None:
        """The raw key of the cache with this salt; None when the keyring has no entry for it."""
        try:
            key = self.credentials.get(ENTRY_SERVICE, salt_hex)
        except KeyringUnavailable as exc:
            raise CacheKeyUnavailable(
                f"the local cache is encrypted and the system keyring cannot give its key ({exc.message}); "
                "the cache was left untouched"
            ) from None
        return None if key is None else raw_key(key, salt_hex)

    def new(self) -> str:
        """A new key with a new salt, kept in the keyring before any file is encrypted with it."""
        key_hex, salt_hex = secrets.token_hex(KEY_BYTES), secrets.token_hex(SALT_BYTES)
        try:
            self.credentials.set(ENTRY_SERVICE, salt_hex, key_hex)
        except KeyringUnavailable as exc:
            raise CacheKeyUnavailable(
                f"the system keyring cannot keep the key of an encrypted local cache: {exc.message}"
            ) from None
        return raw_key(key_hex, salt_hex)

    def forget(self, raw: str) -> None:
        """Remove the entry of a key that encrypts no file (an encryption that did not finish)."""
        with contextlib.suppress(KeyringUnavailable):  # an unused entry left behind opens nothing
            self.credentials.delete(ENTRY_SERVICE, salt_of(raw))


def salt_of(raw: str) -> str:
    return raw[2 * KEY_BYTES :]
