"""What an officer must be told about their local cache when it is opened: a cache that could not be read
and was set aside, or one left unencrypted. A value, so that the window words it in the officer's language
and the command line prints its English sentence (``str``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CacheNoticeKind(StrEnum):
    SET_ASIDE = "set_aside"  # unreadable (its key gone or wrong): kept under another name, a new one started
    NOT_ENCRYPTED = "not_encrypted"  # no keyring could keep a key: the cache stays plain
    STILL_PLAIN = "still_plain"  # another process has the plain cache open: encrypted at a later start


class UnreadableBecause(StrEnum):
    KEY_MISSING = "key_missing"  # not in this user's keyring: removed, or the file comes from another account
    KEY_WRONG = "key_wrong"  # the key this computer keeps does not open it


@dataclass(frozen=True, slots=True)
class CacheNotice:
    kind: CacheNoticeKind
    path: str  # the cache file
    kept_as: str | None = None  # SET_ASIDE: where the unreadable file now is
    because: UnreadableBecause | None = None  # SET_ASIDE
    queued: int | None = None  # SET_ASIDE: operations it held that were never sent (None: not known)
    detail: str = ""  # NOT_ENCRYPTED, STILL_PLAIN: the keyring's or the file's own words

    def __str__(self) -> str:
        if self.kind is CacheNoticeKind.NOT_ENCRYPTED:
            return f"the local cache {self.path} is not encrypted: {self.detail}"
        if self.kind is CacheNoticeKind.STILL_PLAIN:
            return f"the local cache {self.path} stays unencrypted for now: {self.detail}"
        reason = (
            "its key is not in this user's keyring: it was removed, or the file comes from another account"
            if self.because is UnreadableBecause.KEY_MISSING
            else "the key this computer keeps for it does not open it"
        )
        if self.queued is None:
            held = "how many operations it held that were not yet sent is not known"
        elif self.queued:
            held = f"{self.queued} queued operation(s) in it could not be read and were not sent"
        else:
            held = "it held no operations waiting to be sent"
        return (
            f"the local cache could not be read — {reason}. It was kept as {self.kept_as} and a new cache was "
            f"started, which the next sync fills; {held}."
        )
